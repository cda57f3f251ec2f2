"""The directory's data in small files, so a cold search or the directory's first rows load only a few of them.

Whole, the data of 10,000 partnerships is 2.2 MB, and the search page and the directory filter loaded all of it.
Here it is cut by Thai province, the one thing every partnership has and most queries name (a province, or a
partner city that a few provinces have), and that a filter on region, province or country narrows. Under
directory/data/ (read by content/assets/javascripts/pieces.js):

- meta.json: the columns, the province and country tables, the pieces in listing order ([province, rows]), the
  provinces each country has partnerships with, the number of gram buckets and of partnerships;
- rows-N.json: piece N, the rows of one province in listing order (a province with more than PIECE_ROWS is cut
  into pieces of about the same size, so no piece grows with the number of partnerships);
- grams-B.json: for every run of one to three letters of the text a query is matched against (the normal, compact
  and loose forms of a partnership's names and of its province and country, as partnerships.js builds `key`,
  `compactKey` and `looseKey`), the provinces whose rows hold it: a hex bitmask over the provinces in the order
  they first appear in the listing, or ALL. A gram is in bucket fnv1a(utf-8) % buckets, and a bucket holds about
  GRAMS_PER_BUCKET grams, so the buckets, too, stay small.

A row can hold a query word only if it holds every gram of the word, so the provinces holding some of its grams are
a superset of those holding the word: the browser loads their pieces and matches them as before, and finds the
same partnerships in the same order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from generator.normalize import loose, normalize

DATA_DIR = "directory/data"
META_PATH = f"{DATA_DIR}/meta.json"
PIECE_ROWS = 100
GRAMS_PER_BUCKET = 256
GRAM_LETTERS = 3
ALL = "*"

ProvinceEntry = tuple[str, str, str, tuple[str, ...]]
CountryEntry = tuple[str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Tables:
    """What every piece shares: the columns of a row, the province, country and region tables (a region: its
    names, which narrow a query to its provinces) and the generic words of a query."""

    columns: tuple[str, ...]
    provinces: Mapping[str, ProvinceEntry]
    countries: Mapping[str, CountryEntry]
    regions: Mapping[str, tuple[str, ...]]
    # Words a query drops when others are typed (generator/data/generic_words.yaml).
    generic: tuple[str, ...] = ()


@dataclass
class KeptGrams:
    """What the live preview keeps of the grams from one edit to the next: each province's rows and grams, and the
    masks of every gram over the provinces in order. An edit changes the rows of one province: the others' grams
    are used again, and the masks change only by the grams that province gained or lost."""

    tables: Tables | None = None
    provinces: dict[str, tuple[list[Sequence[object]], frozenset[str]]] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    masks: dict[str, int] = field(default_factory=dict)


def files(tables: Tables, rows: Sequence[Sequence[object]], kept: KeptGrams | None = None) -> dict[str, bytes]:
    """Every file of directory/data/ for the rows in listing order: path under the site -> JSON bytes."""
    at = {name: i for i, name in enumerate(tables.columns)}
    cut = list(_pieces(rows, at["province"]))
    order = list(dict.fromkeys(province for province, _ in cut))
    grams = _grams(tables, cut, at, order, KeptGrams() if kept is None else kept)
    buckets = max(1, math.ceil(len(grams) / GRAMS_PER_BUCKET))
    out = {f"{DATA_DIR}/rows-{n}.json": _json(piece) for n, (_, piece) in enumerate(cut)}
    filled: list[dict[str, str]] = [{} for _ in range(buckets)]
    for gram, mask in sorted(grams.items()):
        filled[bucket(gram, buckets)][gram] = mask
    for b, grams_of_bucket in enumerate(filled):
        out[f"{DATA_DIR}/grams-{b}.json"] = _json(grams_of_bucket)
    meta = {
        "columns": tables.columns,
        "provinces": tables.provinces,
        "countries": tables.countries,
        "regions": tables.regions,
        "generic": tables.generic,
        "order": order,
        "pieces": [[province, len(piece)] for province, piece in cut],
        "country_provinces": _country_masks(rows, at, order),
        "buckets": buckets,
        "total": len(rows),
    }
    out[META_PATH] = _json(meta)
    return out


def _pieces(rows: Sequence[Sequence[object]], column: int) -> Iterator[tuple[str, list[Sequence[object]]]]:
    """Runs of rows of one province, each cut into pieces of at most PIECE_ROWS of about the same size."""
    start = 0
    while start < len(rows):
        province = str(rows[start][column])
        end = start
        while end < len(rows) and rows[end][column] == province:
            end += 1
        parts = math.ceil((end - start) / PIECE_ROWS)
        for k in range(parts):
            yield province, list(rows[start + (end - start) * k // parts : start + (end - start) * (k + 1) // parts])
        start = end


def _texts(tables: Tables, row: Sequence[object], at: Mapping[str, int]) -> Iterator[str]:
    """The texts a query is matched against (partnerships.js, prepare), as written (_province_grams normalises
    them: the province's and country's names recur in every row, and each distinct text is normalised once)."""
    province = tables.provinces.get(str(row[at["province"]]))
    country = tables.countries.get(str(row[at["country"]]))
    other = row[at["other_names"]]
    own = [row[at["partner_th"]], row[at["partner_en"]], row[at["native"]], row[at["thai"]], row[at["thai_en"]]]
    own += list(other) if isinstance(other, (list, tuple)) else []
    around = [province[0], province[1], *province[3]] if province else []
    around += [country[0], country[1], *country[3]] if country else []
    for text in (*own, *around):
        if isinstance(text, str) and text:
            yield text


def grams_of(text: str) -> Iterator[str]:
    """Every run of one to GRAM_LETTERS letters of the normal, compact and loose forms of a normal text."""
    for form in {text, text.replace(" ", ""), loose(text)}:
        for size in range(1, GRAM_LETTERS + 1):
            for i in range(len(form) - size + 1):
                yield form[i : i + size]


def _grams(
    tables: Tables,
    cut: Sequence[tuple[str, Sequence[Sequence[object]]]],
    at: Mapping[str, int],
    order: list[str],
    kept: KeptGrams,
) -> dict[str, str]:
    """Gram -> the provinces whose rows (cut into pieces by province) hold it (hex bitmask over order, or ALL)."""
    if kept.tables != tables:
        kept.tables, kept.provinces, kept.order, kept.masks = tables, {}, (), {}
    rows_of: dict[str, list[Sequence[object]]] = {province: [] for province in order}
    for province, piece in cut:
        rows_of[province].extend(piece)
    now = {
        province: _province_grams(tables, its, at, kept.provinces.get(province)) for province, its in rows_of.items()
    }
    if kept.order == tuple(order):
        masks = kept.masks
        for i, province in enumerate(order):
            old, new = kept.provinces[province][1], now[province][1]
            if old is not new:
                _unset(masks, old - new, 1 << i)
                _set(masks, new - old, 1 << i)
    else:
        masks = {}
        for i, province in enumerate(order):
            _set(masks, now[province][1], 1 << i)
    kept.provinces, kept.order, kept.masks = now, tuple(order), masks
    return {gram: _mask(mask, len(order)) for gram, mask in masks.items()}


def _province_grams(
    tables: Tables,
    rows: list[Sequence[object]],
    at: Mapping[str, int],
    old: tuple[list[Sequence[object]], frozenset[str]] | None,
) -> tuple[list[Sequence[object]], frozenset[str]]:
    """A province's rows and every gram of their texts; old's while they are the same rows."""
    if old is not None and old[0] == rows:
        return old
    texts = {normalize(text) for text in {text for row in rows for text in _texts(tables, row, at)}}
    return rows, frozenset(gram for text in texts for gram in grams_of(text))


def _set(masks: dict[str, int], grams: Iterable[str], bit: int) -> None:
    for gram in grams:
        masks[gram] = masks.get(gram, 0) | bit


def _unset(masks: dict[str, int], grams: Iterable[str], bit: int) -> None:
    for gram in grams:
        left = masks[gram] & ~bit
        if left:
            masks[gram] = left
        else:
            del masks[gram]


def _country_masks(rows: Sequence[Sequence[object]], at: Mapping[str, int], order: list[str]) -> dict[str, str]:
    """Country code -> the provinces with a partnership in it (hex bitmask over order, or ALL)."""
    index = {province: i for i, province in enumerate(order)}
    masks: dict[str, int] = {}
    for row in rows:
        country = str(row[at["country"]])
        masks[country] = masks.get(country, 0) | 1 << index[str(row[at["province"]])]
    return {country: _mask(mask, len(order)) for country, mask in sorted(masks.items())}


def _mask(mask: int, size: int) -> str:
    return ALL if mask == (1 << size) - 1 else format(mask, "x")


def bucket(gram: str, buckets: int) -> int:
    """The bucket of a gram: 32-bit FNV-1a of its UTF-8 bytes, modulo the number of buckets (as pieces.js)."""
    value = 0x811C9DC5
    for byte in gram.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
