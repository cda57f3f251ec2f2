"""Group validated partnerships into the directory's facets: province, region, country, year, status, type."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.model import Partnership, Province, Region, RelationType, Status
from generator.refdata import RefData

LEADING_VOWELS = frozenset("เแโใไ")


def thai_sort_key(text: str) -> str:
    """Sort key for Thai dictionary order: a leading vowel sorts after the consonant it precedes."""
    out: list[str] = []
    chars = list(text)
    i = 0
    while i < len(chars):
        if chars[i] in LEADING_VOWELS and i + 1 < len(chars):
            out += [chars[i + 1], chars[i]]
            i += 2
        else:
            out.append(chars[i])
            i += 1
    return "".join(out)


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


@dataclass(frozen=True)
class Directory:
    """Everything the renderer needs: sorted partnerships, facets, and the build date."""

    partnerships: tuple[Partnership, ...]
    facets: tuple[Facet, ...]
    provinces: tuple[Province, ...]
    build_date: datetime.date

    def facet(self, name: str) -> Facet:
        """The facet called name."""
        return next(f for f in self.facets if f.name == name)


def listing_order(p: Partnership) -> tuple[str, str, str]:
    """Listings read by Thai province name, then partner name."""
    return (thai_sort_key(p.thai_party.province.name_th), thai_sort_key(p.partner.name_th), p.id)


def _facet(
    name: str,
    records: Iterable[Partnership],
    value_of: Callable[[Partnership], Hashable],
    key_of: Callable[[Any], str],
    values: Iterable[Hashable],
) -> Facet:
    """A facet with one group per value, in the order given; values no record has are kept."""
    buckets: dict[Hashable, list[Partnership]] = {v: [] for v in values}
    for record in records:
        buckets.setdefault(value_of(record), []).append(record)
    groups = tuple(Group(name, key_of(v), v, tuple(items)) for v, items in buckets.items())
    return Facet(name, groups)


def _year_key(year: int | None) -> str:
    return str(year) if year is not None else "unknown"


def collate(records: Iterable[Partnership], ref: RefData, build_date: datetime.date) -> Directory:
    """Sort partnerships and group them by every facet."""
    ordered = tuple(sorted(records, key=listing_order))
    provinces = tuple(sorted(ref.provinces.values(), key=lambda p: thai_sort_key(p.name_th)))
    countries = sorted({p.partner.country for p in ordered}, key=lambda c: thai_sort_key(c.name_th))
    years = sorted({p.signed.year for p in ordered if p.signed}, reverse=True)
    facets = (
        _facet("province", ordered, lambda p: p.thai_party.province, lambda v: v.slug, provinces),
        _facet("region", ordered, lambda p: p.thai_party.province.region, lambda v: v.value, Region),
        _facet("country", ordered, lambda p: p.partner.country, lambda v: v.code.lower(), countries),
        _facet("year", ordered, lambda p: p.signed.year if p.signed else None, _year_key, [*years, None]),
        _facet("status", ordered, lambda p: p.status, lambda v: v.value, Status),
        _facet("type", ordered, lambda p: p.type, lambda v: v.value, RelationType),
    )
    return Directory(ordered, facets, provinces, build_date)
