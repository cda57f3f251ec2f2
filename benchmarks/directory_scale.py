"""Size of the directory filter's data, the bytes of a cold load until the first rows, and the filter's latency in
Chromium, at several scales of synthetic partnerships.

Usage: python benchmarks/directory_scale.py [--counts 1000 10000] [--runs 5]
Builds a real site from generator.sample.sample_files, serves it on 127.0.0.1 and drives Debian's Chromium,
also with 4x CPU throttling (CDP Emulation.setCPUThrottlingRate) to approximate a mid-range phone.
Prints Markdown tables for the README. Not a test: figures vary from run to run.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.refdata import load_refdata  # noqa: E402
from generator.sample import sample_files  # noqa: E402

BUILD_DATE = datetime.date(2026, 11, 26)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# What a citizen might type: a province, a Thai partner name, an English name, a country, one Latin letter.
QUERIES = ("เชียง", "คุนหมิง", "Kunming", "ญี่ปุ่น", "a")
SELECTS = (("#sc-country", "JP"), ("#sc-status", "active"), ("#sc-region", "north"))
# (label, CPU throttling rate, window): a phone-sized window gets the card layout of the results.
DESKTOP: ViewportSize = {"width": 1280, "height": 720}
PHONE: ViewportSize = {"width": 400, "height": 800}
PROFILES = (("desktop 1280×720", 1, DESKTOP), ("phone 400×800", 1, PHONE), ("phone 400×800, CPU 4× slower", 4, PHONE))

# Types into the box (or picks an option) and resolves once the new rows have been drawn: directory.js rewrites
# the count and the rows in one task, so the first mutation of the count marks the rows as replaced, and a
# timeout queued from the next animation frame runs after that frame's style, layout and paint.
MEASURE = """([selector, value]) => new Promise((resolve) => {
  const control = document.querySelector(selector);
  const count = document.querySelector(".sc-count");
  let start = 0;
  const observer = new MutationObserver(() => {
    observer.disconnect();
    const work = performance.getEntriesByName("sc-filter").pop().duration;
    requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - start, work])));
  });
  observer.observe(count, { childList: true, characterData: true, subtree: true });
  control.value = value;
  start = performance.now();
  control.dispatchEvent(new Event("input", { bubbles: true }));
})"""
FIRST_ROWS = """() => { const m = performance.getEntriesByName("sc-filter")[0]; return m.startTime + m.duration; }"""


@dataclass(frozen=True)
class Latency:
    """Medians in milliseconds for one scale and one profile (window size and CPU throttling)."""

    profile: str
    first_rows: float
    typing: float
    typing_work: float
    select: float


@dataclass(frozen=True)
class Row:
    """Figures for one count of partnerships."""

    count: int
    data_bytes: int
    gzip_bytes: int
    cold_bytes: int
    cold_data_bytes: int
    cold_data_files: int
    latencies: tuple[Latency, ...]


def build_site(count: int, work: Path) -> Path:
    """Write count synthetic partnerships and build the real site from them."""
    partners = work / "partners"
    for rel, text in sample_files(count, 1, BUILD_DATE, load_refdata()).items():
        path = partners / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "--partners", str(partners), "--no-pdf"]
    command += ["--site-dir", str(work / "site"), "--docs-dir", str(work / "docs"), "--build-date", str(BUILD_DATE)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return work / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the site on a free local port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def latency(browser: Browser, url: str, profile: tuple[str, int, ViewportSize], runs: int) -> Latency:
    """Medians of page load to first rows, a keystroke to rows, and an option change to rows."""
    label, throttle, window = profile
    context = browser.new_context(viewport=window)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    first = []
    for _ in range(runs):
        page.goto(url + "directory/")
        page.wait_for_function("performance.getEntriesByName('sc-filter').length > 0")
        first.append(page.evaluate(FIRST_ROWS))
    typing = [measure(page, "#sc-q", q) for _ in range(runs) for q in QUERIES]
    selects = [measure(page, s, v) for _ in range(runs) for s, v in SELECTS]
    context.close()
    return Latency(
        label,
        statistics.median(first),
        statistics.median(t for t, _ in typing),
        statistics.median(w for _, w in typing),
        statistics.median(t for t, _ in selects),
    )


def measure(page: Page, selector: str, value: str) -> tuple[float, float]:
    """Time from an input event to rows updated, and the filter's own time; then back to no filter."""
    total, work = page.evaluate(MEASURE, [selector, value])
    page.evaluate(MEASURE, [selector, ""])
    return total, work


def cold_first_rows(browser: Browser, url: str) -> tuple[int, int, int]:
    """Bytes received by a cold directory/ (no cache) until its first rows are drawn: everything, the partnership
    data's share (directory/data/) and its number of files."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    received: list[tuple[str, int]] = []
    context.on(
        "requestfinished",
        lambda r: received.append((r.url, r.sizes()["responseHeadersSize"] + r.sizes()["responseBodySize"])),
    )
    page.goto(url + "directory/")
    page.wait_for_function("performance.getEntriesByName('sc-filter').length > 0")
    page.wait_for_load_state("networkidle")
    context.close()
    data = [size for address, size in received if address.startswith(url + "directory/data/")]
    return sum(size for _, size in received), sum(data), len(data)


def bench(count: int, runs: int, browser: Browser) -> Row:
    """Build count partnerships, measure the data, a cold load and the filter at each throttling rate."""
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(count, Path(tmp))
        files = [path.read_bytes() for path in (site / "directory" / "data").iterdir()]
        with serve(site) as url:
            cold = cold_first_rows(browser, url)
            latencies = tuple(latency(browser, url, profile, runs) for profile in PROFILES)
    return Row(count, sum(map(len, files)), sum(len(gzip.compress(data, 6)) for data in files), *cold, latencies)


def tables(rows: list[Row]) -> str:
    """The README tables."""
    size = [
        "| partnerships | directory/data/ KB (gzip -6 KB)"
        " | cold directory/ to first rows KB (partnership data in files) |",
        "|---|---|---|",
    ]
    size += [
        f"| {r.count:,} | {r.data_bytes / 1024:,.0f} ({r.gzip_bytes / 1024:,.0f})"
        f" | {r.cold_bytes / 1024:,.0f} ({r.cold_data_bytes / 1024:,.0f} in {r.cold_data_files}) |"
        for r in rows
    ]
    speed = [
        "| partnerships | browser | page load → first rows ms | keystroke → rows drawn ms | of which filter + DOM ms"
        " | option change → rows drawn ms |",
        "|---|---|---|---|---|---|",
    ]
    speed += [
        f"| {r.count:,} | {x.profile} | {x.first_rows:.0f} | {x.typing:.0f} | {x.typing_work:.1f} | {x.select:.1f} |"
        for r in rows
        for x in r.latencies
    ]
    return "\n".join([*size, "", *speed])


def main() -> None:
    """Run the benchmark for each count and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for count in args.counts:
            rows.append(bench(count, args.runs, browser))
            print(f"{count}: done", file=sys.stderr)
        browser.close()
    print(tables(rows))
    print(
        f"\nmeasured with: python benchmarks/directory_scale.py --counts {' '.join(map(str, args.counts))}"
        f" --runs {args.runs} ({os.cpu_count()} cores; medians; keystroke times include the 100 ms debounce)"
    )


if __name__ == "__main__":
    main()
