"""How a field of a file is declared: once, on the model's dataclass, beside its type.

A record of the model (a partnership, its Thai party, an activity …) is a `@record` class; each of its fields that
a file holds is an annotated attribute whose value is `declare(...)` (or `shared(...)` for a declaration two
records have in common). The annotation says how the value is typed and read; the declaration says the rest: the
help in Thai and English and the limits of the value. generator.schema reads the classes and derives the tree of
fields that drives validation, the JSON Schema and the field reference.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
# The key of a field's Spec in the metadata of its dataclass field.
SPEC = "spec"


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
class Spec:
    """What a field's type does not say: its help in Thai and English and the limits of its value."""

    help_th: str
    help_en: str
    # What one item of a list is, when the field is a list.
    item: Spec | None = None
    # Whether a file must give the field; None: it must unless its type allows None or it is a list that may be empty.
    required: bool | None = None
    # Whether the date must not be after the build date.
    past: bool = False
    max_length: int = 200
    min_items: int = 0
    # The errors key of the message when the field is missing (or a list has too few items), if not the general one.
    missing: str | None = None


def shared(spec: Spec, *, default: Any = dataclasses.MISSING) -> Any:
    """A field of a record declared by spec, which a field of another record has too."""
    return dataclasses.field(default=default, metadata={SPEC: spec})


def declare(
    help_th: str,
    help_en: str,
    *,
    default: Any = dataclasses.MISSING,
    item: Spec | None = None,
    required: bool | None = None,
    past: bool = False,
    max_length: int = 200,
    min_items: int = 0,
    missing: str | None = None,
) -> Any:
    """A field of a record: its help, the limits of its value and its default as in dataclasses.field()."""
    return shared(Spec(help_th, help_en, item, required, past, max_length, min_items, missing), default=default)


@dataclass_transform(frozen_default=True, field_specifiers=(declare, shared))
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass whose fields are declared with declare() or shared()."""
    return dataclasses.dataclass(frozen=True)(cls)


def spec_of(field: dataclasses.Field[Any]) -> Spec | None:
    """The declaration of a dataclass field, or None for what no file gives (a record's source path)."""
    found = field.metadata.get(SPEC)
    return found if isinstance(found, Spec) else None
