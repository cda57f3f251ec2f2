"""Run a command and report its wall time and memory: the peak of its largest process and each program's.

Usage: python benchmarks/peak.py COMMAND...   Prints one JSON line on stdout; the command's output is dropped.
The per-program peaks come from sampling /proc every SAMPLE_SECONDS, so a process shorter than that may be
missed; the overall peak is the larger of the kernel's (getrusage of the waited-for children, exact) and the
sampled ones.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")


def descendants(root: int) -> list[int]:
    """The process ids below root, from the parent ids in /proc, and the members of their process groups.

    Chromium leads a process group of its own; a renderer whose parent helper ended is adopted by init but
    stays in that group.
    """
    parents: dict[int, list[int]] = {}
    groups: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
            groups.setdefault(int(fields[2]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        pid = todo.pop()
        for other in [*parents.get(pid, []), *groups.get(pid, [])]:
            if other not in found and other != root:
                found.add(other)
                todo.append(other)
    return sorted(found)


def sample(pids: list[int], peaks: dict[str, float]) -> None:
    """Record each process's resident memory (MB) under its program name."""
    for pid in pids:
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20
        except OSError:
            continue
        peaks[name] = max(peaks.get(name, 0.0), resident)


def main() -> None:
    """Run sys.argv[1:] and print {"seconds", "cpu_seconds", "peak_mb", "programs"}."""
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[str, float] = {}
    while child.poll() is None:
        sample([child.pid, *descendants(child.pid)], peaks)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode != 0:
        sys.exit(f"{' '.join(sys.argv[1:])} failed:\n{errors}")
    # The kernel's figure misses processes that were not waited for by their parent: Chromium's renderer is
    # forked by a helper that ends first, so it is adopted by init. The sampled peaks include it.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = max(usage.ru_maxrss / 1024, *peaks.values(), 0.0)
    # CPU seconds (user + system) of the command and of every process it waited for: on a shared machine they
    # move far less with the load than the seconds do. Processes adopted by init (Chromium's renderer) are missed.
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "programs": peaks}))


if __name__ == "__main__":
    main()
