"""A contribution as a province makes one: a new partner file from `new`, dated today, validates and builds.

The repository's inputs are copied into a temporary folder and every command runs there as a real process,
without --build-date: the build date is the real today, as on a contributor's machine and in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from sites import bundled_partnerships

from generator.cli import today

# The project as a contributor checks it out: data, handbook, templates, configuration and the generator.
INPUTS = ("partners", "content", "templates", "generator", "mkdocs.yml")
SLUG = "contributor-check"
PAGE_ID = f"mae-hong-son-{SLUG}"


def new_options(day: str) -> list[str]:
    """Every option of `python -m generator new`, so it asks nothing; add an option here when `new` gets one."""
    return [
        *("--province", "TH-58"),
        *("--partner-en", "Contributor Check City"),
        *("--partner-th", "เมืองตรวจสอบการร่วมจัดทำข้อมูล"),
        *("--partner-native", "Contributor Check City"),
        *("--country", "AT"),
        *("--partner-level", "city"),
        *("--type", "sister_city"),
        *("--status", "active"),
        *("--signed", day),
        *("--source", "https://example.org/news/contributor-check"),
        *("--evidence", "news_report"),
        *("--verification", "verified"),
        *("--checked-date", day),
        *("--checked-what-th", "เปิดข่าวของจังหวัดแล้ว ชื่อคู่และวันที่ลงนามตรงกัน"),
        *("--slug", SLUG),
    ]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in project, with no terminal and no build date from the environment."""
    env = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(
        command, cwd=project, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's inputs, outputs and caches left out."""
    for name in INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def test_a_new_partner_file_dated_today_validates_and_is_published(project: Path) -> None:
    day = today().isoformat()
    path = project / "partners" / "mae-hong-son" / f"{SLUG}.yml"
    assert not path.exists()

    made = run(project, "new", *new_options(day))
    assert (made.returncode, made.stderr) == (0, "")
    assert path.is_file()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["signed"] == day

    count = bundled_partnerships() + 1  # partner files, multilateral mechanisms aside
    checked = run(project, "validate")
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, f"ข้อมูลถูกต้อง: {count} ความสัมพันธ์\n", "")

    built = run(project, "build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    page = (project / "site" / "partnerships" / PAGE_ID / "index.html").read_text(encoding="utf-8")
    assert "<title>จังหวัดแม่ฮ่องสอน – เมืองตรวจสอบการร่วมจัดทำข้อมูล" in page

    document = json.loads((project / "site" / "data" / "partnerships.json").read_text(encoding="utf-8"))
    assert (document["build_date"], document["count"]) == (day, count)
    record = next(r for r in document["partnerships"] if r["id"] == PAGE_ID)
    assert (record["partner"]["name_en"], record["signed"], record["status"]) == (
        "Contributor Check City",
        day,
        "active",
    )
