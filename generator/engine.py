"""The MkDocs adapter: the only module that imports mkdocs.

The docs tree it builds is plain Markdown and assets, so another MkDocs-compatible
engine can build the same tree.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.errors import DataError, Problem
from generator.strings import Strings


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, strings: Strings) -> None:
    """Run `mkdocs build --strict` on a staged docs tree into site_dir."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _quiet()
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as exc:
        message = strings.error("build_failed", reason=exc)
        raise DataError([Problem(str(config_file), 0, "mkdocs", message)]) from exc


def serve_site(config_file: Path, docs_dir: Path, dev_addr: str) -> None:
    """Serve the staged docs tree with live reload until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve

    serve(str(config_file), livereload=True, docs_dir=str(docs_dir), dev_addr=dev_addr)


def _quiet() -> None:
    """Show MkDocs warnings and errors, not its progress lines."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
