"""The synthetic sample: valid by the project's own validator, spread over every province, varied, deterministic."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.loader import load_partners
from generator.model import PartnerLevel, Partnership, Status, ThaiLevel
from generator.refdata import RefData, load_refdata
from generator.sample import HEADER, SampleCity, load_cities, sample_files, write_sample
from generator.strings import load_strings
from generator.validate import validate

TODAY = datetime.date(2026, 11, 26)
COUNT = 300
ROOT = Path(__file__).resolve().parent.parent
FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*-(\d{4})\.yml$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARTY_NAMES = {
    ThaiLevel.PROVINCE: ("จังหวัด{th}", "{en} Province"),
    ThaiLevel.BANGKOK: ("กรุงเทพมหานคร", "Bangkok Metropolitan Administration"),
    ThaiLevel.MUNICIPALITY: ("เทศบาลนคร{th}", "{en} City Municipality"),
    ThaiLevel.PAO: ("องค์การบริหารส่วนจังหวัด{th}", "{en} Provincial Administrative Organization"),
}


@pytest.fixture(scope="module")
def ref() -> RefData:
    return load_refdata()


@pytest.fixture(scope="module")
def files(ref: RefData) -> dict[str, str]:
    return sample_files(COUNT, 1, TODAY, ref)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "partners"
    assert write_sample(COUNT, out, seed=1, today=TODAY) == COUNT
    return out


@pytest.fixture(scope="module")
def records(written: Path, ref: RefData) -> list[Partnership]:
    strings = load_strings()
    sources, problems = load_partners(written, strings)
    records, more = validate(sources, ref, strings, TODAY)
    assert [str(p) for p in problems + more] == []
    return records


def test_every_file_validates(records: list[Partnership]) -> None:
    assert len(records) == COUNT


def test_written_files_are_sample_files(written: Path, files: dict[str, str]) -> None:
    assert sorted(p.relative_to(written).as_posix() for p in written.rglob("*.yml")) == sorted(files)
    assert all((written / rel).read_bytes() == text.encode("utf-8") for rel, text in files.items())


def test_file_names_are_numbered_once_each(files: dict[str, str]) -> None:
    matches = [FILE_NAME.match(rel) for rel in files]
    assert sorted(int(m.group(3)) for m in matches if m) == list(range(1, COUNT + 1))


def test_text_is_safe_dump_with_header(files: dict[str, str]) -> None:
    for text in files.values():
        data = yaml.safe_load(text)
        assert text == HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_every_province_gets_three_or_four(records: list[Partnership], ref: RefData) -> None:
    per_province = Counter(r.thai_party.province.code for r in records)
    assert sorted(per_province) == sorted(ref.provinces)
    assert sorted(Counter(per_province.values()).items()) == [(3, 77 - COUNT % 77), (4, COUNT % 77)]


def test_bangkok_uses_level_bangkok(records: list[Partnership]) -> None:
    bangkok = [r.thai_party for r in records if r.thai_party.province.code == "TH-10"]
    assert len(bangkok) in (3, 4)
    assert {(p.level, p.name_th, p.name_en) for p in bangkok} == {
        (ThaiLevel.BANGKOK, "กรุงเทพมหานคร", "Bangkok Metropolitan Administration")
    }


def test_thai_party_names_follow_level(records: list[Partnership]) -> None:
    for record in records:
        party = record.thai_party
        name_th, name_en = PARTY_NAMES[party.level]
        assert party.name_th == name_th.format(th=party.province.name_th)
        assert party.name_en == name_en.format(en=party.province.name_en)
    assert {r.thai_party.level for r in records} == set(ThaiLevel) - {ThaiLevel.DISTRICT, ThaiLevel.OTHER}


def test_statuses_types_and_countries_vary(records: list[Partnership]) -> None:
    assert {r.status for r in records} == set(Status)
    assert Counter(r.status for r in records).most_common(1)[0][0] is Status.ACTIVE
    assert len({r.type for r in records}) == 5
    assert len({r.partner.country.code for r in records}) >= 15


def test_only_signed_statuses_have_signed(records: list[Partnership]) -> None:
    unsigned = (Status.PROPOSED, Status.NEGOTIATING)
    assert all((r.signed is None) == (r.status in unsigned) for r in records)
    assert {len(r.signed.iso()) for r in records if r.signed} == {4, 7, 10}
    assert min(r.signed.year for r in records if r.signed) >= 1962


def test_activities_are_ordered_and_after_signing(records: list[Partnership]) -> None:
    for record in records:
        keys = [a.date.sort_key() for a in record.activities]
        assert keys == sorted(keys)
        assert len(record.activities) <= 6
        later = [a for a in record.activities if a.kind.value != "signing"]
        if record.signed:
            assert all(a.date.sort_key() > record.signed.sort_key() for a in later)
        if record.checked:
            assert all(a.date.earliest() <= record.checked.date.earliest() <= TODAY for a in record.activities)


def test_links_use_reserved_domain(records: list[Partnership]) -> None:
    assert all(s.startswith("https://example.org/sample/") for r in records for s in r.sources)
    offices = [r.responsible_office for r in records if r.responsible_office]
    assert offices
    assert all(o.email.endswith(".example.org") for o in offices if o.email)


def test_same_seed_same_files(ref: RefData) -> None:
    assert sample_files(50, 7, TODAY, ref) == sample_files(50, 7, TODAY, ref)


def test_different_seed_different_files(ref: RefData) -> None:
    assert sample_files(50, 7, TODAY, ref) != sample_files(50, 8, TODAY, ref)


def test_same_output_whatever_the_hash_seed() -> None:
    code = (
        "import datetime, hashlib; from generator.sample import sample_files; from generator.refdata import "
        "load_refdata; print(hashlib.sha256(repr(sample_files(80, 3, datetime.date(2026, 1, 2), "
        "load_refdata())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(digests) == 1


def test_write_sample_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.yml").write_text("kept\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="exists and is not empty"):
        write_sample(3, tmp_path, seed=1, today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.yml"]


def test_write_sample_fills_an_empty_folder(tmp_path: Path) -> None:
    assert write_sample(3, tmp_path, seed=1, today=TODAY) == 3
    assert len(list(tmp_path.rglob("*.yml"))) == 3


def test_city_table(ref: RefData) -> None:
    cities = load_cities()
    assert cities[0] == SampleCity("kunming", "Kunming", "คุนหมิง", "昆明", "CN", PartnerLevel.CITY)
    assert len(cities) >= 80
    assert {c.country for c in cities} <= set(ref.countries)
    assert len({c.country for c in cities}) >= 20
    assert len({c.slug for c in cities}) == len(cities)
    assert all(SLUG.match(c.slug) for c in cities)
