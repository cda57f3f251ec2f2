"""The pipeline: load → validate → collate → render → write → MkDocs build → publish."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator import engine
from generator.collate import collate
from generator.errors import DataError, Problem
from generator.loader import load_partners
from generator.model import Partnership
from generator.refdata import load_refdata
from generator.render import make_env, render
from generator.schema import schema_text
from generator.strings import load_strings
from generator.validate import validate
from generator.write import discard, docs_tree, new_site_dir, publish, sync_tree

SCHEMA_PATH = "data/partnership.schema.json"


@dataclass(frozen=True)
class Paths:
    """Where the inputs are and where the outputs go."""

    partners: Path = Path("partners")
    content: Path = Path("content")
    templates: Path = Path("templates")
    config: Path = Path("mkdocs.yml")
    docs: Path = Path("build/docs")
    site: Path = Path("site")


def check(paths: Paths, build_date: datetime.date) -> list[Partnership]:
    """Load and validate every partner file; raise DataError listing every problem."""
    strings = load_strings()
    sources, problems = load_partners(paths.partners, strings)
    records, more = validate(sources, load_refdata(), strings, build_date)
    if problems or more:
        raise DataError(problems + more)
    return records


def _guard(paths: Paths) -> None:
    """Refuse output folders that overlap an input: writing there would delete hand-written files."""
    strings = load_strings()
    sources = (paths.partners, paths.content, paths.templates, paths.config)
    problems = [
        Problem(str(output), 0, "output", strings.error("unsafe_output", output=output, source=source))
        for output in (paths.docs, paths.site)
        for source in sources
        if _overlap(output.resolve(), source.resolve())
    ]
    if problems:
        raise DataError(problems)


def _overlap(output: Path, source: Path) -> bool:
    return output == source or output in source.parents or source in output.parents


def generate(paths: Paths, build_date: datetime.date) -> int:
    """Write the docs tree (handbook content plus generated pages); returns the number of pages."""
    _guard(paths)
    strings = load_strings()
    records = check(paths, build_date)
    directory = collate(records, load_refdata(), build_date)
    pages = render(directory, make_env(paths.templates / "pages", strings))
    schema = schema_text().encode("utf-8")
    sync_tree(paths.docs, docs_tree(paths.content, pages, {SCHEMA_PATH: schema}, strings))
    return len(pages)


def build(paths: Paths, build_date: datetime.date) -> int:
    """Build the whole site into paths.site, replacing it only when every step succeeded."""
    count = generate(paths, build_date)
    staging = new_site_dir(paths.site)
    try:
        engine.build_site(paths.config, paths.docs.resolve(), staging, load_strings())
    except BaseException:
        discard(staging)
        raise
    publish(staging, paths.site)
    return count
