"""Multilateral mechanisms: one record however many members, never counted as bilateral partnerships."""

from __future__ import annotations

import collections
import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import BASELINE, ROOT, Validate, edit
from sites import build_fixture_site

from generator.cli import main
from generator.loader import load_partners
from generator.model import Claim, Mechanism
from generator.refdata import load_refdata
from generator.schema import MECHANISM, json_schema, schema_text
from generator.strings import load_strings
from generator.validate import check_sources

STRINGS = yaml.safe_load((ROOT / "generator" / "strings" / "th.yaml").read_text(encoding="utf-8"))
M = "partners/multilateral/upper-mekong.yml"
CONFERENCE = "3 ประเทศ 9 จังหวัด"

MECHANISM_FILE = """\
name_th: การประชุมลุ่มน้ำโขงตอนบน
name_en: Upper Mekong conference
kind: conference
thai_members:
  - TH-50
  - TH-57
foreign_members:
  - name_en: Luang Prabang Province
    name_th: หลวงพระบาง
    name_native: ແຂວງຫຼວງພະບາງ
    country: LA
    level: province
status: active
evidence: news_report
activities:
  - date: 2024-03
    kind: meeting
    title_th: การประชุมครั้งที่ 5 ที่เชียงราย
sources:
  - https://example.org/conference
verification: unverified
"""


def test_mechanism_file_is_valid(validate: Validate) -> None:
    assert validate({"multilateral/upper-mekong.yml": MECHANISM_FILE}) == (0, [])


def test_unknown_member_province_names_its_line(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "  - TH-57\n", "  - TH-99\n")
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [
            f"{M}:6: thai_members[2]: ไม่รู้จักรหัสจังหวัด 'TH-99' ต้องเป็นรหัส ISO 3166-2 เช่น TH-50 (เชียงใหม่)"
            " หรือ TH-10 (กรุงเทพมหานคร)"
        ],
    )


def test_empty_member_lists_are_refused(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "thai_members:\n  - TH-50\n  - TH-57\n", "thai_members: []\n")
    start = text.index("foreign_members:")
    end = text.index("status:")
    text = text[:start] + "foreign_members: []\n" + text[end:]
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [
            f"{M}:4: thai_members: ต้องมีอย่างน้อย 1 รายการ",
            f"{M}:5: foreign_members: ต้องมีอย่างน้อย 1 รายการ",
        ],
    )


def test_two_members_are_a_partnership_not_a_mechanism(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "  - TH-57\n", "")
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [
            f"{M}:4: thai_members: กลไกพหุภาคีต้องมีสมาชิกรวมอย่างน้อยสามฝ่าย (จังหวัดของไทยใน thai_members"
            " และฝ่ายต่างประเทศใน foreign_members) ถ้ามีเพียงสองฝ่าย ให้บันทึกเป็นไฟล์ความสัมพันธ์ในโฟลเดอร์ของจังหวัด"
        ],
    )


def test_a_member_is_listed_once(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "  - TH-57\n", "  - TH-57\n  - TH-50\n")
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [f"{M}:4: thai_members: สมาชิก 'TH-50' ซ้ำ ให้เขียนสมาชิกแต่ละฝ่ายเพียงครั้งเดียว"],
    )


def test_partnership_fields_are_unknown_in_a_mechanism(validate: Validate) -> None:
    code, lines = validate({"multilateral/upper-mekong.yml": MECHANISM_FILE + "type: cooperation\n"})
    assert code == 1
    assert lines == [
        f"{M}:22: type: ไม่รู้จักช่อง 'type' ช่องที่ใช้ได้คือ: name_th, name_en, kind, thai_members, foreign_members,"
        " started, signed, status, evidence, activities, documents, note_th, note_en, sources, verification, checked"
    ]


def test_joint_agreement_needs_a_signing_to_be_active(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "kind: conference", "kind: joint_agreement")
    code, lines = validate({"multilateral/upper-mekong.yml": text})
    assert (code, lines) == (
        1,
        [f"{M}:13: status: " + STRINGS["errors"]["status_unsigned"].format(status="active")],
    )
    signed = edit(text, "status: active", "signed: 2023-05\nstatus: active")
    assert validate({"multilateral/upper-mekong.yml": signed}) == (0, [])


def test_conference_without_meetings_cannot_be_active(validate: Validate) -> None:
    start = MECHANISM_FILE.index("activities:")
    text = MECHANISM_FILE[:start] + MECHANISM_FILE[MECHANISM_FILE.index("sources:") :]
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [f"{M}:13: status: " + STRINGS["errors"]["status_no_meetings"].format(status="active")],
    )


def test_list_only_mechanism_cannot_be_active(validate: Validate) -> None:
    text = edit(MECHANISM_FILE, "evidence: news_report", "evidence: list_only")
    assert validate({"multilateral/upper-mekong.yml": text}) == (
        1,
        [f"{M}:13: status: " + STRINGS["errors"]["status_evidence"].format(status="active", evidence="list_only")],
    )


def test_ids_are_unique_across_partnerships_and_mechanisms(validate: Validate) -> None:
    clash = "id: multilateral-upper-mekong\n" + BASELINE
    assert validate({"chiang-mai/kunming.yml": clash, "multilateral/upper-mekong.yml": MECHANISM_FILE}) == (
        1,
        [
            f"{M}:1: id: id 'multilateral-upper-mekong' ซ้ำกับไฟล์ partners/chiang-mai/kunming.yml"
            " แต่ละความสัมพันธ์ต้องมี id ไม่ซ้ำกัน"
        ],
    )


def test_model_matches_schema() -> None:
    assert MECHANISM.model is not None
    names = [f.name for f in dataclasses.fields(MECHANISM.model) if f.name not in ("id", "source_path")]
    assert names == [f.name for f in MECHANISM.fields]


def test_published_mechanism_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    published = ROOT / "partners" / "mechanism.schema.json"
    assert published.read_text(encoding="utf-8") == schema_text(MECHANISM), (
        "run: python -m generator schema --mechanism --out partners/mechanism.schema.json"
    )
    assert main(["schema", "--mechanism"]) == 0
    assert capsys.readouterr().out == schema_text(MECHANISM)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files: dict[str, str | bytes] = {
        "chiang-mai/kunming.yml": BASELINE,
        "multilateral/upper-mekong.yml": MECHANISM_FILE,
    }
    return build_fixture_site(tmp_path_factory.mktemp("mechanisms"), files).site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_mechanism_page_lists_its_members(site: Path) -> None:
    html = read(site, "mechanisms/upper-mekong/index.html")
    members = re.findall(r'<li><a href="\.\./\.\./provinces/([a-z-]+)/">([^<]+)</a>', html)
    assert members == [("chiang-mai", "จังหวัดเชียงใหม่"), ("chiang-rai", "จังหวัดเชียงราย")]
    assert 'หลวงพระบาง <span lang="en">(Luang Prabang Province)</span>' in html
    assert STRINGS["mechanism"]["not_bilateral"] in html
    assert "การประชุมครั้งที่ 5 ที่เชียงราย" in html


@pytest.mark.parametrize("page", ["mechanisms/upper-mekong/", "mechanisms/", "stats/", "provinces/chiang-rai/"])
def test_every_link_of_a_mechanism_page_resolves(site: Path, page: str) -> None:
    html = read(site, page + "index.html")
    article = html[html.index("<div data-pagefind-body>") :]
    links = [h for h in re.findall(r'href="([^"#?]+)', article) if not h.startswith(("http", "mailto:"))]
    assert links
    for href in links:
        target = (site / page / href).resolve()
        assert (target / "index.html" if href.endswith("/") else target).is_file(), (page, href)


def test_each_member_province_lists_the_mechanism_once(site: Path) -> None:
    link = 'href="../../mechanisms/upper-mekong/"'
    for slug in ("chiang-mai", "chiang-rai"):
        html = read(site, f"provinces/{slug}/index.html")
        assert html.count(link) == 1, slug
        section = html[html.index('<h2 id="mechanisms">') :]
        assert section.startswith(f'<h2 id="mechanisms">{STRINGS["mechanism"]["title"]}</h2>')
        assert link in section
    assert link not in read(site, "provinces/bangkok/index.html")


def test_mechanism_is_no_bilateral_partnership_in_the_listings(site: Path) -> None:
    chiang_rai = read(site, "provinces/chiang-rai/index.html")
    assert STRINGS["site"]["count"].format(n=0) in chiang_rai
    directory = read(site, "directory/index.html")
    assert f"{STRINGS['site']['all_partnerships']}</a> ({STRINGS['site']['count'].format(n=1)})" in directory
    assert 'href="../mechanisms/"' in directory
    # The coverage counts the one bilateral tie, never the mechanism.
    assert "สมุดรายชื่อนี้มีความสัมพันธ์ที่นับแบบเดียวกันได้ 1 คู่ ใน 1 จังหวัด" in directory
    assert STRINGS["coverage"]["also"].format(total=1) in directory
    index = read(site, "mechanisms/index.html")
    assert index.count('href="upper-mekong/"') == 1


def numbers(html: str, caption: str) -> dict[str, list[int]]:
    match = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S)
    assert match is not None, caption
    rows = re.findall(r'<tr><th scope="row">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</th>((?:<td>\d+</td>)+)</tr>', match[1])
    return {label: [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)] for label, cells in rows}


def test_stats_count_the_mechanism_once_and_the_map_leaves_it_out(site: Path) -> None:
    html = read(site, "stats/index.html")
    s = STRINGS["stats"]
    assert s["mechanisms_count"].format(n=1, provinces=2) in html
    assert numbers(html, s["mechanisms_caption"]) == {"การประชุมลุ่มน้ำโขงตอนบน": [2, 1]}
    assert s["intro"].split("{")[0] in html and "รวม 1 ความสัมพันธ์" in html
    tiles = numbers(html, s["table_caption"].format(title=s["map"]))
    assert tiles["จังหวัดเชียงใหม่"] == [1, 1]
    assert tiles["จังหวัดเชียงราย"] == [0, 0]
    assert f"{s['map_desc']} {s['map_bilateral']}</desc>" in html


def test_mechanisms_json_parses_and_partnerships_stay_bilateral(site: Path) -> None:
    document = json.loads(read(site, "data/mechanisms.json"))
    assert [k for k in document] == ["build_date", "count", "partnerships", "records", "schema", "schema_version"]
    assert (document["count"], document["schema_version"], document["partnerships"]) == (1, 2, "partnerships.json")
    (record,) = document["records"]
    assert record["id"] == "multilateral-upper-mekong"
    assert record["url"] == "mechanisms/upper-mekong/"
    assert record["thai_members"] == ["TH-50", "TH-57"]
    assert record["derived"]["claim"] == "meetings"
    assert [m["name_th"] for m in record["derived"]["thai_members"]] == ["เชียงใหม่", "เชียงราย"]
    schema = json.loads(read(site, "data/mechanism.schema.json"))
    jsonschema.validate({k: v for k, v in record.items() if k not in ("id", "url", "derived")}, schema)
    partnerships = json.loads(read(site, "data/partnerships.json"))
    assert [p["id"] for p in partnerships["partnerships"]] == ["chiang-mai-kunming"]
    rows = list(csv.reader(io.StringIO(read(site, "data/partnerships.csv"))))
    assert [row[0] for row in rows[1:]] == ["chiang-mai-kunming"]


def bilateral_files() -> list[Path]:
    return [p for p in sorted((ROOT / "partners").rglob("*.yml")) if p.parent.name != "multilateral"]


def test_bundled_data_never_splits_the_conference_into_bilateral_records() -> None:
    """The 3 countries 9 provinces conference is one mechanism: no two bilateral records repeat its meetings."""
    by_activities: dict[str, list[str]] = collections.defaultdict(list)
    for path in bilateral_files():
        activities = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader).get("activities", [])
        listed = json.dumps(activities, ensure_ascii=False, sort_keys=True)
        if CONFERENCE in listed:
            by_activities[listed].append(path.relative_to(ROOT).as_posix())
    assert [files for files in by_activities.values() if len(files) > 1] == []


def test_bundled_mechanism_files_satisfy_the_json_schema() -> None:
    files = sorted((ROOT / "partners" / "multilateral").glob("*.yml"))
    for path in files:
        jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader), json_schema(MECHANISM))


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["mechanisms/", "mechanisms/upper-mekong/", "provinces/chiang-rai/", "stats/", "directory/"]
)
def test_mechanism_pages_pass_axe_in_chromium(site: Path, path: str) -> None:
    from browsing import AXE, chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert found == []
        if path == "mechanisms/upper-mekong/":
            marked = page.eval_on_selector_all(
                "article.sc-mechanism [lang]", "els => els.map(el => el.getAttribute('lang'))"
            )
            assert marked == ["en", "en", "en", "en", "lo"]


def checked_mechanism(tmp_path: Path, text: str) -> Mechanism:
    from conftest import TODAY, write

    strings = load_strings()
    sources, unreadable = load_partners(write(tmp_path, {"multilateral/upper-mekong.yml": text}), strings)
    checked = check_sources(sources, load_refdata(), strings, TODAY)
    assert (unreadable, checked.problems, checked.records) == ([], [], [])
    ((mechanism, _line),) = checked.mechanisms
    return mechanism


def test_a_mechanism_reads_no_stronger_than_its_evidence(tmp_path: Path) -> None:
    meetings = checked_mechanism(tmp_path / "a", MECHANISM_FILE)
    assert (meetings.id, meetings.slug, meetings.claim) == ("multilateral-upper-mekong", "upper-mekong", Claim.MEETINGS)
    unknown = edit(MECHANISM_FILE, "status: active", "status: unknown")
    joint = edit(edit(unknown, "kind: conference", "kind: joint_agreement"), "status:", "signed: 2008-08\nstatus:")
    assert checked_mechanism(tmp_path / "b", joint).claim is Claim.SIGNED
    talks = edit(unknown, "evidence: news_report", "evidence: contact_only")
    assert checked_mechanism(tmp_path / "c", talks).claim is Claim.TALKS
    listed = edit(unknown, "evidence: news_report", "evidence: list_only")
    assert checked_mechanism(tmp_path / "d", listed).claim is Claim.UNCONFIRMED
    start, end = unknown.index("activities:"), unknown.index("sources:")
    assert checked_mechanism(tmp_path / "e", unknown[:start] + unknown[end:]).claim is Claim.UNCONFIRMED
