"""The facets of the directory, each declared once: the ways to browse and filter the partnerships.

Each facet is one `FacetSpec` (generator/facet.py) in `FACETS`. Everything else follows from it: the groups
(collate), the listing pages and the index of each facet (render), the directory page's lists and filter
controls and the filter's description for directory.js, the columns of the directory's data (browse), the
navigation entry (the staged MkDocs config), the derived values of the exports, and every label, read from the
facet's entry under `facets:` in the strings file and, for choices, from the choice's own table. Adding a facet
is one declaration here plus its strings (README, "Adding a facet").
"""

from __future__ import annotations

from typing import Any

from generator.aliases import aliases
from generator.editions import LANGS
from generator.facet import FacetSpec, Filter, Registry, Sections, by_value, choice
from generator.model import Claim, Region, RelationType, Status, Verification
from generator.monitor import Alert
from generator.strings import Strings, in_language, load_strings
from generator.thaisort import name_sort_key


def province_title(province: Any, strings: Strings) -> str:
    """จังหวัดเชียงใหม่ (Chiang Mai Province); Bangkok, not a province (จังหวัด), by its name alone."""
    name = str(strings.local(province))
    return name if province.code == "TH-10" else str(strings.data["site"]["province_named"]).format(name=name)


def region_names(region: Region) -> tuple[str, ...]:
    """A region's names in Thai and English and its other common names (region_aliases.yaml): the search finds
    its page and narrows the partnerships by any of them."""
    labels = tuple(str(load_strings(lang).data["region"][region.value]) for lang in LANGS)
    return (*labels, *aliases("region").get(region.value, ()))


def _year_title(year: int | None, strings: Strings) -> str:
    return strings.year(year) if year is not None else str(strings.data["site"]["year_unknown"])


def by_name(value: Any, lang: str) -> tuple[str, str]:
    """Places and records in the order of their names in the language of the pages (Thai dictionary order on Thai
    pages)."""
    return name_sort_key(in_language(value, lang), lang)


def _year_option(year: int, strings: Strings) -> str:
    """A year in the filter's range: 2542 (1999) on Thai pages, 1999 on English ones."""
    return f"{year + strings.era_offset} ({year})" if strings.era_offset else str(year)


# In the order of the directory page's lists, the indexes and the navigation; Filter's rank orders the filter.
FACETS = Registry(
    (
        # Every province has its page, with or without partnerships (all 77, Bangkok included); the filter and
        # the index show them under their regions; its listing is found by the province's other names too.
        FacetSpec(
            "province",
            "provinces",
            values=lambda p, h: (p.thai_party.province,),
            key=lambda v: str(v.slug),
            title=province_title,
            every=lambda ref: ref.provinces.values(),
            order=by_name,
            show_empty=False,
            filter=Filter(2, "province", "province", value=lambda v: str(v.code), option=lambda v, s: str(s.local(v))),
            search_names=lambda v, s: (
                v.name_th,
                province_title(v, s),
                v.name_en,
                *aliases("province").get(v.code, ()),
            ),
            sections=Sections("region", lambda v: v.region),
        ),
        # A value the partner file does not hold (it follows from the province): exported as derived.
        FacetSpec(
            "region",
            "regions",
            values=lambda p, h: (p.thai_party.province.region,),
            key=by_value,
            title=choice("region"),
            every=lambda ref: Region,
            filter=Filter(1, "region", "region"),
            search_names=lambda v, s: region_names(v),
            export="region",
        ),
        FacetSpec(
            "country",
            "countries",
            values=lambda p, h: (p.partner.country,),
            key=lambda v: str(v.code).lower(),
            title=lambda v, s: str(s.local(v)),
            order=by_name,
            show_empty=False,
            filter=Filter(3, "country", "country", value=lambda v: str(v.code)),
            search_names=lambda v, s: (v.name_th, v.name_en, *aliases("country").get(v.code, ())),
        ),
        # Records with no known signing year are listed under "unknown", which the filter's range cannot offer.
        FacetSpec(
            "year",
            "years",
            values=lambda p, h: (p.signed_year,),
            key=lambda v: str(v) if v is not None else "unknown",
            title=_year_title,
            every=lambda ref: (None,),
            order=lambda v, lang: (v is None, -(v or 0)),
            show_empty=False,
            filter=Filter(7, "from", "year", value=lambda v: v, option=_year_option, to="to"),
        ),
        FacetSpec(
            "status",
            "status",
            values=lambda p, h: (p.status,),
            key=by_value,
            title=choice("status"),
            every=lambda ref: Status,
            filter=Filter(5, "status", "status"),
            search_names=lambda v, s: (choice("status")(v, s), *s.data["status_words"][v.value]),
        ),
        FacetSpec(
            "type",
            "types",
            values=lambda p, h: (p.type,),
            key=by_value,
            title=choice("type"),
            every=lambda ref: RelationType,
            filter=Filter(4, "type", "type"),
        ),
        # Derived at build time (generator/monitor.py); offered in the status control of the filter.
        FacetSpec(
            "alert",
            "alerts",
            values=lambda p, h: h.alerts,
            key=by_value,
            title=choice("alert"),
            every=lambda ref: Alert,
            many=True,
            filter=Filter(6, "status", "alerts"),
            export="alerts",
        ),
        # Filter-only facets: no pages, no navigation entry.
        FacetSpec(
            "claim",
            None,
            values=lambda p, h: (p.claim,),
            key=by_value,
            title=choice("claim"),
            every=lambda ref: Claim,
            filter=Filter(8, "claim", "claim"),
            export="claim",
        ),
        FacetSpec(
            "verification",
            None,
            values=lambda p, h: (p.verification,),
            key=by_value,
            title=choice("verification"),
            every=lambda ref: Verification,
            filter=Filter(9, "verification", "verification"),
        ),
    )
)
