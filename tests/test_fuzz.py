"""Fuzzing the loader, validator and renderer with hypothesis: random YAML text and bytes, random structures,
and valid records with random text in their fields. The only outcomes allowed are "valid and renders" and
"rejected with one-line Problem messages"; any other exception fails the test."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import yaml
from conftest import BASELINE, ROOT, SETTINGS
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator import browse, exports
from generator.collate import collate
from generator.errors import Problem
from generator.feed import FEED_PATH
from generator.loader import load_partners
from generator.refdata import load_refdata
from generator.render import make_env, render
from generator.schema import PARTNERSHIP, Field, Kind
from generator.strings import load_strings
from generator.validate import validate

STRINGS = load_strings()
REF = load_refdata()
ENV = make_env(ROOT / "templates" / "pages", STRINGS)
FILE = "chiang-mai/fuzz.yml"
# Never in a message: a line break, or a character a terminal would act on.
UNSAFE_IN_MESSAGE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
FUZZ = settings(
    max_examples=50,
    deadline=datetime.timedelta(seconds=10),
    derandomize=os.environ.get("CI") == "true",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

TRICKY = st.sampled_from(
    [
        "",
        " ",
        "~",
        "null",
        "NO",
        "yes",
        "0x1F",
        "1e3",
        "2542-06-07",
        "1999-02-30",
        "TH-10",
        "javascript:alert(1)",
        "https://example.org/\"'><script>",
        "<script>alert(1)</script>",
        "{: onclick=alert(1) }",
        '=HYPERLINK("https://example.org")',
        "]]></title><x>",
        "\u202egnp.exe",
        "a\nb",
        "ก" * 300,
    ]
)
TEXT = st.one_of(TRICKY, st.text(max_size=80), st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
# Any text the validator accepts: no control or direction characters, something besides white space.
DIRECTION = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PRINTABLE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters=DIRECTION), min_size=1, max_size=60
).filter(str.strip)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT, st.dates(), st.binary(max_size=20)
)
STRUCTURES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=20
)
BASE: dict[str, Any] = yaml.safe_load(BASELINE)
# Where a value can be replaced: (path of keys and list indexes into BASE, or a new optional field).
PLACES: list[tuple[Any, ...]] = [
    ("thai_party", "name_th"),
    ("thai_party", "name_en"),
    ("thai_party", "province"),
    ("thai_party", "level"),
    ("partner", "name_en"),
    ("partner", "name_th"),
    ("partner", "name_native"),
    ("partner", "country"),
    ("partner", "level"),
    ("type",),
    ("status",),
    ("signed",),
    ("activities", 0, "title_th"),
    ("activities", 0, "title_en"),
    ("activities", 0, "date"),
    ("activities", 0, "source"),
    ("sources", 0),
    ("evidence",),
    ("note_th",),
    ("note_en",),
    ("status_source",),
    ("id",),
    ("sigend",),
]


def text_places(fld: Field, base: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every free-text field of the schema that a record shaped like base can hold: top-level fields, the
    fields of the objects base has, and the fields of the first item of the lists base has."""
    places: list[tuple[Any, ...]] = []
    for sub in fld.fields:
        here = (*path, sub.name)
        if sub.kind in (Kind.TEXT, Kind.LONG_TEXT):
            places.append(here)
        elif sub.kind is Kind.OBJECT and isinstance(base, dict) and isinstance(base.get(sub.name), dict):
            places += text_places(sub, base[sub.name], here)
        elif sub.kind is Kind.LIST and sub.item is not None and sub.item.kind is Kind.OBJECT:
            items = base.get(sub.name) if isinstance(base, dict) else None
            if items:
                places += text_places(sub.item, items[0], (*here, 0))
    return places


# Every free-text field the schema declares, wherever the baseline record has a place for it.
FREE_TEXT = text_places(PARTNERSHIP, BASE)


def outcome(data: bytes) -> None:
    """Load, validate and, when valid, collate and render one partner file; fail on anything unexpected."""
    with tempfile.TemporaryDirectory() as folder:
        partners = Path(folder)
        (partners / FILE).parent.mkdir(parents=True)
        (partners / FILE).write_bytes(data)
        sources, problems = load_partners(partners, STRINGS)
        records, more = validate(sources, REF, STRINGS, SETTINGS.build_date)
    if problems or more:
        event("rejected")
        for problem in problems + more:
            assert_one_line(problem)
        return
    event("valid")
    assert len(records) == 1
    rendered(records[0])


def assert_one_line(problem: Problem) -> None:
    """A problem names its file and field and says something, on one printable line."""
    assert problem.path.endswith(FILE) and problem.line >= 1 and problem.field and problem.message
    assert not UNSAFE_IN_MESSAGE.search(str(problem)), str(problem)


def rendered(record: Any) -> None:
    """Every generated page and export of a directory holding one valid record."""
    directory = collate([record], [], REF, SETTINGS)
    pages = render(directory, ENV)
    page = pages[f"partnerships/{record.id}/index.md"]
    for text in (record.thai_party.name_th, record.partner.name_en, record.partner.name_th):
        assert str(escape(text)) in page
    for data in browse.data_files(directory).values():
        json.loads(data)
    files = exports.export_files(directory, ENV, None)
    json.loads(files[exports.JSON_PATH])
    ElementTree.fromstring(files[FEED_PATH])
    rows = list(csv.DictReader(io.StringIO(files[exports.CSV_PATH].decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == [record.id]
    # A cell that a spreadsheet would read as a formula starts with an apostrophe.
    assert rows[0]["partner_name_th"] in (record.partner.name_th, "'" + record.partner.name_th)


def placed(base: dict[str, Any], changes: list[tuple[tuple[Any, ...], Any]]) -> dict[str, Any]:
    """A deep copy of base with values put at the given places (a new key where none was)."""
    data: dict[str, Any] = json.loads(json.dumps(base, default=str))
    for path, value in changes:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return data


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_text_and_bytes(data: bytes) -> None:
    outcome(data)


@FUZZ
@given(STRUCTURES)
def test_random_structures(structure: Any) -> None:
    outcome(yaml.safe_dump(structure, allow_unicode=True).encode())


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.one_of(TEXT, TEXT, SCALARS)), min_size=1, max_size=4))
def test_records_with_random_values_in_some_fields(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    document = yaml.safe_dump(placed(BASE, changes), allow_unicode=True, sort_keys=False)
    outcome(document.encode())


@FUZZ
@given(st.lists(PRINTABLE, min_size=len(FREE_TEXT), max_size=len(FREE_TEXT)))
def test_records_with_random_text_in_every_text_field(texts: list[str]) -> None:
    document = yaml.safe_dump(placed(BASE, list(zip(FREE_TEXT, texts, strict=True))), allow_unicode=True)
    outcome(document.encode())
