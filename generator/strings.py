"""User-facing strings, one file per language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
        """The message for a validation error, with its values filled in."""
        return str(self.data["errors"][key]).format(**values)

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


def in_language(item: object, lang: str, field: str = "name") -> Any:
    """A field of a record in a language: in_language(province, "en") is its name_en."""
    return getattr(item, f"{field}_{lang}")


def load_strings(lang: str = "th") -> Strings:
    """The strings file of a language shipped with the package (parsed once per process, generator/packaged.py)."""
    return Strings(packaged_yaml("strings", f"{lang}.yaml"))
