"""The directory filter on directory/: its JSON, every facet, the text box, the URL state, inert data, in Chromium."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browsing import read_headers, serve
from conftest import BASELINE
from playwright.sync_api import Browser, Dialog, Page, Route, expect
from sites import BANGKOK, HOSTILE, PAYLOAD_IMG, PAYLOAD_NAME, PAYLOADS, build_fixture_site, directory_data, record

from generator.aliases import aliases
from generator.model import Region

FILES: dict[str, str | bytes] = {
    "chiang-mai/kunming.yml": BASELINE,
    "chiang-mai/hostile.yml": HOSTILE,
    "bangkok/kunming.yml": BANGKOK,
    "phuket/kumamoto.yml": record(
        "TH-83",
        "จังหวัดภูเก็ต",
        ("Kumamoto", "คุมาโมโตะ", "熊本", "JP", "prefecture"),
        "friendship_city",
        "dormant",
        "signed: 2010-05\n",
    ),
    # Active, signed 2015 and nothing recorded since: no activity recorded on the build date (2026-11-26).
    "khon-kaen/lowell.yml": record(
        "TH-40", "จังหวัดขอนแก่น", ("Lowell", "โลเวลล์", None, "US", "city"), "mou", "active", "signed: 2015-03-01\n"
    ),
    # With another name of the partner, which the text box finds too.
    "rayong/ulsan.yml": record(
        "TH-21", "จังหวัดระยอง", ("Ulsan", "อุลซาน", "울산", "KR", "city"), "cooperation", "proposed", ""
    ).replace("  country: KR\n", "  other_names: [蔚山]\n  country: KR\n"),
    # Active with a recent visit, but past its expiry date: expired, not dormant.
    "chiang-rai/xishuangbanna.yml": record(
        "TH-57",
        "จังหวัดเชียงราย",
        ("Xishuangbanna", "สิบสองปันนา", "西双版纳", "CN", "prefecture"),
        "letter_of_intent",
        "active",
        "signed: 2018\nexpires: 2021-01-01\nactivities:\n  - date: 2025-06\n    kind: visit\n    title_th: เยือน\n",
    ),
}
# Listing order: Thai province name, then partner name.
ALL = [
    "bangkok-kunming",
    "khon-kaen-lowell",
    "chiang-rai-xishuangbanna",
    "chiang-mai-hostile",
    "chiang-mai-kunming",
    "phuket-kumamoto",
    "rayong-ulsan",
]
KUNMING = ["bangkok-kunming", "chiang-mai-kunming"]
# record() writes verified files; BASELINE and the files made from it are unverified.
VERIFIED = ["khon-kaen-lowell", "chiang-rai-xishuangbanna", "phuket-kumamoto", "rayong-ulsan"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("directory"), FILES).site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The site served with the headers of deploy/_headers, so the filter is checked under its CSP too."""
    with serve(site, read_headers()) as url:
        yield url


@pytest.fixture(scope="module")
def loaded(browser: Browser, base_url: str) -> Iterator[Page]:
    """One directory page for the tests that only change the controls: a page load costs about a second."""
    context = browser.new_context()
    page = context.new_page()
    open_directory(page, base_url)
    yield page
    context.close()


@pytest.fixture
def directory(loaded: Page, base_url: str) -> Page:
    """The shared directory page, reset to show every partnership."""
    loaded.get_by_role("button", name="ล้างตัวกรอง").click()
    expect(loaded.locator(".sc-count")).to_have_text(count_text(7))
    assert loaded.url == base_url + "directory/"
    assert shown(loaded) == ALL
    return loaded


def open_directory(page: Page, base_url: str, query: str = "") -> None:
    """Load directory/ with a query and wait until the filter has shown its result."""
    page.goto(f"{base_url}directory/{query}")
    expect(page.locator(".sc-count")).not_to_have_text("กำลังโหลดรายชื่อ…")


def shown(page: Page) -> list[str]:
    """The ids of the partnerships in the result rows, from their links, in order."""
    hrefs: list[str] = page.eval_on_selector_all(
        ".sc-results tbody tr td:nth-child(2) a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.removeprefix("../partnerships/").removesuffix("/") for h in hrefs]


NONE = "ไม่พบความสัมพันธ์ที่ตรงกับเงื่อนไข ลองใช้คำค้นที่สั้นลงหรือเลือกตัวกรองให้น้อยลง"


def count_text(n: int) -> str:
    return f"พบ {n} คู่ จากทั้งหมด 7 คู่"


def query_of(page: Page) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query))


# Without a browser: the JSON the filter reads, and the links between listings and the filter.


def test_index_holds_every_partnership_as_data(site: Path) -> None:
    data = directory_data(site)
    assert data["columns"] == [
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
        # Each facet of the filter has its column (generator/facets.py); region was the one not published first.
        "region",
        # The Thai party's English name, shown first on English pages.
        "thai_en",
    ]
    rows = {row[0]: row for row in data["rows"]}
    assert [row[0] for row in data["rows"]] == ALL
    assert rows["chiang-mai-kunming"] == [
        "chiang-mai-kunming",
        "จังหวัดเชียงใหม่",
        "TH-50",
        "คุนหมิง",
        "Kunming",
        "昆明",
        "CN",
        "sister_city",
        "active",
        [],
        1999,
        "signed",
        "unverified",
        "2024-04",
        [],
        "north",
        "Chiang Mai Province",
    ]
    assert rows["rayong-ulsan"][14] == ["蔚山"]
    assert rows["khon-kaen-lowell"][5:] == [
        None,
        "US",
        "mou",
        "active",
        ["no_activity_recorded"],
        2015,
        "signed",
        "verified",
        "2015-03-01",
        [],
        "northeast",
        "จังหวัดขอนแก่น Province",
    ]
    assert rows["chiang-rai-xishuangbanna"][9:14] == [["expired"], 2018, "letter_of_intent", "verified", "2025-06"]
    assert rows["rayong-ulsan"][10:14] == [None, "talks", "verified", None]
    assert rows["chiang-mai-hostile"][3:5] == [PAYLOAD_IMG, PAYLOAD_NAME]
    # Other common names of a province, from generator/data/province_aliases.yaml.
    other = aliases("province")
    assert data["provinces"]["TH-50"] == ["เชียงใหม่", "Chiang Mai", "north", list(other.get("TH-50", ()))]
    assert data["provinces"]["TH-30"] == ["นครราชสีมา", "Nakhon Ratchasima", "northeast", list(other["TH-30"])]
    assert {"โคราช", "Khorat", "Korat"} <= set(other["TH-30"])
    assert len(data["provinces"]) == 77
    # Other common names of a country and of a region, from country_aliases.yaml and region_aliases.yaml.
    assert data["countries"] == {
        code: [*names, list(aliases("country").get(code, ()))]
        for code, names in {
            "CN": ["จีน", "China", "zh-Hans"],
            "JP": ["ญี่ปุ่น", "Japan", "ja"],
            "KR": ["เกาหลีใต้", "South Korea", "ko"],
            "US": ["สหรัฐอเมริกา", "United States", "en"],
        }.items()
    }
    assert "America" in data["countries"]["US"][3]
    assert data["regions"]["northeast"][:3] == ["ภาคตะวันออกเฉียงเหนือ", "Northeastern Region", "อีสาน"]
    assert sorted(data["regions"]) == sorted(r.value for r in Region)
    assert {"sister city", "of", "เมืองพี่เมืองน้อง"} <= set(data["generic"])


@pytest.mark.parametrize(
    ("listing", "href"),
    [
        ("provinces/chiang-mai", "../../directory/?province=TH-50"),
        ("regions/north", "../../directory/?region=north"),
        ("countries/cn", "../../directory/?country=CN"),
        ("years/2015", "../../directory/?from=2015&amp;to=2015"),
        ("status/dormant", "../../directory/?status=dormant"),
        ("types/mou", "../../directory/?type=mou"),
        ("alerts/expired", "../../directory/?status=expired"),
    ],
)
def test_listings_link_to_the_filter(site: Path, listing: str, href: str) -> None:
    html = (site / listing / "index.html").read_text(encoding="utf-8")
    assert f'<a class="sc-filter-link" href="{href}">ค้นหาและกรองรายการนี้ในสมุดรายชื่อ</a>' in html


def test_partnership_page_links_back_to_its_listings(site: Path) -> None:
    html = (site / "partnerships" / "khon-kaen-lowell" / "index.html").read_text(encoding="utf-8")
    for href in ("provinces/khon-kaen/", "regions/northeast/", "countries/us/", "status/active/", "types/mou/"):
        assert f'href="../../{href}"' in html, href


def test_unknown_year_listing_has_no_filter_link(site: Path) -> None:
    assert "sc-filter-link" not in (site / "years" / "unknown" / "index.html").read_text(encoding="utf-8")


# In Chromium.


@pytest.mark.browser
@pytest.mark.parametrize(
    ("control", "value", "expected"),
    [
        ("region", "north", ["chiang-rai-xishuangbanna", "chiang-mai-hostile", "chiang-mai-kunming"]),
        ("province", "TH-50", ["chiang-mai-hostile", "chiang-mai-kunming"]),
        ("country", "CN", ["bangkok-kunming", "chiang-rai-xishuangbanna", "chiang-mai-hostile", "chiang-mai-kunming"]),
        ("type", "mou", ["khon-kaen-lowell"]),
        ("status", "dormant", ["phuket-kumamoto"]),
        ("status", "no_activity_recorded", ["khon-kaen-lowell"]),
        ("status", "expired", ["chiang-rai-xishuangbanna"]),
        ("from", "2011", ["khon-kaen-lowell", "chiang-rai-xishuangbanna"]),
        ("to", "2010", ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming", "phuket-kumamoto"]),
        ("claim", "talks", ["rayong-ulsan"]),
        ("claim", "letter_of_intent", ["chiang-rai-xishuangbanna"]),
        ("claim", "unconfirmed", []),
        ("verification", "unverified", ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming"]),
        (
            "verification",
            "verified",
            ["khon-kaen-lowell", "chiang-rai-xishuangbanna", "phuket-kumamoto", "rayong-ulsan"],
        ),
    ],
)
def test_each_facet_filters_and_goes_into_the_url(
    directory: Page, control: str, value: str, expected: list[str]
) -> None:
    page = directory
    page.select_option(f"#sc-{control}", value)
    expect(page.locator(".sc-count")).to_have_text(count_text(len(expected)) if expected else NONE)
    assert shown(page) == expected
    assert query_of(page) == {control: value}


@pytest.mark.browser
def test_year_range_and_facets_combine(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?from=2000&to=2016")
    assert shown(page) == ["khon-kaen-lowell", "phuket-kumamoto"]
    assert page.locator("#sc-from option:checked").inner_text() == "2543 (2000)"
    page.select_option("#sc-status", "active")
    expect(page.locator(".sc-count")).to_have_text(count_text(1))
    assert shown(page) == ["khon-kaen-lowell"]
    assert query_of(page) == {"from": "2000", "to": "2016", "status": "active"}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("คุน", KUNMING),
        ("kunMING", KUNMING),
        ("昆明", ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming"]),
        ("熊本", ["phuket-kumamoto"]),
        (unicodedata.normalize("NFD", "울산"), ["rayong-ulsan"]),
        ("ขอนแก่น", ["khon-kaen-lowell"]),
        ("chiang rai", ["chiang-rai-xishuangbanna"]),
        ("เชียงใหม่ คุนหมิง", ["chiang-mai-kunming"]),
        ("ญี่ปุ่น", ["phuket-kumamoto"]),
        ("ปันนา", ["chiang-rai-xishuangbanna"]),
        ("<img src=x", ["chiang-mai-hostile"]),
        # Typing variants: เ+เ for แ, no space in a romanised name, another name of the partner.
        ("ขอนเเก่น", ["khon-kaen-lowell"]),
        ("Khonkaen", ["khon-kaen-lowell"]),
        ("蔚山", ["rayong-ulsan"]),
        # A province, country or type named in the query narrows; generic words narrow nothing.
        ("ภูเก็ต ญี่ปุ่น", ["phuket-kumamoto"]),
        ("sister city chiang rai", ["chiang-rai-xishuangbanna"]),
        ("MOU", ["khon-kaen-lowell"]),
        # Other names of a country or a region, and words for a status, narrow as the names do.
        ("อเมริกา", ["khon-kaen-lowell"]),
        ("USA", ["khon-kaen-lowell"]),
        ("Korea", ["rayong-ulsan"]),
        ("อีสาน", ["khon-kaen-lowell"]),
        ("ภาคเหนือ จีน", ["chiang-rai-xishuangbanna", "chiang-mai-hostile", "chiang-mai-kunming"]),
        ("หยุดนิ่ง", ["phuket-kumamoto"]),
        ("partners ulsan", ["rayong-ulsan"]),
        ("sister cities of chiang rai", ["chiang-rai-xishuangbanna"]),
        ("ภูเก็ต กับ ญี่ปุ่น", ["phuket-kumamoto"]),
        # A year of signing in either era, in Thai or Arabic digits, narrows as a place does.
        ("2561", ["chiang-rai-xishuangbanna"]),
        ("พ.ศ. ๒๕๕๓", ["phuket-kumamoto"]),
        ("จีน 1999", ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming"]),
    ],
)
def test_text_box_matches_thai_english_and_native_names(directory: Page, typed: str, expected: list[str]) -> None:
    page = directory
    page.fill("#sc-q", typed)
    expect(page.locator(".sc-count")).to_have_text(count_text(len(expected)))
    assert shown(page) == expected
    assert query_of(page) == {"q": typed}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # No exact match: one letter off, two letters swapped, or a tone mark or mai taikhu missing.
        ("ภูเกต", ["phuket-kumamoto"]),
        ("เชียงไหม่", ["chiang-mai-hostile", "chiang-mai-kunming"]),
        ("Kumamto", ["phuket-kumamoto"]),
        ("Kumaomto", ["phuket-kumamoto"]),
        ("Kunmign", ["bangkok-kunming", "chiang-mai-kunming"]),
    ],
)
def test_names_spelled_alike_are_found_and_the_count_says_so(directory: Page, typed: str, expected: list[str]) -> None:
    page = directory
    page.fill("#sc-q", typed)
    expect(page.locator(".sc-count")).to_have_text(
        f"ไม่พบ “{typed}” ตามที่พิมพ์ พบ {len(expected)} คู่ จากทั้งหมด 7 คู่ ที่ชื่อสะกดใกล้เคียง"
    )
    assert shown(page) == expected


@pytest.mark.browser
def test_a_latin_word_one_letter_off_must_be_a_whole_word_of_a_name(directory: Page) -> None:
    # "Ankae" is "nkae" across Khon|Kaen with an "a" too many, and "Laowell" Lowell with an "a": only Lowell is a
    # word of a name (as Osaka is not "saka" across Sa|Kaeo).
    directory.fill("#sc-q", "Ankae")
    expect(directory.locator(".sc-count")).to_have_text(NONE)
    directory.fill("#sc-q", "Laowell")
    expect(directory.locator(".sc-count")).to_have_text("ไม่พบ “Laowell” ตามที่พิมพ์ พบ 1 คู่ จากทั้งหมด 7 คู่ ที่ชื่อสะกดใกล้เคียง")


@pytest.mark.browser
def test_no_match_says_so(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?q=ปารีส")
    expect(page.locator(".sc-count")).to_have_text(NONE)
    expect(page.locator(".sc-results")).to_be_hidden()


@pytest.mark.browser
def test_cold_load_of_a_shared_url(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?q=คุน&country=CN")
    expect(page.locator(".sc-count")).to_have_text(count_text(2))
    assert shown(page) == KUNMING
    values = page.eval_on_selector_all(".sc-filter [name]", "cs => Object.fromEntries(cs.map(c => [c.name, c.value]))")
    assert values == {
        "q": "คุน",
        "region": "",
        "province": "",
        "country": "CN",
        "type": "",
        "status": "",
        "from": "",
        "to": "",
        "claim": "",
        "verification": "",
        "sort": "",
    }
    cells = page.locator(".sc-results tbody tr").nth(1).locator("td").all_inner_texts()
    assert cells == [
        "จังหวัดเชียงใหม่",
        "คุนหมิง 昆明\nKunming",
        "จีน",
        "เมืองพี่เมืองน้อง",
        "ลงนามแล้ว ดำเนินการอยู่\nยังไม่ได้ตรวจสอบกับแหล่งที่มา",
        "2542\nกิจกรรมล่าสุด 2567",
    ]
    assert page.locator(".sc-results .sc-native").nth(1).get_attribute("lang") == "zh-Hans"
    page.locator(".sc-results a", has_text="คุนหมิง").nth(1).click()
    expect(page.locator("h1")).to_have_text("จังหวัดเชียงใหม่ – คุนหมิง")
    assert page.url == base_url + "partnerships/chiang-mai-kunming/"


@pytest.mark.browser
def test_alerts_show_beside_the_status(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?type=mou")
    cells = page.locator(".sc-results tbody tr td").all_inner_texts()
    assert cells == [
        "จังหวัดขอนแก่น",
        "โลเวลล์\nLowell",
        "สหรัฐอเมริกา",
        "บันทึกความเข้าใจ (MOU)",
        "ลงนามแล้ว ดำเนินการอยู่ ยังไม่มีกิจกรรมที่บันทึกไว้\nตรวจสอบกับแหล่งที่มาแล้ว",
        "2558\nกิจกรรมล่าสุด 2558",
    ]


@pytest.mark.browser
def test_values_no_option_offers_fall_back_and_the_url_follows(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?country=XX&from=1900&to=2100&colour=red")
    assert page.eval_on_selector("#sc-country", "s => s.value") == ""
    assert query_of(page) == {"from": "1999", "to": "2018"}
    assert shown(page) == [i for i in ALL if i != "rayong-ulsan"]


@pytest.mark.browser
def test_reset_clears_the_filter_and_the_url(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?q=คุน&region=north")
    assert shown(page) == ["chiang-mai-kunming"]
    page.get_by_role("button", name="ล้างตัวกรอง").click()
    expect(page.locator(".sc-count")).to_have_text(count_text(7))
    assert page.url == base_url + "directory/"
    assert page.input_value("#sc-q") == ""


@pytest.mark.browser
def test_province_page_opens_the_filter_for_its_province(page: Page, base_url: str) -> None:
    page.goto(base_url + "provinces/chiang-mai/")
    page.get_by_role("link", name="ค้นหาและกรองรายการนี้ในสมุดรายชื่อ").click()
    expect(page.locator(".sc-count")).to_have_text(count_text(2))
    assert shown(page) == ["chiang-mai-hostile", "chiang-mai-kunming"]
    assert page.eval_on_selector("#sc-province", "s => s.value") == "TH-50"


@pytest.mark.browser
def test_names_with_markup_are_shown_as_text_and_never_run(page: Page, base_url: str) -> None:
    dialogs: list[str] = []

    def record_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_dialog)
    open_directory(page, base_url, "?province=TH-50")
    cells = page.locator(".sc-results tbody tr").first.locator("td")
    assert cells.nth(0).inner_text() == PAYLOADS["thai_party.name_th"]
    assert cells.nth(1).inner_text() == f"{PAYLOAD_IMG} {PAYLOADS['partner.name_native']}\n{PAYLOAD_NAME}"
    assert cells.nth(1).locator(".sc-native").get_attribute("lang") == "zh-Hans"
    assert page.locator(".sc-results :is(img, svg, script, iframe, [onerror], [onload], [onmouseover])").count() == 0
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


@pytest.mark.browser
def test_show_more_adds_rows_two_hundred_at_a_time(page: Page, base_url: str, site: Path) -> None:
    # 450 rows in five pieces of 90: the first rows need three of them, each "show more" the next ones.
    rows = directory_data(site)["rows"]
    fetched: list[str] = []

    def meta(route: Route) -> None:
        data = route.fetch().json()
        data["pieces"] = [[data["order"][0], 90]] * 5
        data["total"] = 450
        route.fulfill(json=data)

    def piece(route: Route) -> None:
        n = int(re.sub(r"\D", "", route.request.url.rsplit("/", 1)[1]))
        fetched.append(f"rows-{n}")
        route.fulfill(json=[[f"{row[0]}-{n}-{i}", *row[1:]] for i in range(13) for row in rows][:90])

    page.route("**/directory/data/meta.json", meta)
    page.route("**/directory/data/rows-*.json", piece)
    open_directory(page, base_url)
    expect(page.locator(".sc-count")).to_have_text("พบ 450 คู่ จากทั้งหมด 450 คู่")
    more = page.locator(".sc-more")
    assert page.locator(".sc-results tbody tr").count() == 200
    assert fetched == ["rows-0", "rows-1", "rows-2"]
    expect(more).to_have_text("แสดงเพิ่มอีก 200 คู่")
    more.click()
    expect(more).to_have_text("แสดงเพิ่มอีก 50 คู่")
    assert page.locator(".sc-results tbody tr").count() == 400
    assert fetched == ["rows-0", "rows-1", "rows-2", "rows-3", "rows-4"]
    more.click()
    expect(more).to_be_hidden()
    assert page.locator(".sc-results tbody tr").count() == 450


@pytest.mark.browser
@pytest.mark.parametrize(("query", "column", "value"), [("?province=TH-83", 2, "TH-83"), ("?q=Ulsan", 4, "Ulsan")])
def test_a_cold_filter_loads_only_the_pieces_it_can_keep(
    page: Page, base_url: str, site: Path, query: str, column: int, value: str
) -> None:
    # Column 2 is the province, 4 the partner's English name (test_index_holds_every_partnership_as_data).
    data = directory_data(site)
    kept = [row for row in data["rows"] if row[column] == value]
    provinces = {row[2] for row in kept}
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.removeprefix(base_url)))
    open_directory(page, base_url, query)
    expect(page.locator(".sc-count")).to_have_text(count_text(len(kept)))
    assert shown(page) == [row[0] for row in kept]
    wanted = [
        f"directory/data/rows-{n}.json" for n, (province, _) in enumerate(data["pieces"]) if province in provinces
    ]
    assert [url for url in requested if url.startswith("directory/data/rows-")] == wanted


@pytest.mark.browser
def test_failed_download_points_to_the_lists(page: Page, base_url: str) -> None:
    page.route("**/directory/data/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(base_url + "directory/")
    expect(page.locator(".sc-count")).to_have_text(
        "โหลดรายชื่อสำหรับตัวกรองไม่สำเร็จ เลือกดูความสัมพันธ์ได้จากรายการตามจังหวัด ประเทศ และสถานะด้านล่าง"
    )


@pytest.mark.browser
def test_without_javascript_the_lists_remain(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "directory/")
    expect(page.locator(".sc-browse")).to_be_hidden()
    lists = page.locator(".sc-directory")
    expect(lists.get_by_role("link", name="จีน", exact=True)).to_have_attribute("href", "../countries/cn/")
    expect(lists.get_by_role("link", name="ความสัมพันธ์ทั้งหมด", exact=True)).to_be_visible()
    context.close()


@pytest.mark.browser
def test_no_request_leaves_the_site(page: Page, base_url: str) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    open_directory(page, base_url, "?q=คุน&country=CN")
    page.fill("#sc-q", "Kunming")
    page.select_option("#sc-status", "active")
    expect(page.locator(".sc-count")).to_have_text(count_text(2))
    assert base_url + "directory/data/meta.json" in requested
    assert base_url + "assets/javascripts/directory.js" in requested
    assert [url for url in requested if not url.startswith(base_url)] == []
    assert errors == []


# Newest last recorded activity first, nothing recorded last; the listing order within a month.
BY_ACTIVITY = [
    "chiang-rai-xishuangbanna",  # 2025-06
    "bangkok-kunming",  # 2024-04, as the three below
    "chiang-mai-hostile",
    "chiang-mai-kunming",
    "khon-kaen-lowell",  # signed 2015-03-01
    "phuket-kumamoto",  # signed 2010-05
    "rayong-ulsan",  # nothing recorded
]


@pytest.mark.browser
def test_sort_by_last_activity_combines_with_the_filters(directory: Page) -> None:
    page = directory
    page.select_option("#sc-sort", "activity")
    expect(page.locator(".sc-results tbody tr").first).to_contain_text("สิบสองปันนา")
    assert shown(page) == BY_ACTIVITY
    assert query_of(page) == {"sort": "activity"}
    page.select_option("#sc-verification", "verified")
    expect(page.locator(".sc-count")).to_have_text(count_text(4))
    assert shown(page) == [i for i in BY_ACTIVITY if i in VERIFIED]
    assert query_of(page) == {"verification": "verified", "sort": "activity"}
    assert page.locator(".sc-results tbody tr").last.locator("td").last.inner_text() == "–\nกิจกรรมล่าสุด –"
    page.select_option("#sc-sort", "")
    expect(page.locator(".sc-results tbody tr").first).to_contain_text("โลเวลล์")
    assert shown(page) == VERIFIED


@pytest.mark.browser
def test_a_shared_url_with_claim_verification_and_sort(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "?claim=signed&verification=unverified&sort=activity")
    expect(page.locator(".sc-count")).to_have_text(count_text(3))
    assert shown(page) == ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming"]
    assert page.locator("#sc-claim option:checked").inner_text() == "ลงนามแล้ว"
    assert page.locator("#sc-verification option:checked").inner_text() == "ยังไม่ได้ตรวจสอบกับแหล่งที่มา"


@pytest.mark.browser
def test_listings_show_claim_and_verification(page: Page, base_url: str) -> None:
    page.goto(base_url + "provinces/chiang-rai/")
    cells = page.locator(".sc-list tbody tr").first.locator("td").all_inner_texts()
    assert cells[4:] == [
        "ลงนามหนังสือแสดงเจตจำนงแล้ว ดำเนินการอยู่ ข้อตกลงหมดอายุแล้ว\nตรวจสอบกับแหล่งที่มาแล้ว",
        "2561\nกิจกรรมล่าสุด 2568",
    ]
    headings = page.locator(".sc-list thead th").all_inner_texts()
    assert headings[4:] == ["การยืนยันและสถานะ", "ลงนาม · กิจกรรมล่าสุด"]


def test_no_partnership_page_reads_signed_without_a_signing(site: Path) -> None:
    records = {path.removesuffix(".yml").replace("/", "-"): yaml.safe_load(text) for path, text in FILES.items()}
    pages = {
        page.parent.name: page.read_text(encoding="utf-8") for page in (site / "partnerships").glob("*/index.html")
    }
    assert sorted(pages) == sorted(ALL)
    reads_signed = {name for name, html in pages.items() if "ลงนามแล้ว" in html}
    for name in reads_signed:
        documents = records[name].get("documents", [])
        signing = [d for d in documents if d["kind"] in ("letter_of_intent", "mou", "agreement")]
        assert "signed" in records[name] or signing, name
    assert reads_signed == {
        "bangkok-kunming",
        "chiang-mai-hostile",
        "chiang-mai-kunming",
        "khon-kaen-lowell",
        "phuket-kumamoto",
    }


COVERAGE = (
    '<div class="sc-coverage">\n'
    "<p>กระทรวงมหาดไทยรายงานว่า ณ 19 ธันวาคม พ.ศ. 2561 (ค.ศ. 2018) มีความสัมพันธ์ที่สถาปนาแล้ว 89 คู่ ใน 38 จังหวัด"
    " สมุดรายชื่อนี้มีความสัมพันธ์ที่นับแบบเดียวกันได้ 3 คู่ ใน 2 จังหวัด (เทียบกับ 38 จังหวัด)</p>\n"
)
REST = (
    "<p>สมุดรายชื่อมีทั้งหมด 7 คู่ นอกจากที่นับข้างต้นยังมี:</p>\n<ul>\n"
    "<li>บันทึกความเข้าใจหรือความตกลงความร่วมมือระดับจังหวัดที่ลงนามแล้ว 1 คู่</li>\n"
    "<li>หนังสือแสดงเจตจำนงระดับจังหวัด 1 คู่</li>\n"
    "<li>ความสัมพันธ์ระดับจังหวัดที่อยู่ระหว่างหารือหรือเสนอ ยังไม่มีการลงนาม 1 คู่</li>\n"
    "<li>ความสัมพันธ์ของกรุงเทพมหานครและองค์กรปกครองส่วนท้องถิ่น ทุกระดับการยืนยัน 1 คู่</li>\n</ul>\n"
)


def test_directory_stats_and_home_state_one_coverage(site: Path) -> None:
    blocks = []
    for page in ("directory/index.html", "stats/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        found = re.search(r'<div class="sc-coverage">.*?</div>', html, re.S)
        assert found is not None, page
        blocks.append(found[0])
    assert blocks[0] == blocks[1] == blocks[2]
    assert blocks[0].startswith(COVERAGE)
    assert REST in blocks[0]
