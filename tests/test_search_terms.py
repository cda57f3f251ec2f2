"""The ASCII code of the search index's extra words: its Python half (generator/search_terms.py, the index's words)
and its JavaScript half (content/assets/javascripts/terms.js, the query's) pass one table of vectors
(tests/fixtures/search_terms_vectors.json)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, run_vectors

from generator.search_terms import TAIL_CHARS, UNSPACED_RUN, coded_tails, encode

VECTORS = ROOT / "tests" / "fixtures" / "search_terms_vectors.json"
DATA = json.loads(VECTORS.read_text(encoding="utf-8"))
SCRIPT = ROOT / "content" / "assets" / "javascripts" / "terms.js"
RANGE = r"\\u([0-9a-f]{4})-\\u([0-9a-f]{4})"


@pytest.mark.parametrize(("run", "code"), DATA["encode"])
def test_python_codes_each_run_as_the_table_says(run: str, code: str) -> None:
    assert encode(run) == code


@pytest.mark.parametrize(("text", "runs"), DATA["runs"])
def test_python_finds_the_runs_of_unspaced_script(text: str, runs: list[str]) -> None:
    assert UNSPACED_RUN.findall(text) == runs


@pytest.mark.parametrize("row", DATA["tails"], ids=[row["word"] for row in DATA["tails"]])
def test_a_word_coded_as_the_browser_codes_it_starts_a_tail_of_its_page(row: dict[str, str]) -> None:
    # The browser codes the word's first TAIL_CHARS letters; the index holds the page's coded tails.
    assert encode(row["word"][:TAIL_CHARS]) == row["code"]
    assert [tail for tail in coded_tails([row["page"]]) if tail.startswith(row["code"])] != []


def test_the_table_covers_every_unspaced_script() -> None:
    letters = "".join(run for run, _ in DATA["encode"])
    ranges = [(chr(int(lo, 16)), chr(int(hi, 16))) for lo, hi in re.findall(RANGE, UNSPACED_RUN.pattern)]
    assert len(ranges) == 6
    assert [(lo, hi) for lo, hi in ranges if not any(lo <= c <= hi for c in letters)] == []
    # Both ends of the widest code: the last Lao letter, and the last letter of the basic plane coded.
    assert {"\u0eff", "\ud7af"} <= set(letters)
    assert DATA["tail_chars"] == TAIL_CHARS


def test_javascript_half_gives_the_same_codes() -> None:
    checks = 2 * len(DATA["encode"]) + len(DATA["runs"])
    assert run_vectors("search_terms_vectors.mjs", SCRIPT, VECTORS) == (0, f"{checks} passed, 0 failed\n", "")
