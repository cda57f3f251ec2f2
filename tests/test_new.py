"""`python -m generator new`: a commented partner file that passes `validate` unchanged, from options or questions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, Validate

from generator.cli import main, today
from generator.errors import DataError
from generator.refdata import load_refdata
from generator.scaffold import KeepExisting, Scaffold, new_partner_file, slugify
from generator.strings import load_strings

OPTIONS = [
    "--province",
    "TH-50",
    "--partner-en",
    "Kunming",
    "--partner-th",
    "คุนหมิง",
    "--country",
    "CN",
    "--type",
    "sister_city",
    "--status",
    "active",
    "--signed",
    "1999-06-07",
    "--source",
    "https://example.org/news/kunming",
    "--evidence",
    "news_report",
    "--verification",
    "unverified",
]
GIVEN = dict(zip([a.lstrip("-").replace("-", "_") for a in OPTIONS[::2]], OPTIONS[1::2], strict=True))


def run_new(partners: Path, *args: str) -> int:
    return main(["new", "--partners", str(partners), "--build-date", TODAY.isoformat(), *args])


def test_new_writes_a_file_that_validates_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], validate: Validate
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    assert run_new(partners, *OPTIONS) == 0
    path = partners / "chiang-mai" / "kunming.yml"
    out = capsys.readouterr().out
    assert out == f"เขียนไฟล์ {path} แล้ว เปิดไฟล์เพื่อตรวจและเติมข้อมูล แล้วตรวจด้วยคำสั่ง python -m generator validate\n"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../partnership.schema.json"
    assert (
        "  # ระดับของฝ่ายไทย: province = จังหวัด, bangkok = กรุงเทพมหานคร, municipality = เทศบาล,"
        " pao = องค์การบริหารส่วนจังหวัด, district = อำเภอ, other = หน่วยงานอื่น\n"
    ) in text
    assert '# activities:\n#   - date: ""' in text
    assert yaml.safe_load(text) == {
        "thai_party": {
            "level": "province",
            "name_th": "จังหวัดเชียงใหม่",
            "name_en": "Chiang Mai Province",
            "province": "TH-50",
        },
        "partner": {"name_en": "Kunming", "name_th": "คุนหมิง", "country": "CN", "level": "city"},
        "type": "sister_city",
        "status": "active",
        "signed": "1999-06-07",
        "sources": ["https://example.org/news/kunming"],
        "evidence": "news_report",
        "verification": "unverified",
    }
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


EXISTS = (
    "มีไฟล์ของความสัมพันธ์คู่นี้อยู่แล้ว จึงไม่เขียนไฟล์ใหม่และไม่เขียนทับ ถ้าจะปรับปรุงข้อมูล ให้แก้ไฟล์นี้แล้วตรวจด้วยคำสั่ง"
    " python -m generator validate ถ้าเป็นความสัมพันธ์อีกฉบับกับคู่เดิมจริง เช่น ข้อตกลงฉบับที่สอง ให้สั่งใหม่พร้อม --slug"
    " ชื่อไฟล์อื่น เช่น --slug {slug}"
)


def test_new_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    path = partners / "chiang-mai" / "kunming.yml"
    path.parent.mkdir(parents=True)
    path.write_text("# mine\n", encoding="utf-8")
    assert run_new(partners, *OPTIONS) == 1
    assert capsys.readouterr().err.splitlines() == [f"{path}: (file): {EXISTS.format(slug='kunming-2')}"]
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_another_file_of_the_same_partner_is_named_and_a_slug_makes_a_second_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    assert run_new(partners, *OPTIONS, "--slug", "kunming-city") == 0
    first = partners / "chiang-mai" / "kunming-city.yml"
    capsys.readouterr()
    # The same partner's English name in another file of the province, in other letter case.
    options = [*OPTIONS[:2], "--partner-en", "KUNMING", *OPTIONS[4:]]
    assert run_new(partners, *options) == 1
    assert capsys.readouterr().err.splitlines() == [f"{first}: (file): {EXISTS.format(slug='kunming-2')}"]
    assert sorted(p.name for p in first.parent.iterdir()) == ["kunming-city.yml"]
    # A second agreement with the same partner is a record of its own, under a name given with --slug.
    assert run_new(partners, *options, "--slug", "kunming-2") == 0
    assert sorted(p.name for p in first.parent.iterdir()) == ["kunming-2.yml", "kunming-city.yml"]


def test_new_lists_every_missing_or_wrong_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code = run_new(tmp_path / "partners", "--province", "TH-50", "--partner-en", "Kunming", "--signed", "2542-06-07")
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "new: --country: ต้องระบุ --country (รหัสประเทศ ISO 3166-1 สองตัวอักษร เช่น CN, JP, US)",
        "new: --evidence: ต้องระบุ --evidence (หลักฐานที่หนักแน่นที่สุดที่แหล่งที่มาแสดงถึงความสัมพันธ์นี้:"
        " signed_document = มีเอกสารที่ลงนามให้เปิดดู, official_record = หน่วยงานรัฐรายงานการลงนามหรือระบุความสัมพันธ์,"
        " news_report = ข่าวรายงานการลงนามหรือความสัมพันธ์, list_only = พบเพียงในรายชื่อที่รวบรวมไว้ ยังไม่พบรายงานการลงนาม,"
        " contact_only = พบเพียงการเยือน การหารือ หรือข้อเสนอ ยังไม่มีการลงนาม)",
        "new: --partner-th: ต้องระบุ --partner-th (ชื่อภาษาไทยของเมืองหรือมณฑลคู่สัมพันธ์ เช่น คุนหมิง)",
        "new: --signed: ปี 2542 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (1999) เขียนว่า '1999-06-07' แต่พบ '2542-06-07'",
        "new: --source: ต้องระบุ --source (แหล่งที่มา: ที่อยู่เว็บ https:// หรือ http://"
        " ของหน้าที่รายงานความสัมพันธ์นี้ (ข่าว หน้าเว็บของหน่วยงาน หรือเอกสาร))",
        "new: --status: ต้องระบุ --status (สถานะปัจจุบัน: proposed = เสนอ, negotiating = อยู่ระหว่างเจรจา,"
        " active = ดำเนินการอยู่, dormant = ไม่มีความเคลื่อนไหว, suspended = ระงับชั่วคราว, ended = สิ้นสุดแล้ว,"
        " unknown = ไม่ทราบสถานะ)",
        "new: --type: ต้องระบุ --type (ประเภทความสัมพันธ์: sister_city = เมืองพี่เมืองน้อง, friendship_city = เมืองมิตรภาพ,"
        " letter_of_intent = หนังสือแสดงเจตจำนง, mou = บันทึกความเข้าใจ (MOU), cooperation = ความตกลงความร่วมมือ)",
        "new: --verification: ต้องระบุ --verification (ผลการตรวจสอบข้อมูลกับแหล่งที่มา:"
        " verified = ตรวจสอบกับแหล่งที่มาแล้ว, unverified = ยังไม่ได้ตรวจสอบกับแหล่งที่มา, disputed = แหล่งที่มาขัดแย้งกัน)",
    ]
    assert not (tmp_path / "partners").exists()


def without(options: list[str], *names: str) -> list[str]:
    """The options without the named ones (and their values)."""
    pairs = zip(options[::2], options[1::2], strict=True)
    return [item for name, value in pairs if name not in names for item in (name, value)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ["--status", "active", "--signed", None],
            [
                "new: --status: สถานะ 'active' แสดงว่าความสัมพันธ์มีอยู่จริง จึงต้องมีวันที่ลงนาม (signed)"
                " หรือเอกสารที่ลงนามใน documents ถ้าทราบเพียงขอบเขตของวันที่ เขียนได้เช่น signed: before 2012-07"
                " หรือ signed: by 2006 ถ้าแหล่งที่มาไม่ได้รายงานการลงนามเลย ให้ใช้ status: unknown, proposed หรือ negotiating"
            ],
        ),
        (
            ["--status", "proposed", "--evidence", "contact_only"],
            [
                "new: --signed: evidence: contact_only หมายถึงแหล่งที่มาแสดงเพียงการเยือน การหารือ หรือข้อเสนอ"
                " จึงระบุวันที่ลงนาม (signed) ไม่ได้ ถ้ามีการลงนามจริง ให้เลือก evidence ตามแหล่งที่รายงานการลงนาม"
            ],
        ),
        (
            ["--verification", "verified"],
            [
                "new: --checked-date: ต้องระบุ --checked-date เมื่อ --verification เป็น verified"
                " (วันที่ตรวจ (ค.ศ.) เช่น 2026-12-06 หรือ 2026-11)",
                "new: --checked-what-th: ต้องระบุ --checked-what-th เมื่อ --verification เป็น verified"
                " (ตรวจอะไรกับแหล่งใด ภาษาไทย เช่น เปิดข่าวของจังหวัดแล้ว วันที่ลงนามและชื่อคู่ตรงกัน)",
            ],
        ),
    ],
)
def test_rules_across_fields_are_checked_before_anything_is_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    change: list[str | None],
    expected: list[str],
) -> None:
    monkeypatch.chdir(ROOT)
    options = without(OPTIONS, *(str(c) for c in change[::2]))
    pairs = zip(change[::2], change[1::2], strict=True)
    options += [str(item) for name, value in pairs if value for item in (name, value)]
    assert run_new(tmp_path / "partners", *options) == 1
    assert capsys.readouterr().err.splitlines() == expected
    assert not (tmp_path / "partners").exists()


def test_repeated_options_keep_every_value_and_labels_become_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validate: Validate
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    options = [
        *without(OPTIONS, "--type", "--verification"),
        *("--source", "http://example.org/old-news"),
        *("--thai-other-name", "Chiangmai"),
        *("--partner-other-name", "Kunming City"),
        *("--partner-other-name", "昆明市"),
        *("--type", "เมืองมิตรภาพ"),
        *("--verification", "verified"),
        *("--checked-date", "2026-11"),
        *("--checked-what-th", "เปิดข่าวของจังหวัดแล้ว วันที่ลงนามตรงกัน"),
    ]
    assert run_new(partners, *options) == 0
    text = (partners / "chiang-mai" / "kunming.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["sources"] == ["https://example.org/news/kunming", "http://example.org/old-news"]
    assert data["thai_party"]["other_names"] == ["Chiangmai"]
    assert data["partner"]["other_names"] == ["Kunming City", "昆明市"]
    assert data["type"] == "friendship_city"
    assert data["checked"] == {"date": "2026-11", "what_th": "เปิดข่าวของจังหวัดแล้ว วันที่ลงนามตรงกัน"}
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


def test_a_signed_document_is_asked_for_when_it_is_the_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], validate: Validate
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    options = [*without(OPTIONS, "--evidence", "--signed"), "--evidence", "signed_document"]
    assert run_new(partners, *options) == 1
    assert capsys.readouterr().err.splitlines() == [
        "new: --document-kind: ต้องระบุ --document-kind เมื่อ --evidence เป็น signed_document (ประเภทของเอกสารที่ลงนาม:"
        " letter_of_intent = หนังสือแสดงเจตจำนง, mou = บันทึกความเข้าใจ (MOU), agreement = ความตกลง,"
        " minutes = บันทึกการหารือ, cooperation_plan = แผนความร่วมมือ, other = อื่น ๆ)",
        "new: --document-title-th: ต้องระบุ --document-title-th เมื่อ --evidence เป็น signed_document"
        " (ชื่อเอกสารที่ลงนาม ภาษาไทย เช่น บันทึกความเข้าใจว่าด้วยการสถาปนาความสัมพันธ์เมืองพี่เมืองน้อง)",
        "new: --document-url: ต้องระบุ --document-url เมื่อ --evidence เป็น signed_document"
        " (ลิงก์ไปยังตัวเอกสารที่ลงนาม (https:// หรือ http://))",
    ]
    document = ["--document-kind", "mou", "--document-title-th", "บันทึกความเข้าใจ", "--document-date", "1999-06-07"]
    assert run_new(partners, *options, *document, "--document-url", "https://example.org/mou.pdf") == 0
    text = (partners / "chiang-mai" / "kunming.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["documents"] == [
        {"kind": "mou", "title_th": "บันทึกความเข้าใจ", "date": "1999-06-07", "url": "https://example.org/mou.pdf"}
    ]
    assert validate({"chiang-mai/kunming.yml": text}) == (0, [])


def test_help_is_in_thai_with_every_allowed_value_and_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "เขียนไฟล์ความสัมพันธ์ใหม่หนึ่งไฟล์ที่ผ่านการตรวจของ python -m generator validate" in out
    assert (
        "--thai-name-en THAI_NAME_EN ชื่อภาษาอังกฤษของฝ่ายไทย (จังหวัดหรือหน่วยงานไทย) เช่น Chiang Mai Province"
        " (ค่าเริ่มต้น: ชื่อจังหวัดภาษาอังกฤษ เช่น Chiang Mai Province)"
    ) in out
    assert (
        "--partner-en PARTNER_EN ชื่อภาษาอังกฤษของเมืองหรือมณฑลคู่สัมพันธ์ในต่างประเทศ เช่น Kunming ชื่อไฟล์ได้จากชื่อนี้ (ต้องระบุ)"
    ) in out
    assert (
        "--type TYPE ประเภทความสัมพันธ์ (ค่าที่ใช้ได้: sister_city = เมืองพี่เมืองน้อง, friendship_city = เมืองมิตรภาพ,"
        " letter_of_intent = หนังสือแสดงเจตจำนง, mou = บันทึกความเข้าใจ (MOU), cooperation = ความตกลงความร่วมมือ)"
        " (ต้องระบุ)"
    ) in out
    assert "(ค่าเริ่มต้น: city)" in out
    assert (
        "--document-date DOCUMENT_DATE วันที่ลงนามในเอกสาร (ค.ศ.) เช่น 1999-06-07 (ใช้เมื่อ --evidence signed_document)" in out
    )
    assert "(ใส่ซ้ำได้หลายครั้ง)" in out
    assert (
        "--checked-date CHECKED_DATE วันที่ตรวจ (ค.ศ.) เช่น 2026-12-06 หรือ 2026-11 (ต้องระบุเมื่อ --verification verified)"
        in out
    )
    # Every option's help is Thai: none is the schema's English help.
    assert "Name in English" not in out and "Type of relationship" not in out


def scaffold(tmp_path: Path) -> Scaffold:
    return Scaffold(load_refdata(), load_strings(), TODAY, tmp_path / "partners", ROOT / "templates")


class Terminal:
    """Answers questions in turn, keeping what was asked and told."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = iter(answers)
        self.prompts: list[str] = []
        self.told: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return next(self.answers)

    def tell(self, message: str) -> None:
        self.told.append(message)


TYPE_MENU = (
    "ประเภทความสัมพันธ์\n"
    "  1. sister_city = เมืองพี่เมืองน้อง\n"
    "  2. friendship_city = เมืองมิตรภาพ\n"
    "  3. letter_of_intent = หนังสือแสดงเจตจำนง\n"
    "  4. mou = บันทึกความเข้าใจ (MOU)\n"
    "  5. cooperation = ความตกลงความร่วมมือ\n"
    "ตอบด้วยหมายเลข รหัส หรือชื่อภาษาไทย: "
)


def test_questions_on_a_terminal_repeat_until_the_answer_is_valid(tmp_path: Path) -> None:
    terminal = Terminal(
        [
            "เชียงราย",  # province, by its Thai name
            "",  # thai-level: the default, province
            "",  # thai-name-th: the default
            "",  # thai-name-en: the default
            "Chiangrai",  # thai-other-name
            "",  # no more other names
            "Chiang Rai (Kunming)",  # partner-en: the file name comes from it
            "คุนหมิง",
            "昆明",
            "",  # no other name of the partner
            "cn",  # not a code: asked again
            "CN",
            "",  # partner-level: city
            "friendship",  # not a type: asked again
            "เมืองมิตรภาพ",  # a Thai label: friendship_city
            "",  # status has no default: asked again
            "3",  # the third status listed: active
            "22 ก.ย. 2554",  # a Buddhist Era date: asked again
            "2011-09-22",
            "ftp://example.org",  # not a web link: asked again
            "https://example.org/a",
            "http://example.org/b",  # a second source
            "",  # no more sources
            "news_report",
            "verified",
            "",  # the check has no default date: asked again
            "2026-11",
            "เปิดข่าวของจังหวัดแล้ว วันที่ลงนามตรงกัน",
        ]
    )
    path = new_partner_file(scaffold(tmp_path), {}, terminal.ask, terminal.tell)
    assert path == tmp_path / "partners" / "chiang-rai" / "chiang-rai-kunming.yml"
    assert terminal.prompts[0] == (
        "จังหวัดของฝ่ายไทย: รหัส ISO 3166-2 เช่น TH-50 หรือชื่อ เช่น เชียงใหม่, Chiang Mai หรือ chiang-mai: "
    )
    assert terminal.prompts[1].endswith("ตอบด้วยหมายเลข รหัส หรือชื่อภาษาไทย [province]: ")
    assert terminal.prompts[2] == "ชื่อภาษาไทยของฝ่ายไทย เช่น จังหวัดเชียงใหม่ [จังหวัดเชียงราย]: "
    assert terminal.prompts[4] == "ชื่ออื่นของฝ่ายไทย เช่น ชื่อเดิมหรือชื่อที่สะกดต่างกัน (เพิ่มอีกรายการ หรือกด Enter เพื่อไปต่อ): "
    assert terminal.prompts[13] == TYPE_MENU
    assert next(terminal.answers, None) is None and len(terminal.prompts) == 28  # one question per answer
    assert terminal.told == [
        "ใช้รหัส TH-57 (เชียงราย)",
        "ไม่รู้จักรหัสประเทศ 'cn' ต้องเป็นรหัส ISO 3166-1 สองตัวอักษรพิมพ์ใหญ่ เช่น CN, JP, US"
        " (รายการอยู่ใน generator/data/countries.yaml)",
        "ค่า 'friendship' ใช้ไม่ได้ ค่าที่ใช้ได้คือ: sister_city (เมืองพี่เมืองน้อง), friendship_city (เมืองมิตรภาพ),"
        " letter_of_intent (หนังสือแสดงเจตจำนง), mou (บันทึกความเข้าใจ (MOU)), cooperation (ความตกลงความร่วมมือ)",
        "ใช้รหัส friendship_city (เมืองมิตรภาพ)",
        "ต้องระบุช่องนี้",
        "ใช้รหัส active (ดำเนินการอยู่)",
        "ปี 2554 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (2011) เขียนว่า '2011-09-22' แต่พบ '22 ก.ย. 2554'",
        "แหล่งที่มาต้องเป็นที่อยู่เว็บแบบ https:// หรือ http:// แต่พบ 'ftp://example.org'",
        "ต้องระบุช่องนี้",
    ]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["thai_party"] == {
        "level": "province",
        "name_th": "จังหวัดเชียงราย",
        "name_en": "Chiang Rai Province",
        "province": "TH-57",
        "other_names": ["Chiangrai"],
    }
    assert data["partner"]["name_native"] == "昆明"
    assert (data["type"], data["status"], data["signed"]) == ("friendship_city", "active", "2011-09-22")
    assert data["sources"] == ["https://example.org/a", "http://example.org/b"]
    assert data["checked"] == {"date": "2026-11", "what_th": "เปิดข่าวของจังหวัดแล้ว วันที่ลงนามตรงกัน"}


# On a terminal, Enter for each question whose option GIVEN leaves out: thai-level, thai-name-th and
# thai-name-en (their defaults), thai-other-name (none) before --partner-en; partner-native, partner-other-name
# (none) and partner-level (its default) after it.
UNGIVEN = ["", "", "", "", "", "", ""]
BEFORE_PARTNER = 4


def test_a_rule_across_fields_asks_again_and_keeps_every_other_answer(tmp_path: Path) -> None:
    given = {k: v for k, v in GIVEN.items() if k not in ("status", "signed")}
    # The defaults and the optional names, status and signed; then status again (kept) and signed again.
    terminal = Terminal([*UNGIVEN, "active", "", "", "by 2006"])
    path = new_partner_file(scaffold(tmp_path), given, terminal.ask, terminal.tell)
    assert terminal.told == [
        "สถานะ 'active' แสดงว่าความสัมพันธ์มีอยู่จริง จึงต้องมีวันที่ลงนาม (signed) หรือเอกสารที่ลงนามใน documents"
        " ถ้าทราบเพียงขอบเขตของวันที่ เขียนได้เช่น signed: before 2012-07 หรือ signed: by 2006"
        " ถ้าแหล่งที่มาไม่ได้รายงานการลงนามเลย ให้ใช้ status: unknown, proposed หรือ negotiating"
    ]
    assert terminal.prompts[-2].endswith("ตอบด้วยหมายเลข รหัส หรือชื่อภาษาไทย [active]: ")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["status"], data["signed"], data["partner"]["name_th"]) == ("active", "by 2006", "คุนหมิง")


def test_a_pair_that_has_a_file_is_offered_for_update(tmp_path: Path) -> None:
    first = new_partner_file(scaffold(tmp_path), GIVEN, None, print)
    terminal = Terminal([*UNGIVEN[:BEFORE_PARTNER], "1"])
    with pytest.raises(KeepExisting) as kept:
        new_partner_file(scaffold(tmp_path), GIVEN, terminal.ask, terminal.tell)
    assert kept.value.path == first
    assert terminal.told == [f"มีไฟล์ของความสัมพันธ์คู่นี้อยู่แล้ว: {first}"]
    assert terminal.prompts[BEFORE_PARTNER:] == [
        "1. ปรับปรุงไฟล์เดิม (ไม่เขียนไฟล์ใหม่)\n2. สร้างไฟล์ใหม่สำหรับความสัมพันธ์อีกฉบับกับคู่เดิม เช่น ข้อตกลงฉบับที่สอง\nตอบ 1 หรือ 2: "
    ]
    # A second record: a file name that is no slug, then the one offered; then the other questions not given.
    second = Terminal([*UNGIVEN[:BEFORE_PARTNER], "2", "Kunming 2", "", *UNGIVEN[BEFORE_PARTNER:]])
    path = new_partner_file(scaffold(tmp_path), GIVEN, second.ask, second.tell)
    assert path == first.with_name("kunming-2.yml")
    assert second.told[1:] == ["ชื่อไฟล์ 'Kunming 2' ใช้ไม่ได้ ให้ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) เท่านั้น เช่น kunming-2"]
    assert second.prompts[BEFORE_PARTNER + 2] == (
        "ชื่อไฟล์ของความสัมพันธ์ฉบับใหม่ ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) ไม่ต้องมี .yml [kunming-2]: "
    )
    assert first.read_text(encoding="utf-8") != ""


def test_bangkok_gets_its_own_level_and_name(tmp_path: Path) -> None:
    path = new_partner_file(scaffold(tmp_path), {**GIVEN, "province": "bangkok"}, None, print)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.relative_to(tmp_path).as_posix() == "partners/bangkok/kunming.yml"
    assert data["thai_party"] == {
        "level": "bangkok",
        "name_th": "กรุงเทพมหานคร",
        "name_en": "Bangkok Metropolitan Administration",
        "province": "TH-10",
    }


def test_new_refuses_an_id_another_file_already_uses(tmp_path: Path) -> None:
    first = new_partner_file(scaffold(tmp_path), GIVEN, None, print)
    renamed = first.with_name("kunming-city.yml")
    first.rename(renamed)
    renamed.write_text("id: chiang-mai-kunming\n" + renamed.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        new_partner_file(scaffold(tmp_path), {**GIVEN, "slug": "kunming"}, None, print)
    assert [str(p) for p in caught.value.problems] == [
        f"{first}:1: id: id 'chiang-mai-kunming' ซ้ำกับไฟล์ {renamed} แต่ละความสัมพันธ์ต้องมี id ไม่ซ้ำกัน"
    ]
    assert not first.exists()


def test_file_names_come_from_the_english_name() -> None:
    assert slugify("Kunming") == "kunming"
    assert slugify("Chungcheongbuk-do") == "chungcheongbuk-do"
    assert slugify("Düsseldorf") == "dusseldorf"
    assert slugify("St. Petersburg (City)") == "st-petersburg-city"
    assert slugify("東京") == ""


def test_a_name_without_latin_letters_needs_a_slug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    options = [*OPTIONS[:2], "--partner-en", "東京", *OPTIONS[4:]]
    assert run_new(tmp_path / "partners", *options) == 1
    assert capsys.readouterr().err.splitlines() == [
        "new: --slug: ตั้งชื่อไฟล์จากชื่อภาษาอังกฤษ '東京' ไม่ได้ ให้ระบุ --slug เป็นตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-)"
    ]
    assert run_new(tmp_path / "partners", *options, "--slug", "tokyo") == 0
    assert (tmp_path / "partners" / "chiang-mai" / "tokyo.yml").is_file()


def test_new_as_a_real_process_then_validate(tmp_path: Path) -> None:
    partners = tmp_path / "partners"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "generator", "new", "--partners", str(partners), *OPTIONS]
    made = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    checked = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--partners", str(partners)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "ข้อมูลถูกต้อง: 1 ความสัมพันธ์\n", "")
    # No date is made up: a check is written only when one was made (--verification verified).
    data = yaml.safe_load((partners / "chiang-mai" / "kunming.yml").read_text(encoding="utf-8"))
    assert "checked" not in data and today().isoformat() not in json.dumps(data)


def on_a_terminal(partners: Path, answers: list[str], *options: str) -> tuple[int, str]:
    """Run `python -m generator new` in a pseudo-terminal, typing the answers; (exit code, what it showed)."""
    import os
    import pty
    import select
    import time

    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    main_fd, child_fd = pty.openpty()
    command = [sys.executable, "-m", "generator", "new", "--partners", str(partners), *options]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=child_fd, stdout=child_fd, stderr=child_fd)
    os.close(child_fd)
    os.write(main_fd, "".join(f"{answer}\n" for answer in answers).encode())
    shown = b""
    deadline = time.monotonic() + 60
    # A command that wants more answers than were typed would wait for ever: it is stopped at the deadline.
    while select.select([main_fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    process.kill()
    return process.wait(timeout=60), shown.decode().replace("\r\n", "\n")


def test_new_on_a_real_terminal_asks_writes_and_offers_the_file_for_update(tmp_path: Path) -> None:
    partners = tmp_path / "partners"
    given = without(OPTIONS, "--status", "--verification")
    code, shown = on_a_terminal(partners, [*UNGIVEN, "ดำเนินการอยู่", "unverified"], *given)
    path = partners / "chiang-mai" / "kunming.yml"
    assert code == 0, shown
    assert "ใช้รหัส active (ดำเนินการอยู่)" in shown
    assert shown.rstrip().endswith(
        f"เขียนไฟล์ {path} แล้ว เปิดไฟล์เพื่อตรวจและเติมข้อมูล แล้วตรวจด้วยคำสั่ง python -m generator validate"
    )
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "active"
    written = path.read_text(encoding="utf-8")
    code, shown = on_a_terminal(partners, [*UNGIVEN[:BEFORE_PARTNER], "1"], *given)
    assert code == 0, shown
    assert f"มีไฟล์ของความสัมพันธ์คู่นี้อยู่แล้ว: {path}" in shown
    assert shown.rstrip().endswith(
        f"ไม่ได้เขียนไฟล์ใหม่ ปรับปรุงข้อมูลในไฟล์เดิม {path} ด้วยโปรแกรมแก้ไขข้อความ เช่น nano {path}"
        " แล้วตรวจด้วยคำสั่ง python -m generator validate"
    )
    assert path.read_text(encoding="utf-8") == written
    assert sorted(p.name for p in path.parent.iterdir()) == ["kunming.yml"]
