"""What a reader sees, checked in a real Chromium: no third-party requests, Thai font, inert payloads."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright
from sites import PAYLOAD_ATTR, PAYLOAD_IFRAME, PAYLOAD_IMG, PAYLOAD_NAME, build_fixture_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGES = [
    "",
    "directory/",
    "directory/all/",
    "provinces/chiang-mai/",
    "countries/cn/",
    "partnerships/chiang-mai-kunming/",
    "partnerships/chiang-mai-hostile/",
]

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_fixture_site(tmp_path_factory.mktemp("browser")).site
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium fonts-thai-tlwg"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_no_request_leaves_the_site(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(base_url + path, wait_until="networkidle")
    assert len(requested) > len(PAGES)
    assert [url for url in requested if not url.startswith(base_url)] == []
    assert any(url.endswith("sarabun-thai-400-normal.woff2") for url in requested)


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
    body = page.locator("article.sc-partnership").inner_text()
    assert PAYLOAD_NAME in body
    assert PAYLOAD_IMG in body
    assert PAYLOAD_ATTR in body
    assert PAYLOAD_IFRAME in body
    assert page.locator("article.sc-partnership :is(script, img, iframe, [onclick])").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))] == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.goto(base_url + "provinces/chiang-mai/", wait_until="networkidle")
    assert PAYLOAD_IMG in page.locator("table").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
