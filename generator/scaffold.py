"""`python -m generator new`: ask for the essential fields and write a valid, commented partner file.

Answers come from command-line options or, on a terminal, from questions. Each is checked against its schema
field as it is given, with the validator's own rule and message; then the whole file is validated, so the
rules that span several fields (an active tie needs a reported signing, verified needs a check) are checked
before anything is written. On a terminal a late failure asks again for the answers it depends on, keeping
every other answer; otherwise every problem is listed and nothing is written.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml

from generator.errors import DataError, Problem
from generator.loader import SourceFile, read_partners
from generator.refdata import RefData
from generator.schema import PARTNERSHIP, Field, allowed_choices, choice_labels, find_choice
from generator.strings import Strings
from generator.validate import SLUG, check_node, province_prefix, validate

WHERE = "new"
TEMPLATE = "partner.yml.j2"
# Bangkok's own name in the bundled data; a province's name is built from its Thai and English names.
BANGKOK = "TH-10"
BANGKOK_EN = "Bangkok Metropolitan Administration"
# How --help, the missing-option message and the file's comments show a choice's allowed values.
PAIR = "{code} = {label}"

Ask = Callable[[str], str]
Tell = Callable[[str], None]
# One answer as it goes into the template: text, a list for a repeatable option, or None when left out.
Answer = str | list[str] | None


@dataclass(frozen=True)
class Question:
    """One answer the command needs: its option, the schema field it fills, and whether it may stay empty."""

    option: str
    path: str
    required: bool = True
    # A repeatable option (--source twice keeps both): a list in the file.
    many: bool = False
    # Asked only when another answer is this value: (option, value), e.g. a check when verification is verified.
    only_if: tuple[str, str] | None = None

    def wanted(self, answers: Mapping[str, Answer]) -> bool:
        """Whether the question applies, given the answers so far."""
        return self.only_if is None or answers.get(self.only_if[0].replace("-", "_")) == self.only_if[1]

    @property
    def key(self) -> str:
        """The name of the answer in the template and in argparse: partner-en → partner_en."""
        return self.option.replace("-", "_")


QUESTIONS = (
    Question("province", "thai_party.province"),
    Question("thai-level", "thai_party.level"),
    Question("thai-name-th", "thai_party.name_th"),
    Question("thai-name-en", "thai_party.name_en"),
    Question("thai-other-name", "thai_party.other_names[]", required=False, many=True),
    Question("partner-en", "partner.name_en"),
    Question("partner-th", "partner.name_th"),
    Question("partner-native", "partner.name_native", required=False),
    Question("partner-other-name", "partner.other_names[]", required=False, many=True),
    Question("country", "partner.country"),
    Question("partner-level", "partner.level"),
    Question("type", "type"),
    Question("status", "status"),
    Question("signed", "signed", required=False),
    Question("source", "sources[]", many=True),
    Question("evidence", "evidence"),
    # evidence signed_document means the signed text itself is cited: a linked document.
    Question("document-kind", "documents[].kind", only_if=("evidence", "signed_document")),
    Question("document-title-th", "documents[].title_th", only_if=("evidence", "signed_document")),
    Question("document-date", "documents[].date", required=False, only_if=("evidence", "signed_document")),
    Question("document-url", "documents[].url", only_if=("evidence", "signed_document")),
    Question("verification", "verification"),
    Question("checked-date", "checked.date", only_if=("verification", "verified")),
    Question("checked-what-th", "checked.what_th", only_if=("verification", "verified")),
)
BY_OPTION = {q.option: q for q in QUESTIONS}
BY_PATH = {q.path: q for q in QUESTIONS}
# The answers each rule spanning several fields rests on (validate.py's message keys): asked again on a
# terminal when the rule fails, with the earlier answer offered.
RULE_OPTIONS = {
    "status_unsigned": ("status", "signed"),
    "status_no_meetings": ("status", "signed"),
    "status_evidence": ("status", "evidence"),
    "status_disputed": ("status", "verification"),
    "contact_signed": ("evidence", "signed"),
    "evidence_document": ("evidence",),
    "verified_unchecked": ("verification",),
    "bangkok_level": ("thai-level",),
}
UPDATE, SECOND = "1", "2"
INDEX = re.compile(r"\[\d+\]")


class KeepExisting(Exception):
    """The user chose to update the file this pair already has: nothing is written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(str(path))


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


def _same(a: object, b: str) -> bool:
    return isinstance(a, str) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def option_help(question: Question, strings: Strings) -> str:
    """What an option takes, in Thai: the strings file's words for it, else its schema field's help."""
    own = strings.data["new"]["options"].get(question.option)
    # A repeatable option gives one item of a list: the list's help says what the items are.
    fld = field_at(question.path.removesuffix("[]"))
    return str(own) if own else " ".join(fld.help_th.split())


def option_help_full(question: Question, strings: Strings) -> str:
    """An option's --help: what it takes, its allowed values (code = Thai label), its default, when it is needed."""
    words = strings.data["new"]["help"]
    parts = []
    fld = field_at(question.path)
    if fld.choices is not None:
        parts.append(words["allowed"].format(values=allowed_choices(fld.choices, strings, PAIR)))
    default = strings.data["new"]["defaults"].get(question.option)
    if default:
        parts.append(words["default"].format(value=default))
    elif question.only_if is not None:
        when = "when_required" if question.required else "when_optional"
        parts.append(words[when].format(option=question.only_if[0], value=question.only_if[1]))
    elif question.required:
        parts.append(words["required"])
    if question.many:
        parts.append(words["many"])
    return " ".join([option_help(question, strings), *(f"({part})" for part in parts)])


@dataclass(frozen=True)
class Scaffold:
    """Everything `new` needs besides the answers: data, strings, the build date and where files go."""

    ref: RefData
    strings: Strings
    today: datetime.date
    partners: Path
    templates: Path

    @property
    def words(self) -> Mapping[str, Any]:
        """The strings of the command."""
        words: Mapping[str, Any] = self.strings.data["new"]
        return words

    def check(self, question: Question, raw: str | None) -> tuple[str | None, str | None]:
        """(the answer as it goes into the file, or None; the problem with it, or None)."""
        text = " ".join((raw or "").split())
        if not text:
            return None, (self.strings.error("required") if question.required else None)
        fld = field_at(question.path)
        if question.option == "province":
            province = self.ref.find_province(text, province_prefix(self.strings))
            if province is None:
                return None, self.words["province"].format(value=text)
            text = province.code
        elif fld.choices is not None:
            # A Thai label (เมืองมิตรภาพ) or a code in other letters becomes the code; anything else gets
            # the validator's message.
            meant = find_choice(fld.choices, self.strings, text)
            text = meant.value if meant is not None else text
        node = yaml.compose(json.dumps(text, ensure_ascii=False), Loader=yaml.CSafeLoader)
        assert node is not None
        context = (self.ref, self.strings, self.today)
        _, problems = check_node(node, fld, WHERE, 0, context)
        return (text, None) if not problems else (None, problems[0].message)

    def label(self, question: Question, value: str) -> str | None:
        """The Thai name of an answer that is a code: a choice's label or a province's name."""
        if question.option == "province":
            return self.ref.provinces[value].name_th
        fld = field_at(question.path)
        if fld.choices is None:
            return None
        return next(label for m, label in choice_labels(fld.choices, self.strings) if m.value == value)

    def prompt(self, question: Question, suggestion: str | None, again: bool = False) -> str:
        """The question as shown on the terminal: what it takes, its numbered choices and the default."""
        fld, s = field_at(question.path), self.words
        shown = s["default"].format(value=suggestion) if suggestion else ""
        help_th = option_help(question, self.strings)
        if again:
            return str(s["more"].format(help=help_th))
        if fld.choices is None:
            return str(s["prompt"].format(help=help_th, default=shown))
        items = "\n".join(
            s["menu_item"].format(number=n, code=m.value, label=label)
            for n, (m, label) in enumerate(choice_labels(fld.choices, self.strings), start=1)
        )
        return str(s["menu"].format(help=help_th, items=items, default=shown))

    def default(self, question: Question, answers: Mapping[str, Answer]) -> str | None:
        """The suggested answer for what says nothing about the tie itself, from the answers so far."""
        if question.option == "partner-level":
            return "city"
        province = self.ref.provinces.get(str(answers.get("province") or ""))
        if province is None:
            return None
        bangkok = province.code == BANGKOK
        if question.option == "thai-level":
            return "bangkok" if bangkok else "province"
        if answers.get("thai_level") not in ("province", "bangkok"):
            return None
        if question.option == "thai-name-th":
            return province.name_th if bangkok else province_prefix(self.strings) + province.name_th
        if question.option == "thai-name-en":
            return BANGKOK_EN if bangkok else f"{province.name_en} Province"
        return None

    def ask_one(self, question: Question, suggestion: str | None, ask: Ask, tell: Tell, again: bool = False) -> Any:
        """Ask until the answer is valid; a choice may be answered by its number, code or Thai label."""
        fld = field_at(question.path)
        while True:
            typed = text = ask(self.prompt(question, suggestion, again)).strip()
            if again and not text:
                return None
            if fld.choices is not None and text.isdigit() and 1 <= int(text) <= len(fld.choices):
                text = list(fld.choices)[int(text) - 1].value
            value, problem = self.check(question, text or suggestion)
            if problem is not None:
                tell(problem)
                continue
            label = self.label(question, value) if value is not None else None
            if label is not None and typed and typed != value:
                tell(self.words["became"].format(code=value, label=label))
            return value

    def ask_many(self, question: Question, ask: Ask, tell: Tell) -> list[str]:
        """Ask for one answer after another until an empty one, at least one when required."""
        values: list[str] = []
        while True:
            optional = bool(values) or not question.required
            value = self.ask_one(question, None, ask, tell, again=optional)
            if value is None:
                return values
            values.append(value)

    def from_option(self, question: Question, raw: Any, suggestion: str | None) -> tuple[Answer, list[str]]:
        """(answer, problems) of an option as given on the command line; a missing one says what it takes."""
        if question.many:
            given = [raw] if isinstance(raw, str) else list(raw or [])
            checked = [self.check(question, item) for item in given]
            problems = [p for _, p in checked if p is not None]
            if not given and question.required:
                problems.append(self.missing(question))
            return [v for v, _ in checked if v is not None], problems
        value, problem = self.check(question, raw if raw is not None else suggestion)
        if problem is not None and raw is None and suggestion is None and question.required:
            problem = self.missing(question)
        return value, [problem] if problem is not None else []

    def missing(self, question: Question) -> str:
        """The message for a required option left out: what it takes, with a choice's code = label pairs."""
        fld = field_at(question.path)
        help_th = option_help(question, self.strings)
        if fld.choices is not None:
            help_th = f"{help_th}: {allowed_choices(fld.choices, self.strings, PAIR)}"
        if question.only_if is not None:
            when, value = question.only_if
            return str(self.words["missing_when"].format(option=question.option, when=when, value=value, help=help_th))
        return str(self.words["missing"].format(option=question.option, help=help_th))

    def answers(self, given: Mapping[str, Any], ask: Ask | None, tell: Tell) -> dict[str, Answer]:
        """Every answer: options first, then questions on a terminal; without one, raises on any problem."""
        answers: dict[str, Answer] = {"slug": given.get("slug")}
        problems: list[Problem] = []
        for question in QUESTIONS:
            raw = given.get(question.key)
            if not question.wanted(answers) and raw is None:
                answers[question.key] = None
                continue
            suggestion = self.default(question, answers)
            value, found = self.from_option(question, raw, suggestion)
            if ask is None:
                problems += [Problem(WHERE, 0, f"--{question.option}", p) for p in found]
            elif raw is None or found:
                # On a terminal, a question for each answer not given as an option, or given wrong.
                for problem in found if raw is not None else []:
                    tell(problem)
                if question.many:
                    value = self.ask_many(question, ask, tell)
                else:
                    value = self.ask_one(question, suggestion, ask, tell)
            answers[question.key] = value
            if question.option == "partner-en" and ask is not None and not answers["slug"]:
                answers["slug"] = self.choose_file(answers, ask, tell)
        if problems:
            raise DataError(problems)
        return answers

    def folder(self, answers: Mapping[str, Answer]) -> Path:
        """partners/<province-slug>/"""
        return self.partners / self.ref.provinces[str(answers["province"])].slug

    def same_pair(self, folder: Path, slug: str, partner_en: str) -> Path | None:
        """The file this pair already has: the same file name, or a file of the province naming the same partner."""
        if (folder / f"{slug}.yml").exists():
            return folder / f"{slug}.yml"
        for path in sorted(folder.glob("*.yml")):
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            except (OSError, UnicodeError, yaml.YAMLError):
                continue
            partner = data.get("partner") if isinstance(data, dict) else None
            if not isinstance(partner, dict):
                continue
            others = partner.get("other_names")
            names = [partner.get("name_en"), *(others if isinstance(others, list) else [])]
            if any(_same(name, partner_en) for name in names):
                return path
        return None

    def free_slug(self, folder: Path, slug: str) -> str:
        """The first unused file name after slug: kunming-2, kunming-3 …"""
        return next(f"{slug}-{n}" for n in itertools.count(2) if not (folder / f"{slug}-{n}.yml").exists())

    def choose_file(self, answers: Mapping[str, Answer], ask: Ask, tell: Tell) -> str | None:
        """On a terminal: offer the file this pair already has for update, or a file name for a second record."""
        folder, name = self.folder(answers), str(answers["partner_en"])
        slug = slugify(name)
        if SLUG.fullmatch(slug):
            existing = self.same_pair(folder, slug, name)
            if existing is None:
                return None
            tell(self.words["existing"].format(path=existing))
            while (choice := ask(self.words["update_or_new"]).strip()) not in (UPDATE, SECOND):
                pass
            if choice == UPDATE:
                raise KeepExisting(existing)
            suggestion: str | None = self.free_slug(folder, slug)
        else:
            tell(self.words["no_slug"].format(value=name))
            suggestion = None
        while True:
            shown = self.words["default"].format(value=suggestion) if suggestion else ""
            chosen = ask(self.words["slug_prompt"].format(default=shown)).strip() or suggestion or ""
            if not SLUG.fullmatch(chosen):
                tell(self.words["bad_slug"].format(value=chosen))
            elif (folder / f"{chosen}.yml").exists():
                tell(self.words["slug_taken"].format(path=folder / f"{chosen}.yml"))
            else:
                return chosen

    def target(self, answers: Mapping[str, Answer]) -> Path:
        """partners/<province-slug>/<partner-slug>.yml; raises when the slug is unusable or the pair has a file."""
        given = answers.get("slug")
        name = str(given or slugify(str(answers["partner_en"] or "")))
        if not SLUG.fullmatch(name):
            message = self.words["no_slug"].format(value=given or answers["partner_en"])
            raise DataError([Problem(WHERE, 0, "--slug", message)])
        folder = self.folder(answers)
        path = folder / f"{name}.yml"
        # With --slug the file is a second record of its own; only its own name must be free.
        existing = None if given else self.same_pair(folder, name, str(answers["partner_en"]))
        existing = path if path.exists() else existing
        if existing is not None:
            message = self.words["exists"].format(slug=self.free_slug(folder, name))
            raise DataError([Problem(str(existing), 0, "(file)", message)])
        return path

    def render(self, answers: Mapping[str, Answer]) -> str:
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
        env.globals["choices"] = self.choices
        return env.get_template(TEMPLATE).render(v=answers)

    def choices(self, path: str) -> str:
        """A choice field's allowed values for a comment in the file: code = Thai label pairs."""
        choices = field_at(path).choices
        assert choices is not None, path
        return allowed_choices(choices, self.strings, PAIR)

    def problems(self, path: Path, text: str) -> list[Problem]:
        """The problems the validator finds in the new file, checked beside the existing ones for its id."""
        rel = PurePosixPath(path.relative_to(self.partners).as_posix())
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        assert node is not None
        new = SourceFile(str(path), rel, node)
        # Existing files are read one at a time (see read_partners); their own problems are not ours.
        existing = read_partners(self.partners, self.strings, []) if self.partners.is_dir() else iter(())
        _, problems = validate(itertools.chain(existing, [new]), self.ref, self.strings, self.today)
        return [p for p in problems if p.path == str(path)]

    def as_option(self, problem: Problem) -> Problem:
        """A problem of the new file as the option that gave the field: `new: --status: …`."""
        question = BY_PATH.get(INDEX.sub("[]", problem.field))
        if question is None:
            return problem
        return Problem(WHERE, 0, f"--{question.option}", problem.message, problem.key)

    def ask_again(self, problems: Sequence[Problem], answers: dict[str, Answer], ask: Ask, tell: Tell) -> bool:
        """Ask again for the answers the failed rules rest on, offering the earlier ones; False if none can help."""
        options = {o for p in problems for o in RULE_OPTIONS.get(p.key, ())}
        if not options or any(p.key not in RULE_OPTIONS for p in problems):
            return False
        for problem in problems:
            tell(problem.message)
        for question in QUESTIONS:
            if question.option in options:
                earlier = answers[question.key]
                answers[question.key] = self.ask_one(question, earlier if isinstance(earlier, str) else None, ask, tell)
        # A changed answer may call for questions it did not before (a check once verified), or none.
        for question in QUESTIONS:
            if question.only_if is None:
                continue
            if not question.wanted(answers):
                answers[question.key] = None
            elif question.only_if[0] in options and answers[question.key] is None:
                answers[question.key] = self.ask_one(question, None, ask, tell)
        return True


def new_partner_file(scaffold: Scaffold, given: Mapping[str, Any], ask: Ask | None, tell: Tell) -> Path:
    """Write a new partner file from the answers; returns its path. Never overwrites a file.

    Raises DataError with every problem (nothing written), or KeepExisting when the user chose to update the
    file the pair already has.
    """
    answers = scaffold.answers(given, ask, tell)
    path = scaffold.target(answers)
    while True:
        text = scaffold.render(answers)
        problems = scaffold.problems(path, text)
        if not problems:
            break
        if ask is None or not scaffold.ask_again(problems, answers, ask, tell):
            raise DataError([scaffold.as_option(p) for p in problems])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return path
