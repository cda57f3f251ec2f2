"""HTML to PDF with Debian's Chromium through Playwright: the only module that drives a browser.

The print document is served from memory and every other request from the built site's folder, at a
host name that can never resolve (.invalid), so nothing is fetched from the network.
"""

from __future__ import annotations

import datetime
import io
import re
import urllib.parse
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from generator.errors import DataError, Problem
from generator.strings import Strings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Route

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ORIGIN = "http://handbook.invalid/"
TIMEOUT_MS = 120_000
# Chromium stamps the clock time; the same length of digits can be replaced without moving the xref offsets.
STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


class Printer:
    """One Chromium, started once, printing documents that use the files of one built site."""

    def __init__(self, site_dir: Path, strings: Strings, chromium: Path | None = None) -> None:
        self.site_dir = site_dir.resolve()
        self.strings = strings
        self.chromium = chromium or CHROMIUM
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self) -> Printer:
        if not self.chromium.is_file():
            raise DataError([self._problem(self.strings.error("pdf_no_chromium", path=self.chromium))])
        from playwright.sync_api import Error, sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=str(self.chromium), args=ARGS)
        except Error as exc:
            self._playwright.stop()
            raise DataError([self._problem(self.strings.error("pdf_failed", reason=exc.message))]) from exc
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def pdf(self, document: str, url: str) -> bytes:
        """Print an HTML document as if it were at url in the site; paper size and margins come from its CSS."""
        from playwright.sync_api import Error

        assert self._browser is not None, "use Printer as a context manager"
        page = self._browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.route("**/*", lambda route: self._serve(route, ORIGIN + url, document))
            page.goto(ORIGIN + url, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            return page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
        except Error as exc:
            raise DataError([self._problem(self.strings.error("pdf_failed", reason=exc.message))]) from exc
        finally:
            page.close()

    def _serve(self, route: Route, document_url: str, document: str) -> None:
        requested = route.request.url
        if requested == document_url:
            route.fulfill(body=document, content_type="text/html; charset=utf-8")
            return
        found = self._site_file(requested)
        if found is None:
            route.abort()
        else:
            route.fulfill(path=found)

    def _site_file(self, url: str) -> Path | None:
        """The file of the built site that url names, or None for anything outside it."""
        if not url.startswith(ORIGIN):
            return None
        path = (self.site_dir / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")).resolve()
        return path if path.is_file() and self.site_dir in path.parents else None

    def _problem(self, message: str) -> Problem:
        return Problem(str(self.chromium), 0, "pdf", message)


def destinations(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of each named destination in a PDF: Chromium names one per element id a link points to."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {
        str(name).removeprefix("/"): reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }
    return {name: page + 1 for name, page in pages.items() if page is not None and page >= 0}


def dated(pdf: bytes, day: datetime.date) -> bytes:
    """The PDF with its creation and modification dates set to a day, so equal inputs give equal bytes."""
    stamp = day.strftime("%Y%m%d000000").encode("ascii")
    return STAMP.sub(lambda match: b"/" + match.group(1) + b" (D:" + stamp, pdf)
