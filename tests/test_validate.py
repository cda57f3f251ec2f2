"""One test per rejection rule, each pinning the exact file:line message."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import BASELINE, TODAY, Validate, edit, write

from generator.loader import load_partners
from generator.model import Bound, Claim, Partnership
from generator.refdata import load_refdata
from generator.strings import load_strings
from generator.validate import HIDDEN, _reserved
from generator.validate import validate as check

F = "partners/chiang-mai/kunming.yml"


def test_baseline_is_valid(validate: Validate, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate({"chiang-mai/kunming.yml": BASELINE}) == (0, [])


def validate_text(text: str) -> tuple[list[Partnership], list[str]]:
    """The typed records and the problems of one partner file with this text."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        partners = write(Path(folder), {"chiang-mai/kunming.yml": text})
        strings = load_strings()
        sources, unreadable = load_partners(partners, strings)
        records, problems = check(sources, load_refdata(), strings, TODAY)
    return records, [p.message for p in unreadable + problems]


def run_one(validate: Validate, text: str) -> list[str]:
    code, lines = validate({"chiang-mai/kunming.yml": text})
    assert code == 1
    return lines


def test_unknown_field_suggests_the_right_name(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "sigend: 1999-06-07")
    assert run_one(validate, text) == [
        f"{F}:14: sigend: ไม่รู้จักช่อง 'sigend' (หมายถึง 'signed' หรือไม่?) ช่องที่ใช้ได้คือ: id, thai_party, partner,"
        " type, status, status_since, status_source, signed, renewed, expires, review_by, activities,"
        " responsible_office, documents, note_th, note_en, sources, evidence, verification, checked"
    ]


def test_missing_required_field(validate: Validate) -> None:
    text = edit(BASELINE, "status: active\n", "")
    assert run_one(validate, text) == [f"{F}:1: status: ต้องระบุช่องนี้"]


def test_empty_required_value(validate: Validate) -> None:
    text = edit(BASELINE, "  name_th: คุนหมิง", "  name_th: ''")
    assert run_one(validate, text) == [f"{F}:8: partner.name_th: ต้องระบุช่องนี้"]


def test_text_where_a_list_is_expected(validate: Validate) -> None:
    text = edit(BASELINE, "sources:\n  - https://example.org/source", "sources: https://example.org/source")
    assert run_one(validate, text) == [
        f"{F}:20: sources: ต้องเป็นรายการ (แต่ละรายการขึ้นบรรทัดใหม่ด้วย - ) แต่พบ ข้อความ 'https://example.org/source'"
    ]


def test_list_where_a_mapping_is_expected(validate: Validate) -> None:
    text = edit(BASELINE, "type: sister_city", "type: sister_city\nresponsible_office: [สำนักงานจังหวัด]")
    assert run_one(validate, text) == [f"{F}:13: responsible_office: ต้องเป็นชุดข้อมูลแบบ ชื่อช่อง: ค่า แต่พบ รายการ"]


def test_whole_file_is_a_list(validate: Validate) -> None:
    assert run_one(validate, "- a\n- b\n") == [f"{F}:1: (file): ต้องเป็นชุดข้อมูลแบบ ชื่อช่อง: ค่า แต่พบ รายการ"]


def test_unknown_province_code(validate: Validate) -> None:
    text = edit(BASELINE, "province: TH-50", "province: TH-99")
    assert run_one(validate, text) == [
        f"{F}:5: thai_party.province: ไม่รู้จักรหัสจังหวัด 'TH-99' ต้องเป็นรหัส ISO 3166-2 เช่น TH-50 (เชียงใหม่)"
        " หรือ TH-10 (กรุงเทพมหานคร)"
    ]


def test_unknown_country_code(validate: Validate) -> None:
    text = edit(BASELINE, "country: CN", "country: XX")
    assert run_one(validate, text) == [
        f"{F}:10: partner.country: ไม่รู้จักรหัสประเทศ 'XX' ต้องเป็นรหัส ISO 3166-1 สองตัวอักษรพิมพ์ใหญ่ เช่น CN, JP, US"
        " (รายการอยู่ใน generator/data/countries.yaml)"
    ]


def test_norway_is_not_false(validate: Validate) -> None:
    # YAML 1.1 reads a bare NO as false; the schema reads it as the text it is.
    text = edit(BASELINE, "country: CN", "country: NO")
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


def test_buddhist_era_year_is_caught(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 2542-06-07")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ปี 2542 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (1999) เขียนว่า '1999-06-07' แต่พบ '2542-06-07'"
    ]


def test_buddhist_era_year_only(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 2561")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ปี 2561 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2018) เขียนว่า '2018' แต่พบ '2561'"
    ]


def test_impossible_date(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 1999-02-30")
    assert run_one(validate, text) == [f"{F}:14: signed: ไม่มีวันที่นี้ในปฏิทิน: '1999-02-30'"]


def test_badly_written_date(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 7 June 1999")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ต้องเป็นวันที่ ค.ศ. แบบ 1999-06-07 หรือ 1999-06 หรือ 1999"
        " (ถ้าทราบเพียงขอบเขต: before 2012-07, by 2006 หรือ about 2006) แต่พบ '7 June 1999'"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "2554-09-22",
        "22/09/2554",
        "22-09-2554",
        "22.9.2554",
        "22 ก.ย. 2554",
        "22 กันยายน 2554",
        "22 กันยายน พ.ศ. 2554",
        "๒๒ ก.ย. ๒๕๕๔",
    ],
)
def test_a_buddhist_era_date_in_any_common_layout_gets_the_ce_date(validate: Validate, written: str) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", f"signed: {written}")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ปี 2554 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2011) เขียนว่า '2011-09-22' แต่พบ '{written}'"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("กันยายน 2554", "2011-09"), ("09/2554", "2011-09"), ("before 22/09/2554", "before 2011-09-22")],
)
def test_a_buddhist_era_month_or_bound_keeps_its_precision(validate: Validate, written: str, meant: str) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", f"signed: {written}")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ปี 2554 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2011) เขียนว่า '{meant}' แต่พบ '{written}'"
    ]


@pytest.mark.parametrize("written", ["22/09/2011", "22.9.2011", "2011/09/22", "22 ก.ย. 2011"])
def test_a_ce_date_in_another_layout_gets_the_iso_date(validate: Validate, written: str) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", f"signed: {written}")
    assert run_one(validate, text) == [
        f"{F}:14: signed: วันที่ต้องเขียนแบบ ปี-เดือน-วัน (ค.ศ.) ให้เขียนว่า '2011-09-22' แต่พบ '{written}'"
    ]


def test_a_full_date_field_gets_the_ce_date_too(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 1999-06-07\nreview_by: 20/11/2569")
    assert run_one(validate, text) == [
        f"{F}:15: review_by: ปี 2569 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2026) เขียนว่า '2026-11-20' แต่พบ '20/11/2569'"
    ]


def test_a_day_that_is_not_in_the_calendar_gets_no_suggestion(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 31/02/2554")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ต้องเป็นวันที่ ค.ศ. แบบ 1999-06-07 หรือ 1999-06 หรือ 1999"
        " (ถ้าทราบเพียงขอบเขต: before 2012-07, by 2006 หรือ about 2006) แต่พบ '31/02/2554'"
    ]


def test_signing_in_the_future(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 2026-11-27")
    assert run_one(validate, text) == [
        f"{F}:14: signed: วันที่ '2026-11-27' อยู่หลังวันที่สร้างเว็บไซต์ (2026-11-26) เหตุการณ์ที่ลงบันทึกต้องเกิดขึ้นแล้ว"
    ]


def test_signing_on_the_build_date_is_allowed(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 2026-11-26")
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


def test_javascript_url(validate: Validate) -> None:
    text = edit(BASELINE, "source: https://example.org/news/1", "source: javascript:alert(1)")
    assert run_one(validate, text) == [
        f"{F}:19: activities[1].source: ลิงก์ต้องเป็นที่อยู่เว็บแบบ https:// หรือ http:// (หรือ mailto:)"
        " แต่พบ 'javascript:alert(1)'"
    ]


def test_data_url_in_sources(validate: Validate) -> None:
    text = edit(BASELINE, "  - https://example.org/source", "  - https://example.org/source\n  - data:text/html,x")
    assert run_one(validate, text) == [
        f"{F}:22: sources[2]: แหล่งที่มาต้องเป็นที่อยู่เว็บแบบ https:// หรือ http:// แต่พบ 'data:text/html,x'"
    ]


def test_a_source_that_has_only_http_is_accepted_as_it_is(validate: Validate) -> None:
    text = edit(BASELINE, "  - https://example.org/source", "  - http://example.org/source")
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


@pytest.mark.parametrize(
    ("value", "bound", "latest"),
    [
        ("before 2012-07", Bound.BEFORE, datetime.date(2012, 6, 30)),
        ("by 2006", Bound.BY, datetime.date(2006, 12, 31)),
        ("about 2006", Bound.ABOUT, datetime.date(2006, 12, 31)),
    ],
)
def test_a_signing_known_only_as_a_bound(value: str, bound: Bound, latest: datetime.date) -> None:
    records, problems = validate_text(edit(BASELINE, "signed: 1999-06-07", f"signed: {value}"))
    assert problems == []
    assert records[0].signed is not None
    assert (records[0].signed.bound, records[0].signed.latest(), records[0].signed.iso()) == (bound, latest, value)
    assert records[0].claim is Claim.SIGNED


def test_a_buddhist_era_bound_gets_the_ce_bound(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: before 2555-07")
    assert run_one(validate, text) == [
        f"{F}:14: signed: ปี 2555 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2012) เขียนว่า 'before 2012-07' แต่พบ 'before 2555-07'"
    ]


def test_an_active_tie_needs_a_reported_signing(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07\n", "")
    assert run_one(validate, text) == [
        f"{F}:13: status: สถานะ 'active' แสดงว่าความสัมพันธ์มีอยู่จริง จึงต้องมีวันที่ลงนาม (signed)"
        " หรือเอกสารที่ลงนามใน documents ถ้าทราบเพียงขอบเขตของวันที่ เขียนได้เช่น signed: before 2012-07"
        " หรือ signed: by 2006 ถ้าแหล่งที่มาไม่ได้รายงานการลงนามเลย ให้ใช้ status: unknown, proposed หรือ negotiating"
    ]


def test_a_tie_only_a_list_names_cannot_be_active(validate: Validate) -> None:
    text = edit(BASELINE, "evidence: news_report", "evidence: list_only")
    assert run_one(validate, text) == [
        f"{F}:13: status: สถานะ 'active' แสดงว่าความสัมพันธ์มีอยู่จริง ซึ่งต้องมีเอกสาร หน้าเว็บของหน่วยงาน"
        " หรือข่าวที่รายงานการลงนาม แต่ evidence คือ 'list_only' ถ้าพบเพียงในรายชื่อที่รวบรวมไว้ ให้ใช้ status: unknown"
        " ถ้าพบเพียงการเยือนหรือการหารือ ให้ใช้ status: proposed หรือ negotiating"
    ]
    records, problems = validate_text(edit(text, "status: active", "status: unknown"))
    assert problems == [] and records[0].claim is Claim.UNCONFIRMED


def test_a_disputed_tie_cannot_be_active(validate: Validate) -> None:
    text = edit(BASELINE, "verification: unverified", "verification: disputed")
    assert run_one(validate, text) == [
        f"{F}:13: status: สถานะ 'active' แสดงว่าความสัมพันธ์มีอยู่จริง แต่ verification: disputed"
        " บอกว่าแหล่งที่มาขัดแย้งกัน ให้ใช้ status: unknown จนกว่าจะยืนยันได้"
    ]


def test_contact_only_evidence_has_no_signing(validate: Validate) -> None:
    text = edit(edit(BASELINE, "evidence: news_report", "evidence: contact_only"), "status: active", "status: proposed")
    assert run_one(validate, text) == [
        f"{F}:14: signed: evidence: contact_only หมายถึงแหล่งที่มาแสดงเพียงการเยือน การหารือ หรือข้อเสนอ"
        " จึงระบุวันที่ลงนาม (signed) ไม่ได้ ถ้ามีการลงนามจริง ให้เลือก evidence ตามแหล่งที่รายงานการลงนาม"
    ]
    records, problems = validate_text(edit(text, "signed: 1999-06-07\n", ""))
    assert problems == [] and records[0].claim is Claim.TALKS


def test_a_signed_document_must_be_linked(validate: Validate) -> None:
    text = edit(BASELINE, "evidence: news_report", "evidence: signed_document")
    assert run_one(validate, text) == [
        f"{F}:22: evidence: evidence: signed_document หมายถึงมีตัวเอกสารที่ลงนามให้เปิดดูได้"
        " จึงต้องมีรายการใน documents ที่มีลิงก์ (url) ถ้ามีเพียงข่าวหรือหน้าเว็บของหน่วยงานที่รายงานการลงนาม"
        " ให้ใช้ news_report หรือ official_record"
    ]


def test_verified_needs_a_check_that_says_what_was_checked(validate: Validate) -> None:
    text = edit(BASELINE, "verification: unverified", "verification: verified")
    assert run_one(validate, text) == [
        f"{F}:23: verification: verification: verified ต้องมีช่อง checked ที่บอกวันที่ตรวจและตรวจอะไรกับแหล่งใด"
        " (checked.date และ checked.what_th) ถ้ายังไม่มีใครเปิดแหล่งที่มาตรวจ ให้ใช้ verification: unverified"
    ]
    checked = text + "checked:\n  date: 2026-11\n  what_th: เปิดข่าวแล้ว วันที่ลงนามตรงกัน\n"
    records, problems = validate_text(checked)
    assert problems == []
    assert records[0].checked is not None and records[0].checked.date.iso() == "2026-11"


def test_a_cooperation_without_signing_rests_on_recorded_meetings(validate: Validate) -> None:
    text = edit(edit(BASELINE, "signed: 1999-06-07\n", ""), "type: sister_city", "type: cooperation")
    records, problems = validate_text(text)
    assert problems == [] and records[0].claim is Claim.MEETINGS


def test_the_retired_last_verified_field_says_what_to_write_instead(validate: Validate) -> None:
    text = BASELINE + "last_verified: 2026-11-20\n"
    assert run_one(validate, text) == [
        f"{F}:24: last_verified: ช่อง last_verified เลิกใช้แล้ว เพราะวันที่ที่ไม่มีใครตรวจจริงทำให้ผู้อ่านเข้าใจผิด"
        " ถ้ามีผู้เปิดแหล่งที่มาตรวจแล้ว ให้เขียนช่อง checked พร้อม date และ what_th (ตรวจอะไรกับแหล่งใด)"
        " ถ้ายังไม่มีใครตรวจ ให้ลบบรรทัดนี้และใช้ verification: unverified"
    ]


SOURCES_MISSING = (
    "ต้องมีช่อง sources ที่มีแหล่งที่มาอย่างน้อยหนึ่งรายการ แต่ละรายการคือที่อยู่เว็บแบบ https:// หรือ http://"
    " ของหน้าที่รายงานความสัมพันธ์นี้ (ข่าว หน้าเว็บของหน่วยงาน หรือเอกสาร) เขียนใต้ sources: บรรทัดละรายการ"
    " ขึ้นต้นด้วยขีด (-)"
)


def test_no_sources(validate: Validate) -> None:
    text = edit(BASELINE, "sources:\n  - https://example.org/source", "sources: []")
    assert run_one(validate, text) == [f"{F}:20: sources: {SOURCES_MISSING}"]


def test_missing_sources_say_what_a_source_is_at_line_one(validate: Validate) -> None:
    # A field left out of the file is reported at line 1, even below comments: the file as a whole lacks it.
    text = "# A partner file\n\n" + edit(BASELINE, "sources:\n  - https://example.org/source\n", "")
    assert run_one(validate, text) == [f"{F}:1: sources: {SOURCES_MISSING}"]


def test_a_field_left_out_of_a_block_is_reported_at_the_block(validate: Validate) -> None:
    text = edit(BASELINE, "  name_th: คุนหมิง\n", "")
    assert run_one(validate, text) == [f"{F}:6: partner.name_th: ต้องระบุช่องนี้"]


STATUSES = (
    "proposed (เสนอ), negotiating (อยู่ระหว่างเจรจา), active (ดำเนินการอยู่), dormant (ไม่มีความเคลื่อนไหว),"
    " suspended (ระงับชั่วคราว), ended (สิ้นสุดแล้ว), unknown (ไม่ทราบสถานะ)"
)


def test_wrong_choice_lists_allowed_values(validate: Validate) -> None:
    text = edit(BASELINE, "status: active", "status: activ")
    assert run_one(validate, text) == [f"{F}:13: status: ค่า 'activ' ใช้ไม่ได้ ค่าที่ใช้ได้คือ: {STATUSES}"]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "type: sister_city",
            "type: เมืองมิตรภาพ",
            12,
            "type: ค่า 'เมืองมิตรภาพ' ใช้ไม่ได้ ให้เขียนรหัส friendship_city (เมืองมิตรภาพ)"
            " ในไฟล์ต้องเขียนรหัสภาษาอังกฤษ ไม่ใช่ชื่อภาษาไทย ค่าที่ใช้ได้คือ: sister_city (เมืองพี่เมืองน้อง),"
            " friendship_city (เมืองมิตรภาพ), letter_of_intent (หนังสือแสดงเจตจำนง), mou (บันทึกความเข้าใจ (MOU)),"
            " cooperation (ความตกลงความร่วมมือ)",
        ),
        (
            "verification: unverified",
            "verification: ยังไม่ได้ตรวจสอบกับแหล่งที่มา",
            23,
            "verification: ค่า 'ยังไม่ได้ตรวจสอบกับแหล่งที่มา' ใช้ไม่ได้ ให้เขียนรหัส unverified"
            " (ยังไม่ได้ตรวจสอบกับแหล่งที่มา) ในไฟล์ต้องเขียนรหัสภาษาอังกฤษ ไม่ใช่ชื่อภาษาไทย ค่าที่ใช้ได้คือ:"
            " verified (ตรวจสอบกับแหล่งที่มาแล้ว), unverified (ยังไม่ได้ตรวจสอบกับแหล่งที่มา),"
            " disputed (แหล่งที่มาขัดแย้งกัน)",
        ),
        (
            "status: active",
            "status: Active",
            13,
            f"status: ค่า 'Active' ใช้ไม่ได้ ให้เขียนรหัส active (ดำเนินการอยู่) ด้วยตัวอักษรตามรายการ ค่าที่ใช้ได้คือ: {STATUSES}",
        ),
    ],
)
def test_a_thai_label_in_a_file_names_the_code_to_write(
    validate: Validate, old: str, new: str, line: int, message: str
) -> None:
    assert run_one(validate, edit(BASELINE, old, new)) == [f"{F}:{line}: {message}"]


@pytest.mark.parametrize("written", ["จันทบุรี", "จังหวัดจันทบุรี", "Chanthaburi", "chanthaburi", "th-22"])
def test_a_province_name_where_the_code_goes_gets_the_code(validate: Validate, written: str) -> None:
    text = edit(BASELINE, "province: TH-50", f"province: {written}")
    assert run_one(validate, text) == [
        f"{F}:5: thai_party.province: ไม่รู้จักรหัสจังหวัด '{written}' หมายถึง TH-22 (จันทบุรี) หรือไม่?"
        " ในไฟล์ต้องเขียนรหัส เช่น province: TH-22"
    ]


def test_duplicate_key(validate: Validate) -> None:
    text = edit(BASELINE, "status: active", "status: active\nstatus: ended")
    assert run_one(validate, text) == [f"{F}:14: status: ช่อง 'status' ซ้ำกับบรรทัด 13 ให้เหลือไว้เพียงช่องเดียว"]


def test_duplicate_id_across_files(validate: Validate) -> None:
    other = "id: chiang-mai-kunming\n" + BASELINE
    code, lines = validate({"chiang-mai/kunming.yml": BASELINE, "chiang-mai/kunming-2.yml": other})
    assert code == 1
    assert lines == [
        "partners/chiang-mai/kunming.yml:1: id: id 'chiang-mai-kunming' ซ้ำกับไฟล์ partners/chiang-mai/kunming-2.yml"
        " แต่ละความสัมพันธ์ต้องมี id ไม่ซ้ำกัน"
    ]


def test_non_ascii_file_name_needs_an_id(validate: Validate) -> None:
    code, lines = validate({"เชียงใหม่/คุนหมิง.yml": BASELINE})
    assert code == 1
    assert lines == [
        "partners/เชียงใหม่/คุนหมิง.yml:1: id: ชื่อโฟลเดอร์และไฟล์ต้องเป็นตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-)"
        " เช่น chiang-mai/kunming.yml จึงจะใช้เป็น id ได้ ('เชียงใหม่-คุนหมิง' ใช้ไม่ได้) หรือระบุช่อง id เอง"
    ]


def test_path_traversal_id(validate: Validate) -> None:
    assert run_one(validate, "id: ../../etc\n" + BASELINE) == [
        f"{F}:1: id: id ต้องประกอบด้วยตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) เท่านั้น เช่น chiang-mai-kunming แต่พบ '../../etc'"
    ]


def test_tab_indentation(validate: Validate) -> None:
    text = edit(BASELINE, "  level: province", "\tlevel: province")
    assert run_one(validate, text) == [f"{F}:2: (yaml): ห้ามใช้แท็บ (Tab) ย่อหน้าในไฟล์ YAML ให้ใช้การเว้นวรรค (space) แทน"]


def test_yaml_syntax_error(validate: Validate) -> None:
    text = edit(BASELINE, "type: sister_city", "type: [sister_city")
    lines = run_one(validate, text)
    assert len(lines) == 1
    assert lines[0].startswith(f"{F}:13: (yaml): รูปแบบ YAML ไม่ถูกต้อง: ")


def test_empty_file(validate: Validate) -> None:
    assert run_one(validate, "# nothing yet\n") == [
        f"{F}:1: (file): ไฟล์ว่างเปล่า ต้องมีข้อมูลความสัมพันธ์หนึ่งคู่ (ดูตัวอย่างในคู่มือผู้ร่วมจัดทำข้อมูล)"
    ]


def test_bytes_that_are_not_utf8(validate: Validate) -> None:
    data = BASELINE.replace("Kunming", "K\udcffunming").encode("utf-8", "surrogateescape")
    assert run_one(validate, data) == [  # type: ignore[arg-type]
        f"{F}:7: (file): ไฟล์ต้องบันทึกเป็น UTF-8 แต่พบไบต์ที่อ่านไม่ได้ในบรรทัดนี้ ให้บันทึกไฟล์ใหม่โดยเลือกการเข้ารหัส UTF-8"
    ]


def test_byte_order_mark_is_accepted(validate: Validate) -> None:
    assert validate({"chiang-mai/kunming.yml": b"\xef\xbb\xbf" + BASELINE.encode()}) == (0, [])


def test_aliases_are_rejected(validate: Validate) -> None:
    text = edit(BASELINE, "  name_en: Kunming", "  name_en: &n Kunming").replace(
        "title_th: คณะผู้แทนเยือนคุนหมิง", "title_th: *n"
    )
    assert run_one(validate, text) == [
        f"{F}:18: activities[1].title_th: ห้ามใช้ anchor หรือ alias ของ YAML (& และ *) ในไฟล์ข้อมูล ให้เขียนค่าซ้ำแทน"
    ]


def test_too_long_name(validate: Validate) -> None:
    text = edit(BASELINE, "  name_en: Kunming", "  name_en: " + "K" * 201)
    assert run_one(validate, text) == [f"{F}:7: partner.name_en: ยาวเกินไป (201 ตัวอักษร สูงสุด 200)"]


def test_hidden_direction_controls(validate: Validate) -> None:
    text = edit(BASELINE, "  name_en: Kunming", "  name_en: Kun\u202eming")
    assert run_one(validate, text) == [f"{F}:7: partner.name_en: มีอักขระควบคุมที่มองไม่เห็นปนอยู่ ให้ลบออก"]


def test_bangkok_must_use_bangkok_level(validate: Validate) -> None:
    text = edit(BASELINE, "province: TH-50", "province: TH-10")
    code, lines = validate({"bangkok/kunming.yml": text})
    assert (code, lines) == (
        1,
        [
            "partners/bangkok/kunming.yml:2: thai_party.level: กรุงเทพมหานคร (TH-10) ต้องใช้ระดับ bangkok"
            " และระดับ bangkok ใช้ได้กับ TH-10 เท่านั้น"
        ],
    )


def test_expiry_before_signing(validate: Validate) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", "signed: 1999-06-07\nexpires: 1998-01-01")
    assert run_one(validate, text) == [f"{F}:15: expires: วันที่สิ้นสุด '1998-01-01' อยู่ก่อนวันที่ลงนาม '1999-06-07'"]


def test_bad_email(validate: Validate) -> None:
    office = "responsible_office:\n  name_th: สำนักงานจังหวัดเชียงใหม่\n  email: foreign at cm\n"
    assert run_one(validate, BASELINE + office) == [
        f"{F}:26: responsible_office.email: ต้องเป็นอีเมล เช่น foreign@example.go.th แต่พบ 'foreign at cm'"
    ]


@pytest.mark.parametrize(
    "email",
    ["foreign@cm.go.th?subject=x&body=y", "foreign@cm", "for eign@cm.go.th", "a@b@cm.go.th", "foreign%3F@cm.go.th"],
)
def test_an_email_that_is_more_than_an_address_is_rejected(validate: Validate, email: str) -> None:
    office = f"responsible_office:\n  name_th: สำนักงานจังหวัดเชียงใหม่\n  email: '{email}'\n"
    assert run_one(validate, BASELINE + office) == [
        f"{F}:26: responsible_office.email: ต้องเป็นอีเมล เช่น foreign@example.go.th แต่พบ '{email}'"
    ]


@pytest.mark.parametrize("email", ["foreign@chiang-mai.go.th", "k.somchai+mou@xn--o3cw4h.xn--o3cw4h"])
def test_office_addresses_are_accepted(validate: Validate, email: str) -> None:
    office = f"responsible_office:\n  name_th: สำนักงานจังหวัดเชียงใหม่\n  email: {email}\n"
    assert validate({"chiang-mai/kunming.yml": BASELINE + office}) == (0, [])


def test_a_mailto_link_with_headers_is_rejected(validate: Validate) -> None:
    office = "responsible_office:\n  name_th: สำนักงาน\n  url: mailto:foreign@cm.go.th?bcc=other@example.org\n"
    (line,) = run_one(validate, BASELINE + office)
    assert line.startswith(f"{F}:26: responsible_office.url: ")


def test_file_too_large(validate: Validate) -> None:
    text = BASELINE + "# " + "x" * (300 * 1024) + "\n"
    assert run_one(validate, text) == [
        f"{F}:1: (file): ไฟล์ใหญ่เกินไป ({len(text.encode())} ไบต์ จำกัดไว้ที่ 262144 ไบต์ต่อไฟล์) แต่ละไฟล์ควรมีความสัมพันธ์เพียงคู่เดียว"
    ]


def test_every_problem_of_every_file_in_one_run(validate: Validate) -> None:
    first = edit(BASELINE, "status: active", "status: activ")
    second = edit(edit(BASELINE, "country: CN", "country: cn"), "signed: 1999-06-07", "signed: 2542")
    code, lines = validate({"chiang-mai/kunming.yml": first, "chiang-mai/shanghai.yml": second})
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == [
        "partners/chiang-mai/kunming.yml:13",
        "partners/chiang-mai/shanghai.yml:10",
        "partners/chiang-mai/shanghai.yml:14",
    ]


def test_no_partner_files(validate: Validate) -> None:
    code, lines = validate({"README.txt": "not a partner file"})
    assert code == 1
    assert lines == ["partners: partners: ไม่พบไฟล์ข้อมูลความสัมพันธ์ (*.yml) ในโฟลเดอร์นี้"]


def test_a_file_with_many_problems_lists_the_first_twenty_and_counts_the_rest(validate: Validate) -> None:
    activity = "  - date: 2567-01-01\n    kind: visit\n    title_th: เยือน\n"
    text = edit(BASELINE, "activities:\n", "activities:\n" + activity * 25)
    code, lines = validate({"chiang-mai/kunming.yml": text, "chiang-mai/shanghai.yml": "status: [\n"})
    assert code == 1
    assert len(lines) == 22
    assert all(line.startswith(f"{F}:") and ": activities[" in line for line in lines[:20])
    assert lines[20] == f"{F}: (file): และยังมีปัญหาอีก 5 ข้อในไฟล์นี้ แก้ข้อที่แสดงข้างบนแล้วตรวจอีกครั้ง"
    assert lines[21].startswith("partners/chiang-mai/shanghai.yml:2: (yaml): ")


def test_a_tie_with_neither_a_signing_nor_recorded_activity_reads_as_unconfirmed() -> None:
    text = edit(BASELINE, "signed: 1999-06-07\n", "")
    text = edit(
        text.split("activities:")[0] + "sources:" + text.split("sources:")[1], "status: active", "status: unknown"
    )
    records, problems = validate_text(text)
    assert problems == [] and records[0].claim is Claim.UNCONFIRMED


@pytest.mark.parametrize(
    ("signed", "evidence", "status", "year"),
    [
        ("1999-06-07", "news_report", "active", 1999),
        ("about 2009", "news_report", "active", None),
        ("before 2012-07", "news_report", "active", None),
        ("1992-11-09", "list_only", "unknown", None),
    ],
)
def test_only_an_exact_reported_signing_has_a_signing_year(signed: str, evidence: str, status: str, year: int) -> None:
    text = edit(BASELINE, "signed: 1999-06-07", f"signed: {signed}")
    text = edit(edit(text, "evidence: news_report", f"evidence: {evidence}"), "status: active", f"status: {status}")
    records, problems = validate_text(text)
    assert problems == [] and records[0].signed_year == year


def test_hidden_characters_are_the_controls_overrides_and_noncharacters_of_every_plane() -> None:
    # HIDDEN is written in two parts for speed; it must match exactly what one class of them all would.
    noncharacters = {chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)}
    hidden = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
    hidden |= {chr(c) for c in [*range(0xFDD0, 0xFDF0), *range(0xD800, 0xE000)]} | noncharacters
    hidden.discard("\n")
    near = {chr(ord(ch) + step) for ch in hidden for step in (-2, -1, 1, 2) if 0 <= ord(ch) + step <= 0x10FFFF}
    for ch in sorted(hidden | near | {"ก", "A", "\U00020000"}):
        assert bool(HIDDEN.search(f"ab{ch}c")) == (ch in hidden), hex(ord(ch))


def test_text_with_two_markers_names_the_first_of_the_pipeline_s_list() -> None:
    assert _reserved("x scshellpageid y SCGENERATEDBODY") == "SCGENERATEDBODY"
    assert _reserved("ScShellTitle") == "SCSHELLTITLE"
    assert _reserved("scshell page id") is None
