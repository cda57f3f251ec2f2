"""The one schema declaration agrees with the model, the published JSON Schema and the bundled data."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import BASELINE, ROOT, edit

from generator.cli import main, today
from generator.loader import partner_files
from generator.reserved import MULTILATERAL_FOLDER
from generator.schema import PARTNERSHIP, Field, Kind, json_schema, schema_text

PUBLISHED = ROOT / "partners" / "partnership.schema.json"


def object_fields(field: Field) -> list[Field]:
    found = [field] if field.kind is Kind.OBJECT else []
    for child in (*field.fields, *([field.item] if field.item else [])):
        found += object_fields(child)
    return found


def as_json(text: str) -> Any:
    """A partner file as editors see it: YAML 1.2-like, every scalar a string."""
    return yaml.load(text, Loader=yaml.BaseLoader)


def test_published_schema_is_current() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m generator schema --out partners/partnership.schema.json"
    )


@pytest.mark.parametrize("field", object_fields(PARTNERSHIP), ids=lambda f: f.name or "partnership")
def test_model_matches_schema(field: Field) -> None:
    assert field.model is not None
    names = [f.name for f in dataclasses.fields(field.model) if f.name != "source_path"]
    assert names == [f.name for f in field.fields]


def test_every_field_has_help_in_both_languages() -> None:
    def walk(field: Field) -> list[Field]:
        return [field, *(g for f in field.fields for g in walk(f)), *(walk(field.item) if field.item else [])]

    assert all(f.help_th and f.help_en for f in walk(PARTNERSHIP))


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((ROOT / "partners").rglob("*.yml")) if p.parent.name != "multilateral"],
    ids=lambda p: p.name,
)
def test_bundled_files_satisfy_the_json_schema(path: Path) -> None:
    jsonschema.validate(as_json(path.read_text(encoding="utf-8")), json_schema())


def test_bundled_data_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    # Checked for the real today, as the CI checks a contribution: a file dated today is valid.
    assert main(["validate", "--build-date", today().isoformat()]) == 0
    # Multilateral mechanisms (partners/multilateral/) are not counted as partnerships.
    count = len([p for p in partner_files(ROOT / "partners") if p.parent.name != MULTILATERAL_FOLDER])
    assert capsys.readouterr().out == f"ข้อมูลถูกต้อง: {count} ความสัมพันธ์\n"


# Words of a note that speaks about the data entry or the validator instead of the partnership.
WORKAROUND = re.compile(r"system requires|requires https|validator|schema|ระบบกำหนด|ระบบต้องการ|เพื่อให้ผ่าน", re.I)


def test_no_bundled_note_explains_a_validator_workaround() -> None:
    for path in partner_files(ROOT / "partners"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("note_th", "note_en"):
            assert not WORKAROUND.search(data.get(key) or ""), f"{path}: {key}"


@pytest.mark.parametrize(
    ("old", "new"),
    [("signed: 1999-06-07", "sigend: 1999-06-07"), ("status: active", "status: activ"), ("country: CN", "country: cn")],
)
def test_json_schema_rejects_what_the_validator_rejects(old: str, new: str) -> None:
    jsonschema.validate(as_json(BASELINE), json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(edit(BASELINE, old, new)), json_schema())


def test_choice_descriptions_list_each_code_with_its_thai_label() -> None:
    properties = json_schema()["properties"]
    assert properties["verification"]["description"] == (
        "ผลการตรวจสอบข้อมูลกับแหล่งที่มา: verified = ตรวจสอบกับแหล่งที่มาแล้ว,"
        " unverified = ยังไม่ได้ตรวจสอบกับแหล่งที่มา, disputed = แหล่งที่มาขัดแย้งกัน"
        " / Whether the record was checked against its sources"
    )
    assert properties["verification"]["enum"] == ["verified", "unverified", "disputed"]
    kind = properties["activities"]["items"]["properties"]["kind"]["description"]
    assert kind.startswith("ประเภทกิจกรรม: signing = ลงนาม, renewal = ต่ออายุ, visit = เยือน,")
