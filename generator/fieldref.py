"""The field reference of the contributor chapter, generated from the one schema declaration."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import jinja2

from generator.render import Links, env_edition
from generator.schema import CHOICE_LABELS, MECHANISM, PARTNERSHIP, Field, Kind

FIELDS_URL = "contributing/fields/"


@dataclass(frozen=True)
class Row:
    """One field as the reference shows it: its dotted name, its declaration and its nesting depth."""

    name: str
    field: Field
    depth: int

    @property
    def choices(self) -> type[enum.Enum] | None:
        """The allowed values of a choice, or of each item of a list of choices."""
        item = self.field.item
        return self.field.choices or (item.choices if item is not None else None)

    @property
    def labels(self) -> str | None:
        """The strings group labelling the allowed values, if there are any."""
        return CHOICE_LABELS[self.choices] if self.choices is not None else None


def field_rows(fld: Field = PARTNERSHIP, prefix: str = "", depth: int = 0) -> list[Row]:
    """Every field in declaration order, sub-fields after their parent: thai_party.province, activities[].date."""
    rows: list[Row] = []
    for sub in fld.fields:
        name = prefix + sub.name
        rows.append(Row(name, sub, depth))
        if sub.kind is Kind.OBJECT:
            rows += field_rows(sub, name + ".", depth + 1)
        elif sub.item is not None and sub.item.kind is Kind.OBJECT:
            rows += field_rows(sub.item, name + "[].", depth + 1)
    return rows


def render_field_reference(
    env: jinja2.Environment, partnership: Field = PARTNERSHIP, mechanism: Field = MECHANISM
) -> dict[str, str]:
    """The generated field reference page of the two kinds of partner file, keyed by its path in the docs folder."""
    page = env.get_template("fields.md.j2").render(
        link=Links(FIELDS_URL, edition=env_edition(env)),
        rows=field_rows(partnership),
        mechanism_rows=field_rows(mechanism),
    )
    return {FIELDS_URL + "index.md": page}
