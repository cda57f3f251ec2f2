"""The handbook PDFs as a reader gets them, the Thai and the English one from one build: read back with poppler
(pdftotext, pdffonts) and pypdf."""

from __future__ import annotations

import html
import multiprocessing
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SETTINGS, TODAY, write
from pypdf import PdfReader
from pypdf.generic import Destination
from sites import FIXTURE, paths_for

from generator import build as pipeline
from generator import devtools, pdf
from generator.appendix import readable
from generator.builtsite import NavPage
from generator.builtsite import content as own_content
from generator.cli import main
from generator.editions import LANGS, edition
from generator.errors import DataError
from generator.handbook import FLOWING, GUIDE_URLS, PRINT_URL, arrange, document, keep_only, sections
from generator.render import make_env
from generator.strings import load_strings

pytestmark = pytest.mark.browser

# Characters that cannot begin a Thai line: combining vowels and tone marks (U+0E31, U+0E34–U+0E3A,
# U+0E47–U+0E4E), and the following vowels ะ า ำ ๅ and mai yamok ๆ, which belong to what precedes them.
BAD_LINE_START = re.compile(r"^[\u0E30-\u0E3A\u0E45-\u0E4E]", re.MULTILINE)
# Leading vowels เ แ โ ใ ไ belong to the consonant after them: a line never ends with one.
BAD_LINE_END = re.compile(r"[\u0E40-\u0E44]$", re.MULTILINE)
# Fonts of Debian's fonts-thai-tlwg: Thai text set in one of them did not get the bundled Sarabun.
TLWG = re.compile(r"Garuda|Kinnari|Laksaman|Loma|Norasi|Purisa|Sawasdee|Tlwg|Umpush|Waree")
THAI = re.compile(r"[\u0E00-\u0E7F]+")
# Elements whose text is printed as on the page and never in another language's words: no link (a link to the
# website gets its address after it on paper), no wording for the screen or for paper only.
PLAIN_PARAGRAPH = re.compile(r"<p\b[^>]*>((?:(?!</p>|<a (?!href=\"#)|class=\"sc-).)*)</p>", re.DOTALL)


@dataclass(frozen=True)
class Expected:
    """What an edition's PDF shows, written out here rather than taken from the generator."""

    title: str
    date: str
    first_chapters: tuple[str, str]
    some_chapters: frozenset[str]
    home_link: str
    directory: str
    # Letters of the edition's script, and how many of them its PDF holds at least.
    letters: str
    at_least: int


EXPECTED = {
    "th": Expected(
        "คู่มือการดำเนินความสัมพันธ์เมืองพี่เมืองน้องระดับจังหวัด",
        "ฉบับวันที่ 26 พฤศจิกายน พ.ศ. 2569 (ค.ศ. 2026)",
        ("เมืองพี่เมืองน้อง: คู่มือและสมุดรายชื่อ", "แนวทางปฏิบัติการสถาปนาความสัมพันธ์เมืองพี่เมืองน้องระดับจังหวัด"),
        frozenset({"อภิธานศัพท์", "คำถามที่พบบ่อย", "ขั้นที่ 7: ลงนาม"}),
        '<li><a href="downloads/handbook-th.pdf">คู่มือฉบับ PDF</a>: ',
        "สมุดรายชื่อ",
        "[\u0e01-\u0e2e]",
        30_000,
    ),
    "en": Expected(
        "Handbook on Provincial Sister-City Relations",
        "Edition of 26 November 2026",  # the Common Era only
        (
            "Sister Cities (เมืองพี่เมืองน้อง): Handbook and Directory",
            "Guidelines for Establishing Sister-City Relations at Provincial Level",
        ),
        frozenset({"Glossary", "Frequently Asked Questions", "Step 7: Sign"}),
        '<li><a href="../downloads/handbook-en.pdf">Handbook as PDF</a>: ',
        "Directory",
        "[A-Za-z]",
        60_000,
    ),
}


@dataclass(frozen=True)
class Printed:
    """One edition's handbook PDF in a built site, with the edition's pages it was printed from."""

    lang: str
    site: Path

    @property
    def pdf(self) -> Path:
        """The PDF, at the site's root for every edition."""
        return self.site / "downloads" / f"handbook-{self.lang}.pdf"

    @property
    def prefix(self) -> str:
        """The edition's folder as the start of a path: "" or "en/"."""
        return edition(self.lang).prefix

    @property
    def strings(self) -> dict[str, Any]:
        """The edition's strings."""
        return dict(load_strings(self.lang).data)

    @property
    def expected(self) -> Expected:
        """What the PDF shows."""
        return EXPECTED[self.lang]

    def page(self, url: str) -> str:
        """The built page of the edition at a site URL such as steps/ (a nav path such as steps/index.md too)."""
        folder = nav_url(url) if url.endswith(".md") else url
        return (self.site / self.prefix / folder / "index.html").read_text(encoding="utf-8")

    def chapters(self) -> list[tuple[str, str]]:
        """(path, heading) of every hand-written page of the nav in the edition's language, in order."""
        return nav_chapters(ROOT / "content" / self.prefix)

    def printed_urls(self) -> list[str]:
        """The URLs of the pages the PDF prints: the hand-written ones and the contributor guide's."""
        urls = [nav_url(path) for path, _ in self.chapters()]
        return urls + [url for url in GUIDE_URLS if url not in urls]


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled handbook of every edition, printed by one real build (fixture partner data: the PDFs hold no
    partner pages)."""
    tmp = tmp_path_factory.mktemp("pdf")
    paths = pipeline.Paths(**{**paths_for(tmp, write(tmp, dict(FIXTURE)), LANGS).__dict__, "pdf": True})
    pipeline.build(paths, SETTINGS)
    return paths.site


@pytest.fixture(scope="module", params=LANGS)
def printed(request: pytest.FixtureRequest, handbook: Path) -> Printed:
    """Each edition's PDF of that build: a test taking it checks the Thai and the English handbook."""
    return Printed(request.param, handbook)


def text(path: Path, *pages: int, raw: bool = False) -> str:
    """pdftotext of a PDF, or of some of its pages: lines as printed, pages ended by a form feed.

    Raw keeps a hyphen that ends a line (pdftotext otherwise joins the halves of a hyphenated word)."""
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    options = ["-raw"] if raw else []
    return subprocess.run(
        ["pdftotext", *options, *first_last, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def nav_chapters(content: Path = ROOT / "content") -> list[tuple[str, str]]:
    """(path, heading) of every hand-written page in mkdocs.yml's nav, in order, from the chapters in content (the
    Thai ones by default): read here, not by the generator."""
    found: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

    walk(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    chapters = []
    for path in found:
        source = content / path
        if source.is_file():
            heading = re.search(r"^# +(.+?) *$", source.read_text(encoding="utf-8"), re.MULTILINE)
            assert heading is not None, path
            chapters.append((path, heading.group(1)))
    return chapters


def test_the_home_page_links_the_pdf(printed: Printed) -> None:
    assert printed.expected.home_link in printed.page("")
    assert printed.pdf.read_bytes().startswith(b"%PDF-")


def squeeze(value: str) -> str:
    """Text without white space: where pdftotext put line breaks does not matter."""
    return re.sub(r"\s+", "", value)


def test_cover_gives_title_and_build_date_in_the_era_of_the_editions_pages(printed: Printed) -> None:
    cover = text(printed.pdf, 1)
    strings = printed.strings["print"]
    assert squeeze(cover).startswith(squeeze(strings["title"] + strings["subtitle"]))
    assert squeeze(cover).startswith(squeeze(printed.expected.title))
    assert printed.expected.date in cover
    assert f"{strings['page']} 1" not in cover


def test_the_english_cover_has_no_thai_and_no_buddhist_era_year(handbook: Path) -> None:
    cover = text(Printed("en", handbook).pdf, 1)
    assert THAI.findall(cover) == []
    assert "2569" not in cover  # 2026 in the Buddhist Era


def site_address(printed: Printed) -> str | None:
    """The address of the edition's pages, when mkdocs.yml sets site_url."""
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url")
    return f"{site_url.rstrip('/')}/{printed.prefix}" if site_url else None


def test_cover_names_the_publisher_the_status_and_where_the_site_is(printed: Printed) -> None:
    cover = squeeze(text(printed.pdf, 1))
    strings = printed.strings
    address = site_address(printed)
    site = strings["print"]["site"].format(url=address) if address else strings["print"]["no_site"]
    assert squeeze(strings["footer"]["publisher"]) in cover
    assert squeeze(strings["footer"]["status"]) in cover
    assert squeeze(site) in cover


def test_print_wording_replaces_web_wording(printed: Printed) -> None:
    whole = squeeze(text(printed.pdf))
    shown: dict[str, list[str]] = {"sc-screen-only": [], "sc-print-only": []}
    pattern = re.compile(r'<(span|div) class="(sc-screen-only|sc-print-only)">(.*?)</\1>', re.DOTALL)
    for path, _ in printed.chapters():
        for _, kind, inner in pattern.findall(printed.page(path)):
            shown[kind].append(squeeze(re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", inner)))
    assert shown["sc-screen-only"] and shown["sc-print-only"]
    assert [words for words in shown["sc-screen-only"] if words in whole] == []
    assert [words for words in shown["sc-print-only"] if words not in whole] == []


def test_contents_list_the_chapters_in_nav_order_then_the_appendices_with_the_page_each_starts_on(
    printed: Printed,
) -> None:
    chapters = printed.chapters()
    guide = [title for path, title in chapters if is_guide(path)]
    titles = [title for path, title in chapters if not is_guide(path)]
    assert guide and tuple(titles[:2]) == printed.expected.first_chapters
    assert printed.expected.some_chapters <= set(titles)
    first = starts(printed.pdf)[2][1]  # after the cover and the contents
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", str(first - 1), str(printed.pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = printed.strings["print"]
    assert contents.lstrip().startswith(f"{words['contents']}\n")
    chapter_part, appendix_part = contents.split(f"\n{words['appendices']}\n")
    listed = re.findall(r"^ *(\S.*?)\s{2,}(\d+)$", chapter_part, re.MULTILINE)
    assert [title for title, _ in listed] == titles
    for (path, _), (title, page) in zip([c for c in chapters if not is_guide(c[0])], listed, strict=True):
        shown = squeeze(text(printed.pdf, int(page)))
        assert squeeze(title) in shown if flows(path) else shown.startswith(squeeze(title)), title
    appendices = re.findall(r"^ *(\S.*?)\s{2,}(\d+)$", appendix_part, re.MULTILINE)
    sources = sources_title(printed)
    guide_title = words["appendix_title"].format(label=words["guide_label"], title=guide[0])
    assert [title for title, _ in appendices][:2] == [sources, guide_title]
    # The guide's first page shows its label above the guide's own heading.
    parts = {guide_title: [words["guide_label"], guide[0]]}
    for title, page in appendices:
        shown = squeeze(text(printed.pdf, int(page)))
        assert [part for part in parts.get(title, [title]) if squeeze(part) not in shown] == [], title


def sources_title(printed: Printed) -> str:
    """The heading of the appendix of sources, as the contents and the bookmarks show it."""
    words = printed.strings["print"]
    return str(words["appendix_title"].format(label=words["sources_label"], title=words["sources_title"]))


def is_guide(nav_path: str) -> bool:
    """A page of the contributor guide (contributing.md, contributing/...): printed as an appendix."""
    return f"{nav_url(nav_path)}" in GUIDE_URLS


def nav_url(nav_path: str) -> str:
    """The URL of a nav page, also its folder in the built site (use_directory_urls)."""
    return "" if nav_path == "index.md" else nav_path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page from 1) of every bookmark of a PDF, in order."""
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Destination | list[Any]], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                found.append((depth, str(item.title), page + 1))

    walk(reader.outline, 0)
    return found


def starts(path: Path) -> list[tuple[str, int]]:
    """(title, first page) of each top-level bookmark: the cover, the contents, every chapter and appendix."""
    return [(title, page) for depth, title, page in outline(path) if depth == 0]


def chapter_ends(printed: Printed) -> set[int]:
    """The last page of every part of the document that starts a page: the page before each such start, and the
    last page (a step that follows the one before it on the same page ends nothing)."""
    following = {title for nav_path, title in printed.chapters() if flows(nav_path)}
    return {page - 1 for title, page in starts(printed.pdf) if page > 1 and title not in following} | {
        len(PdfReader(printed.pdf).pages)
    }


def flows(nav_path: str) -> bool:
    """A chapter printed right after the one before it, not on a new page: a step under the steps' overview."""
    url = nav_url(nav_path)
    return any(url.startswith(prefix) and url != prefix for prefix in FLOWING)


def words(path: Path) -> list[list[tuple[str, float, float]]]:
    """Per page, (text, top, bottom) of each word as pdftotext -bbox places it, in points from the top."""
    found = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", found).replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [
        [(w.text or "", float(w.attrib["yMin"]), float(w.attrib["yMax"])) for w in page.iter("word")]
        for page in root.iter("page")
    ]


def fill(path: Path) -> list[float]:
    """Per page after the cover, how much of the text area is used: from its top down to the lowest line of text.

    Chromium fills a page from the top, so the area below the last line is what a page leaves blank; counting
    characters instead would call a page of short table rows or a signature block nearly empty. The text area
    is measured on the document itself: its top is the highest word on any page, its bottom the top of the
    page-number line (the lowest line of every page after the cover).
    """
    pages = words(path)[1:]
    footers = [footer_top(page) for page in pages]
    area_top = min(top for page in pages for _, top, _ in page)
    area_bottom = min(footers)
    lowest = [
        max((bottom for _, top, bottom in page if bottom <= footer), default=area_top)
        for page, footer in zip(pages, footers, strict=True)
    ]
    return [(bottom - area_top) / (area_bottom - area_top) for bottom in lowest]


def footer_top(page: list[tuple[str, float, float]]) -> float:
    """The top of a page's lowest line: of the words beside the lowest word (Thai and digits differ in height)."""
    _, low_top, low_bottom = max(page, key=lambda word: word[2])
    return min(top for _, top, bottom in page if top < low_bottom and bottom > low_top)


def test_no_page_is_nearly_blank_but_the_cover_and_the_end_of_a_chapter(printed: Printed) -> None:
    ends = chapter_ends(printed)
    filled = dict(enumerate(fill(printed.pdf), 2))
    assert [(n, round(share, 2)) for n, share in filled.items() if share < 0.25 and n not in ends] == []
    assert all(share <= 1.02 for share in filled.values())  # the measured area holds every page's text


def test_the_fill_measure_finds_a_nearly_blank_page(tmp_path: Path) -> None:
    lines = "".join(f"<p>บรรทัดที่ {n}</p>" for n in range(20))
    document = (
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><style>@page { size: A4; margin: 20mm;'
        ' @bottom-center { content: "หน้า " counter(page) } } @page :first { @bottom-center { content: none } }'
        f" .b {{ break-after: page }}</style></head><body><p class=b>ปก</p><div class=b>{lines}</div>"
        f"<p class=b>สั้น</p><div>{lines}</div></body></html>"
    )
    with pdf.Printer(tmp_path, load_strings()) as printer:
        (tmp_path / "fill.pdf").write_bytes(printer.pdf(document, "fill.html"))
    assert [share < 0.25 for share in fill(tmp_path / "fill.pdf")] == [False, True, False]


def test_two_builds_keeping_the_same_print_at_once_both_succeed(tmp_path: Path) -> None:
    # Two builds of one project printing the same handbook at once (a build and another in CI, say), each storing
    # its print in the shared cache again and again: neither may take or remove a file the other is writing.
    cached = tmp_path / "cache" / "handbook-same.pdf"
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "handbook-older.pdf").write_bytes(b"%PDF older")
    context = multiprocessing.get_context("fork")
    builds = [context.Process(target=_keep_again, args=(cached, 300)) for _ in range(2)]
    for build in builds:
        build.start()
    for build in builds:
        build.join(timeout=120)
    assert [build.exitcode for build in builds] == [0, 0]
    assert sorted(p.name for p in cached.parent.iterdir()) == ["handbook-same.pdf"]


def _keep_again(cached: Path, times: int) -> None:
    for _ in range(times):
        keep_only(cached, b"%PDF the same print")


def signature_rows(page: str) -> list[tuple[set[str], set[str]]]:
    """The words (runs of letters and digits) of the first and of the last row of each signature block of a page."""
    found = []
    for block in re.findall(r'<div class="sc-signature">(.*?)</div>', page, re.DOTALL):
        rows = [
            set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", row))) for row in re.findall(r"<tr>(.*?)</tr>", block, re.S)
        ]
        found.append((rows[0], rows[-1]))
    return found


def test_no_signature_block_is_split_across_pages(printed: Printed) -> None:
    count = len(PdfReader(printed.pdf).pages)
    pages = [squeeze(page) for page in text(printed.pdf).split("\f")[:count]]
    bounds = starts(printed.pdf)
    checked = 0
    for path, title in printed.chapters():
        blocks = signature_rows(printed.page(path))
        start = next(page for name, page in bounds if name == title)
        end = min([page for _, page in bounds if page > start] + [count + 1])
        for first, last in blocks:
            # A form's last table: the last page of its chapter that shows the block's last row shows its first.
            page = max(n for n in range(start, end) if all(word in pages[n - 1] for word in last))
            assert [word for word in first if word not in pages[page - 1]] == [], (title, page)
            checked += 1
    assert checked >= 1


def test_bookmarks_keep_the_spaces_of_their_headings(printed: Printed) -> None:
    headings = {}
    for path, _ in printed.chapters():
        for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", printed.page(path), re.DOTALL):
            shown = " ".join(re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", heading).split())
            headings[squeeze(shown)] = shown.replace("&amp;", "&")
    titles = [title for _, title, _ in outline(printed.pdf)]
    compared = [(title, headings[squeeze(title)]) for title in titles if squeeze(title) in headings]
    assert [(title, heading) for title, heading in compared if title != heading] == []
    assert any(" " in title for title, _ in compared)


def source_addresses(printed: Printed, path: str) -> tuple[set[str], set[str]]:
    """The addresses a chapter's Markdown lists under its sources heading, and those its text uses elsewhere."""
    heading = printed.strings["print"]["sources_heading"]
    source = ROOT / "content" / printed.prefix / path
    body, _, listed = source.read_text(encoding="utf-8").partition(f"\n## {heading}\n")
    address = re.compile(r"https?://[^\s<>)\]]+")
    return set(address.findall(listed)), set(address.findall(body))


def test_source_addresses_are_printed_in_the_appendix_not_in_the_chapters(printed: Printed) -> None:
    bounds = dict(starts(printed.pdf))
    appendix = bounds[sources_title(printed)]
    guide = min(page for page in bounds.values() if page > appendix)
    chapters = squeeze(text(printed.pdf, 3, appendix - 1, raw=True))
    sources = squeeze(text(printed.pdf, appendix, guide - 1, raw=True))
    only_listed: set[str] = set()
    for path, _ in printed.chapters():
        if not is_guide(path):
            listed, used = source_addresses(printed, path)
            only_listed |= listed - used
            assert [url for url in listed if squeeze(readable(url)) not in sources] == [], path
    assert only_listed
    assert sorted(url for url in only_listed if squeeze(readable(url)) in chapters) == []
    assert "%E0%B8" not in sources  # Thai in addresses is printed as Thai


def test_generated_directory_pages_are_not_in_the_pdf(printed: Printed) -> None:
    whole = squeeze(text(printed.pdf))
    site = printed.strings["site"]
    assert squeeze(site["directory_intro"]) not in whole  # directory/
    assert squeeze(site["province_none"]) not in whole  # every province page without partnerships


def test_every_page_after_the_cover_is_numbered(printed: Printed) -> None:
    count = len(PdfReader(printed.pdf).pages)
    pages = text(printed.pdf).split("\f")[:count]
    words = printed.strings["print"]
    numbered = [f"{words['page']} {n} {words['of']} {count}" in page for n, page in enumerate(pages, 1)]
    assert numbered == [False] + [True] * (count - 1)


def test_size_and_page_count_are_reasonable(printed: Printed) -> None:
    count = len(PdfReader(printed.pdf).pages)
    assert 40 <= count <= 200
    assert printed.pdf.stat().st_size < 4 * 1024 * 1024


def test_thai_lines_break_between_words_and_clusters_stay_whole(printed: Printed) -> None:
    whole = text(printed.pdf)
    assert "\ufffd" not in whole
    assert len(re.findall(printed.expected.letters, whole)) > printed.expected.at_least
    assert [whole[m.start() - 20 : m.start() + 5] for m in BAD_LINE_START.finditer(whole)] == []
    assert [whole[m.start() - 20 : m.start() + 5] for m in BAD_LINE_END.finditer(whole)] == []


def test_paragraphs_extract_as_they_are_written(printed: Printed) -> None:
    # Without the page numbers between pages, and with the halves of a word split at a hyphen joined again.
    words = printed.strings["print"]
    footer = re.compile(rf"^{re.escape(words['page'])} \d+ {re.escape(words['of'])} \d+\n", re.MULTILINE)
    raw = footer.sub("", text(printed.pdf, raw=True).replace("\f", ""))
    whole, squeezed = " ".join(raw.replace("-\n", "-").split()), squeeze(raw)
    latin: list[str] = []
    thai: list[str] = []
    for url in printed.printed_urls():
        for paragraph in PLAIN_PARAGRAPH.findall(own_content(printed.page(url), url)):
            shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", paragraph)).split())
            # Thai is written without spaces between words, and pdftotext puts one where a line breaks.
            (thai if THAI.search(shown) else latin).append(shown)
    assert len(latin) + len(thai) > 100
    assert [shown for shown in latin if shown not in whole] == []
    assert [shown for shown in thai if squeeze(shown) not in squeezed] == []


class MarkedThai(HTMLParser):
    """The text of a page that may be in Thai on an English page: what it marks lang="th", code, and addresses."""

    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.inside: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append(readable(str(attributes["href"])))
        if tag not in self.VOID:
            marked = attributes.get("lang") == "th" or tag in ("code", "pre")
            self.inside.append(marked or bool(self.inside and self.inside[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.inside:
            self.inside.pop()

    def handle_data(self, data: str) -> None:
        if self.inside and self.inside[-1]:
            self.found.append(data)


def test_the_english_pdf_shows_thai_only_where_its_pages_mark_it_and_no_thai_wording_of_its_own(
    handbook: Path,
) -> None:
    english = Printed("en", handbook)
    marked = MarkedThai()
    for url in english.printed_urls():
        marked.feed(own_content(english.page(url), url))
    allowed = "\n".join(marked.found)
    whole = text(english.pdf)
    shown = THAI.findall(whole)
    assert len(shown) > 100  # Thai terms in brackets, the glossary, the Thai help of the field reference
    assert sorted({run for run in shown if run not in allowed}) == []
    # The Thai PDF's own wording: none of it, nor its page numbers; the contents give Thai only in brackets.
    thai = load_strings("th").data["print"]
    own = [thai[key] for key in ("title", "contents", "appendices", "sources_label", "guide_label", "cited_in")]
    assert [words for words in own if squeeze(words) in squeeze(whole)] == []
    assert re.findall(rf"{thai['page']} \d+ {thai['of']}", whole) == []
    first = starts(english.pdf)[2][1]
    assert THAI.findall(re.sub(r"\([^()]*\)", "", text(english.pdf, 2, first - 1))) == []


def test_text_uses_sarabun_and_no_glyph_is_missing(printed: Printed) -> None:
    fonts = subprocess.run(["pdffonts", str(printed.pdf)], check=True, capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert {"Sarabun-Regular", "Sarabun-Bold"} <= names
    assert [name for name in names if TLWG.search(name)] == []
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:])  # embedded, subset, ToUnicode
    assert missing_glyphs(printed.pdf) == []


def missing_glyphs(path: Path) -> list[int]:
    """The page of every .notdef glyph (glyph 0, drawn as a box: tofu) that a Chromium PDF shows."""
    missing = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        # Chromium shows text as hex strings of two-byte glyph ids (Identity-H): <0036002A> Tj, or [...] TJ.
        content = page.get_contents()
        shown = re.findall(
            rb"<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ", content.get_data() if content is not None else b""
        )
        runs = [hex_run for tj, array in shown for hex_run in ([tj] if tj else re.findall(rb"<([0-9A-Fa-f]*)>", array))]
        missing += [number for run in runs for i in range(0, len(run), 4) if run[i : i + 4] == b"0000"]
    return missing


def test_links_to_the_website_say_where_they_go(printed: Printed) -> None:
    # The home page's chapter comes after the cover and the contents, however many pages the contents take.
    home = text(printed.pdf, starts(printed.pdf)[2][1])
    address = site_address(printed)
    # Without site_url, a page's path from the site's root: the English directory is at en/directory/.
    shown = f"{address}directory/" if address else f"{printed.strings['print']['on_site']} {printed.prefix}directory/"
    assert f"{printed.expected.directory} ({shown}):" in home


def test_the_english_pdf_links_the_files_both_editions_share_at_the_sites_root(handbook: Path) -> None:
    english = Printed("en", handbook)
    home = text(english.pdf, starts(english.pdf)[2][1])
    address = site_address(Printed("th", handbook))  # the site's root
    shown = f"{address}downloads/handbook-en.pdf" if address else "Web page downloads/handbook-en.pdf"
    assert f"Handbook as PDF ({shown}):" in home


def test_pdf_is_dated_by_the_build_date_not_the_clock(printed: Printed) -> None:
    info = subprocess.run(["pdfinfo", "-isodates", str(printed.pdf)], check=True, capture_output=True, text=True)
    dates = re.findall(r"^(CreationDate|ModDate): +(\S+)$", info.stdout, re.MULTILINE)
    assert dates == [("CreationDate", "2026-11-26T00:00:00Z"), ("ModDate", "2026-11-26T00:00:00Z")]


def test_no_pdf_skips_it(tmp_path: Path) -> None:
    partners = write(tmp_path, dict(FIXTURE))
    site = tmp_path / "site"
    args = ["build", "--partners", str(partners), "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(site)]
    assert main([*args, "--build-date", TODAY.isoformat(), "--no-pdf"]) == 0
    assert "handbook-th.pdf" not in (site / "index.html").read_text(encoding="utf-8")
    assert "handbook-en.pdf" not in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert not (site / "downloads").exists()


def test_missing_chromium_fails_the_build_in_thai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-chromium"
    monkeypatch.setattr(pdf, "CHROMIUM", missing)
    partners = write(tmp_path, dict(FIXTURE))
    site = tmp_path / "site"
    args = ["build", "--partners", str(partners), "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(site)]
    assert main([*args, "--build-date", TODAY.isoformat()]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{missing}: pdf: ไม่พบเบราว์เซอร์ Chromium ที่ {missing} ซึ่งใช้สร้างคู่มือฉบับ PDF"
        " ให้ติดตั้งด้วยคำสั่ง sudo sh scripts/system-deps.sh (หรือ apt-get install chromium-headless-shell fonts-thai-tlwg)"
        " หรือสั่ง build พร้อม --no-pdf เพื่อข้ามการสร้าง PDF"
    ]
    assert not site.exists()
    assert not list(tmp_path.glob(".site.new-*"))


def test_the_printer_serves_the_site_and_refuses_everything_else(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "in.css").write_text('h1::after { content: " SERVED" }', encoding="utf-8")
    (tmp_path / "secret.css").write_text('h1::before { content: "LEAKED " }', encoding="utf-8")
    (site / "assets" / "link.css").symlink_to(tmp_path / "secret.css")
    links = ["../assets/in.css", "/..%2fsecret.css", "../../../secret.css", "../assets/link.css"]
    document = (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        + "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
        + '</head><body><h1>คู่มือ</h1><img alt="" src="http://example.com/map.png"></body></html>'
    )
    with pdf.Printer(site, load_strings()) as printer:
        printed = printer.pdf(document, "downloads/print.html")
    (tmp_path / "print.pdf").write_bytes(printed)
    assert squeeze(text(tmp_path / "print.pdf")) == "คู่มือSERVED"
    assert sorted(printer.refused) == [
        "http://example.com/map.png",
        "http://handbook.invalid/..%2fsecret.css",
        "http://handbook.invalid/assets/link.css",
        "http://handbook.invalid/secret.css",
    ]
    assert capfd.readouterr() == ("", "")  # Chromium's own messages do not reach the build's output


def processes() -> dict[int, tuple[int, int, str, str]]:
    """Every process: pid → (parent, process group, state, program name), from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                head, tail = (entry / "stat").read_text().rsplit(")", 1)
            except OSError:
                continue
            state, parent, group = tail.split()[:3]
            found[int(entry.name)] = (int(parent), int(group), state, head.split("(", 1)[1])
    return found


def alive_in_group(group: int) -> list[int]:
    """The processes of a process group that still run (a zombie has ended and waits for its parent)."""
    return [pid for pid, (_, in_group, state, _) in processes().items() if in_group == group and state != "Z"]


def test_no_chromium_process_outlives_the_printer(tmp_path: Path) -> None:
    with pdf.Printer(tmp_path, load_strings()) as printer:
        printer.pdf("<p>x</p>", "print.html")
        children = [pid for pid, (parent, _, _, name) in processes().items() if parent == os.getpid()]
        browser = [pid for pid in children if processes()[pid][3].startswith("chromium")]
        assert len(browser) == 1
        assert len(alive_in_group(browser[0])) >= 3  # the browser, its renderer and other helpers
    assert alive_in_group(browser[0]) == []
    assert browser[0] not in processes()  # reaped


def fake_chromium(tmp_path: Path, script: str) -> Path:
    """An executable that stands in for Chromium."""
    path = tmp_path / "chromium"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_chromium_that_exits_fails_in_thai(tmp_path: Path) -> None:
    chromium = fake_chromium(tmp_path, "echo 'cannot open display' >&2\nexit 1")
    with pytest.raises(DataError) as failed, pdf.Printer(tmp_path, load_strings(), chromium):
        pass
    assert str(failed.value) == (
        f"{chromium}: pdf: สร้างคู่มือฉบับ PDF ไม่สำเร็จ: Chromium stopped (exit status 1): cannot open display"
    )


def test_a_chromium_that_hangs_fails_in_thai_and_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "TIMEOUT_MS", 1000)
    monkeypatch.setattr(devtools, "QUIT_SECONDS", 0.5)
    started = tmp_path / "started"
    chromium = fake_chromium(tmp_path, f"echo $$ > {started}\nsleep 600")  # sleep: a helper of its own
    with pytest.raises(DataError) as failed, pdf.Printer(tmp_path, load_strings(), chromium):
        pass
    assert str(failed.value) == (
        f"{chromium}: pdf: สร้างคู่มือฉบับ PDF ไม่สำเร็จ: Chromium did not answer in 1 s (Browser.getVersion)"
    )
    # SIGKILL cannot be caught, but a killed process takes a moment to end.
    deadline = time.monotonic() + 2
    while alive_in_group(int(started.read_text())) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert alive_in_group(int(started.read_text())) == []


def test_a_signature_block_that_does_not_fit_on_a_page_moves_whole_to_the_next(tmp_path: Path) -> None:
    strings = load_strings()
    rows = "".join(f"<tr><td>แถวที่{n}</td><td>……</td><td>……</td></tr>" for n in range(1, 11))
    body = (
        '<h1 id="f">แบบฟอร์ม</h1>'
        + "".join(f"<p>ข้อความย่อหน้าที่ {n}</p>" for n in range(17))
        + f'<div class="sc-signature"><table><tbody>{rows}</tbody></table></div>'
    )
    page = NavPage("forms/x.md", "forms/x/", "แบบฟอร์ม", body)
    content = arrange(sections([page], {"forms/x.md"}, None), "แหล่งที่มา")
    printed = document(
        make_env(ROOT / "templates" / "print", strings), content, dict.fromkeys(content.anchors, 0), SETTINGS, None
    )
    with pdf.Printer(tmp_path, strings) as printer:
        (tmp_path / "form.pdf").write_bytes(printer.pdf(printed, PRINT_URL))
    pages = text(tmp_path / "form.pdf").split("\f")
    first = next(n for n, page in enumerate(pages) if "แถวที่1\n" in page)
    assert "แถวที่10" in pages[first]
    assert "ข้อความย่อหน้าที่ 15" in pages[first - 1] and "แถวที่" not in pages[first - 1]
