"""Shared fixtures: one valid baseline partner file, and helpers to run the CLI in-process."""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.cli import main
from generator.monitor import Settings

TODAY = datetime.date(2026, 11, 26)
# Fixture builds read today's handbook (content/): its review dates may be as late as the real today.
SETTINGS = Settings(TODAY, dated_until=max(TODAY, datetime.datetime.now(datetime.UTC).date()))
ROOT = Path(__file__).resolve().parent.parent

# Line numbers matter: tests name them in expected messages.
BASELINE = """\
thai_party:
  level: province
  name_th: จังหวัดเชียงใหม่
  name_en: Chiang Mai Province
  province: TH-50
partner:
  name_en: Kunming
  name_th: คุนหมิง
  name_native: 昆明
  country: CN
  level: city
type: sister_city
status: active
signed: 1999-06-07
activities:
  - date: 2024-04
    kind: visit
    title_th: คณะผู้แทนเยือนคุนหมิง
    source: https://example.org/news/1
sources:
  - https://example.org/source
evidence: news_report
verification: unverified
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


def edit(text: str, old: str, new: str) -> str:
    """The baseline with exactly one occurrence of old replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write partner files under root/partners and return that folder."""
    partners = root / "partners"
    for rel, body in files.items():
        path = partners / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return partners


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the bundled data and handbook, built once for the whole run (no PDF), whichever of the
    parallel workers (pytest-xdist) asks first; tests only read it."""
    from sites import real_paths, real_settings  # sites imports this module, so import it once both exist

    from generator import build as pipeline

    with run_wide(tmp_path_factory, "bundled") as (folder, made):
        paths = real_paths(folder)
        if not made:
            pipeline.build(paths, real_settings())
    return paths.site


@contextlib.contextmanager
def run_wide(factory: pytest.TempPathFactory, name: str) -> Iterator[tuple[Path, bool]]:
    """A folder of this run's, the same for every worker of it, and whether another worker already made what it
    holds; held by one worker at a time (a lock file beside it) until the block ends."""
    base = factory.getbasetemp()
    # A worker's base folder (popen-gw0) sits in the run's; without workers the base is the run's.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            folder.mkdir(exist_ok=True)
            made = done.exists()
            yield folder, made
            done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium for one test module."""
    from browsing import chromium  # browsing imports this module, so import it once both exist

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page for one test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


Validate = Callable[[dict[str, str | bytes]], tuple[int, list[str]]]


@pytest.fixture
def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Validate:
    """Run `python -m generator validate` on the given files; returns (exit code, stderr lines)."""

    def run(files: dict[str, str | bytes]) -> tuple[int, list[str]]:
        write(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        code = main(["validate", "--partners", "partners", "--build-date", TODAY.isoformat()])
        return code, capsys.readouterr().err.splitlines()

    return run


def run_vectors(runner: str, script: Path, vectors: Path) -> tuple[int, str, str]:
    """Run a JavaScript half against shared test vectors with Node (tests/<runner>): exit code, stdout, stderr."""
    node = shutil.which("node")
    assert node, "node is needed to run the JavaScript half against the shared vectors"
    result = subprocess.run(
        [node, str(ROOT / "tests" / runner), str(script), str(vectors)], capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout, result.stderr
