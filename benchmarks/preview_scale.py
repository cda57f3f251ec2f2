"""Edit → page in the live preview: how long after a saved edit the open browser page shows it.

Usage: python benchmarks/preview_scale.py [--counts 0 10000] [--runs 3] [--edits partner chapter page-template theme]
0 is the bundled data; another count is that many synthetic partnerships (generator.sample). For each, a project
(the partner files and copies of content/, templates/ and mkdocs.yml) is served by `python -m generator serve`, a
page is opened in Debian's headless Chromium (over its DevTools pipe, generator/devtools.py), a file is edited,
and the time runs from the write until the page, reloaded by live reload, shows the new text. Prints a Markdown
table for the README. Not a test: machines here are noisy.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.devtools import Chromium, Message  # noqa: E402
from generator.pdf import ARGS, CHROMIUM  # noqa: E402

BUILD_DATE = datetime.date(2026, 12, 6)
# How long one edit may take to show before the run is given up.
LIMIT_SECONDS = 600.0


@dataclass(frozen=True)
class Edit:
    """A file of the project to change, the page that shows the change, and the text that appears there."""

    name: str
    file: str
    page: str
    old: str
    new: str  # {n} is the run's number, so each run writes new text
    shown: str


def edits(partner_file: str, partner_page: str, partner_name: str) -> dict[str, Edit]:
    return {
        "partner": Edit(
            "partner file",
            partner_file,
            partner_page,
            f"  name_th: {partner_name}\n",
            f"  name_th: {partner_name}แก้{{n}}\n",
            f"{partner_name}แก้{{n}}",
        ),
        "chapter": Edit("chapter", "content/faq.md", "faq/", "\n## ", "\nแก้หน้า{n}\n\n## ", "แก้หน้า{n}"),
        "page-template": Edit(
            "page template",
            "templates/pages/partnership.md.j2",
            partner_page,
            '<article class="sc-partnership">\n',
            '<article class="sc-partnership">\n<p>แก้แม่แบบ{n}</p>\n',
            "แก้แม่แบบ{n}",
        ),
        "theme": Edit(
            "theme template",
            "templates/overrides/main.html",
            "faq/",
            "{% block footer %}\n",
            "{% block footer %}\n<p>แก้ธีม{n}</p>\n",
            "แก้ธีม{n}",
        ),
    }


def project(folder: Path, count: int) -> Path:
    """A project folder: partner files (bundled, or count synthetic ones) and copies of the handbook and templates."""
    if count:
        command = [
            sys.executable,
            "-m",
            "generator",
            "sample",
            "--count",
            str(count),
            "--out",
            str(folder / "partners"),
        ]
        subprocess.run([*command, "--build-date", BUILD_DATE.isoformat()], cwd=ROOT, check=True, capture_output=True)
    else:
        shutil.copytree(ROOT / "partners", folder / "partners")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "generator").symlink_to(ROOT / "generator")
    return folder


def first_partner(folder: Path) -> tuple[str, str, str]:
    """A partner file of the project, its page and its partner's Thai name."""
    path = min(p for p in (folder / "partners").rglob("*.yml") if p.parent.name != "multilateral")
    lines = path.read_text(encoding="utf-8").split("\n")
    partner = lines.index("partner:")
    name = next(line for line in lines[partner:] if line.startswith("  name_th: ")).removeprefix("  name_th: ")
    rel = path.relative_to(folder / "partners").with_suffix("")
    return path.relative_to(folder).as_posix(), f"partnerships/{'-'.join(rel.parts)}/", name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Browser:
    """One headless Chromium tab, asked for its page's text."""

    def __init__(self) -> None:
        self.chromium = Chromium(CHROMIUM, ARGS, self._event, LIMIT_SECONDS)
        target = self.chromium.call("Target.createTarget", {"url": "about:blank"})
        self.session = self.chromium.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})[
            "sessionId"
        ]

    def _event(self, message: Message) -> None:
        pass

    def open(self, url: str) -> None:
        self.chromium.call("Page.navigate", {"url": url}, self.session)

    def text(self) -> str:
        """The page's text now; empty while a reload replaces the document."""
        try:
            found = self.chromium.call(
                "Runtime.evaluate",
                {"expression": "document.body ? document.body.innerText : ''", "returnByValue": True},
                self.session,
            )
        except Exception:  # the document went away mid-call: ask again
            return ""
        value = found.get("result", {}).get("value")
        return value if isinstance(value, str) else ""

    def close(self) -> None:
        self.chromium.close()


def wait_for(done: Callable[[], bool], what: str) -> float:
    """Ask until done() holds; the seconds it took. Each question is one round trip: no fixed pause."""
    start = time.monotonic()
    while not done():
        if time.monotonic() - start > LIMIT_SECONDS:
            raise TimeoutError(what)
    return time.monotonic() - start


def serve(folder: Path, port: int) -> tuple[subprocess.Popen[str], float]:
    """Start `serve` in the project; the process and the seconds until it answers."""
    command = [sys.executable, "-m", "generator", "serve", "--build-date", BUILD_DATE.isoformat()]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"], cwd=folder, env=env, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    server.stdout.readline()  # the address, printed when the site is built
    wait_for(lambda: _answers(port), "serve to answer")
    return server, time.monotonic() - start


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def measure(folder: Path, chosen: list[str], runs: int) -> tuple[float, dict[str, list[float]]]:
    """Seconds to start, and each edit's seconds to show in the page, run after run."""
    port = free_port()
    server, started = serve(folder, port)
    browser = Browser()
    times: dict[str, list[float]] = {name: [] for name in chosen}
    try:
        partner = first_partner(folder)
        for name in chosen:
            edit = edits(*partner)[name]
            browser.open(f"http://127.0.0.1:{port}/{edit.page}")
            wait_for(lambda: bool(browser.text()), "the page to open")
            for n in range(1, runs + 1):
                times[name].append(_edit_once(folder, edit, n, browser))
    finally:
        browser.close()
        server.terminate()
        server.wait(timeout=30)
    return started, times


def _edit_once(folder: Path, edit: Edit, n: int, browser: Browser) -> float:
    path = folder / edit.file
    text = path.read_text(encoding="utf-8")
    old = edit.new.replace("{n}", str(n - 1)) if n > 1 else edit.old
    assert old in text, (edit.file, old)
    shown = edit.shown.replace("{n}", str(n))
    path.write_text(text.replace(old, edit.new.replace("{n}", str(n)), 1), encoding="utf-8")
    return wait_for(lambda: shown in browser.text(), f"{edit.name} edit to show")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", nargs="+", default=["partner", "chapter", "page-template", "theme"])
    args = parser.parse_args()
    print(
        "| partnerships | serve starts s | "
        + " | ".join(f"{edits('', '', '')[e].name} → page s" for e in args.edits)
        + " |"
    )
    print("|---|---|" + "---|" * len(args.edits))
    for count in args.counts:
        with tempfile.TemporaryDirectory(prefix="preview-scale-") as tmp:
            started, times = measure(project(Path(tmp), count), args.edits, args.runs)
        cells = [_cell(times[name]) for name in args.edits]
        print(f"| {f'{count:,}' if count else 'bundled'} | {started:.1f} | " + " | ".join(cells) + " |", flush=True)


def _cell(seconds: list[float]) -> str:
    """Median (min–max) of the runs."""
    return f"{statistics.median(seconds):.2f} ({min(seconds):.2f}–{max(seconds):.2f})"


if __name__ == "__main__":
    main()
