"""Other common names of provinces (generator/data/province_aliases.yaml), which the search and the directory
filter match as they match the official names."""

from __future__ import annotations

import functools
from importlib import resources

import yaml


@functools.cache
def province_aliases() -> dict[str, tuple[str, ...]]:
    """Province code -> its other names, as listed with their sources in province_aliases.yaml."""
    text = resources.files("generator").joinpath("data", "province_aliases.yaml").read_text(encoding="utf-8")
    return {row["code"]: tuple(row["names"]) for row in yaml.safe_load(text)}
