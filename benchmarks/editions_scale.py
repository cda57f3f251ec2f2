"""The cost of the English edition (issue #16), each comparison measured in the same run, its builds in turn.

Run by `python benchmarks/build_scale.py --editions [--counts 10000] [--runs 1]`. Two comparisons:
- the bundled data (`--no-pdf`) built with both editions against the Thai edition alone: at most 2 times;
- each count of synthetic partnerships built with both editions (`--no-pdf`) against a bare Material build of
  twice as many one-line pages out of the navigation (build_scale.bare_site): at most 1 time.
The bundled builds are cheap and run at least 3 times. The ratio of each run is taken between the builds of that
run, which share the machine's load of the moment; the table gives their median and range, in seconds of wall
time and in CPU seconds (user + system of every process waited for), which a shared machine moves far less.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_scale import ROOT, SAMPLE_DATE, Run, bare_site, measure, sample

BUNDLED_RUNS = 3


@dataclass(frozen=True)
class Pair:
    """A build and what it is held to, measured in turn in each run."""

    name: str
    build: str
    baseline: str
    # The largest ratio the issue accepts.
    target: float
    builds: list[Run]
    baselines: list[Run]

    def ratios(self, figure: Callable[[Run], float]) -> list[float]:
        """The ratio of each run: the build's figure over the baseline's of the same run."""
        return [figure(b) / figure(base) for b, base in zip(self.builds, self.baselines, strict=True)]


def editions_build(langs: tuple[str, ...], partners: Path, out: Path, build_date: str) -> list[str]:
    """The command building these editions of partners into out, without the PDF (benchmarks/build_editions.py)."""
    command = [sys.executable, str(ROOT / "benchmarks" / "build_editions.py"), *langs, "--partners", str(partners)]
    command += ["--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"), "--build-date", build_date]
    return [*command, "--no-pdf"]


def interleaved(runs: int, build: Callable[[int], Run], baseline: Callable[[int], Run]) -> tuple[list[Run], list[Run]]:
    """runs measurements of each, in turn; the order alternates so that neither always goes first."""
    builds, baselines = [], []
    for run in range(runs):
        if run % 2:
            baselines.append(baseline(run))
            builds.append(build(run))
        else:
            builds.append(build(run))
            baselines.append(baseline(run))
        mine, base = builds[-1], baselines[-1]
        print(
            f"  run {run + 1}: {mine.seconds:.1f} s against {base.seconds:.1f} s,"
            f" CPU {mine.cpu_seconds:.1f} s against {base.cpu_seconds:.1f} s",
            file=sys.stderr,
        )
    return builds, baselines


def bundled(work: Path, runs: int) -> Pair:
    """The bundled data with both editions against the Thai edition alone."""
    partners, today = ROOT / "partners", datetime.datetime.now(datetime.UTC).date().isoformat()
    builds, baselines = interleaved(
        runs,
        lambda run: measure(editions_build(("th", "en"), partners, work / f"both{run}", today), ROOT),
        lambda run: measure(editions_build(("th",), partners, work / f"th{run}", today), ROOT),
    )
    return Pair("bundled data", "th + en", "th only", 2.0, builds, baselines)


def at_scale(count: int, work: Path, runs: int) -> Pair:
    """count synthetic partnerships with both editions against a bare Material build of 2 × count pages."""
    partners = sample(count, work / "partners")
    bare = bare_site(work / "bare", 2 * count)
    bare_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d"]
    builds, baselines = interleaved(
        runs,
        lambda run: measure(editions_build(("th", "en"), partners, work / f"both{run}", SAMPLE_DATE), ROOT),
        lambda run: measure([*bare_build, str(work / f"bare-site{run}")], bare),
    )
    return Pair(f"{count:,} partnerships", "th + en", f"bare Material, {2 * count:,} pages", 1.0, builds, baselines)


def table(pairs: list[Pair]) -> str:
    """The README table: median seconds, the ratios of the runs (median, range), CPU seconds and their ratio."""
    head = (
        "| data | build | against | runs | build s (median) | against s | ratio: median (range) | target |"
        " build CPU s | against CPU s | CPU ratio: median (range) |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    return "\n".join([head, *(_row(pair) for pair in pairs)])


def _row(pair: Pair) -> str:
    figures = [f"{pair.name} | {pair.build} | {pair.baseline} | {len(pair.builds)}"]
    for figure in (_wall, _cpu):
        figures.append(f"{_median(pair.builds, figure):.1f} | {_median(pair.baselines, figure):.1f}")
        figures.append(_spread(pair.ratios(figure)))
    figures.insert(3, f"≤ {pair.target:g}")
    return f"| {' | '.join(figures)} |"


def _wall(run: Run) -> float:
    return run.seconds


def _cpu(run: Run) -> float:
    return run.cpu_seconds


def _median(runs: list[Run], figure: Callable[[Run], float]) -> float:
    return statistics.median(figure(run) for run in runs)


def _spread(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


def compare_editions(counts: list[int], runs: int) -> None:
    """Measure each comparison and print the table, the command and the machine's load before and after."""
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        print("bundled data:", file=sys.stderr)
        pairs = [bundled(Path(tmp) / "bundled", max(runs, BUNDLED_RUNS))]
    for count in counts:
        print(f"{count} partnerships:", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            pairs.append(at_scale(count, Path(tmp), runs))
    print(table(pairs))
    print(
        f"\nmeasured with: python benchmarks/build_scale.py --editions --counts {' '.join(map(str, counts))}"
        f" --runs {runs} ({os.cpu_count()} cores; load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after)"
    )
