"""Site search at scale: the query table, index size and bytes of a cold search, on bundled + synthetic data.

Usage: python benchmarks/search_scale.py [--counts 1000 10000]
For each count, builds the real site from partners/ plus that many synthetic partnerships
(generator.sample.sample_files), serves it on 127.0.0.1 and drives Debian's Chromium: every query of
tests/fixtures/search_queries.yaml must find its page in the top 5, and a cold load of search/?q=เชียงใหม่
is measured through the network events. Prints a Markdown table for the README; exits 1 when a query fails.
Not a test: it takes minutes at 10,000.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Request, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from searching import ask, found, launch, load_queries, open_search, serve  # noqa: E402

from generator.refdata import load_refdata  # noqa: E402
from generator.sample import sample_files  # noqa: E402

BUILD_DATE = datetime.date(2026, 11, 26)
COLD_QUERY = "เชียงใหม่"


@dataclass(frozen=True)
class Row:
    """Figures for one count of synthetic partnerships."""

    count: int
    build_seconds: float
    pages: int
    index_bytes: int
    bundle_bytes: int
    page_bytes: int
    search_bytes: int
    passed: int
    failures: tuple[str, ...]


def build_site(count: int, work: Path) -> tuple[Path, float]:
    """The bundled partner files plus count synthetic ones, built into work/site; returns it and the seconds."""
    partners = work / "partners"
    shutil.copytree(ROOT / "partners", partners)
    for rel, text in sample_files(count, 1, BUILD_DATE, load_refdata()).items():
        path = partners / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "--no-pdf", "--partners", str(partners)]
    command += ["--site-dir", str(work / "site"), "--docs-dir", str(work / "docs")]
    command += ["--build-date", BUILD_DATE.isoformat()]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return work / "site", time.perf_counter() - start


def index_sizes(bundle: Path) -> tuple[int, int]:
    """Bytes of the index proper (meta, word chunks, fragments) and of the whole bundle folder."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    index = sum(p.stat().st_size for p in files if p.suffix in (".pf_meta", ".pf_index", ".pf_fragment"))
    return index, sum(p.stat().st_size for p in files)


def cold_search(browser: Browser, base_url: str) -> tuple[int, int]:
    """Bytes received for a cold search/?q=… until its results are listed: everything, and Pagefind's share.

    Counted from the context's network events, which include the requests of Pagefind's web worker.
    """
    context = browser.new_context()
    page = context.new_page()
    received: list[tuple[str, int]] = []

    def finished(request: Request) -> None:
        sizes = request.sizes()
        received.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))

    context.on("requestfinished", finished)
    open_search(page, base_url, COLD_QUERY)
    page.wait_for_load_state("networkidle")
    context.close()
    outside = [url for url, _ in received if not url.startswith((base_url, "data:"))]
    assert not outside, f"requests left the site: {outside}"
    pagefind = sum(size for url, size in received if url.startswith(base_url + "pagefind/"))
    return sum(size for _, size in received), pagefind


def run_table(browser: Browser, base_url: str) -> tuple[int, tuple[str, ...]]:
    """Type every query into the search page; the number found in the top 5 and the failures."""
    page = browser.new_page()
    open_search(page, base_url, "")
    failures = []
    queries = load_queries()
    for query in queries:
        hits = ask(page, query.q)
        if not found(query, hits):
            failures.append(f"{query.q} → {[hit.url.removeprefix(base_url) for hit in hits[:5]]}")
    page.close()
    return len(queries) - len(failures), tuple(failures)


def bench(count: int, browser: Browser) -> Row:
    """Build, measure and query one scale."""
    with tempfile.TemporaryDirectory() as tmp:
        site, seconds = build_site(count, Path(tmp))
        pages = sum(1 for _ in site.rglob("index.html"))
        index, bundle = index_sizes(site / "pagefind")
        with serve(site) as base_url:
            total, pagefind = cold_search(browser, base_url)
            passed, failures = run_table(browser, base_url)
    return Row(count, seconds, pages, index, bundle, total, pagefind, passed, failures)


def table(rows: list[Row], queries: int) -> str:
    """The README table."""
    head = (
        "| synthetic partnerships | build s | HTML pages | index MB (bundle MB) | cold search page + first query KB"
        " (of which Pagefind) | queries found in top 5 |\n|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r.count:,} | {r.build_seconds:.0f} | {r.pages:,} | {r.index_bytes / 1e6:.1f} ({r.bundle_bytes / 1e6:.1f})"
        f" | {r.page_bytes / 1024:,.0f} ({r.search_bytes / 1024:,.0f}) | {r.passed} of {queries} |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def main() -> int:
    """Run each scale, print the table and any failed query."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    rows = []
    with sync_playwright() as p:
        browser = launch(p)
        for count in args.counts:
            rows.append(bench(count, browser))
            print(f"{count}: done", file=sys.stderr)
        browser.close()
    print(table(rows, len(load_queries())))
    print(
        f"\nmeasured with: python benchmarks/search_scale.py --counts {' '.join(map(str, args.counts))}"
        f" ({os.cpu_count()} cores; {COLD_QUERY!r} cold, cache off, plain http.server without compression)"
    )
    for row in rows:
        for failure in row.failures:
            print(f"FAILED at {row.count:,}: {failure}")
    return 1 if any(row.failures for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
