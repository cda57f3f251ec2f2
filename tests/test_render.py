"""Rendering: the golden partnership page, dates in both eras, links that work under any sub-path."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import BASELINE, ROOT, SETTINGS, TODAY, edit, write

from generator import render as render_module
from generator.collate import collate
from generator.loader import load_partners
from generator.model import PartialDate
from generator.refdata import load_refdata
from generator.render import Links, long_date, make_env, render
from generator.strings import load_strings
from generator.thaisort import thai_sort_key
from generator.validate import validate

HERE = Path(__file__).parent


def render_fixture(tmp_path: Path) -> Mapping[str, str]:
    return render_partner(tmp_path, (HERE / "fixtures" / "full.yml").read_text(encoding="utf-8"))


def render_partner(tmp_path: Path, text: str) -> Mapping[str, str]:
    """The pages of a directory of one partner file, partners/chiang-mai/kunming.yml."""
    write(tmp_path, {"chiang-mai/kunming.yml": text})
    strings = load_strings()
    sources, problems = load_partners(tmp_path / "partners", strings)
    records, more = validate(sources, load_refdata(), strings, TODAY)
    assert problems == more == []
    return render(collate(records, [], load_refdata(), SETTINGS), make_env(ROOT / "templates" / "pages", strings))


def test_golden_partnership_page(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    page = render_fixture(tmp_path)["partnerships/golden-chiang-mai-kunming/index.md"]
    golden = HERE / "golden" / "partnership.md"
    if request.config.getoption("--update-golden"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one line", [["one line"]]),
        ("first\n  second  \n\n\n third", [["first", "second"], ["third"]]),
        ("a\n \t \nb\n\n", [["a"], ["b"]]),
        ("\n\n", []),
    ],
)
def test_long_text_is_split_into_paragraphs_of_lines(text: str, expected: list[list[str]]) -> None:
    assert render_module.paragraphs(text) == expected


def test_a_note_in_english_only_is_shown(tmp_path: Path) -> None:
    page = render_partner(tmp_path, BASELINE + "note_en: |\n  Only in English,\n  on two lines.\n")
    body = page["partnerships/chiang-mai-kunming/index.md"]
    assert '<h2>หมายเหตุ</h2>\n<p lang="en">Only in English,<br>on two lines.</p>\n' in body


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    first = render_fixture(tmp_path / "a")
    second = render_fixture(tmp_path / "b")
    assert first == second


def test_every_listing_exists_even_when_empty(tmp_path: Path) -> None:
    pages = render_fixture(tmp_path)
    provinces = [p for p in pages if p.startswith("provinces/") and p.count("/") == 2]
    assert len(provinces) == 77
    assert "provinces/bangkok/index.md" in pages
    assert "ยังไม่มีความสัมพันธ์ของจังหวัดนี้ในสมุดรายชื่อ" in pages["provinces/nan/index.md"]
    for listing in (
        "directory/all/",
        "regions/north/",
        "countries/cn/",
        "years/1999/",
        "status/active/",
        "types/sister_city/",
        "directory/",
    ):
        assert listing + "index.md" in pages


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PartialDate(1999, 6, 7), "7 มิถุนายน พ.ศ. 2542 (ค.ศ. 1999)"),
        (PartialDate(2014, 10), "ตุลาคม พ.ศ. 2557 (ค.ศ. 2014)"),
        (PartialDate(2015), "พ.ศ. 2558 (ค.ศ. 2015)"),
        (datetime.date(2026, 1, 1), "1 มกราคม พ.ศ. 2569 (ค.ศ. 2026)"),
    ],
)
def test_dates_show_both_eras(value: PartialDate | datetime.date, expected: str) -> None:
    assert long_date(value, load_strings()) == expected


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("partnerships/x/", "provinces/chiang-mai/", "../../provinces/chiang-mai/"),
        ("directory/", "directory/all/", "all/"),
        ("directory/all/2/", "directory/all/", "../"),
        ("directory/", "directory/", "./"),
    ],
)
def test_links_are_relative(here: str, target: str, expected: str) -> None:
    assert Links(here).to(target) == expected


def test_thai_order_ignores_leading_vowels() -> None:
    names = ["เชียงใหม่", "ชลบุรี", "กาญจนบุรี", "แพร่", "ปัตตานี"]
    assert sorted(names, key=thai_sort_key) == ["กาญจนบุรี", "ชลบุรี", "เชียงใหม่", "ปัตตานี", "แพร่"]


def test_thai_order_reads_tone_marks_after_the_letters() -> None:
    # Thai dictionary order compares letters first and tone marks only after them: อ่างทอง (อ า ง ...) before
    # อุทัยธานี (อ ุ ...) as า comes before ุ; ร้อยเอ็ด (ร อ ...) before ราชบุรี (ร า ...) as a consonant after the
    # first comes before a vowel. A code-point sort puts both pairs the other way round (่ U+0E48 and ้ U+0E49 are
    # after า U+0E32 and ุ U+0E38).
    names = ["อุทัยธานี", "ราชบุรี", "อ่างทอง", "ร้อยเอ็ด"]
    assert sorted(names, key=thai_sort_key) == ["ร้อยเอ็ด", "ราชบุรี", "อ่างทอง", "อุทัยธานี"]
    assert sorted(names) == ["ราชบุรี", "ร้อยเอ็ด", "อุทัยธานี", "อ่างทอง"]


def test_thai_order_is_pythainlp_collation() -> None:
    from pythainlp.util import collate as pythainlp_collate

    ref = load_refdata()
    names = [p.name_th for p in ref.provinces.values()] + [c.name_th for c in ref.countries.values()]
    assert sorted(names, key=thai_sort_key) == pythainlp_collate(names)


def test_the_provinces_page_lists_each_region_in_thai_order(tmp_path: Path) -> None:
    strings = load_strings()
    pages = render(collate([], [], load_refdata(), SETTINGS), make_env(ROOT / "templates" / "pages", strings))
    page = pages["provinces/index.md"]
    central = page[page.index("<h2>ภาคกลาง</h2>") :].split("</ul>")[0]
    assert central.index(">จังหวัดอ่างทอง<") < central.index(">จังหวัดอุทัยธานี<")
    # ร้อยเอ็ด and ราชบุรี are in two regions: the order of the directory's province table shows them.
    names = [p.name_th for p in collate([], [], load_refdata(), SETTINGS).provinces]
    assert names.index("ร้อยเอ็ด") < names.index("ราชบุรี")


def test_partial_dates_order_by_time() -> None:
    dates = [PartialDate(2024, 4, 2), PartialDate(2024), PartialDate(2024, 4), PartialDate(1999, 6, 7)]
    assert sorted(dates) == [PartialDate(1999, 6, 7), PartialDate(2024), PartialDate(2024, 4), PartialDate(2024, 4, 2)]


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("", "provinces/", "provinces/"),
        ("", "", "./"),
        ("partnerships/x/", "data/partnerships.json", "../../data/partnerships.json"),
        ("provinces/chiang-mai/2/", "provinces/chiang-mai/", "../"),
        ("provinces/", "provinces/chiang-mai/2/", "chiang-mai/2/"),
        ("stats/", "regions/north/", "../regions/north/"),
    ],
)
def test_more_relative_links(here: str, target: str, expected: str) -> None:
    assert Links(here).to(target) == expected


def test_listing_rows_link_from_each_page_depth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A row is rendered once per link and reused: the same partnership on page 2 (one folder deeper) and on a
    # first page must still get the link that works from each.
    monkeypatch.setattr(render_module, "PAGE_SIZE", 1)
    tokyo = edit(edit(BASELINE, "name_en: Kunming", "name_en: Tokyo"), "name_th: คุนหมิง", "name_th: โตเกียว")
    tokyo = edit(edit(tokyo, "name_native: 昆明", "name_native: 東京"), "country: CN", "country: JP")
    partners = write(tmp_path, {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/tokyo.yml": tokyo})
    strings = load_strings()
    records, problems = validate(load_partners(partners, strings)[0], load_refdata(), strings, TODAY)
    assert problems == []
    pages = render(collate(records, [], load_refdata(), SETTINGS), make_env(ROOT / "templates" / "pages", strings))
    row = (
        '<tr><td>จังหวัดเชียงใหม่</td><td><a href="{up}partnerships/chiang-mai-tokyo/">โตเกียว</a>'
        ' <span class="sc-native" lang="ja">東京</span><br><small lang="en">Tokyo</small></td><td>ญี่ปุ่น</td>'
        '<td>เมืองพี่เมืองน้อง</td><td><span class="sc-badge sc-claim sc-claim-signed">ลงนามแล้ว</span>'
        ' <span class="sc-badge sc-status-active">ดำเนินการอยู่</span><br>'
        '<small class="sc-verification sc-verification--unverified">ยังไม่ได้ตรวจสอบกับแหล่งที่มา</small></td>'
        '<td>2542<br><small class="sc-last">กิจกรรมล่าสุด 2567</small></td></tr>\n'
    )
    for page, up in [
        ("directory/all/2/", "../../../"),
        ("provinces/chiang-mai/2/", "../../../"),
        ("countries/jp/", "../../"),
        ("types/sister_city/2/", "../../../"),
    ]:
        assert row.format(up=up) in pages[page + "index.md"], page
    assert row.format(up="../../../") not in pages["countries/jp/index.md"]


# A record found only in a compiled list, with the signing date that list gives (like Chiang Mai–Saitama).
LISTED = edit(
    edit(edit(BASELINE, "status: active", "status: unknown"), "evidence: news_report", "evidence: list_only"),
    "signed: 1999-06-07",
    "signed: 1992-11-09",
)


def test_an_unconfirmed_record_reads_as_unconfirmed_first(tmp_path: Path) -> None:
    body = render_partner(tmp_path, LISTED)["partnerships/chiang-mai-kunming/index.md"]
    article = body.split('<article class="sc-partnership">\n')[1]
    assert article.startswith(
        "<h1>จังหวัดเชียงใหม่ – คุนหมิง</h1>\n"
        '<p class="sc-claim sc-claim-unconfirmed"><strong>ยังไม่ยืนยันว่ามีความสัมพันธ์นี้</strong> · '
        '<span class="sc-verification sc-verification--unverified">ยังไม่ได้ตรวจสอบกับแหล่งที่มา</span> · '
        '<a href="../../faq/#evidence">ระดับหลักฐานและการตรวจสอบหมายถึงอะไร</a></p>\n'
    )
    assert "ลงนามแล้ว" not in body
    assert ("<dt>วันที่ลงนามตามที่ระบุไว้</dt>\n<dd>9 พฤศจิกายน พ.ศ. 2535 (ค.ศ. 1992) (ยังไม่ยืนยันว่ามีการลงนาม)</dd>\n") in body
    assert "years/1992/" not in body
    quiet = LISTED.split("activities:")[0] + "sources:" + LISTED.split("sources:")[1]
    listed = render_partner(tmp_path / "no-activities", quiet)
    assert ("<p><strong>กิจกรรมล่าสุดที่บันทึกไว้:</strong> ยังไม่มีกิจกรรมที่บันทึกไว้ ส่วนวันที่ลงนามที่ระบุไว้ยังไม่ยืนยัน</p>") in listed[
        "partnerships/chiang-mai-kunming/index.md"
    ]


def test_listing_rows_show_claim_verification_and_bounded_dates(tmp_path: Path) -> None:
    text = edit(edit(LISTED, "signed: 1992-11-09", "signed: by 2006"), "date: 2024-04", "date: before 2012-07")
    listing = render_partner(tmp_path, text)["provinces/chiang-mai/index.md"]
    assert (
        '<td><span class="sc-badge sc-claim sc-claim-unconfirmed">ยังไม่ยืนยันว่ามีความสัมพันธ์นี้</span>'
        ' <span class="sc-badge sc-status-unknown">ไม่ทราบสถานะ</span><br>'
        '<small class="sc-verification sc-verification--unverified">ยังไม่ได้ตรวจสอบกับแหล่งที่มา</small></td>'
        '<td>ไม่ช้ากว่า 2549<br><small class="sc-last">กิจกรรมล่าสุด ก่อน 2555</small></td></tr>'
    ) in listing
    assert '<th scope="col">การยืนยันและสถานะ</th><th scope="col">ลงนาม · กิจกรรมล่าสุด</th>' in listing


def test_no_activity_recorded_is_explained_on_the_page(tmp_path: Path) -> None:
    text = BASELINE.split("activities:")[0] + "sources:" + BASELINE.split("sources:")[1]
    body = render_partner(tmp_path, text)["partnerships/chiang-mai-kunming/index.md"]
    assert '<span class="sc-badge sc-alert">ยังไม่มีกิจกรรมที่บันทึกไว้</span>' in body
    assert (
        "<p>ยังไม่มีกิจกรรมที่บันทึกไว้ในสมุดรายชื่อ นอกจากการลงนาม และไม่มีการลงนามหรือกิจกรรมภายใน 3 ปี"
        "ก่อนวันที่สร้างเว็บไซต์ (26 พฤศจิกายน พ.ศ. 2569 (ค.ศ. 2026)) ไม่ได้แปลว่าความสัมพันธ์หยุดลง"
        " อาจเพียงยังไม่มีผู้บันทึกกิจกรรม หากทราบกิจกรรม โปรดแจ้งเพิ่มข้อมูล ข้อความนี้คำนวณอัตโนมัติ"
        " ไม่ได้แก้ไขข้อมูลต้นฉบับ</p>"
    ) in body


def test_an_edit_changes_the_inputs_of_the_listing_pages_that_show_it_and_of_first_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live preview renders a page again when its inputs change: a later page of a listing is given its own
    # rows and the group's count, not every partnership of the group.
    monkeypatch.setattr(render_module, "PAGE_SIZE", 1)
    strings = load_strings()
    env = make_env(ROOT / "templates" / "pages", strings)

    def named(th: str, en: str) -> str:
        return edit(edit(BASELINE, "name_en: Kunming", f"name_en: {en}"), "name_th: คุนหมิง", f"name_th: {th}")

    def inputs(tokyo: str) -> dict[str, object]:
        files = {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/tokyo.yml": named(tokyo, "Tokyo")}
        partners = write(tmp_path, {**files, "chiang-mai/hanoi.yml": named("ฮานอย", "Hanoi")})
        records, problems = validate(load_partners(partners, strings)[0], load_refdata(), strings, TODAY)
        assert problems == []
        reuse = render_module.Reuse()
        render(collate(records, [], load_refdata(), SETTINGS), env, reuse)
        return reuse.inputs

    before, after = inputs("โตเกียว"), inputs("โตเกียวใหม่")
    changed = {path for path in before if before[path] != after[path]}
    # Chiang Mai's listing in Thai order: คุนหมิง on page 1, โตเกียว on page 2, ฮานอย on page 3.
    assert {"provinces/chiang-mai/2/index.md", "provinces/chiang-mai/index.md"} <= changed  # a first page sums up
    assert "provinces/chiang-mai/3/index.md" not in changed
    assert "partnerships/chiang-mai-hanoi/index.md" not in changed
