"""The built site read back: the navigation's pages, in order, with their own content as published.

Steps after the engine (the handbook PDF) and the engine comparison test read the HTML files the engine wrote
and the navigation in the configuration, never the engine's objects: any engine that builds the staged tree
(MkDocs, Zensical) will do. A page's own content is the element templates/overrides/main.html puts around
what the theme prints in its content block (the page's body, and the <h1> the theme adds to a body without
one), less the hidden block of extra words for the search index.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# The attributes of the element around a page's own content (templates/overrides/main.html): the first on the
# pages the search indexes, the second on the others.
BODY_ATTRIBUTES = frozenset({"data-pagefind-body", "data-sc-body"})
# Where parsing starts: a <div> start tag with one of them (found as text, so that the theme's navigation before
# it, copied into every page, is never parsed).
BODY_TAG = re.compile(rf"<div\s[^>]*?(?<=\s)(?:{'|'.join(map(re.escape, sorted(BODY_ATTRIBUTES)))})(?=[\s=/>])")
FIRST_H1 = re.compile(r"<h1[\s>].*?</h1\s*>", re.DOTALL)
# Left out of a page's content: the extra words for the search index (generator/search_terms.py).
LEFT_OUT_CLASS = "sc-search-terms"
# Left out of a heading's text: its permalink (the ¶ the toc extension adds).
PERMALINK_CLASS = "headerlink"


@dataclass(frozen=True)
class NavPage:
    """A page of the navigation with its own content as published, without the theme's frame around it."""

    path: str
    url: str
    title: str
    html: str


@dataclass(frozen=True)
class BuiltSite:
    """What steps after the engine need from its build: the navigation's pages in order, and site_url."""

    pages: tuple[NavPage, ...]
    site_url: str | None


def read_site(config_file: Path, site_dir: Path, site_url: str | None) -> BuiltSite:
    """The navigation pages of the configuration (nav), read from the site an engine built into site_dir."""
    config = load_config(config_file)
    directory_urls = config.get("use_directory_urls", True) is not False
    pages = []
    for path in nav_paths(config.get("nav") or []):
        url = page_url(path, directory_urls)
        html = content((site_dir / output_path(url)).read_text(encoding="utf-8"), url)
        pages.append(NavPage(path, url, title(html) or url, html))
    return BuiltSite(tuple(pages), site_url)


def load_config(config_file: Path) -> dict[str, Any]:
    """A configuration's top-level settings, those of the file it names by INHERIT (if any) under its own."""
    # libyaml: the staged config holds the whole strings table, which the pure-Python parser takes ~0.4 s to read.
    own = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    parent = own.pop("INHERIT", None)
    if parent is None:
        return dict(own)
    return {**load_config(config_file.parent / str(parent)), **own}


def nav_paths(nav: object) -> Iterator[str]:
    """The Markdown files of a navigation, in its order (sections walked depth first, links left out)."""
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)


def page_url(path: str, directory_urls: bool = True) -> str:
    """A page's address relative to the site's root, as MkDocs and Zensical give it (index.md -> its folder)."""
    stem, folder = posixpath.splitext(path)[0], posixpath.dirname(path)
    if posixpath.basename(stem) == "index":
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def output_path(url: str) -> str:
    """The file a page's address is served from."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def content(page: str, where: str = "") -> str:
    """A built page's own content (see the module's docstring); ValueError when the page has no such element."""
    found = BODY_TAG.search(page)
    parser = _Content()
    if found:
        page = page[found.start() :]
        parser.feed_until_body_ends(page)
    if parser.body is None or parser.body[1] < 0:
        raise ValueError(f"{where or 'page'}: no element with one of {sorted(BODY_ATTRIBUTES)}")
    start, end = parser.body
    cut = [span for span in parser.left_out if start <= span[0] and span[1] <= end]
    kept, at = [], start
    for left, right in cut:
        kept.append(page[at:left])
        at = right
    kept.append(page[at:end])
    return "".join(kept).strip()


def title(html: str) -> str:
    """The text of the first <h1> of some HTML, without its permalink, spaces collapsed; "" when it has none."""
    heading = FIRST_H1.search(html)
    if heading is None:
        return ""
    parser = _Heading()
    parser.feed(heading.group())
    parser.close()
    return " ".join("".join(parser.text).split())


class _Located(HTMLParser):
    """An HTML parser that knows the offset in its input of the tag it is at (one feed of the whole input)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._data = ""
        self._lines = [0]

    def feed(self, data: str) -> None:
        self._data += data
        self._lines += [m.end() for m in re.finditer("\n", data)]
        super().feed(data)

    def tag_start(self) -> int:
        """Where the tag being handled starts."""
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def tag_end(self) -> int:
        """Where the end tag being handled ends."""
        return self._data.index(">", self.tag_start()) + 1


def _classes(attrs: list[tuple[str, str | None]]) -> list[str]:
    return " ".join(value or "" for name, value in attrs if name == "class").split()


class _BodyEnded(Exception):
    """Raised by _Content at the end of the body element: the rest of the page need not be parsed."""


class _Content(_Located):
    """The span of the first body element's inner HTML, and the spans of the blocks to leave out of it."""

    def __init__(self) -> None:
        super().__init__()
        self.body: tuple[int, int] | None = None
        self.left_out: list[tuple[int, int]] = []
        self._open: list[tuple[str, int]] = []  # the open <div>s: what each is ("body", "out", ""), its start

    def feed_until_body_ends(self, page: str) -> None:
        """Parse a page that starts with the body element's start tag, up to that element's end."""
        try:
            self.feed(page)
            self.close()
        except _BodyEnded:
            pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        kind = ""
        if self.body is None and BODY_ATTRIBUTES & {name for name, _ in attrs}:
            kind = "body"
            self.body = (self.tag_start() + len(self.get_starttag_text() or ""), -1)
        elif LEFT_OUT_CLASS in _classes(attrs):
            kind = "out"
        self._open.append((kind, self.tag_start()))

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or not self._open:
            return
        kind, start = self._open.pop()
        if kind == "body" and self.body is not None:
            self.body = (self.body[0], self.tag_start())
            raise _BodyEnded
        elif kind == "out":
            self.left_out.append((start, self.tag_end()))


class _Heading(HTMLParser):
    """The text of the first <h1>, without the text of its permalink."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._state = "before"  # "in" the heading, in its "permalink", or "after" it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and self._state == "before":
            self._state = "in"
        elif tag == "a" and self._state == "in" and PERMALINK_CLASS in _classes(attrs):
            self._state = "permalink"

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._state == "permalink":
            self._state = "in"
        elif tag == "h1" and self._state == "in":
            self._state = "after"

    def handle_data(self, data: str) -> None:
        if self._state == "in":
            self.text.append(data)
