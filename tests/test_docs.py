"""Docs coverage: the field reference shows every schema field, and every example in the contributor chapter works."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY, Validate
from markupsafe import escape
from sites import real_paths, real_settings

from generator import build as pipeline
from generator.cli import main
from generator.schema import MECHANISM, PARTNERSHIP, Field, Kind, json_schema
from generator.strings import load_strings

CHAPTER = (ROOT / "content" / "contributing.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLES = [body for lang, body in FENCE.findall(CHAPTER) if lang == "yaml"]
STRINGS = load_strings()


def schema_paths(fld: Field = PARTNERSHIP, prefix: str = "") -> list[str]:
    """Every field's dotted name, walked here from the schema rather than taken from the page's own code."""
    names = []
    for sub in fld.fields:
        names.append(prefix + sub.name)
        if sub.kind is Kind.OBJECT:
            names += schema_paths(sub, f"{prefix}{sub.name}.")
        elif sub.item is not None and sub.item.kind is Kind.OBJECT:
            names += schema_paths(sub.item, f"{prefix}{sub.name}[].")
    return names


def json_paths(node: dict[str, Any]) -> list[str]:
    """Every property of the published JSON Schema, nested ones included: a second walk, over the schema's output."""
    names: list[str] = []
    for name, sub in node.get("properties", {}).items():
        names.append(name)
        names += json_paths(sub)
        names += json_paths(sub.get("items", {}))
    return names


def yaml_paths(data: object, prefix: str = "") -> set[str]:
    """The dotted names of every key used in a YAML document."""
    if isinstance(data, dict):
        found = set()
        for key, value in data.items():
            found.add(prefix + key)
            found |= yaml_paths(value, f"{prefix}{key}.")
        return found
    if isinstance(data, list):
        return set().union(*(yaml_paths(item, prefix.removesuffix(".") + "[].") for item in data))
    return set()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The field reference page as the build stages it from the bundled data."""
    paths = real_paths(tmp_path_factory.mktemp("real"))
    pipeline.generate(paths, real_settings())
    return (paths.docs / "contributing" / "fields" / "index.md").read_text(encoding="utf-8")


MECHANISM_HEADING = '<h2 id="mechanism-fields">'


def rows(page: str) -> dict[str, str]:
    """Each table row of the reference's partnership table, by the field name in its header cell."""
    return table_rows(page.split(MECHANISM_HEADING)[0])


def table_rows(part: str) -> dict[str, str]:
    found = re.findall(r'<th scope="row"><code>([^<]+)</code></th>(.*?)</tr>', part, re.DOTALL)
    return dict(found)


def test_the_reference_has_one_row_per_schema_field_in_order(reference: str) -> None:
    assert list(rows(reference)) == schema_paths()
    assert len(schema_paths()) == len(json_paths(json_schema()))


def test_each_row_gives_help_requirement_and_allowed_values(reference: str) -> None:
    table = rows(reference)
    assert table["thai_party.province"] == (
        "\n<td>ต้องระบุ</td>\n<td>รหัสจังหวัด ISO 3166-2 เช่น TH-50</td>\n"
        "<td>รหัสจังหวัด ISO 3166-2 เช่น TH-50 (กรุงเทพมหานครคือ TH-10)<br>"
        '<small lang="en">ISO 3166-2 code of the province, e.g. TH-50 (Bangkok is TH-10)</small></td>\n<td></td>\n'
    )
    assert "<li><code>status_change</code> เปลี่ยนสถานะ</li>" in table["activities[].kind"]
    assert "ลิงก์ https:// หรือ http://" in table["sources"] and "อย่างน้อย 1 รายการ" in table["sources"]
    assert "ต้องไม่อยู่หลังวันที่สร้างเว็บไซต์" in table["signed"]
    assert "ไม่เกิน 2000 ตัวอักษร" in table["note_th"]


def test_every_field_help_and_choice_is_in_the_reference(reference: str) -> None:
    table = rows(reference)

    def check(fld: Field, prefix: str = "") -> None:
        for sub in fld.fields:
            row = table[prefix + sub.name]
            assert escape(sub.help_th) in row and escape(sub.help_en) in row, prefix + sub.name
            assert ("<td>ต้องระบุ</td>" in row) is sub.required
            # A list of choices lists the values of its items.
            for choice in sub.choices or (sub.item.choices if sub.item else None) or ():
                assert f"<code>{choice.value}</code> " in row, choice
            if sub.kind is Kind.OBJECT:
                check(sub, f"{prefix}{sub.name}.")
            elif sub.item is not None and sub.item.kind is Kind.OBJECT:
                check(sub.item, f"{prefix}{sub.name}[].")

    check(PARTNERSHIP)


def test_the_mechanism_fields_have_their_own_table(reference: str) -> None:
    """The mechanism file's fields follow the partnership's, in a table of their own with their own anchors."""
    part = reference.split(MECHANISM_HEADING)[1]
    table = table_rows(part)
    assert list(table) == schema_paths(MECHANISM)
    assert "<li><code>joint_agreement</code> ข้อตกลงที่ลงนามร่วมกันหลายฝ่าย</li>" in table["kind"]
    assert "อย่างน้อย 1 รายการ" in table["thai_members"] and "อย่างน้อย 1 รายการ" in table["foreign_members"]
    members = MECHANISM.child("foreign_members")
    assert members is not None and members.item is not None
    country = members.item.child("country")
    assert country is not None and escape(country.help_th) in table["foreign_members[].country"]
    assert '<tr id="field-mechanism-foreign_members-country" class="sc-depth-1">' in part


def test_every_yaml_example_in_the_chapter_validates(validate: Validate) -> None:
    assert len(EXAMPLES) == CHAPTER.count("```yaml\n") > 1
    files: dict[str, str | bytes] = {f"chiang-mai/example-{n}.yml": body for n, body in enumerate(EXAMPLES)}
    assert validate(files) == (0, [])


def test_the_full_example_uses_every_field() -> None:
    used = [yaml_paths(yaml.safe_load(body)) for body in EXAMPLES]
    assert max(used, key=len) == set(schema_paths())


def test_the_documented_new_command_works(tmp_path: Path, validate: Validate, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = [
        line for lang, body in FENCE.findall(CHAPTER) if lang == "sh" for line in body.replace("\\\n", " ").splitlines()
    ]
    new = next(shlex.split(c) for c in commands if c.startswith("python -m generator new"))
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "made"
    assert main([*new[3:], "--partners", str(partners), "--build-date", TODAY.isoformat()]) == 0
    text = (partners / "chiang-mai" / "mingben.yml").read_text(encoding="utf-8")
    assert validate({"chiang-mai/mingben.yml": text}) == (0, [])


def test_the_chapter_is_in_the_navigation_and_linked() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    section = next(item for item in config["nav"] if "คู่มือผู้ร่วมจัดทำข้อมูล" in item)
    assert [next(iter(page.values())) for page in section["คู่มือผู้ร่วมจัดทำข้อมูล"]] == [
        "contributing.md",
        "contributing/fields/index.md",
    ]
    assert "[ช่องข้อมูลในไฟล์ความสัมพันธ์](contributing/fields/index.md)" in CHAPTER
    faq = (ROOT / "content" / "faq.md").read_text(encoding="utf-8")
    assert "ดู[คู่มือผู้ร่วมจัดทำข้อมูล](contributing.md)" in faq
    assert "อยู่ระหว่างจัดทำ" not in faq


def test_the_chapter_explains_how_a_renamed_file_keeps_its_id() -> None:
    section = CHAPTER.split("## เปลี่ยนชื่อไฟล์โดยไม่ให้ลิงก์เดิมเสีย\n")[1].split("\n## ")[0]
    assert "`partners/chiang-mai/mingben-city.yml`" in section
    assert "`id: chiang-mai-mingben`" in section


def test_the_chapter_explains_editor_and_commit_checks() -> None:
    assert "`redhat.vscode-yaml`" in CHAPTER and "`.vscode/settings.json`" in CHAPTER
    assert "`pre-commit install`" in CHAPTER and "`.pre-commit-config.yaml`" in CHAPTER


FAQ = (ROOT / "content" / "faq.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a '## ' heading, up to the next one."""
    return text.split(f"\n{heading}\n")[1].split("\n## ")[0]


def test_the_faq_explains_every_label_a_partnership_page_shows() -> None:
    part = section(FAQ, "## ข้อมูลแต่ละคู่ยืนยันได้แค่ไหน {#evidence}")
    labels = [
        *STRINGS.data["claim"].values(),
        *STRINGS.data["evidence"].values(),
        *STRINGS.data["verification"].values(),
        STRINGS.data["status"]["unknown"],
        STRINGS.data["site"]["plain_http"],
        STRINGS.data["site"]["date_unknown"],
    ]
    shown = ("**{}**", '"{}"', "| {} |")
    assert [label for label in labels if not any(form.format(label) in part for form in shown)] == []
    for word in STRINGS.data["bound"].values():
        assert f"| {word.replace('{date}', '')}" in part, word
    assert "[สมุดรายชื่อ](directory/index.md)" in part
    assert "[ช่องข้อมูลในไฟล์ความสัมพันธ์](contributing/fields/index.md)" in part
    assert f"**{STRINGS.data['status']['unknown']}** (`unknown`)" in FAQ


def test_the_chapter_works_through_each_way_of_choosing_evidence() -> None:
    records = [yaml.safe_load(body) for body in EXAMPLES]
    chosen = {(r["evidence"], r["status"], r["verification"], "signed" in r, "checked" in r) for r in records}
    assert ("news_report", "active", "unverified", True, False) in chosen
    assert ("list_only", "unknown", "unverified", False, False) in chosen
    assert ("contact_only", "proposed", "unverified", False, False) in chosen
    assert ("signed_document", "active", "verified", True, True) in chosen
    part = section(CHAPTER, "## เลือกระดับหลักฐาน สถานะ และผลการตรวจสอบ {#evidence}")
    for name in ("evidence", "status", "verification"):
        fld = PARTNERSHIP.child(name)
        assert fld is not None and fld.choices is not None
        assert [c.value for c in fld.choices if f"`{c.value}`" not in part] == [], name


def test_the_chapter_shows_bounded_dates_http_sources_and_other_names() -> None:
    records = [yaml.safe_load(body) for body in EXAMPLES]
    assert any(str(r.get("signed", "")).startswith("by ") for r in records)
    assert any(s.startswith("http://") for r in records for s in r["sources"])
    assert any(r["partner"].get("other_names") and r["thai_party"].get("other_names") for r in records)
    dates = section(CHAPTER, "## วันที่ {#dates}")
    for written in ("`before 2012-07`", "`by 2006`", "`about 2006`", "`2015`", "`2015-03`", "`before 2555-07`"):
        assert written in dates, written


def test_the_chapter_explains_a_second_record_and_the_checks_of_a_pull_request() -> None:
    part = section(CHAPTER, "## แก้ไฟล์เดิมหรือเพิ่มไฟล์ใหม่ {#update-or-add}")
    assert "python -m generator new --slug mingben-trade" in part
    checks = section(CHAPTER, "## การตรวจคำขอรวมการแก้ไข {#checks}")
    assert "`make test`" in checks and "`python -m generator validate`" in checks


def test_no_page_or_readme_mentions_the_retired_field() -> None:
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert [p.name for p in pages if "last_verified" in p.read_text(encoding="utf-8")] == []
    assert "last_verified" not in README
    assert "at least one `https://`" not in README


def test_the_readme_lists_evidence_levels_and_claim_labels() -> None:
    part = README.split("\n## Evidence levels\n")[1].split("\n## ")[0]
    assert [e for e in STRINGS.data["evidence"] if f"| `{e}` |" not in part] == []
    assert [c for c, label in STRINGS.data["claim"].items() if f"| `{c}` | {label} |" not in part] == []


def test_the_documented_error_messages_are_what_validate_prints(validate: Validate) -> None:
    documented = [line for lang, body in FENCE.findall(CHAPTER) if lang == "text" for line in body.splitlines()]
    assert len(documented) >= 2
    for line in documented:
        match = re.fullmatch(r"(partners/[\w/-]+\.yml):\d+: (signed: .* แต่พบ '([^']+)')", line)
        assert match is not None, line
        path, message, written = match.groups()
        body = re.sub(r"^signed: .*$", f"signed: {written}", EXAMPLES[0], flags=re.MULTILINE)
        code, errors = validate({path.removeprefix("partners/"): body})
        assert (code, [e.split(":", 2)[2].lstrip() for e in errors]) == (1, [message])
        assert [e.split(":", 2)[0] for e in errors] == [path]
