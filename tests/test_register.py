"""The handbook's register: labels that stand apart from their sentences, official terms, claims dated as sourced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

CONTENT = ROOT / "content"
# The Thai chapters; the English edition (content/en/) keeps the same register in test_translations.py.
CHAPTERS = sorted(p for p in CONTENT.rglob("*.md") if p.relative_to(CONTENT).parts[0] != "en")
GUIDELINES = CONTENT / "guidelines" / "index.md"
SOURCES = "\n## แหล่งที่มา\n"
# The must and should labels: the sentence after each states the duty itself.
MODAL_LABELS = ("ต้อง", "ควร")
# The observed-practice label used to read like the name of the guidelines themselves (แนวทางปฏิบัติ).
OLD_OBSERVED_LABEL = "แนวปฏิบัติที่พบ"
# Wording that made the guidelines sound illegible rather than saying what the source shows.
RESEARCH_NOTES = ("อ่านไม่ได้", "ส่วนที่อ่านได้", "เท่าที่อ่านได้", "ข้อความที่อ่านได้", "ขาดหายไป")
CITATION = re.compile(r"\[((?:S|M|P|K|U|C)\d+|[\u0e00-\u0e7f]+ 25\d\d)\](?!\()")


# Where a step or a label is named: chapters, the navigation, the strings and the templates.
NAMING_PLACES = [
    *CHAPTERS,
    ROOT / "mkdocs.yml",
    *ROOT.glob("generator/strings/*.yaml"),
    *(path for path in (ROOT / "templates").rglob("*") if path.is_file()),
]


def chapter_id(path: Path) -> str:
    return path.relative_to(CONTENT).as_posix()


def body(path: Path) -> str:
    """A chapter's text without front matter, fenced code, inline SVG or its list of sources."""
    text = path.read_text(encoding="utf-8").split(SOURCES)[0]
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"<svg.*?</svg>", "", text, flags=re.S)


def declared_labels() -> list[str]:
    """The labels the guidelines page explains in its table, each written as it must appear (bold, with its colon)."""
    section = body(GUIDELINES).split("## วิธีอ่านป้ายกำกับ\n")[1].split("\n## ")[0]
    return re.findall(r"^\| (\*\*[^|]+\*\*) \|", section, flags=re.M)


def test_each_label_is_bold_text_ending_in_a_colon_and_none_reads_like_the_guidelines_name() -> None:
    labels = declared_labels()
    assert len(labels) >= 4
    for label in labels:
        assert re.fullmatch(r"\*\*[\u0e00-\u0e7f]+:\*\*", label), label
        assert "แนวปฏิบัติ" not in label and "แนวทางปฏิบัติ" not in label, label
    assert {f"**{word}:**" for word in MODAL_LABELS} <= set(labels)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_labels_stand_apart_from_the_sentence_they_introduce(chapter: Path) -> None:
    text = body(chapter)
    words = [label.strip("*:") for label in declared_labels()]
    for word in words:
        # A label is never run into its sentence ("**ต้อง** แผนงาน ..."): it keeps its colon.
        assert not re.search(rf"\*\*{word}\*\*", text), word
    for item in re.findall(r"^\s*- (\*\*[^*\n]+\*\*.*)$", text, flags=re.M):
        start = re.match(r"\*\*([^*:]+):?\*\*", item)
        label = start.group(1) if start else ""
        if label not in words:
            continue
        assert re.match(rf"\*\*{label}:\*\* \S", item), item
        if label in MODAL_LABELS:
            # The sentence after a must or should label says who must or should do what, not just a noun.
            assert label in item.split(":** ", 1)[1], item


def test_the_guidelines_use_each_label_they_declare_and_no_other() -> None:
    text = body(GUIDELINES)
    used = set(re.findall(r"^\s*- (\*\*[^*\n]+:\*\*)", text, flags=re.M))
    assert used == set(declared_labels())


def test_the_old_observed_practice_label_is_gone_everywhere() -> None:
    for path in NAMING_PLACES:
        assert OLD_OBSERVED_LABEL not in path.read_text(encoding="utf-8"), path


def test_step_8_is_named_with_the_official_term_everywhere() -> None:
    for path in NAMING_PLACES:
        assert "แจ้งคณะรัฐมนตรี" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_no_chapter_calls_its_source_illegible(chapter: Path) -> None:
    text = body(chapter)
    for phrase in RESEARCH_NOTES:
        assert phrase not in text, phrase


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_the_2019_2023_drive_plan_is_stated_as_ended_wherever_it_is_named(chapter: Path) -> None:
    # Blocks: paragraphs, list items and table rows; one that names the plan says its period has ended.
    blocks = re.split(r"\n(?=\s*- |\|)|\n\s*\n", body(chapter))
    naming = [block for block in blocks if re.search(r"แผนขับเคลื่อน.{0,120}2562–2566", block, flags=re.S)]
    assert not naming or any("สิ้นสุด" in block for block in naming)


def test_the_directions_page_says_what_is_known_after_the_drive_plan() -> None:
    text = body(CONTENT / "directions" / "index.md")
    assert "แหล่งข้อมูลที่พบไม่แสดงว่ามีแผนฉบับต่อ" in text
    assert re.search(r"^### สิ่งที่ทราบหลังแผนสิ้นสุดช่วงเวลา\n", text, flags=re.M)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_the_national_strategy_period_from_the_news_item_comes_with_the_published_one(chapter: Path) -> None:
    text = body(chapter)
    if "2560–2579" in text or "2017–2036" in text:
        assert "2561–2580" in text and "2018–2037" in text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_every_citation_label_in_a_chapter_is_listed_in_its_sources(chapter: Path) -> None:
    text = chapter.read_text(encoding="utf-8")
    if SOURCES not in text:
        return
    listed = set(re.findall(r"^- \[([^\]]+)\]", text.split(SOURCES)[1], flags=re.M))
    assert set(CITATION.findall(body(chapter))) <= listed
