"""Group validated partnerships into the directory's facets: province, region, country, year, status, type."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import monitor
from generator.facets import Facet, facet
from generator.model import Chapter, Mechanism, Partnership, Province, Region, RelationType, Status
from generator.monitor import Alert, Health, Settings
from generator.refdata import RefData
from generator.stats import Stats, compute_stats

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
class Directory:
    """Everything the renderer needs: partnerships with their derived health, facets, chapters, settings."""

    partnerships: tuple[Partnership, ...]
    health: Mapping[str, Health]
    facets: tuple[Facet, ...]
    provinces: tuple[Province, ...]
    chapters: tuple[Chapter, ...]
    settings: Settings
    stats: Stats
    # Multilateral mechanisms, by name: apart from the partnerships, in no facet and no bilateral count.
    mechanisms: tuple[Mechanism, ...] = ()

    def facet(self, name: str) -> Facet:
        """The facet called name."""
        return next(f for f in self.facets if f.name == name)

    def mechanisms_of(self, province: Province) -> tuple[Mechanism, ...]:
        """The mechanisms the province is a member of, in listing order."""
        return tuple(m for m in self.mechanisms if province in m.thai_members)


def listing_order(p: Partnership) -> tuple[str, str, str]:
    """Listings read by Thai province name, then partner name."""
    return (thai_sort_key(p.thai_party.province.name_th), thai_sort_key(p.partner.name_th), p.id)


def _year_key(year: int | None) -> str:
    return str(year) if year is not None else "unknown"


def mechanism_order(m: Mechanism) -> tuple[str, str]:
    """Mechanisms read by Thai name."""
    return (thai_sort_key(m.name_th), m.id)


def collate(
    records: Iterable[Partnership],
    chapters: Iterable[Chapter],
    ref: RefData,
    settings: Settings,
    mechanisms: Iterable[Mechanism] = (),
) -> Directory:
    """Sort partnerships, derive their health, and group them by every facet; mechanisms stay apart."""
    ordered = tuple(sorted(records, key=listing_order))
    health = {p.id: monitor.health(p, settings) for p in ordered}
    provinces = tuple(sorted(ref.provinces.values(), key=lambda p: thai_sort_key(p.name_th)))
    countries = sorted({p.partner.country for p in ordered}, key=lambda c: thai_sort_key(c.name_th))
    years = sorted({p.signed_year for p in ordered if p.signed_year is not None}, reverse=True)
    facets = (
        facet("province", ordered, lambda p: (p.thai_party.province,), lambda v: v.slug, provinces),
        facet("region", ordered, lambda p: (p.thai_party.province.region,), lambda v: v.value, Region),
        facet("country", ordered, lambda p: (p.partner.country,), lambda v: v.code.lower(), countries),
        facet("year", ordered, lambda p: (p.signed_year,), _year_key, [*years, None]),
        facet("status", ordered, lambda p: (p.status,), lambda v: v.value, Status),
        facet("type", ordered, lambda p: (p.type,), lambda v: v.value, RelationType),
        facet("alert", ordered, lambda p: health[p.id].alerts, lambda v: v.value, Alert),
    )
    chapter_list = tuple(sorted(chapters, key=lambda c: c.path))
    by_name = tuple(sorted(mechanisms, key=mechanism_order))
    stats = compute_stats(ordered, health, facets, ref.tiles, by_name)
    return Directory(ordered, health, facets, provinces, chapter_list, settings, stats, by_name)
