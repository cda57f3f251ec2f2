"""The live preview's regeneration: after an edit, only what the edit changed is checked, rendered and written.

Each partner file is checked again only when it changed (its size or modification time); the directory is
collated again from the kept records; a page is rendered again only when its inputs (its template's context,
generator.render.Reuse) differ from the last regeneration's, and written only when its text differs from the
file's. The docs tree is then the one generate() writes for the same inputs (tests/test_preview.py compares), and
the files it rewrote are exactly those whose content changed: the engine renders those pages again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta

from generator import forms
from generator.build import Inputs, Kept, Paths, Tree, docs_files, staged, staged_config_path, with_handbook
from generator.editions import Edition
from generator.errors import Problem
from generator.loader import list_partners, read_files
from generator.monitor import Settings
from generator.parallel import halves
from generator.refdata import load_refdata
from generator.render import make_env
from generator.strings import Strings, load_strings
from generator.validate import Checked, check_sources, merge_all
from generator.write import check_clashes, remove_files, update_files

# Fewer changed files than this are checked in this process: a fork costs more than it saves.
FORK_FROM = 200
# The inputs of a file that depends on nothing the preview can change (a schema, robots.txt): made once.
SAME = ("same",)
# The inputs of a file not made before: equal to no file's.
STALE = object()

Stamp = tuple[int, int]
# A template and the templates it imports, includes or extends, each with its stamp.
Uses = tuple[tuple[str, Stamp], ...]
# The templates that make a listing's rows (kept by Reuse), the feed (an export) and the field reference.
ROW_TEMPLATE = "_macros.md.j2"
FEED_TEMPLATE = "feed.xml.j2"
FIELDS_TEMPLATE = "fields.md.j2"


@dataclass(frozen=True)
class Changes:
    """What a regeneration did to the docs tree: files written, files removed, and whether the config changed."""

    written: frozenset[str]
    removed: frozenset[str]
    config: bool


@dataclass
class Preview:
    """The docs trees of the live preview, one per edition, and what they were made from, kept between
    regenerations. The partner files are checked once for every edition."""

    paths: Paths
    settings: Settings
    # Each partner file's size and modification time, and the result of checking it.
    checked: dict[Path, tuple[Stamp, Checked]] = field(default_factory=dict)
    # The partners folder and its folders, each with its stamp, and what listing them found.
    listed: tuple[dict[Path, Stamp], tuple[list[Path], list[Problem]]] = ({}, ([], []))
    # What each edition's docs tree was made from, by language.
    editions: dict[str, EditionPreview] = field(default_factory=dict)
    # The inputs of the last check without problems.
    last_good: Inputs | None = None

    def __post_init__(self) -> None:
        self.editions = {ed.lang: EditionPreview(ed) for ed in self.paths.editions}

    def regenerate(self) -> dict[str, Changes]:
        """Bring each edition's docs tree and config up to date with the inputs: what changed in each, by
        language; DataError when the inputs have problems."""
        inputs = self.check()
        return {lang: self.regenerate_edition(lang, inputs) for lang in self.editions}

    def regenerate_edition(self, lang: str, inputs: Inputs) -> Changes:
        """Bring one edition's docs tree and config up to date with inputs (check's)."""
        return self.editions[lang].regenerate(self.paths, self.settings, inputs)

    def check(self) -> Inputs:
        """The inputs, checking again only the partner files that changed; DataError when they have problems."""
        strings, ref = load_strings(), load_refdata()
        files, problems = self._partner_files()
        stamps = {file: _stamp(file) for file in files}
        changed = [file for file in files if self.checked.get(file, (None,))[0] != stamps[file]]
        work = _checker(self.paths.partners, self.settings)
        parts = halves(work, changed) if len(changed) >= FORK_FROM else [work(changed)]
        fresh = dict(zip(changed, (item for part in parts for item in part), strict=True))
        self.checked = {file: (stamps[file], fresh.get(file) or self.checked[file][1]) for file in files}
        records, mechanisms, more = merge_all((checked for _, checked in self.checked.values()), strings)
        context = (ref, strings, self.settings.latest_date)
        self.last_good = with_handbook(records, mechanisms, problems + more, self.paths.content, context)
        return self.last_good

    def _partner_files(self) -> tuple[list[Path], list[Problem]]:
        """The partner files and the problems of the folder, listed again only when a folder changed: adding,
        removing or renaming a file (an editor's save by rename too) changes its folder's modification time."""
        root = self.paths.partners
        folders = {root: _stamp(root)} if root.is_dir() else {}
        with os.scandir(root) if folders else contextlib.nullcontext(()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders[Path(entry.path)] = _stamp(Path(entry.path))
        if folders != self.listed[0] or not folders:
            self.listed = (folders, list_partners(root, load_strings()))
        return self.listed[1]


@dataclass
class EditionPreview:
    """One edition's docs tree in the live preview and what it was made from."""

    ed: Edition
    # Each page template's size and modification time, by its name; and which of them each one uses, with
    # theirs (now and before the last change): a page is made again when one of its template's changed.
    templates: dict[str, Stamp] = field(default_factory=dict)
    uses: dict[str, Uses] = field(default_factory=dict)
    # The templates each template names itself, by its stamp (template_uses).
    named: dict[str, tuple[Stamp, frozenset[str]]] = field(default_factory=dict)
    used_before: dict[str, Uses] = field(default_factory=dict)
    kept: Kept = field(default_factory=Kept)
    # Each generated file's inputs when last written; content files are compared as bytes instead.
    made: dict[str, object] = field(default_factory=dict)
    env: jinja2.Environment | None = None
    # The project's config file's size and modification time, and the staged config made from it.
    config: tuple[Stamp | None, bytes] = (None, b"")

    def regenerate(self, paths: Paths, settings: Settings, inputs: Inputs) -> Changes:
        """Bring the edition's docs tree and config up to date with the inputs."""
        own, strings = paths.of(self.ed), load_strings(self.ed.lang)
        if self._templates_changed(paths) or self.env is None:
            self.env = make_env(paths.templates / "pages", strings)
            self.uses = template_uses(self.env, self.templates, self.named)
            if self.kept.pages.rows and self.uses.get(ROW_TEMPLATE) != self.used_before.get(ROW_TEMPLATE):
                self.kept.pages.rows.clear()
        tree = docs_files(own, settings, inputs.edition(self.ed), self.env, kept=self.kept)
        files = dict(self._files(tree))
        content_dir = paths.content / self.ed.folder if self.ed.folder else paths.content
        check_clashes(tree.content, set(files) - set(tree.content), str(content_dir), strings)
        written = update_files(own.docs, self._changed(files))
        removed = set(self.made) - set(files)
        remove_files(own.docs, removed)
        self.made = {path: key for path, (key, _) in files.items()}
        return Changes(frozenset(written), frozenset(removed), self._stage_config(own, paths.config, strings))

    def _templates_changed(self, paths: Paths) -> bool:
        """Whether a page template changed (the theme's are the engine's to watch)."""
        folder = paths.templates / "pages"
        now = {p.relative_to(folder).as_posix(): _stamp(p) for p in sorted(folder.rglob("*")) if p.is_file()}
        changed = now != self.templates
        self.templates, self.used_before = now, self.uses
        return changed

    def _files(self, tree: Tree) -> Iterator[tuple[str, tuple[object, Mapping[str, str | bytes]]]]:
        """Every file of the tree with its inputs (None: compare the bytes) and the mapping that makes it."""
        directory = tree.directory
        records = (directory.partnerships, directory.mechanisms)
        made_from = {forms.docx_path(c.path): (c.text, c.title) for c in directory.chapters if forms.is_form(c.path)}
        for path in tree.content:
            yield path, (None, tree.content)
        for path in tree.data:
            yield path, ((records, self.uses.get(FEED_TEMPLATE)), tree.data)
        for path in tree.pieces:
            yield path, (records, tree.pieces)
        for path in tree.extra:
            yield path, (made_from.get(path, SAME), tree.extra)
        for path in tree.reference:
            yield path, (self.uses.get(FIELDS_TEMPLATE), tree.reference)
        inputs, uses = self.kept.pages.inputs, self.uses
        for path in tree.pages:
            yield path, ((inputs[path], uses.get(_template_of(inputs[path]))), tree.pages)

    def _changed(self, files: Mapping[str, tuple[object, Mapping[str, str | bytes]]]) -> Iterator[tuple[str, bytes]]:
        """The files whose inputs changed (or may have), made; the writer compares each with the file on disk."""
        for path, (key, source) in files.items():
            if key is None or self.made.get(path, STALE) != key:
                data = source[path]
                yield path, data.encode("utf-8") if isinstance(data, str) else data

    def _stage_config(self, own: Paths, config: Path, strings: Strings) -> bool:
        """Write the staged MkDocs config (without a problems banner) when it changed; whether it did."""
        path = staged_config_path(own)
        if self.config[0] != _stamp(config):
            text = staged(own, strings, folder=self.ed.folder)
            self.config = (_stamp(config), text.encode("utf-8"))
        if path.is_file() and path.read_bytes() == self.config[1]:
            return False
        path.write_bytes(self.config[1])
        return True


def template_uses(
    env: jinja2.Environment, stamps: Mapping[str, Stamp], known: dict[str, tuple[Stamp, frozenset[str]]] | None = None
) -> dict[str, Uses]:
    """Each template with every template it uses, directly or not, and their stamps. known holds the templates
    each one names itself, by its stamp: only a changed template is parsed again."""
    assert env.loader is not None
    known = {} if known is None else known
    for name in known.keys() - stamps.keys():
        del known[name]
    for name, stamp in stamps.items():
        if known.get(name, (None,))[0] != stamp:
            tree = env.parse(env.loader.get_source(env, name)[0])
            known[name] = (stamp, frozenset(used for used in meta.find_referenced_templates(tree) if used))
    direct = {name: known[name][1] for name in stamps}
    uses: dict[str, Uses] = {}
    for name in stamps:
        seen, todo = {name}, [name]
        while todo:
            for used in direct.get(todo.pop(), set()) - seen:
                seen.add(used)
                todo.append(used)
        uses[name] = tuple(sorted((used, stamps[used]) for used in seen if used in stamps))
    return uses


def _template_of(inputs: object) -> str:
    """The template named first in a page's inputs (generator.render.Reuse)."""
    assert isinstance(inputs, tuple) and isinstance(inputs[0], str)
    return inputs[0]


def _checker(partners: Path, settings: Settings) -> Callable[[list[Path]], list[Checked]]:
    """What checks some partner files, each on its own, so that each result can be kept for its file."""
    strings, ref = load_strings(), load_refdata()

    def work(files: list[Path]) -> list[Checked]:
        results = []
        for file in files:
            unreadable: list[Problem] = []
            sources = read_files(partners, [file], strings, unreadable)
            checked = check_sources(sources, ref, strings, settings.latest_date)
            checked.problems.extend(unreadable)
            results.append(checked)
        return results

    return work


def _stamp(path: Path) -> Stamp:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size
