"""The command line as a provincial official or a publisher uses it: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import BASELINE, ROOT, edit, write

PY = [sys.executable, "-m", "generator"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PY, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


def test_validate_reports_every_problem_without_a_traceback(tmp_path: Path) -> None:
    partners = write(
        tmp_path,
        {
            "chiang-mai/kunming.yml": edit(BASELINE, "signed: 1999-06-07", "signed: 2542-06-07"),
            "chiang-mai/broken.yml": "thai_party: [\n",
            "chiang-mai/empty.yml": "",
        },
    )
    result = run("validate", "--partners", str(partners), "--build-date", "2026-11-26")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0].removeprefix(str(partners) + "/") for line in lines] == [
        "chiang-mai/broken.yml:2",
        "chiang-mai/empty.yml:1",
        "chiang-mai/kunming.yml:14",
    ]
    assert result.stdout == ""


def test_build_writes_the_site_where_asked(tmp_path: Path) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    site = tmp_path / "out"
    result = run(
        "build",
        "--partners",
        str(partners),
        "--site-dir",
        str(site),
        "--docs-dir",
        str(tmp_path / "docs"),
        "--build-date",
        "2026-11-26",
        "--no-pdf",  # tests/test_pdf.py prints the handbook
    )
    assert result.returncode == 0, result.stderr
    assert (site / "partnerships" / "chiang-mai-kunming" / "index.html").is_file()
    assert "Traceback" not in result.stderr


def test_build_with_the_default_folders_of_a_project(tmp_path: Path) -> None:
    # A project as `make site` builds it: every folder relative to the working directory, none named.
    for name in ("content", "templates", "generator", "mkdocs.yml"):
        (tmp_path / name).symlink_to(ROOT / name)
    write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    result = run("build", "--build-date", "2026-11-26", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "partnerships" / "chiang-mai-kunming" / "index.html").is_file()
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (tmp_path / "build" / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_bad_build_date_is_a_usage_error() -> None:
    result = run("validate", "--build-date", "26/11/2569")
    assert result.returncode == 2
    assert "expected a date like 2026-11-26, got '26/11/2569'" in result.stderr


def test_serve_rebuilds_when_a_partner_file_changes(tmp_path: Path) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    port = 18000 + os.getpid() % 1000
    args = [
        "serve",
        "--partners",
        str(partners),
        "--docs-dir",
        str(tmp_path / "docs"),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen([*PY, *args], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/partnerships/chiang-mai-kunming/"
    try:
        assert "คุนหมิง" in fetch_when(url, lambda page: "คุนหมิง" in page)
        renamed = BASELINE.replace("  name_th: คุนหมิง", "  name_th: นครคุนหมิง")
        (partners / "chiang-mai" / "kunming.yml").write_text(renamed, encoding="utf-8")
        assert "นครคุนหมิง" in fetch_when(url, lambda page: "นครคุนหมิง" in page)
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch_when(url: str, ready: Callable[[str], bool], seconds: float = 60) -> str:
    """Poll url until ready(page) is true; return the page."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = str(response.read().decode("utf-8"))
            if ready(page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    return page
