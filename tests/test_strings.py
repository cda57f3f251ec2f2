"""One strings file per language: en.yaml holds exactly th.yaml's keys, with the same placeholders in each value."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from generator.strings import load_strings

FORMATTER = string.Formatter()


def leaves(node: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value of a strings file by its dotted key; list items are keyed by their position, except in a list of
    the words readers type for a value (status_words), which is each language's own and may be longer or shorter."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list) and "_words." not in path:
        for index, value in enumerate(node):
            yield from leaves(value, f"{path}[{index}]")
    else:
        yield path, node


def placeholders(value: object) -> list[str]:
    """The names a value is formatted with ({n}, {date}), sorted; {{ and }} are literal braces."""
    return sorted(name for _, name, _, _ in FORMATTER.parse(str(value)) if name is not None)


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
