"""The site search index: Pagefind extended (it segments Thai) run on the built HTML.

Pages mark what is indexed with data-pagefind-body and carry coded extra words for names and for words
inside longer Thai words (templates/overrides/main.html, generator/search_terms.py). The bundle is written
to <site>/pagefind/ and read by content/assets/javascripts/search.js on the search page.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from generator.errors import DataError, Problem
from generator.strings import Strings

BUNDLE_DIR = "pagefind"
LANGUAGE = "th"
TIMEOUT_SECONDS = 1800


def pagefind_binary() -> Path:
    """The Pagefind extended binary shipped in the pagefind-bin-extended wheel; the plain one lacks Thai."""
    from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

    return Path(get_executable())


def index_command(binary: Path, site_dir: Path) -> list[str]:
    """The Pagefind command line, every option explicit: whole site, bundle in site/pagefind, Thai."""
    return [
        str(binary),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        LANGUAGE,
        # The ¶ of heading permalinks is not part of a title.
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]


def index_site(site_dir: Path, strings: Strings) -> None:
    """Index the built site in site_dir into site_dir/pagefind/; raise DataError when Pagefind fails."""
    try:
        binary = pagefind_binary()
    except (ImportError, FileNotFoundError) as exc:
        raise _error(site_dir, strings.error("search_missing")) from exc
    # Pagefind also reads pagefind.yml from its working folder and PAGEFIND_* variables: neither may steer it.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    command = index_command(binary, site_dir.resolve())
    try:
        with tempfile.TemporaryDirectory(prefix="pagefind-") as empty:
            result = subprocess.run(
                command, cwd=empty, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _error(site_dir, strings.error("search_failed", reason=exc)) from exc
    if result.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        reason = (result.stderr or result.stdout).strip() or f"exit {result.returncode}"
        raise _error(site_dir, strings.error("search_failed", reason=reason))


def _error(site_dir: Path, message: str) -> DataError:
    return DataError([Problem(str(site_dir), 0, "search", message)])
