"""User-facing strings, one file per language."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import babel

from generator.packaged import packaged_yaml

# A Buddhist Era year is the CE year plus this.
BE_OFFSET = 543


@dataclass(frozen=True)
class Strings:
    """The strings of one language, read from strings/<lang>.yaml."""

    data: Mapping[str, Any]

    @property
    def lang(self) -> str:
        """The language code, e.g. th."""
        return str(self.data["lang"])

    def local(self, item: object, field: str = "name") -> Any:
        """A field of a record in this language: local(province) is its name_th in Thai, name_en in English."""
        return in_language(item, self.lang, field)

    def error(self, key: str, /, **values: object) -> str:
        """The message for a validation error, with its values filled in (a count as n)."""
        text = self.data["errors"][key]
        if is_plural(text):
            text = self.plural(text, int(str(values["n"])))
        return str(text).format(**values)

    def plural(self, text: str | Mapping[str, str], n: int) -> str:
        """text for the number n: text itself, or its form for n's plural category in this language (one, other:
        Babel's rules from the Unicode CLDR), its `other` form when it has none for that category."""
        if isinstance(text, str):
            return text
        return str(text.get(plural_category(self.lang, n), text["other"]))

    def counted(self, text: str | Mapping[str, str], n: int, /, **values: object) -> str:
        """text in its form for the number n (plural), with n and the other values filled in."""
        return self.plural(text, n).format(n=n, **values)

    def label(self, group: str, value: str) -> str:
        """The label of an enum value, e.g. label('status', 'active')."""
        return str(self.data[group][value])

    @property
    def era_offset(self) -> int:
        """What is added to a CE year to write it in the era of this language's pages: BE_OFFSET or 0."""
        return BE_OFFSET if self.data["site"]["era"] == "be" else 0

    def year(self, year: int) -> str:
        """A year as this language's pages write it: in both eras, พ.ศ. 2542 (ค.ศ. 1999), or CE only, 1999."""
        site = self.data["site"]
        if site["era"] != "be":
            return str(year)
        return f"{site['be']} {year + BE_OFFSET} ({site['ce']} {year})"


# A value with a form per plural category (strings files: {one: "{n} pair", other: "{n} pairs"}) has these keys.
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


def is_plural(value: object) -> bool:
    """Whether a value of a strings file is one text in forms by plural category rather than a group of texts."""
    return isinstance(value, Mapping) and "other" in value and set(value) <= PLURAL_CATEGORIES


@functools.lru_cache(maxsize=1024)
def plural_category(lang: str, n: int) -> str:
    """The CLDR plural category of the number n in the language: 'one' for 1 in English, 'other' for any number in
    Thai."""
    return str(babel.Locale.parse(lang).plural_form(n))


def in_language(item: object, lang: str, field: str = "name") -> Any:
    """A field of a record in a language: in_language(province, "en") is its name_en."""
    return getattr(item, f"{field}_{lang}")


def load_strings(lang: str = "th") -> Strings:
    """The strings file of a language shipped with the package (parsed once per process, generator/packaged.py)."""
    return Strings(packaged_yaml("strings", f"{lang}.yaml"))
