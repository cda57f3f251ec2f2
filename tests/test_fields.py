"""One declaration per field: a field declared on the model reaches validation, the JSON Schema, the field
reference, the exports and the model with no other change, and no field is declared anywhere else."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import BASELINE, ROOT, TODAY, write

from generator import exports
from generator import validate as validate_module
from generator.fieldref import render_field_reference
from generator.fieldspec import Kind, Spec, declare, record, spec_of
from generator.loader import load_partners
from generator.model import ActivityKind, Office, Partnership
from generator.refdata import load_refdata
from generator.render import make_env
from generator.schema import CHAPTER, MECHANISM, PARTNERSHIP, Field, declared_field, json_schema, record_field
from generator.strings import load_strings
from generator.validate import validate

STRINGS = load_strings()
REF = load_refdata()
ENV = make_env(ROOT / "templates" / "pages", STRINGS)
FILE = "chiang-mai/kunming.yml"


@record
class Contact:
    """A record holding a record: an office to write to."""

    office: Office = declare("หน่วยงานที่ติดต่อ", "The office to contact")


@record
class Themed(Partnership):
    """A partnership with fields more, declared the way a new field is added to the model: a list of choices, and
    a record whose field is a record."""

    themes: tuple[ActivityKind, ...] = declare(
        "หัวข้อของความร่วมมือ", "Themes of the cooperation", item=Spec("หัวข้อหนึ่งหัวข้อ", "One theme"), default=()
    )
    contact: Contact | None = declare("ผู้ติดต่อเรื่องหัวข้อ", "Contact for the themes", default=None)


THEMED = record_field(Themed, PARTNERSHIP.spec)
ALLOWED = (
    "signing (ลงนาม), renewal (ต่ออายุ), visit (เยือน), meeting (ประชุม), exchange (แลกเปลี่ยน),"
    " trade (การค้าและการลงทุน), education (การศึกษา), culture (วัฒนธรรม), status_change (เปลี่ยนสถานะ), other (อื่น ๆ)"
)


@pytest.fixture
def themed(monkeypatch: pytest.MonkeyPatch) -> Field:
    """Partner files read as Themed records: the schema of the model with the new field, put where the
    validator looks for the partnership's schema."""
    monkeypatch.setattr(validate_module, "PARTNERSHIP", THEMED)
    return THEMED


def check(tmp_path: Path, text: str) -> tuple[list[Partnership], list[str]]:
    partners = write(tmp_path, {FILE: text})
    sources, problems = load_partners(partners, STRINGS)
    records, more = validate(sources, REF, STRINGS, TODAY)
    return records, [str(p).removeprefix(f"{partners}/") for p in problems + more]


def test_a_new_field_is_validated_with_its_english_name(themed: Field, tmp_path: Path) -> None:
    _, problems = check(tmp_path, BASELINE + "themes: [visit, tourism]\n")
    assert problems == [f"{FILE}:24: themes[2]: ค่า 'tourism' ใช้ไม่ได้ ค่าที่ใช้ได้คือ: {ALLOWED}"]


def test_a_new_field_is_typed_in_the_model(themed: Field, tmp_path: Path) -> None:
    records, problems = check(tmp_path, BASELINE + "themes:\n  - visit\n  - trade\n")
    assert problems == []
    (found,) = records
    assert isinstance(found, Themed)
    assert found.themes == (ActivityKind.VISIT, ActivityKind.TRADE)
    assert exports.plain(themed, found)["themes"] == ["visit", "trade"]


def test_a_record_in_a_new_record_is_built_and_checked(themed: Field, tmp_path: Path) -> None:
    records, problems = check(tmp_path, BASELINE + "contact:\n  office:\n    name_th: กองการต่างประเทศ\n")
    assert problems == []
    assert isinstance(records[0], Themed) and records[0].contact == Contact(Office("กองการต่างประเทศ", None, None, None))
    _, problems = check(tmp_path, BASELINE + "contact:\n  office:\n    name_en: Foreign Affairs Division\n")
    assert problems == [f"{FILE}:25: contact.office.name_th: ต้องระบุช่องนี้"]


def test_a_new_field_may_be_left_out_when_its_type_allows(themed: Field, tmp_path: Path) -> None:
    records, problems = check(tmp_path, BASELINE)
    assert problems == [] and isinstance(records[0], Themed)
    assert records[0].themes == () and records[0].contact is None


def test_a_new_field_is_in_the_json_schema() -> None:
    schema = json_schema(THEMED)
    described = ", ".join(f"{m.value} = {STRINGS.label('activity_kind', m.value)}" for m in ActivityKind)
    assert schema["properties"]["themes"] == {
        "description": "หัวข้อของความร่วมมือ / Themes of the cooperation",
        "type": "array",
        "items": {"description": f"หัวข้อหนึ่งหัวข้อ: {described} / One theme", "enum": [m.value for m in ActivityKind]},
    }
    assert "themes" not in schema["required"]
    data = yaml.load(BASELINE + "themes: [visit]\n", Loader=yaml.BaseLoader)
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "themes": ["tourism"]}, schema)


def test_a_new_list_of_choices_is_in_the_field_reference_with_its_allowed_values() -> None:
    page = render_field_reference(ENV, THEMED)["contributing/fields/index.md"]
    row = re.search(r'<tr id="field-themes" class="sc-depth-0">(.*?)</tr>', page, re.DOTALL)
    assert row is not None
    assert '<td>หัวข้อของความร่วมมือ<br><small lang="en">Themes of the cooperation</small></td>' in row[1]
    values = re.findall(r"<li><code>(\w+)</code> ([^<]+)</li>", row[1])
    assert values == [(m.value, STRINGS.label("activity_kind", m.value)) for m in ActivityKind]


def records_of(fld: Field) -> list[Field]:
    """The field of every record a file holds: the file's own, its objects' and its lists' items'."""
    found = [fld] if fld.model is not None else []
    for child in (*fld.fields, *([fld.item] if fld.item else [])):
        found += records_of(child)
    return found


# What a record holds that no file gives: where it was read from, and a mechanism's id (always its path's).
UNDECLARED = {("Partnership", "source_path"), ("Mechanism", "id"), ("Mechanism", "source_path")}


@pytest.mark.parametrize(
    "fld", [f for root in (PARTNERSHIP, MECHANISM, CHAPTER) for f in records_of(root)], ids=lambda f: f.name or "file"
)
def test_every_record_attribute_has_exactly_one_declaration(fld: Field) -> None:
    """Each attribute of a record is either declared (its Spec in its metadata) or one of the few no file gives;
    the schema's field is that declaration itself, not a copy."""
    assert fld.model is not None
    declared = []
    for attribute in dataclasses.fields(fld.model):
        spec = spec_of(attribute)
        assert (spec is None) is ((fld.model.__name__, attribute.name) in UNDECLARED), attribute.name
        if spec is not None:
            declared.append((attribute.name, spec))
    assert [(f.name, f.spec) for f in fld.fields] == declared
    assert all(f.spec is spec for f, (_, spec) in zip(fld.fields, declared, strict=True))


def calls(path: Path) -> list[tuple[str, ast.Call]]:
    """Every call in a module, by the name it calls."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            names.append((name, node))
    return names


def test_no_field_is_declared_outside_the_model() -> None:
    """Fields are declared in generator/model.py only; the schema's Fields are named by the model's attributes,
    never by a name written in another module."""
    for path in sorted((ROOT / "generator").glob("*.py")):
        for name, call in calls(path):
            if name in ("declare", "shared") and path.name not in ("model.py", "fieldspec.py"):
                pytest.fail(f"{path.name}:{call.lineno}: a field declared outside the model")
            named = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "name")]
            if name == "Field" and any(isinstance(arg, ast.Constant) for arg in named):
                pytest.fail(f"{path.name}:{call.lineno}: a Field named in the schema rather than on the model")


def test_a_fields_kind_and_requirement_follow_from_its_type() -> None:
    def at(path: str) -> Field:
        fld: Field | None = PARTNERSHIP
        for part in path.split("."):
            assert fld is not None
            fld = fld.child(part)
        assert fld is not None
        return fld

    shown = {
        path: (at(path).kind, at(path).required)
        for path in ("id", "type", "signed", "expires", "note_th", "sources", "checked", "partner.country")
    }
    assert shown == {
        "id": (Kind.SLUG, False),  # declared optional: the validator derives it from the path
        "type": (Kind.CHOICE, True),
        "signed": (Kind.PARTIAL_DATE, False),
        "expires": (Kind.DATE, False),
        "note_th": (Kind.LONG_TEXT, False),
        "sources": (Kind.LIST, True),  # at least one item
        "checked": (Kind.OBJECT, False),
        "partner.country": (Kind.COUNTRY, True),
    }
    sources = at("sources").item
    assert sources is not None and sources.kind is Kind.SOURCE_URL


def test_a_type_the_schema_cannot_read_is_named() -> None:
    with pytest.raises(AssertionError, match=r"^count: no kind of field has the type <class 'int'>$"):
        declared_field("count", int, Spec("จำนวน", "Count"))
    with pytest.raises(AssertionError, match=r"^names: a list declares what its items are$"):
        declared_field("names", tuple[str, ...], Spec("ชื่อ", "Names"))
