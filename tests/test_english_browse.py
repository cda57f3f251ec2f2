"""The directory filter and the search page of the English edition (en/, html lang="en"), in Chromium: each
partnership shows its English names first and the partner's Thai name beside them marked lang="th", as the
English listings do, with CE years; a query finds the same partnerships on both editions. The directory data
(directory/data/) is one for both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browsing import read_headers, serve
from conftest import BASELINE, SETTINGS, edit, write
from playwright.sync_api import Page, expect
from searching import wait_for_results
from sites import BANGKOK, paths_for

from generator import build as pipeline
from generator.strings import load_strings

THAI_EN = "Chiang Mai Provincial Administrative Organization"
FILES: dict[str, str | bytes] = {
    "chiang-mai/kunming.yml": edit(BASELINE, "  name_en: Chiang Mai Province", f"  name_en: {THAI_EN}"),
    "bangkok/kunming.yml": edit(BANGKOK, "  name_en: Chiang Mai Province", "  name_en: Bangkok"),
}
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
    assert open_directory(page, base_url, "en/", "?region=north") == ["chiang-mai-kunming"]
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
        ("คุนหมิง", ["bangkok-kunming", "chiang-mai-kunming"]),
        ("จังหวัดเชียงใหม่", ["chiang-mai-kunming"]),
        ("Kunming", ["bangkok-kunming", "chiang-mai-kunming"]),
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
