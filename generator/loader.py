"""Read partner files into YAML node trees that keep line numbers; the only reader of partners/."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from generator.editions import EDITIONS
from generator.errors import Problem
from generator.strings import Strings

MAX_BYTES = 256 * 1024
# libyaml's composer recurses once per nesting level: tens of thousands of levels crash the process, and
# deep flow nesting parses in quadratic time. A partner file nests 3 levels; only a file with many
# nesting characters is scanned, and the scan stops at the limit.
MAX_DEPTH = 20
NESTING_CHARS = "[{-?"
SCAN_AFTER = 1000
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Loader(yaml.CSafeLoader):
    """Composes nodes without guessing scalar types: the schema reads every scalar as text."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, object]]] = {}  # noqa: RUF012

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        """The default tag of the node's kind, which is all PyYAML's resolve() can return without resolvers."""
        # Called once per node (800,000 times at 10,000 files); answering directly halves the composing time.
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: _Loader.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: _Loader.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: _Loader.DEFAULT_MAPPING_TAG,
}


SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceFile:
    """One partner file: its path as shown to people, its path inside partners/, and its YAML tree."""

    path: str
    rel: PurePosixPath
    node: yaml.Node


# Where partner files live: partners/<province folder>/<name>.yml, one level down.
FILE_DEPTH = 2


@dataclass
class _Scan:
    """What a walk of partners/ found: the partner files, and entries that look like partner files but are not."""

    root: Path
    files: list[Path] = field(default_factory=list)
    # (path, key of the message in the strings file's errors, values for the message)
    odd: list[tuple[Path, str, dict[str, str]]] = field(default_factory=list)
    folded: dict[str, Path] = field(default_factory=dict)

    def walk(self, folder: Path, depth: int) -> None:
        """Look at every entry below folder without following symbolic links; hidden entries are skipped."""
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
        for entry in listed:
            if not entry.name.startswith("."):
                self.entry(entry, Path(entry.path), depth)

    def entry(self, entry: os.DirEntry[str], path: Path, depth: int) -> None:
        named = _yaml_name(entry.name)
        if entry.is_symlink():
            # Never read: it may point outside the repository (a file's content would be published or quoted).
            if named is not None or entry.is_dir():
                self.odd.append((path, "symlink", {}))
        elif entry.is_dir(follow_symlinks=False):
            if named is not None:
                self.odd.append((path, "folder_named_like_file", {}))
            else:
                self.walk(path, depth + 1)
        elif named == "near":
            self.odd.append((path, "near_miss_name", {}))
        elif named is None:
            return
        elif not entry.is_file(follow_symlinks=False):
            self.odd.append((path, "not_regular_file", {}))
        elif depth != FILE_DEPTH:
            self.odd.append((path, "wrong_place", {}))
        else:
            self.file(path)

    def file(self, path: Path) -> None:
        rel = path.relative_to(self.root).as_posix()
        key = unicodedata.normalize("NFC", rel).casefold()
        other = self.folded.get(key)
        if other is not None:
            self.odd.append((path, "case_duplicate", {"other": str(other)}))
            return
        self.folded[key] = path
        self.files.append(path)


def _yaml_name(name: str) -> str | None:
    """'exact' for x.yml / x.yaml, 'near' for names a person meant as one (x.YML, x.yml~, x.yml.txt), else None."""
    if name.endswith(SUFFIXES):
        return "exact"
    lowered = name.lower()
    return "near" if any(suffix in lowered for suffix in SUFFIXES) else None


def _scan(partners_dir: Path) -> _Scan:
    scan = _Scan(partners_dir)
    scan.walk(partners_dir, 1)
    scan.files.sort(key=lambda p: p.relative_to(partners_dir).as_posix())
    return scan


def partner_files(partners_dir: Path) -> list[Path]:
    """Every partner file, partners/<folder>/<name>.yml or .yaml, hidden ones excepted, in a stable order."""
    return _scan(partners_dir).files


def load_partners(partners_dir: Path, strings: Strings) -> tuple[list[SourceFile], list[Problem]]:
    """Parse every partner file; a file that cannot be parsed becomes a problem, not an exception."""
    problems: list[Problem] = []
    sources = list(read_partners(partners_dir, strings, problems))
    return sources, problems


def read_partners(partners_dir: Path, strings: Strings, problems: list[Problem]) -> Iterator[SourceFile]:
    """Parse partner files one at a time, appending files that cannot be parsed to problems."""
    files, in_folder = list_partners(partners_dir, strings)
    problems.extend(in_folder)
    return read_files(partners_dir, files, strings, problems)


def list_partners(partners_dir: Path, strings: Strings) -> tuple[list[Path], list[Problem]]:
    """The partner files of a folder, and what is wrong with the folder as a whole: missing, or no file."""
    if not partners_dir.is_dir():
        return [], [Problem(str(partners_dir), 0, "partners", strings.error("not_a_folder"))]
    scan = _scan(partners_dir)
    problems = [Problem(str(path), 0, "(file)", strings.error(key, **values)) for path, key, values in scan.odd]
    if not scan.files:
        problems.append(Problem(str(partners_dir), 0, "partners", strings.error("no_partners")))
    return scan.files, problems


def read_files(
    partners_dir: Path, files: Iterable[Path], strings: Strings, problems: list[Problem]
) -> Iterator[SourceFile]:
    """Parse some partner files of a folder one at a time, appending files that cannot be parsed to problems.

    A YAML tree takes some 30 KB with its position marks: validating each file as it is read keeps one tree
    in memory instead of 10,000.
    """
    for file in files:
        rel = PurePosixPath(file.relative_to(partners_dir).as_posix())
        shown = str(partners_dir / rel)
        node, problem = _parse(file, shown, strings)
        if problem is not None:
            problems.append(problem)
        elif node is not None:
            yield SourceFile(shown, rel, node)


def _parse(file: Path, shown: str, strings: Strings) -> tuple[yaml.Node | None, Problem | None]:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, Problem(shown, 1, "(file)", strings.error("too_large", size=size, limit=MAX_BYTES))
        data = file.read_bytes()
    except OSError as exc:
        return None, Problem(shown, 1, "(file)", strings.error("read_failed", reason=exc.strerror))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(shown, line, "(file)", strings.error("encoding"))
    try:
        deep = _too_deep(text)
        if deep is not None:
            return None, Problem(shown, deep, "(yaml)", strings.error("too_deep", limit=MAX_DEPTH))
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problem(exc, text, shown, strings)
    except yaml.reader.ReaderError as exc:
        # A control character such as NUL: name its line, keep the message on one line.
        line = text[: exc.position].count("\n") + 1
        return None, Problem(shown, line, "(file)", strings.error("control_chars"))
    except yaml.YAMLError as exc:
        return None, Problem(shown, 1, "(yaml)", strings.error("syntax", problem=" ".join(str(exc).split())))
    if node is None:
        return None, Problem(shown, 1, "(file)", strings.error("empty"))
    return node, None


def _too_deep(text: str) -> int | None:
    """The line where nesting first exceeds MAX_DEPTH, or None; raises YAMLError on bad syntax before it."""
    if sum(text.count(ch) for ch in NESTING_CHARS) < SCAN_AFTER:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1 if event.start_mark else 1
        elif isinstance(event, _CLOSE):
            depth -= 1
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str, strings: Strings) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    problem = " ".join((exc.problem or str(exc)).split())
    lines = text.splitlines()
    if line <= len(lines) and "\t" in lines[line - 1]:
        return Problem(shown, line, "(yaml)", strings.error("tab"))
    return Problem(shown, line, "(yaml)", strings.error("syntax", problem=problem))


def load_content(content_dir: Path) -> dict[str, bytes]:
    """Every file of the hand-written handbook, by its path inside content/."""
    files = {p.relative_to(content_dir).as_posix(): p for p in sorted(content_dir.rglob("*")) if p.is_file()}
    # content/en/ holds the English edition's chapters (generator/editions.py), read on their own.
    others = tuple(e.prefix for e in EDITIONS if e.folder)
    return {path: p.read_bytes() for path, p in files.items() if not path.startswith(others)}
