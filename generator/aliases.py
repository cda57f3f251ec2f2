"""Other common names of places, which the search and the directory filter match as they match the official
names: of provinces (generator/data/province_aliases.yaml), of partner countries (country_aliases.yaml) and of
Thailand's regions (region_aliases.yaml), each name with where it is attested."""

from __future__ import annotations

import functools
from typing import Literal

from generator.packaged import packaged_yaml

Kind = Literal["province", "country", "region"]
KINDS: tuple[Kind, ...] = ("province", "country", "region")


@functools.cache
def aliases(kind: Kind) -> dict[str, tuple[str, ...]]:
    """A place's code (a region's value) -> its other names, as listed with their sources in <kind>_aliases.yaml
    (a place may have several rows, each names with the source that attests them)."""
    found: dict[str, tuple[str, ...]] = {}
    for row in packaged_yaml("data", f"{kind}_aliases.yaml"):
        found[row["code"]] = (*found.get(row["code"], ()), *row["names"])
    return found
