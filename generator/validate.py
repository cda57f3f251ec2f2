"""Check partner files against the schema and turn them into the typed model.

Every problem in every file is collected; nothing is skipped silently.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import ipaddress
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.errors import Problem, printable
from generator.loader import SourceFile
from generator.model import (
    ESTABLISHED_STATUSES,
    REPORTED_EVIDENCE,
    Bound,
    Evidence,
    Mechanism,
    PartialDate,
    Partnership,
    ThaiLevel,
    Verification,
)
from generator.refdata import RefData
from generator.reserved import MULTILATERAL_FOLDER, TOKENS
from generator.schema import (
    CELL_LIMIT,
    CHOICE_LABELS,
    EMAIL_PATTERN,
    ITEM_SEPARATOR,
    LIST_SEPARATOR,
    MECHANISM,
    PARTNERSHIP,
    Field,
    Kind,
    allowed_choices,
    find_choice,
)
from generator.strings import BE_OFFSET, Strings

INVALID: Any = object()
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EMAIL = re.compile(EMAIL_PATTERN)
# ASCII digits only: the JSON Schema's patterns say [0-9], and Thai or fullwidth digits are not what it means.
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
PARTIAL_DATE = re.compile(r"(?:(before|by|about) )?([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Fields that were replaced, with the message that says what to write instead.
RETIRED = {"last_verified": "retired_last_verified"}
# The longest id: page folders and file names stay well inside every file system's 255-byte name limit.
ID_LIMIT = PARTNERSHIP.fields[0].max_length
CE_YEARS = range(1900, 2200)
BE_YEARS = range(2400, 2800)
# How a message shows an allowed value of a choice: the code to write and its Thai label.
CHOICE_SHOWN = "{code} ({label})"
# Dates written in other common layouts, read only to say what to write instead: 22/09/2554, 22.9.2011,
# 2011/09/22, 09/2554, 22 ก.ย. 2554, 22 กันยายน พ.ศ. 2554 (Thai digits too).
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
DAY_FIRST = re.compile(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})")
YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?")
MONTH_NAMED = re.compile(r"(?:(\d{1,2})\s*)?(\D+?)\s*(\d{4})")
ERA = re.compile(r"(?:พ|ค)\.?\s*ศ\.?$")
# Control characters (Unicode category Cc) and bidirectional overrides, which can make text read
# differently from what it is; a newline is allowed in long text only.
# Non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, the last two of every plane) and lone surrogates make XML
# ill-formed or UTF-8 unwritable.
NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
ASTRAL_NONCHARACTERS = "".join(chr(plane * 0x10000 + low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
# Two parts, because re makes its fast lookup table only for a class within the BMP: with the other planes' code
# points in the same class it tries them one by one on every character (7 times slower over partner files).
# Past the BMP, only a character from U+1FFFE on is looked at again, by the lookbehind.
HIDDEN = re.compile(
    f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{NONCHARACTERS}]"
    f"|[\U0001fffe-\U0010ffff](?<=[{ASTRAL_NONCHARACTERS}])"
)
# The longest address a source or link may have: browsers and spreadsheets handle it, nobody types more.
MAX_URL = 2000
# Host names that only mean something on the reader's own machine or network.
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
SPACE = re.compile(r"\s")  # the characters str.isspace() accepts
BOUNDS = frozenset(b.value for b in Bound)
# The pipeline's markers in any letter case: every text is searched once for any of them (the first in TOKENS'
# order is named only when one is there).
FOLDED_TOKENS = {token: token.casefold() for token in TOKENS}
RESERVED = re.compile("|".join(re.escape(marker) for marker in FOLDED_TOKENS.values()))
# The field names of each type _text_length has met (None for a type that is not a dataclass).
FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


@dataclass
class _Checker:
    """Walks one file's YAML tree along the schema, recording problems with their lines."""

    path: str
    today: datetime.date
    ref: RefData
    strings: Strings
    problems: list[Problem]
    lines: dict[str, int] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)

    def report(self, node: yaml.Node, where: str, msg: str, /, **values: object) -> Any:
        """Record a problem at the node's line and return INVALID."""
        return self.report_line(node.start_mark.line + 1, where, msg, **values)

    def report_line(self, line: int, where: str, msg: str, /, **values: object) -> Any:
        """Record a problem at a line and return INVALID."""
        message = self.strings.error(msg, **values)
        self.problems.append(Problem(self.path, line, where or "(file)", message, msg))
        return INVALID

    def value(self, node: yaml.Node, fld: Field, where: str, line: int = 0) -> Any:
        """The typed value of a node, None when empty, or INVALID; line is where it is used."""
        if id(node) in self.seen:
            return self.report_line(line or node.start_mark.line + 1, where, "alias")
        self.seen.add(id(node))
        if fld.kind is Kind.OBJECT:
            return self.mapping(node, fld, where)
        if fld.kind is Kind.LIST:
            return self.sequence(node, fld, where)
        if not isinstance(node, yaml.ScalarNode):
            return self.report(node, where, "expected_text", found=self.found(node))
        if node.style is None and node.value in NULLS:
            return None
        return _READERS[fld.kind](self, node, fld, where, node.value)

    def mapping(self, node: yaml.Node, fld: Field, where: str) -> Any:
        """Check a mapping: no unknown, duplicate or missing keys; build the field's model."""
        if not isinstance(node, yaml.MappingNode):
            return self.report(node, where, "expected_mapping", found=self.found(node))
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            child = self.key(key_node, fld, where, values)
            if child is not None:
                line = key_node.start_mark.line + 1
                values[child.name] = self.value(value_node, child, _join(where, child.name), line)
        # A field left out is reported where its mapping is named: line 1 for the file, `partner:` for partner.
        named = self.lines.get(where, node.start_mark.line + 1) if where else 1
        for sub in fld.fields:
            if sub.required and values.get(sub.name) is None:
                line = self.lines.get(_join(where, sub.name), named)
                values[sub.name] = self.report_line(line, _join(where, sub.name), sub.missing or "required")
        if any(v is INVALID for v in values.values()):
            return INVALID
        # Each sub-field that is a record becomes its model here, at any depth; the caller builds this one.
        return {f.name: _build(f, values.get(f.name, () if f.kind is Kind.LIST else None)) for f in fld.fields}

    def key(self, key_node: yaml.Node, fld: Field, where: str, values: dict[str, Any]) -> Field | None:
        """The field the key names if it is a known, first-seen one; otherwise record why not."""
        if not isinstance(key_node, yaml.ScalarNode):
            self.report(key_node, where or "(file)", "key_not_text", found=self.found(key_node))
            values[f"\0{id(key_node)}"] = INVALID
            return None
        key: str = key_node.value
        name = _join(where, key)
        if key in values:
            shown = _join(where, _clip(key))
            values[key] = self.report(key_node, shown, "duplicate_key", key=_clip(key), line=self.lines[name])
            return None
        self.lines[name] = key_node.start_mark.line + 1
        child = fld.child(key)
        if child is None and not where and key in RETIRED:
            values[key] = self.report(key_node, key, RETIRED[key])
            return None
        if child is None:
            allowed = [f.name for f in fld.fields]
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = self.strings.error("did_you_mean", suggestion=close[0]) if close else ""
            shown = _join(where, _clip(key))
            values[key] = self.report(
                key_node, shown, "unknown_field", key=_clip(key), hint=hint, allowed=", ".join(allowed)
            )
            return None
        return child

    def sequence(self, node: yaml.Node, fld: Field, where: str) -> Any:
        """Check a list and each of its items."""
        if not isinstance(node, yaml.SequenceNode):
            return self.report(node, where, "expected_list", found=self.found(node))
        assert fld.item is not None
        items = []
        for index, item_node in enumerate(node.value, start=1):
            item = self.value(item_node, fld.item, f"{where}[{index}]")
            if item is None:
                item = self.report(item_node, f"{where}[{index}]", "required")
            items.append(_build(fld.item, item))
        if len(items) < fld.min_items:
            return self.report(node, where, fld.missing or "min_items", min=fld.min_items)
        if any(i is INVALID for i in items):
            return INVALID
        # The CSV export puts a whole list in one cell, and spreadsheets cut a cell at CELL_LIMIT characters.
        length = sum(_text_length(item) + len(LIST_SEPARATOR) for item in items)
        if length > CELL_LIMIT:
            line = self.lines.get(where, node.start_mark.line + 1)
            return self.report_line(line, where, "list_too_long", length=length, limit=CELL_LIMIT)
        return tuple(items)

    def found(self, node: yaml.Node) -> str:
        """How to name what was found instead, in the message."""
        if isinstance(node, yaml.SequenceNode):
            return " " + self.strings.error("found_list")
        if isinstance(node, yaml.MappingNode):
            return " " + self.strings.error("found_mapping")
        return " " + self.strings.error("found_text", value=_clip(str(node.value)))


def _text_length(value: object) -> int:
    """How many characters a value takes when written out as text, its parts and their separators included."""
    if isinstance(value, str):
        return len(value)
    names = _field_names(type(value))
    if names is not None:
        parts = [getattr(value, name) for name in names]
        return sum(_text_length(part) + len(ITEM_SEPARATOR) for part in parts if part is not None)
    if isinstance(value, tuple):
        return sum(_text_length(part) + len(LIST_SEPARATOR) for part in value)
    return len(str(value))


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for another type: looked up once per type, not for every list item."""
    if kind not in FIELD_NAMES:
        FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    return FIELD_NAMES[kind]


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _clip(text: str, limit: int = 60) -> str:
    """A value to quote in a one-line message: shortened, control and line-breaking characters shown as codes."""
    text = printable(text)
    return text if len(text) <= limit else text[:limit] + "…"


def _build(fld: Field, value: Any) -> Any:
    if fld.model is None or value is INVALID or value is None:
        return value
    return fld.model(**value)


def _text(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    text = " ".join(raw.split()) if fld.kind is not Kind.LONG_TEXT else raw.strip()
    if not text:
        return None
    if HIDDEN.search(text):
        return c.report(node, where, "control_chars")
    if len(text) > fld.max_length:
        return c.report(node, where, "too_long", length=len(text), limit=fld.max_length)
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        return c.report(node, where, "invisible_text")
    if _reserved(text):
        return c.report(node, where, "reserved", value=_reserved(text))
    return text


def _reserved(text: str) -> str | None:
    """The pipeline's own marker that the text contains, if any."""
    folded = text.casefold()
    if RESERVED.search(folded) is None:
        return None
    return next(token for token, marker in FOLDED_TOKENS.items() if marker in folded)


def _slug(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    valid = SLUG.fullmatch(raw) and len(raw) <= fld.max_length
    if valid and _reserved(raw):
        return c.report(node, where, "reserved", value=_reserved(raw))
    return raw if valid else c.report(node, where, "slug", value=_clip(raw))


def _is_url(raw: str, schemes: tuple[str, ...]) -> bool:
    if not raw or HIDDEN.search(raw) or SPACE.search(raw):
        return False
    try:
        parts = urlsplit(raw)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in schemes:
        return False
    if parts.scheme == "mailto":
        return bool(EMAIL.fullmatch(parts.path)) and not parts.query and not parts.fragment
    return bool(host) and raw.lower().startswith(parts.scheme + "://") and "@" not in parts.netloc


def _url(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    schemes = ("https", "http") if fld.kind is Kind.SOURCE_URL else ("https", "http", "mailto")
    key = "source_url" if fld.kind is Kind.SOURCE_URL else "url"
    if len(raw) > MAX_URL:
        return c.report(node, where, "url_too_long", length=len(raw), limit=MAX_URL)
    if not _is_url(raw, schemes):
        return c.report(node, where, key, value=_clip(raw))
    host = urlsplit(raw).hostname
    if host is not None and not _public_host(host):
        return c.report(node, where, "url_not_public", host=_clip(host))
    return raw


@functools.lru_cache(maxsize=4096)
def _public_host(host: str) -> bool:
    """Whether a reader anywhere reaches the same site by this host: no loopback, private or local names."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        name = host.rstrip(".").lower()
        return "." in name and name != "localhost" and not name.endswith(LOCAL_SUFFIXES)
    return address.is_global


def _email(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    valid = EMAIL.fullmatch(raw) and len(raw) <= fld.max_length
    return raw if valid else c.report(node, where, "email", value=_clip(raw))


def _month(name: str, strings: Strings) -> int | None:
    """The month a Thai name or abbreviation names: กันยายน, ก.ย., ก.ย → 9."""
    plain = ERA.sub("", name.strip()).replace(".", "").replace(" ", "")
    for number, (full, short) in enumerate(zip(strings.data["months"], strings.data["months_short"], strict=True)):
        if plain in (full, short.replace(".", "")):
            return number + 1
    return None


def read_layout(raw: str, strings: Strings) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date written in another common layout than 2011-09-22, or None."""
    text = " ".join(raw.translate(THAI_DIGITS).split())
    if match := DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    elif match := YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
    elif (match := MONTH_NAMED.fullmatch(text)) and (number := _month(match[2], strings)) is not None:
        day, month, year = match[1], str(number), match[3]
    else:
        return None
    return int(year), int(month), (int(day) if day else None)


def _other_layout(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    """The message for a date not written as 1999-06-07: the same date as it should be written, if it is one."""
    partial = fld.kind is Kind.PARTIAL_DATE
    bound, _, rest = raw.partition(" ") if partial and raw.split(" ", 1)[0] in BOUNDS else ("", "", raw)
    read = read_layout(rest, c.strings)
    key = "partial_date_format" if partial else "date_format"
    if read is None or (not partial and read[2] is None):
        return c.report(node, where, key, value=_clip(raw), example="1999-06-07")
    year, month, day = read
    ce_year = year - BE_OFFSET if year in BE_YEARS else year
    try:
        datetime.date(ce_year, month or 1, day or 1)
    except ValueError:
        return c.report(node, where, key, value=_clip(raw), example="1999-06-07")
    shown = "-".join(f"{n:02d}" for n in (month, day) if n is not None)
    suggestion = f"{bound} {ce_year}-{shown}".strip()
    if year in BE_YEARS:
        return c.report(node, where, "be_year", year=year, ce_year=ce_year, suggestion=suggestion, value=_clip(raw))
    if year in CE_YEARS:
        return c.report(node, where, "date_layout", suggestion=suggestion, value=_clip(raw))
    return c.report(node, where, key, value=_clip(raw), example="1999-06-07")


def _date(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    """A full CE date (or a partial one for PARTIAL_DATE), catching Buddhist Era years and other layouts."""
    partial = fld.kind is Kind.PARTIAL_DATE
    match = (PARTIAL_DATE if partial else DATE).fullmatch(raw)
    if match is None:
        return _other_layout(c, node, fld, where, raw)
    groups = match.groups()
    bound = Bound(groups[0]) if partial and groups[0] else None
    year, month, day = (int(g) if g else None for g in (groups[1:] if partial else groups))
    assert year is not None
    if year in BE_YEARS:
        prefix = f"{bound.value} " if bound else ""
        suggestion = f"{prefix}{year - BE_OFFSET}{raw[len(prefix) + 4 :]}"
        return c.report(node, where, "be_year", year=year, ce_year=year - BE_OFFSET, suggestion=suggestion, value=raw)
    if year not in CE_YEARS:
        return c.report(node, where, "date_format", value=raw, example="1999-06-07")
    try:
        first = datetime.date(year, month or 1, day or 1)
    except ValueError:
        return c.report(node, where, "impossible_date", value=raw)
    date = PartialDate(year, month, day, bound)
    if fld.past and date.earliest() > c.today:
        return c.report(node, where, "future", value=raw, today=c.today.isoformat())
    return date if partial else first


def _choice(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    assert fld.choices is not None
    try:
        return fld.choices(raw)
    except ValueError:
        pass
    allowed = allowed_choices(fld.choices, c.strings, CHOICE_SHOWN)
    meant = find_choice(fld.choices, c.strings, raw)
    if meant is None:
        return c.report(node, where, "choice", value=_clip(raw), allowed=allowed)
    # A Thai label or a code in other letter case: files hold the code itself (`new` maps labels).
    label = CHOICE_SHOWN.format(code=meant.value, label=c.strings.label(_group(fld), meant.value))
    key = "choice_case" if raw.strip().casefold() == meant.value.casefold() else "choice_label"
    return c.report(node, where, key, value=_clip(raw), code=label, allowed=allowed)


def _group(fld: Field) -> str:
    assert fld.choices is not None
    return CHOICE_LABELS[fld.choices]


def province_prefix(strings: Strings) -> str:
    """The Thai word before a province's name (จังหวัดเชียงใหม่), which a lookup by name ignores."""
    return str(strings.data["site"]["province"])


def _province(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    found = c.ref.provinces.get(raw)
    if found is not None:
        return found
    meant = c.ref.find_province(raw, province_prefix(c.strings))
    if meant is not None:
        return c.report(node, where, "province_guess", value=_clip(raw), code=meant.code, name=meant.name_th)
    return c.report(node, where, "province", value=_clip(raw))


def _country(c: _Checker, node: yaml.Node, fld: Field, where: str, raw: str) -> Any:
    found = c.ref.countries.get(raw)
    return found if found is not None else c.report(node, where, "country", value=_clip(raw))


_READERS: dict[Kind, Callable[[_Checker, yaml.Node, Field, str, str], Any]] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.SLUG: _slug,
    Kind.URL: _url,
    Kind.SOURCE_URL: _url,
    Kind.EMAIL: _email,
    Kind.DATE: _date,
    Kind.PARTIAL_DATE: _date,
    Kind.CHOICE: _choice,
    Kind.PROVINCE: _province,
    Kind.COUNTRY: _country,
}


def _partnership(c: _Checker, source: SourceFile) -> Partnership | None:
    values = c.value(source.node, PARTNERSHIP, "")
    if values is INVALID:
        return None
    derived = values["id"] or _derived_id(c, source)
    if derived is None:
        return None
    # Made by the schema's record class: a field declared on the model needs nothing more here.
    record: Partnership = _build(PARTNERSHIP, {**values, "id": derived, "source_path": source.path})
    folder = source.rel.parts[0] if len(source.rel.parts) > 1 else ""
    return record if _consistent(c, record, folder) else None


def _derived_id(c: _Checker, source: SourceFile) -> str | None:
    """The id a file's path gives (chiang-mai/kunming.yml → chiang-mai-kunming), or None with the problem recorded."""
    derived = "-".join(source.rel.with_suffix("").parts)
    if not SLUG.fullmatch(derived):
        return c.report_line(1, "id", "id_from_path", value=derived) and None
    if len(derived) > ID_LIMIT:
        return c.report_line(1, "id", "id_too_long", length=len(derived), limit=ID_LIMIT) and None
    if _reserved(derived):
        return c.report_line(1, "id", "reserved", value=_reserved(derived)) and None
    return derived


def _consistent(c: _Checker, record: Partnership, folder: str) -> bool:
    """Rules that span several fields, and the file's folder."""
    before = len(c.problems)
    party = record.thai_party
    if folder not in (party.province.slug, MULTILATERAL_FOLDER):
        values = {"folder": folder, "code": party.province.code, "name": party.province.name_th}
        line = c.lines.get("thai_party.province", 1)
        c.report_line(line, "thai_party.province", "folder_province", slug=party.province.slug, **values)
    if (party.level is ThaiLevel.BANGKOK) != (party.province.code == "TH-10"):
        c.report_line(c.lines.get("thai_party.level", 1), "thai_party.level", "bangkok_level")
    if record.expires and record.signed and record.expires < record.signed.earliest():
        c.report_line(
            c.lines.get("expires", 1),
            "expires",
            "expires_before_signed",
            value=record.expires.isoformat(),
            signed=record.signed.iso(),
        )
    _evidence(c, record)
    return len(c.problems) == before


def _evidence(c: _Checker, record: Partnership | Mechanism) -> None:
    """A record claims no more than its evidence: a tie reads as existing only where a signing was reported."""
    line = c.lines.get("status", 1)
    status = record.status.value
    if record.evidence is Evidence.SIGNED_DOCUMENT and not any(d.url for d in record.documents):
        c.report_line(c.lines.get("evidence", 1), "evidence", "evidence_document")
    if record.evidence is Evidence.CONTACT_ONLY and record.signed is not None:
        c.report_line(c.lines.get("signed", 1), "signed", "contact_signed")
    if record.verification is Verification.VERIFIED and record.checked is None:
        c.report_line(c.lines.get("verification", 1), "verification", "verified_unchecked")
    if record.status not in ESTABLISHED_STATUSES:
        return
    if record.verification is Verification.DISPUTED:
        c.report_line(line, "status", "status_disputed", status=status)
    elif record.evidence not in REPORTED_EVIDENCE:
        c.report_line(line, "status", "status_evidence", status=status, evidence=record.evidence.value)
    elif record.signed is None and not record.signing_documents():
        if not record.rests_on_meetings:
            c.report_line(line, "status", "status_unsigned", status=status)
        elif not record.activities:
            c.report_line(line, "status", "status_no_meetings", status=status)


def is_mechanism_file(source: SourceFile) -> bool:
    """Whether a file of partners/ is a multilateral mechanism: it sits in partners/multilateral/."""
    return len(source.rel.parts) > 1 and source.rel.parts[0] == MULTILATERAL_FOLDER


def _mechanism(c: _Checker, source: SourceFile) -> Mechanism | None:
    values = c.value(source.node, MECHANISM, "")
    if values is INVALID:
        return None
    derived = _derived_id(c, source)
    if derived is None:
        return None
    record: Mechanism = _build(MECHANISM, {**values, "id": derived, "source_path": source.path})
    before = len(c.problems)
    _members(c, record)
    _evidence(c, record)
    return record if len(c.problems) == before else None


def _members(c: _Checker, record: Mechanism) -> None:
    """Each member once; more than two members, or the tie is a partnership."""
    codes = [p.code for p in record.thai_members]
    for code in sorted({code for code in codes if codes.count(code) > 1}):
        c.report_line(c.lines.get("thai_members", 1), "thai_members", "duplicate_member", value=code)
    names = [(m.name_en.casefold(), m.country.code) for m in record.foreign_members]
    for name, country in sorted({n for n in names if names.count(n) > 1}):
        shown = next(m.name_en for m in record.foreign_members if m.name_en.casefold() == name)
        c.report_line(
            c.lines.get("foreign_members", 1), "foreign_members", "duplicate_member", value=f"{shown} ({country})"
        )
    if len(set(codes)) + len(set(names)) < 3:
        c.report_line(c.lines.get("thai_members", 1), "thai_members", "mechanism_two_members")


def check_node(
    node: yaml.Node, fld: Field, path: str, line_offset: int, context: tuple[RefData, Strings, datetime.date]
) -> tuple[Any, list[Problem]]:
    """The model of one YAML tree checked against fld (e.g. a chapter's front matter), and its problems."""
    ref, strings, today = context
    problems: list[Problem] = []
    values = _Checker(path, today, ref, strings, problems).value(node, fld, "")
    shifted = [Problem(p.path, p.line + line_offset, p.field, p.message) for p in problems]
    return (None if values is INVALID else _build(fld, values)), shifted


@dataclass(frozen=True)
class Checked:
    """The partner files of one part of the folder, each checked on its own, in file order."""

    records: list[Partnership]
    # The line of each record's id, to name it when another file has the same id.
    id_lines: list[int]
    problems: list[Problem]
    # The multilateral mechanisms (partners/multilateral/), each with the line to name it by.
    mechanisms: list[tuple[Mechanism, int]] = field(default_factory=list)


def check_sources(sources: Iterable[SourceFile], ref: RefData, strings: Strings, today: datetime.date) -> Checked:
    """Check each file against the schema; what needs every file (unique ids) is left to merge()."""
    checked = Checked([], [], [])
    for source in sources:
        checker = _Checker(source.path, today, ref, strings, checked.problems)
        if is_mechanism_file(source):
            mechanism = _mechanism(checker, source)
            if mechanism is not None:
                checked.mechanisms.append((mechanism, 1))
            continue
        record = _partnership(checker, source)
        if record is not None:
            checked.records.append(record)
            checked.id_lines.append(checker.lines.get("id", 1))
    return checked


def merge(parts: Iterable[Checked], strings: Strings) -> tuple[list[Partnership], list[Problem]]:
    """Typed partnerships sorted by id and every problem, from the parts in file order; a repeated id is one."""
    records, _mechanisms, problems = merge_all(parts, strings)
    return records, problems


def merge_all(parts: Iterable[Checked], strings: Strings) -> tuple[list[Partnership], list[Mechanism], list[Problem]]:
    """Partnerships and mechanisms, each sorted by id, and every problem; an id is unique across both."""
    problems: list[Problem] = []
    records: list[Partnership] = []
    mechanisms: list[Mechanism] = []
    first_seen: dict[str, Partnership | Mechanism] = {}
    for part in parts:
        problems.extend(part.problems)
        pairs: list[tuple[Partnership | Mechanism, int]] = [
            *zip(part.records, part.id_lines, strict=True),
            *part.mechanisms,
        ]
        for record, line in pairs:
            if record.id in first_seen:
                other = first_seen[record.id].source_path
                message = strings.error("duplicate_id", value=record.id, other=other)
                problems.append(Problem(record.source_path, line, "id", message))
                continue
            first_seen[record.id] = record
            if isinstance(record, Mechanism):
                mechanisms.append(record)
            else:
                records.append(record)
    return sorted(records, key=lambda r: r.id), sorted(mechanisms, key=lambda m: m.id), problems


def validate(
    sources: Iterable[SourceFile], ref: RefData, strings: Strings, today: datetime.date
) -> tuple[list[Partnership], list[Problem]]:
    """Typed partnerships of the valid files, and every problem found in all of them."""
    return merge([check_sources(sources, ref, strings, today)], strings)
