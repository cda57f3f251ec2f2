"""The directory filter and the search page on an English page (html lang="en"), in Chromium: each partnership
shows its English names first, the Thai ones beside them marked lang="th", CE years; a query matches as on Thai
pages. The directory data (directory/data/) is one for both editions.

Until the build writes the English edition, the English pages here are the built Thai ones marked lang="en" with
the year offset of an English page (0), copied beside them so their relative links still hold (the directory's
data address made to point at directory/data/, as English pages do)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browsing import read_headers, serve
from conftest import BASELINE, edit
from playwright.sync_api import Page, expect
from searching import open_search, wait_for_results
from sites import BANGKOK, build_fixture_site

THAI_EN = "Chiang Mai Provincial Administrative Organization"
FILES: dict[str, str | bytes] = {
    "chiang-mai/kunming.yml": edit(BASELINE, "  name_en: Chiang Mai Province", f"  name_en: {THAI_EN}"),
    "bangkok/kunming.yml": edit(BANGKOK, "  name_en: Chiang Mai Province", "  name_en: Bangkok"),
}
LOADING = "กำลังโหลดรายชื่อ…"


def english_copy(site: Path, page: str) -> str:
    """A copy of a built page at {page}-en/ marked as an English page; returns its path under the site."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    html = edit(html, '<html lang="th"', '<html lang="en"')
    if page == "directory":
        # English pages read the one directory data at the site's root.
        html = edit(html, 'data-index="data/meta.json"', 'data-index="../directory/data/meta.json"')
        html = edit(html, '"be_offset": 543', '"be_offset": 0')
    (site / f"{page}-en").mkdir()
    (site / f"{page}-en" / "index.html").write_text(html, encoding="utf-8")
    return f"{page}-en/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build_fixture_site(tmp_path_factory.mktemp("english"), FILES).site
    english_copy(built, "directory")
    english_copy(built, "search")
    return built


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site, read_headers()) as url:
        yield url


def open_directory(page: Page, url: str) -> list[str]:
    """Load a directory page and return the ids of the partnerships its filter lists."""
    page.goto(url)
    expect(page.locator(".sc-count")).not_to_have_text(LOADING)
    hrefs: list[str] = page.eval_on_selector_all(
        ".sc-results tbody tr td:nth-child(2) a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.removeprefix("../partnerships/").removesuffix("/") for h in hrefs]


@pytest.mark.browser
def test_english_directory_rows_show_english_names_first(page: Page, base_url: str) -> None:
    assert open_directory(page, base_url + "directory-en/?region=north") == ["chiang-mai-kunming"]
    cells = page.locator(".sc-results tbody tr").first.locator("td")
    assert cells.all_inner_texts()[:3] == [f"{THAI_EN}\nจังหวัดเชียงใหม่", "Kunming 昆明\nคุนหมิง", "China"]
    # The Thai names are marked as Thai; the partner's own name keeps its language; nothing is marked English.
    assert cells.nth(0).locator("[lang=th]").all_inner_texts() == ["จังหวัดเชียงใหม่"]
    assert cells.nth(1).locator("[lang=th]").all_inner_texts() == ["คุนหมิง"]
    assert cells.nth(1).locator(".sc-native").get_attribute("lang") == "zh-Hans"
    assert page.locator(".sc-results [lang=en]").count() == 0
    # Years as the page has them (CE on English pages): signed 1999, last activity 2024.
    year, last = cells.nth(5).inner_text().split("\n")
    assert (year, last.split(" ")[-1]) == ("1999", "2024")
    page.locator(".sc-results a", has_text="Kunming").click()
    assert page.url == base_url + "partnerships/chiang-mai-kunming/"


@pytest.mark.browser
def test_thai_directory_rows_keep_thai_names_first(page: Page, base_url: str) -> None:
    open_directory(page, base_url + "directory/?region=north")
    cells = page.locator(".sc-results tbody tr").first.locator("td")
    assert cells.all_inner_texts()[:3] == ["จังหวัดเชียงใหม่", "คุนหมิง 昆明\nKunming", "จีน"]
    assert cells.nth(1).locator("small").get_attribute("lang") == "en"
    assert page.locator(".sc-results [lang=th]").count() == 0
    assert cells.nth(5).inner_text().split("\n")[0] == "2542"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["directory/", "directory-en/"])
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # Thai names are found on English pages too, English ones on Thai pages.
        ("คุนหมิง", ["bangkok-kunming", "chiang-mai-kunming"]),
        ("จังหวัดเชียงใหม่", ["chiang-mai-kunming"]),
        # Only the Thai party's English name holds this word.
        ("Administrative", ["chiang-mai-kunming"]),
    ],
)
def test_a_query_finds_the_same_partnerships_on_both_pages(
    page: Page, base_url: str, path: str, q: str, expected: list[str]
) -> None:
    assert open_directory(page, f"{base_url}{path}?q={q}") == expected


@pytest.mark.browser
@pytest.mark.parametrize("q", ["Administrative", "คุนหมิง"])
def test_english_search_lists_partnerships_by_their_english_names(page: Page, base_url: str, q: str) -> None:
    page.goto(f"{base_url}search-en/?q={quote(q)}")
    wait_for_results(page)
    item = page.locator(".sc-search-partnership", has=page.locator('a[href$="/chiang-mai-kunming/"]'))
    assert item.locator("a").inner_text() == f"{THAI_EN} – Kunming"
    excerpt = item.locator("p")
    assert excerpt.inner_text().startswith("จังหวัดเชียงใหม่ · คุนหมิง · 昆明 · China · ")
    assert excerpt.locator("span[lang=th]").all_inner_texts() == ["จังหวัดเชียงใหม่", "คุนหมิง"]
    assert excerpt.locator("span[lang=en]").count() == 0


@pytest.mark.browser
def test_thai_search_keeps_thai_names_first(page: Page, base_url: str) -> None:
    open_search(page, base_url, "Administrative")
    item = page.locator(".sc-search-partnership").first
    assert item.locator("a").inner_text() == "จังหวัดเชียงใหม่ – คุนหมิง"
    assert item.locator("p").inner_text().startswith("Kunming · 昆明 · จีน · ")
    assert item.locator("p span[lang=en]").all_inner_texts() == ["Kunming"]
