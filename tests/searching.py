"""The search query table and a way to run it through the real search page, for tests and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from browsing import ARGS, CHROMIUM
from playwright.sync_api import Browser, Page, Playwright

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search_queries.yaml"
TOP = 5


@dataclass(frozen=True)
class Query:
    """One row of the table: what is typed, and words one of the top results' title or URL must contain."""

    q: str
    expect: tuple[tuple[str, ...], ...]
    why: str


@dataclass(frozen=True)
class Hit:
    """One listed result, as the reader sees it."""

    title: str
    url: str

    def matches(self, words: tuple[str, ...]) -> bool:
        """Whether the title or the URL contains every word (case-insensitive)."""
        return all(w.lower() in self.title.lower() or w.lower() in self.url.lower() for w in words)


def load_queries() -> list[Query]:
    """The table in tests/fixtures/search_queries.yaml."""
    rows = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(r["q"], tuple(tuple(words) for words in r["expect"]), r["why"]) for r in rows]


def found(query: Query, hits: list[Hit]) -> bool:
    """Whether one of the top results satisfies one of the query's alternatives."""
    return any(hit.matches(words) for hit in hits[:TOP] for words in query.expect)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "") -> Iterator[str]:
    """Serve a built site on 127.0.0.1, optionally under a sub-path, and yield its base URL."""
    root = site.parent if prefix else site
    if prefix:
        assert site.name == prefix, "to serve under a sub-path the site folder must carry its name"
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, never a downloaded one."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium fonts-thai-tlwg"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def wait_for_results(page: Page) -> None:
    """Wait until the search page has listed the results of the current query."""
    page.wait_for_selector(".sc-search-results[aria-busy=false]", state="attached")


def open_search(page: Page, base_url: str, q: str) -> None:
    """Load search/?q=… cold and wait for its results."""
    page.goto(f"{base_url}search/?q={quote(q)}")
    wait_for_results(page)


def hits(page: Page) -> list[Hit]:
    """The listed results: link text and absolute URL."""
    links = page.locator(".sc-search-results > li > a")
    return [Hit(links.nth(i).inner_text(), str(links.nth(i).evaluate("a => a.href"))) for i in range(links.count())]


def ask(page: Page, q: str) -> list[Hit]:
    """Type a query into the search page's box, submit it and return what is listed."""
    box = page.get_by_role("searchbox")
    box.fill(q)
    box.press("Enter")
    page.wait_for_function(
        "q => new URL(location.href).searchParams.get('q') === q"
        " && document.querySelector('.sc-search-results').getAttribute('aria-busy') === 'false'",
        arg=q,
    )
    return hits(page)
