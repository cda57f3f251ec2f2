"""Open data from a real build: JSON and CSV read back field by field, the Atom feed, robots.txt and the 404 page."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import jsonschema
import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from sites import build_fixture_site, config_with_site_url, paths_for

from generator import build as pipeline
from generator import exports
from generator.collate import Directory, collate
from generator.exports import CSV_COLUMNS, PUBLISHED_COLUMNS, csv_columns, export_files, partnerships_json, robots_txt
from generator.feed import atom_feed, latest_events
from generator.refdata import load_refdata
from generator.render import make_env
from generator.sample import sample_files
from generator.strings import load_strings

PHNOM_PENH = """\
thai_party:
  level: bangkok
  name_th: กรุงเทพมหานคร
  name_en: Bangkok Metropolitan Administration
  province: TH-10
partner:
  name_en: Phnom Penh
  name_th: พนมเปญ
  country: KH
  level: city
type: sister_city
status: suspended
status_since: 2020-03-15
status_source: https://example.org/suspended
signed: 2013-01
activities:
  - date: 2009
    kind: status_change
    title_th: ระงับแผนการแลกเปลี่ยน
  - date: 2020-03-15
    kind: status_change
    title_th: ระงับความสัมพันธ์ชั่วคราว
sources:
  - https://example.org/pp
  - http://example.org/pp-old
evidence: news_report
verification: unverified
"""

# Text that a spreadsheet would run as a formula, or that needs quoting in CSV and escaping in XML.
LUANG_PRABANG = """\
thai_party:
  level: province
  name_th: จังหวัดน่าน
  name_en: Nan Province
  province: TH-55
partner:
  name_en: '=HYPERLINK("https://evil.example")'
  name_th: 'หลวงพระบาง <b>&</b>, "ลาว"'
  country: LA
  level: province
type: mou
status: negotiating
status_since: 2024-11
renewed: 2015
expires: 2020-01-01
review_by: 2026-01-01
note_th: "+ บรรทัดแรก\\nบรรทัดที่สอง"
sources:
  - https://example.org/lp
evidence: news_report
verification: disputed
"""

FILES: dict[str, str | bytes] = {
    "chiang-mai/kunming.yml": BASELINE,
    "chiang-mai/full.yml": (ROOT / "tests" / "fixtures" / "full.yml").read_text(encoding="utf-8"),
    "bangkok/phnom-penh.yml": PHNOM_PENH,
    "nan/luang-prabang.yml": LUANG_PRABANG,
}
IDS = {
    "chiang-mai/kunming.yml": "chiang-mai-kunming",
    "chiang-mai/full.yml": "golden-chiang-mai-kunming",
    "bangkok/phnom-penh.yml": "bangkok-phnom-penh",
    "nan/luang-prabang.yml": "nan-luang-prabang",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("exports"), FILES).site


def directory_for(tmp: Path, files: dict[str, str | bytes]) -> Directory:
    inputs = pipeline.check(paths_for(tmp, write(tmp, files)), SETTINGS)
    return collate(inputs.records, inputs.chapters, load_refdata(), SETTINGS)


def as_json(value: Any) -> Any:
    """A YAML value as the export writes it: dates and bare years as the ISO text written in the file."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    return value


def expected_record(rel: str) -> dict[str, Any]:
    """The partner file's own fields, as the JSON should hold them."""
    data = as_json(yaml.safe_load(FILES[rel]))
    for side in ("thai_party", "partner"):
        data[side] = {"other_names": [], **data[side]}
    return {"activities": [], "documents": [], "id": IDS[rel], **data}


def records(site: Path) -> dict[str, dict[str, Any]]:
    document = json.loads((site / "data" / "partnerships.json").read_text(encoding="utf-8"))
    return {r["id"]: r for r in document["partnerships"]}


def test_json_holds_every_field_of_every_file(site: Path) -> None:
    exported = records(site)
    for rel, pid in IDS.items():
        record = {k: v for k, v in exported[pid].items() if k not in ("url", "derived")}
        assert record == expected_record(rel), rel


def test_json_document_is_sorted_and_counted(site: Path) -> None:
    text = (site / "data" / "partnerships.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert [k for k in document] == ["build_date", "count", "partnerships", "schema", "schema_version"]
    assert document["schema_version"] == 2
    assert document["build_date"] == "2026-11-26"
    assert document["count"] == 4
    assert document["schema"] == "partnership.schema.json"
    assert [r["id"] for r in document["partnerships"]] == sorted(IDS.values())
    assert '"name_th":"หลวงพระบาง <b>&</b>, \\"ลาว\\""' in text


def test_json_adds_page_url_and_derived_state(site: Path) -> None:
    exported = records(site)
    assert exported["chiang-mai-kunming"]["url"] == "partnerships/chiang-mai-kunming/"
    assert exported["chiang-mai-kunming"]["derived"] == {
        "claim": "signed",
        "alerts": [],
        "country_name_en": "China",
        "country_name_th": "จีน",
        "last_activity": "2024-04",
        "province_name_en": "Chiang Mai",
        "province_name_th": "เชียงใหม่",
        "region": "north",
        "review_overdue": False,
    }
    lp = exported["nan-luang-prabang"]["derived"]
    assert (lp["alerts"], lp["last_activity"], lp["review_overdue"]) == (["expired"], "2015", True)
    assert exported["bangkok-phnom-penh"]["derived"]["last_activity"] == "2020-03-15"
    assert (site / exported["bangkok-phnom-penh"]["url"] / "index.html").is_file()


def test_each_json_record_validates_against_the_published_schema(site: Path) -> None:
    schema = json.loads((site / "data" / "partnership.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for record in records(site).values():
        part = {k: v for k, v in record.items() if k not in ("url", "derived")}
        assert list(validator.iter_errors(part)) == [], record["id"]


def csv_rows(site: Path) -> list[dict[str, str]]:
    data = (site / "data" / "partnerships.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_the_documented_columns_and_one_row_per_partnership(site: Path) -> None:
    data = (site / "data" / "partnerships.csv").read_bytes().decode("utf-8-sig")
    header = data.split("\r\n")[0].split(",")
    assert header == list(CSV_COLUMNS)
    assert header == list(PUBLISHED_COLUMNS)
    assert [row["id"] for row in csv_rows(site)] == sorted(IDS.values())


def flat(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """The YAML flattened by the documented rules: nested names joined by '_', lists by ' | ', item fields by '; '."""
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}_"))
        elif isinstance(value, list):
            items = ["; ".join(v.values()) if isinstance(v, dict) else v for v in value]
            out[prefix + key] = " | ".join(items)
        else:
            out[prefix + key] = value
    return out


def test_csv_matches_the_yaml_field_by_field(site: Path) -> None:
    rows = {row["id"]: row for row in csv_rows(site)}
    for rel, pid in IDS.items():
        expected = flat(expected_record(rel))
        for column, value in expected.items():
            if pid == "nan-luang-prabang" and column in ("partner_name_en", "note_th"):
                continue
            assert rows[pid][column] == value, (pid, column)
        empty = set(CSV_COLUMNS[:30]) - set(expected) - {"url"}
        assert {c: rows[pid][c] for c in empty} == dict.fromkeys(empty, ""), pid
    kunming = rows["chiang-mai-kunming"]
    assert kunming["activities"] == "2024-04; visit; คณะผู้แทนเยือนคุนหมิง; https://example.org/news/1"
    assert rows["bangkok-phnom-penh"]["sources"] == "https://example.org/pp | http://example.org/pp-old"
    assert (kunming["url"], kunming["region"], kunming["last_activity"]) == (
        "partnerships/chiang-mai-kunming/",
        "north",
        "2024-04",
    )


def test_csv_keeps_formulas_and_line_breaks_as_text(site: Path) -> None:
    row = {r["id"]: r for r in csv_rows(site)}["nan-luang-prabang"]
    assert row["partner_name_en"] == '\'=HYPERLINK("https://evil.example")'
    assert row["partner_name_th"] == 'หลวงพระบาง <b>&</b>, "ลาว"'
    assert row["note_th"] == "'+ บรรทัดแรก\nบรรทัดที่สอง"
    assert (row["alerts"], row["review_overdue"], row["renewed"]) == ("expired", "true", "2015")
    raw = (site / "data" / "partnerships.csv").read_bytes().decode("utf-8-sig")
    assert ',"หลวงพระบาง <b>&</b>, ""ลาว""",' in raw


EXPECTED_ENTRIES = [
    (
        "tag:moi.go.th,2018-12-19:partnership/nan-luang-prabang/status/negotiating/2024-11",
        'จังหวัดน่าน – หลวงพระบาง <b>&</b>, "ลาว": สถานะเปลี่ยนเป็น อยู่ระหว่างเจรจา',
        "2024-11-01T00:00:00+07:00",
        "partnerships/nan-luang-prabang/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/bangkok-phnom-penh/status-change/2020-03-15/1",
        "กรุงเทพมหานคร – พนมเปญ: ระงับความสัมพันธ์ชั่วคราว",
        "2020-03-15T00:00:00+07:00",
        "partnerships/bangkok-phnom-penh/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/bangkok-phnom-penh/signed",
        "ลงนามเมืองพี่เมืองน้อง: กรุงเทพมหานคร – พนมเปญ",
        "2013-01-01T00:00:00+07:00",
        "partnerships/bangkok-phnom-penh/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/bangkok-phnom-penh/status-change/2009/1",
        "กรุงเทพมหานคร – พนมเปญ: ระงับแผนการแลกเปลี่ยน",
        "2009-01-01T00:00:00+07:00",
        "partnerships/bangkok-phnom-penh/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/golden-chiang-mai-kunming/signed",
        "ลงนามเมืองพี่เมืองน้อง: จังหวัดเชียงใหม่ – คุนหมิง",
        "1999-06-07T00:00:00+07:00",
        "partnerships/golden-chiang-mai-kunming/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/chiang-mai-kunming/signed",
        "ลงนามเมืองพี่เมืองน้อง: จังหวัดเชียงใหม่ – คุนหมิง",
        "1999-06-07T00:00:00+07:00",
        "partnerships/chiang-mai-kunming/",
    ),
    (
        "tag:moi.go.th,2018-12-19:partnership/golden-chiang-mai-kunming/status/active/1999-06",
        "จังหวัดเชียงใหม่ – คุนหมิง: สถานะเปลี่ยนเป็น ดำเนินการอยู่",
        "1999-06-01T00:00:00+07:00",
        "partnerships/golden-chiang-mai-kunming/",
    ),
]


def test_feed_is_valid_atom_with_the_expected_entries(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "ความเคลื่อนไหวของความสัมพันธ์เมืองพี่เมืองน้อง"
    assert feed.feed.id == "tag:moi.go.th,2018-12-19:feed"
    assert feed.feed.updated == "2024-11-01T00:00:00+07:00"
    assert [(e.id, e.title, e.updated, e.link) for e in feed.entries] == EXPECTED_ENTRIES
    first = feed.entries[0]
    assert first.summary == "พฤศจิกายน พ.ศ. 2567 (ค.ศ. 2024) · บันทึกความเข้าใจ (MOU) · ลาว · สถานะ: อยู่ระหว่างเจรจา"
    assert [t.term for t in first.tags] == ["status"]


def test_feed_links_are_absolute_under_site_url(tmp_path: Path) -> None:
    directory = directory_for(tmp_path, FILES)
    env = make_env(ROOT / "templates" / "pages", load_strings())
    feed = feedparser.parse(atom_feed(directory, env, "https://example.org/sister-cities"))
    assert feed.bozo == 0
    assert feed.entries[0].link == "https://example.org/sister-cities/partnerships/nan-luang-prabang/"
    assert [link.href for link in feed.feed.links] == [
        "https://example.org/sister-cities/feed.xml",
        "https://example.org/sister-cities/directory/",
    ]


def test_feed_keeps_the_latest_fifty_newest_first(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"chiang-mai/city-{n:02d}.yml": edit(BASELINE, "signed: 1999-06-07", f"signed: {1950 + n}") for n in range(60)
    }
    events = latest_events(directory_for(tmp_path, files).partnerships)
    assert len(events) == 50
    assert [e.date.year for e in events] == list(range(2009, 1959, -1))


def test_feed_leaves_out_a_signing_only_a_list_reports(tmp_path: Path) -> None:
    listed = edit(edit(BASELINE, "status: active", "status: unknown"), "evidence: news_report", "evidence: list_only")
    files: dict[str, str | bytes] = {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/listed.yml": listed}
    events = latest_events(directory_for(tmp_path, files).partnerships)
    assert [(e.partnership.id, e.key) for e in events] == [("chiang-mai-kunming", "signed")]


def test_exports_are_deterministic(tmp_path: Path) -> None:
    directory = directory_for(tmp_path, FILES)
    env = make_env(ROOT / "templates" / "pages", load_strings())
    assert export_files(directory, env, None) == export_files(directory, env, None)


def test_json_written_record_by_record_is_what_json_dumps_writes(tmp_path: Path) -> None:
    directory = directory_for(tmp_path, FILES)
    rows = list(exports.records(directory))
    document = {"build_date": "2026-11-26", "count": 4, "schema": "partnership.schema.json", "partnerships": rows}
    document["schema_version"] = exports.SCHEMA_VERSION
    whole = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    assert partnerships_json(directory) == whole.encode("utf-8")
    assert [r["id"] for r in rows] == sorted(IDS.values())


def test_exports_are_made_when_read(tmp_path: Path) -> None:
    directory = directory_for(tmp_path, FILES)
    files = export_files(directory, make_env(ROOT / "templates" / "pages", load_strings()), None)
    assert list(files) == [
        "data/partnerships.json",
        "data/partnerships.csv",
        "feed.xml",
        "robots.txt",
        "data/mechanisms.json",
    ]
    assert files["data/partnerships.json"] == partnerships_json(directory)
    assert files["data/partnerships.csv"].startswith("\ufeffid,url,".encode())


def test_robots_allows_all_and_names_the_sitemap_when_the_address_is_known(site: Path) -> None:
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow:\n"
    assert robots_txt("https://example.org/sister-cities/") == (
        b"User-agent: *\nDisallow:\nSitemap: https://example.org/sister-cities/sitemap.xml\n"
        b"Sitemap: https://example.org/sister-cities/en/sitemap.xml\n"
    )
    assert (site / "sitemap.xml").is_file()


def test_404_page_is_in_thai(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in html
    assert "<title>ไม่พบหน้าที่ต้องการ - เมืองพี่เมืองน้อง – คู่มือและสมุดรายชื่อ</title>" in html
    assert "<h1>ไม่พบหน้าที่ต้องการ</h1>" in html
    assert "<p>หน้านี้อาจถูกย้ายหรือลบไปแล้ว หรือที่อยู่ที่พิมพ์อาจไม่ถูกต้อง ลองเริ่มจากหน้าแรกหรือสมุดรายชื่อ</p>" in html
    assert '<li><a href="/">หน้าแรก</a></li>' in html
    assert '<li><a href="/directory/">สมุดรายชื่อความสัมพันธ์</a></li>' in html
    assert "Not found" not in html


def test_every_page_announces_the_feed(site: Path) -> None:
    link = '<link rel="alternate" type="application/atom+xml" title="ความเคลื่อนไหวของความสัมพันธ์เมืองพี่เมืองน้อง"'
    assert f'{link} href="feed.xml">' in (site / "index.html").read_text(encoding="utf-8")
    page = (site / "partnerships" / "chiang-mai-kunming" / "index.html").read_text(encoding="utf-8")
    assert f'{link} href="../../feed.xml">' in page


def test_site_url_makes_feed_sitemap_robots_and_404_absolute(tmp_path: Path) -> None:
    config_file = config_with_site_url(tmp_path, "https://example.org/sister-cities/")
    paths = paths_for(tmp_path, write(tmp_path, {"chiang-mai/kunming.yml": BASELINE}))
    pipeline.build(pipeline.Paths(**{**paths.__dict__, "config": config_file}), SETTINGS)
    site = paths.site
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries[0].link == "https://example.org/sister-cities/partnerships/chiang-mai-kunming/"
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/sister-cities/sitemap.xml\n" in robots
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/sister-cities/partnerships/chiang-mai-kunming/</loc>" in sitemap
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<li><a href="/sister-cities/">หน้าแรก</a></li>' in html
    assert '<li><a href="/sister-cities/directory/">สมุดรายชื่อความสัมพันธ์</a></li>' in html


def test_a_new_field_never_moves_an_existing_csv_column() -> None:
    fields = tuple(name for name in PUBLISHED_COLUMNS if name != "last_verified")
    # A field declared in the middle of the schema (after 'type') that no column was published for yet.
    added = (*fields[:12], "theme", *fields[12:])
    columns = csv_columns(PUBLISHED_COLUMNS, added)
    assert columns[: len(PUBLISHED_COLUMNS)] == PUBLISHED_COLUMNS
    assert columns[len(PUBLISHED_COLUMNS) :] == ("theme",)
    assert columns.index("documents") == 24


def test_every_exported_field_has_a_published_column() -> None:
    """Each field is pinned in PUBLISHED_COLUMNS, so two fields added at different times keep their order."""
    assert CSV_COLUMNS == PUBLISHED_COLUMNS


def test_the_json_is_made_in_one_buffer_not_joined_from_a_copy(tmp_path: Path) -> None:
    # At 10,000 partnerships the JSON is some 20 MB: the records joined, then the document around them, held
    # three copies at once. Made record by record into one buffer, the peak is about the file itself.
    files = sample_files(150, 1, SETTINGS.build_date, load_refdata())
    directory = directory_for(tmp_path, dict(files))
    partnerships_json(directory)  # caches (dates, labels) filled before measuring
    tracemalloc.start()
    try:
        made = partnerships_json(directory)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert json.loads(made)["count"] == 150
    assert peak < 1.5 * len(made)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_open_data_page_links_every_published_file_and_counts_what_they_hold(
    bundled_site: Path, edition: str
) -> None:
    page = bundled_site / edition / "open-data" / "index.html"
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section class="sc-open-data">') :]
    section = section[: section.index("</section>")]
    links = re.findall(r'<a href="([^"#]+)">', section)
    targets = {(page.parent / href).resolve() for href in links}
    published = {p.resolve() for p in (bundled_site / "data").iterdir()} | {
        (bundled_site / edition / "feed.xml").resolve()
    }
    # Every open data file is listed, and every link of the page reaches a file or page of the site.
    assert published <= targets
    assert all(t.is_file() or (t / "index.html").is_file() for t in targets), links
    # The counts are those of the files themselves, whatever the data.
    rows = json.loads((bundled_site / "data" / "partnerships.json").read_text(encoding="utf-8"))["partnerships"]
    mechanisms = json.loads((bundled_site / "data" / "mechanisms.json").read_text(encoding="utf-8"))["records"]
    intro = re.search(r"<p>([^<]*)</p>", section)
    assert intro and re.findall(r"(?<![0-9,.])[0-9]+(?![0-9])", intro.group(1))[-2:] == [
        str(len(rows)),
        str(len(mechanisms)),
    ]
    directory = (bundled_site / edition / "directory" / "index.html").read_text(encoding="utf-8")
    assert directory.count('href="../open-data/"') >= 2  # in the page and in the navigation
