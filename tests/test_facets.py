"""The facet registry: a facet added by one declaration and its strings gets every page and use of a facet.

The added facet ("by level of the foreign partner") is declared here, at runtime, over the bundled registry;
nothing else in the code knows it. Its listings, its index, its list on the directory page, its filter control
and the filter's description for directory.js, its data column (directory/data/), its derived value in the
exports and its navigation entry must all follow.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from browsing import read_headers, serve
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from playwright.sync_api import Page, expect
from sites import paths_for

from generator import browse, engine, exports, pieces
from generator import build as pipeline
from generator.collate import Directory, collate
from generator.facet import FacetSpec, Filter, Registry, by_value, choice
from generator.facets import FACETS
from generator.loader import load_partners
from generator.model import PartnerLevel
from generator.refdata import load_refdata
from generator.render import ALL_URL, make_env, render
from generator.strings import Strings, load_strings
from generator.validate import validate

LEVEL = FacetSpec(
    "level",
    "levels",
    values=lambda p, h: (p.partner.level,),
    key=by_value,
    title=choice("partner_level"),
    every=lambda ref: PartnerLevel,
    filter=Filter(10, "level", "level"),
    export="level",
)
REGISTRY = FACETS.adding(LEVEL)
LEVEL_STRINGS = {"title": "ตามระดับของฝ่ายต่างประเทศ", "nav": "ตามระดับ", "filter": "ระดับของฝ่ายต่างประเทศ"}
KUMAMOTO = edit(
    edit(
        edit(edit(BASELINE, "name_en: Kunming", "name_en: Kumamoto"), "name_th: คุนหมิง", "name_th: คุมาโมโตะ"),
        "name_native: 昆明\n  country: CN\n  level: city",
        "name_native: 熊本\n  country: JP\n  level: prefecture",
    ),
    "title_th: คณะผู้แทนเยือนคุนหมิง",
    "title_th: คณะผู้แทนเยือนคุมาโมโตะ",
)
FILES: dict[str, str | bytes] = {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/kumamoto.yml": KUMAMOTO}


def with_level(strings: Strings) -> Strings:
    """The strings file with the added facet's entry under facets:, as a contributor would add it."""
    return Strings({**strings.data, "facets": {**strings.data["facets"], "level": LEVEL_STRINGS}})


def directory_of(tmp_path: Path, registry: Registry) -> Directory:
    strings = load_strings()
    records, problems = validate(
        load_partners(write(tmp_path, FILES), strings)[0], load_refdata(), strings, SETTINGS.build_date
    )
    assert problems == []
    return collate(records, [], load_refdata(), SETTINGS, registry=registry)


def pages_of(tmp_path: Path, registry: Registry = REGISTRY) -> Mapping[str, str]:
    env = make_env(ROOT / "templates" / "pages", with_level(load_strings()), registry)
    return render(directory_of(tmp_path, registry), env)


def test_an_added_facet_has_its_index_and_a_listing_per_value(tmp_path: Path) -> None:
    pages = pages_of(tmp_path)
    index = pages["levels/index.md"]
    assert "<h1>สมุดรายชื่อความสัมพันธ์: ตามระดับของฝ่ายต่างประเทศ</h1>" in index
    assert '<li><a href="city/">เมือง / นคร</a> (1)</li>' in index
    assert '<li><a href="prefecture/">จังหวัด (เช่น ของญี่ปุ่น)</a> (1)</li>' in index
    # Every value has its listing, even one no record has.
    assert '<li><a href="state/">รัฐ</a> (0)</li>' in index
    assert {f"levels/{level.value}/index.md" for level in PartnerLevel} <= set(pages)
    listing = pages["levels/prefecture/index.md"]
    assert "<h1>จังหวัด (เช่น ของญี่ปุ่น)</h1>" in listing
    assert '<a href="../">ตามระดับของฝ่ายต่างประเทศ</a>' in listing
    assert '<a class="sc-filter-link" href="../../directory/?level=prefecture">' in listing
    assert 'href="../../partnerships/chiang-mai-kumamoto/"' in listing
    assert "chiang-mai-kunming" not in listing


def test_an_added_facet_is_listed_and_filtered_on_the_directory_page(tmp_path: Path) -> None:
    page = pages_of(tmp_path)["directory/index.md"]
    assert '<h2><a href="../levels/">ตามระดับของฝ่ายต่างประเทศ</a></h2>' in page
    control = re.search(r'<div class="sc-field"><label for="sc-level">.*?</select></div>', page, re.DOTALL)
    assert control is not None
    assert control.group().startswith(
        '<div class="sc-field"><label for="sc-level">ระดับของฝ่ายต่างประเทศ</label>'
        '<select id="sc-level" name="level"><option value="">ทั้งหมด</option>\n<option value="state">รัฐ</option>'
    )
    description = re.search(r'<script type="application/json" class="sc-browse-facets">(.*?)</script>', page)
    assert description is not None
    facets = json.loads(description.group(1))
    assert facets[-1] == {"column": "level", "param": "level"}
    assert facets[: len(facets) - 1] == FACETS.description()


def test_an_added_facet_has_its_column_in_the_index_and_its_export(tmp_path: Path) -> None:
    directory = directory_of(tmp_path, REGISTRY)
    files = browse.data_files(directory)
    meta = json.loads(files[pieces.META_PATH])
    rows = [row for n in range(len(meta["pieces"])) for row in json.loads(files[f"{pieces.DATA_DIR}/rows-{n}.json"])]
    # After every published column (browse.PUBLISHED ends with region and thai_en).
    assert meta["columns"][-3:] == ["region", "thai_en", "level"]
    assert {row[0]: row[-1] for row in rows} == {
        "chiang-mai-kumamoto": "prefecture",
        "chiang-mai-kunming": "city",
    }
    exported = json.loads(exports.partnerships_json(directory))
    assert {p["id"]: p["derived"]["level"] for p in exported["partnerships"]} == {
        "chiang-mai-kumamoto": "prefecture",
        "chiang-mai-kunming": "city",
    }
    rows = list(csv.DictReader(io.StringIO(exports.partnerships_csv(directory).decode("utf-8-sig"))))
    assert list(rows[0])[-1] == "level"
    assert [row["level"] for row in rows] == ["prefecture", "city"]


def test_an_added_facet_follows_the_others_in_the_navigation(tmp_path: Path) -> None:
    staged = engine.staged_config(
        ROOT / "mkdocs.yml",
        tmp_path,
        with_level(load_strings()),
        nav_after=pipeline.facet_nav(with_level(load_strings()), REGISTRY),
    )
    nav = yaml.safe_load(staged)["nav"]
    section = next(item["สมุดรายชื่อ"] for item in nav if isinstance(item, dict) and "สมุดรายชื่อ" in item)
    assert section == [
        "directory/index.md",
        {"ความสัมพันธ์ทั้งหมด": ALL_URL + "index.md"},
        {"ตามจังหวัด": "provinces/index.md"},
        {"ตามภาค": "regions/index.md"},
        {"ตามประเทศ": "countries/index.md"},
        {"ตามปีที่ลงนาม": "years/index.md"},
        {"ตามสถานะ": "status/index.md"},
        {"ตามประเภท": "types/index.md"},
        {"สิ่งที่ควรตรวจสอบ": "alerts/index.md"},
        {"ตามระดับ": "levels/index.md"},
        {"กลไกความร่วมมือพหุภาคี": "mechanisms/index.md"},
        {"ข้อมูลเปิด": "open-data/index.md"},
    ]
    # The rest of the project's nav is inherited unchanged.
    own = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert [item for item in nav if "สมุดรายชื่อ" not in item] == [item for item in own if "สมุดรายชื่อ" not in item]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build (MkDocs, strict) of the fixture data with the added facet and its strings."""
    tmp = tmp_path_factory.mktemp("facets")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "load_strings", lambda lang="th": with_level(load_strings(lang)))
        paths = paths_for(tmp, write(tmp, FILES))
        pipeline.build(paths, SETTINGS, REGISTRY)
    return paths.site


def test_a_real_build_with_an_added_facet(built: Path) -> None:
    index = (built / "levels" / "index.html").read_text(encoding="utf-8")
    assert "<h1>สมุดรายชื่อความสัมพันธ์: ตามระดับของฝ่ายต่างประเทศ</h1>" in index
    assert (built / "levels" / "prefecture" / "index.html").is_file()
    # The navigation of the directory's pages (its section, the others' is pruned) links the index, last.
    page = (built / "directory" / "index.html").read_text(encoding="utf-8")
    link = r'<a href="\.\./([a-z]+)/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>'
    nav = re.findall(link, page)
    assert nav[nav.index(("alerts", "สิ่งที่ควรตรวจสอบ")) :][:3] == [
        ("alerts", "สิ่งที่ควรตรวจสอบ"),
        ("levels", "ตามระดับ"),
        ("mechanisms", "กลไกความร่วมมือพหุภาคี"),
    ]


@pytest.mark.browser
def test_the_directory_filter_filters_by_an_added_facet(built: Path, page: Page) -> None:
    with serve(built, read_headers()) as base_url:
        page.goto(base_url + "levels/prefecture/")
        page.get_by_role("link", name="ค้นหาและกรองรายการนี้ในสมุดรายชื่อ").click()
        expect(page.locator(".sc-count")).to_have_text("พบ 1 คู่ จากทั้งหมด 2 คู่")
        assert page.eval_on_selector("#sc-level", "s => s.value") == "prefecture"
        links = ".sc-results tbody tr td:nth-child(2) a"
        assert page.eval_on_selector_all(links, "a => a.map(l => l.textContent)") == ["คุมาโมโตะ"]
        page.select_option("#sc-level", "city")
        expect(page.locator(".sc-results tbody tr td:nth-child(2) a")).to_have_text(["คุนหมิง"])
        assert page.url.endswith("directory/?level=city")
        page.select_option("#sc-level", "state")
        expect(page.locator(".sc-count")).to_have_text(re.compile("^ไม่พบความสัมพันธ์"))


@pytest.mark.parametrize("facet", [f.name for f in FACETS.facets])
def test_every_facet_has_its_strings(facet: str) -> None:
    strings = load_strings().data["facets"][facet]
    spec = FACETS[facet]
    assert set(strings) == ({"title", "nav"} if spec.folder else set()) | {"filter"} | (
        {"filter_to"} if spec.filter is not None and spec.filter.to else set()
    )
    assert all(isinstance(text, str) and text.strip() for text in strings.values())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (replace(LEVEL, name="region"), "two facets have the same name: region"),
        (replace(LEVEL, folder="regions"), "two facets have the same folder: regions"),
        (replace(LEVEL, filter=Filter(10, "level", "province")), "two facets have the same column: province"),
        (replace(LEVEL, export="alerts"), "two facets have the same export: alerts"),
    ],
)
def test_two_facets_never_share_a_name_folder_column_or_export(extra: FacetSpec, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        FACETS.adding(extra)


def test_an_export_named_like_a_field_column_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^exported facets named like a field's column: partner_level$"):
        exports.csv_header(FACETS.adding(replace(LEVEL, export="partner_level")))
