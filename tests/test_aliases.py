"""Other common names of provinces (generator/data/province_aliases.yaml): sourced, unambiguous, indexed."""

from __future__ import annotations

import json
from importlib import resources

import yaml
from conftest import ROOT, SETTINGS

from generator.aliases import province_aliases
from generator.collate import collate
from generator.normalize import compact
from generator.refdata import load_refdata
from generator.render import make_env, render
from generator.strings import load_strings

ROWS = yaml.safe_load(resources.files("generator").joinpath("data", "province_aliases.yaml").read_text("utf-8"))


def test_every_alias_names_a_province_and_its_source() -> None:
    provinces = load_refdata().provinces
    for row in ROWS:
        assert set(row) == {"code", "names", "source", "attested"}, row
        assert row["code"] in provinces
        assert row["names"] and all(isinstance(name, str) and name.strip() for name in row["names"])
        assert row["source"].startswith(("https://", "http://"))
        assert row["attested"].strip()
    assert len({row["code"] for row in ROWS}) == len(ROWS)


def test_no_alias_is_the_name_of_another_province_or_country() -> None:
    ref = load_refdata()
    official = {compact(p.name_th): p.code for p in ref.provinces.values()}
    official |= {compact(p.name_en): p.code for p in ref.provinces.values()}
    official |= {compact(c.name_th): c.code for c in ref.countries.values()}
    official |= {compact(c.name_en): c.code for c in ref.countries.values()}
    seen: dict[str, str] = {}
    for code, names in province_aliases().items():
        for name in names:
            assert official.get(compact(name), code) == code, name
            assert seen.setdefault(compact(name), code) == code, name


def test_the_province_page_is_indexed_under_its_other_names() -> None:
    pages = render(collate([], [], load_refdata(), SETTINGS), make_env(ROOT / "templates" / "pages", load_strings()))
    terms = ["Nakhon Ratchasima", "nakhon ratchasima", "nakhonratchasima", "Khorat", "khorat", "Korat", "korat"]
    terms += ["นครราชสีมา", "โคราช"]
    assert f"\nsearch_terms: {json.dumps(terms)}\n" in pages["provinces/nakhon-ratchasima/index.md"]
