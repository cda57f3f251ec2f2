"""Derived monitoring state: dormancy and expiry at their boundaries, computed without touching the data."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from conftest import BASELINE, TODAY, edit, write
from sites import build_fixture_site

from generator.loader import load_partners
from generator.model import PartialDate, Partnership
from generator.monitor import Alert, Settings, add_years, health
from generator.refdata import load_refdata
from generator.strings import load_strings
from generator.validate import validate

# BASELINE was signed 1999-06-07 with one activity in April 2024 (latest day: 2024-04-30).
LAST = datetime.date(2024, 4, 30)


def record(tmp_path: Path, text: str = BASELINE) -> Partnership:
    partners = write(tmp_path, {"chiang-mai/kunming.yml": text})
    strings = load_strings()
    sources, problems = load_partners(partners, strings)
    records, more = validate(sources, load_refdata(), strings, TODAY)
    assert problems == more == []
    return records[0]


@pytest.mark.parametrize(
    ("build_date", "dormant"),
    [
        (LAST + datetime.timedelta(days=3 * 365), False),  # 2027-04-30: exactly three years later
        (datetime.date(2027, 4, 29), False),
        (datetime.date(2027, 4, 30), False),
        (datetime.date(2027, 5, 1), True),
    ],
)
def test_dormant_after_three_years_without_activity(tmp_path: Path, build_date: datetime.date, dormant: bool) -> None:
    p = record(tmp_path)
    assert (Alert.POSSIBLY_DORMANT in health(p, Settings(build_date)).alerts) is dormant


@pytest.mark.parametrize(("years", "dormant"), [(1, True), (2, True), (3, False), (5, False)])
def test_threshold_is_configurable(tmp_path: Path, years: int, dormant: bool) -> None:
    p = record(tmp_path)
    settings = Settings(datetime.date(2026, 11, 26), dormant_after_years=years)
    assert (Alert.POSSIBLY_DORMANT in health(p, settings).alerts) is dormant


def test_only_active_partnerships_can_be_possibly_dormant(tmp_path: Path) -> None:
    p = record(tmp_path, edit(BASELINE, "status: active", "status: ended"))
    assert health(p, Settings(datetime.date(2035, 1, 1))).alerts == ()


def test_active_with_no_recorded_date_is_possibly_dormant(tmp_path: Path) -> None:
    text = edit(BASELINE, "signed: 1999-06-07\n", "")
    # Signed, by a linked MOU with no date: nothing dated is recorded.
    mou = "documents:\n  - kind: mou\n    title_th: บันทึกความเข้าใจ\n    url: https://example.org/mou.pdf\n"
    text = text.split("activities:")[0] + mou + "sources:" + text.split("sources:")[1]
    p = record(tmp_path, text)
    h = health(p, Settings(TODAY))
    assert h.last_activity is None
    assert h.alerts == (Alert.POSSIBLY_DORMANT,)


def test_last_activity_is_the_latest_sign_of_life(tmp_path: Path) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 1999-06-07\nrenewed: 2025-01")
    assert health(record(tmp_path, text), Settings(TODAY)).last_activity == PartialDate(2025, 1)


@pytest.mark.parametrize(
    ("build_date", "expired"),
    [(datetime.date(2026, 6, 5), False), (datetime.date(2026, 6, 6), False), (datetime.date(2026, 6, 7), True)],
)
def test_expired_the_day_after_expiry(tmp_path: Path, build_date: datetime.date, expired: bool) -> None:
    p = record(tmp_path, edit(BASELINE, "signed: 1999-06-07", "signed: 1999-06-07\nexpires: 2026-06-06"))
    assert (Alert.EXPIRED in health(p, Settings(build_date)).alerts) is expired


@pytest.mark.parametrize(
    ("build_date", "overdue"),
    [(datetime.date(2027, 1, 1), False), (datetime.date(2027, 1, 2), True)],
)
def test_review_overdue_after_review_by(tmp_path: Path, build_date: datetime.date, overdue: bool) -> None:
    p = record(tmp_path, edit(BASELINE, "signed: 1999-06-07", "signed: 1999-06-07\nreview_by: 2027-01-01"))
    assert health(p, Settings(build_date)).review_overdue is overdue


def test_leap_day_anniversary() -> None:
    assert add_years(datetime.date(2024, 2, 29), 3) == datetime.date(2027, 2, 28)
    assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)


def test_a_build_never_changes_the_partner_files(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"chiang-mai/kunming.yml": edit(BASELINE, "date: 2024-04", "date: 2015-04")}
    partners = write(tmp_path, files)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in partners.rglob("*.yml")}
    paths = build_fixture_site(tmp_path, files)
    page = (paths.site / "partnerships" / "chiang-mai-kunming" / "index.html").read_text()
    assert "อาจไม่มีความเคลื่อนไหว" in page
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in partners.rglob("*.yml")} == before
    assert "dormant" not in (partners / "chiang-mai" / "kunming.yml").read_text()
