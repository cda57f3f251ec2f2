"""The directory's data in pieces (generator/pieces.py): small files whatever the number of partnerships, rows in
listing order, and gram buckets that name every province whose rows hold a gram (so the browser, which loads
only the provinces a query's grams name, never misses a partnership). The browser side is tested in
tests/test_search.py and tests/test_directory_filter.py."""

from __future__ import annotations

import dataclasses
import json

from generator import pieces
from generator.browse import PUBLISHED
from generator.normalize import normalize
from generator.refdata import load_refdata
from generator.sample import load_cities

REF = load_refdata()
CITIES = load_cities()
PROVINCES = sorted(REF.provinces.values(), key=lambda p: p.code)
TABLES = pieces.Tables(
    columns=PUBLISHED,
    provinces={
        p.code: (p.name_th, p.name_en, p.region.value, ("อุดร",) if p.code == "TH-41" else ()) for p in PROVINCES
    },
    countries={
        c.code: (c.name_th, c.name_en, c.lang, ("อเมริกา",) if c.code == "US" else ()) for c in REF.countries.values()
    },
    regions={"northeast": ("ภาคตะวันออกเฉียงเหนือ", "Northeastern Region", "อีสาน")},
    generic=("sister city",),
)
# Large enough for a piece as large as PIECE_ROWS rows of long names, and a bucket of twice its share of grams.
ROWS_BOUND = 40_000
GRAMS_BOUND = 12_000


def rows(count: int) -> list[list[object]]:
    """count rows in listing order (by province), pairing provinces and sample cities in turn."""
    made: list[list[object]] = []
    for i in range(count):
        province, city = PROVINCES[i % len(PROVINCES)], CITIES[i % len(CITIES)]
        other = ["นพบุรีศรีนครพิงค์"] if i % 7 == 0 else []
        names = [f"p-{i}", "จังหวัด" + province.name_th, province.code, city.name_th, city.name_en, city.name_native]
        facts = [city.country, "mou", "active", [], 2000, "signed", "verified", None, other, province.region.value]
        made.append([*names, *facts, f"{province.name_en} City Municipality"])
    return sorted(made, key=lambda row: (str(row[2]), str(row[0])))


def sizes(files: dict[str, bytes], kind: str) -> list[int]:
    return [len(data) for path, data in files.items() if path.startswith(f"{pieces.DATA_DIR}/{kind}-")]


def test_no_file_grows_with_the_number_of_partnerships() -> None:
    small, large = pieces.files(TABLES, rows(300)), pieces.files(TABLES, rows(9000))
    for files in (small, large):
        assert max(sizes(files, "rows")) <= ROWS_BOUND
        assert max(sizes(files, "grams")) <= GRAMS_BOUND
    # More partnerships make more pieces, not larger ones; the buckets follow the number of different names (the
    # same 86 sample cities here), each gram naming at most every province.
    assert len(sizes(large, "rows")) > len(sizes(small, "rows")) >= len(PROVINCES)
    assert len(sizes(large, "grams")) == len(sizes(small, "grams"))


def test_pieces_keep_the_listing_order_and_hold_one_province_each() -> None:
    listed = rows(1000)
    files = pieces.files(TABLES, listed)
    meta = json.loads(files[pieces.META_PATH])
    cut = [json.loads(files[f"{pieces.DATA_DIR}/rows-{n}.json"]) for n in range(len(meta["pieces"]))]
    assert [row for piece in cut for row in piece] == listed
    for (province, count), piece in zip(meta["pieces"], cut, strict=True):
        assert len(piece) == count <= pieces.PIECE_ROWS
        assert {row[2] for row in piece} == {province}
    # 1,000 rows over 77 provinces: 13 rows each, one piece each.
    assert meta["total"] == 1000 and meta["order"] == [p.code for p in PROVINCES]


def test_a_province_of_many_rows_is_cut_into_pieces_of_about_the_same_size() -> None:
    listed = [row for row in rows(77 * 250) if row[2] == "TH-50"]
    meta = json.loads(pieces.files(TABLES, listed)[pieces.META_PATH])
    assert meta["pieces"] == [["TH-50", 83], ["TH-50", 83], ["TH-50", 84]]


def test_every_gram_of_a_row_names_its_province() -> None:
    listed = rows(400)
    files = pieces.files(TABLES, listed)
    meta = json.loads(files[pieces.META_PATH])
    table = {}
    for b in range(meta["buckets"]):
        bucket = json.loads(files[f"{pieces.DATA_DIR}/grams-{b}.json"])
        assert {pieces.bucket(gram, meta["buckets"]) for gram in bucket} <= {b}
        table.update(bucket)
    missing = []
    for row in listed:
        bit = 1 << meta["order"].index(row[2])
        province, country = TABLES.provinces[str(row[2])], TABLES.countries[str(row[6])]
        other = row[14]
        assert isinstance(other, list)
        texts = [row[1], row[16], row[3], row[4], row[5], *other, province[0], province[1], *province[3]]
        texts += [*country[:2], *country[3]]
        for text in filter(None, texts):
            for gram in pieces.grams_of(normalize(str(text))):
                mask = table.get(gram)
                if mask is None or (mask != pieces.ALL and not int(mask, 16) & bit):
                    missing.append((row[0], gram))
    assert missing == []
    # Loose and compact forms too: ภูเกต (no ็) for ภูเก็ต, the province's other name อุดร, the country's อเมริกา;
    # the Thai party's English name (thai_en), in which alone "municipality" is.
    assert {"ภูเ", "กต", "อุดร"[:3], "อเมริกา"[:3], "mun", "pal"} <= set(table)


def test_countries_name_the_provinces_with_partners_there() -> None:
    listed = rows(200)
    meta = json.loads(pieces.files(TABLES, listed)[pieces.META_PATH])
    for country, mask in meta["country_provinces"].items():
        having = {row[2] for row in listed if row[6] == country}
        named = (
            set(meta["order"])
            if mask == pieces.ALL
            else {code for i, code in enumerate(meta["order"]) if int(mask, 16) >> i & 1}
        )
        assert named == having


def test_the_bucket_of_a_gram_is_fnv1a_of_its_utf8_bytes() -> None:
    # The published test values of 32-bit FNV-1a; pieces.js computes the same (the search tests use it).
    assert [pieces.bucket(text, 2**32) for text in ("", "a", "foobar")] == [0x811C9DC5, 0xE40C292C, 0xBF9CF968]


def test_kept_grams_are_used_again_only_for_provinces_whose_rows_are_the_same() -> None:
    listed = rows(400)
    kept = pieces.KeptGrams()
    assert pieces.files(TABLES, listed, kept) == pieces.files(TABLES, listed)
    before = dict(kept.provinces)
    edited = [list(row) for row in listed]
    at = PUBLISHED.index("partner_th")
    first = next(row for row in edited if row[2] == "TH-50")
    first[at] = "เมืองที่เพิ่งแก้ชื่อ"
    # The preview's files equal a build's of the edited rows; only Chiang Mai's grams were made again.
    assert pieces.files(TABLES, edited, kept) == pieces.files(TABLES, edited)
    assert kept.provinces["TH-50"] is not before["TH-50"]
    assert all(kept.provinces[code] is before[code] for code in before if code != "TH-50")
    # Back to the rows as they were: the grams Chiang Mai lost and gained are put back in the masks.
    assert pieces.files(TABLES, listed, kept) == pieces.files(TABLES, listed)
    # A province that has no rows any more leaves nothing kept, and the order of the others changes their masks.
    fewer = [row for row in edited if row[2] != "TH-10"]
    assert pieces.files(TABLES, fewer, kept) == pieces.files(TABLES, fewer)
    assert "TH-10" not in kept.provinces
    # Other tables (a province's other names changed) make every gram again.
    renamed = dataclasses.replace(
        TABLES, provinces={**TABLES.provinces, "TH-50": ("เชียงใหม่", "Chiang Mai", "north", ("พิงค์นคร",))}
    )
    assert pieces.files(renamed, fewer, kept) == pieces.files(renamed, fewer)
