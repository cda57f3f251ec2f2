"""Groups of partnerships sharing one value of a facet: province, region, country, year, status, type, alert."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.model import Partnership


@dataclass(frozen=True)
class Group:
    """The partnerships sharing one value of a facet, e.g. every partnership of Chiang Mai."""

    facet: str
    key: str
    value: object
    items: tuple[Partnership, ...]


@dataclass(frozen=True)
class Facet:
    """One way to browse the directory, with a group per value."""

    name: str
    groups: tuple[Group, ...]


def facet(
    name: str,
    records: Iterable[Partnership],
    values_of: Callable[[Partnership], Iterable[Hashable]],
    key_of: Callable[[Any], str],
    values: Iterable[Hashable],
) -> Facet:
    """A facet with one group per value, in the order given; values no record has are kept."""
    buckets: dict[Hashable, list[Partnership]] = {v: [] for v in values}
    for record in records:
        for value in values_of(record):
            buckets.setdefault(value, []).append(record)
    groups = tuple(Group(name, key_of(v), v, tuple(items)) for v, items in buckets.items())
    return Facet(name, groups)
