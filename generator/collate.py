"""Group validated partnerships into the directory's facets: province, region, country, year, status, type."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import monitor
from generator.facets import Facet, facet
from generator.model import Chapter, Mechanism, Partnership, Province, Region, RelationType, Status
from generator.monitor import Alert, Health, Settings
from generator.refdata import RefData
from generator.stats import Stats, compute_stats


# Names repeat (a province in every listing row) and the live preview sorts the same names after every edit.
@functools.lru_cache(maxsize=1 << 16)
def thai_sort_key(text: str) -> tuple[str, str]:
    """Sort key for Thai dictionary order: PyThaiNLP's collation key, then the text itself to break ties.

    PyThaiNLP's key (pythainlp.util.collate) reads a leading vowel after the consonant it precedes (เชียงใหม่ under
    ช) and a tone mark only after the letters (อ่างทอง before อุทัยธานี, ร้อยเอ็ด before ราชบุรี).
    """
    return (_pythainlp_key()(text), text)


@functools.cache
def _pythainlp_key() -> Callable[[str], str]:
    """The key of pythainlp.util.collate, from its own file.

    Importing it through its package imports all of pythainlp.util (about 3 s and dozens of modules, see
    tests/test_search.py: the build process loads no PyThaiNLP module); the file itself needs only `re`.
    tests/test_render.py checks that it sorts as pythainlp.util.collate does.
    """
    package = importlib.util.find_spec("pythainlp")
    if package is None or package.origin is None:
        raise ImportError("pythainlp is needed to sort Thai names: pip install -r requirements.txt")
    spec = importlib.util.spec_from_file_location(
        "_pythainlp_collate", Path(package.origin).parent / "util" / "collate.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError("pythainlp/util/collate.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    key: Callable[[str], str] = module._thkey
    return key


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


def listing_order(p: Partnership) -> tuple[tuple[str, str], tuple[str, str], str]:
    """Listings read by Thai province name, then partner name."""
    return (thai_sort_key(p.thai_party.province.name_th), thai_sort_key(p.partner.name_th), p.id)


def _year_key(year: int | None) -> str:
    return str(year) if year is not None else "unknown"


def mechanism_order(m: Mechanism) -> tuple[tuple[str, str], str]:
    """Mechanisms read by Thai name."""
    return (thai_sort_key(m.name_th), m.id)


def collate(
    records: Iterable[Partnership],
    chapters: Iterable[Chapter],
    ref: RefData,
    settings: Settings,
    mechanisms: Iterable[Mechanism] = (),
    kept: dict[str, tuple[Partnership, Health]] | None = None,
) -> Directory:
    """Sort partnerships, derive their health, and group them by every facet; mechanisms stay apart.

    kept, the live preview's, holds each partnership's health, used again while the partnership is the same
    object (health is made from the partnership and the settings alone)."""
    ordered = tuple(sorted(records, key=listing_order))
    health = {p.id: _health(p, settings, kept) for p in ordered}
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
    chapter_list = chapter_order(chapters)
    by_name = tuple(sorted(mechanisms, key=mechanism_order))
    stats = compute_stats(ordered, health, facets, ref.tiles, by_name)
    return Directory(ordered, health, facets, provinces, chapter_list, settings, stats, by_name)


def chapter_order(chapters: Iterable[Chapter]) -> tuple[Chapter, ...]:
    """The handbook's chapters in the directory's order: by path."""
    return tuple(sorted(chapters, key=lambda c: c.path))


def _health(p: Partnership, settings: Settings, kept: dict[str, tuple[Partnership, Health]] | None) -> Health:
    old = kept.get(p.id) if kept is not None else None
    if old is not None and old[0] is p:
        return old[1]
    made = monitor.health(p, settings)
    if kept is not None:
        kept[p.id] = (p, made)
    return made
