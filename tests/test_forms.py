"""The handbook's forms: editable DOCX made from each form's page, the contact page, the footer and the timeline."""

from __future__ import annotations

import datetime
import gc
import importlib.util
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, TODAY
from docx.text.paragraph import Paragraph
from sites import real_settings

from generator import forms
from generator.chapters import parse_chapters
from generator.errors import DataError
from generator.formtext import plain
from generator.loader import load_content
from generator.model import Chapter
from generator.refdata import load_refdata
from generator.strings import load_strings

STRINGS = load_strings()
CONTENT = ROOT / "content"
FORM_PAGES = sorted(p.relative_to(CONTENT).as_posix() for p in (CONTENT / "forms").glob("*.md") if p.name != "index.md")
# A blank meant for the user is written "……" (forms/index.md); square brackets are only citation keys.
CITATION = re.compile(r"(?:S|M|P|K|U|C)\d+|ข่าว(?:รัฐบาล)? 25\d\d")
UNFILLED = ("[ข้อความ", "TODO", "ตามคำแนะนำของ มท. และ กต.]", "[ชื่อ", "[วันที่")

SAMPLE = """---
reviewed: 2026-12-06
---

# ตัวอย่างหนังสือ

!!! warning "ตัวอย่าง ไม่ใช่แบบฟอร์มทางการ"
    ข้อความ **สำคัญ** ของคำเตือน

ย่อหน้าแรก มี[ลิงก์](../contact.md)
และบรรทัดที่สอง [S16]

## ข้อ 1 (Article 1)

| ภาษาไทย | English |
|---|---|
| จังหวัด……(ชื่อจังหวัด) | ……(name) Province |

- [ ] ตรวจแล้ว
1. ข้อที่หนึ่ง

<div class="sc-signature" markdown>

| | ฝ่ายไทย |
|---|---|
| ลายมือชื่อ | …… |

</div>
"""


def chapters() -> list[Chapter]:
    """The bundled handbook's chapters, read as the build reads them (dated today, as the bundled data is)."""
    today = real_settings().build_date
    found, problems = parse_chapters(load_content(CONTENT), "content", (load_refdata(), STRINGS, today))
    assert problems == []
    return found


def style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def texts(data: bytes) -> list[str]:
    return list(forms.document_text(data))


def test_a_form_page_becomes_headings_paragraphs_lists_and_tables() -> None:
    document = docx.Document(io.BytesIO(forms.render_docx(SAMPLE, "ตัวอย่างหนังสือ", TODAY, STRINGS)))
    paragraphs = [(style(p), p.text) for p in document.paragraphs if p.text]
    assert paragraphs == [
        ("Heading 1", "ตัวอย่างหนังสือ"),
        ("Normal", "ตัวอย่าง ไม่ใช่แบบฟอร์มทางการ\nข้อความ สำคัญ ของคำเตือน"),
        ("Normal", "ย่อหน้าแรก มีลิงก์ และบรรทัดที่สอง [S16]"),
        ("Heading 2", "ข้อ 1 (Article 1)"),
        ("Normal", "☐ ตรวจแล้ว"),
        ("List Number", "ข้อที่หนึ่ง"),
    ]
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "สำคัญ" in bold
    first, signature = document.tables
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["ภาษาไทย", "English"],
        ["จังหวัด……(ชื่อจังหวัด)", "……(name) Province"],
    ]
    # The signature block never splits across pages: every row is cantSplit; other tables only the header.
    cant_split = docx.oxml.ns.qn("w:cantSplit")
    assert all(row._tr.trPr is not None and row._tr.trPr.find(cant_split) is not None for row in signature.rows)
    assert first.rows[1]._tr.trPr is None


def test_the_docx_is_set_in_a_thai_font_sized_for_thai_text() -> None:
    document = docx.Document(io.BytesIO(forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)))
    qn = docx.oxml.ns.qn
    for name, points in forms.SIZES.items():
        properties = document.styles[name].element.rPr
        assert properties.rFonts.get(qn("w:cs")) == forms.THAI_FONT, name
        # One w:szCs (Thai text's size), right after w:sz: Word rejects a file with elements out of order.
        tags = [child.tag for child in properties]
        assert tags.count(qn("w:szCs")) == 1, name
        assert tags[tags.index(qn("w:sz")) + 1] == qn("w:szCs"), name
        assert properties.find(qn("w:szCs")).get(qn("w:val")) == str(points * 2), name


def test_the_docx_bytes_depend_only_on_the_page_and_the_build_date() -> None:
    once = forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)
    assert forms.render_docx(SAMPLE, "ก", TODAY, STRINGS) == once
    later = forms.render_docx(SAMPLE, "ก", TODAY + datetime.timedelta(days=1), STRINGS)
    assert later != once
    core = docx.Document(io.BytesIO(once)).core_properties
    midnight = datetime.datetime.combine(TODAY, datetime.time(), tzinfo=datetime.UTC)
    assert (core.created, core.modified, core.title) == (midnight, midnight, "ก")
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(once)).infolist()} == {(2026, 11, 26, 0, 0, 0)}


def test_without_python_docx_the_build_stops_with_a_thai_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DataError) as caught:
        forms.docx_files(chapters(), TODAY, STRINGS)
    assert [(p.path, p.field, p.message) for p in caught.value.problems] == [
        (
            "content/forms/action-plan.md",
            "docx",
            "ไม่พบแพ็กเกจ python-docx ซึ่งใช้สร้างไฟล์ Word (DOCX) ของแบบฟอร์ม"
            " ให้ติดตั้งด้วย pip install -r requirements.txt -c constraints.txt",
        )
    ]


def test_only_pages_in_forms_other_than_the_index_are_forms() -> None:
    assert forms.is_form("forms/mou.md")
    assert not forms.is_form("forms/index.md")
    assert not forms.is_form("steps/7-sign.md")
    assert forms.docx_path("forms/mou.md") == "forms/mou.docx"


@pytest.mark.parametrize("page", FORM_PAGES)
def test_each_bundled_form_opens_with_its_thai_headings_and_only_user_blanks(page: str) -> None:
    chapter = next(c for c in chapters() if c.path == page)
    data = forms.docx_files([chapter], TODAY, STRINGS)[forms.docx_path(page)]
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if style(p).startswith("Heading")]
    expected = re.findall(r"^#{1,4} (.+)$", chapter.text, re.MULTILINE)
    assert headings == [plain(h) for h in expected]
    assert re.search(r"[\u0e00-\u0e7f]", headings[0]), "a Thai title"
    words = "\n".join(texts(data))
    assert "……" in words, "the form has blanks for the user"
    for placeholder in UNFILLED:
        assert placeholder not in words
    assert [b for b in re.findall(r"\[([^\]]*)\]", words) if b.strip() and not CITATION.fullmatch(b)] == []
    assert "](" not in words and "**" not in words and "!!!" not in words


def test_the_forms_index_states_the_one_blank_convention_and_lists_every_form() -> None:
    index = (CONTENT / "forms" / "index.md").read_text(encoding="utf-8")
    assert "**ช่องที่ต้องกรอกทุกช่องเขียนด้วยจุด ……**" in index
    for page in FORM_PAGES:
        assert f"]({page.removeprefix('forms/')})" in index, page


def test_every_form_and_the_contact_page_are_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in [*FORM_PAGES, "contact.md"]:
        assert re.search(rf"^\s+- (?:[^:\n]+: )?{re.escape(page)}$", nav, re.MULTILINE), page


# Phrases that tell the reader to ask or check with the ministry. faq.md and contributing.md are edited elsewhere.
ASK = re.compile(
    r"สอบถาม(?:กองการต่างประเทศ )?มท\.|ปรึกษากองการต่างประเทศ|ถามกองการต่างประเทศ|ตรวจ(?:สอบ)?(?:ข้อนี้)?กับ มท\.|ขอคำแนะนำ"
)


def test_every_place_that_sends_the_reader_to_the_ministry_links_the_contact_page() -> None:
    unlinked = []
    for path in sorted(CONTENT.rglob("*.md")):
        name = path.relative_to(CONTENT).as_posix()
        if name in {"faq.md", "contributing.md", "contact.md"}:
            continue
        # A paragraph or list item: lines up to the next blank line or list item.
        blocks = re.split(r"\n(?=\s*(?:[-*] |\d+\. |\n|\|))", path.read_text(encoding="utf-8"))
        unlinked += [f"{name}: {b.strip()[:60]}" for b in blocks if ASK.search(b) and "contact.md" not in b]
    assert unlinked == []


def test_the_contact_page_gives_a_source_and_a_date_for_every_detail() -> None:
    page = (CONTENT / "contact.md").read_text(encoding="utf-8")
    rows = [r for r in page.splitlines() if r.startswith("| ") and not r.startswith("| รายการ") and "---" not in r]
    details = [
        r
        for r in rows
        if r.count("|") == 4
        and r.split("|")[1].strip() in {"เว็บไซต์", "เว็บไซต์ของกระทรวงมหาดไทย", "ที่อยู่", "โทรศัพท์", "อีเมล"}
    ]
    assert details
    for row in details:
        value, source = row.split("|")[2].strip(), row.split("|")[3].strip()
        assert value.startswith("ไม่พบ") or ("ธันวาคม 2569 (2026)" in source and re.search(r"\[C\d\]", source)), row


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> tuple[Path, datetime.date]:
    """The real site without the PDF, and the date it was built for."""
    built = json.loads((bundled_site / "data" / "partnerships.json").read_text(encoding="utf-8"))["build_date"]
    return bundled_site, datetime.date.fromisoformat(built)


def test_the_build_writes_each_forms_docx_and_its_page_links_it(site: tuple[Path, datetime.date]) -> None:
    root, build_date = site
    made = forms.docx_files(chapters(), build_date, STRINGS)
    assert sorted(made) == [forms.docx_path(p) for p in FORM_PAGES]
    for path, data in made.items():
        # The same bytes as a second run for the same build date: reproducible.
        assert (root / path).read_bytes() == data, path
        name = Path(path).name
        html = (root / path.removesuffix(".docx") / "index.html").read_text(encoding="utf-8")
        assert f'<a class="sc-download" href="../{name}">{STRINGS.data["forms"]["download"]}</a>' in html


def test_every_page_names_its_publisher_and_says_it_is_not_an_official_publication(
    site: tuple[Path, datetime.date],
) -> None:
    root, _ = site
    footer = STRINGS.data["footer"]
    assert "ไม่ใช่เอกสารเผยแพร่อย่างเป็นทางการ" in footer["status"]
    for page in ("index.html", "forms/mou/index.html", "directory/index.html"):
        html = (root / page).read_text(encoding="utf-8")
        assert f"<p>{footer['publisher']}</p>" in html, page
        assert f"<p>{footer['status']}</p>" in html, page
        assert re.search(rf'<p>{footer["contact_lead"]} <a href="[./]*contact/">{footer["contact"]}</a></p>', html), (
            page
        )


def test_the_steps_overview_has_an_accessible_inline_timeline(site: tuple[Path, datetime.date]) -> None:
    root, _ = site
    html = (root / "steps" / "index.html").read_text(encoding="utf-8")
    svg = html.split('<figure class="sc-timeline">')[1].split("</svg>")[0]
    assert 'role="img" aria-labelledby="sc-timeline-title sc-timeline-desc"' in svg
    assert '<title id="sc-timeline-title">' in svg and '<desc id="sc-timeline-desc">' in svg
    # Readable without JavaScript: every step's name is text in the SVG.
    for step in ("1. คัดกรองคู่ภาคี", "7. ลงนาม", "8. เสนอคณะรัฐมนตรีเพื่อทราบ", "9. ดำเนินงานและติดตามผล"):
        assert f">{step}</text>" in svg
    assert "<script" not in svg


@pytest.mark.parametrize(
    ("page", "stronger_than_its_source"),
    [
        # The guidelines say the relationship rests on the three principles; they do not state them as a rule.
        ("guidelines/index.md", "**ต้อง** ความสัมพันธ์ตั้งอยู่บนหลัก 3 ประการ"),
        # No source ranks the kinds of document.
        ("guidelines/index.md", "เอกสารหลัก"),
        ("forms/index.md", "เอกสารหลัก"),
        ("forms/mou.md", "เอกสารหลัก"),
        # The source says the draft would be sent with the action plan, not that it was.
        ("guidelines/index.md", "โดยส่งร่างไปพร้อมร่างแผนปฏิบัติการ"),
        # The sources give examples of MFA at signings, not a rule.
        ("index.md", "และส่งผู้แทนร่วมในพิธีลงนาม"),
        # An MOU is not a contract.
        ("guidelines/index.md", "คู่สัญญา"),
        # The 2007 precedent: the Cabinet took note on MOI's proposal.
        ("steps/8-inform-cabinet.md", "# ขั้นที่ 8: แจ้งคณะรัฐมนตรี"),
        ("steps/index.md", "[แจ้งคณะรัฐมนตรี]"),
    ],
)
def test_statements_keep_to_the_strength_of_their_sources(page: str, stronger_than_its_source: str) -> None:
    assert stronger_than_its_source not in (CONTENT / page).read_text(encoding="utf-8")


def test_step_8_is_named_as_its_source_describes_it() -> None:
    step = (CONTENT / "steps" / "8-inform-cabinet.md").read_text(encoding="utf-8")
    assert "\n# ขั้นที่ 8: เสนอคณะรัฐมนตรีเพื่อทราบ\n" in step
    assert "8. [เสนอคณะรัฐมนตรีเพื่อทราบ](8-inform-cabinet.md)" in (CONTENT / "steps" / "index.md").read_text(
        encoding="utf-8"
    )


def test_making_a_docx_leaves_no_garbage_where_the_cycle_collector_is_paused() -> None:
    # The generator pauses the collector; a python-docx document is a cycle of objects kept until a collection.
    forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)
    gc.disable()
    try:
        before = len(gc.get_objects())
        for _ in range(3):
            forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)
        assert len(gc.get_objects()) - before < 100
    finally:
        gc.enable()


def test_making_a_docx_keeps_what_the_live_preview_froze_frozen_and_freezes_nothing_in_a_build() -> None:
    assert gc.get_freeze_count() == 0
    forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)
    assert gc.get_freeze_count() == 0  # a build: everything is looked at again after
    gc.freeze()  # the live preview, after its first build (generator/live.py)
    try:
        frozen = gc.get_freeze_count()
        forms.render_docx(SAMPLE, "ก", TODAY, STRINGS)
        assert gc.get_freeze_count() > frozen // 2  # still frozen (some objects died meanwhile)
    finally:
        gc.unfreeze()
