"""The compact JSON of every partnership that the directory filter (directory.js) searches in the browser.

Columnar to stay small: provinces (with their other common names) and countries are tables looked up by code,
and each partnership is one array in the order of COLUMNS (new columns are appended). `last` is the last
recorded sign of life as written in YAML (2015, 2015-03, 'by 2006'). Every value is plain data; the page shows
it with textContent only.
"""

from __future__ import annotations

import json

from generator.aliases import province_aliases
from generator.collate import Directory
from generator.model import Partnership

INDEX_PATH = "directory/index.json"
COLUMNS = (
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
)

Row = tuple[
    str,
    str,
    str,
    str,
    str,
    str | None,
    str,
    str,
    str,
    tuple[str, ...],
    int | None,
    str,
    str,
    str | None,
    tuple[str, ...],
]


def _row(p: Partnership, directory: Directory) -> Row:
    """One partnership as an array in the order of COLUMNS."""
    health = directory.health[p.id]
    alerts = tuple(a.value for a in health.alerts)
    return (
        p.id,
        p.thai_party.name_th,
        p.thai_party.province.code,
        p.partner.name_th,
        p.partner.name_en,
        p.partner.name_native,
        p.partner.country.code,
        p.type.value,
        p.status.value,
        alerts,
        p.signed_year,
        p.claim.value,
        p.verification.value,
        health.last_activity.iso() if health.last_activity else None,
        # Other names of either side (other spellings, former names), searched as the names are.
        (*p.thai_party.other_names, *p.partner.other_names),
    )


def index_json(directory: Directory, kept: dict[str, tuple[Partnership, Row]] | None = None) -> str:
    """The filter's data: province and country tables plus one row per partnership, in listing order.

    kept, the live preview's, holds each partnership's row, used again while the partnership is the same object."""
    aliases = province_aliases()
    countries = {p.partner.country for p in directory.partnerships}
    data = {
        "columns": COLUMNS,
        # Each province: Thai and English name, region, and its other common names (province_aliases.yaml).
        "provinces": {
            p.code: (p.name_th, p.name_en, p.region.value, aliases.get(p.code, ())) for p in directory.provinces
        },
        "countries": {c.code: (c.name_th, c.name_en, c.lang) for c in sorted(countries, key=lambda c: c.code)},
        "rows": [_kept_row(p, directory, kept) for p in directory.partnerships],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _kept_row(p: Partnership, directory: Directory, kept: dict[str, tuple[Partnership, Row]] | None) -> Row:
    old = kept.get(p.id) if kept is not None else None
    if old is not None and old[0] is p:
        return old[1]
    row = _row(p, directory)
    if kept is not None:
        kept[p.id] = (p, row)
    return row
