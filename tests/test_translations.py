"""The English handbook (content/en/) mirrors the Thai one: every chapter, its sources, labels and notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SETTINGS, Validate

from generator.chapters import parse_chapters
from generator.loader import load_content
from generator.refdata import load_refdata
from generator.strings import load_strings

CONTENT = ROOT / "content"
ENGLISH = CONTENT / "en"
THAI_CHAPTERS = sorted(
    p.relative_to(CONTENT).as_posix()
    for p in CONTENT.rglob("*.md")
    if p.relative_to(CONTENT).parts[0] not in ("en", "assets")
)
# Source keys such as [S2], [P1], [C3]: the same sources, cited under the same keys, in both languages.
SOURCE_KEY = re.compile(r"\[([A-Z]\d+)\]")
# The labels of rules and recommendations (guidelines/index.md explains them), Thai and English, each written
# bold with its colon and followed by a sentence.
LABELS = {"ต้อง": "Must", "ควร": "Should", "หลักการ": "Principle", "พบในทางปฏิบัติ": "Observed in practice"}
NOT_CONFIRMED = ("\n## สิ่งที่แหล่งข้อมูลยังไม่ยืนยัน\n", "\n## What the sources do not yet confirm\n")
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def pair(path: str) -> tuple[str, str]:
    """The Thai chapter and its English counterpart."""
    english = ENGLISH / path
    assert english.is_file(), f"content/en/{path} is missing"
    return (CONTENT / path).read_text(encoding="utf-8"), english.read_text(encoding="utf-8")


def front_matter(text: str) -> dict[str, object]:
    match = FRONT_MATTER.match(text)
    assert match is not None
    loaded = yaml.safe_load(match.group(1))
    assert isinstance(loaded, dict)
    return loaded


def test_the_thai_chapters_are_found() -> None:
    assert {"index.md", "guidelines/index.md", "steps/index.md", "forms/mou.md", "glossary.md"} <= set(THAI_CHAPTERS)


@pytest.mark.parametrize("path", THAI_CHAPTERS)
def test_every_thai_chapter_has_an_english_counterpart_citing_the_same_sources(path: str) -> None:
    thai, english = pair(path)
    assert sorted(set(SOURCE_KEY.findall(english))) == sorted(set(SOURCE_KEY.findall(thai)))
    assert front_matter(english).keys() == front_matter(thai).keys()


@pytest.mark.parametrize("path", THAI_CHAPTERS)
def test_the_english_chapter_keeps_every_label_and_the_unconfirmed_notes(path: str) -> None:
    thai, english = pair(path)
    counts = {en: english.count(f"**{en}:**") for en in LABELS.values()}
    assert counts == {en: thai.count(f"**{th}:**") for th, en in LABELS.items()}
    assert (NOT_CONFIRMED[1] in english) == (NOT_CONFIRMED[0] in thai)


def test_the_labels_are_counted_where_the_guidelines_use_them() -> None:
    thai, english = pair("guidelines/index.md")
    assert all(thai.count(f"**{th}:**") >= 2 and english.count(f"**{en}:**") >= 2 for th, en in LABELS.items())


def test_the_english_edition_is_not_staged_into_the_thai_build(tmp_path: Path) -> None:
    (tmp_path / "en" / "steps").mkdir(parents=True)
    (tmp_path / "en" / "steps" / "index.md").write_text("# Steps\n", encoding="utf-8")
    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "index.md").write_text("# ขั้นตอน\n", encoding="utf-8")
    (tmp_path / "entry.md").write_text("# x\n", encoding="utf-8")
    assert sorted(load_content(tmp_path)) == ["entry.md", "steps/index.md"]


def test_every_english_chapter_passes_the_chapter_check() -> None:
    files = {p.relative_to(ENGLISH).as_posix(): p.read_bytes() for p in sorted(ENGLISH.rglob("*.md"))}
    context = (load_refdata(), load_strings(), SETTINGS.latest_date)
    chapters, problems = parse_chapters(files, "content/en", context)
    assert problems == [] and sorted(c.path for c in chapters) == THAI_CHAPTERS


FENCE = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLE_COMMENT = ("# ตัวอย่างสมมุติ: เมืองหมิงเปิ่นไม่มีอยู่จริง", "# Fictional example: the city of Mingben does not exist")


def test_the_english_contributor_guide_shows_the_same_yaml_examples() -> None:
    """The Thai chapter's examples are validated (test_docs.py); the English ones differ only in their comment."""
    thai, english = pair("contributing.md")
    examples = [body.replace(*EXAMPLE_COMMENT) for body in FENCE.findall(thai)]
    assert len(examples) >= 5 and FENCE.findall(english) == examples


ENGLISH_CHAPTERS = sorted(ENGLISH.rglob("*.md"))
SOURCES = "\n## Sources\n"
CITATION = re.compile(r"\[((?:S|M|P|K|U|C)\d+|[A-Z][a-z]+(?: [a-z]+)? 20\d\d)\](?!\()")


def body(path: Path) -> str:
    """An English chapter's text without front matter, fenced code, inline SVG or its list of sources."""
    text = path.read_text(encoding="utf-8").split(SOURCES)[0]
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"<svg.*?</svg>", "", text, flags=re.S)


@pytest.mark.parametrize("chapter", ENGLISH_CHAPTERS, ids=lambda p: p.relative_to(ENGLISH).as_posix())
def test_english_labels_stand_apart_and_say_who_must_or_should(chapter: Path) -> None:
    text = body(chapter)
    for label in LABELS.values():
        assert f"**{label}** " not in text, label
        for sentence in re.findall(rf"^\s*- \*\*{label}:\*\* (.*)$", text, flags=re.M):
            assert sentence[0].isupper(), sentence
            if label in ("Must", "Should"):
                assert f" {label.lower()} " in sentence, sentence


@pytest.mark.parametrize("chapter", ENGLISH_CHAPTERS, ids=lambda p: p.relative_to(ENGLISH).as_posix())
def test_english_chapters_date_the_drive_plan_and_the_national_strategy_as_sourced(chapter: Path) -> None:
    text = body(chapter)
    blocks = re.split(r"\n(?=\s*- |\|)|\n\s*\n", text)
    naming = [b for b in blocks if re.search(r"drive plan.{0,80}2019–2023|2019–2023 drive plan", b, flags=re.S | re.I)]
    assert not naming or any("ended" in block for block in naming)
    if "2017–2036" in text:
        assert "2018–2037" in text


@pytest.mark.parametrize("chapter", ENGLISH_CHAPTERS, ids=lambda p: p.relative_to(ENGLISH).as_posix())
def test_every_citation_in_an_english_chapter_is_listed_in_its_sources(chapter: Path) -> None:
    text = chapter.read_text(encoding="utf-8")
    listed = set(re.findall(r"^- \[([^\]]+)\]", text.split(SOURCES)[1], flags=re.M))
    assert set(CITATION.findall(body(chapter))) <= listed


@pytest.mark.parametrize("path", THAI_CHAPTERS)
def test_the_english_chapter_keeps_the_thai_page_features(path: str) -> None:
    """Anchors that links point to, notes, checklists and signature blocks: the same in both editions."""
    thai, english = pair(path)
    for feature in (r"\{#[\w-]+\}", r"^!!! \w+", r"^\s*- \[ \] ", r'<div class="sc-signature" markdown>', r"<svg"):
        assert re.findall(feature, english, flags=re.M) == re.findall(feature, thai, flags=re.M), feature


def english_text_section(chapter: str) -> str:
    """The contributor guide's section on the English text of a record."""
    return chapter.split(" {#english}\n", 1)[1].split("\n## ", 1)[0]


def test_both_contributor_guides_give_the_rule_for_english_text_with_the_same_fields() -> None:
    thai, english = (english_text_section(text) for text in pair("contributing.md"))
    fields = set(re.findall(r"`(\w+)`", thai))
    assert {"note_th", "note_en", "title_en", "name_en", "activities", "documents", "responsible_office"} <= fields
    assert set(re.findall(r"`(\w+)`", english)) == fields
    assert "ไม่บังคับ `note_en`" in thai and "**`note_en` is not required**" in english


def test_a_record_with_a_thai_note_and_no_english_note_validates_as_the_guide_says(validate: Validate) -> None:
    full = next(body for body in FENCE.findall(pair("contributing.md")[0]) if "\nnote_en:" in body)
    without = re.sub(r"^note_en:.*\n", "", full, flags=re.MULTILINE)
    assert "\nnote_th:" in without and "note_en" not in without
    assert validate({"chiang-mai/mingben.yml": without}) == (0, [])
