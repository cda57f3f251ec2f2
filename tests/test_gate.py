"""What validate accepts, the build publishes: files and values that would break or mislead the build are refused
by validate with a file:line message, and nothing outside partners/ is ever read or quoted."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BASELINE, TODAY, edit, write

from generator.cli import main
from generator.errors import Problem

F = "partners/chiang-mai/kunming.yml"


def lines(partners: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """validate's output lines for a folder, with the folder's path shown as partners/."""
    code = main(["validate", "--partners", str(partners), "--build-date", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == (1 if err else 0)
    return [line.replace(str(partners), "partners") for line in err.splitlines()]


def one(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> list[str]:
    return lines(write(tmp_path, {"chiang-mai/kunming.yml": text}), capsys)


# Patterns match whole values.


def test_an_id_with_a_trailing_newline_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = 'id: "chiang-mai-kunming\\n"\n' + BASELINE
    assert one(tmp_path, capsys, text) == [
        f"{F}:1: id: id ต้องประกอบด้วยตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) เท่านั้น เช่น chiang-mai-kunming"
        " แต่พบ 'chiang-mai-kunming\\u000a'"
    ]


def test_an_email_with_a_trailing_newline_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASELINE + 'responsible_office:\n  name_th: สำนักงานจังหวัด\n  email: "a@cm.go.th\\n"\n'
    assert one(tmp_path, capsys, text) == [
        f"{F}:26: responsible_office.email: ต้องเป็นอีเมล เช่น foreign@example.go.th แต่พบ 'a@cm.go.th\\u000a'"
    ]


@pytest.mark.parametrize("digits", ["๑๙๙๙-๐๖-๐๗", "１９９９-０６-０７", "١٩٩٩-٠٦-٠٧"])
def test_dates_in_other_digits_are_refused_as_the_schema_refuses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], digits: str
) -> None:
    out = one(tmp_path, capsys, edit(BASELINE, "signed: 1999-06-07", f"signed: {digits}"))
    assert len(out) == 1 and out[0].startswith(f"{F}:14: signed: ") and f"'{digits}'" in out[0]


# Names the file system and the pipeline need.


def test_a_derived_id_longer_than_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "a" * 200
    partners = write(tmp_path, {f"chiang-mai/{name}.yml": BASELINE})
    assert lines(partners, capsys) == [
        f"partners/chiang-mai/{name}.yml:1: id: id ที่ได้จากชื่อโฟลเดอร์และไฟล์ยาวเกินไป (211 ตัวอักษร สูงสุด 100) ให้ตั้งชื่อไฟล์ให้สั้นลง"
    ]


def test_a_file_nested_deeper_than_a_province_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = "/".join(["x"] * 30)
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE, f"chiang-mai/{deep}/k.yml": BASELINE})
    assert lines(partners, capsys) == [
        f"partners/chiang-mai/{deep}/k.yml: (file): ไฟล์ข้อมูลความสัมพันธ์ต้องอยู่ในโฟลเดอร์ของจังหวัดหนึ่งชั้นพอดี"
        " เช่น partners/chiang-mai/kunming.yml"
    ]


@pytest.mark.parametrize(
    ("change", "line", "field", "token"),
    [
        (("id: x\n", "id: scshellpageid\n"), 1, "id", "scshellpageid"),
        (("  name_en: Kunming", "  name_en: Kunming SCGENERATEDBODY"), 8, "partner.name_en", "SCGENERATEDBODY"),
        (("  name_th: คุนหมิง", "  name_th: scshelltitle"), 9, "partner.name_th", "SCSHELLTITLE"),
    ],
)
def test_the_pipelines_own_markers_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], line: int, field: str, token: str
) -> None:
    text = edit("id: x\n" + BASELINE, *change)
    assert one(tmp_path, capsys, text) == [
        f"{F}:{line}: {field}: มีคำ '{token}' ซึ่งโปรแกรมสร้างเว็บไซต์สงวนไว้ใช้เอง ให้ใช้คำอื่น"
    ]


def test_the_folder_must_be_the_records_province(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    partners = write(tmp_path, {"bangkok/kunming.yml": BASELINE})
    assert lines(partners, capsys) == [
        "partners/bangkok/kunming.yml:5: thai_party.province: ไฟล์อยู่ในโฟลเดอร์ 'bangkok' แต่ thai_party.province"
        " คือ TH-50 (เชียงใหม่) ให้ย้ายไฟล์ไปไว้ในโฟลเดอร์ partners/chiang-mai/ หรือแก้รหัสจังหวัด"
    ]


def test_names_that_differ_only_in_case_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = edit("id: chiang-mai-kunming-2\n" + BASELINE, "signed: 1999-06-07", "signed: 2001")
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/KUNMING.yml": other})
    assert lines(partners, capsys) == [
        "partners/chiang-mai/kunming.yml: (file): ชื่อซ้ำกับ partners/chiang-mai/KUNMING.yml เมื่อไม่นับตัวพิมพ์เล็กใหญ่"
        "หรือรูปแบบของอักขระ ระบบไฟล์บางแบบจะเห็นเป็นไฟล์เดียวกัน ให้เปลี่ยนชื่อไฟล์หนึ่ง"
    ]


# Files as a contributor means them: nothing outside partners/ is read, nothing is skipped without a word.

SYMLINK = "ไฟล์หรือโฟลเดอร์นี้เป็นลิงก์สัญลักษณ์ (symlink) ซึ่งไม่อ่าน ให้ใส่ไฟล์จริงไว้ในโฟลเดอร์ partners/ แทน"
NEAR_MISS = (
    "ชื่อไฟล์ไม่ได้ลงท้ายด้วย .yml หรือ .yaml (ตัวพิมพ์เล็ก) ไฟล์นี้จึงไม่ถูกอ่าน ถ้าเป็นข้อมูลความสัมพันธ์"
    " ให้เปลี่ยนชื่อให้ลงท้ายด้วย .yml ถ้าเป็นไฟล์สำรองของโปรแกรมแก้ไข ให้ลบออก"
)


@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "outside.yml", "chiang-mai/kunming.yml", "missing.yml", "chiang-mai/loop.yml"],
)
def test_symbolic_links_are_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    partners = write(tmp_path / "repo", {"chiang-mai/kunming.yml": BASELINE})
    (tmp_path / "outside.yml").write_text(edit(BASELINE, "Kunming", "Outside"), encoding="utf-8")
    link = partners / "chiang-mai" / "loop.yml"
    resolved = {"outside.yml": tmp_path / "outside.yml", "missing.yml": tmp_path / "missing.yml"}
    link.symlink_to(resolved.get(target, partners / target if target.startswith("chiang") else Path(target)))
    out = lines(partners, capsys)
    assert out == [f"partners/chiang-mai/loop.yml: (file): {SYMLINK}"]
    assert "root:" not in "".join(out) and "Outside" not in "".join(out)


def test_a_linked_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    partners = write(tmp_path / "repo", {"chiang-mai/kunming.yml": BASELINE})
    write(tmp_path / "elsewhere", {"lamphun/x.yml": BASELINE})
    (partners / "lamphun").symlink_to(tmp_path / "elsewhere" / "partners" / "lamphun")
    assert lines(partners, capsys) == [f"partners/lamphun: (file): {SYMLINK}"]


@pytest.mark.parametrize("name", ["Kunming.YML", "kunming.yml~", "kunming.yml.txt", "kunming.Yaml", "k.yml\n"])
def test_near_miss_names_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    (partners / "chiang-mai" / name).write_text(BASELINE, encoding="utf-8")
    shown = name.replace("\n", "\\u000a")
    assert lines(partners, capsys) == [f"partners/chiang-mai/{shown}: (file): {NEAR_MISS}"]


def test_a_fifo_and_a_folder_named_like_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})
    os.mkfifo(partners / "chiang-mai" / "pipe.yml")
    (partners / "chiang-mai" / "folder.yml").mkdir()
    assert lines(partners, capsys) == [
        "partners/chiang-mai/folder.yml: (file): เป็นโฟลเดอร์ที่ชื่อลงท้ายเหมือนไฟล์ข้อมูล (.yml) ให้เปลี่ยนชื่อโฟลเดอร์"
        " หรือย้ายไฟล์ข้างในออกมา",
        "partners/chiang-mai/pipe.yml: (file): ไม่ใช่ไฟล์ธรรมดา (เช่น FIFO หรืออุปกรณ์) จึงไม่อ่าน ให้ลบออกจากโฟลเดอร์ partners/",
    ]


def test_a_file_name_with_a_terminal_escape_is_shown_as_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partners = write(tmp_path, {"chiang-mai/kun\x1b[2Jming.yml": BASELINE})
    out = lines(partners, capsys)
    assert len(out) == 1 and "\x1b" not in out[0]
    assert out[0].startswith("partners/chiang-mai/kun\\u001b[2Jming.yml:1: id: ")


def test_a_problem_never_prints_a_control_character() -> None:
    assert str(Problem("a\x1b]0;x\x07.yml", 2, "f", "m\u202e")) == "a\\u001b]0;x\\u0007.yml:2: f: m\\u202e"


# Values a reader can trust.

URL_NOT_PUBLIC = (
    "ลิงก์ต้องชี้ไปยังเว็บไซต์ที่ทุกคนเปิดได้ แต่ '{host}' เป็นเครื่องของผู้อ่านเองหรือเครือข่ายภายใน (เช่น localhost หรือ 192.168.x.x)"
)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://localhost/x", "localhost"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("https://10.1.2.3/", "10.1.2.3"),
        ("https://192.168.1.1/news", "192.168.1.1"),
        ("https://[::1]/", "::1"),
        ("https://intranet/", "intranet"),
        ("https://printer.local/", "printer.local"),
    ],
)
def test_sources_on_a_readers_own_network_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, host: str
) -> None:
    out = one(tmp_path, capsys, edit(BASELINE, "  - https://example.org/source", f"  - {url}"))
    assert out == [f"{F}:21: sources[1]: {URL_NOT_PUBLIC.format(host=host)}"]


def test_a_link_with_user_info_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://www.moi.go.th@evil.example/"
    out = one(tmp_path, capsys, edit(BASELINE, "  - https://example.org/source", f"  - {url}"))
    assert out == [f"{F}:21: sources[1]: แหล่งที่มาต้องเป็นที่อยู่เว็บแบบ https:// หรือ http:// แต่พบ '{url}'"]


def test_a_link_longer_than_the_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://example.org/" + "a" * 5000
    out = one(tmp_path, capsys, edit(BASELINE, "  - https://example.org/source", f"  - {url}"))
    assert out == [f"{F}:21: sources[1]: ลิงก์ยาวเกินไป (5020 ตัวอักษร สูงสุด 2000) ให้ใช้ที่อยู่ของหน้านั้นที่สั้นกว่านี้"]


@pytest.mark.parametrize("name", ['"\\u200b\\u200b"', '"–"', '"\\u00ad"'])
def test_a_name_without_visible_letters_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = one(tmp_path, capsys, edit(BASELINE, "  name_th: คุนหมิง", f"  name_th: {name}"))
    assert out == [f"{F}:8: partner.name_th: ต้องมีตัวอักษรหรือตัวเลขที่มองเห็นได้อย่างน้อยหนึ่งตัว ค่านี้มีแต่เครื่องหมายหรืออักขระที่มองไม่เห็น"]


@pytest.mark.parametrize("char", ["\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0001FFFE"])
def test_non_characters_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str) -> None:
    out = one(tmp_path, capsys, edit(BASELINE, "  name_th: คุนหมิง", f'  name_th: "คุน{char}หมิง"'))
    assert out == [f"{F}:8: partner.name_th: มีอักขระควบคุมที่มองไม่เห็นปนอยู่ ให้ลบออก"]


# Accepted hostile text is published, and every output parses.


class _Parsed(HTMLParser):
    """Fails on nothing; collects the text, to check that names arrive as text."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HOSTILE_PIECES = [
    "<script>alert(1)</script>",
    "]]></title><x>",
    '=HYPERLINK("https://example.org")',
    "{partner}",
    "{thai}",
    "$&$'$`",
    "&amp;&#0;",
    "\u202b",
    "ก้ิ่",
    "昆明",
    "a\u0301",
    "--",
    "'\"",
]


def hostile_name(rng: random.Random) -> str:
    """A name with a visible letter and a few pieces from HOSTILE_PIECES, as an editor could type it."""
    return "x" + "".join(rng.choice(HOSTILE_PIECES) for _ in range(rng.randint(1, 4)))


def build(partners: Path, tmp_path: Path) -> int:
    """`build --no-pdf` of a partners folder into tmp_path/site."""
    folders = ["--site-dir", str(tmp_path / "site"), "--docs-dir", str(tmp_path / "docs")]
    return main(["build", "--partners", str(partners), *folders, "--no-pdf", "--build-date", TODAY.isoformat()])


def test_accepted_hostile_files_build_and_every_output_parses(tmp_path: Path) -> None:
    rng = random.Random(2018)
    files: dict[str, str | bytes] = {}
    for index in range(12):
        text = BASELINE
        for old in ("  name_th: คุนหมิง", "  name_en: Kunming", "    title_th: คณะผู้แทนเยือนคุนหมิง"):
            text = edit(text, old, old.split(":")[0] + ": " + json.dumps(hostile_name(rng), ensure_ascii=False))
        files[f"chiang-mai/k{index}.yml"] = text
    partners = write(tmp_path, files)
    build_date = ["--build-date", TODAY.isoformat()]
    validated = main(["validate", "--partners", str(partners), *build_date])
    site = tmp_path / "site"
    built = build(partners, tmp_path)
    refused = [name for name, text in files.items() if "\u202b" in text]
    assert validated == built == (1 if refused else 0)
    if refused:
        for name in refused:
            (partners / name).unlink()
        assert main(["validate", "--partners", str(partners), *build_date]) == 0
        built = build(partners, tmp_path)
        assert built == 0
    data = json.loads((site / "data" / "partnerships.json").read_text(encoding="utf-8"))
    names = {record["partner"]["name_th"] for record in data["partnerships"]}
    assert len(names) == len(files) - len(refused)
    rows = list(csv.DictReader(io.StringIO((site / "data" / "partnerships.csv").read_text(encoding="utf-8-sig"))))
    assert {row["partner_name_th"].removeprefix("'") for row in rows} == names
    ElementTree.fromstring((site / "feed.xml").read_bytes())
    ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    for record in data["partnerships"]:
        page = (site / record["url"] / "index.html").read_text(encoding="utf-8")
        parsed = _Parsed()
        parsed.feed(page)
        assert record["partner"]["name_th"] in "".join(parsed.text)


def test_a_list_too_long_for_one_spreadsheet_cell_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = "".join(f"  - https://example.org/{index}/{'a' * 1900}\n" for index in range(20))
    out = one(tmp_path, capsys, edit(BASELINE, "  - https://example.org/source\n", many))
    assert len(out) == 1 and out[0].startswith(f"{F}:20: sources: รายการนี้มีข้อความรวมกันยาวเกินไป (")
    assert "อ่านได้ไม่เกิน 32767 ตัวอักษร" in out[0]
