"""The build's forked half: results, errors and stray processes, and the same output as one process."""

from __future__ import annotations

import datetime
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from sites import FIXTURE, paths_for

from generator import build as pipeline
from generator import engine, parallel
from generator.errors import DataError, Problem
from generator.parallel import Beside
from generator.strings import Strings
from generator.write import sync_tree


def test_the_work_runs_in_another_process_and_its_value_comes_back() -> None:
    with Beside(lambda: (os.getpid(), ["ก", 1, None])) as other:
        pid, value = other.result()
    assert pid != os.getpid()
    assert value == ["ก", 1, None]


def test_problems_found_in_the_child_are_raised_here_whole() -> None:
    problems = [Problem("partners/a.yml", 3, "status", "ค่าไม่ถูกต้อง"), Problem("partners/b.yml", 1, "id", "ซ้ำ")]

    def fail() -> None:
        raise DataError(problems)

    with Beside(fail) as other, pytest.raises(DataError) as caught:
        other.result()
    assert caught.value.problems == sorted(problems)


def test_a_bug_in_the_child_keeps_its_traceback() -> None:
    def broken_stage() -> int:
        counts: dict[str, int] = {}
        return counts["missing"]

    with Beside(broken_stage) as other, pytest.raises(KeyError) as caught:
        other.result()
    notes = "".join(getattr(caught.value, "__notes__", []))
    assert "broken_stage" in notes and "Traceback" in notes


def test_a_child_killed_before_answering_is_an_error_not_a_hang() -> None:
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with Beside(die) as other, pytest.raises(RuntimeError, match="without a result"):
        other.result()


def test_leaving_the_block_stops_a_child_whose_result_was_not_taken(tmp_path: Path) -> None:
    marker = tmp_path / "pid"

    def linger() -> None:
        marker.write_text(str(os.getpid()))
        time.sleep(60)

    start = time.monotonic()
    with Beside(linger):
        while not marker.exists():
            time.sleep(0.01)
    assert time.monotonic() - start < 10
    assert not Path(f"/proc/{marker.read_text()}").exists()  # stopped and reaped: not even a zombie


def test_no_pipe_is_left_open() -> None:
    before = sorted(os.listdir("/proc/self/fd"))
    with Beside(os.getpid) as taken:
        taken.result()
    with Beside(os.getpid):
        pass
    assert sorted(os.listdir("/proc/self/fd")) == before


def test_with_another_thread_running_the_work_stays_in_this_process() -> None:
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        assert not parallel.can_fork()
        with Beside(os.getpid) as other:
            assert other.result() == os.getpid()
    finally:
        stop.set()
        watcher.join()


def test_sync_tree_writes_the_second_stream_from_the_forked_process(tmp_path: Path) -> None:
    def stream(name: str) -> list[tuple[str, bytes]]:
        # A generator body runs where it is consumed: the pid says which process wrote the file.
        return ((f"{name}.txt", str(os.getpid()).encode()) for _ in range(1))  # type: ignore[return-value]

    assert sync_tree(tmp_path, [stream("mine"), stream("theirs")]) == 2
    assert (tmp_path / "mine.txt").read_text() == str(os.getpid())
    assert (tmp_path / "theirs.txt").read_text() != str(os.getpid())


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_processes_write_the_same_docs_tree_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    partners = write(tmp_path, dict(FIXTURE))
    forked = paths_for(tmp_path / "forked", partners)
    pipeline.generate(forked, SETTINGS)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    alone = paths_for(tmp_path / "alone", partners)
    pipeline.generate(alone, SETTINGS)
    assert tree(forked.docs) == tree(alone.docs)
    assert "partnerships/chiang-mai-kunming/index.md" in tree(forked.docs)


def test_problems_from_both_halves_of_the_partner_files_are_reported_together(tmp_path: Path) -> None:
    # Four files: the forked process reads the first two (chiang-mai/…), this one the last two (chiang-rai/…).
    chiang_rai = edit(BASELINE, "province: TH-50", "province: TH-57")
    files: dict[str, str | bytes] = {
        "chiang-mai/one.yml": "id: same-id\n" + BASELINE,
        "chiang-mai/two.yml": edit(BASELINE, "status: active", "status: activ"),
        "chiang-rai/four.yml": "id: same-id\n" + chiang_rai,
        "chiang-rai/three.yml": chiang_rai,
    }
    paths = paths_for(tmp_path, write(tmp_path, files))
    with pytest.raises(DataError) as caught:
        pipeline.check(paths, SETTINGS)
    found = [(Path(p.path).relative_to(paths.partners).as_posix(), p.field) for p in caught.value.problems]
    assert found == [("chiang-mai/two.yml", "status"), ("chiang-rai/four.yml", "id")]
    assert [p.line for p in caught.value.problems] == [13, 1]
    assert caught.value.problems[1].message.startswith(f"id 'same-id' ซ้ำกับไฟล์ {paths.partners / 'chiang-mai/one.yml'} ")


def test_generate_turns_the_cycle_collector_back_on(tmp_path: Path) -> None:
    assert gc.isenabled()
    pipeline.generate(paths_for(tmp_path, write(tmp_path, dict(FIXTURE))), SETTINGS)
    assert gc.isenabled()


def test_the_english_edition_is_generated_and_built_in_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "steps.txt"
    build_site = engine.build_site

    def note(step: str, lang: str, folder: Path) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{step} {lang} {os.getpid()} {folder.name}\n")

    def built(config: Path, into: Path, strings: Strings, build_date: datetime.date | None = None) -> None:
        note("mkdocs", strings.lang, into)
        build_site(config, into, strings, build_date)

    def written(target: Path, streams: Sequence[Iterable[tuple[str, bytes]]]) -> int:
        note("docs", "en" if target.name.endswith("-en") else "th", target)
        return sync_tree(target, streams)

    monkeypatch.setattr(engine, "build_site", built)
    monkeypatch.setattr(pipeline, "sync_tree", written)
    paths = paths_for(tmp_path, write(tmp_path, dict(FIXTURE)), langs=("th", "en"))
    pipeline.build(paths, SETTINGS)
    steps = {
        (step, lang): (int(pid), folder) for step, lang, pid, folder in map(str.split, log.read_text().splitlines())
    }
    assert steps[("docs", "th")][0] == steps[("mkdocs", "th")][0] == os.getpid()
    assert steps[("docs", "en")][0] == steps[("mkdocs", "en")][0] != os.getpid()
    # Into a folder beside the main edition's, which MkDocs empties when it builds; moved into it afterwards.
    assert steps[("mkdocs", "en")][1] == steps[("mkdocs", "th")][1] + "-en"
    assert (paths.site / "en" / "partnerships" / "chiang-mai-kunming" / "index.html").is_file()
    assert [p.name for p in paths.site.parent.iterdir() if p.name.startswith(".site")] == []


def test_both_editions_built_at_once_are_the_site_built_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partners = write(tmp_path, dict(FIXTURE))
    forked = paths_for(tmp_path / "forked", partners, langs=("th", "en"))
    pipeline.build(forked, SETTINGS)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    alone = paths_for(tmp_path / "alone", partners, langs=("th", "en"))
    pipeline.build(alone, SETTINGS)
    site = tree(forked.site)
    assert site == tree(alone.site)
    assert {"index.html", "en/index.html", "en/partnerships/chiang-mai-kunming/index.html"} <= set(site)


def test_a_child_ends_with_its_parent(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from generator.parallel import Beside\n"
        "def linger():\n"
        f"    Path({str(marker)!r}).write_text(str(__import__('os').getpid()))\n"
        "    time.sleep(60)\n"
        "with Beside(linger) as other:\n"
        "    other.result()\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.05)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    child = Path(f"/proc/{marker.read_text()}/stat")
    while child.exists() and child.read_text().rsplit(")", 1)[1].split()[0] != "Z":
        assert time.monotonic() < deadline, "the child went on after its parent was killed"
        time.sleep(0.05)
