"""The command line as a provincial official or a publisher uses it: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import os
import re
import selectors
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

from conftest import BASELINE, ROOT, edit, write

from generator import engine

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
    # The one line on stderr: Material's end of life (Material prints its own notice only under `mkdocs`).
    assert result.stderr.splitlines() == [
        "หมายเหตุ: ธีม Material for MkDocs ที่ใช้สร้างเว็บไซต์นี้จะหมดระยะการดูแลในวันที่ 5 พฤษภาคม พ.ศ. 2570 (ค.ศ. 2027)"
        " แผนการย้ายไปใช้ Zensical อยู่ในหัวข้อ Engine ของไฟล์ README.md"
    ]


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


def serve_args(partners: Path, tmp_path: Path, port: int) -> list[str]:
    """`serve` of a partners folder with its docs tree in tmp_path, on a port of this machine."""
    folders = ["--partners", str(partners), "--docs-dir", str(tmp_path / "docs")]
    return ["serve", *folders, "--dev-addr", f"127.0.0.1:{port}"]


def test_serve_rebuilds_when_a_partner_file_changes(tmp_path: Path) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    port = 18000 + os.getpid() % 1000
    args = serve_args(partners, tmp_path, port)
    server = subprocess.Popen([*PY, *args], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/partnerships/chiang-mai-kunming/"
    # The English edition is previewed too, under en/ as a build places it.
    english = f"http://127.0.0.1:{port}/en/partnerships/chiang-mai-kunming/"
    try:
        assert "คุนหมิง" in fetch_when(url, lambda page: "คุนหมิง" in page)
        assert '<html lang="en"' in fetch_when(english, lambda page: "Kunming" in page)
        renamed = BASELINE.replace("  name_th: คุนหมิง", "  name_th: นครคุนหมิง")
        (partners / "chiang-mai" / "kunming.yml").write_text(renamed, encoding="utf-8")
        assert "นครคุนหมิง" in fetch_when(url, lambda page: "นครคุนหมิง" in page)
        # No browser has the English page open: its update is put off until the page is asked for.
        assert "นครคุนหมิง" in fetch_when(english, lambda page: "นครคุนหมิง" in page)
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


def free_port() -> int:
    """A port no one listens on now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_line(stream: IO[str], seconds: float = 60) -> str:
    """The first line a process prints, waiting at most seconds for it."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        assert selector.select(timeout=seconds), "no output"
    return stream.readline()


def test_serve_prints_its_address_and_shows_data_problems_until_they_are_fixed(tmp_path: Path) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    path = partners / "chiang-mai" / "kunming.yml"
    port = free_port()
    args = serve_args(partners, tmp_path, port)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*PY, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}/partnerships/chiang-mai-kunming/"
    try:
        assert server.stdout is not None
        assert first_line(server.stdout) == (
            f"เปิดดูตัวอย่างเว็บไซต์ได้ที่ http://127.0.0.1:{port}/ หน้าเว็บจะสร้างใหม่เมื่อแก้ไฟล์ (กด Ctrl+C เพื่อหยุด)\n"
        )
        assert "คุนหมิง" in fetch_when(url, lambda page: "คุนหมิง" in page)

        broken = edit(edit(BASELINE, "signed: 1999-06-07", "signed: 2542-06-07"), "status: active", "status: <b>x</b>")
        path.write_text(broken, encoding="utf-8")
        page = fetch_when(url, lambda page: "sc-problems" in page)
        banner = page.split('<div class="sc-problems" role="alert">')[1].split("</div>")[0]
        assert "ข้อมูลมีปัญหา หน้าเว็บจึงยังแสดงข้อมูลชุดก่อน แก้ไฟล์ตามรายการนี้แล้วหน้าเว็บจะโหลดใหม่เอง:" in banner
        assert re.findall(r"<li><code>(.*?)</code></li>", banner) == [
            f"{path}:13: status: ค่า &#39;&lt;b&gt;x&lt;/b&gt;&#39; ใช้ไม่ได้"
            " ค่าที่ใช้ได้คือ: proposed (เสนอ), negotiating (อยู่ระหว่างเจรจา), active (ดำเนินการอยู่),"
            " dormant (ไม่มีความเคลื่อนไหว), suspended (ระงับชั่วคราว), ended (สิ้นสุดแล้ว), unknown (ไม่ทราบสถานะ)",
            f"{path}:14: signed: ปี 2542 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (1999)"
            " เขียนว่า &#39;1999-06-07&#39; แต่พบ &#39;2542-06-07&#39;",
        ]
        assert "<title>จังหวัดเชียงใหม่ – คุนหมิง" in page  # the last good page, under the banner
        english = fetch_when(url.replace(f"{port}/", f"{port}/en/"), lambda page: "sc-problems" in page)
        assert f"{path}:13: status:" in english

        path.write_text(BASELINE.replace("  name_th: คุนหมิง", "  name_th: นครคุนหมิง"), encoding="utf-8")
        # The new pages and the config without the problems are written one after the other, and the preview may
        # rebuild between the two: wait for the state both reach.
        page = fetch_when(url, lambda page: "นครคุนหมิง" in page and "sc-problems" not in page)
        assert "นครคุนหมิง" in page and "sc-problems" not in page and 'class="md-banner' not in page
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_serve_address_is_under_the_path_of_site_url(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.org/sister-cities/\n", encoding="utf-8")
    assert engine.serve_address(config, "127.0.0.1:8765") == "http://127.0.0.1:8765/sister-cities/"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert engine.serve_address(config, "0.0.0.0:8000") == "http://0.0.0.0:8000/"
