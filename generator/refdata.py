"""Reference data shipped with the package: the 77 provinces, their map tiles, and the partner countries."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.model import Country, Province, Region
from generator.packaged import packaged_yaml


@dataclass(frozen=True)
class RefData:
    """Provinces and countries, looked up by ISO code."""

    provinces: Mapping[str, Province]
    countries: Mapping[str, Country]
    tiles: Mapping[str, tuple[int, int]]

    def find_province(self, text: str, prefix: str) -> Province | None:
        """A province by ISO code, slug, Thai or English name, in any case: TH-50, chiang-mai, เชียงใหม่,
        จังหวัดเชียงใหม่ (prefix is the Thai word for province), Chiang Mai or Chiang Mai Province."""
        wanted = " ".join(text.split()).removeprefix(prefix).strip().casefold().removesuffix(" province")
        for province in self.provinces.values():
            names = (province.code, province.slug, province.name_th, province.name_en)
            if wanted in (n.casefold() for n in names):
                return province
        return None


def _read(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = packaged_yaml("data", name)
    return rows


@functools.cache
def load_refdata() -> RefData:
    """Read provinces.yaml and countries.yaml into typed records, in code order (once per process)."""
    provinces = [
        Province(r["code"], r["slug"], r["name_th"], r["name_en"], Region(r["region"])) for r in _read("provinces.yaml")
    ]
    countries = [Country(r["code"], r["name_th"], r["name_en"], r["lang"]) for r in _read("countries.yaml")]
    return RefData(
        provinces={p.code: p for p in sorted(provinces, key=lambda p: p.code)},
        countries={c.code: c for c in sorted(countries, key=lambda c: c.code)},
        tiles={r["code"]: (r["col"], r["row"]) for r in _read("province_tiles.yaml")},
    )
