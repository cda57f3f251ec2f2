"""The handbook as one PDF: the hand-written chapters of the navigation, a cover and a table of contents.

The chapters' HTML is what MkDocs rendered for the site; links between chapters become links inside the
PDF, links to other pages of the site become absolute (site_url) or show the page's path on paper.
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.engine import BuiltSite, NavPage
from generator.monitor import Settings
from generator.pdf import Printer, dated, destinations
from generator.strings import Strings

PDF_PATH = "downloads/handbook-th.pdf"
# Where Chromium sees the print document, so relative asset URLs resolve; nothing is written there.
PRINT_URL = "downloads/handbook-th.html"
TEMPLATE = "handbook.html.j2"
# MkDocs (Python-Markdown) writes every attribute value in double quotes, escaped.
ATTRIBUTE = re.compile(r'(?<=\s)(href|src|id)="([^"]*)"')
MAX_PASSES = 3


@dataclass(frozen=True)
class Section:
    """One chapter in the print document."""

    anchor: str
    title: str
    depth: int
    html: Markup


def sections(pages: Sequence[NavPage], chapters: Collection[str], site_url: str | None) -> list[Section]:
    """The navigation pages that are hand-written chapters, in navigation order, relinked for print."""
    chosen = [p for p in pages if p.path in chapters]
    anchors = {p.url: f"c{number}" for number, p in enumerate(chosen, 1)}
    return [
        Section(
            anchors[p.url],
            p.title,
            _depth(p.url, anchors),
            Markup(relink(p.html, p.url, anchors[p.url], anchors, site_url)),  # MkDocs output of our own pages
        )
        for p in chosen
    ]


def _depth(url: str, urls: Collection[str]) -> int:
    """1 for a page whose folder's index page is also in the PDF (steps/7-sign/ under steps/), else 0."""
    parent = posixpath.dirname(url.rstrip("/"))
    return 1 if parent and f"{parent}/" in urls else 0


def relink(body: str, here: str, prefix: str, anchors: Mapping[str, str], site_url: str | None) -> str:
    """A chapter's HTML with ids made unique in the PDF and links pointing where they can work."""

    def attribute(match: re.Match[str]) -> str:
        name, value = _target(match.group(1), html.unescape(match.group(2)), here, prefix, anchors, site_url)
        return f'{name}="{html.escape(value)}"'

    return ATTRIBUTE.sub(attribute, body)


def _target(
    name: str, value: str, here: str, prefix: str, anchors: Mapping[str, str], site_url: str | None
) -> tuple[str, str]:
    if name == "id":
        return name, f"{prefix}-{value}"
    url = urllib.parse.urlsplit(value)
    if url.scheme or url.netloc:
        return name, value
    if not url.path:
        return name, f"#{prefix}-{url.fragment}" if url.fragment else value
    target = urllib.parse.urljoin(f"/{here}", url.path).lstrip("/")
    if name == "src":
        return name, posixpath.relpath(target or ".", posixpath.dirname(PRINT_URL))
    if target in anchors:
        return name, f"#{anchors[target]}-{url.fragment}" if url.fragment else f"#{anchors[target]}"
    query = f"?{url.query}" if url.query else ""
    if site_url:
        fragment = f"#{url.fragment}" if url.fragment else ""
        return name, urllib.parse.urljoin(site_url.rstrip("/") + "/", target) + query + fragment
    return "data-site-path", (target or "./") + query


def document(
    env: jinja2.Environment,
    parts: Sequence[Section],
    numbers: Mapping[str, int],
    settings: Settings,
    site_url: str | None,
) -> str:
    """The print document: cover, contents with the given page numbers, then every chapter."""
    return env.get_template(TEMPLATE).render(sections=parts, numbers=numbers, settings=settings, site_url=site_url)


def settle(print_with: Callable[[Mapping[str, int]], bytes], anchors: Sequence[str]) -> bytes:
    """Print until the contents' page numbers are those where the chapters fall (Chromium has no target-counter)."""
    numbers = dict.fromkeys(anchors, 0)
    for _ in range(MAX_PASSES):
        pdf = print_with(numbers)
        found = destinations(pdf)
        missing = [a for a in anchors if a not in found]
        if missing:
            raise AssertionError(f"no PDF destination for {missing}")
        pages = {a: found[a] for a in anchors}
        if pages == numbers:
            return pdf
        numbers = pages
    raise AssertionError(f"contents page numbers did not settle in {MAX_PASSES} passes")


def write_pdf(
    site_dir: Path,
    built: BuiltSite,
    chapters: Collection[str],
    env: jinja2.Environment,
    settings: Settings,
    strings: Strings,
) -> Path:
    """Print the handbook chapters of a built site into its downloads/handbook-th.pdf."""
    parts = sections(built.pages, chapters, built.site_url)
    with Printer(site_dir, strings) as printer:
        pdf = settle(
            lambda numbers: printer.pdf(document(env, parts, numbers, settings, built.site_url), PRINT_URL),
            [s.anchor for s in parts],
        )
    target = site_dir / PDF_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(dated(pdf, settings.build_date))
    return target
