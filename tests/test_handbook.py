"""The print document of the handbook PDF, without a browser: which pages go in, and where their links go."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS

from generator import handbook
from generator.engine import BuiltSite, NavPage
from generator.handbook import relink, sections
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
