"""Docs coverage: the field reference shows every schema field, and every example in the contributor chapter works."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SETTINGS, TODAY, Validate
from markupsafe import escape
from sites import real_paths

from generator import build as pipeline
from generator.cli import main
from generator.schema import MECHANISM, PARTNERSHIP, Field, Kind
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
    pipeline.generate(paths, SETTINGS)
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
    assert len(schema_paths()) == 42


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
            for choice in sub.choices or ():
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
    assert len(EXAMPLES) == 3
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
    text = (partners / "chiang-mai" / "kunming.yml").read_text(encoding="utf-8")
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


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
    assert "`partners/chiang-mai/kunming-city.yml`" in section
    assert "`id: chiang-mai-kunming`" in section


def test_the_chapter_explains_editor_and_commit_checks() -> None:
    assert "`redhat.vscode-yaml`" in CHAPTER and "`.vscode/settings.json`" in CHAPTER
    assert "`pre-commit install`" in CHAPTER and "`.pre-commit-config.yaml`" in CHAPTER
