"""Build time, memory and size at several scales, against a bare Material build measured in the same run.

Usage: python benchmarks/build_scale.py [--counts 100 1000 10000] [--runs 3]
       python benchmarks/build_scale.py --editions [--counts 10000] [--runs 1]
Prints a Markdown table for the README. Not a test: machines here are noisy, so compare ratios.
With --editions: the cost of the English edition (issue #16), measured in the same run: the bundled data built
with both editions against the Thai edition alone, and each count of synthetic partnerships built with both
editions against a bare Material build of twice as many one-line pages.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build date of the synthetic partnerships: the same in every run, so that every run builds the same site.
SAMPLE_DATE = "2026-11-26"
# Material's defaults, its built-in search included: a Material site with search, which is what the site is
# (its search is Pagefind instead). The hardening issue's "bare build measured 27 s" is this configuration.
BARE_CONFIG = """\
site_name: bare
docs_dir: docs
theme:
  name: material
  language: th
  font: false
nav:
  - index.md
"""


@dataclass(frozen=True)
class Run:
    """One measured command."""

    seconds: float
    peak_mb: float
    # User + system CPU seconds of the command and the processes it waited for (not Chromium's renderer).
    cpu_seconds: float
    # Peak resident MB of each program the command ran (python, pagefind_extended, chromium, node…).
    programs: dict[str, float]


@dataclass(frozen=True)
class Row:
    """Figures for one count of partnerships."""

    count: int
    build: Run
    # The same build again after one partner file changed: the everyday case of a province's edit.
    rebuild: Run
    bare: Run
    site_bytes: int
    largest_page: int
    stats_seconds: float


def stats_cost(partners: Path) -> float:
    """Seconds spent on the statistics page and map: computing the counts and rendering the page."""
    sys.path.insert(0, str(ROOT))
    from generator import build as pipeline
    from generator.collate import collate
    from generator.monitor import Settings
    from generator.refdata import load_refdata
    from generator.render import Links, make_env
    from generator.stats import compute_stats
    from generator.strings import load_strings

    settings = Settings(datetime.date.fromisoformat(SAMPLE_DATE))
    inputs = pipeline.check(pipeline.Paths(partners=partners, content=ROOT / "content"), settings)
    ref = load_refdata()
    directory = collate(inputs.records, inputs.chapters, ref, settings)
    template = make_env(ROOT / "templates" / "pages", load_strings()).get_template("stats.md.j2")
    start = time.perf_counter()
    stats = compute_stats(directory.partnerships, directory.health, directory.facets, ref.tiles)
    template.render(stats=stats, directory=directory, link=Links("stats/"), health=directory.health, settings=settings)
    return time.perf_counter() - start


def measure(args: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of a command and of each program it starts (benchmarks/peak.py)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "peak.py"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(figures["seconds"], figures["peak_mb"], figures["cpu_seconds"], figures["programs"])


def bare_site(folder: Path, count: int) -> Path:
    """A Material project with count minimal pages out of the nav: the floor to compare with."""
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    for i in range(count):
        (docs / "p" / f"{i}.md").write_text(f"# หน้า {i}\n\nข้อความ\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    return folder


def sample(count: int, partners: Path) -> Path:
    """count synthetic partnerships written into partners (`generator sample`), valid on SAMPLE_DATE."""
    command = [sys.executable, "-m", "generator", "sample", "--count", str(count), "--out", str(partners)]
    subprocess.run(
        [*command, "--build-date", SAMPLE_DATE],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    return partners


def tree_size(folder: Path) -> tuple[int, int]:
    """Total bytes and the largest HTML page."""
    sizes = [(p.stat().st_size, p.suffix) for p in folder.rglob("*") if p.is_file()]
    return sum(s for s, _ in sizes), max(s for s, suffix in sizes if suffix == ".html")


def bench(count: int, work: Path, runs: int) -> Row:
    """Generate count synthetic partnerships; runs times, in turn: build them from nothing, rebuild after one
    edit, and build the bare floor. Each figure is the run with the median time (noise hits all three alike)."""
    py = sys.executable
    partners = sample(count, work / "partners")
    bare_dir = bare_site(work / "bare", count)
    builds, rebuilds, bares = [], [], []
    for run in range(runs):
        out = work / f"run{run}"
        command = [py, "-m", "generator", "build", "--partners", str(partners), "--site-dir", str(out / "site")]
        command += ["--docs-dir", str(out / "docs"), "--build-date", SAMPLE_DATE]
        builds.append(measure(command, ROOT))
        edited = min(partners.rglob("*.yml"))
        edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        rebuilds.append(measure(command, ROOT))
        bares.append(measure([py, "-m", "mkdocs", "build", "-q", "-d", str(out / "bare-site")], bare_dir))
    total, largest = tree_size(work / "run0" / "site")
    return Row(count, median(builds), median(rebuilds), median(bares), total, largest, stats_cost(partners))


def median(runs: list[Run]) -> Run:
    """The run with the median time."""
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


# By the start of the name Linux keeps (15 characters): chromium-headless-shell is "chromium-headle".
PROGRAMS = {"python": "Python", "pagefind_extend": "Pagefind", "chromium": "Chromium"}


def table(rows: list[Row]) -> str:
    """The README tables: time and memory, then size."""
    head = (
        "| partnerships | build s | bare Material s | ratio | rebuild after one edit s (ratio) |"
        " peak MB (largest process) | bare peak MB | ratio | rebuild peak MB (ratio) | build peak MB by program |"
        " build CPU s | bare CPU s | ratio |"
        "\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r.count:,} | {r.build.seconds:.1f} | {r.bare.seconds:.1f} | {r.build.seconds / r.bare.seconds:.2f} |"
        f" {r.rebuild.seconds:.1f} ({r.rebuild.seconds / r.bare.seconds:.2f}) | {r.build.peak_mb:.0f} |"
        f" {r.bare.peak_mb:.0f} | {r.build.peak_mb / r.bare.peak_mb:.2f} |"
        f" {r.rebuild.peak_mb:.0f} ({r.rebuild.peak_mb / r.bare.peak_mb:.2f}) | {programs(r.build)} |"
        f" {r.build.cpu_seconds:.1f} | {r.bare.cpu_seconds:.1f} | {r.build.cpu_seconds / r.bare.cpu_seconds:.2f} |"
        for r in rows
    ]
    size_head = (
        "| partnerships | site MB | bytes per partnership | largest page KB | stats + map s (share of build) |"
        "\n|---|---|---|---|---|"
    )
    size_lines = [
        f"| {r.count:,} | {r.site_bytes / 1e6:.1f} | {r.site_bytes // r.count:,} | {r.largest_page / 1024:.0f} |"
        f" {r.stats_seconds:.2f} ({r.stats_seconds / r.build.seconds:.1%}) |"
        for r in rows
    ]
    return "\n".join([head, *lines, "", size_head, *size_lines])


def programs(run: Run) -> str:
    """Each program's sampled peak, largest first, e.g. "Chromium 233, Python 140"."""
    named: dict[str, float] = {}
    for name, mb in run.programs.items():
        label = next((label for prefix, label in PROGRAMS.items() if name.startswith(prefix)), None)
        if label:
            named[label] = max(named.get(label, 0.0), mb)
    return ", ".join(f"{label} {mb:.0f}" for label, mb in sorted(named.items(), key=lambda item: -item[1]))


def main() -> None:
    """Run the benchmark for each count and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=None, help="default 100 1000 (10000 with --editions)")
    parser.add_argument("--runs", type=int, default=1, help="measure each build this many times (median)")
    parser.add_argument("--editions", action="store_true", help="both editions against Thai only and a bare build")
    args = parser.parse_args()
    if args.editions:
        from editions_scale import compare_editions

        compare_editions(args.counts or [10000], args.runs)
        return
    args.counts = args.counts or [100, 1000]
    rows = []
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(bench(count, Path(tmp), args.runs))
            print(f"{count}: done", file=sys.stderr)
    print(table(rows))
    print(
        f"\nmeasured with: python benchmarks/build_scale.py --counts {' '.join(map(str, args.counts))}"
        f" --runs {args.runs}"
        f" ({os.cpu_count()} cores, max RSS via getrusage, {resource.getpagesize()} B pages)"
    )


if __name__ == "__main__":
    main()
