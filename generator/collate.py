"""Group validated partnerships into the directory's facets (generator/facets.py), with their health and stats."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import monitor
from generator.facet import Facet, Registry, group
from generator.facets import FACETS, by_name
from generator.lazy import kept_for
from generator.model import Chapter, Mechanism, Partnership, Province
from generator.monitor import Health, Settings
from generator.refdata import RefData
from generator.stats import Stats, compute_stats


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
    # The declarations of the facets (generator/facets.py).
    registry: Registry = FACETS

    def facet(self, name: str) -> Facet:
        """The facet called name."""
        return next(f for f in self.facets if f.name == name)

    def mechanisms_of(self, province: Province) -> tuple[Mechanism, ...]:
        """The mechanisms the province is a member of, in listing order."""
        return tuple(m for m in self.mechanisms if province in m.thai_members)


def listing_order(p: Partnership, lang: str = "th") -> tuple[tuple[str, str], tuple[str, str], str]:
    """Listings read by province name, then partner name, in the language of the pages."""
    return (by_name(p.thai_party.province, lang), by_name(p.partner, lang), p.id)


def mechanism_order(m: Mechanism, lang: str = "th") -> tuple[tuple[str, str], str]:
    """Mechanisms read by name, in the language of the pages."""
    return (by_name(m, lang), m.id)


def collate(
    records: Iterable[Partnership],
    chapters: Iterable[Chapter],
    ref: RefData,
    settings: Settings,
    mechanisms: Iterable[Mechanism] = (),
    registry: Registry = FACETS,
    kept: dict[str, tuple[Partnership, Health]] | None = None,
    lang: str = "th",
) -> Directory:
    """Sort partnerships, derive their health, and group them by every facet; mechanisms stay apart. Names are
    sorted in the order of lang, the language of the pages (generator/thaisort.py).

    kept, the live preview's, holds each partnership's health, used again while the partnership is the same
    object (health is made from the partnership and the settings alone)."""
    ordered = tuple(sorted(records, key=functools.partial(listing_order, lang=lang)))
    health = {p.id: kept_for(kept, p.id, p, functools.partial(monitor.health, settings=settings)) for p in ordered}
    provinces = tuple(sorted(ref.provinces.values(), key=functools.partial(by_name, lang=lang)))
    facets = tuple(group(spec, ordered, health, ref, lang) for spec in registry.facets)
    chapter_list = chapter_order(chapters)
    named = tuple(sorted(mechanisms, key=functools.partial(mechanism_order, lang=lang)))
    stats = compute_stats(ordered, health, facets, ref.tiles, named)
    return Directory(ordered, health, facets, provinces, chapter_list, settings, stats, named, registry)


def chapter_order(chapters: Iterable[Chapter]) -> tuple[Chapter, ...]:
    """The handbook's chapters in the directory's order: by path."""
    return tuple(sorted(chapters, key=lambda c: c.path))
