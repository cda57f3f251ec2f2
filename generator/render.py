"""Render the directory into Markdown pages: pure, deterministic, {path: text}.

Pages are Markdown files whose body is an HTML block, so Markdown never
interprets partner-supplied text; Jinja's HTML autoescaping escapes all of it.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.collate import Directory, Group
from generator.model import PartialDate, Partnership
from generator.strings import Strings

PAGE_SIZE = 200
FACET_DIRS = {
    "province": "provinces",
    "region": "regions",
    "country": "countries",
    "year": "years",
    "status": "status",
    "type": "types",
}
BE_OFFSET = 543


def partnership_url(p: Partnership) -> str:
    """Site URL of a partnership's page."""
    return f"partnerships/{p.id}/"


def group_url(facet: str, key: str, page: int = 1) -> str:
    """Site URL of one page of a group's listing, e.g. provinces/chiang-mai/."""
    base = f"{FACET_DIRS[facet]}/{key}/" if facet != "all" else "directory/all/"
    return base if page == 1 else f"{base}{page}/"


@dataclass(frozen=True)
class Links:
    """Links relative to the current page, so the site works under any sub-path."""

    here: str

    def to(self, target: str) -> str:
        """Relative URL from here to a site URL ending in '/' (or a file)."""
        rel = posixpath.relpath(target.rstrip("/") or ".", self.here.rstrip("/") or ".")
        return rel if not target.endswith("/") else ("./" if rel == "." else rel + "/")

    def partnership(self, p: Partnership) -> str:
        """Link to a partnership's page."""
        return self.to(partnership_url(p))

    def group(self, facet: str, key: str, page: int = 1) -> str:
        """Link to a group's listing page."""
        return self.to(group_url(facet, key, page))

    def facet(self, facet: str) -> str:
        """Link to the index of a facet, e.g. countries/."""
        return self.to(f"{FACET_DIRS[facet]}/")


def make_env(templates_dir: Path, strings: Strings) -> jinja2.Environment:
    """The Jinja environment for generated pages; HTML autoescaping is on because bodies are HTML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = strings.data
    env.filters["thai_date"] = lambda d: thai_date(d, strings)
    env.filters["thai_year"] = lambda y: thai_year(y, strings)
    env.filters["be_year"] = lambda y: y + BE_OFFSET
    return env


def thai_year(year: int, strings: Strings) -> str:
    """A year in both eras: พ.ศ. 2542 (ค.ศ. 1999)."""
    return f"{strings.data['site']['be']} {year + BE_OFFSET} ({strings.data['site']['ce']} {year})"


def thai_date(value: PartialDate | datetime.date, strings: Strings) -> str:
    """A date in Thai with the Buddhist Era year and the CE year: 7 มิถุนายน พ.ศ. 2542 (ค.ศ. 1999)."""
    if isinstance(value, datetime.date):
        value = PartialDate(value.year, value.month, value.day)
    parts = []
    if value.day is not None:
        parts.append(str(value.day))
    if value.month is not None:
        parts.append(strings.data["months"][value.month - 1])
    parts.append(thai_year(value.year, strings))
    return " ".join(parts)


def _pages(items: tuple[Partnership, ...]) -> Iterator[tuple[int, int, tuple[Partnership, ...]]]:
    """(page number, page count, items) for a listing, one empty page when there is nothing."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, count + 1):
        yield number, count, items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


def _put(out: dict[str, str], url: str, text: str) -> None:
    path = url + "index.md"
    if path in out:
        raise AssertionError(f"two pages map to {path}")
    out[path] = text


def _render_group(env: jinja2.Environment, group: Group, out: dict[str, str]) -> None:
    template = env.get_template("listing.md.j2")
    for number, count, items in _pages(group.items):
        url = group_url(group.facet, group.key, number)
        _put(out, url, template.render(group=group, items=items, page=number, pages=count, link=Links(url)))


def render(directory: Directory, env: jinja2.Environment) -> dict[str, str]:
    """Every generated page of the directory, keyed by its path in the docs folder."""
    out: dict[str, str] = {}
    page = env.get_template("partnership.md.j2")
    for p in directory.partnerships:
        url = partnership_url(p)
        _put(out, url, page.render(p=p, link=Links(url), build_date=directory.build_date))
    _render_group(env, Group("all", "all", None, directory.partnerships), out)
    index = env.get_template("facet_index.md.j2")
    for facet in directory.facets:
        for group in facet.groups:
            _render_group(env, group, out)
        url = f"{FACET_DIRS[facet.name]}/"
        _put(out, url, index.render(facet=facet, link=Links(url)))
    url = "directory/"
    _put(out, url, env.get_template("directory.md.j2").render(directory=directory, link=Links(url)))
    return out
