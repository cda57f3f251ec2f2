"""Site search at scale: the query table, the search step's cost, index size and bytes of a cold search.

Usage: python benchmarks/search_scale.py [--counts 1000 10000]
For each count, builds the real site from partners/ plus that many synthetic partnerships
(generator.sample.sample_files), serves it on 127.0.0.1 and drives Debian's Chromium: every query of
tests/fixtures/search_queries.yaml must find its page in the top 5 (pages from Pagefind, partnerships from the
pieces of directory/data/), and a cold load of search/?q=เชียงใหม่ is measured through the network events (bytes
as served without compression, and each body's gzip -6 size as a compressing host would send it). The
build's two search steps (the worker coding the extra words, then Pagefind) run under GNU time, which gives
each one's seconds and peak memory. Prints a Markdown table for the README; exits 1 when a query fails.
Not a test: it takes minutes at 10,000.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
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

# Today: the bundled partner files record events up to today, and the build refuses later dates.
BUILD_DATE = datetime.date.today()
COLD_QUERY = "เชียงใหม่"
DATA_DIR = "directory/data/"
# Runs `python -m generator ARGS` with each search step under GNU time (appending "step seconds KB" to the
# file in argv[1]), then prints the build process's own peak memory in KB.
BOOTSTRAP = """
import resource, sys
from generator import search
from generator.cli import main

run = search._run

def timed(command, env, site_dir, strings):
    step = "words" if command[1:3] == ["-m", "generator.search_terms"] else "pagefind"
    return run(["/usr/bin/time", "-a", "-o", sys.argv[1], "-f", step + " %e %M", *command], env, site_dir, strings)

search._run = timed
code = main(sys.argv[2:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


@dataclass(frozen=True)
class Steps:
    """Seconds and peak memory (KB) of the build process and of each search step."""

    build_seconds: float
    build_kb: int
    words: tuple[float, int]
    pagefind: tuple[float, int]


@dataclass(frozen=True)
class Cold:
    """Bytes received for a cold search: everything, Pagefind's share, the partnership data's share, the number of
    partnership data files, and everything again with each body gzipped."""

    total: int
    pagefind: int
    data: int
    data_files: int
    gzipped: int


@dataclass(frozen=True)
class Row:
    """Figures for one count of synthetic partnerships."""

    count: int
    steps: Steps
    pages: int
    indexed: int
    index_bytes: int
    bundle_bytes: int
    cold: Cold
    passed: int
    failures: tuple[str, ...]


def build_site(count: int, work: Path) -> tuple[Path, Steps]:
    """The bundled partner files plus count synthetic ones, built into work/site; returns it and its figures."""
    partners = work / "partners"
    shutil.copytree(ROOT / "partners", partners)
    for rel, text in sample_files(count, 1, BUILD_DATE, load_refdata()).items():
        path = partners / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    timings = work / "steps.txt"
    command = [sys.executable, "-c", BOOTSTRAP, str(timings), "build", "--no-pdf", "--partners", str(partners)]
    command += ["--site-dir", str(work / "site"), "--docs-dir", str(work / "docs")]
    command += ["--build-date", BUILD_DATE.isoformat()]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    # GNU time's lines, the last of each step (a "Command exited" line would only come with a failure).
    steps = {step: (float(s), int(kb)) for step, s, kb in (line.split() for line in timings.read_text().splitlines())}
    build_kb = int(result.stdout.split()[-1])
    return work / "site", Steps(seconds, build_kb, steps["words"], steps["pagefind"])


def index_sizes(bundle: Path) -> tuple[int, int]:
    """Bytes of the index proper (meta, word chunks, fragments) and of the whole bundle folder."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    index = sum(p.stat().st_size for p in files if p.suffix in (".pf_meta", ".pf_index", ".pf_fragment"))
    return index, sum(p.stat().st_size for p in files)


def cold_search(browser: Browser, base_url: str) -> Cold:
    """Bytes received for a cold search/?q=… until its results are listed (see Cold).

    Counted from the context's network events, which include the requests of Pagefind's web worker.
    """
    context = browser.new_context()
    page = context.new_page()
    received: list[tuple[str, int, int]] = []

    def finished(request: Request) -> None:
        sizes = request.sizes()
        response = request.response()
        body = response.body() if response else b""
        # Already compressed bodies (fonts, WebAssembly, Pagefind's gzipped chunks) are sent as they are.
        gzipped = min(len(body), len(gzip.compress(body, 6)))
        received.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"], gzipped))

    context.on("requestfinished", finished)
    open_search(page, base_url, COLD_QUERY)
    page.wait_for_load_state("networkidle")
    context.close()
    outside = [url for url, _, _ in received if not url.startswith((base_url, "data:"))]
    assert not outside, f"requests left the site: {outside}"
    data = [size for url, size, _ in received if url.startswith(base_url + DATA_DIR)]
    return Cold(
        total=sum(size for _, size, _ in received),
        pagefind=sum(size for url, size, _ in received if url.startswith(base_url + "pagefind/")),
        data=sum(data),
        data_files=len(data),
        gzipped=sum(size for _, _, size in received),
    )


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
        site, steps = build_site(count, Path(tmp))
        pages = sum(1 for _ in site.rglob("index.html"))
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in entry["languages"].values())
        index, bundle = index_sizes(site / "pagefind")
        with serve(site) as base_url:
            cold = cold_search(browser, base_url)
            passed, failures = run_table(browser, base_url)
    return Row(count, steps, pages, indexed, index, bundle, cold, passed, failures)


def table(rows: list[Row], queries: int) -> str:
    """The README table."""
    head = (
        "| synthetic partnerships | build s (peak MB) | HTML pages (indexed by Pagefind) | extra words s (peak MB)"
        " | Pagefind s (peak MB) | index MB (bundle MB)"
        " | cold search page + first query KB (Pagefind; partnership data in files) | the same with gzip KB"
        " | queries found in top 5 |\n|---|---|---|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r.count:,} | {r.steps.build_seconds:.0f} ({r.steps.build_kb / 1024:.0f}) | {r.pages:,} ({r.indexed:,})"
        f" | {_step(r.steps.words)} | {_step(r.steps.pagefind)}"
        f" | {r.index_bytes / 1e6:.1f} ({r.bundle_bytes / 1e6:.1f})"
        f" | {r.cold.total / 1024:,.0f} ({r.cold.pagefind / 1024:,.0f};"
        f" {r.cold.data / 1024:,.0f} in {r.cold.data_files})"
        f" | {r.cold.gzipped / 1024:,.0f}"
        f" | {r.passed} of {queries} |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def _step(figures: tuple[float, int]) -> str:
    seconds, kb = figures
    return f"{seconds:.1f} ({kb / 1024:.0f})"


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
