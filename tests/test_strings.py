"""One strings file per language: en.yaml holds exactly th.yaml's keys, with the same placeholders in each value; a
value may be one text in forms by plural category ({one, other}), chosen by the count it is filled with."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from collections.abc import Iterator
from pathlib import Path

import babel
import pytest
from conftest import ROOT

from generator.strings import is_plural, load_strings

FORMATTER = string.Formatter()


def leaves(node: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value of a strings file by its dotted key; list items are keyed by their position, except in a list of
    the words readers type for a value (status_words), which is each language's own and may be longer or shorter. A
    text in forms by plural category is one value."""
    if is_plural(node):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list) and "_words." not in path:
        for index, value in enumerate(node):
            yield from leaves(value, f"{path}[{index}]")
    else:
        yield path, node


def placeholders(value: object) -> list[str]:
    """The names a value is formatted with ({n}, {date}), sorted; {{ and }} are literal braces. A text in plural
    forms: those of its `other` form (each form has the same, a test checks)."""
    text = value["other"] if isinstance(value, dict) and is_plural(value) else value
    return sorted(name for _, name, _, _ in FORMATTER.parse(str(text)) if name is not None)


THAI = dict(leaves(load_strings("th").data))
ENGLISH = dict(leaves(load_strings("en").data))


def test_english_and_thai_hold_the_same_keys() -> None:
    assert {"lang", "status.active", "errors.be_year", "months[11]"} <= set(THAI)
    assert sorted(set(THAI) - set(ENGLISH)) == [] and sorted(set(ENGLISH) - set(THAI)) == []


def test_every_english_value_has_the_placeholders_of_its_thai_value() -> None:
    assert {k: placeholders(v) for k, v in ENGLISH.items()} == {k: placeholders(v) for k, v in THAI.items()}


def test_the_files_name_their_language() -> None:
    assert (load_strings("th").lang, load_strings("en").lang) == ("th", "en")


def test_english_values_are_english_text() -> None:
    """Thai script only where an English value shows a Thai example a Thai-language field takes."""
    thai_script = re.compile(r"[\u0e00-\u0e7f]")
    examples = {"new.options.thai-name-th", "new.options.partner-th", "new.options.document-title-th"}
    examples |= {"new.defaults.thai-name-th", "directory.filter.query_hint"}
    # The language switcher names Thai in Thai.
    examples |= {"edition.other_name"}
    assert sorted(k for k, v in ENGLISH.items() if thai_script.search(str(v)) and k not in examples) == []
    assert all(str(v).strip() for v in ENGLISH.values())


@pytest.mark.parametrize("lang", ["th", "en"])
def test_plural_forms_are_the_categories_of_their_language_with_the_same_placeholders(lang: str) -> None:
    categories = babel.Locale.parse(lang).plural_form.tags | {"other"}
    plurals = {key: value for key, value in dict(leaves(load_strings(lang).data)).items() if is_plural(value)}
    assert lang == "th" or "site.count" in plurals
    for key, forms in plurals.items():
        assert isinstance(forms, dict) and set(forms) <= categories, key
        assert len({tuple(placeholders(form)) for form in forms.values()}) == 1, key


def test_a_count_takes_its_languages_form() -> None:
    english, thai = load_strings("en"), load_strings("th")
    assert [english.counted(english.data["site"]["count"], n) for n in (0, 1, 2, 1000)] == [
        "0 pairs",
        "1 pair",
        "2 pairs",
        "1000 pairs",
    ]
    assert thai.counted(thai.data["site"]["count"], 1) == "1 คู่"
    assert english.error("more_problems", n=1).startswith("and 1 more problem in this file")


def test_the_pages_scripts_take_a_counts_form_as_the_generator_does(tmp_path: Path) -> None:
    """content/assets/javascripts/messages.js (the search page and the directory filter) in Node, against
    Strings.counted: the browser's plural rules (Intl.PluralRules) choose the form Babel chooses."""
    node = shutil.which("node")
    assert node, "node is needed to run the pages' scripts"
    # The site's scripts are browser modules in a folder without "type": "module": load them from one that has it.
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    shutil.copy(ROOT / "content" / "assets" / "javascripts" / "messages.js", tmp_path / "messages.js")
    english = load_strings("en")
    cases = [("en", english.data["search"]["similar"], {"n": n, "q": "Kunmign"}, n) for n in (0, 1, 2, 1234)] + [
        ("th", load_strings("th").data["search"]["similar"], {"n": 1234, "q": "x"}, 1234)
    ]
    script = (
        f"import {{ fill }} from {json.dumps((tmp_path / 'messages.js').as_uri())};\n"
        f"const cases = {json.dumps(cases, ensure_ascii=False)};\n"
        "console.log(JSON.stringify(cases.map(([lang, text, values, n]) => fill(text, values, lang, n))));\n"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    expected = [english.counted(text, n, q=values["q"]) for lang, text, values, n in cases if lang == "en"]
    assert shown[:4] == [e.replace("1234", "1,234") for e in expected]
    assert shown[1] == "Nothing matches “Kunmign” as typed: 1 result spelled alike"
    assert shown[4] == "ไม่พบ “x” ตามที่พิมพ์ จึงแสดง 1,234 รายการที่สะกดใกล้เคียง"
