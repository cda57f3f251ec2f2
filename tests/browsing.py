"""Serving a built site to Debian's Chromium: the browser, a local HTTP server, and the deploy/_headers rules."""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
HEADERS_FILE = ROOT / "deploy" / "_headers"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

Rules = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def read_headers(path: Path = HEADERS_FILE) -> Rules:
    """The rules of a Netlify-style _headers file: (path pattern, ((name, value), ...)) in file order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
            continue
        name, _, value = line.strip().partition(":")
        rules[-1][1].append((name.strip(), value.strip()))
    return tuple((pattern, tuple(headers)) for pattern, headers in rules)


def headers_for(rules: Rules, url_path: str) -> dict[str, str]:
    """The headers a host would add to a response for url_path."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(url_path, pattern):
            found.update(headers)
    return found


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files quietly, adding the headers of the rules it was given."""

    rules: Rules = ()

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?")[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, rules: Rules = ()) -> Iterator[str]:
    """Serve folder on a free local port, adding the rules' headers; yields the base URL."""
    handler = type("Handler", (_Handler,), {"rules": rules})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium fonts-thai-tlwg"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
