"""The bad-input corpus (tests/bad_input/) through the real command line, in a bounded child process.

Each rejected case must give exit 1 and `file:line: field:` lines with the Thai message's key phrase, from
both `validate` and `build`, and the build must leave the existing site untouched. Each accepted case (valid
input that looks hostile) must build, and its text must reach the page escaped, never as markup. Nothing may
print a traceback, crash, take long or use much memory. Exact messages are pinned in test_validate.py.
"""

from __future__ import annotations

import hashlib
import html.parser
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import BASELINE, ROOT, TODAY
from markupsafe import escape

from generator.render import paragraphs

CORPUS = Path(__file__).parent / "bad_input"
MEMORY_LIMIT = 1024**3
# A rejection takes well under a second on an idle machine; the generous bound allows for a busy one.
REJECT_SECONDS = 30
BUILD_SECONDS = 180
PROVINCE = "chiang-mai"


@dataclass(frozen=True)
class Expect:
    """One expected problem line: where, which field, and a phrase of its Thai message."""

    line: int
    field: str
    phrase: str
    file: str = ""


# Cases made at test time instead of committed: too big to commit, or cheap to describe.
GENERATED: dict[str, Callable[[], bytes]] = {
    # 20 MB: refused by its size before it is read.
    "huge-20mb.yml": lambda: BASELINE.encode() + b"# " + b"x" * (20 * 1024 * 1024) + b"\n",
    # 100,000 nested lists: would crash libyaml's recursive composer (and parse in quadratic time).
    "deep-nesting.yml": lambda: b"sources: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-block-nesting.yml": lambda: b"sources:\n  " + b"- " * 100_000 + b"x\n",
}

LAUGHS = [Expect(n, f"lol{n - 1}", "ไม่รู้จักช่อง 'lol") for n in range(2, 11)]
ALIAS = "ห้ามใช้ anchor หรือ alias"
SYNTAX = "รูปแบบ YAML ไม่ถูกต้อง"
ENCODING = "ไฟล์ต้องบันทึกเป็น UTF-8"
SLUG = "id ต้องประกอบด้วยตัวอักษรอังกฤษพิมพ์เล็ก"
URL = "ลิงก์ต้องเป็นที่อยู่เว็บแบบ https://"
TOO_LONG = "ยาวเกินไป"

REJECTED: dict[str, list[Expect]] = {
    # YAML and the file itself
    "yaml-unclosed-bracket.yml": [Expect(14, "(yaml)", SYNTAX)],
    "yaml-colon-in-value.yml": [Expect(8, "(yaml)", SYNTAX)],
    "yaml-bad-indent.yml": [Expect(9, "(yaml)", SYNTAX)],
    "multiple-documents.yml": [Expect(25, "(yaml)", SYNTAX)],
    "tab-indent.yml": [Expect(11, "(yaml)", "ห้ามใช้แท็บ (Tab)")],
    "duplicate-key.yml": [Expect(15, "status", "ซ้ำกับบรรทัด 14")],
    "list-not-mapping.yml": [Expect(8, "partner", "ต้องเป็นชุดข้อมูลแบบ ชื่อช่อง: ค่า แต่พบ รายการ")],
    "whole-file-list.yml": [Expect(2, "(file)", "ต้องเป็นชุดข้อมูลแบบ ชื่อช่อง: ค่า แต่พบ รายการ")],
    "key-not-text.yml": [Expect(15, "(file)", "ชื่อช่องต้องเป็นข้อความ แต่พบ รายการ")],
    "empty.yml": [Expect(1, "(file)", "ไฟล์ว่างเปล่า")],
    "comments-only.yml": [Expect(1, "(file)", "ไฟล์ว่างเปล่า")],
    "tis620-bytes.yml": [Expect(4, "(file)", ENCODING)],
    "utf16.yml": [Expect(1, "(file)", ENCODING)],
    "nul-byte.yml": [Expect(10, "(file)", "อักขระควบคุม")],
    "huge-20mb.yml": [Expect(1, "(file)", "ไฟล์ใหญ่เกินไป")],
    "deep-nesting.yml": [Expect(1, "(yaml)", "ซ้อนกันลึกเกิน 20 ชั้น")],
    "deep-block-nesting.yml": [Expect(2, "(yaml)", "ซ้อนกันลึกเกิน 20 ชั้น")],
    "billion-laughs.yml": [
        *LAUGHS,
        Expect(9, "sources[1]", "ต้องเป็นข้อความ แต่พบ รายการ"),
        *(Expect(9, f"sources[{n}]", ALIAS) for n in range(2, 11)),
    ],
    "alias-in-field.yml": [Expect(9, "partner.name_th", ALIAS)],
    "python-tag.yml": [Expect(8, "partner.name_en", "ต้องเป็นข้อความ แต่พบ รายการ")],
    "terminal-escape.yml": [
        Expect(11, "partner.country", "ไม่รู้จักรหัสประเทศ '\\u001b[2J\\u001b[31mCN'"),
        Expect(25, "\\u001b]0;pwned\\u0007", "ไม่รู้จักช่อง '\\u001b]0;pwned\\u0007'"),
    ],
    # the schema
    "unknown-field-typo.yml": [Expect(15, "sigend", "(หมายถึง 'signed' หรือไม่?)")],
    "missing-required.yml": [Expect(1, "verification", "ต้องระบุช่องนี้")],
    "wrong-type-list.yml": [Expect(16, "activities", "ต้องเป็นรายการ")],
    "wrong-type-text.yml": [Expect(15, "status", "ต้องเป็นข้อความ แต่พบ ชุดข้อมูล")],
    "wrong-choice.yml": [Expect(13, "type", "ค่า 'twin' ใช้ไม่ได้")],
    # dates
    "be-year.yml": [Expect(15, "signed", "ให้ใช้ปี ค.ศ. (1999)")],
    "impossible-date.yml": [Expect(15, "signed", "ไม่มีวันที่นี้ในปฏิทิน: '1999-02-30'")],
    "future-signing.yml": [Expect(15, "signed", "อยู่หลังวันที่สร้างเว็บไซต์ (2026-11-26)")],
    "slash-date.yml": [Expect(23, "review_by", "แต่พบ '20/11/2026'")],
    # codes and ids
    "unknown-province.yml": [Expect(6, "thai_party.province", "ไม่รู้จักรหัสจังหวัด 'TH-99'")],
    "province-name-not-code.yml": [Expect(6, "thai_party.province", "ไม่รู้จักรหัสจังหวัด 'Chiang Mai'")],
    "unknown-country.yml": [Expect(11, "partner.country", "ไม่รู้จักรหัสประเทศ 'XX'")],
    "path-traversal-id.yml": [Expect(2, "id", SLUG)],
    "non-ascii-id.yml": [Expect(2, "id", SLUG)],
    "uppercase-id.yml": [Expect(2, "id", SLUG)],
    "duplicate-id": [Expect(1, "id", "ซ้ำกับไฟล์", "chiang-mai/kunming.yml")],
    "thai-file-name": [Expect(1, "id", "ชื่อโฟลเดอร์และไฟล์ต้องเป็นตัวอักษรอังกฤษ", "เชียงใหม่/คุนหมิง.yml")],
    # links
    "javascript-url.yml": [Expect(20, "activities[1].source", URL)],
    "javascript-url-mixed-case.yml": [Expect(27, "responsible_office.url", URL)],
    "url-without-host.yml": [Expect(20, "activities[1].source", URL)],
    "data-url.yml": [Expect(28, "documents[1].url", URL)],
    "data-url-source.yml": [Expect(23, "sources[2]", "แหล่งที่มาต้องเป็นที่อยู่เว็บแบบ https://")],
    "mailto-with-headers.yml": [Expect(27, "responsible_office.url", URL)],
    "email-with-markup.yml": [Expect(27, "responsible_office.email", "ต้องเป็นอีเมล เช่น foreign@example.go.th")],
    # text
    "bidi-override.yml": [Expect(8, "partner.name_en", "อักขระควบคุม")],
    "too-long-name.yml": [Expect(8, "partner.name_en", f"{TOO_LONG} (10000 ตัวอักษร สูงสุด 200)")],
    "too-long-note.yml": [Expect(25, "note_th", f"{TOO_LONG} (2001 ตัวอักษร สูงสุด 2000)")],
}

# The hostile file name is made at test time: < > " in a committed name would break checkouts on Windows.
HOSTILE_FILE = '"><img src=x onerror=alert(1)>.yml'
FREE_TEXT = (
    "thai_party.name_th",
    "thai_party.name_en",
    "partner.name_en",
    "partner.name_th",
    "partner.name_native",
    "activities.title_th",
    "activities.title_en",
    "activities.source",
    "documents.title_th",
    "documents.title_en",
    "documents.url",
    "responsible_office.name_th",
    "responsible_office.name_en",
    "responsible_office.email",
    "responsible_office.url",
    "status_source",
    "note_th",
    "note_en",
    "sources",
)
# What the partnership page's own markup may use; anything else came from data.
ALLOWED_TAGS = {"article", "h1", "h2", "p", "span", "div", "dl", "dt", "dd", "a", "strong", "small", "code"}
ALLOWED_TAGS |= {"ol", "ul", "li", "br", "section", "nav", "table", "thead", "tbody", "tr", "th", "td"}


def _limits() -> None:
    """Run in the child before exec: at most MEMORY_LIMIT of address space, no core file."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def start(*args: str | Path) -> subprocess.Popen[str]:
    """Start `python -m generator ARGS` from the repository root, bounded in memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args), "--build-date", TODAY.isoformat()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limits,
    )


def finish(process: subprocess.Popen[str], seconds: float = REJECT_SECONDS) -> subprocess.CompletedProcess[str]:
    """Wait for a started command, failing the test if it runs longer than seconds."""
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    finally:
        process.kill()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def start_build(partners: Path, site: Path, docs: Path) -> subprocess.Popen[str]:
    """Start a real `build` into the given folders, without the PDF (it needs Chromium)."""
    return start("build", "--partners", partners, "--site-dir", site, "--docs-dir", docs, "--no-pdf")


def place(case: str, partners: Path) -> None:
    """Copy one corpus case into a partners folder: a file under chiang-mai/, or a folder's whole tree."""
    source = CORPUS / case
    if case in GENERATED:
        target = partners / PROVINCE / case
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(GENERATED[case]())
    elif source.is_dir():
        shutil.copytree(source, partners, dirs_exist_ok=True)
    else:
        (partners / PROVINCE).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partners / PROVINCE / case)


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and bytes under folder."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """A normal exit: no signal, no traceback."""
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


def assert_problems(result: subprocess.CompletedProcess[str], partners: Path, case: str) -> None:
    """Exit 1 and exactly the expected problem lines, each `file:line: field:` plus its key phrase."""
    assert_clean(result)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    expected = REJECTED[case]
    assert len(lines) == len(expected), lines
    for e in expected:
        prefix = f"{partners}/{e.file or f'{PROVINCE}/{case}'}:{e.line}: {e.field}: "
        assert [line for line in lines if line.startswith(prefix) and e.phrase in line], (prefix, e.phrase, lines)


def test_the_corpus_is_complete() -> None:
    committed = {p.name for p in CORPUS.iterdir() if p.name != "accepted"}
    assert committed == set(REJECTED) - set(GENERATED)
    assert len(REJECTED) + len(list((CORPUS / "accepted").iterdir())) + 1 >= 25


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """The accepted cases, built into a site: (partners folder, site folder, digest of the site)."""
    root = tmp_path_factory.mktemp("accepted")
    partners = root / "partners"
    shutil.copytree(CORPUS / "accepted", partners / PROVINCE)
    hostile = "id: chiang-mai-hostile-file-name\nreview_by: 2020-01-01\n" + BASELINE
    (partners / PROVINCE / HOSTILE_FILE).write_text(hostile, encoding="utf-8")
    result = finish(start_build(partners, root / "site", root / "docs"), BUILD_SECONDS)
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    yield partners, root / "site", tree_digest(root / "site")


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_rejected_by_validate_and_build(case: str, tmp_path: Path, accepted: tuple[Path, Path, str]) -> None:
    partners = tmp_path / "partners"
    place(case, partners)
    _, site, digest = accepted
    validating, building = start("validate", "--partners", partners), start_build(partners, site, tmp_path / "docs")
    assert_problems(finish(validating), partners, case)
    assert_problems(finish(building), partners, case)
    assert tree_digest(site) == digest
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")] == []
    assert not (ROOT / "bad-input-pwned").exists()


class _Markup(html.parser.HTMLParser):
    """Collects the tags and attributes inside the page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and ("class", "sc-partnership") in attrs:
            self.depth = 1
        elif self.depth and tag not in ("br",):
            self.depth += 1
        if self.depth:
            self.tags.add(tag)
            self.attributes += [(name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def _values(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted field, text) of every scalar, list items under their list's name."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _values(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for item in node:
            yield from _values(item, path)
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "accepted").iterdir()))
def test_accepted_and_shown_as_text(name: str, accepted: tuple[Path, Path, str]) -> None:
    partners, site, _ = accepted
    page = (site / "partnerships" / f"{PROVINCE}-{Path(name).stem}" / "index.html").read_text(encoding="utf-8")
    data = yaml.load((partners / PROVINCE / name).read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader)
    shown = [(field, text) for field, text in _values(data) if field in FREE_TEXT]
    assert len(shown) >= 5
    for field, text in shown:
        if field.startswith("note_"):
            # Long text keeps its paragraphs and line breaks (its own tests: tests/test_render.py).
            for lines in paragraphs(text):
                assert "<br>".join(str(escape(line)) for line in lines) + "</p>" in page, field
        else:
            assert str(escape(" ".join(text.split()))) in page, field
    markup = _Markup()
    markup.feed(page)
    assert markup.tags <= ALLOWED_TAGS
    assert [a for a, _ in markup.attributes if a.startswith("on") or a in ("style", "src", "srcdoc")] == []
    links = [v for a, v in markup.attributes if a == "href"]
    assert [v for v in links if not v.startswith(("https://", "http://", "mailto:", "../"))] == []


def test_html_in_a_file_name_is_shown_as_text(accepted: tuple[Path, Path, str]) -> None:
    partners, site, _ = accepted
    review = (site / "review" / "index.html").read_text(encoding="utf-8")
    assert f"<code>{escape(partners / PROVINCE / HOSTILE_FILE)}</code>" in review
    assert "<img src=x" not in review
