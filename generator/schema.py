"""The partnership schema, declared once as data.

This one declaration drives validation, the published JSON Schema and the field
reference in the contributor chapter.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from generator import model
from generator.strings import Strings, load_strings

# An address as offices have them (letters, digits, . _ + - before the @; a host name after it): nothing that a
# mailto: link would read as more than an address (?subject=, &body=, %-escapes, a second @).
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_PATTERN = f"^[A-Za-z0-9._+-]+@{_LABEL}(?:\\.{_LABEL})+$"


# The CSV export writes a list in one cell: its items joined by LIST_SEPARATOR, the fields of an item by
# ITEM_SEPARATOR. Excel and LibreOffice cut a cell at CELL_LIMIT characters, so the validator refuses longer lists.
LIST_SEPARATOR = " | "
ITEM_SEPARATOR = "; "
CELL_LIMIT = 32_767


class Kind(enum.Enum):
    """How a field's YAML value is read."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    SLUG = "slug"
    URL = "url"
    SOURCE_URL = "source_url"
    EMAIL = "email"
    DATE = "date"
    PARTIAL_DATE = "partial_date"
    CHOICE = "choice"
    PROVINCE = "province"
    COUNTRY = "country"
    OBJECT = "object"
    LIST = "list"


@dataclass(frozen=True)
class Field:
    """One field of a partner file, with its help text in Thai and English."""

    name: str
    kind: Kind
    help_th: str
    help_en: str
    required: bool = False
    choices: type[enum.Enum] | None = None
    fields: tuple[Field, ...] = ()
    item: Field | None = None
    model: type | None = None
    past: bool = False
    max_length: int = 200
    min_items: int = 0
    # The errors key of the message when the field is missing (or a list has too few items), if not the general one.
    missing: str | None = None

    def child(self, name: str) -> Field | None:
        """The sub-field called name, if this object field has one."""
        return self._children.get(name)

    @functools.cached_property
    def _children(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


# Which group of the strings file labels the values of each choice.
CHOICE_LABELS: dict[type[enum.Enum], str] = {
    model.ThaiLevel: "thai_level",
    model.PartnerLevel: "partner_level",
    model.RelationType: "type",
    model.Status: "status",
    model.Verification: "verification",
    model.Evidence: "evidence",
    model.ActivityKind: "activity_kind",
    model.DocumentKind: "document_kind",
    model.MechanismKind: "mechanism_kind",
}


def choice_labels(choices: type[enum.Enum], strings: Strings) -> Iterator[tuple[enum.Enum, str]]:
    """Each allowed value of a choice with its Thai label, in declaration order."""
    group = CHOICE_LABELS[choices]
    for member in choices:
        yield member, strings.label(group, member.value)


def allowed_choices(choices: type[enum.Enum], strings: Strings, pattern: str) -> str:
    """The allowed values as one list, each as pattern says: '{code} ({label})' or '{code} = {label}'."""
    return ", ".join(pattern.format(code=m.value, label=label) for m, label in choice_labels(choices, strings))


def find_choice(choices: type[enum.Enum], strings: Strings, text: str) -> enum.Enum | None:
    """The value a text names: its code in any case, or its Thai label (เมืองมิตรภาพ → friendship_city)."""
    wanted = " ".join(text.split()).casefold()
    for member, label in choice_labels(choices, strings):
        if wanted in (member.value.casefold(), " ".join(label.split()).casefold()):
            return member
    return None


def _text(name: str, th: str, en: str, required: bool = False, max_length: int = 200) -> Field:
    return Field(name, Kind.TEXT, th, en, required=required, max_length=max_length)


def _other_names(th: str, en: str) -> Field:
    return Field("other_names", Kind.LIST, th, en, item=_text("name", "ชื่ออื่นหนึ่งชื่อ", "One other name"))


# How a date may be written when sources give no exact one.
BOUND_HELP_TH = "ถ้าทราบเพียงขอบเขต เขียน before 2012-07 (ก่อน), by 2006 (ไม่ช้ากว่า) หรือ about 2006 (ประมาณ)"
BOUND_HELP_EN = "when only a bound is known: before 2012-07, by 2006 or about 2006"


ACTIVITY = Field(
    "activity",
    Kind.OBJECT,
    "กิจกรรมหนึ่งรายการ",
    "One activity",
    model=model.Activity,
    fields=(
        Field(
            "date",
            Kind.PARTIAL_DATE,
            "วันที่จัดกิจกรรม (ค.ศ.) เช่น 2024-04-02 หรือ 2024-04 หรือ 2024",
            "Date of the activity (CE): 2024-04-02, 2024-04 or 2024",
            required=True,
            past=True,
        ),
        Field("kind", Kind.CHOICE, "ประเภทกิจกรรม", "Kind of activity", required=True, choices=model.ActivityKind),
        _text("title_th", "ชื่อกิจกรรมโดยย่อ ภาษาไทย", "Short title in Thai", required=True, max_length=300),
        _text("title_en", "ชื่อกิจกรรมโดยย่อ ภาษาอังกฤษ", "Short title in English", max_length=300),
        Field("source", Kind.URL, "ลิงก์ข่าวหรือเอกสารที่ยืนยันกิจกรรม", "Link to a report of the activity"),
    ),
)

DOCUMENT = Field(
    "document",
    Kind.OBJECT,
    "เอกสารหนึ่งรายการ",
    "One document",
    model=model.Document,
    fields=(
        Field("kind", Kind.CHOICE, "ประเภทเอกสาร", "Kind of document", required=True, choices=model.DocumentKind),
        _text("title_th", "ชื่อเอกสาร ภาษาไทย", "Title in Thai", required=True, max_length=300),
        _text("title_en", "ชื่อเอกสาร ภาษาอังกฤษ", "Title in English", max_length=300),
        Field("date", Kind.PARTIAL_DATE, "วันที่ของเอกสาร (ค.ศ.)", "Date of the document (CE)", past=True),
        Field("url", Kind.URL, "ลิงก์ไปยังเอกสาร", "Link to the document"),
    ),
)

PARTNERSHIP = Field(
    "",
    Kind.OBJECT,
    "ความสัมพันธ์เมืองพี่เมืองน้องหนึ่งคู่",
    "One partnership",
    model=model.Partnership,
    fields=(
        Field(
            "id",
            Kind.SLUG,
            "รหัสถาวรของความสัมพันธ์ (ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ -) ถ้าไม่ระบุจะได้จากชื่อโฟลเดอร์และชื่อไฟล์"
            " ระบุเมื่อเปลี่ยนชื่อไฟล์เพื่อให้ลิงก์เดิมยังใช้ได้",
            "Stable id (lowercase ASCII, digits, '-'); derived from the file path when absent."
            " Set it when renaming a file so that links keep working",
            max_length=100,
        ),
        Field(
            "thai_party",
            Kind.OBJECT,
            "ฝ่ายไทย",
            "The Thai party",
            required=True,
            model=model.ThaiParty,
            fields=(
                Field(
                    "level",
                    Kind.CHOICE,
                    "ระดับของฝ่ายไทย",
                    "Level of the Thai party",
                    required=True,
                    choices=model.ThaiLevel,
                ),
                _text("name_th", "ชื่อฝ่ายไทย ภาษาไทย เช่น จังหวัดเชียงใหม่", "Name in Thai", required=True),
                _text("name_en", "ชื่อฝ่ายไทย ภาษาอังกฤษ เช่น Chiang Mai Province", "Name in English", required=True),
                Field(
                    "province",
                    Kind.PROVINCE,
                    "รหัสจังหวัด ISO 3166-2 เช่น TH-50 (กรุงเทพมหานครคือ TH-10)",
                    "ISO 3166-2 code of the province, e.g. TH-50 (Bangkok is TH-10)",
                    required=True,
                ),
                _other_names("ชื่ออื่นของฝ่ายไทย เช่น ชื่อเดิมหรือชื่อที่สะกดต่างกัน", "Other names of the Thai party"),
            ),
        ),
        Field(
            "partner",
            Kind.OBJECT,
            "ฝ่ายต่างประเทศ",
            "The foreign partner",
            required=True,
            model=model.ForeignPartner,
            fields=(
                _text("name_en", "ชื่อเมืองหรือมณฑลคู่สัมพันธ์ ภาษาอังกฤษ", "Name in English", required=True),
                _text("name_th", "ชื่อภาษาไทย เช่น คุนหมิง", "Name in Thai", required=True),
                _text("name_native", "ชื่อในภาษาและอักษรของประเทศนั้น เช่น 昆明", "Name in the partner's own script"),
                Field(
                    "country",
                    Kind.COUNTRY,
                    "รหัสประเทศ ISO 3166-1 สองตัวอักษร เช่น CN, JP, US",
                    "ISO 3166-1 alpha-2 country code, e.g. CN, JP, US",
                    required=True,
                ),
                Field(
                    "level",
                    Kind.CHOICE,
                    "ระดับการปกครองของฝ่ายต่างประเทศ",
                    "Administrative level of the partner",
                    required=True,
                    choices=model.PartnerLevel,
                ),
                _other_names(
                    "ชื่ออื่นของฝ่ายต่างประเทศ ในอักษรใดก็ได้ เช่น ตัวสะกดอื่น ชื่อเดิม หรือชื่อในอักษรจีนตัวเต็ม 長春",
                    "Other names of the partner in any script: other spellings, former names",
                ),
            ),
        ),
        Field(
            "type", Kind.CHOICE, "ประเภทความสัมพันธ์", "Type of relationship", required=True, choices=model.RelationType
        ),
        Field("status", Kind.CHOICE, "สถานะปัจจุบัน", "Current lifecycle status", required=True, choices=model.Status),
        Field(
            "status_since",
            Kind.PARTIAL_DATE,
            "วันที่สถานะปัจจุบันเริ่มมีผล (ค.ศ.)",
            "Date the current status took effect (CE)",
            past=True,
        ),
        Field(
            "status_source",
            Kind.URL,
            "ลิงก์แหล่งที่มาที่ยืนยันสถานะปัจจุบัน",
            "Link to the source that confirms the current status",
        ),
        Field(
            "signed",
            Kind.PARTIAL_DATE,
            f"วันที่ลงนาม (ค.ศ.) เช่น 1999-06-07 หรือ 2015 ถ้าทราบเพียงปี {BOUND_HELP_TH}",
            f"Date of signing (CE): 1999-06-07, or 2015 when only the year is known; {BOUND_HELP_EN}",
            past=True,
        ),
        Field("renewed", Kind.PARTIAL_DATE, "วันที่ต่ออายุครั้งล่าสุด (ค.ศ.)", "Date of the latest renewal (CE)", past=True),
        Field("expires", Kind.DATE, "วันที่ข้อตกลงสิ้นสุด (ค.ศ.) ถ้ามีกำหนด", "Date the agreement expires (CE)"),
        Field("review_by", Kind.DATE, "วันที่ควรทบทวนข้อมูลนี้อีกครั้ง (ค.ศ.)", "Date by which to review this record"),
        Field("activities", Kind.LIST, "กิจกรรมที่เกิดขึ้นแล้ว ตามลำดับเวลา", "Dated activities", item=ACTIVITY),
        Field(
            "responsible_office",
            Kind.OBJECT,
            "หน่วยงานรับผิดชอบฝ่ายไทย (ระบุตำแหน่งหรือหน่วยงาน ไม่ใช่ชื่อบุคคล)",
            "Responsible office (a role, not a person)",
            model=model.Office,
            fields=(
                _text("name_th", "ชื่อหน่วยงาน ภาษาไทย", "Office name in Thai", required=True),
                _text("name_en", "ชื่อหน่วยงาน ภาษาอังกฤษ", "Office name in English"),
                Field("email", Kind.EMAIL, "อีเมลของหน่วยงาน", "Office e-mail address"),
                Field("url", Kind.URL, "เว็บไซต์ของหน่วยงาน", "Office website"),
            ),
        ),
        Field("documents", Kind.LIST, "เอกสารของความสัมพันธ์", "Documents", item=DOCUMENT),
        Field(
            "note_th",
            Kind.LONG_TEXT,
            "หมายเหตุ ภาษาไทย เช่น ข้อที่แหล่งข้อมูลยังไม่ยืนยัน",
            "Note in Thai, e.g. what the sources could not confirm",
            max_length=2000,
        ),
        Field("note_en", Kind.LONG_TEXT, "หมายเหตุ ภาษาอังกฤษ", "Note in English", max_length=2000),
        Field(
            "sources",
            Kind.LIST,
            "ลิงก์แหล่งที่มาตามที่เปิดอ่านได้จริง (https:// หรือ http:// ถ้าแหล่งนั้นมีแต่ http://) อย่างน้อยหนึ่งรายการ",
            "Source links as they were actually read (https://, or http:// where the source has only that);"
            " at least one",
            required=True,
            min_items=1,
            missing="sources_missing",
            item=Field("source", Kind.SOURCE_URL, "ลิงก์แหล่งที่มา", "Source link"),
        ),
        Field(
            "evidence",
            Kind.CHOICE,
            "หลักฐานที่หนักแน่นที่สุดที่แหล่งที่มาแสดงถึงความสัมพันธ์นี้",
            "The strongest evidence of the tie that the sources show",
            required=True,
            choices=model.Evidence,
        ),
        Field(
            "verification",
            Kind.CHOICE,
            "ผลการตรวจสอบข้อมูลกับแหล่งที่มา",
            "Whether the record was checked against its sources",
            required=True,
            choices=model.Verification,
        ),
        Field(
            "checked",
            Kind.OBJECT,
            "การตรวจสอบกับแหล่งที่มาครั้งล่าสุด: ใส่เฉพาะเมื่อมีผู้เปิดแหล่งที่มาตรวจจริง (ต้องมีเมื่อ verification: verified)",
            "The latest check against the sources: only when someone actually opened them (required when verified)",
            model=model.Check,
            fields=(
                Field(
                    "date",
                    Kind.PARTIAL_DATE,
                    "วันที่ตรวจ (ค.ศ.) เช่น 2026-12-06 หรือ 2026-11",
                    "Date of the check (CE), e.g. 2026-12-06 or 2026-11",
                    required=True,
                    past=True,
                ),
                _text(
                    "what_th",
                    "ตรวจอะไรกับแหล่งใด ภาษาไทย เช่น เปิดข่าวของจังหวัดแล้ว วันที่ลงนามและชื่อคู่ตรงกัน",
                    "What was compared with which source, in Thai",
                    required=True,
                    max_length=500,
                ),
                _text(
                    "what_en",
                    "ตรวจอะไรกับแหล่งใด ภาษาอังกฤษ",
                    "What was compared with which source, in English",
                    max_length=500,
                ),
            ),
        ),
    ),
)


def _shared(name: str) -> Field:
    """A field of a partner file that a mechanism file has too, declared once in PARTNERSHIP."""
    found = PARTNERSHIP.child(name)
    assert found is not None, name
    return found


MECHANISM = Field(
    "",
    Kind.OBJECT,
    "กลไกความร่วมมือพหุภาคีหนึ่งกลไก (การประชุม คณะกรรมการ หรือข้อตกลงร่วม) ที่มีสมาชิกมากกว่าสองฝ่าย",
    "One multilateral mechanism (a conference, a committee or a joint agreement) with more than two members",
    model=model.Mechanism,
    fields=(
        _text("name_th", "ชื่อกลไก ภาษาไทย เช่น การประชุมระดับสูง 3 ประเทศ 9 จังหวัด", "Name in Thai", required=True),
        _text("name_en", "ชื่อกลไก ภาษาอังกฤษ", "Name in English", required=True),
        Field(
            "kind",
            Kind.CHOICE,
            "ประเภทของกลไก: conference (การประชุมที่จัดต่อเนื่อง) committee (คณะกรรมการ)"
            " joint_agreement (ข้อตกลงหรือบันทึกความเข้าใจฉบับเดียวที่ลงนามร่วมกันหลายฝ่าย)",
            "Kind of mechanism: a recurring conference, a standing committee, or one joint agreement",
            required=True,
            choices=model.MechanismKind,
        ),
        Field(
            "thai_members",
            Kind.LIST,
            "จังหวัดของไทยที่เป็นสมาชิก เป็นรหัส ISO 3166-2 เช่น TH-43 อย่างน้อยหนึ่งจังหวัด",
            "The Thai member provinces as ISO 3166-2 codes, e.g. TH-43; at least one",
            required=True,
            min_items=1,
            item=Field("province", Kind.PROVINCE, "รหัสจังหวัด ISO 3166-2 เช่น TH-43", "ISO 3166-2 code, e.g. TH-43"),
        ),
        Field(
            "foreign_members",
            Kind.LIST,
            "ฝ่ายต่างประเทศที่เป็นสมาชิก อย่างน้อยหนึ่งฝ่าย แต่ละฝ่ายเขียนช่องเดียวกับ partner ในไฟล์ความสัมพันธ์",
            "The foreign members, at least one, each with the fields of a partnership's partner",
            required=True,
            min_items=1,
            item=replace(_shared("partner"), name="member", help_th="ฝ่ายต่างประเทศหนึ่งฝ่าย", help_en="One foreign member"),
        ),
        Field(
            "started",
            Kind.PARTIAL_DATE,
            f"วันที่กลไกเริ่ม (ค.ศ.) เช่น 2004 หรือ 2004-03 {BOUND_HELP_TH}",
            f"Date the mechanism began (CE), e.g. 2004 or 2004-03; {BOUND_HELP_EN}",
            past=True,
        ),
        replace(
            _shared("signed"),
            help_th=f"วันที่ลงนามข้อตกลงที่ตั้งกลไก (ค.ศ.) ถ้ามี {BOUND_HELP_TH}",
            help_en=f"Date the agreement founding the mechanism was signed (CE), if any; {BOUND_HELP_EN}",
        ),
        _shared("status"),
        _shared("evidence"),
        _shared("activities"),
        _shared("documents"),
        _shared("note_th"),
        _shared("note_en"),
        _shared("sources"),
        _shared("verification"),
        _shared("checked"),
    ),
)


CHAPTER = Field(
    "",
    Kind.OBJECT,
    "ส่วนหัวของบทในคู่มือ",
    "Front matter of a handbook chapter",
    model=model.ChapterMeta,
    fields=(
        _text("title", "ชื่อบท ถ้าต่างจากหัวข้อแรก", "Title, when it differs from the first heading"),
        _text("description", "คำอธิบายสั้นสำหรับเครื่องมือค้นหา", "Short description for search engines", max_length=300),
        Field(
            "hide",
            Kind.LIST,
            "ส่วนของหน้าที่ซ่อน เช่น toc",
            "Parts of the page to hide, e.g. toc",
            item=_text("part", "ส่วนที่ซ่อน", "Part to hide"),
        ),
        Field(
            "reviewed", Kind.DATE, "วันที่ตรวจทานเนื้อหาครั้งล่าสุด (ค.ศ.)", "Date the chapter was last reviewed (CE)", past=True
        ),
        Field("review_by", Kind.DATE, "วันที่ควรตรวจทานครั้งถัดไป (ค.ศ.)", "Date by which to review it again (CE)"),
    ),
)

_JSON_TYPES: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: {"type": "string", "minLength": 1},
    Kind.LONG_TEXT: {"type": "string"},
    Kind.SLUG: {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    Kind.URL: {"type": "string", "pattern": "^(https?://|mailto:)"},
    Kind.SOURCE_URL: {"type": "string", "pattern": "^https?://"},
    Kind.EMAIL: {"type": "string", "pattern": EMAIL_PATTERN},
    Kind.DATE: {"type": "string", "pattern": "^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$"},
    Kind.PARTIAL_DATE: {
        "type": ["string", "integer"],
        "pattern": "^((before|by|about) )?[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?$",
    },
    Kind.PROVINCE: {"type": "string", "pattern": "^TH-[0-9]{2}$"},
    Kind.COUNTRY: {"type": "string", "pattern": "^[A-Z]{2}$"},
}


def json_schema(field: Field = PARTNERSHIP, strings: Strings | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a partner file, for editors and data users."""
    out = _json_field(field, strings or load_strings())
    if field is PARTNERSHIP:
        out = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "partnership.schema.json",
            "title": "Thai sister-city partnership",
            **out,
        }
    elif field is MECHANISM:
        out = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "mechanism.schema.json",
            "title": "Multilateral cooperation mechanism of Thai provinces",
            **out,
        }
    return out


def _json_field(field: Field, strings: Strings) -> dict[str, Any]:
    help_th = field.help_th
    if field.choices is not None:
        # Editors show the description: the same code = Thai label pairs as `new --help` and the validator.
        help_th = f"{help_th}: {allowed_choices(field.choices, strings, '{code} = {label}')}"
    out: dict[str, Any] = {"description": f"{help_th} / {field.help_en}"}
    if field.kind is Kind.OBJECT:
        out["type"] = "object"
        out["additionalProperties"] = False
        out["properties"] = {f.name: _json_field(f, strings) for f in field.fields}
        out["required"] = [f.name for f in field.fields if f.required]
    elif field.kind is Kind.LIST:
        assert field.item is not None
        out["type"] = "array"
        out["items"] = _json_field(field.item, strings)
        if field.min_items:
            out["minItems"] = field.min_items
    elif field.kind is Kind.CHOICE:
        assert field.choices is not None
        out["enum"] = [c.value for c in field.choices]
    else:
        out.update(_JSON_TYPES[field.kind])
    if field.kind in (Kind.TEXT, Kind.LONG_TEXT):
        out["maxLength"] = field.max_length
    return out


def schema_text(field: Field = PARTNERSHIP) -> str:
    """The JSON Schema as published: UTF-8 JSON, indented, ending in a newline."""
    return json.dumps(json_schema(field), ensure_ascii=False, indent=2) + "\n"
