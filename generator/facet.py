"""How a facet of the directory is declared and grouped; the declarations themselves are in generator/facets.py.

A facet is one `FacetSpec`: its name (its key under `facets:` in the strings file), URL folder, how to get a
record's values, how to key, order and label them, and how it appears in the directory filter and the exports.
A `Registry` holds the facets in order; everything that lists, links, filters or exports by facet reads it.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.model import Partnership
from generator.monitor import Health
from generator.refdata import RefData
from generator.strings import Strings

Values = Callable[[Partnership, Health], Iterable[Any]]
Title = Callable[[Any, Strings], str]


@dataclass(frozen=True)
class Filter:
    """How a facet appears in the directory filter (directory.js): a control, and the column it reads."""

    # Where the control stands among the filter's controls (lowest first).
    rank: int
    # The URL query parameter; facets sharing one share a control (alerts are offered under status).
    param: str
    # The column of the directory's data (generator/browse.py) with a record's value (a list for many values).
    column: str
    # A value as the option and the column give it; None: the facet's key. A value mapped to None has no option.
    value: Callable[[Any], str | int | None] | None = None
    # An option's text; None: the value's title.
    option: Title | None = None
    # A range: the parameter of its upper end (the lower end is param), one option per value from first to last.
    to: str | None = None


@dataclass(frozen=True)
class Sections:
    """An index (and a filter control) showing a facet's groups under the values of another facet."""

    facet: str
    of: Callable[[Any], Any]


def _nothing(value: Any, strings: Strings) -> tuple[str, ...]:
    return ()


def _no_values(ref: RefData) -> Iterable[Any]:
    return ()


@dataclass(frozen=True)
class FacetSpec:
    """One facet: its name (its key under `facets:` in the strings file), its pages, values, labels and uses."""

    name: str
    # The URL folder of its index and listings (provinces/ and provinces/chiang-mai/); None: no pages, no nav entry.
    folder: str | None
    # The values a record has: one, or several when many is set (a partnership may have two alerts).
    values: Values
    # A value's key in URLs (chiang-mai) and exports.
    key: Callable[[Any], str]
    # A value's label on pages.
    title: Title
    # Values with a group even when no record has them, e.g. all 77 provinces; the rest are the values met.
    every: Callable[[RefData], Iterable[Any]] = _no_values
    # The order of the groups, from a value and the language of the pages (names sort by language); None:
    # every's order, then the values as met.
    order: Callable[[Any, str], Any] | None = None
    many: bool = False
    # Whether the directory page lists the facet's groups that no record has.
    show_empty: bool = True
    filter: Filter | None = None
    # The key under `derived` in data/partnerships.json (and its CSV column), for values not in the partner file.
    export: str | None = None
    # Other names of a value that the site search finds its listing by.
    search_names: Callable[[Any, Strings], tuple[str, ...]] = _nothing
    sections: Sections | None = None

    def option_value(self, value: Any) -> str | int | None:
        """A value as the filter's option and column give it."""
        if self.filter is not None and self.filter.value is not None:
            return self.filter.value(value)
        return self.key(value)

    def column(self, p: Partnership, health: Health) -> object:
        """A record's value(s) in its facet column of the directory's data (generator/browse.py)."""
        values = [self.option_value(v) for v in self.values(p, health)]
        return values if self.many else values[0]

    def exported(self, p: Partnership, health: Health) -> object:
        """A record's value(s) as exported: keys, a list when the facet has many."""
        keys = [self.key(v) for v in self.values(p, health)]
        return keys if self.many else keys[0]


@dataclass(frozen=True)
class Group:
    """The partnerships sharing one value of a facet, e.g. every partnership of Chiang Mai."""

    facet: str
    key: str
    value: object
    items: tuple[Partnership, ...]


@dataclass(frozen=True)
class Facet:
    """One way to browse the directory, with a group per value."""

    spec: FacetSpec
    groups: tuple[Group, ...]

    @property
    def name(self) -> str:
        """The facet's name."""
        return self.spec.name

    def sections(self, registry: Registry) -> list[tuple[Any, list[Group]]]:
        """The groups under the values of the facet of spec.sections, ordered by that facet's key."""
        assert self.spec.sections is not None
        of, key = self.spec.sections.of, registry[self.spec.sections.facet].key
        found: dict[Any, list[Group]] = {}
        for g in self.groups:
            found.setdefault(of(g.value), []).append(g)
        return sorted(found.items(), key=lambda item: key(item[0]))


def group(
    spec: FacetSpec, records: Iterable[Partnership], health: Mapping[str, Health], ref: RefData, lang: str = "th"
) -> Facet:
    """A facet with one group per value, in its order for the pages' language; values of spec.every no record has
    are kept."""
    buckets: dict[Hashable, list[Partnership]] = {v: [] for v in spec.every(ref)}
    for record in records:
        for value in spec.values(record, health[record.id]):
            buckets.setdefault(value, []).append(record)
    order = spec.order
    values = sorted(buckets, key=lambda v: order(v, lang)) if order is not None else list(buckets)
    return Facet(spec, tuple(Group(spec.name, spec.key(v), v, tuple(buckets[v])) for v in values))


@dataclass(frozen=True)
class Control:
    """A control of the directory filter: its URL parameter and the facets it offers, in rank order."""

    param: str
    facets: tuple[FacetSpec, ...]


@dataclass(frozen=True)
class Registry:
    """The facets, in the order of their lists, indexes and navigation entries."""

    facets: tuple[FacetSpec, ...]

    def __post_init__(self) -> None:
        # Two facets with one name, folder, index column or export would overwrite each other's pages or data.
        filters = [f.filter for f in self.facets if f.filter is not None]
        for what, found in (
            ("name", [f.name for f in self.facets]),
            ("folder", [f.folder for f in self.facets if f.folder is not None]),
            ("column", [fl.column for fl in filters]),
            ("export", [f.export for f in self.facets if f.export is not None]),
        ):
            twice = sorted({x for x in found if found.count(x) > 1})
            if twice:
                raise ValueError(f"two facets have the same {what}: {', '.join(twice)}")

    def __getitem__(self, name: str) -> FacetSpec:
        return next(f for f in self.facets if f.name == name)

    def adding(self, spec: FacetSpec) -> Registry:
        """This registry with one more facet, last."""
        return replace(self, facets=(*self.facets, spec))

    @property
    def paged(self) -> tuple[FacetSpec, ...]:
        """The facets with pages (an index and listings), in order."""
        return tuple(f for f in self.facets if f.folder is not None)

    @property
    def folders(self) -> dict[str, str]:
        """The URL folder of each facet with pages."""
        return {f.name: f.folder for f in self.facets if f.folder is not None}

    def title(self, name: str, value: Any, strings: Strings) -> str:
        """The label of one value of a facet."""
        return self[name].title(value, strings)

    def nav(self, strings: Strings) -> list[dict[str, str]]:
        """The navigation entries of the facets' indexes: {title: 'provinces/index.md'}."""
        titles = strings.data["facets"]
        return [{titles[f.name]["nav"]: f"{f.folder}/index.md"} for f in self.paged]

    def controls(self) -> list[Control]:
        """The filter's controls in rank order; facets sharing a URL parameter share a control."""
        ranked = sorted((f for f in self.facets if f.filter is not None), key=lambda f: _filter(f).rank)
        params = dict.fromkeys(_filter(f).param for f in ranked)
        return [Control(p, tuple(f for f in ranked if _filter(f).param == p)) for p in params]

    def description(self) -> list[dict[str, str]]:
        """What directory.js needs to filter by each facet: its parameter(s) and column, in rank order."""
        return [
            {"param": fl.param, "column": fl.column, **({"to": fl.to} if fl.to else {})}
            for c in self.controls()
            for fl in map(_filter, c.facets)
        ]

    def options(self, spec: FacetSpec, groups: Iterable[Group], strings: Strings) -> list[tuple[str | int, str]]:
        """A filter control's options for some groups of a facet: (value, text); a range offers every value between."""
        values = [v for g in groups if (v := spec.option_value(g.value)) is not None]
        fl = _filter(spec)
        if fl.to is not None:
            years = [int(v) for v in values]
            between = range(min(years), max(years) + 1) if years else range(0)
            return [(v, fl.option(v, strings) if fl.option else str(v)) for v in between]
        by_value = {spec.option_value(g.value): g.value for g in groups}
        text = fl.option or spec.title
        return [(v, text(by_value[v], strings)) for v in values]

    def filter_query(self, name: str, value: Any) -> str:
        """The directory filter's URL query showing one value of a facet (province=TH-50), or '' if it cannot."""
        spec = self[name]
        wanted = spec.option_value(value) if spec.filter is not None else None
        if spec.filter is None or wanted is None:
            return ""
        ends = [spec.filter.param, *([spec.filter.to] if spec.filter.to else [])]
        return urllib.parse.urlencode([(param, wanted) for param in ends], safe="")


def _filter(spec: FacetSpec) -> Filter:
    assert spec.filter is not None
    return spec.filter


def by_value(value: Any) -> str:
    """The key of a choice's value: its code (active)."""
    return str(value.value)


def choice(table: str) -> Title:
    """Titles of a choice's values from its table in the strings file (status: active → ดำเนินการอยู่)."""
    return lambda value, strings: strings.label(table, value.value)


def province_title(province: Any, strings: Strings) -> str:
    """จังหวัดเชียงใหม่; Bangkok, not a province (จังหวัด), by its name alone."""
    name = str(province.name_th)
    return name if province.code == "TH-10" else str(strings.data["site"]["province"]) + name


def _year_title(year: int | None, strings: Strings) -> str:
    return strings.year(year) if year is not None else str(strings.data["site"]["year_unknown"])


def _by_value(value: Any) -> str:
    return str(value.value)
