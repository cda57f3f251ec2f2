"""The data of every partnership that the directory filter (directory.js) and the search page search in the browser.

Columnar to stay small: provinces (with their other common names) and countries are tables looked up by code,
and each partnership is one array in the order of its columns (new columns are appended; each facet in the
directory filter has one, generator/facets.py). `last` is the last
recorded sign of life as written in YAML (2015, 2015-03, 'by 2006'). Every value is plain data; the page shows
it with textContent only.
"""

from __future__ import annotations

from collections.abc import Callable

from generator import pieces
from generator.aliases import aliases
from generator.collate import Directory
from generator.facet import Registry
from generator.facets import region_names
from generator.lazy import kept_for
from generator.model import Partnership, Region
from generator.monitor import Health
from generator.packaged import packaged_yaml
from generator.pieces import Tables

# The columns in the order first published; a facet's column not among them follows, in the facets' order.
PUBLISHED = (
    "id",
    "thai",
    "province",
    "partner_th",
    "partner_en",
    "native",
    "country",
    "type",
    "status",
    "alerts",
    "year",
    "claim",
    "verification",
    "last",
    "other_names",
    # region, once only a facet's column after the others, keeps its place; thai_en is shown first on English pages.
    "region",
    "thai_en",
)
# The columns that are not a facet's (generator/facets.py declares the column of each facet in the filter).
OWN: dict[str, Callable[[Partnership, Health], object]] = {
    "id": lambda p, h: p.id,
    "thai": lambda p, h: p.thai_party.name_th,
    "thai_en": lambda p, h: p.thai_party.name_en,
    "partner_th": lambda p, h: p.partner.name_th,
    "partner_en": lambda p, h: p.partner.name_en,
    "native": lambda p, h: p.partner.name_native,
    "last": lambda p, h: h.last_activity.iso() if h.last_activity else None,
    # Other names of either side (other spellings, former names), searched as the names are.
    "other_names": lambda p, h: (*p.thai_party.other_names, *p.partner.other_names),
}


def columns(registry: Registry) -> dict[str, Callable[[Partnership, Health], object]]:
    """Each column of a row, in order: the published ones, then any other facet's."""
    facets = {f.filter.column: f.column for f in registry.facets if f.filter is not None}
    made = {**OWN, **facets}
    return {name: made[name] for name in (*PUBLISHED, *facets) if name in made}


def data_files(
    directory: Directory,
    kept: dict[str, tuple[Partnership, list[object]]] | None = None,
    kept_grams: pieces.KeptGrams | None = None,
) -> dict[str, bytes]:
    """The filter's data in pieces (see generator/pieces.py): path under the site -> JSON bytes.

    kept, the live preview's, holds each partnership's row, used again while the partnership is the same object;
    kept_grams each province's grams, used again while its rows are the same."""
    countries = {p.partner.country for p in directory.partnerships}
    made = columns(directory.registry)
    tables = Tables(
        columns=tuple(made),
        # Each province: Thai and English name, region, and its other common names (province_aliases.yaml).
        provinces={
            p.code: (p.name_th, p.name_en, p.region.value, aliases("province").get(p.code, ()))
            for p in directory.provinces
        },
        # Each country: Thai and English name, language, and its other common names (country_aliases.yaml).
        countries={
            c.code: (c.name_th, c.name_en, c.lang, aliases("country").get(c.code, ()))
            for c in sorted(countries, key=lambda c: c.code)
        },
        # Each region: its names in Thai and English and its other common names (region_aliases.yaml).
        regions={r.value: region_names(r) for r in Region},
        generic=tuple(packaged_yaml("data", "generic_words.yaml")),
    )

    def row(p: Partnership) -> list[object]:
        return [value(p, directory.health[p.id]) for value in made.values()]

    rows: list[list[object]] = [kept_for(kept, p.id, p, row) for p in directory.partnerships]
    return pieces.files(tables, rows, kept_grams)
