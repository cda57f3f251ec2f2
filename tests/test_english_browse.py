"""The directory filter and the search page of the English edition (en/, html lang="en"), in Chromium: each
partnership shows its English names first and the partner's Thai name beside them marked lang="th", as the
English listings do, with CE years; a query finds the same partnerships on both editions. The directory data
(directory/data/) is one for both."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browsing import read_headers, serve
from conftest import BASELINE, SETTINGS, edit, write
from playwright.sync_api import Page, Route, expect
from searching import wait_for_results
from sites import BANGKOK, directory_data, paths_for

from generator import build as pipeline
from generator.sample import load_cities
from generator.strings import load_strings
from generator.thaisort import name_sort_key

THAI_EN = "Chiang Mai Provincial Administrative Organization"


def other(text: str, province: tuple[str, str, str]) -> str:
    """A partner file like text for another province: (code, Thai name, English name) of its Thai party."""
    code, thai, english = province
    text = edit(edit(text, "province: TH-50", f"province: {code}"), "  name_th: จังหวัดเชียงใหม่", f"  name_th: {thai}")
    return edit(text, "  name_en: Chiang Mai Province", f"  name_en: {english}")


HOKKAIDO = edit(edit(BASELINE, "  name_en: Kunming", "  name_en: Hokkaido"), "  name_th: คุนหมิง", "  name_th: ฮอกไกโด")
HOKKAIDO = edit(edit(HOKKAIDO, "  name_native: 昆明", "  name_native: 北海道"), "  country: CN", "  country: JP")
FILES: dict[str, str | bytes] = {
    "chiang-mai/kunming.yml": edit(BASELINE, "  name_en: Chiang Mai Province", f"  name_en: {THAI_EN}"),
    "bangkok/kunming.yml": edit(BANGKOK, "  name_en: Chiang Mai Province", "  name_en: Bangkok"),
    # Orders that differ between the editions: ฮอกไกโด after คุนหมิง, Hokkaido before Kunming; ยะลา before
    # อุบลราชธานี, Ubon Ratchathani before Yala.
    "chiang-mai/hokkaido.yml": edit(HOKKAIDO, "  level: city", "  level: prefecture"),
    "yala/kunming.yml": other(BASELINE, ("TH-95", "จังหวัดยะลา", "Yala Province")),
    "ubon-ratchathani/kunming.yml": other(BASELINE, ("TH-34", "จังหวัดอุบลราชธานี", "Ubon Ratchathani Province")),
}
THAI_ORDER = [
    "bangkok-kunming",
    "chiang-mai-kunming",
    "chiang-mai-hokkaido",
    "yala-kunming",
    "ubon-ratchathani-kunming",
]
ENGLISH_ORDER = [
    "bangkok-kunming",
    "chiang-mai-hokkaido",
    "chiang-mai-kunming",
    "ubon-ratchathani-kunming",
    "yala-kunming",
]
# The row of chiang-mai-kunming in a listing or in the filter's results.
ROW = "tr:has(a[href$='/chiang-mai-kunming/']) td"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("english")
    paths = paths_for(tmp, write(tmp, FILES), langs=("th", "en"))
    pipeline.build(paths, SETTINGS)
    return paths.site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site, read_headers()) as url:
        yield url


def open_directory(page: Page, base_url: str, edition: str, query: str) -> list[str]:
    """Load an edition's directory page ("" or "en/") with a query; the ids of the partnerships it lists."""
    page.goto(f"{base_url}{edition}directory/{query}")
    loading = load_strings(edition.strip("/") or "th").data["directory"]["filter"]["loading"]
    expect(page.locator(".sc-count")).not_to_have_text(loading)
    hrefs: list[str] = page.eval_on_selector_all(
        ".sc-results tbody tr td:nth-child(2) a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.removeprefix("../partnerships/").removesuffix("/") for h in hrefs]


def open_search(page: Page, base_url: str, edition: str, q: str) -> None:
    page.goto(f"{base_url}{edition}search/?q={quote(q)}")
    wait_for_results(page)


@pytest.mark.browser
def test_english_directory_rows_show_english_names_first(page: Page, base_url: str) -> None:
    assert open_directory(page, base_url, "en/", "?region=north") == ["chiang-mai-hokkaido", "chiang-mai-kunming"]
    cells = page.locator(".sc-results " + ROW)
    assert cells.all_inner_texts()[:3] == [THAI_EN, "Kunming 昆明\nคุนหมิง", "China"]
    # The partner's Thai name is marked as Thai, its own name keeps its language, nothing is marked English.
    assert cells.nth(1).locator("small").get_attribute("lang") == "th"
    assert cells.nth(1).locator(".sc-native").get_attribute("lang") == "zh-Hans"
    assert page.locator(".sc-results [lang=en]").count() == 0
    # Years in CE (signed 1999, last activity 2024), as the English listings show them.
    year, last = cells.nth(5).inner_text().split("\n")
    assert (year, last.split(" ")[-1]) == ("1999", "2024")
    filtered = cells.all_inner_texts()
    page.goto(base_url + "en/provinces/chiang-mai/")
    assert page.locator(ROW).all_inner_texts() == filtered
    page.goto(base_url + "en/directory/?region=north")
    page.locator(".sc-results a", has_text="Kunming").click()
    assert page.url == base_url + "en/partnerships/chiang-mai-kunming/"


@pytest.mark.browser
def test_thai_directory_rows_keep_thai_names_first(page: Page, base_url: str) -> None:
    open_directory(page, base_url, "", "?region=north")
    cells = page.locator(".sc-results " + ROW)
    assert cells.all_inner_texts()[:3] == ["จังหวัดเชียงใหม่", "คุนหมิง 昆明\nKunming", "จีน"]
    assert cells.nth(1).locator("small").get_attribute("lang") == "en"
    assert page.locator(".sc-results [lang=th]").count() == 0
    assert cells.nth(5).inner_text().split("\n")[0] == "2542"
    filtered = cells.all_inner_texts()
    page.goto(base_url + "provinces/chiang-mai/")
    assert page.locator(ROW).all_inner_texts() == filtered


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # Thai names are found on English pages too, English ones on Thai pages.
        ("คุนหมิง เชียงใหม่", ["chiang-mai-kunming"]),
        ("จังหวัดเชียงใหม่ 昆明", ["chiang-mai-kunming"]),
        ("Kunming Bangkok", ["bangkok-kunming"]),
        # Only the Thai party's English name holds this word.
        ("Administrative", ["chiang-mai-kunming"]),
    ],
)
def test_a_query_finds_the_same_partnerships_on_both_editions(
    page: Page, base_url: str, edition: str, q: str, expected: list[str]
) -> None:
    assert open_directory(page, base_url, edition, f"?q={quote(q)}") == expected


@pytest.mark.browser
@pytest.mark.parametrize("q", ["Administrative", "คุนหมิง"])
def test_english_search_lists_partnerships_by_their_english_names(page: Page, base_url: str, q: str) -> None:
    open_search(page, base_url, "en/", q)
    item = page.locator(".sc-search-partnership", has=page.locator('a[href$="/en/partnerships/chiang-mai-kunming/"]'))
    assert item.locator("a").inner_text() == f"{THAI_EN} – Kunming"
    excerpt = item.locator("p")
    t = load_strings("en").data
    labels = [t["type"]["sister_city"], t["claim"]["signed"], t["status"]["active"]]
    assert excerpt.inner_text() == " · ".join(["คุนหมิง", "昆明", "China", *labels])
    assert excerpt.locator("span[lang=th]").all_inner_texts() == ["คุนหมิง"]
    assert excerpt.locator("span[lang=en]").count() == 0


@pytest.mark.browser
def test_thai_search_keeps_thai_names_first(page: Page, base_url: str) -> None:
    open_search(page, base_url, "", "Administrative")
    item = page.locator(".sc-search-partnership")
    assert item.locator("a").inner_text() == "จังหวัดเชียงใหม่ – คุนหมิง"
    assert item.locator("a").get_attribute("href") == base_url + "partnerships/chiang-mai-kunming/"
    assert item.locator("p").inner_text() == "Kunming · 昆明 · จีน · เมืองพี่เมืองน้อง · ลงนามแล้ว · ดำเนินการอยู่"
    assert item.locator("p span[lang=en]").all_inner_texts() == ["Kunming"]


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "order"), [("", THAI_ORDER), ("en/", ENGLISH_ORDER)])
def test_rows_read_in_the_order_of_the_editions_listings(
    page: Page, base_url: str, edition: str, order: list[str]
) -> None:
    page.goto(f"{base_url}{edition}directory/all/")
    hrefs = page.eval_on_selector_all("tbody tr td:nth-child(2) a", "links => links.map(a => a.href)")
    assert [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs] == order
    assert open_directory(page, base_url, edition, "") == order
    assert open_directory(page, base_url, edition, "?country=CN") == [i for i in order if i != "chiang-mai-hokkaido"]
    # Partnerships that fit a query as well as each other, in the same order.
    open_search(page, base_url, edition, "Kunming")
    links = page.eval_on_selector_all(".sc-search-partnership > a", "links => links.map(a => a.href)")
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == [i for i in order if i.endswith("-kunming")]


def reversed_ids(code: str) -> list[str]:
    """The ids of a province's rows made below, in English order."""
    return [f"{code}-{i:02}" for i in range(89, -1, -1)]


@pytest.mark.browser
def test_english_first_rows_are_whole_provinces_in_english_order(page: Page, base_url: str, site: Path) -> None:
    # Four provinces of 90 rows each (Thai order: Bangkok, Chiang Mai, Yala, Ubon Ratchathani), each row's partner
    # named so its English order is the reverse of the data's.
    data = directory_data(site)
    at = {name: i for i, name in enumerate(data["columns"])}
    assert data["order"] == ["TH-10", "TH-50", "TH-95", "TH-34"]
    fetched: list[int] = []

    def meta(route: Route) -> None:
        answer = route.fetch().json()
        answer["pieces"] = [[code, 90] for code in answer["order"]]
        answer["total"] = 360
        route.fulfill(json=answer)

    def piece(route: Route) -> None:
        n = int(re.sub(r"\D", "", route.request.url.rsplit("/", 1)[1]))
        fetched.append(n)
        code = data["order"][n]
        made = [list(data["rows"][0]) for _ in range(90)]
        for i, row in enumerate(made):
            row[at["id"]], row[at["province"]], row[at["partner_en"]] = f"{code}-{i:02}", code, f"P{89 - i:02}"
        route.fulfill(json=made)

    page.route("**/directory/data/meta.json", meta)
    page.route("**/directory/data/rows-*.json", piece)
    shown = open_directory(page, base_url, "en/", "")
    # Bangkok, Chiang Mai and the first of Ubon Ratchathani: the rows of whole provinces, none of Yala's.
    assert shown == reversed_ids("TH-10") + reversed_ids("TH-50") + reversed_ids("TH-34")[:20]
    assert sorted(fetched) == [0, 1, 3]
    page.locator(".sc-more").click()
    expect(page.locator(".sc-results tbody tr")).to_have_count(360)
    assert sorted(fetched) == [0, 1, 2, 3]
    ids = page.eval_on_selector_all(
        ".sc-results tbody tr td:nth-child(2) a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert [h.removeprefix("../partnerships/").removesuffix("/") for h in ids] == [
        *shown[:200],
        *reversed_ids("TH-34")[20:],
        *reversed_ids("TH-95"),
    ]


@pytest.mark.browser
def test_english_names_sort_in_the_browser_as_at_build(page: Page, base_url: str) -> None:
    """partnerships.js, latinKey, orders names as generator/thaisort.py, name_sort_key, orders the listings."""
    names = [c.name_en for c in load_cities()]
    names += ["Đà Nẵng", "Da Lat", "dalian", "Île-de-France", "Ibaraki", "Zürich", "Zhuhai", "São Paulo", "Sapporo"]
    names += ["Ōita", "Oita", "Osaka", "Hanoi", "hanoi", "Ha Long", "Hà Nội", "Łódź", "Lodz", "Aix-en-Provence"]
    page.goto(base_url + "en/directory/")
    ordered = page.evaluate(
        """async (names) => {
          const { byKey, latinKey } = await import("../assets/javascripts/partnerships.js");
          return [...names].sort(byKey(latinKey));
        }""",
        names,
    )
    assert ordered == sorted(names, key=lambda name: name_sort_key(name, "en"))


def test_english_pages_count_one_in_the_singular(site: Path) -> None:
    # Japan has one partnership here (Hokkaido), Chiang Mai two.
    assert ">1 pair · " in (site / "en/countries/jp/index.html").read_text(encoding="utf-8")
    assert ">2 pairs · " in (site / "en/provinces/chiang-mai/index.html").read_text(encoding="utf-8")
    one = re.compile(r"\b1 (pairs|partnerships|mechanisms|pages|results|entries|problems|years)\b")
    wrong = {
        html.relative_to(site).as_posix(): found.group()
        for html in (site / "en").rglob("*.html")
        if (found := one.search(html.read_text(encoding="utf-8")))
    }
    assert wrong == {}
