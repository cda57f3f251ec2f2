"""Other common names of provinces (generator/data/province_aliases.yaml), which the search and the directory
filter match as they match the official names."""

from __future__ import annotations

import functools

from generator.packaged import packaged_yaml


@functools.cache
def province_aliases() -> dict[str, tuple[str, ...]]:
    """Province code -> its other names, as listed with their sources in province_aliases.yaml."""
    return {row["code"]: tuple(row["names"]) for row in packaged_yaml("data", "province_aliases.yaml")}
