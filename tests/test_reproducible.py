"""Reproducible and atomic builds through the real command line.

Two builds of the same inputs for the same build date are byte-identical, whatever the clock says; a build
killed while MkDocs runs leaves the previous site as it was, and the next build succeeds and clears what the
killed one left behind.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, write
from sites import FIXTURE

from generator import write as write_module
from generator.cli import today
from generator.write import exchange, publish, remove_leftovers

# Two different "now"s for MkDocs: without the build date passed on, its dates would follow these.
CLOCKS = ("1798761600", "1830297600")  # 2027-01-01 and 2028-01-01, UTC


def cli(*args: str | Path, clock: str | None = None, build_date: datetime.date = TODAY) -> subprocess.Popen[str]:
    """Start `python -m generator ARGS --build-date BUILD_DATE` from the repository root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SOURCE_DATE_EPOCH", None)
    if clock is not None:
        env["SOURCE_DATE_EPOCH"] = clock
    command = [sys.executable, "-m", "generator", *map(str, args), "--build-date", build_date.isoformat()]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], timeout: float = 300) -> None:
    """Wait for a command and require success."""
    _, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, stderr[-3000:]


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_on_different_days_are_byte_identical(tmp_path: Path) -> None:
    # The bundled data, built for the real today: any valid contribution, one dated today included, builds.
    built_for = today()
    builds = [
        cli(
            "build",
            "--site-dir",
            tmp_path / f"site{n}",
            "--docs-dir",
            tmp_path / f"docs{n}",
            clock=clock,
            build_date=built_for,
        )
        for n, clock in enumerate(CLOCKS)
    ]
    for process in builds:
        finish(process)
    first, second = digest(tmp_path / "site0"), digest(tmp_path / "site1")
    assert len(first) > 500
    assert "downloads/handbook-th.pdf" in first
    assert [path for path in first if first[path] != second.get(path)] == []
    assert first == second
    with gzip.open(tmp_path / "site0" / "sitemap.xml.gz") as stream:
        stream.read()
        mtime = stream.mtime
    assert mtime == int(datetime.datetime.combine(built_for, datetime.time(), datetime.UTC).timestamp())


def _staging(site: Path) -> list[Path]:
    return sorted(site.parent.glob(f".{site.name}.new-*"))


def test_a_killed_build_leaves_the_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    small = write(tmp_path / "small", dict(FIXTURE))
    site, docs = tmp_path / "out" / "site", tmp_path / "docs"
    finish(cli("build", "--partners", small, "--site-dir", site, "--docs-dir", docs, "--no-pdf"))
    before = digest(site)
    big = tmp_path / "big"
    finish(cli("sample", "--count", "400", "--out", big))
    killed = cli("build", "--partners", big, "--site-dir", site, "--docs-dir", tmp_path / "docs-big", "--no-pdf")
    deadline = time.monotonic() + 120
    while not any((staging / "assets").exists() for staging in _staging(site)):
        assert killed.poll() is None and time.monotonic() < deadline, "the build ended before MkDocs wrote"
        time.sleep(0.05)
    time.sleep(0.5)  # MkDocs is writing pages now
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    assert digest(site) == before
    # Its staging folder, and the English edition's beside it when MkDocs had started on it: the killed build's.
    left = _staging(site)
    assert left[0].name.startswith(f".site.new-{killed.pid}-")
    assert [p.name for p in left[1:]] in ([], [left[0].name + "-en"])
    # A build killed between its two renames, by the old naming: an old site beside the current one.
    legacy = site.parent / f".site.old-{killed.pid}"
    (legacy / "site").mkdir(parents=True)
    finish(cli("build", "--partners", small, "--site-dir", site, "--docs-dir", docs, "--no-pdf"))
    assert digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_only_leftovers_of_ended_builds_are_removed(tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead, alive = int(ended.stdout), os.getppid()
    site = tmp_path / "site"
    names = [f".site.new-{dead}-x1", f".site.old-{dead}-x2", f".site.new-{alive}-x3", f".site.old-{dead}"]
    for name in [*names, ".site.new-abc", ".other.new-1-x"]:
        (tmp_path / name).mkdir()
    (tmp_path / f".site.old-{dead}-x2" / "site").mkdir()
    # With no site, an old site is the only copy: it is kept.
    assert [p.name for p in remove_leftovers(site)] == [f".site.new-{dead}-x1"]
    site.mkdir()
    assert [p.name for p in remove_leftovers(site)] == [f".site.old-{dead}", f".site.old-{dead}-x2"]
    remaining = sorted(p.name for p in tmp_path.iterdir())
    assert remaining == [".other.new-1-x", f".site.new-{alive}-x3", ".site.new-abc", "site"]


def test_leftovers_of_this_process_are_kept(tmp_path: Path) -> None:
    (tmp_path / f".site.new-{os.getpid()}-x").mkdir()
    assert remove_leftovers(tmp_path / "site") == []


def folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def test_publishing_swaps_the_two_folders_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = folder(tmp_path / "site", {"index.html": "old", "gone.html": "old only"})
    new = folder(tmp_path / ".site.new-1-x", {"index.html": "new"})

    def no_rename(self: Path, target: Path) -> Path:
        raise AssertionError(f"{self} renamed away: the site would be missing for a moment")

    monkeypatch.setattr(Path, "rename", no_rename)
    publish(new, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "new"


def test_exchange_swaps_two_names_and_reports_a_real_failure(tmp_path: Path) -> None:
    first = folder(tmp_path / "a", {"f": "a"})
    second = folder(tmp_path / "b", {"f": "b"})
    assert exchange(first, second)
    assert (first / "f").read_text() == "b" and (second / "f").read_text() == "a"
    with pytest.raises(FileNotFoundError):
        exchange(first, tmp_path / "missing")


def test_publishing_without_an_exchange_falls_back_to_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = folder(tmp_path / "site", {"index.html": "old"})
    new = folder(tmp_path / ".site.new-1-x", {"index.html": "new"})
    monkeypatch.setattr(write_module, "exchange", lambda first, second: False)
    publish(new, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text() == "new"
