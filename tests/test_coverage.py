"""The directory against the ministry's December 2018 figure: which records count, and what the rest are."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASELINE, TODAY, edit, write
from sites import BANGKOK

from generator.coverage import Coverage, bucket, coverage
from generator.loader import load_partners
from generator.model import Partnership
from generator.refdata import load_refdata
from generator.strings import load_strings
from generator.validate import validate

NO_ACTIVITIES = BASELINE.split("activities:")[0] + "sources:" + BASELINE.split("sources:")[1]
MUNICIPAL = edit(
    edit(BASELINE, "  level: province", "  level: municipality"),
    "  name_th: จังหวัดเชียงใหม่",
    "  name_th: เทศบาลนครเชียงใหม่",
)
PHUKET = edit(edit(BASELINE, "province: TH-50", "province: TH-83"), "  name_th: จังหวัดเชียงใหม่", "  name_th: จังหวัดภูเก็ต")
# One partner file per case: the file name, its text, and the count it falls in.
CASES = {
    "signed-1999": (BASELINE, "counted"),
    "friendship-1999": (edit(BASELINE, "type: sister_city", "type: friendship_city"), "counted"),
    "by-2006": (edit(BASELINE, "signed: 1999-06-07", "signed: by 2006"), "counted"),
    "day-before": (edit(BASELINE, "signed: 1999-06-07", "signed: 2018-12-18"), "counted"),
    "phuket": (PHUKET, "counted"),
    "on-the-day": (edit(BASELINE, "signed: 1999-06-07", "signed: 2018-12-19"), "signed_later"),
    "december-2018": (edit(BASELINE, "signed: 1999-06-07", "signed: 2018-12"), "signed_later"),
    "signed-2019": (edit(BASELINE, "signed: 1999-06-07", "signed: 2019-03-01"), "signed_later"),
    "before-2020": (edit(BASELINE, "signed: 1999-06-07", "signed: before 2020"), "signed_later"),
    "document-only": (
        edit(BASELINE, "signed: 1999-06-07\n", "")
        + "documents:\n  - kind: agreement\n    title_th: ความตกลง\n    url: https://example.org/a.pdf\n",
        "signed_undated",
    ),
    "mou": (edit(BASELINE, "type: sister_city", "type: mou"), "signed_other"),
    "letter": (edit(BASELINE, "type: sister_city", "type: letter_of_intent"), "letter_of_intent"),
    "meetings": (
        edit(edit(BASELINE, "type: sister_city", "type: cooperation"), "signed: 1999-06-07\n", ""),
        "meetings",
    ),
    "talks": (
        edit(
            edit(edit(NO_ACTIVITIES, "status: active", "status: proposed"), "signed: 1999-06-07\n", ""),
            "evidence: news_report",
            "evidence: contact_only",
        ),
        "talks",
    ),
    "list-only": (
        edit(edit(BASELINE, "status: active", "status: unknown"), "evidence: news_report", "evidence: list_only"),
        "unconfirmed",
    ),
    "disputed": (
        edit(edit(BASELINE, "status: active", "status: unknown"), "verification: unverified", "verification: disputed"),
        "unconfirmed",
    ),
    "municipal": (MUNICIPAL, "local"),
    "bangkok": (BANGKOK, "local"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Partnership]:
    files: dict[str, str | bytes] = {f"{folder(text)}/{name}.yml": text for name, (text, _) in CASES.items()}
    partners = write(tmp_path_factory.mktemp("coverage"), files)
    strings = load_strings()
    sources, problems = load_partners(partners, strings)
    found, more = validate(sources, load_refdata(), strings, TODAY)
    assert problems == more == []
    return {Path(p.source_path).stem: p for p in found}


def folder(text: str) -> str:
    """The province folder a case's file belongs in."""
    return {"TH-83": "phuket", "TH-10": "bangkok"}.get(text.split("province: ")[1][:5], "chiang-mai")


@pytest.mark.parametrize("name", CASES)
def test_each_record_falls_in_one_count(records: dict[str, Partnership], name: str) -> None:
    assert bucket(records[name]) == CASES[name][1]


def test_counts_and_provinces(records: dict[str, Partnership]) -> None:
    assert coverage(records.values()) == Coverage(
        total=18,
        counted=5,
        provinces=2,
        signed_later=4,
        signed_undated=1,
        signed_other=1,
        letter_of_intent=1,
        meetings=1,
        talks=1,
        unconfirmed=2,
        local=2,
    )
