"""HTML to PDF with Debian's headless Chromium (chromium-headless-shell): the only module that prints.

Chromium's headless shell is driven directly over its DevTools pipe (generator/devtools.py): no driver program
and no full browser. The print document is served from memory and every other request from the built site's
folder, at a host name that can never resolve (.invalid), so nothing is fetched from the network.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import io
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from generator.devtools import Chromium, ChromiumError, Message
from generator.errors import DataError, Problem
from generator.strings import Strings

# The browser binary itself: /usr/bin/chromium-headless-shell is a shell script that runs it as its child.
CHROMIUM = Path("/usr/lib/chromium/chromium-headless-shell")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    # The headless shell hints glyph outlines by default, which rounds advances: letters then stand apart on paper.
    "--font-render-hinting=none",
    # Memory: printing the handbook is the build's largest process. A small V8 heap limit makes the renderer
    # collect garbage (DOM and layout objects included) while printing, and one raster thread without a
    # compositor thread drops their buffers: 148-152 MB instead of 160-175 MB, the same pages and text
    # (benchmarks/build_scale.py; the print document runs no script).
    "--js-flags=--max-old-space-size=16",
    "--num-raster-threads=1",
    "--disable-threaded-compositing",
]
ORIGIN = "http://handbook.invalid/"
TIMEOUT_MS = 120_000
# Page.printToPDF with what Playwright's page.pdf(prefer_css_page_size=True, print_background=True, outline=True,
# tagged=True) sent: US Letter without margins, both replaced by the print document's @page rules.
PRINT = {
    "landscape": False,
    "displayHeaderFooter": False,
    "printBackground": True,
    "scale": 1,
    "paperWidth": 8.5,
    "paperHeight": 11,
    "marginTop": 0,
    "marginBottom": 0,
    "marginLeft": 0,
    "marginRight": 0,
    "preferCSSPageSize": True,
    "generateTaggedPDF": True,
    "generateDocumentOutline": True,
}
# What the site's files are, by extension (MkDocs writes UTF-8); anything else is sent as bytes.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
OTHER_CONTENT = "application/octet-stream"
# What a new page is told before it opens the document: report crashes and loads, pass every request here.
SETUP: list[tuple[str, Message]] = [
    ("Inspector.enable", {}),
    ("Page.enable", {}),
    ("Page.setLifecycleEventsEnabled", {"enabled": True}),
    ("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}),
]
FONTS_READY = "document.fonts.ready.then(() => true)"
# Chromium stamps the clock time; the same length of digits can be replaced without moving the xref offsets.
STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


@dataclass
class _Page:
    """The page being printed: its DevTools session, its address and document, and the loads it finished."""

    session: str
    url: str
    document: bytes
    loaded: set[str] = field(default_factory=set)


class Printer:
    """One Chromium, started once, printing documents that use the files of one built site."""

    def __init__(self, site_dir: Path, strings: Strings, chromium: Path | None = None) -> None:
        self.site_dir = site_dir.resolve()
        self.strings = strings
        self.chromium = chromium or CHROMIUM
        # Every address a printed document asked for that is neither itself nor a file of the site, in order.
        self.refused: list[str] = []
        self._browser: Chromium | None = None
        self._page: _Page | None = None

    def __enter__(self) -> Printer:
        if not self.chromium.is_file():
            raise DataError([self._problem(self.strings.error("pdf_no_chromium", path=self.chromium))])
        try:
            self._browser = Chromium(self.chromium, ARGS, self._on_event, TIMEOUT_MS / 1000)
            self._browser.call("Browser.getVersion")
        except ChromiumError as exc:
            self._close()
            raise self._failed(exc) from exc
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._close()

    def _close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None

    def pdf(self, document: str, url: str) -> bytes:
        """Print an HTML document as if it were at url in the site; paper size and margins come from its CSS."""
        assert self._browser is not None, "use Printer as a context manager"
        try:
            return self._print(self._browser, document, ORIGIN + url)
        except ChromiumError as exc:
            raise self._failed(exc) from exc

    def _print(self, browser: Chromium, document: str, url: str) -> bytes:
        """Open url in a new page, wait for it and its fonts to load, and print it."""
        # A browser context of its own, like a new private window: nothing cached from an earlier print.
        context = browser.call("Target.createBrowserContext")["browserContextId"]
        try:
            target = browser.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})
            session = browser.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
            page = self._page = _Page(session["sessionId"], url, document.encode("utf-8"))
            for method, params in SETUP:
                browser.call(method, params, page.session)
            opened = browser.call("Page.navigate", {"url": url}, page.session)
            if opened.get("errorText"):
                raise ChromiumError(f"{url}: {opened['errorText']}")
            browser.wait_until(lambda: opened["loaderId"] in page.loaded, f"load {url}")
            fonts = {"expression": FONTS_READY, "awaitPromise": True, "returnByValue": True}
            if "exceptionDetails" in browser.call("Runtime.evaluate", fonts, page.session):
                raise ChromiumError(f"{url}: {FONTS_READY} failed")
            return base64.b64decode(browser.call("Page.printToPDF", PRINT, page.session)["data"])
        finally:
            self._page = None
            with contextlib.suppress(ChromiumError):
                browser.send("Target.disposeBrowserContext", {"browserContextId": context})

    def _on_event(self, message: Message) -> None:
        """Answer the page's requests and note its loads; events of other sessions are of no interest."""
        page, params = self._page, message.get("params", {})
        if page is None or message.get("sessionId") != page.session:
            return
        if message["method"] == "Fetch.requestPaused":
            self._serve(page, params["requestId"], params["request"]["url"])
        elif message["method"] == "Page.lifecycleEvent" and params["name"] == "load":
            page.loaded.add(params["loaderId"])
        elif message["method"] == "Inspector.targetCrashed":
            raise ChromiumError(f"{page.url}: the page crashed")

    def _serve(self, page: _Page, request: str, url: str) -> None:
        """Fulfil a request with the document or a site file, or fail it."""
        assert self._browser is not None
        if url == page.url:
            body, kind = page.document, CONTENT_TYPES[".html"]
        elif (found := self._site_file(url)) is not None:
            body, kind = found.read_bytes(), CONTENT_TYPES.get(found.suffix.lower(), OTHER_CONTENT)
        else:
            self.refused.append(url)
            self._browser.send("Fetch.failRequest", {"requestId": request, "errorReason": "Failed"}, page.session)
            return
        headers = [{"name": "Content-Type", "value": kind}]
        answer = {"requestId": request, "responseCode": 200, "responseHeaders": headers}
        self._browser.send("Fetch.fulfillRequest", {**answer, "body": base64.b64encode(body).decode()}, page.session)

    def _site_file(self, url: str) -> Path | None:
        """The file of the built site that url names, or None for anything outside it."""
        if not url.startswith(ORIGIN):
            return None
        path = (self.site_dir / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")).resolve()
        return path if path.is_file() and self.site_dir in path.parents else None

    def _failed(self, error: ChromiumError) -> DataError:
        return DataError([self._problem(self.strings.error("pdf_failed", reason=error))])

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
