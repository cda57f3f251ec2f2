"""The handbook as one PDF per edition: a cover, a table of contents, the chapters for officials, then two appendices.

The chapters' HTML is what MkDocs rendered for the site; links between chapters become links inside the
PDF, links to other pages of the site become absolute (site_url) or show the page's path from the site's root on
paper (en/directory/ for a page of the English edition). Each chapter's source list moves to the first appendix
(generator/appendix.py), the labels ([S5]) stay in the text; the contributor guide, for those who edit the
directory's data, is the second appendix.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import os
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.appendix import Source, cut_sources, gather
from generator.builtsite import BuiltSite, NavPage
from generator.editions import THAI, Edition, pdf_path
from generator.fieldref import FIELDS_URL
from generator.model import Chapter
from generator.monitor import Settings
from generator.pdf import ARGS, CHROMIUM, Printer, dated, destinations
from generator.render import env_edition
from generator.strings import Strings

PDF_PATH = pdf_path("th")


def print_url(ed: Edition) -> str:
    """Where Chromium sees an edition's print document: beside its PDF at the site's root (nothing is written
    there), so that relative URLs resolve from the root, where the fonts are for every edition."""
    return pdf_path(ed.lang).removesuffix(".pdf") + ".html"


PRINT_URL = print_url(THAI)
# The folder of every edition's print document: what images' addresses are made relative to.
PRINT_FOLDER = posixpath.dirname(PRINT_URL)
TEMPLATE = "handbook.html.j2"
# MkDocs (Python-Markdown) writes every attribute value in double quotes, escaped.
ATTRIBUTE = re.compile(r'(?<=\s)(href|src|id)="([^"]*)"')
TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
TEXT = re.compile(r"\S")
MAX_PASSES = 3
# Files a print document uses: src/href attributes and CSS url()s that are paths, not addresses.
USED_FILE = re.compile(r'(?:src|href)="([^"#?:]+)[^"]*"|url\("?([^")#?:]+)"?\)')
CACHE_PREFIX = "handbook-"
# The contributor guide's pages: printed after the chapters, as an appendix, with the field reference.
GUIDE_URLS = ("contributing/", FIELDS_URL)
SOURCES_ANCHOR = "sources"
# The steps are read one after another: each follows the last on the same page. Every other chapter, the forms
# above all, starts a page of its own, so that it can be printed alone.
FLOWING = ("steps/",)


def without_pdf_links(chapters: Sequence[Chapter], pdf: str = PDF_PATH) -> list[Chapter]:
    """The chapters without their list items that link to the PDF, for a build that does not print it.

    A link to the PDF anywhere else stays, and MkDocs' strict mode stops the build on it: no page is published
    with a link to a file that is not there.
    """
    return [dataclasses.replace(c, text=_pdf_item(c.path, pdf).sub("", c.text)) for c in chapters]


def _pdf_item(chapter_path: str, pdf: str) -> re.Pattern[str]:
    """A Markdown list item, with its indented continuation lines, holding a link to the PDF from this chapter
    (pdf: its path from the root of the chapter's edition)."""
    target = re.escape(posixpath.relpath(pdf, posixpath.dirname(chapter_path) or "."))
    return re.compile(rf"^([ \t]*)[-*+] [^\n]*\]\({target}\)[^\n]*\n(?:\1[ \t]+\S[^\n]*\n)*", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """One chapter in the print document."""

    anchor: str
    url: str
    title: str
    depth: int
    html: Markup

    @property
    def flows(self) -> bool:
        """Whether the chapter follows the one before it on the same page (a step under the steps' overview)."""
        return self.depth == 1 and self.url.startswith(FLOWING)


@dataclass(frozen=True)
class Parts:
    """What the print document holds: chapters for officials, the sources appendix, the contributor guide."""

    chapters: tuple[Section, ...]
    sources: tuple[Source, ...]
    # Source sections that are not plain lists of links: printed whole in the appendix, under their chapter.
    unlisted: tuple[Section, ...]
    guide: tuple[Section, ...]

    @property
    def anchors(self) -> list[str]:
        """The anchors the contents list, in order."""
        return [*(s.anchor for s in self.chapters), SOURCES_ANCHOR, *(s.anchor for s in self.guide)]


def sections(
    pages: Sequence[NavPage], chapters: Collection[str], site_url: str | None, root: str = ""
) -> list[Section]:
    """The hand-written chapters and the contributor guide's pages, in navigation order, relinked for print.

    root is the edition's folder in the site ("" or "en/"), site_url the address of the site's root."""
    # A page without text (a generated page whose body the engine did not hand over) is left out.
    chosen = [p for p in pages if (p.path in chapters or p.url in GUIDE_URLS) and TEXT.search(TAG.sub("", p.html))]
    anchors = {p.url: f"c{number}" for number, p in enumerate(chosen, 1)}
    return [
        Section(
            anchors[p.url],
            p.url,
            p.title,
            _depth(p.url, anchors),
            Markup(relink(p.html, p.url, anchors[p.url], anchors, site_url, root)),  # MkDocs output of our own pages
        )
        for p in chosen
    ]


def arrange(all_sections: Sequence[Section], sources_heading: str) -> Parts:
    """The chapters without their source lists, the lists gathered for the appendix, and the guide apart."""
    chapters: list[Section] = []
    items: list[tuple[str, str]] = []
    unlisted: list[Section] = []
    for section in all_sections:
        if section.url in GUIDE_URLS:
            continue
        cut = cut_sources(section.html, sources_heading)
        chapters.append(dataclasses.replace(section, html=cut.body))
        items.extend((section.title, item) for item in cut.items or ())
        if cut.section is not None:
            unlisted.append(dataclasses.replace(section, anchor=f"{section.anchor}-sources", html=cut.section))
    guide = tuple(s for s in all_sections if s.url in GUIDE_URLS)
    return Parts(tuple(chapters), tuple(gather(items)), tuple(unlisted), guide)


def _depth(url: str, urls: Collection[str]) -> int:
    """1 for a page whose folder's index page is also in the PDF (steps/7-sign/ under steps/), else 0."""
    parent = posixpath.dirname(url.rstrip("/"))
    return 1 if parent and f"{parent}/" in urls else 0


def relink(body: str, here: str, prefix: str, anchors: Mapping[str, str], site_url: str | None, root: str = "") -> str:
    """A chapter's HTML with ids made unique in the PDF and links pointing where they can work.

    here and the anchors' keys are URLs in the edition whose folder is root; site_url is the site's root address."""

    def attribute(match: re.Match[str]) -> str:
        name, value = _target(match.group(1), html.unescape(match.group(2)), here, prefix, anchors, site_url, root)
        return f'{name}="{html.escape(value)}"'

    return ATTRIBUTE.sub(attribute, body)


def _target(
    name: str, value: str, here: str, prefix: str, anchors: Mapping[str, str], site_url: str | None, root: str
) -> tuple[str, str]:
    if name == "id":
        return name, f"{prefix}-{value}"
    url = urllib.parse.urlsplit(value)
    if url.scheme or url.netloc:
        return name, value
    if not url.path:
        return name, f"#{prefix}-{url.fragment}" if url.fragment else value
    # From the site's root: a page of the English edition links the files every edition shares with ../
    target = urllib.parse.urljoin(f"/{root}{here}", url.path).lstrip("/")
    if name == "src":
        return name, posixpath.relpath(target or ".", PRINT_FOLDER)
    if target.startswith(root) and (page := target.removeprefix(root)) in anchors:
        return name, f"#{anchors[page]}-{url.fragment}" if url.fragment else f"#{anchors[page]}"
    query = f"?{url.query}" if url.query else ""
    if site_url:
        fragment = f"#{url.fragment}" if url.fragment else ""
        return name, urllib.parse.urljoin(site_url.rstrip("/") + "/", target) + query + fragment
    return "data-site-path", (target or "./") + query


def document(
    env: jinja2.Environment,
    content: Parts,
    numbers: Mapping[str, int],
    settings: Settings,
    site_url: str | None,
) -> str:
    """The print document: cover, contents with the given page numbers, the chapters, then the appendices.

    site_url is the address of the edition of env (its strings' language), the cover's web address."""
    return env.get_template(TEMPLATE).render(
        parts=content,
        numbers=numbers,
        settings=settings,
        site_url=site_url,
        root_url=site_root(site_url, env_edition(env)),
        sources_anchor=SOURCES_ANCHOR,
    )


def site_root(site_url: str | None, ed: Edition) -> str | None:
    """The site's root address from an edition's (the engine's site_url of the English edition ends in en/)."""
    return site_url.removesuffix(ed.prefix) if site_url and ed.prefix else site_url


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
    cache: Path | None = None,
) -> Path:
    """Print the handbook chapters of an edition (that of env) into the site's downloads/handbook-<lang>.pdf.

    site_dir is the built site's root, built the edition's pages read back, chapters their paths under content/.
    With a cache folder, a PDF printed from the same document, site files, Chromium and options is reused
    instead of starting Chromium again: edits to partner files do not change the handbook.
    """
    ed = env_edition(env)
    pages = sections(built.pages, chapters, site_root(built.site_url, ed), ed.prefix)
    content = arrange(pages, strings.data["print"]["sources_heading"])
    first = document(env, content, dict.fromkeys(content.anchors, 0), settings, built.site_url)
    url = print_url(ed)
    key = print_key(first, site_dir, url)
    cached = cache / f"{CACHE_PREFIX}{key}.pdf" if cache else None
    if cached and cached.is_file():
        pdf = cached.read_bytes()
    else:
        with Printer(site_dir, strings) as printer:
            pdf = dated(
                settle(
                    lambda numbers: printer.pdf(document(env, content, numbers, settings, built.site_url), url),
                    content.anchors,
                ),
                settings.build_date,
            )
        if cached:
            keep_only(cached, pdf)
    target = site_dir / pdf_path(ed.lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return target


def print_key(document: str, site_dir: Path, url: str = PRINT_URL) -> str:
    """What a print depends on: the document, the site files it uses, the Chromium binary and its options."""
    digest = hashlib.sha256(document.encode("utf-8"))
    base = (site_dir / url).parent
    used = sorted({a or b for a, b in USED_FILE.findall(document)})
    for name in used:
        path = (base / urllib.parse.unquote(name)).resolve()
        if path.is_file() and site_dir.resolve() in path.parents:
            digest.update(f"\0{name}\0".encode())
            digest.update(path.read_bytes())
    chromium = CHROMIUM.stat() if CHROMIUM.exists() else None
    digest.update(repr((chromium and (chromium.st_size, chromium.st_mtime_ns), ARGS)).encode())
    return digest.hexdigest()[:32]


def keep_only(cached: Path, pdf: bytes) -> None:
    """Store a print in the cache folder as its only entry (older prints are of older documents).

    Two builds of one project may print at once (a build and a preview's, or two in CI): each writes its own partial
    file, named by its process, and moves it into place, so neither takes or removes the other's."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    for old in cached.parent.glob(f"{CACHE_PREFIX}*.pdf"):
        if old != cached:
            old.unlink(missing_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pdf)
    partial.replace(cached)
