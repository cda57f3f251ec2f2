"""`python -m generator new`: ask for the essential fields and write a valid, commented partner file.

Answers come from command-line options or, on a terminal, from questions; each is checked against its
schema field as it is given, and the whole file is validated before it is written.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml

from generator.errors import DataError, Problem
from generator.loader import SourceFile, read_partners
from generator.model import Province
from generator.refdata import RefData
from generator.schema import PARTNERSHIP, Field
from generator.strings import Strings
from generator.validate import SLUG, check_node, validate

WHERE = "new"
TEMPLATE = "partner.yml.j2"
# Bangkok's own name in the bundled data; a province's name is built from its Thai and English names.
BANGKOK = "TH-10"
BANGKOK_EN = "Bangkok Metropolitan Administration"

Ask = Callable[[str], str]
Tell = Callable[[str], None]


@dataclass(frozen=True)
class Question:
    """One answer the command needs: its option, the schema field it fills, and whether it may stay empty."""

    option: str
    path: str
    required: bool = True

    @property
    def key(self) -> str:
        """The name of the answer in the template and in argparse: partner-en → partner_en."""
        return self.option.replace("-", "_")


QUESTIONS = (
    Question("province", "thai_party.province"),
    Question("thai-level", "thai_party.level"),
    Question("thai-name-th", "thai_party.name_th"),
    Question("thai-name-en", "thai_party.name_en"),
    Question("partner-en", "partner.name_en"),
    Question("partner-th", "partner.name_th"),
    Question("partner-native", "partner.name_native", required=False),
    Question("country", "partner.country"),
    Question("partner-level", "partner.level"),
    Question("type", "type"),
    Question("status", "status"),
    Question("signed", "signed", required=False),
    Question("source", "sources[]"),
    Question("evidence", "evidence"),
    Question("verification", "verification"),
)


def field_at(path: str) -> Field:
    """The schema field at a dotted path; 'sources[]' is an item of the sources list."""
    fld = PARTNERSHIP
    for part in path.split("."):
        child = fld.child(part.removesuffix("[]"))
        assert child is not None, path
        fld = child.item if part.endswith("[]") and child.item is not None else child
    return fld


def slugify(text: str) -> str:
    """A file name from an English name: Chungcheongbuk-do → chungcheongbuk-do, Düsseldorf → dusseldorf."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def find_province(text: str, ref: RefData, prefix: str) -> Province | None:
    """A province by ISO code, slug, Thai or English name: TH-50, chiang-mai, เชียงใหม่, Chiang Mai."""
    wanted = text.strip().removeprefix(prefix).casefold()
    for province in ref.provinces.values():
        names = (province.code, province.slug, province.name_th, province.name_en)
        if wanted in (n.casefold() for n in names):
            return province
    return None


FIXED_DEFAULTS = {"partner-level": "city", "verification": "unverified"}


@dataclass(frozen=True)
class Scaffold:
    """Everything `new` needs besides the answers: data, strings, the build date and where files go."""

    ref: RefData
    strings: Strings
    today: datetime.date
    partners: Path
    templates: Path

    def check(self, question: Question, raw: str | None) -> tuple[str | None, str | None]:
        """(the answer as it goes into the file, or None; the problem with it, or None)."""
        text = (raw or "").strip()
        if not text:
            return None, (self.strings.error("required") if question.required else None)
        if question.option == "province":
            province = find_province(text, self.ref, self.strings.data["site"]["province"])
            if province is None:
                return None, self.strings.data["new"]["province"].format(value=text)
            text = province.code
        node = yaml.compose(json.dumps(text, ensure_ascii=False), Loader=yaml.CSafeLoader)
        assert node is not None
        context = (self.ref, self.strings, self.today)
        _, problems = check_node(node, field_at(question.path), WHERE, 0, context)
        return (text, None) if not problems else (None, problems[0].message)

    def prompt(self, question: Question, suggestion: str | None) -> str:
        """The question as shown on the terminal: the field's help, its allowed values and the default."""
        fld, s = field_at(question.path), self.strings.data["new"]
        choices = s["choices"].format(values=", ".join(c.value for c in fld.choices)) if fld.choices else ""
        shown = s["default"].format(value=suggestion) if suggestion else ""
        return str(s["prompt"].format(help=fld.help_th, choices=choices, default=shown))

    def default(self, question: Question, answers: Mapping[str, str | None]) -> str | None:
        """The suggested answer, from the answers so far; None when there is none."""
        if question.option in FIXED_DEFAULTS:
            return FIXED_DEFAULTS[question.option]
        province = self.ref.provinces.get(answers.get("province") or "")
        if province is None:
            return None
        bangkok = province.code == BANGKOK
        if question.option == "thai-level":
            return "bangkok" if bangkok else "province"
        if answers.get("thai_level") not in ("province", "bangkok"):
            return None
        if question.option == "thai-name-th":
            return province.name_th if bangkok else self.strings.data["site"]["province"] + province.name_th
        if question.option == "thai-name-en":
            return BANGKOK_EN if bangkok else f"{province.name_en} Province"
        return None

    def answer(
        self, question: Question, raw: str | None, suggestion: str | None, ask: Ask | None, tell: Tell
    ) -> tuple[str | None, str | None]:
        """(value, problem) for one question: the option given, else the question asked until answered well."""
        if raw is not None or ask is None:
            value, problem = self.check(question, raw if raw is not None else suggestion)
            if problem is not None and raw is None and suggestion is None:
                help_th = field_at(question.path).help_th
                problem = self.strings.data["new"]["missing"].format(option=question.option, help=help_th)
            return value, problem
        while True:
            value, problem = self.check(question, ask(self.prompt(question, suggestion)).strip() or suggestion)
            if problem is None:
                return value, None
            tell(problem)

    def answers(self, given: Mapping[str, str | None], ask: Ask | None, tell: Tell) -> dict[str, str | None]:
        """Every answer: given options first, then questions on a terminal, else defaults; raises on any problem."""
        answers: dict[str, str | None] = {}
        problems: list[Problem] = []
        for question in QUESTIONS:
            suggestion = self.default(question, answers)
            value, problem = self.answer(question, given.get(question.key), suggestion, ask, tell)
            if problem is not None:
                problems.append(Problem(WHERE, 0, f"--{question.option}", problem))
            answers[question.key] = value
        if problems:
            raise DataError(problems)
        return answers

    def target(self, answers: Mapping[str, str | None], slug: str | None) -> Path:
        """partners/<province-slug>/<partner-slug>.yml; raises when the slug is unusable or the file exists."""
        name = slug or slugify(answers["partner_en"] or "")
        if not SLUG.fullmatch(name):
            message = self.strings.data["new"]["no_slug"].format(value=slug or answers["partner_en"])
            raise DataError([Problem(WHERE, 0, "--slug", message)])
        province = self.ref.provinces[answers["province"] or ""]
        path = self.partners / province.slug / f"{name}.yml"
        if path.exists():
            raise DataError([Problem(str(path), 0, "(file)", self.strings.data["new"]["exists"])])
        return path

    def render(self, answers: Mapping[str, str | None]) -> str:
        """The partner file, from the template; every value is quoted as a YAML (JSON) string."""
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates / "scaffold"),
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
        env.globals["t"] = self.strings.data
        env.globals["help"] = lambda path: " ".join(field_at(path).help_th.split())
        env.globals["choices"] = lambda path: ", ".join(c.value for c in field_at(path).choices or ())
        return env.get_template(TEMPLATE).render(v=answers)

    def validate(self, path: Path, text: str) -> None:
        """Raise the problems the validator finds in the new file, checked beside the existing ones for its id."""
        rel = PurePosixPath(path.relative_to(self.partners).as_posix())
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        assert node is not None
        new = SourceFile(str(path), rel, node)
        # Existing files are read one at a time (see read_partners); their own problems are not ours.
        existing = read_partners(self.partners, self.strings, []) if self.partners.is_dir() else iter(())
        _, problems = validate(itertools.chain(existing, [new]), self.ref, self.strings, self.today)
        mine = [p for p in problems if p.path == str(path)]
        if mine:
            raise DataError(mine)


def new_partner_file(scaffold: Scaffold, given: Mapping[str, Any], ask: Ask | None, tell: Tell) -> Path:
    """Write a new partner file from the answers; returns its path. Never overwrites a file."""
    answers = scaffold.answers(given, ask, tell)
    path = scaffold.target(answers, given.get("slug"))
    text = scaffold.render(answers)
    scaffold.validate(path, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return path
