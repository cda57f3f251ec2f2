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
    """A place's code (a region's value) -> its other names, as listed with their sources in <kind>_aliases.yaml."""
    return {row["code"]: tuple(row["names"]) for row in packaged_yaml("data", f"{kind}_aliases.yaml")}
