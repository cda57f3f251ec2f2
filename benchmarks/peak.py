"""Run a command and report its wall time and memory: the kernel's peak (largest process) and each program's.

Usage: python benchmarks/peak.py COMMAND...   Prints one JSON line on stdout; the command's output is dropped.
The per-program peaks come from sampling /proc every SAMPLE_SECONDS, so a process shorter than that may be
missed; the overall peak (getrusage of the children) is exact.
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
    """The process ids below root, from the parent ids in /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        children = parents.get(todo.pop(), [])
        found.extend(children)
        todo.extend(children)
    return found


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
    """Run sys.argv[1:] and print {"seconds", "peak_mb", "programs"}."""
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
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "programs": peaks}))


if __name__ == "__main__":
    main()
