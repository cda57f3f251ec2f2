"""Open data written by every build: JSON, CSV, the Atom feed and robots.txt; pure functions returning bytes.

Each JSON record is the partner file as the schema declares it (absent optional fields left out), so it
validates against data/partnership.schema.json once the two keys the build adds, url and derived, are removed.
The CSV has one row per record in CSV_COLUMNS: nested fields flattened (thai_party_province), lists joined
with ' | ' and the fields of one list item (an activity, a document) with '; '.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import jinja2

from generator.collate import Directory
from generator.editions import EDITIONS
from generator.facet import Registry
from generator.facets import FACETS
from generator.feed import FEED_PATH, atom_feed
from generator.lazy import Lazy, kept_for
from generator.model import Mechanism, Partnership
from generator.monitor import Health
from generator.render import mechanism_url, partnership_url
from generator.schema import ITEM_SEPARATOR, LIST_SEPARATOR, MECHANISM, PARTNERSHIP, Field, Kind

T = TypeVar("T")
JSON_PATH = "data/partnerships.json"
CSV_PATH = "data/partnerships.csv"
# The JSON Schema's file name, beside the JSON (generator.build.SCHEMA_PATH).
SCHEMA = "partnership.schema.json"
ROBOTS_PATH = "robots.txt"
# The multilateral mechanisms, apart from the bilateral partnerships of JSON_PATH and CSV_PATH.
MECHANISMS_JSON_PATH = "data/mechanisms.json"
MECHANISM_SCHEMA = "mechanism.schema.json"
# What the build adds to each record besides the values of the facets declared with an export
# (generator/facets.py): names from the reference data and the monitoring state.
DERIVED = (
    "province_name_th",
    "province_name_en",
    "country_name_th",
    "country_name_en",
    "last_activity",
    "review_overdue",
)
TEXT_KINDS = frozenset({Kind.TEXT, Kind.LONG_TEXT, Kind.SLUG, Kind.URL, Kind.SOURCE_URL, Kind.EMAIL})
SCALARS: dict[Kind, Callable[[Any], str]] = {
    Kind.CHOICE: lambda v: str(v.value),
    Kind.PROVINCE: lambda v: str(v.code),
    Kind.COUNTRY: lambda v: str(v.code),
    Kind.DATE: lambda v: str(v.isoformat()),
    Kind.PARTIAL_DATE: lambda v: str(v.iso()),
}
# A cell starting with one of these is a formula to Excel and LibreOffice; a leading apostrophe keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(fld: Field, value: Any) -> Any:
    """A model value as JSON data shaped like the partner file: codes for enums, ISO strings for dates."""
    kind = fld.kind
    if kind in TEXT_KINDS:
        return value
    if kind is Kind.OBJECT:
        out = {}
        for sub in fld.fields:
            item = getattr(value, sub.name)
            if item is not None:
                # Text is most of a record: taken as it is without a call (a million calls at 10,000 records).
                out[sub.name] = item if sub.kind in TEXT_KINDS else plain(sub, item)
        return out
    if kind is Kind.LIST:
        assert fld.item is not None
        return [plain(fld.item, item) for item in value]
    return SCALARS[kind](value)


def derived(p: Partnership, health: Health, registry: Registry = FACETS) -> dict[str, Any]:
    """What the build adds to a record: its exported facets' values, reference names, the monitoring state."""
    province, country = p.thai_party.province, p.partner.country
    return {
        **{f.export: f.exported(p, health) for f in registry.facets if f.export is not None},
        "province_name_th": province.name_th,
        "province_name_en": province.name_en,
        "country_name_th": country.name_th,
        "country_name_en": country.name_en,
        "last_activity": health.last_activity.iso() if health.last_activity else None,
        "review_overdue": health.review_overdue,
    }


def record(p: Partnership, health: Health, registry: Registry = FACETS) -> dict[str, Any]:
    """One partnership as exported: its partner-file fields, its page URL and its derived state."""
    data: dict[str, Any] = plain(PARTNERSHIP, p)
    return {**data, "url": partnership_url(p), "derived": derived(p, health, registry)}


def records(directory: Directory) -> Iterator[dict[str, Any]]:
    """Every partnership as exported, sorted by id, made one at a time."""
    return _each(directory, None, lambda data: data)


@dataclass
class Kept:
    """Each partnership's JSON record and CSV row as last made, kept by the live preview (generator/preview.py)
    and used again while the partnership is the same object: its health is made from it and the settings."""

    json: dict[str, tuple[Partnership, bytes]] = field(default_factory=dict)
    csv: dict[str, tuple[Partnership, bytes]] = field(default_factory=dict)


def _each(
    directory: Directory, kept: dict[str, tuple[Partnership, T]] | None, make: Callable[[dict[str, Any]], T]
) -> Iterator[T]:
    """make(record) of every partnership, sorted by id; from kept, when given, for the same partnership."""

    def made(p: Partnership) -> T:
        return make(record(p, directory.health[p.id], directory.registry))

    return (kept_for(kept, p.id, p, made) for p in sorted(directory.partnerships, key=lambda p: p.id))


def partnerships_json(directory: Directory, kept: Kept | None = None) -> bytes:
    """data/partnerships.json: build date, count and every record, sorted by id with sorted keys."""
    # The bytes json.dumps(sort_keys=True) makes of the whole document, encoded one record at a time: the
    # records as dicts plus the document as one string took four times the file's size (80 MB at 10,000).
    # Each record goes into one buffer as it is made: joining the records, then putting them in the document,
    # held three copies of them at once.
    out = io.BytesIO()
    date, count = _json(directory.settings.build_date.isoformat()), len(directory.partnerships)
    out.write(b'{"build_date":%b,"count":%d,"partnerships":[' % (date, count))
    for number, encoded in enumerate(_each(directory, kept.json if kept else None, _json)):
        out.write(b"," if number else b"")
        out.write(encoded)
    out.write(b'],"schema":%b,"schema_version":%d}\n' % (_json(SCHEMA), SCHEMA_VERSION))
    return out.getvalue()


def _json(value: Any) -> bytes:
    # Compact: with indent, the json module falls back to its pure-Python encoder (4x slower at 10,000 records).
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _flat_names(fld: Field, prefix: str = "") -> Iterator[str]:
    for sub in fld.fields:
        if sub.kind is Kind.OBJECT:
            yield from _flat_names(sub, f"{prefix}{sub.name}_")
        else:
            yield prefix + sub.name


# The version of the exported record's shape; it goes up when a field changes meaning or is retired.
SCHEMA_VERSION = 2
# The CSV's columns in the order they were first published. Columns are only ever appended, so a script that
# reads column 24 keeps reading the same thing: a new field adds its column at the end of this list, and a
# retired field keeps its (then empty) column. Fields not listed yet follow, in declaration order.
PUBLISHED_COLUMNS = (
    "id", "url",
    "thai_party_level", "thai_party_name_th", "thai_party_name_en", "thai_party_province",
    "partner_name_en", "partner_name_th", "partner_name_native", "partner_country", "partner_level",
    "type", "status", "status_since", "status_source", "signed", "renewed", "expires", "review_by", "activities",
    "responsible_office_name_th", "responsible_office_name_en", "responsible_office_email", "responsible_office_url",
    "documents", "note_th", "note_en", "sources",
    "last_verified",  # retired in schema version 2: always empty; see checked_date
    "verification",
    "region", "province_name_th", "province_name_en", "country_name_th", "country_name_en",
    "last_activity", "alerts", "review_overdue",
    # schema version 2
    "schema_version", "evidence", "claim", "checked_date", "checked_what_th", "checked_what_en",
    "thai_party_other_names", "partner_other_names",
)  # fmt: skip


def csv_columns(published: tuple[str, ...], fields: tuple[str, ...]) -> tuple[str, ...]:
    """The published columns in their order, then any field not yet published: no existing column ever moves."""
    return (*published, *(name for name in fields if name not in published))


FLAT = tuple(_flat_names(PARTNERSHIP))


def csv_header(registry: Registry = FACETS) -> tuple[str, ...]:
    """The CSV's columns: the published ones, then each field or derived value not yet published."""
    derived = (*(f.export for f in registry.facets if f.export is not None), *DERIVED)
    # A derived value is flattened beside the fields: one named like a field's column would replace it.
    clash = sorted(set(derived) & set(FLAT))
    if clash:
        raise ValueError(f"exported facets named like a field's column: {', '.join(clash)}")
    return csv_columns(PUBLISHED_COLUMNS, (FLAT[0], "url", *FLAT[1:], "schema_version", *derived))


CSV_COLUMNS = csv_header()


def _cell(value: Any) -> str:
    """A flattened value as text: lists joined with ' | ', the fields of one list item with '; '."""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, dict):
        return ITEM_SEPARATOR.join(_cell(item) for item in value.values())
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}_"))
        else:
            flat[prefix + key] = value
    return flat


def csv_row(data: Mapping[str, Any], columns: tuple[str, ...] = CSV_COLUMNS) -> list[str]:
    """One exported record as a CSV row in the order of columns."""
    flat = {
        **_flatten({k: v for k, v in data.items() if k != "derived"}),
        **data["derived"],
        "schema_version": SCHEMA_VERSION,
    }
    return [_cell(flat.get(column)) for column in columns]


def partnerships_csv(directory: Directory, kept: Kept | None = None) -> bytes:
    """data/partnerships.csv: one row per partnership, UTF-8 with a BOM so Excel reads the Thai, RFC 4180 quoting."""
    # Each row is encoded as it is made (the whole table as text would take twice the memory of its bytes), and
    # kept so by the live preview.
    columns = csv_header(directory.registry)
    make: Callable[[dict[str, Any]], bytes] = lambda data: _csv_line(csv_row(data, columns))  # noqa: E731
    lines: Iterator[bytes] = _each(directory, kept.csv if kept else None, make)
    return b"".join((codecs.BOM_UTF8, _csv_line(list(columns)), *lines))


def _csv_line(row: list[str]) -> bytes:
    """One CSV line, RFC 4180 quoting and CRLF, in UTF-8."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue().encode("utf-8")


def mechanism_record(m: Mechanism) -> dict[str, Any]:
    """One mechanism as exported: its file's fields, its id and page URL, and the names of its Thai members."""
    data: dict[str, Any] = plain(MECHANISM, m)
    members = [
        {"code": p.code, "name_th": p.name_th, "name_en": p.name_en, "region": p.region.value} for p in m.thai_members
    ]
    return {**data, "id": m.id, "url": mechanism_url(m), "derived": {"claim": m.claim.value, "thai_members": members}}


def mechanisms_json(directory: Directory) -> bytes:
    """data/mechanisms.json: every multilateral mechanism, sorted by id; the partnerships stay bilateral."""
    items = [mechanism_record(m) for m in sorted(directory.mechanisms, key=lambda m: m.id)]
    document = {
        "build_date": directory.settings.build_date.isoformat(),
        "count": len(items),
        # Each mechanism is one record; its members' bilateral ties, if any, are in partnerships.json.
        "partnerships": JSON_PATH.rsplit("/", 1)[-1],
        "records": items,
        "schema": MECHANISM_SCHEMA,
        "schema_version": SCHEMA_VERSION,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def robots_txt(site_url: str | None) -> bytes:
    """robots.txt allowing every crawler, naming each edition's sitemap when the site's address is known."""
    lines = ["User-agent: *", "Disallow:"]
    if site_url:
        lines += [f"Sitemap: {site_url.rstrip('/')}/{e.prefix}sitemap.xml" for e in EDITIONS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def export_files(
    directory: Directory, env: jinja2.Environment, site_url: str | None, kept: Kept | None = None
) -> Mapping[str, bytes]:
    """Every export, keyed by its path in the site, made when read (generator.lazy); kept: see Kept."""
    # The JSON and the CSV take 15-20 MB each at 10,000 partnerships: the writer holds one at a time.
    makers: dict[str, Callable[[], bytes]] = {
        JSON_PATH: lambda: partnerships_json(directory, kept),
        CSV_PATH: lambda: partnerships_csv(directory, kept),
        FEED_PATH: lambda: atom_feed(directory, env, site_url),
        ROBOTS_PATH: lambda: robots_txt(site_url),
        MECHANISMS_JSON_PATH: lambda: mechanisms_json(directory),
    }
    return Lazy(makers)


def edition_files(directory: Directory, env: jinja2.Environment, site_url: str | None) -> Mapping[str, bytes]:
    """The exports of an edition other than the main one, whose data files it links at the site's root: its
    feed, in its language (site_url: the edition's address)."""
    return Lazy({FEED_PATH: lambda: atom_feed(directory, env, site_url)})
