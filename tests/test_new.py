"""`python -m generator new`: a commented partner file that passes `validate` unchanged, from options or questions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, Validate

from generator.cli import main, today
from generator.errors import DataError
from generator.refdata import load_refdata
from generator.scaffold import QUESTIONS, Scaffold, new_partner_file, slugify
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
]


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
    assert "  # ระดับของฝ่ายไทย: province, bangkok, municipality, pao, district, other\n" in text
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


def test_new_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    partners = tmp_path / "partners"
    path = partners / "chiang-mai" / "kunming.yml"
    path.parent.mkdir(parents=True)
    path.write_text("# mine\n", encoding="utf-8")
    assert run_new(partners, *OPTIONS) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: (file): มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ ถ้าเป็นความสัมพันธ์อีกคู่หนึ่ง ให้ตั้งชื่อไฟล์อื่นด้วย --slug"
    ]
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_new_lists_every_missing_or_wrong_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    code = run_new(tmp_path / "partners", "--province", "TH-50", "--partner-en", "Kunming", "--signed", "2542-06-07")
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "new: --country: ต้องระบุ --country (รหัสประเทศ ISO 3166-1 สองตัวอักษร เช่น CN, JP, US)",
        "new: --partner-th: ต้องระบุ --partner-th (ชื่อภาษาไทย เช่น คุนหมิง)",
        "new: --signed: ปี 2542 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (1999) เช่น '1999-06-07' แต่พบ '2542-06-07'",
        "new: --source: ต้องระบุ --source (ลิงก์แหล่งที่มา)",
    ]
    assert not (tmp_path / "partners").exists()


def scaffold(tmp_path: Path) -> Scaffold:
    return Scaffold(load_refdata(), load_strings(), TODAY, tmp_path / "partners", ROOT / "templates")


def test_questions_on_a_terminal_repeat_until_the_answer_is_valid(tmp_path: Path) -> None:
    answers = iter(
        [
            "เชียงราย",  # province, by its Thai name
            "",  # thai-level: the default, province
            "",  # thai-name-th: the default
            "",  # thai-name-en: the default
            "Chiang Rai (Kunming)",  # partner-en: the file name comes from it
            "คุนหมิง",
            "昆明",
            "cn",  # not a code: asked again
            "CN",
            "",  # partner-level: city
            "friendship",  # not a type: asked again
            "friendship_city",
            "",  # status: active
            "2542",  # a Buddhist Era year: asked again
            "1999",
            "ftp://example.org",  # not a web link: asked again
            "https://example.org/a",
            "",  # last-verified: the build date
            "verified",
        ]
    )
    prompts: list[str] = []
    told: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    path = new_partner_file(scaffold(tmp_path), {}, ask, told.append)
    assert path == tmp_path / "partners" / "chiang-rai" / "chiang-rai-kunming.yml"
    assert prompts[0] == "รหัสจังหวัด ISO 3166-2 เช่น TH-50 (กรุงเทพมหานครคือ TH-10): "
    assert prompts[1] == "ระดับของฝ่ายไทย (province, bangkok, municipality, pao, district, other) [province]: "
    assert prompts[2] == "ชื่อฝ่ายไทย ภาษาไทย เช่น จังหวัดเชียงใหม่ [จังหวัดเชียงราย]: "
    assert len(prompts) == len(QUESTIONS) + 4
    assert told == [
        "ไม่รู้จักรหัสประเทศ 'cn' ต้องเป็นรหัส ISO 3166-1 สองตัวอักษรพิมพ์ใหญ่ เช่น CN, JP, US"
        " (รายการอยู่ใน generator/data/countries.yaml)",
        "ค่า 'friendship' ใช้ไม่ได้ ค่าที่ใช้ได้คือ: sister_city, friendship_city, letter_of_intent, mou, cooperation",
        "ปี 2542 น่าจะเป็นปี พ.ศ. ให้ใช้ปี ค.ศ. (1999) เช่น '1999' แต่พบ '2542'",
        "แหล่งที่มาต้องเป็นที่อยู่เว็บแบบ https:// หรือ http:// แต่พบ 'ftp://example.org'",
    ]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["thai_party"] == {
        "level": "province",
        "name_th": "จังหวัดเชียงราย",
        "name_en": "Chiang Rai Province",
        "province": "TH-57",
    }
    assert data["partner"]["name_native"] == "昆明"
    assert (data["type"], data["signed"], data["verification"]) == ("friendship_city", "1999", "verified")


def test_bangkok_gets_its_own_level_and_name(tmp_path: Path) -> None:
    given = dict(zip([a.lstrip("-").replace("-", "_") for a in OPTIONS[::2]], OPTIONS[1::2], strict=True))
    path = new_partner_file(scaffold(tmp_path), {**given, "province": "bangkok"}, None, print)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.relative_to(tmp_path).as_posix() == "partners/bangkok/kunming.yml"
    assert data["thai_party"] == {
        "level": "bangkok",
        "name_th": "กรุงเทพมหานคร",
        "name_en": "Bangkok Metropolitan Administration",
        "province": "TH-10",
    }


def test_new_refuses_an_id_another_file_already_uses(tmp_path: Path) -> None:
    given = dict(zip([a.lstrip("-").replace("-", "_") for a in OPTIONS[::2]], OPTIONS[1::2], strict=True))
    first = new_partner_file(scaffold(tmp_path), given, None, print)
    renamed = first.with_name("kunming-city.yml")
    first.rename(renamed)
    renamed.write_text("id: chiang-mai-kunming\n" + renamed.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        new_partner_file(scaffold(tmp_path), given, None, print)
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
    assert today().isoformat() in (partners / "chiang-mai" / "kunming.yml").read_text(encoding="utf-8")
