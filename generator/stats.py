"""Counts for the statistics page and the province map, from the grouped partnerships."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.coverage import Coverage, coverage
from generator.facet import Facet, Group
from generator.model import Mechanism, Partnership, Province, Status
from generator.monitor import Alert, Health


@dataclass(frozen=True)
class YearPoint:
    """Partnerships signed in a year, and signed up to the end of it."""

    year: int
    signed: int
    cumulative: int


@dataclass(frozen=True)
class Tile:
    """A province on the tile-grid map, with its number of active partnerships."""

    group: Group
    col: int
    row: int
    active: int


@dataclass(frozen=True)
class Stats:
    """Everything the statistics page shows; bars are facet groups, counted by len(group.items)."""

    total: int
    by_status: tuple[Group, ...]
    by_region: tuple[Group, ...]
    by_country: tuple[Group, ...]
    by_alert: tuple[Group, ...]
    by_year: tuple[YearPoint, ...]
    unknown_year: int
    provinces_none: tuple[Province, ...]
    provinces_only_dormant: tuple[Province, ...]
    tiles: tuple[Tile, ...]
    coverage: Coverage
    # Multilateral mechanisms, each counted once (not as ties between its members); tiles leave them out.
    mechanisms: tuple[Mechanism, ...] = ()

    @property
    def mechanism_provinces(self) -> tuple[Province, ...]:
        """The Thai provinces that are members of a mechanism, each once, in the order first met."""
        return tuple(dict.fromkeys(p for m in self.mechanisms for p in m.thai_members))


def is_dormant(p: Partnership, health: Health) -> bool:
    """Dormant by status, or active on paper with recorded activity that stopped too long ago.

    A tie with no activity recorded at all is left out: the directory may only lack the news of it.
    """
    return p.status is Status.DORMANT or Alert.ACTIVITY_STOPPED in health.alerts


def _by_year(partnerships: tuple[Partnership, ...]) -> tuple[YearPoint, ...]:
    years: dict[int, int] = {}
    for p in partnerships:
        if p.signed_year is not None:
            years[p.signed_year] = years.get(p.signed_year, 0) + 1
    points, running = [], 0
    for year in range(min(years, default=0), max(years, default=-1) + 1):
        running += years.get(year, 0)
        points.append(YearPoint(year, years.get(year, 0), running))
    return tuple(points)


def compute_stats(
    partnerships: tuple[Partnership, ...],
    health: Mapping[str, Health],
    facets: tuple[Facet, ...],
    tiles: Mapping[str, tuple[int, int]],
    mechanisms: tuple[Mechanism, ...] = (),
) -> Stats:
    """Counts by status, region, country, alert and year; provinces with none or only dormant ties; the map."""
    by = {f.name: f.groups for f in facets}
    provinces = by["province"]
    dormant_only = [g for g in provinces if g.items and all(is_dormant(p, health[p.id]) for p in g.items)]
    return Stats(
        total=len(partnerships),
        by_status=by["status"],
        by_region=by["region"],
        by_country=tuple(sorted(by["country"], key=lambda g: (-len(g.items), g.key))),
        by_alert=by["alert"],
        by_year=_by_year(partnerships),
        unknown_year=sum(p.signed_year is None for p in partnerships),
        provinces_none=tuple(g.value for g in provinces if not g.items),  # type: ignore[misc]
        provinces_only_dormant=tuple(g.value for g in dormant_only),  # type: ignore[misc]
        coverage=coverage(partnerships),
        tiles=tuple(
            Tile(g, *tiles[g.value.code], sum(p.status is Status.ACTIVE for p in g.items))  # type: ignore[attr-defined]
            for g in provinces
        ),
        mechanisms=mechanisms,
    )
