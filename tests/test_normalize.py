"""The query normaliser: its Python half (generator/normalize.py) and its JavaScript half
(content/assets/javascripts/normalize.js) pass one table of vectors (tests/fixtures/normalize_vectors.json)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_vectors

from generator.normalize import compact, loose, normalize, within_one_edit

VECTORS = ROOT / "tests" / "fixtures" / "normalize_vectors.json"
DATA = json.loads(VECTORS.read_text(encoding="utf-8"))
ROWS = DATA["normalize"]
SCRIPT = ROOT / "content" / "assets" / "javascripts" / "normalize.js"


@pytest.mark.parametrize("row", ROWS, ids=[row["why"] for row in ROWS])
def test_python_half_gives_the_shared_forms(row: dict[str, str]) -> None:
    assert (normalize(row["input"]), compact(row["input"]), loose(row["input"])) == (
        row["normal"],
        row["compact"],
        row["loose"],
    )


@pytest.mark.parametrize("row", ROWS, ids=[row["why"] for row in ROWS])
def test_the_forms_are_stable(row: dict[str, str]) -> None:
    assert normalize(row["normal"]) == row["normal"]
    assert compact(row["compact"]) == row["compact"]
    assert loose(row["loose"]) == row["loose"]


@pytest.mark.parametrize(("a", "b", "want"), DATA["within_one_edit"])
def test_python_edit_distance_of_one(a: str, b: str, want: bool) -> None:
    assert within_one_edit(a, b) is want
    assert within_one_edit(b, a) is want


def test_the_vectors_cover_the_typing_variants_of_the_issue() -> None:
    pairs = {row["input"]: row for row in ROWS}
    assert pairs["ขอนเเก่น"]["normal"] == "ขอนแก่น"
    assert pairs["Đà Nẵng"]["compact"] == "danang"
    assert pairs["Buri Ram"]["compact"] == compact("Buriram")
    assert loose("ฟุกุโอกะ") == loose("ฟูกูโอกะ")


def test_javascript_half_gives_the_shared_forms() -> None:
    checks = 3 * len(ROWS) + len(DATA["within_one_edit"])
    assert run_vectors("normalize_vectors.mjs", SCRIPT, VECTORS) == (0, f"{checks} passed, 0 failed\n", "")
