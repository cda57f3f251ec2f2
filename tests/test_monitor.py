"""Derived monitoring state: dormancy and expiry at their boundaries, computed without touching the data."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from pathlib import Path

import pytest
from conftest import BASELINE, TODAY, edit, write
from sites import build_fixture_site

from generator.loader import load_partners
from generator.model import Claim, Evidence, PartialDate, Partnership, Verification
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
def test_activity_stopped_three_years_after_the_last_activity(
    tmp_path: Path, build_date: datetime.date, dormant: bool
) -> None:
    p = record(tmp_path)
    assert health(p, Settings(build_date)).alerts == ((Alert.ACTIVITY_STOPPED,) if dormant else ())


@pytest.mark.parametrize(("years", "dormant"), [(1, True), (2, True), (3, False), (5, False)])
def test_threshold_is_configurable(tmp_path: Path, years: int, dormant: bool) -> None:
    p = record(tmp_path)
    settings = Settings(datetime.date(2026, 11, 26), dormant_after_years=years)
    assert (Alert.ACTIVITY_STOPPED in health(p, settings).alerts) is dormant


@pytest.mark.parametrize(
    ("build_date", "alerts"),
    [(datetime.date(2026, 12, 31), ()), (datetime.date(2027, 1, 1), (Alert.ACTIVITY_STOPPED,))],
)
def test_a_year_counts_to_its_last_day_though_a_month_in_it_sorts_later(
    tmp_path: Path, build_date: datetime.date, alerts: tuple[Alert, ...]
) -> None:
    text = edit(BASELINE, "date: 2024-04", "date: 2023")
    text = edit(text, "signed: 1999-06-07", "signed: 1999-06-07\nrenewed: 2023-09")
    h = health(record(tmp_path, text), Settings(build_date))
    assert h.last_activity == PartialDate(2023, 9)
    assert h.alerts == alerts


def test_only_active_partnerships_can_be_quiet(tmp_path: Path) -> None:
    p = record(tmp_path, edit(BASELINE, "status: active", "status: ended"))
    assert health(p, Settings(datetime.date(2035, 1, 1))).alerts == ()


def without_activities(text: str) -> str:
    return text.split("activities:")[0] + "sources:" + text.split("sources:")[1]


def test_signed_long_ago_with_nothing_recorded_since_is_no_activity_recorded(tmp_path: Path) -> None:
    p = record(tmp_path, without_activities(BASELINE))
    h = health(p, Settings(TODAY))
    assert h.last_activity == PartialDate(1999, 6, 7)
    assert h.alerts == (Alert.NO_ACTIVITY_RECORDED,)
    assert h.idle_years == 27


def test_a_signing_activity_is_not_activity_after_the_signing(tmp_path: Path) -> None:
    text = edit(BASELINE, "kind: visit", "kind: signing")
    p = record(tmp_path, edit(text, "date: 2024-04", "date: 2015-04"))
    assert health(p, Settings(TODAY)).alerts == (Alert.NO_ACTIVITY_RECORDED,)


def test_signing_document_without_dates_is_no_activity_recorded(tmp_path: Path) -> None:
    text = without_activities(edit(BASELINE, "signed: 1999-06-07\n", ""))
    text += "documents:\n  - kind: agreement\n    title_th: ความตกลง\n    url: https://example.org/a.pdf\n"
    h = health(record(tmp_path, text), Settings(TODAY))
    assert (h.last_activity, h.alerts, h.idle_years) == (None, (Alert.NO_ACTIVITY_RECORDED,), None)


def test_recently_signed_with_nothing_recorded_has_no_alert(tmp_path: Path) -> None:
    p = record(tmp_path, without_activities(edit(BASELINE, "signed: 1999-06-07", "signed: 2024-01")))
    assert health(p, Settings(TODAY)).alerts == ()


def test_activity_stopped_counts_whole_years_since_the_last_activity(tmp_path: Path) -> None:
    p = record(tmp_path, edit(BASELINE, "date: 2024-04", "date: 2015-04"))
    h = health(p, Settings(TODAY))
    assert (h.alerts, h.idle_years) == ((Alert.ACTIVITY_STOPPED,), 11)


def test_a_signing_only_a_list_gives_is_no_sign_of_life(tmp_path: Path) -> None:
    text = edit(edit(BASELINE, "status: active", "status: unknown"), "evidence: news_report", "evidence: list_only")
    assert health(record(tmp_path, without_activities(text)), Settings(TODAY)).last_activity is None
    assert health(record(tmp_path, text), Settings(TODAY)).last_activity == PartialDate(2024, 4)


@pytest.mark.parametrize(
    ("change", "claim"),
    [
        ({"evidence": Evidence.LIST_ONLY}, Claim.UNCONFIRMED),
        ({"verification": Verification.DISPUTED}, Claim.UNCONFIRMED),
        ({"evidence": Evidence.CONTACT_ONLY, "signed": None}, Claim.TALKS),
    ],
)
def test_an_unconfirmed_or_talks_record_is_never_quiet(tmp_path: Path, change: dict[str, object], claim: Claim) -> None:
    # The validator refuses these with status active; the monitor does not rely on it.
    p = dataclasses.replace(record(tmp_path, without_activities(BASELINE)), **change)  # type: ignore[arg-type]
    assert p.claim is claim
    assert health(p, Settings(TODAY)).alerts == ()


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
    assert '<span class="sc-badge sc-alert">ไม่มีกิจกรรมที่บันทึกไว้ในระยะหลัง</span>' in page
    assert (
        "<p>กิจกรรมล่าสุดที่บันทึกไว้เมื่อ เมษายน พ.ศ. 2558 (ค.ศ. 2015) ผ่านมาแล้ว 11 ปี นับถึงวันที่สร้างเว็บไซต์"
        " (26 พฤศจิกายน พ.ศ. 2569 (ค.ศ. 2026)) ซึ่งนานกว่าเกณฑ์ 3 ปี ไม่ได้แปลว่าความสัมพันธ์สิ้นสุด"
        " อาจมีกิจกรรมที่ยังไม่ได้บันทึก ข้อความนี้คำนวณอัตโนมัติ ไม่ได้แก้ไขข้อมูลต้นฉบับ</p>"
    ) in page
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in partners.rglob("*.yml")} == before
    assert "dormant" not in (partners / "chiang-mai" / "kunming.yml").read_text()
