"""The glossary works both ways: both editions hold the same terms, and each has an index from the other language.

Each term is one row of a themed table, anchored by the same id in both editions (`{#id}` on its first cell). The
Thai glossary's rows read Thai, English, source; the English glossary's rows English, Thai, source. The indexes list
every term of their page, one line for each of a cell's alternatives (written "a / b"), each linked to its row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from markdown.extensions.toc import slugify

from generator.thaisort import thai_sort_key

THAI = ROOT / "content" / "glossary.md"
ENGLISH = ROOT / "content" / "en" / "glossary.md"
SOURCES = {THAI: "แหล่งที่มา", ENGLISH: "Sources"}
# Each index: its page, its heading and the language it is ordered by.
INDEXES = [
    (THAI, "ดัชนีคำภาษาอังกฤษ {#index-en}", "en"),
    (ENGLISH, "Index from English to Thai {#index-en}", "en"),
    (ENGLISH, "Index from Thai to English", "th"),
]
INDEX_IDS = ["th-from-en", "en-from-en", "en-from-th"]
ALTERNATIVES = " / "
ENTRY = re.compile(r"(.+?) \{#([a-z0-9]+(?:-[a-z0-9]+)*)\}")
INDEX_LINK = re.compile(r"\[(.+)\]\(#([^)]+)\)")
SOURCE_ITEM = re.compile(r"^- \[([^\]]+)\] <([^>]+)>", re.MULTILINE)
CITED = re.compile(r"\[([^\]]+)\](?!\()")
EXPLICIT_ID = re.compile(r"\s*\{#([^}]+)\}\s*$")


@dataclass(frozen=True)
class Entry:
    anchor: str
    thai: str
    english: str
    sources: frozenset[str]  # the addresses of the sources the row cites


def sections(path: Path) -> dict[str, str]:
    """A page's second-level sections by heading (as written, with any {#id})."""
    parts = path.read_text(encoding="utf-8").split("\n## ")[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


def table_rows(text: str) -> list[list[str]]:
    """The body rows of every table in a piece of Markdown, as lists of cells."""
    rows: list[list[str]] = []
    in_body = False
    for line in text.split("\n"):
        if in_body and line.startswith("| "):
            rows.append([cell.strip() for cell in line.strip().removeprefix("|").removesuffix("|").split(" | ")])
        in_body = line.startswith("|---") or (in_body and line.startswith("| "))
    return rows


def index_headings(path: Path) -> set[str]:
    return {heading for page, heading, _ in INDEXES if page == path}


def entries(path: Path) -> list[Entry]:
    """The rows of a glossary's themed tables; every row must carry its anchor."""
    parts = sections(path)
    addresses = dict(SOURCE_ITEM.findall(parts[SOURCES[path]]))
    found = []
    for heading, text in parts.items():
        if heading in index_headings(path) or heading == SOURCES[path]:
            continue
        for term, other, note in table_rows(text):
            match = ENTRY.fullmatch(term)
            assert match, f"{path.name}: the row of {term!r} has no anchor {{#id}}"
            cited = frozenset(addresses[key] for key in CITED.findall(note) if key in addresses)
            thai, english = (match.group(1), other) if path == THAI else (other, match.group(1))
            found.append(Entry(match.group(2), thai, english, cited))
    return found


def by_anchor(path: Path) -> dict[str, Entry]:
    found = entries(path)
    anchors = [entry.anchor for entry in found]
    assert len(set(anchors)) == len(anchors), f"{path.name}: an anchor is used twice"
    return {entry.anchor: entry for entry in found}


def test_every_row_of_both_glossaries_has_an_anchor() -> None:
    assert entries(THAI) and entries(ENGLISH)


def test_both_glossaries_hold_the_same_terms_under_the_same_anchors() -> None:
    thai, english = by_anchor(THAI), by_anchor(ENGLISH)
    assert thai.keys() == english.keys()
    for anchor, entry in thai.items():
        assert (entry.thai, entry.english) == (english[anchor].thai, english[anchor].english), anchor


def test_each_term_cites_the_same_sources_in_both_glossaries() -> None:
    thai, english = by_anchor(THAI), by_anchor(ENGLISH)
    assert any(entry.sources for entry in thai.values())
    for anchor, entry in thai.items():
        assert entry.sources == english[anchor].sources, anchor


def index_lines(path: Path, heading: str) -> list[tuple[str, str, str]]:
    """An index's lines: the term as listed, the anchor it links to, and the translation beside it."""
    lines = []
    for cell, translation in table_rows(sections(path)[heading]):
        match = INDEX_LINK.fullmatch(cell)
        assert match, f"{path.name}: the index line {cell!r} is not a link"
        lines.append((match.group(1), match.group(2), translation))
    return lines


def expected_lines(path: Path, language: str) -> list[tuple[str, str, str]]:
    """One line for each alternative of each term in the index's language, beside its own translation.

    Where both languages give the same number of alternatives, they translate each other in order
    (provincial governor / deputy governor, ผู้ว่าราชการจังหวัด / รองผู้ว่าราชการจังหวัด); otherwise each alternative
    stands beside the other language's whole cell (sister city beside both Thai words for it).
    """
    lines = []
    for entry in entries(path):
        mine, other = (entry.english, entry.thai) if language == "en" else (entry.thai, entry.english)
        terms, translations = mine.split(ALTERNATIVES), other.split(ALTERNATIVES)
        for i, term in enumerate(terms):
            translation = translations[i] if len(terms) == len(translations) else other
            lines.append((term, entry.anchor, translation))
    return lines


@pytest.mark.parametrize(("path", "heading", "language"), INDEXES, ids=INDEX_IDS)
def test_each_index_lists_every_term_of_its_glossary_exactly_once(path: Path, heading: str, language: str) -> None:
    listed, expected = index_lines(path, heading), expected_lines(path, language)
    assert len({term for term, _, _ in expected}) == len(expected)
    assert sorted(listed) == sorted(expected)


def english_order(term: str) -> tuple[str, str]:
    """Alphabetical, ignoring case, code marks and a leading article (A news report ... is found under N)."""
    return re.sub(r"^(?:a|an|the) ", "", term.replace("`", "").casefold()), term


ORDER: dict[str, Callable[[str], tuple[str, str]]] = {"en": english_order, "th": thai_sort_key}


@pytest.mark.parametrize(("path", "heading", "language"), INDEXES, ids=INDEX_IDS)
def test_each_index_is_in_the_order_of_its_language(path: Path, heading: str, language: str) -> None:
    terms = [term for term, _, _ in index_lines(path, heading)]
    assert terms == sorted(terms, key=ORDER[language])


def page_ids(path: Path) -> list[str]:
    """The ids MkDocs gives a page's anchors: each {#id}, and the slug of each other heading that has one.

    A heading in Thai has no slug (Python-Markdown keeps ASCII only) and gets a numbered id: links cannot rely on it.
    """
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r"\{#([^}]+)\}", text)
    for heading in re.findall(r"^#{2,6} (.+)$", text, flags=re.MULTILINE):
        if not EXPLICIT_ID.search(heading) and slugify(heading, "-"):
            ids.append(slugify(heading, "-"))
    return ids


@pytest.mark.parametrize("path", [THAI, ENGLISH], ids=["th", "en"])
def test_every_link_within_a_glossary_finds_its_anchor_and_no_anchor_is_given_twice(path: Path) -> None:
    ids = page_ids(path)
    assert len(set(ids)) == len(ids)
    links = re.findall(r"\]\(#([^)]+)\)", path.read_text(encoding="utf-8"))
    assert links and set(links) <= set(ids)


@pytest.mark.parametrize(("path", "heading", "language"), INDEXES, ids=INDEX_IDS)
def test_every_index_line_links_to_a_row_of_its_own_glossary(path: Path, heading: str, language: str) -> None:
    assert {anchor for _, anchor, _ in index_lines(path, heading)} <= by_anchor(path).keys()
