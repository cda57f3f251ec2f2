"""The statistics page and map agree with counts computed here, independently, from the YAML files."""

from __future__ import annotations

import calendar
import collections
import datetime
import re

import pytest
import yaml
from conftest import ROOT, TODAY
from sites import build_fixture_site

from generator.refdata import load_refdata
from generator.sample import sample_files

STRINGS = yaml.safe_load((ROOT / "generator" / "strings" / "th.yaml").read_text(encoding="utf-8"))
PROVINCES = yaml.safe_load((ROOT / "generator" / "data" / "provinces.yaml").read_text(encoding="utf-8"))
COUNTRIES = yaml.safe_load((ROOT / "generator" / "data" / "countries.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, object]], str]:
    files = sample_files(150, 11, TODAY, load_refdata())
    site = build_fixture_site(tmp_path_factory.mktemp("stats"), dict(files)).site
    records = [yaml.load(text, Loader=yaml.BaseLoader) for text in files.values()]
    return records, (site / "stats" / "index.html").read_text(encoding="utf-8")


def table(html: str, caption_part: str) -> dict[str, list[int]]:
    """Rows of the table whose caption contains caption_part: label → numbers."""
    match = re.search(r"<caption>[^<]*" + re.escape(caption_part) + r"[^<]*</caption>(.*?)</table>", html, re.S)
    assert match is not None, caption_part
    rows = re.findall(r'<tr><th scope="row">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</th>((?:<td>\d+</td>)+)</tr>', match[1])
    return {label: [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)] for label, cells in rows}


def test_counts_by_status(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    expected = collections.Counter(STRINGS["status"][r["status"]] for r in records)
    assert {k: v[0] for k, v in table(html, STRINGS["stats"]["by_status"]).items() if v[0]} == dict(expected)


def test_counts_by_region(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    region = {p["code"]: p["region"] for p in PROVINCES}
    expected = collections.Counter(
        STRINGS["region"][region[r["thai_party"]["province"]]]  # type: ignore[index]
        for r in records
    )
    assert {k: v[0] for k, v in table(html, STRINGS["stats"]["by_region"]).items()} == dict(expected)


def test_counts_by_country(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    name = {c["code"]: c["name_th"] for c in COUNTRIES}
    expected = collections.Counter(name[r["partner"]["country"]] for r in records)  # type: ignore[index]
    assert {k: v[0] for k, v in table(html, STRINGS["stats"]["countries_title"]).items()} == dict(expected)


def signed_reading(r: dict[str, object]) -> bool:
    """Whether a record's signing is reported and undisputed, by its fields."""
    return r["evidence"] not in ("list_only", "contact_only") and r["verification"] != "disputed"


def test_cumulative_by_year(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    # A year counts when the record reads as signed in it: an exact date, a reported signing, not disputed.
    dated = [r for r in records if "signed" in r and str(r["signed"])[:1].isdigit() and signed_reading(r)]
    years = collections.Counter(int(str(r["signed"])[:4]) for r in dated)
    rows = table(html, STRINGS["stats"]["by_year"])
    running = 0
    expected = {}
    for year in sorted(years):
        running += years[year]
        expected[f"พ.ศ. {year + 543} (ค.ศ. {year})"] = [years[year], running]
    assert rows == expected
    unknown = len(records) - len(dated)
    assert STRINGS["stats"]["unknown_year"].format(n=unknown) in html


def test_map_has_a_labelled_linked_tile_per_province(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    svg = re.search(r'<svg role="group".*?</svg>', html, re.S)
    assert svg is not None
    tiles = re.findall(r'<a href="\.\./provinces/([a-z-]+)/" aria-label="([^"]+)">\s*<title>[^<]+</title>', svg[0])
    assert sorted(slug for slug, _ in tiles) == sorted(p["slug"] for p in PROVINCES)
    texts = re.findall(r'class="sc-tile-label"[^>]*>([^<]+)</text>', svg[0])
    assert sorted(texts) == sorted(p["name_th"] for p in PROVINCES)
    active = collections.Counter(r["thai_party"]["province"] for r in records if r["status"] == "active")  # type: ignore[index]
    by_name = {p["name_th"]: p["code"] for p in PROVINCES}
    for name, (act, _total) in table(html, STRINGS["stats"]["map"]).items():
        code = by_name[name.removeprefix("จังหวัด")] if name != "กรุงเทพมหานคร" else "TH-10"
        assert act == active.get(code, 0), name


def test_charts_have_text_alternatives(built: tuple[list[dict[str, object]], str]) -> None:
    _records, html = built
    charts = re.findall(r'<svg role="img" aria-labelledby="([a-z]+)-title"', html)
    assert charts == ["status", "alerts", "region", "years", "countries"]
    for chart in charts:
        assert f'<title id="{chart}-title">' in html
    assert html.count("<caption>") == 6


def latest_day(iso: str) -> datetime.date:
    """The last day a date written 2015, 2015-03 or 2015-03-01 can mean."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return datetime.date(parts[0], parts[1], parts[2])


def quiet(record: dict[str, object]) -> str | None:
    """Which dormancy alert an active record gets three years after its last sign of life (none in February)."""
    if record["status"] != "active":
        return None
    activities: list[dict[str, str]] = record.get("activities", [])  # type: ignore[assignment]
    renewed = [str(record["renewed"])] if "renewed" in record else []
    after = [a["date"] for a in activities if a["kind"] != "signing"] + renewed
    every = [a["date"] for a in activities] + [str(record[k]) for k in ("signed", "renewed") if k in record]
    if every and max(latest_day(d) for d in every) >= TODAY.replace(year=TODAY.year - 3):
        return None
    return "activity_stopped" if after else "no_activity_recorded"


def test_the_two_dormancy_alerts_are_counted_apart(built: tuple[list[dict[str, object]], str]) -> None:
    records, html = built
    expected = collections.Counter(quiet(r) for r in records)
    rows = table(html, STRINGS["stats"]["by_alert"])
    labels = STRINGS["alert"]
    assert rows[labels["no_activity_recorded"]] == [expected["no_activity_recorded"]]
    assert rows[labels["activity_stopped"]] == [expected["activity_stopped"]]
    assert expected["no_activity_recorded"] > 0 and expected["activity_stopped"] > 0
