"""What a reader sees, checked in a real Chromium: no third-party requests, Thai font, inert payloads, and the
site working under the Content-Security-Policy of deploy/_headers."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browsing import read_headers, serve
from playwright.sync_api import Dialog, Page
from sites import PAYLOADS, build_fixture_site

SEARCH = "search/?q=" + quote("เชียงใหม่")
PAGES = [
    "",
    "guidelines/",
    "steps/2-prepare-readiness/",
    "directory/",
    "directory/all/",
    "provinces/chiang-mai/",
    "countries/cn/",
    "partnerships/chiang-mai-kunming/",
    "partnerships/chiang-mai-hostile/",
    "stats/",
    "review/",
    # The search page loads Pagefind's script, web worker, WebAssembly and index from the site.
    SEARCH,
]
# Where each listing shows a partnership: its Thai party, partner names, and (province page) its activities.
IN_LISTINGS = ("thai_party.name_th", "partner.name_th", "partner.name_native", "partner.name_en")
HOSTILE_MARKUP = "script, img, iframe, svg, object, embed, details, math, base, b, [lang=x], [onclick], [onerror]"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("browser"), search=True).site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def csp_url(site: Path) -> Iterator[str]:
    """The same site, served with the headers deploy/_headers gives it."""
    with serve(site, read_headers()) as url:
        yield url


def words(text: str) -> str:
    """Text with runs of white space made one space, as a browser shows it."""
    return " ".join(text.split())


def test_no_request_leaves_the_site(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(base_url + path, wait_until="networkidle")
    assert len(requested) > len(PAGES)
    assert [url for url in requested if not url.startswith(base_url)] == []
    assert any(url.endswith("sarabun-thai-400-normal.woff2") for url in requested)
    assert any(url.startswith(base_url + "pagefind/") for url in requested)


def test_thai_text_uses_the_bundled_font(page: Page, base_url: str) -> None:
    page.goto(base_url + "partnerships/chiang-mai-kunming/", wait_until="networkidle")
    assert page.locator("h1").inner_text() == "จังหวัดเชียงใหม่ – คุนหมิง"
    assert page.evaluate("document.documentElement.lang") == "th"
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family.replaceAll('\"', '')))"
    )
    assert "Sarabun" in loaded


def test_script_payloads_are_shown_and_never_run(page: Page, base_url: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(base_url + "partnerships/chiang-mai-hostile/", wait_until="networkidle")
    article = page.locator("article.sc-partnership")
    body = words(article.inner_text())
    assert [field for field, text in PAYLOADS.items() if words(text) not in body] == []
    assert page.locator("h1").inner_text() == f"{PAYLOADS['thai_party.name_th']} – {PAYLOADS['partner.name_th']}"
    assert article.locator(HOSTILE_MARKUP).count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))] == []
    assert page.evaluate("document.baseURI") == page.url
    listings = {"provinces/chiang-mai/": (*IN_LISTINGS, "activity.title_th"), "countries/cn/": IN_LISTINGS}
    for listing, shown in listings.items():
        page.goto(base_url + listing, wait_until="networkidle")
        content = page.locator("section.sc-listing")
        text = words(content.inner_text())
        assert [field for field in shown if words(PAYLOADS[field]) not in text] == [], listing
        assert content.locator(HOSTILE_MARKUP).count() == 0
    for path in ("directory/?province=TH-50", "search/?q=" + quote("script"), "stats/", "review/"):
        page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


def _script_hashes(policy: str) -> set[str]:
    script_src = next(d for d in policy.split(";") if d.split()[0] == "script-src")
    return {s.strip("'").removeprefix("sha256-") for s in script_src.split() if s.startswith("'sha256-")}


def test_the_policy_allows_every_inline_script(site: Path) -> None:
    policy = dict(read_headers()[0][1])["Content-Security-Policy"]
    found: dict[str, str] = {}
    for html in site.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(html.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            found.setdefault(digest, html.relative_to(site).as_posix())
    missing = {digest: page for digest, page in found.items() if digest not in _script_hashes(policy)}
    assert missing == {}, "add these to script-src in deploy/_headers: " + " ".join(f"'sha256-{d}'" for d in missing)
    assert len(found) == 2
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_the_site_works_under_its_content_security_policy(page: Page, csp_url: str) -> None:
    problems: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    for path in PAGES:
        response = page.goto(csp_url + path, wait_until="networkidle")
        assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
        # The theme's hashed inline script and its bundle both ran.
        assert page.evaluate("typeof __md_get === 'function' && document.documentElement.classList.contains('js')")
        problems += page.evaluate("window.__violations")
    assert problems == []


def test_features_work_under_the_policy(page: Page, csp_url: str) -> None:
    page.goto(csp_url + "stats/", wait_until="networkidle")
    tiles = page.locator("svg[role=group] rect.sc-tile")
    assert tiles.count() == 77
    box = tiles.first.bounding_box()
    assert box is not None and box["width"] > 10
    page.goto(csp_url + SEARCH, wait_until="networkidle")
    assert page.locator(".sc-search-results a[href*='partnerships/chiang-mai-kunming/']").count() == 1
    page.goto(csp_url + "directory/?province=TH-10", wait_until="networkidle")
    assert page.locator(".sc-results tbody tr").count() == 1
    # On a phone the navigation is a drawer off the left edge until the menu button opens it.
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(csp_url + "guidelines/", wait_until="networkidle")
    drawer = page.locator("nav.md-nav--primary")
    closed = drawer.bounding_box()
    assert closed is not None and closed["x"] + closed["width"] <= 0
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    opened = drawer.bounding_box()
    assert opened is not None and opened["x"] == 0


def test_a_form_prints_with_its_signature_block_whole_and_without_the_download_link(page: Page, base_url: str) -> None:
    page.goto(base_url + "forms/mou/", wait_until="networkidle")
    page.emulate_media(media="print")
    styles = page.evaluate(
        "['.sc-signature', '.sc-signature tr', 'a.sc-download']"
        ".map(s => getComputedStyle(document.querySelector(s)))"
        ".map(c => [c.breakInside, c.display])"
    )
    assert styles[0][0] == "avoid" and styles[1][0] == "avoid"
    assert styles[2][1] == "none"
    # The publisher and status of the publication stay on paper.
    assert page.locator(".sc-publication").is_visible()


def test_web_wording_shows_on_screen_and_print_wording_on_paper(page: Page, base_url: str) -> None:
    page.goto(base_url + "forms/", wait_until="networkidle")
    shown = (
        "['.sc-screen-only', '.sc-print-only']"
        ".map(s => [...document.querySelectorAll(s)].map(e => e.checkVisibility()))"
    )
    screen = page.evaluate(shown)
    assert screen[0] and all(screen[0]) and screen[1] and not any(screen[1])
    page.emulate_media(media="print")
    assert page.evaluate(shown) == [[False] * len(screen[0]), [True] * len(screen[1])]


def test_a_province_page_prints_as_a_clean_pack(page: Page, base_url: str) -> None:
    page.goto(base_url + "provinces/chiang-mai/", wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.md-header', '.md-sidebar--primary', '.md-footer', '.sc-filter-link', '.sc-search-top']"
        ".map(s => [...document.querySelectorAll(s)]).map(found => found.length > 0"
        " && found.every(e => getComputedStyle(e).display === 'none'))"
    )
    assert hidden == [True, True, True, True, True]
    assert page.locator("h1").inner_text() == "จังหวัดเชียงใหม่"
    assert page.locator("table.sc-list tbody tr").count() == 2
    assert page.locator("table.sc-list").is_visible()
