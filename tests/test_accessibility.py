"""Accessibility in Chromium: axe-core (npm, pinned in package.json) finds no serious or critical violation on
pages of both editions, which load nothing from elsewhere; every page says which language it is in and marks the
names in other languages and scripts, has a skip link, and labels its controls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from browsing import AXE, chromium, serve
from playwright.sync_api import Browser, Page
from sites import build_fixture_site

from generator.strings import load_strings

PAGES = [
    "",
    "guidelines/",
    "steps/",  # the inline SVG timeline
    "steps/2-prepare-readiness/",  # a step with a checklist
    "forms/mou/",  # a form: bilingual tables, a signature block, the DOCX link
    "contact/",
    "partnerships/chiang-mai-kunming/",
    "partnerships/chiang-mai-hostile/",
    "provinces/chiang-mai/",
    "countries/cn/",
    "directory/",
    "directory/?province=TH-50",
    "stats/",  # with the SVG map
    "review/",
    "search/?q=" + quote("เชียงใหม่"),
]
# The same pages of the English edition, searched in English.
ENGLISH_PAGES = ["en/" + path for path in PAGES if not path.startswith("search/")] + ["en/search/?q=Chiang%20Mai"]
# Material's own wording of the skip link, by the page's language.
SKIP = {"th": "ข้ามไปที่เนื้อหา", "en": "Skip to content"}
BLOCKING = ("serious", "critical")
STRINGS = load_strings().data
CONTROLS = """() => [...document.querySelectorAll(".md-content :is(input, select, textarea, button)")]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.id || el.name || el.tagName,
    [...(el.labels || [])].map(l => l.innerText).join(" ").trim() || el.getAttribute("aria-label")
      || (el.tagName === "BUTTON" ? el.innerText.trim() : "")])"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_fixture_site(tmp_path_factory.mktemp("a11y"), langs=("th", "en"), search=True).site
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    browser: Browser
    with chromium() as browser:
        page = browser.new_page()
        yield page


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (WCAG 2.x A and AA rules and best practices)."""
    assert AXE.is_file(), "run `npm ci` (the Makefile's test target does)"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


@pytest.mark.parametrize("path", PAGES + ENGLISH_PAGES)
def test_no_serious_or_critical_violation(page: Page, base_url: str, path: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    found = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in axe(page) if v["impact"] in BLOCKING
    ]
    assert found == []
    assert page.evaluate("document.documentElement.lang") == ("en" if path.startswith("en/") else "th")
    assert [url for url in requested if not url.startswith(base_url)] == []


@pytest.mark.parametrize("path", PAGES + ENGLISH_PAGES)
def test_the_first_tab_reaches_a_working_skip_link(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.matches('a.md-skip'), document.activeElement.innerText.trim()]")
    assert focused == [True, SKIP["en" if path.startswith("en/") else "th"]]
    target = page.evaluate("document.getElementById(decodeURIComponent(document.activeElement.hash.slice(1)))?.id")
    assert target
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#{quote(target)}"


def test_english_and_native_names_are_marked(page: Page, base_url: str) -> None:
    page.goto(base_url + "partnerships/chiang-mai-kunming/")
    marked = page.eval_on_selector_all(
        "article.sc-partnership [lang]", "els => els.map(el => [el.getAttribute('lang'), el.innerText.trim()])"
    )
    assert marked == [
        ["en", "Chiang Mai Province – Kunming"],
        ["en", "(Chiang Mai Province)"],
        ["en", "(Kunming)"],
        ["zh-Hans", "昆明"],
    ]
    page.goto(base_url + "en/partnerships/chiang-mai-kunming/")
    marked = page.eval_on_selector_all(
        "article.sc-partnership [lang]", "els => els.map(el => [el.getAttribute('lang'), el.innerText.trim()])"
    )
    assert marked[:4] == [
        ["th", "จังหวัดเชียงใหม่ – คุนหมิง"],
        ["th", "(จังหวัดเชียงใหม่)"],
        ["th", "(คุนหมิง)"],
        ["zh-Hans", "昆明"],
    ]
    assert page.locator(".sc-switch a").get_attribute("lang") == "th"
    page.goto(base_url + "provinces/chiang-mai/")
    row = page.locator("table.sc-list tbody tr", has_text="คุนหมิง").first
    assert row.locator("[lang]").evaluate_all("els => els.map(el => el.getAttribute('lang'))") == ["zh-Hans", "en"]


def test_search_and_filter_controls_are_labelled(page: Page, base_url: str) -> None:
    search = STRINGS["search"]
    page.goto(base_url + "directory/", wait_until="networkidle")
    controls = page.evaluate(CONTROLS)
    assert len(controls) >= 8
    assert [control for control in controls if not control[1]] == []
    assert ["sc-search-top", search["label"]] in controls
    page.goto(base_url + "search/", wait_until="networkidle")
    assert page.get_by_role("searchbox", name=search["label"]).count() == 1
