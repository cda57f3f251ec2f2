"""The print document of the handbook PDF, without a browser: which pages go in, and where their links go."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ROOT, SETTINGS
from markupsafe import Markup, escape

from generator import handbook
from generator.appendix import Cut, Source, cut_sources, gather, readable
from generator.builtsite import BuiltSite, NavPage
from generator.editions import ENGLISH, THAI
from generator.handbook import arrange, document, relink, sections, site_root
from generator.pdf import dated
from generator.render import make_env
from generator.strings import load_strings

PAGES = [
    NavPage("index.md", "", "หน้าแรก", '<h1 id="_1">หน้าแรก</h1>\n<p><a href="steps/">ขั้นตอน</a></p>'),
    NavPage("directory/index.md", "directory/", "สมุดรายชื่อ", "<h1>สมุดรายชื่อ</h1>"),
    NavPage("steps/index.md", "steps/", "ขั้นตอน", '<h2 id="_2">ก</h2>'),
    NavPage("steps/7-sign.md", "steps/7-sign/", "ลงนาม", "<p>x</p>"),
]


def test_sections_are_the_hand_written_nav_pages_with_steps_under_their_overview() -> None:
    parts = sections(PAGES, {"index.md", "steps/index.md", "steps/7-sign.md"}, None)
    assert [(s.anchor, s.title, s.depth) for s in parts] == [
        ("c1", "หน้าแรก", 0),
        ("c2", "ขั้นตอน", 0),
        ("c3", "ลงนาม", 1),
    ]
    assert parts[0].html == '<h1 id="c1-_1">หน้าแรก</h1>\n<p><a href="#c2">ขั้นตอน</a></p>'
    assert [s.flows for s in parts] == [False, False, True], "a step follows the one before it on its page"


SOURCES = "แหล่งที่มา"
REVIEWED = '<p class="sc-reviewed"><small>ตรวจทานแล้ว</small></p>'
LISTED = (
    '<h2 id="_3">แหล่งที่มา<a class="headerlink" href="#_3" title="Permanent link">&para;</a></h2>\n<ul>\n'
    '<li>[S10] <a href="https://example.org/%E0%B8%81">https://example.org/%E0%B8%81</a> (ข่าว)</li>\n'
    '<li>[S2] <a href="https://example.org/b">https://example.org/b</a></li>\n</ul>\n'
)


def test_a_chapter_loses_its_source_list_and_keeps_what_follows_it() -> None:
    body = '<h1 id="_1">ก</h1>\n<p>ข้อความ [S2]</p>\n<h2 id="_2">ข</h2>\n<p>ต่อ</p>\n' + LISTED + REVIEWED
    cut = cut_sources(body, SOURCES)
    assert cut.body == '<h1 id="_1">ก</h1>\n<p>ข้อความ [S2]</p>\n<h2 id="_2">ข</h2>\n<p>ต่อ</p>\n' + REVIEWED
    assert cut.items == (
        '[S10] <a href="https://example.org/%E0%B8%81">https://example.org/%E0%B8%81</a> (ข่าว)',
        '[S2] <a href="https://example.org/b">https://example.org/b</a>',
    )
    assert cut.section is None


def test_a_source_section_that_is_not_a_list_of_links_moves_whole() -> None:
    cut = cut_sources('<p>ก</p><h2 id="s">แหล่งที่มา</h2><p>รายงานปี 2561</p>', SOURCES)
    assert (cut.body, cut.items, cut.section) == ("<p>ก</p>", None, "<p>รายงานปี 2561</p>")
    assert cut_sources("<p>ก</p>", SOURCES) == Cut(Markup("<p>ก</p>"), (), None)


def test_sources_are_listed_once_per_label_and_address_in_label_order() -> None:
    items = [
        ("ก", '[S10] <a href="https://a.example/x">https://a.example/x</a> (ข่าว)'),
        ("ก", '[S2] <a href="https://b.example/">https://b.example/</a>'),
        ("ก", "ข้อกำหนด YAML 1.2"),
        ("ข", '[S10] <a href="https://a.example/x">https://a.example/x</a> (ข่าว)'),
        ("ข", '[S10] <a href="https://a.example/x">https://a.example/x</a> (ข่าวของจังหวัด)'),
    ]
    assert gather(items) == [
        Source("S2", "https://b.example/", "https://b.example/", ()),
        Source("S10", "https://a.example/x", "https://a.example/x", (Markup("(ข่าว)"), Markup("(ข่าวของจังหวัด)"))),
        Source("", None, None, (Markup("ข้อกำหนด YAML 1.2"),)),
    ]


def test_a_label_two_chapters_use_for_different_addresses_names_the_chapters() -> None:
    items = [
        ("ติดต่อหน่วยงาน", '[C1] <a href="https://a.example/">https://a.example/</a>'),
        ("คำถามที่พบบ่อย", '[C1] <a href="https://b.example/">https://b.example/</a>'),
        ("แบบฟอร์ม", '[C1] <a href="https://b.example/">https://b.example/</a>'),
    ]
    assert [(s.href, s.chapters) for s in gather(items)] == [
        ("https://a.example/", ("ติดต่อหน่วยงาน",)),
        ("https://b.example/", ("คำถามที่พบบ่อย", "แบบฟอร์ม")),
    ]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://th.example/news/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7?id=1", "https://th.example/news/ข่าว?id=1"),
        ("https://xn--72cac3eaq9bcv5cya9dxa1bzjl0kh6f.com/a", "https://เรื่องจริงผ่านเลนส์.com/a"),
        # Escapes of ASCII change what an address means; broken UTF-8 and invisible characters stay escaped.
        ("https://e.example/a%2Fb%20c", "https://e.example/a%2Fb%20c"),
        ("https://e.example/%E0%B8", "https://e.example/%E0%B8"),
        ("https://e.example/%E2%80%8B", "https://e.example/%E2%80%8B"),
        # A host name mixing scripts stays in its ASCII form.
        ("https://xn--pple-43d.example/", "https://xn--pple-43d.example/"),
    ],
)
def test_addresses_are_printed_readably_where_that_is_safe(url: str, shown: str) -> None:
    assert readable(url) == shown


def test_the_contributor_guide_is_an_appendix_and_source_lists_gather_there() -> None:
    pages = [
        NavPage("index.md", "", "หน้าแรก", "<h1>หน้าแรก</h1><p>[S2]</p>" + LISTED),
        NavPage("contributing.md", "contributing/", "คู่มือผู้ร่วมจัดทำข้อมูล", "<h1>คู่มือ</h1>" + LISTED),
        NavPage("contributing/fields/index.md", "contributing/fields/", "ช่องข้อมูล", "<h1>ช่อง</h1>"),
        NavPage("faq.md", "faq/", "คำถาม", "<h1>คำถาม</h1><p>[S2]</p>" + LISTED),
        NavPage("directory/index.md", "directory/", "สมุดรายชื่อ", "<!--SCGENERATEDBODY<h1>-->"),
    ]
    content = arrange(sections(pages, {"index.md", "contributing.md", "faq.md"}, None), SOURCES)
    assert [s.url for s in content.chapters] == ["", "faq/"]
    assert [s.url for s in content.guide] == ["contributing/", "contributing/fields/"]
    assert [s.label for s in content.sources] == ["S2", "S10"]
    assert all("example.org" not in s.html for s in content.chapters)
    assert all("example.org" in s.html for s in content.guide[:1])  # the guide keeps its own list
    assert content.anchors == ["c1", "c4", "sources", "c2", "c3"]


@pytest.mark.parametrize("site_url", [None, "https://example.go.th/sc/"])
def test_the_cover_names_publisher_status_address_and_date(site_url: str | None) -> None:
    strings = load_strings()
    content = arrange(sections(PAGES, {"index.md"}, site_url), SOURCES)
    numbers = dict.fromkeys(content.anchors, 0)
    page = document(make_env(ROOT / "templates" / "print", strings), content, numbers, SETTINGS, site_url)
    cover = page.split('<section class="sc-cover">')[1].split("</section>")[0]
    texts = [line.strip() for line in cover.splitlines() if line.strip()]
    printed = strings.data["print"]
    site = printed["site"].format(url=site_url) if site_url else printed["no_site"]
    assert texts == [
        f'<h1 class="sc-cover-title">{printed["title"]}</h1>',
        f'<p class="sc-cover-subtitle">{printed["subtitle"]}</p>',
        '<p class="sc-cover-date">ฉบับวันที่ 26 พฤศจิกายน พ.ศ. 2569 (ค.ศ. 2026)</p>',
        f'<p class="sc-cover-publisher">{strings.data["footer"]["publisher"]}</p>',
        f'<p class="sc-cover-status">{strings.data["footer"]["status"]}</p>',
        f'<p class="sc-cover-site">{site}</p>',
        f'<p class="sc-cover-note">{printed["note"]}</p>',
    ]


SITE = "https://example.go.th/sc/"


@pytest.mark.parametrize(
    ("body", "site_url", "expected"),
    [
        ('<h2 id="_3">ก</h2><a href="#_3">¶</a>', None, '<h2 id="c5-_3">ก</h2><a href="#c5-_3">¶</a>'),
        ('<a href="../7-sign/#_2">ลงนาม</a>', None, '<a href="#c9-_2">ลงนาม</a>'),
        ('<a href="../../">หน้าแรก</a>', None, '<a href="#c1">หน้าแรก</a>'),
        ('<a href="../../directory/?q=a&amp;b=1">ค</a>', None, '<a data-site-path="directory/?q=a&amp;b=1">ค</a>'),
        ('<a href="../../countries/cn/">จีน</a>', SITE, '<a href="https://example.go.th/sc/countries/cn/">จีน</a>'),
        (
            '<a href="https://example.org/a?b=1&amp;c=2">x</a>',
            None,
            '<a href="https://example.org/a?b=1&amp;c=2">x</a>',
        ),
        ('<a href="mailto:foreign@example.go.th">อีเมล</a>', None, '<a href="mailto:foreign@example.go.th">อีเมล</a>'),
        ('<img alt="" src="../../assets/images/map.png">', None, '<img alt="" src="../assets/images/map.png">'),
        ('<a data-id="x" href="x.docx">แบบ</a>', None, '<a data-id="x" data-site-path="steps/1-screen/x.docx">แบบ</a>'),
    ],
)
def test_relink_points_links_where_they_work_in_the_pdf(body: str, site_url: str | None, expected: str) -> None:
    anchors = {"": "c1", "steps/1-screen/": "c5", "steps/7-sign/": "c9"}
    assert relink(body, "steps/1-screen/", "c5", anchors, site_url) == expected


@pytest.mark.parametrize(
    ("body", "site_url", "expected"),
    [
        ('<a href="../7-sign/#_2">Sign</a>', None, '<a href="#c9-_2">Sign</a>'),
        ('<a href="../../">Home</a>', None, '<a href="#c1">Home</a>'),
        # Other pages of the English edition: their path or address from the site's root, under en/.
        ('<a href="../../directory/">D</a>', None, '<a data-site-path="en/directory/">D</a>'),
        ('<a href="../../directory/">D</a>', SITE, '<a href="https://example.go.th/sc/en/directory/">D</a>'),
        # A file both editions share, linked from the English pages at the site's root (editions.rooted_links).
        (
            '<a href="../../../downloads/handbook-en.pdf">P</a>',
            None,
            '<a data-site-path="downloads/handbook-en.pdf">P</a>',
        ),
        (
            '<a href="../../../downloads/handbook-en.pdf">P</a>',
            SITE,
            '<a href="https://example.go.th/sc/downloads/handbook-en.pdf">P</a>',
        ),
    ],
)
def test_relink_takes_the_links_of_the_english_edition_from_the_sites_root(
    body: str, site_url: str | None, expected: str
) -> None:
    anchors = {"": "c1", "steps/1-screen/": "c5", "steps/7-sign/": "c9"}
    assert relink(body, "steps/1-screen/", "c5", anchors, site_url, "en/") == expected


def test_the_sites_root_address_is_that_of_the_thai_edition() -> None:
    assert site_root("https://example.go.th/sc/en/", ENGLISH) == SITE
    assert site_root(SITE, THAI) == SITE
    assert site_root(None, ENGLISH) is None


@pytest.mark.parametrize("site_url", [None, "https://example.go.th/sc/en/"])
def test_the_english_print_document_is_english_and_dates_its_cover_in_the_common_era(site_url: str | None) -> None:
    strings = load_strings("en")
    content = arrange(sections(PAGES, {"index.md"}, site_root(site_url, ENGLISH), "en/"), "Sources")
    numbers = dict.fromkeys(content.anchors, 0)
    page = document(make_env(ROOT / "templates" / "print", strings), content, numbers, SETTINGS, site_url)
    assert '<html lang="en">' in page
    assert '<p class="sc-cover-date">Edition of 26 November 2026</p>' in page
    site = f"Website: {site_url}" if site_url else strings.data["print"]["no_site"]
    assert f'<p class="sc-cover-site">{escape(site)}</p>' in page
    # Links to any page of the site, shared files included, show their address on paper.
    assert ('a[href^="https://example.go.th/sc/"]::after' in page) is bool(site_url)


class _RecordingPrinter:
    """Stands in for Chromium: keeps the site folder, the address and the document of each print."""

    printed: ClassVar[list[tuple[object, str, str]]] = []

    def __init__(self, site_dir: object, strings: object) -> None:
        self.site_dir = site_dir

    def __enter__(self) -> _RecordingPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def pdf(self, document: str, url: str) -> bytes:
        self.printed.append((self.site_dir, url, document))
        return b"%PDF- en"


def test_the_english_handbook_is_printed_from_the_sites_root_into_its_own_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handbook, "Printer", _RecordingPrinter)
    monkeypatch.setattr(handbook, "settle", lambda print_with, anchors: print_with(dict.fromkeys(anchors, 0)))
    _RecordingPrinter.printed = []
    strings = load_strings("en")
    body = '<h1 id="home">Home</h1><p><a href="../downloads/handbook-en.pdf">PDF</a></p>'
    built = BuiltSite((NavPage("index.md", "", "Home", body),), None)
    env = make_env(ROOT / "templates" / "print", strings)
    target = handbook.write_pdf(tmp_path, built, {"index.md"}, env, SETTINGS, strings)
    assert target == tmp_path / "downloads" / "handbook-en.pdf"
    assert target.read_bytes() == b"%PDF- en"
    [(site, url, page)] = _RecordingPrinter.printed
    # Beside the Thai one, so that the fonts at the site's root/assets/ load for the English one too.
    assert (site, url) == (tmp_path, "downloads/handbook-en.html")
    assert 'url("../assets/fonts/sarabun-thai-400-normal.woff2")' in page
    assert '<p><a data-site-path="downloads/handbook-en.pdf">PDF</a></p>' in page


def test_dated_replaces_the_clock_without_moving_a_byte() -> None:
    pdf = b"<< /CreationDate (D:20261126125448+00'00')\n/ModDate (D:20261126125448+00'00')>>"
    assert dated(pdf, datetime.date(2026, 11, 20)) == (
        b"<< /CreationDate (D:20261120000000+00'00')\n/ModDate (D:20261120000000+00'00')>>"
    )


class _CountingPrinter:
    """Stands in for Chromium: counts the prints a write_pdf call starts."""

    started = 0

    def __init__(self, site_dir: object, strings: object) -> None:
        pass

    def __enter__(self) -> _CountingPrinter:
        type(self).started += 1
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def test_an_unchanged_handbook_is_not_printed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handbook, "Printer", _CountingPrinter)
    monkeypatch.setattr(handbook, "settle", lambda print_with, anchors: b"%PDF- printed")
    _CountingPrinter.started = 0
    site, cache = tmp_path / "site", tmp_path / "cache"
    font = site / "assets" / "fonts" / "sarabun-thai-400-normal.woff2"
    font.parent.mkdir(parents=True)
    font.write_bytes(b"font 1")
    env, strings = make_env(ROOT / "templates" / "print", load_strings()), load_strings()

    def print_pdf(pages: list[NavPage]) -> bytes:
        built = BuiltSite(tuple(pages), None)
        target = handbook.write_pdf(site, built, {"index.md"}, env, SETTINGS, strings, cache=cache)
        return target.read_bytes()

    assert print_pdf(PAGES) == b"%PDF- printed"
    assert print_pdf(PAGES) == b"%PDF- printed"
    assert _CountingPrinter.started == 1, "the same document, fonts and Chromium reuse the print"
    font.write_bytes(b"font 2")
    print_pdf(PAGES)
    assert _CountingPrinter.started == 2, "a changed font file is a new print"
    print_pdf([NavPage("index.md", "", "หน้าแรก", "<p>แก้ไขแล้ว</p>"), *PAGES[1:]])
    assert _CountingPrinter.started == 3, "a changed chapter is a new print"
    assert len(list(cache.iterdir())) == 1, "the cache keeps only the latest print"
