"""The bundled data's site on a phone, in Chromium at 360 × 740 CSS pixels: no page wider than the screen
(WCAG 1.4.10), listings as cards, statistics tables that read, and keyboard focus always on screen and shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import serve
from playwright.sync_api import Browser, Page, ViewportSize
from sites import bundled_partnerships

from generator.strings import load_strings

STRINGS = load_strings().data

PHONE = ViewportSize(width=360, height=740)
# The directory filter's own results, drawn by directory.js, as well as every built page.
FILTERED = "directory/?province=TH-10"
# Each keyboard stop: where it is, and whether an outline or a shadow marks it.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const marked = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  const shown = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth
    && r.bottom <= innerHeight;
  return [e.outerHTML.slice(0, 80), shown, marked];
}"""
# Rows off the screen are laid out only when scrolled to (content-visibility): lay them all out to measure them.
CARD = """rows => rows.map(tr => [...tr.cells].map(td => {
  tr.style.contentVisibility = "visible";
  const r = td.getBoundingClientRect();
  return r.left >= 0 && r.right <= innerWidth && td.innerText.trim() !== "";
}))"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    """The bundled data's site (no handbook PDF)."""
    return bundled_site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    """One page at a phone's size, reused by every test of the module."""
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def paths_of(site: Path) -> list[str]:
    """Every page of the built site as its URL path."""
    pages = [html.relative_to(site).as_posix() for html in site.rglob("*.html")]
    return sorted(page.removesuffix("index.html") for page in pages)


# Every page is visited, in this many shares (each a test), so that parallel workers split the visits.
SHARES = 4


@pytest.mark.parametrize("share", range(SHARES))
def test_no_page_is_wider_than_a_phone(phone: Page, base_url: str, site: Path, share: int) -> None:
    paths = paths_of(site)
    assert len(paths) > bundled_partnerships() and "directory/all/" in paths and "stats/" in paths
    wider: dict[str, int] = {}
    for path in paths[share::SHARES]:
        phone.goto(base_url + path, wait_until="load")
        width: int = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wider[path] = width
    assert wider == {}


def test_the_directory_filters_results_are_no_wider_than_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(base_url + FILTERED, wait_until="networkidle")
    phone.locator(".sc-results tbody tr").first.wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("path", ["provinces/bangkok/", "directory/all/", FILTERED])
def test_a_listing_is_cards_with_every_cell_on_screen(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="networkidle")
    rows = phone.locator("table.sc-list tbody tr")
    rows.first.wait_for()
    assert phone.locator("table.sc-list").evaluate("t => getComputedStyle(t).display") == "block"
    assert phone.locator("table.sc-list thead").evaluate("h => h.getBoundingClientRect().width") <= 1
    # The partner comes first; status and year share a line of their own below.
    first = rows.first.evaluate(
        "tr => [...tr.cells].map(td => Math.round(td.getBoundingClientRect().top))",
    )
    assert first[1] < first[0] <= first[2] <= first[3] < min(first[4], first[5])
    cells = rows.evaluate_all(CARD)
    assert [i for i, row in enumerate(cells) if row != [True] * 6] == []


def test_a_listing_stays_a_table_on_a_wide_screen(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "provinces/bangkok/", wait_until="load")
    table = page.locator("table.sc-list")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert page.locator("table.sc-list thead th").all_inner_texts() == [
        "ฝ่ายไทย",
        "ฝ่ายต่างประเทศ",
        "ประเทศ",
        "ประเภท",
        STRINGS["site"]["claim_status"],
        STRINGS["site"]["signed_last_activity"],
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    context.close()


def test_statistics_tables_are_ruled_and_numbers_right_aligned(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "stats/", wait_until="load")
    styles = phone.locator("table.sc-numbers tbody tr").first.evaluate(
        "tr => [...tr.children].map(c => { const s = getComputedStyle(c);"
        " return [c.tagName, s.textAlign, parseFloat(s.paddingLeft) > 0, s.borderTopStyle]; })"
    )
    assert styles == [["TH", "left", True, "solid"], ["TD", "right", True, "solid"], ["TD", "right", True, "solid"]]


def test_the_map_shows_no_label_smaller_than_11_px(phone: Page, base_url: str) -> None:
    sizes = """() => [...document.querySelectorAll(".sc-map text.sc-tile-label")]
      .filter(t => t.getClientRects().length > 0)
      .map(t => t.ownerSVGElement.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))"""
    for width in (360, 1280):
        phone.set_viewport_size(ViewportSize(width=width, height=740))
        phone.goto(base_url + "stats/", wait_until="load")
        shown = phone.evaluate(sizes)
        assert [size for size in shown if size < 11] == []
        # Where the map gives way, its table of the same numbers is there.
        assert phone.locator("table.sc-numbers").first.is_visible()
    assert len(shown) == 77
    phone.set_viewport_size(PHONE)


def test_no_chart_label_is_smaller_than_11_px(phone: Page, base_url: str) -> None:
    # Every label of every bar and year chart (and the map): the size it prints at, and whether it is shown.
    labels = """() => [...document.querySelectorAll(".sc-chart svg text")].map(t => [t.getClientRects().length > 0,
      t.ownerSVGElement.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize)])"""
    charts = "() => [...document.querySelectorAll('figure.sc-chart')].map(f => f.getClientRects().length > 0)"
    tables = "() => [...document.querySelectorAll('figure.sc-chart + table.sc-numbers')].map(t => t.checkVisibility())"
    seen = {}
    for width in (360, 1280):
        phone.set_viewport_size(ViewportSize(width=width, height=740))
        phone.goto(base_url + "stats/", wait_until="load")
        found = phone.evaluate(labels)
        assert [size for shown, size in found if shown and size < 11] == []
        seen[width] = sum(shown for shown, _ in found)
        # Each chart's numbers stay readable in the table that follows it, shown or not.
        assert phone.evaluate(tables) == [True] * len(phone.evaluate(charts))
    phone.set_viewport_size(PHONE)
    # Wide, the charts draw all their labels; on a phone none is left at an unreadable size.
    assert seen[1280] > 77 and seen[360] == 0


@pytest.mark.parametrize("path", ["guidelines/", "provinces/bangkok/", "stats/"])
def test_every_tab_stop_is_on_screen_and_marked(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="networkidle")
    stops: list[list[object]] = []
    while len(stops) < 400:
        phone.keyboard.press("Tab")
        if (stop := phone.evaluate(FOCUSED)) is None:
            break
        stops.append(stop)
    assert len(stops) > 5
    assert [stop for stop in stops if stop[1:] != [True, True]] == []
    # The theme's menu button (the one label for the drawer that takes focus) is one of the stops.
    assert len([stop for stop in stops if 'for="__drawer"' in str(stop[0])]) == 1


def test_the_menu_opens_and_closes_from_the_keyboard(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "guidelines/", wait_until="networkidle")
    menu = phone.locator("label.md-header__button[for='__drawer']")
    for _ in range(10):
        phone.keyboard.press("Tab")
        if menu.evaluate("label => label === document.activeElement"):
            break
    assert menu.evaluate("label => label === document.activeElement")
    assert (menu.get_attribute("role"), menu.get_attribute("aria-label")) == ("button", STRINGS["site"]["menu"])
    assert menu.get_attribute("aria-expanded") == "false"
    link = phone.locator("nav.md-nav--primary a.md-nav__link").first
    assert not link.is_visible()
    phone.keyboard.press("Enter")
    link.wait_for(state="visible")
    assert menu.get_attribute("aria-expanded") == "true"
    # The drawer has slid in (0.25 s).
    phone.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    # The next stops are in the open drawer, on screen and marked.
    phone.keyboard.press("Tab")
    for _ in range(5):
        if phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"):
            break
        phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert phone.evaluate(FOCUSED)[1:] == [True, True], phone.evaluate(FOCUSED)
    menu.focus()
    phone.keyboard.press(" ")
    link.wait_for(state="hidden")
    assert menu.get_attribute("aria-expanded") == "false"


def test_the_closed_drawer_is_out_of_reach_and_the_open_one_in_reach(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "guidelines/", wait_until="networkidle")
    link = phone.locator("nav.md-nav--primary a.md-nav__link").first
    assert not link.is_visible()
    phone.locator("label.md-header__button[for='__drawer']").click()
    link.wait_for(state="visible")
    link.focus()
    assert phone.evaluate("document.activeElement.matches('nav.md-nav--primary a')")
