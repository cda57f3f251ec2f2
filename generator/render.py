"""Render the directory into Markdown pages: pure, deterministic, {path: text} (each text made when read).

Pages are Markdown files whose body is an HTML block, so Markdown never
interprets partner-supplied text; Jinja's HTML autoescaping escapes all of it.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import forms
from generator.collate import Directory
from generator.editions import THAI, Edition, edition, is_shared, relative, rooted_links
from generator.facet import Group, Registry
from generator.facets import FACETS
from generator.lazy import Lazy
from generator.model import Activity, Chapter, Mechanism, PartialDate, Partnership
from generator.scripts import thai_runs
from generator.search_terms import search_terms, with_search_terms
from generator.strings import Strings, in_language

PAGE_SIZE = 200
PARTNERSHIPS_DIR = "partnerships"
MECHANISMS_DIR = "mechanisms"
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# A line of a handbook chapter replaced by the directory's coverage (the count of the directory page).
COVERAGE_MARK = "<!-- directory:coverage -->"
FIRST_HEADING = re.compile(r"^# [^\n]*$", re.MULTILINE)


def partnership_url(p: Partnership) -> str:
    """Site URL of a partnership's page."""
    return f"{PARTNERSHIPS_DIR}/{p.id}/"


def mechanism_url(m: Mechanism) -> str:
    """Site URL of a multilateral mechanism's page."""
    return f"{MECHANISMS_DIR}/{m.slug}/"


def is_partnership_page(path: str) -> bool:
    """Whether a generated page's path in the docs folder is a partnership's page."""
    return path.startswith(f"{PARTNERSHIPS_DIR}/")


# The listing of every partnership: a group of no facet.
ALL_URL = "directory/all/"


def group_url(facet: str, key: str, page: int = 1, registry: Registry = FACETS) -> str:
    """Site URL of one page of a group's listing, e.g. provinces/chiang-mai/."""
    base = f"{registry[facet].folder}/{key}/" if facet != "all" else ALL_URL
    return base if page == 1 else f"{base}{page}/"


@dataclass(frozen=True)
class Links:
    """Links relative to the current page, so the site works under any sub-path."""

    here: str
    registry: Registry = FACETS
    # The edition of the page: a link to a file every edition shares (editions.SHARED) goes to the site's root.
    edition: Edition = THAI

    def to(self, target: str) -> str:
        """Relative URL from here (a folder URL like 'a/b/') to a site URL like 'a/c/' or 'a/f.json'."""
        if self.edition.folder and is_shared(target):
            return relative(self.edition.prefix + self.here, target)
        return relative(self.here, target)

    def partnership(self, p: Partnership) -> str:
        """Link to a partnership's page."""
        return self.to(partnership_url(p))

    def mechanism(self, m: Mechanism) -> str:
        """Link to a multilateral mechanism's page."""
        return self.to(mechanism_url(m))

    def group(self, facet: str, key: str, page: int = 1) -> str:
        """Link to a group's listing page."""
        return self.to(group_url(facet, key, page, self.registry))

    def value(self, facet: str, value: object) -> str:
        """Link to the listing of one value of a facet, e.g. of a country."""
        return self.group(facet, self.registry[facet].key(value))

    def facet(self, facet: str) -> str:
        """Link to the index of a facet, e.g. countries/."""
        return self.to(f"{self.registry[facet].folder}/")


class _Table(dict[str, Any]):
    """A table of the strings file whose keys are also attributes, for templates writing t.site.title.

    Jinja tries getattr() before [], and on a plain dict that raises an exception to catch: some 60 times a
    partnership page, a third of a second at 10,000 pages. The table is its own attribute dictionary instead.
    No key of the strings file is the name of a dict method, so t.x means the same as on a plain dict.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__({key: _Table(v) if isinstance(v, Mapping) else v for key, v in data.items()})
        self.__dict__ = self


def make_env(templates_dir: Path, strings: Strings, registry: Registry = FACETS) -> jinja2.Environment:
    """The Jinja environment for generated pages; HTML autoescaping is on because bodies are HTML.

    Templates read the facets (generator/facets.py) as `facets`, and a value's label, filter query, search
    names and filter options through the functions named facet_*.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each build makes its own environment: no need to look at the files' times on every page.
        auto_reload=False,
    )
    env.globals["t"] = _Table(strings.data)
    env.globals["facets"] = registry
    env.globals["facet_title"] = lambda facet, value: registry.title(facet, value, strings)
    env.globals["facet_query"] = registry.filter_query
    env.globals["facet_search_names"] = lambda facet, value: registry[facet].search_names(value, strings)
    env.globals["facet_options"] = lambda spec, groups: registry.options(spec, groups, strings)
    # Pages repeat dates (the build date, a partnership's dates on its page and in its province's listing).
    env.filters["long_date"] = functools.lru_cache(maxsize=4096)(lambda d: long_date(d, strings))
    env.filters["year_text"] = strings.year
    # The page's language and the other edition's; a record's field in either (name, note, title, what).
    env.globals["lang"] = strings.lang
    env.globals["edition"] = edition(strings.lang)
    env.globals["other_lang"] = strings.data["edition"]["other_lang"]
    env.filters["loc"] = strings.local
    env.filters["thai_runs"] = thai_runs
    env.filters["alt"] = lambda item, field="name": in_language(item, strings.data["edition"]["other_lang"], field)
    env.filters["era_year"] = lambda y: y + strings.era_offset
    # A text in its form for a count (strings files: {one: ..., other: ...}), with the count as {n}.
    env.filters["counted"] = strings.counted
    env.filters["recent_activities"] = recent_activities
    env.filters["paragraphs"] = paragraphs
    env.filters["overdue_ids"] = lambda health: {key for key, h in health.items() if h.review_overdue}
    env.filters["page_url"] = page_url
    env.filters["search_terms"] = search_terms
    env.filters["tile_level"] = lambda active: 0 if active == 0 else 1 if active == 1 else 2 if active <= 3 else 3
    return env


def env_edition(env: jinja2.Environment) -> Edition:
    """The edition an environment renders (make_env set it from its strings' language)."""
    ed = env.globals["edition"]
    if not isinstance(ed, Edition):
        raise TypeError("an environment of make_env has the edition it renders")
    return ed


def recent_activities(items: tuple[Partnership, ...], count: int) -> list[tuple[Activity, Partnership]]:
    """The latest activities across several partnerships, newest first."""
    pairs = [(a, p) for p in items for a in p.activities]
    return sorted(pairs, key=lambda pair: (pair[0].date.sort_key(), pair[1].id), reverse=True)[:count]


def paragraphs(text: str) -> list[list[str]]:
    """Long text as paragraphs (parted by blank lines) of their non-blank lines, each stripped."""
    blocks = BLANK_LINE.split(text)
    return [lines for block in blocks if (lines := [line.strip() for line in block.splitlines() if line.strip()])]


def page_url(path: str) -> str:
    """Site URL of a Markdown page in the docs folder: guidelines/index.md → guidelines/, faq.md → faq/."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def long_date(value: PartialDate | datetime.date, strings: Strings) -> str:
    """A date as the language's pages write it: 7 มิถุนายน พ.ศ. 2542 (ค.ศ. 1999) in Thai, 7 June 1999 in English."""
    if isinstance(value, datetime.date):
        value = PartialDate(value.year, value.month, value.day)
    parts = []
    if value.day is not None:
        parts.append(str(value.day))
    if value.month is not None:
        parts.append(strings.data["months"][value.month - 1])
    parts.append(strings.year(value.year))
    date = " ".join(parts)
    return date if value.bound is None else strings.data["bound"][value.bound.value].replace("{date}", date)


def _pages(items: tuple[Partnership, ...]) -> Iterator[tuple[int, int, tuple[Partnership, ...]]]:
    """(page number, page count, items) for a listing, one empty page when there is nothing."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, count + 1):
        yield number, count, items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


@dataclass
class Reuse:
    """What the live preview keeps from one render to the next (generator/preview.py).

    inputs: each page's inputs, filled by render(): its template and its context, which hold the partnerships
    it shows. A page whose inputs equal the last render's, with the same templates and settings, is the same
    text: a partnership's health is made from the partnership and the settings alone.
    rows: listing rows by link, with the partnership each was rendered for, reused while it is the same object.
    """

    inputs: dict[str, object] = field(default_factory=dict)
    rows: dict[str, tuple[Partnership, Markup]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Pages:
    """Collects every page as a function rendering it with what every page needs: links, health, settings."""

    env: jinja2.Environment
    directory: Directory
    makers: dict[str, Callable[[], str]]
    reuse: Reuse = field(default_factory=Reuse)

    def put(self, url: str, template: str, **context: object) -> None:
        path = url + "index.md"
        if path in self.makers:
            raise AssertionError(f"two pages map to {path}")
        self.makers[path] = functools.partial(self.render, url, template, context)
        # mechanisms_of (a global of the templates) reads the mechanisms: they are an input of every page.
        self.reuse.inputs[path] = (template, context, self.directory.mechanisms)

    def render(self, url: str, template: str, context: dict[str, object]) -> str:
        return self.env.get_template(template).render(
            link=Links(url, self.directory.registry, env_edition(self.env)),
            health=self.directory.health,
            settings=self.directory.settings,
            row=self.row,
            **context,
        )

    def group(self, group: Group) -> None:
        """The pages of a group's listing. The first may sum up the whole group (a province's statuses and latest
        activities); the others are given their own items and the group's count only, so an edit of one
        partnership leaves the inputs of the other pages of its listings as they were (generator/preview.py)."""
        for number, count, items in _pages(group.items):
            url = group_url(group.facet, group.key, number, self.directory.registry)
            whole = group if number == 1 else dataclasses.replace(group, items=())
            self.put(url, "listing.md.j2", group=whole, total=len(group.items), items=items, page=number, pages=count)

    def row(self, p: Partnership, link: Links) -> Markup:
        """p's row in a listing table, rendered once per link to p and reused on every listing showing it.

        Each partnership is listed by every facet: reusing rows saves a second of rendering at 10,000
        partnerships, for some 17 MB. The link is the key because it is all of a row that depends on the page.
        """
        href = link.partnership(p)
        kept = self.reuse.rows.get(href)
        if kept is not None and kept[0] is p:
            return kept[1]
        macros = self.env.get_template("_macros.md.j2").module
        # A macro is an attribute Jinja sets on the module when it runs the template.
        row: Markup = macros.listing_row(p, link, self.directory.health[p.id])  # type: ignore[attr-defined]
        self.reuse.rows[href] = (p, row)
        return row


def render(directory: Directory, env: jinja2.Environment, reuse: Reuse | None = None) -> Lazy[str]:
    """Every generated page of the directory, keyed by its path in the docs folder, rendered when it is read.

    reuse, when given, receives each page's inputs and keeps listing rows for the next render with env."""
    if env.globals.get("facets") is not directory.registry:
        raise ValueError("the environment and the directory must have the same facets: make_env(..., registry)")
    pages = _Pages(env, directory, {}, reuse or Reuse())
    pages.reuse.inputs.clear()
    # A province's listing names the multilateral mechanisms it is a member of, in a section of its own.
    env.globals["mechanisms_of"] = directory.mechanisms_of
    for p in directory.partnerships:
        pages.put(partnership_url(p), "partnership.md.j2", p=p)
    pages.group(Group("all", "all", None, directory.partnerships))
    for facet in directory.facets:
        if facet.spec.folder is None:
            continue
        for group in facet.groups:
            pages.group(group)
        pages.put(f"{facet.spec.folder}/", "facet_index.md.j2", facet=facet)
    for m in directory.mechanisms:
        pages.put(mechanism_url(m), "mechanism.md.j2", mech=m)
    pages.put(f"{MECHANISMS_DIR}/", "mechanisms.md.j2", mechanisms=directory.mechanisms)
    pages.put("directory/", "directory.md.j2", directory=directory)
    pages.put("stats/", "stats.md.j2", stats=directory.stats, directory=directory)
    pages.put("review/", "review.md.j2", directory=directory)
    pages.put("search/", "search.md.j2")
    pages.put("open-data/", "open_data.md.j2", directory=directory)
    return Lazy(pages.makers)


def render_chapters(directory: Directory, env: jinja2.Environment) -> dict[str, str]:
    """Handbook pages with their search terms, review dates and the directory's coverage, keyed by their path."""
    footer = env.get_template("chapter_footer.md.j2")
    download = env.get_template("form_download.md.j2")
    ed = env_edition(env)
    return {
        c.path: with_search_terms(
            rooted_links(
                _with_download(c, _with_coverage(_reviewed(c, footer, directory), directory, env), download),
                c.path,
                page_url(c.path),
                ed,
            ),
            c.text,
            c.title,
        )
        for c in directory.chapters
    }


def _with_coverage(text: str, directory: Directory, env: jinja2.Environment) -> str:
    """The chapter with its coverage mark, if any, replaced by the count the directory page shows."""
    if COVERAGE_MARK not in text:
        return text
    macros = env.get_template("_macros.md.j2").module
    # A macro is an attribute Jinja sets on the module when it runs the template.
    return text.replace(COVERAGE_MARK, str(macros.coverage(directory.stats.coverage)))  # type: ignore[attr-defined]


def _with_download(chapter: Chapter, text: str, template: jinja2.Template) -> str:
    """A form's page with a link to its DOCX (generator/forms.py) under its first heading."""
    if not forms.is_form(chapter.path):
        return text
    link = template.render(name=posixpath.basename(forms.docx_path(chapter.path))).strip("\n")
    heading = FIRST_HEADING.search(text)
    at = heading.end() if heading else 0
    return f"{text[:at]}\n\n{link}\n{text[at:]}"


def _reviewed(chapter: Chapter, footer: jinja2.Template, directory: Directory) -> str:
    """The chapter with its review dates appended, when it has any."""
    if chapter.meta.reviewed is None and chapter.meta.review_by is None:
        return chapter.text
    return chapter.text.rstrip("\n") + "\n\n" + footer.render(chapter=chapter, settings=directory.settings)
