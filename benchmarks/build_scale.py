"""Build time, memory and size at several scales, against a bare Material build measured in the same run.

Usage: python benchmarks/build_scale.py [--counts 100 1000 10000]
Prints a Markdown table for the README. Not a test: machines here are noisy, so compare ratios.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_CONFIG = """\
site_name: bare
docs_dir: docs
theme:
  name: material
  language: th
  font: false
plugins: []
nav:
  - index.md
"""


@dataclass(frozen=True)
class Run:
    """One measured command."""

    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Row:
    """Figures for one count of partnerships."""

    count: int
    build: Run
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

    settings = Settings(datetime.date(2026, 11, 26))
    inputs = pipeline.check(pipeline.Paths(partners=partners, content=ROOT / "content"), settings)
    ref = load_refdata()
    directory = collate(inputs.records, inputs.chapters, ref, settings)
    template = make_env(ROOT / "templates" / "pages", load_strings()).get_template("stats.md.j2")
    start = time.perf_counter()
    stats = compute_stats(directory.partnerships, directory.health, directory.facets, ref.tiles)
    template.render(stats=stats, directory=directory, link=Links("stats/"), health=directory.health, settings=settings)
    return time.perf_counter() - start


def measure(args: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    wrapper = [sys.executable, "-c", _PEAK, *args]
    start = time.perf_counter()
    done = subprocess.run(wrapper, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    seconds = time.perf_counter() - start
    return Run(seconds, int(done.stdout.strip().splitlines()[-1]) / 1024)


# Runs the command as a grandchild and prints its peak RSS in KiB (ru_maxrss of children).
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def bare_site(folder: Path, count: int) -> Path:
    """A Material project with count minimal pages out of the nav: the floor to compare with."""
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    for i in range(count):
        (docs / "p" / f"{i}.md").write_text(f"# หน้า {i}\n\nข้อความ\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    return folder


def tree_size(folder: Path) -> tuple[int, int]:
    """Total bytes and the largest HTML page."""
    sizes = [(p.stat().st_size, p.suffix) for p in folder.rglob("*") if p.is_file()]
    return sum(s for s, _ in sizes), max(s for s, suffix in sizes if suffix == ".html")


def bench(count: int, work: Path) -> Row:
    """Generate count synthetic partnerships, build them, and build the bare floor."""
    py = sys.executable
    partners, site = work / "partners", work / "site"
    subprocess.run(
        [py, "-m", "generator", "sample", "--count", str(count), "--out", str(partners), "--build-date", "2026-11-26"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    build = measure(
        [
            py,
            "-m",
            "generator",
            "build",
            "--partners",
            str(partners),
            "--site-dir",
            str(site),
            "--docs-dir",
            str(work / "docs"),
            "--build-date",
            "2026-11-26",
        ],
        ROOT,
    )
    bare_dir = bare_site(work / "bare", count)
    bare = measure([py, "-m", "mkdocs", "build", "-q", "-d", str(work / "bare-site")], bare_dir)
    total, largest = tree_size(site)
    return Row(count, build, bare, total, largest, stats_cost(partners))


def table(rows: list[Row]) -> str:
    """The README table."""
    head = (
        "| partnerships | build s | bare Material s | ratio | peak MB | bare peak MB | site MB |"
        " bytes per partnership | largest page KB | stats + map s (share) |"
        "\n|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r.count:,} | {r.build.seconds:.1f} | {r.bare.seconds:.1f} | {r.build.seconds / r.bare.seconds:.2f} |"
        f" {r.build.peak_mb:.0f} | {r.bare.peak_mb:.0f} | {r.site_bytes / 1e6:.1f} |"
        f" {r.site_bytes // r.count:,} | {r.largest_page / 1024:.0f} |"
        f" {r.stats_seconds:.2f} ({r.stats_seconds / r.build.seconds:.1%}) |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def main() -> None:
    """Run the benchmark for each count and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    rows = []
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(bench(count, Path(tmp)))
            print(f"{count}: done", file=sys.stderr)
    print(table(rows))
    print(
        f"\nmeasured with: python benchmarks/build_scale.py --counts {' '.join(map(str, args.counts))}"
        f" ({os.cpu_count()} cores, max RSS via getrusage, {resource.getpagesize()} B pages)"
    )


if __name__ == "__main__":
    main()
