"""The MkDocs adapter: the only module that imports mkdocs.

The docs tree it builds is plain Markdown and assets, so another MkDocs-compatible
engine can build the same tree.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import DataError, Problem
from generator.strings import Strings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class NavPage:
    """A page of the navigation with its body as MkDocs rendered it, before the theme wrapped it."""

    path: str
    url: str
    title: str
    html: str


@dataclass(frozen=True)
class BuiltSite:
    """What steps after MkDocs need from its build: the navigation's pages in order, and site_url."""

    pages: tuple[NavPage, ...]
    site_url: str | None


def build_site(
    config_file: Path, docs_dir: Path, site_dir: Path, strings: Strings, build_date: datetime.date | None = None
) -> BuiltSite:
    """Run `mkdocs build --strict` on a staged docs tree into site_dir, dated build_date when given."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _quiet()
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        config.extra["t"] = strings.data
        pages = _record_nav(config)
        with _dated(build_date):
            build(config)
    except MkDocsException as exc:
        message = strings.error("build_failed", reason=exc)
        raise DataError([Problem(str(config_file), 0, "mkdocs", message)]) from exc
    return BuiltSite(tuple(pages.values()), config.site_url or None)


@contextlib.contextmanager
def _dated(build_date: datetime.date | None) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to the build date for the duration of a build.

    MkDocs dates pages, the sitemap and the gzip header of sitemap.xml.gz from it, else from the clock;
    with it, two builds of the same inputs and build date are byte-identical.
    """
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if build_date is not None:
        midnight = datetime.datetime.combine(build_date, datetime.time(), datetime.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _record_nav(config: MkDocsConfig) -> dict[str, NavPage]:
    """Collect, in navigation order, each navigation page's body during the build (a plugin of our own)."""
    from mkdocs.plugins import BasePlugin

    pages: dict[str, NavPage] = {}

    class RecordNav(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # a plugin without options
        def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
            pages.clear()
            pages.update({page.file.src_uri: NavPage(page.file.src_uri, page.url, "", "") for page in nav.pages})
            return nav

        def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
            if page.file.src_uri in pages:
                heading = page.toc.items[0] if page.toc.items and page.toc.items[0].level == 1 else None
                title = heading.title if heading else page.title or page.url
                pages[page.file.src_uri] = NavPage(page.file.src_uri, page.url, title, html)
            return html

    config.plugins["generator/record-nav"] = RecordNav()
    return pages


def serve_site(config_file: Path, docs_dir: Path, dev_addr: str, strings: Strings) -> None:
    """Serve the staged docs tree with live reload until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve
    from mkdocs.config import load_config

    # Theme templates read the strings as config.extra.t, as the page templates read them as t.
    extra = {**load_config(str(config_file), docs_dir=str(docs_dir)).extra, "t": strings.data}
    serve(str(config_file), livereload=True, docs_dir=str(docs_dir), dev_addr=dev_addr, extra=extra)


def site_url(config_file: Path) -> str | None:
    """The site_url set in the MkDocs configuration (!ENV tags resolved), or None; read before the build."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        value = yaml_load(stream).get("site_url")
    return str(value) if value else None


def _quiet() -> None:
    """Show MkDocs warnings and errors, not its progress lines."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
