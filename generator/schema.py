"""The schema of partner files and chapter front matter, derived from the model's one declaration of each field.

generator.model declares each field once, on its record class: its type says how its value is read, its Spec
(generator.fieldspec) gives its help and limits. This module walks those classes into a tree of Fields, which
drives validation, the published JSON Schema and the field reference in the contributor chapter.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator import model
from generator.fieldspec import Kind as Kind  # re-exported: the schema's readers take it from here
from generator.fieldspec import Spec, spec_of
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


@dataclass(frozen=True)
class Field:
    """One field of a file: its name, how its value is read, and its declaration (help and limits)."""

    name: str
    kind: Kind
    spec: Spec
    required: bool = False
    choices: type[enum.Enum] | None = None
    fields: tuple[Field, ...] = ()
    item: Field | None = None
    model: type | None = None

    @property
    def help_th(self) -> str:
        """What the field holds, in Thai."""
        return self.spec.help_th

    @property
    def help_en(self) -> str:
        """What the field holds, in English."""
        return self.spec.help_en

    @property
    def past(self) -> bool:
        """Whether the date must not be after the build date."""
        return self.spec.past

    @property
    def max_length(self) -> int:
        """The longest text the field takes."""
        return self.spec.max_length

    @property
    def min_items(self) -> int:
        """The fewest items the list takes."""
        return self.spec.min_items

    @property
    def missing(self) -> str | None:
        """The errors key of the message when the field is missing, if not the general one."""
        return self.spec.missing

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


# How a value of each type of a declared field is read: an enum is a choice, a record an object, and text other
# than one plain line says its kind in its annotation (model.Url is Annotated[str, Kind.URL]).
SCALAR_KINDS: dict[object, Kind] = {
    str: Kind.TEXT,
    datetime.date: Kind.DATE,
    model.PartialDate: Kind.PARTIAL_DATE,
    model.Province: Kind.PROVINCE,
    model.Country: Kind.COUNTRY,
}


def record_field(cls: type, spec: Spec, name: str = "", required: bool = False) -> Field:
    """The object Field of a record class: one sub-field per declared field, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = tuple(
        declared_field(f.name, hints[f.name], declared)
        for f in dataclasses.fields(cls)
        if (declared := spec_of(f)) is not None
    )
    return Field(name, Kind.OBJECT, spec, required, fields=fields, model=cls)


def declared_field(name: str, hint: Any, spec: Spec) -> Field:
    """The Field of one declared field: its kind from its type, its help and limits from its Spec."""
    hint, optional = _unwrap_optional(hint)
    if typing.get_origin(hint) is tuple:
        assert spec.item is not None, f"{name}: a list declares what its items are"
        item = declared_field(f"{name}[]", typing.get_args(hint)[0], spec.item)
        return Field(name, Kind.LIST, spec, _required(spec, spec.min_items > 0), item=item)
    required = _required(spec, not optional)
    if typing.get_origin(hint) is typing.Annotated:
        (kind,) = (m for m in hint.__metadata__ if isinstance(m, Kind))
        return Field(name, kind, spec, required)
    if hint in SCALAR_KINDS:
        return Field(name, SCALAR_KINDS[hint], spec, required)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return Field(name, Kind.CHOICE, spec, required, choices=hint)
    assert dataclasses.is_dataclass(hint), f"{name}: no kind of field has the type {hint}"
    return record_field(typing.cast(type, hint), spec, name, required)


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether it was one."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return inner, True
    return hint, False


def _required(spec: Spec, by_type: bool) -> bool:
    return by_type if spec.required is None else spec.required


PARTNERSHIP = record_field(model.Partnership, Spec("ความสัมพันธ์เมืองพี่เมืองน้องหนึ่งคู่", "One partnership"))
MECHANISM = record_field(
    model.Mechanism,
    Spec(
        "กลไกความร่วมมือพหุภาคีหนึ่งกลไก (การประชุม คณะกรรมการ หรือข้อตกลงร่วม) ที่มีสมาชิกมากกว่าสองฝ่าย",
        "One multilateral mechanism (a conference, a committee or a joint agreement) with more than two members",
    ),
)
CHAPTER = record_field(model.ChapterMeta, Spec("ส่วนหัวของบทในคู่มือ", "Front matter of a handbook chapter"))

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
