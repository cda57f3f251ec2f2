"""Other common names of places (generator/data/<kind>_aliases.yaml: provinces, partner countries, Thailand's
regions): sourced, unambiguous, indexed."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit
from test_render import render_partner

from generator.aliases import KINDS, Kind, aliases
from generator.collate import collate
from generator.facets import region_names
from generator.model import Region
from generator.normalize import compact
from generator.refdata import load_refdata
from generator.render import make_env, render
from generator.strings import load_strings


def rows(kind: Kind) -> list[dict[str, object]]:
    text = resources.files("generator").joinpath("data", f"{kind}_aliases.yaml").read_text("utf-8")
    loaded: list[dict[str, object]] = yaml.safe_load(text)
    return loaded


def codes(kind: Kind) -> set[str]:
    ref = load_refdata()
    return {"province": set(ref.provinces), "country": set(ref.countries), "region": {r.value for r in Region}}[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_alias_names_a_place_and_its_source(kind: Kind) -> None:
    listed = rows(kind)
    assert listed
    for row in listed:
        assert set(row) == {"code", "names", "source", "attested"}, row
        assert row["code"] in codes(kind)
        names = row["names"]
        assert isinstance(names, list) and names and all(isinstance(n, str) and n.strip() for n in names)
        assert str(row["source"]).startswith(("https://", "http://"))
        assert str(row["attested"]).strip()
    # A place may have several rows, each with its own source; no name is listed twice for it.
    for code, names in aliases(kind).items():
        assert len(set(names)) == len(names), code


def official_names() -> dict[str, str]:
    """Every official name of a province, a country or a region (compact) -> its code."""
    ref = load_refdata()
    official: dict[str, str] = {}
    for p in ref.provinces.values():
        official |= {compact(p.name_th): p.code, compact(p.name_en): p.code}
    for c in ref.countries.values():
        official |= {compact(c.name_th): c.code, compact(c.name_en): c.code}
    for region in Region:
        official |= {compact(name): region.value for name in region_names(region)[:2]}
    return official


def test_no_alias_is_the_name_or_alias_of_another_place() -> None:
    official = official_names()
    seen: dict[str, str] = {}
    for kind in KINDS:
        for code, names in aliases(kind).items():
            for name in names:
                assert official.get(compact(name), code) == code, name
                assert seen.setdefault(compact(name), code) == code, name


def test_the_province_page_is_indexed_under_its_other_names() -> None:
    pages = render(collate([], [], load_refdata(), SETTINGS), make_env(ROOT / "templates" / "pages", load_strings()))
    page = pages["provinces/nakhon-ratchasima/index.md"]
    line = next(line for line in page.splitlines() if line.startswith("search_terms: "))
    terms = json.loads(line.removeprefix("search_terms: "))
    english = ["Nakhon Ratchasima", "nakhon ratchasima", "nakhonratchasima", "Khorat", "khorat", "Korat", "korat"]
    assert terms[: len(english)] == english
    # A name in a script written without spaces is indexed by its words (나콘랏차시마 주: 나콘랏차시마, 주).
    assert {"นครราชสีมา", "โคราช"} <= set(terms)
    assert all(name in terms or set(name.split()) <= set(terms) for name in aliases("province")["TH-30"])


def test_country_and_region_pages_are_named_by_their_other_names(tmp_path: Path) -> None:
    us = edit(edit(BASELINE, "country: CN", "country: US"), "name_en: Kunming", "name_en: Lowell")
    pages = render_partner(tmp_path, us)
    for path, names in (
        ("countries/us/index.md", aliases("country")["US"]),
        ("regions/northeast/index.md", aliases("region")["northeast"]),
    ):
        head = pages[path].split("\n---\n", 1)[0]
        listed = next(line for line in head.splitlines() if line.startswith("search_names:"))
        assert set(names) <= set(json.loads(listed.removeprefix("search_names:"))), path
