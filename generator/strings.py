"""User-facing strings, one file per language."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Strings:
    """The strings of one language, read from strings/<lang>.yaml."""

    data: Mapping[str, Any]

    @property
    def lang(self) -> str:
        """The language code, e.g. th."""
        return str(self.data["lang"])

    def error(self, key: str, /, **values: object) -> str:
        """The message for a validation error, with its values filled in."""
        return str(self.data["errors"][key]).format(**values)

    def label(self, group: str, value: str) -> str:
        """The label of an enum value, e.g. label('status', 'active')."""
        return str(self.data[group][value])


@functools.cache
def load_strings(lang: str = "th") -> Strings:
    """Read the strings file of a language shipped with the package (once: every step of the build reads it)."""
    text = resources.files("generator").joinpath("strings", f"{lang}.yaml").read_text(encoding="utf-8")
    # The C loader: the file is read by every step of the build and every regeneration of the live preview.
    return Strings(yaml.load(text, Loader=yaml.CSafeLoader))
