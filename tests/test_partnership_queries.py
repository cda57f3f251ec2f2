"""How a query reads against the directory's data (content/assets/javascripts/partnerships.js, shared by the search
page and the directory filter), run in Node over the data the generator makes (generator/browse.py) from a few
partner files: the data every build publishes, and the script every page loads, without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest
from conftest import ROOT, SETTINGS, write
from sites import record

from generator import browse, pieces
from generator.collate import collate
from generator.loader import load_partners
from generator.refdata import load_refdata
from generator.strings import load_strings
from generator.validate import validate

SCRIPT = ROOT / "content" / "assets" / "javascripts" / "partnerships.js"

FILES: dict[str, str | bytes] = {
    "chiang-mai/saitama.yml": record(
        "TH-50",
        "จังหวัดเชียงใหม่",
        ("Saitama Prefecture", "ไซตามะ", "埼玉県", "JP", "prefecture"),
        "sister_city",
        "active",
        "signed: 2018-05-01\n",
    ),
    "nakhon-ratchasima/sichuan.yml": record(
        "TH-30",
        "จังหวัดนครราชสีมา",
        ("Sichuan Province", "เสฉวน", "四川省", "CN", "province"),
        "sister_city",
        "active",
        "signed: 2010\n",
    ),
    "bangkok/seoul.yml": record(
        "TH-10", "กรุงเทพมหานคร", ("Seoul", "โซล", "서울", "KR", "city"), "sister_city", "active", "signed: 2010\n"
    ).replace("  level: province\n", "  level: bangkok\n", 1),
    "surat-thani/guangxi.yml": record(
        "TH-84",
        "จังหวัดสุราษฎร์ธานี",
        ("Guangxi", "กว่างซี", "广西", "CN", "region"),
        "friendship_city",
        "active",
        "signed: 2010\n",
    ),
    "mukdahan/quang-tri.yml": record(
        "TH-49",
        "จังหวัดมุกดาหาร",
        ("Quang Tri", "กว๋างจิ", "Quảng Trị", "VN", "province"),
        "mou",
        "active",
        "signed: 2010\n",
    ),
    "maha-sarakham/hue.yml": record(
        "TH-44", "เทศบาลนครมหาสารคาม", ("Hue", "เว้", "Huế", "VN", "city"), "mou", "proposed", ""
    ).replace("  level: province\n", "  level: municipality\n", 1),
    "sa-kaeo/banteay-meanchey.yml": record(
        "TH-27",
        "จังหวัดสระแก้ว",
        ("Banteay Meanchey", "บันเตียเมียนเจย", None, "KH", "province"),
        "mou",
        "active",
        "signed: 2010\n",
    ),
    "khon-kaen/lowell.yml": record(
        "TH-40", "จังหวัดขอนแก่น", ("Lowell", "โลเวลล์", None, "US", "city"), "mou", "dormant", "signed: 2010\n"
    ),
}
NORTHEAST = ["khon-kaen-lowell", "nakhon-ratchasima-sichuan", "maha-sarakham-hue", "mukdahan-quang-tri"]
# Query -> the partnerships it finds exactly, in the order of the list (Thai province names).
EXACT = {
    # Latin letters typed without spaces match from the start of a word: not "map" across "Saitama Prefecture".
    "map": [],
    "aipro": [],
    "chiangmai": ["chiang-mai-saitama"],
    "Surat Thani": ["surat-thani-guangxi"],
    # Other common names of a country or a region (generator/data/*_aliases.yaml) name it.
    "USA": ["khon-kaen-lowell"],
    "อเมริกา": ["khon-kaen-lowell"],
    "อีสาน": NORTHEAST,
    "Isan China": ["nakhon-ratchasima-sichuan"],
    # The start of one place's names names it, with another word.
    "กรุงเทพ เกาหลี": ["bangkok-seoul"],
    "สุราษฎร์ จีน": ["surat-thani-guangxi"],
    # Generic and joining words (generator/data/generic_words.yaml) are dropped when others are typed.
    "sister cities of chiang mai": ["chiang-mai-saitama"],
    "เมืองพี่เมืองน้อง ของ ขอนแก่น": ["khon-kaen-lowell"],
    "what are the sister cities of chiang mai": ["chiang-mai-saitama"],
    "ขอนแก่น มี เมืองพี่เมืองน้อง ที่ไหน บ้าง": ["khon-kaen-lowell"],
    # A country's adjective names it.
    "Japanese partners of Chiang Mai": ["chiang-mai-saitama"],
    "Korean": ["bangkok-seoul"],
    # Another word for a status (status_words).
    "หยุดนิ่ง": ["khon-kaen-lowell"],
    # A year of signing in either era, with or without its era, in Thai or Arabic digits.
    "2561": ["chiang-mai-saitama"],
    "พ.ศ. ๒๕๖๑": ["chiang-mai-saitama"],
    "ค.ศ. 2018": ["chiang-mai-saitama"],
    "ญี่ปุ่น ปี 2561": ["chiang-mai-saitama"],
    "ลงนามเมื่อปี พ.ศ. 2561": ["chiang-mai-saitama"],
    "Japan signed in 2018": ["chiang-mai-saitama"],
    "จีน 2561": [],
    "2010 China": ["nakhon-ratchasima-sichuan", "surat-thani-guangxi"],
    # Four digits outside the years of signing are not a year (1567: a government hotline).
    "1567": [],
    # A province's name in Chinese or Japanese (province_aliases.yaml), as a partner city types it.
    "清迈": ["chiang-mai-saitama"],
    "泰国 清迈 姐妹城市": ["chiang-mai-saitama"],
    "태국 방콕 자매도시": ["bangkok-seoul"],
    "チェンマイ": ["chiang-mai-saitama"],
    # Every partnership has a Thai side.
    "Thai sister cities in Japan": ["chiang-mai-saitama"],
    "ไทย เกาหลี": ["bangkok-seoul"],
}

# Query -> the partnerships it finds loosely or with a word one letter off (or two letters swapped), in the order of
# the list. A word in Latin letters must then cover whole words of a name: Osaka is not "saka" of Sa Kaeo with an
# "o" too many.
NEAR = {
    "Osaka": [],
    "Chaing Mai": ["chiang-mai-saitama"],
    "Saitma": ["chiang-mai-saitama"],
    "Banteay Meanchay": ["sa-kaeo-banteay-meanchey"],
    "เชียงไหม่": ["chiang-mai-saitama"],
}

# Query -> the query with the names of places one slip off put right (query.js, corrected), or None: what the search
# page lists when the query as typed finds only names spelled alike.
CORRECTED = {
    "Chaing Mai": "Chiang Mai",
    "Chaing Mai Japan": "Chiang Mai japan",
    "Bangkk": "Bangkok",
    "เชียงไหม่ ญี่ปุ่น": "เชียงใหม่ ญี่ปุ่น",
    "Japn Chiang Mai": "Japan chiang mai",
    # One letter from Nakhon Phanom, two from Nakhon Pathom: either may be meant, so neither is put in.
    "Nakhon Phatom": None,
    "Nakhon Phanon": "Nakhon Phanom",
    # A place named as typed, a partner city one letter off and no place at all stay as they are.
    "Chiang Mai": None,
    "Saitma": None,
    "Osaka": None,
    # A word shorter than four letters is no slip of a name (Laos, not Lao).
    "Lai": None,
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What partnerships.js finds for every query of this module, with its fit levels."""
    node = shutil.which("node")
    assert node, "node is needed to run partnerships.js"
    tmp = tmp_path_factory.mktemp("queries")
    strings = load_strings()
    sources, problems = load_partners(write(tmp, FILES), strings)
    records, more = validate(sources, load_refdata(), strings, SETTINGS.build_date)
    assert problems == more == []
    files = browse.data_files(collate(records, [], load_refdata(), SETTINGS))
    meta = json.loads(files[pieces.META_PATH])
    rows = [row for n in range(len(meta["pieces"])) for row in json.loads(files[f"{pieces.DATA_DIR}/rows-{n}.json"])]
    labels = {"type": strings.data["type"], "status": strings.data["status"]}
    labels["status_words"] = strings.data["status_words"]
    queries = [*EXACT, *NEAR, *CORRECTED, "กวางสี", "ครม", "โลเว", "จีน 2599", "Saitama 2010"]
    data = tmp / "input.json"
    data.write_text(json.dumps({"meta": meta, "rows": rows, "labels": labels, "queries": queries}), encoding="utf-8")
    result = subprocess.run(
        [node, str(ROOT / "tests" / "partnership_queries.mjs"), str(SCRIPT), str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


@pytest.mark.parametrize("query", EXACT)
def test_a_query_finds_exactly_these_partnerships(found: dict[str, Any], query: str) -> None:
    loose = found["fits"]["LOOSE"]
    assert [pid for pid, fit in found["found"][query] if fit < loose] == EXACT[query]


@pytest.mark.parametrize("query", NEAR)
def test_a_word_one_letter_off_finds_these_partnerships(found: dict[str, Any], query: str) -> None:
    loose = found["fits"]["LOOSE"]
    assert [pid for pid, fit in found["found"][query] if fit >= loose] == NEAR[query]


@pytest.mark.parametrize("query", CORRECTED)
def test_a_misspelt_place_is_put_right(found: dict[str, Any], query: str) -> None:
    assert found["corrected"][query] == CORRECTED[query]


def test_a_name_spelled_as_it_sounds_comes_before_a_name_one_letter_off(found: dict[str, Any]) -> None:
    # กวางสี: กว่างซี with ซ written ส and no tone mark (loose); กว๋างจิ one letter further off.
    fits = found["fits"]
    assert found["found"]["กวางสี"] == [["surat-thani-guangxi", fits["LOOSE"]], ["mukdahan-quang-tri", fits["FUZZY"]]]


def test_a_short_word_inside_a_name_fits_no_better_than_text_elsewhere(found: dict[str, Any]) -> None:
    # ครม runs across นคร|มหาสารคาม; โลเว, four letters, starts โลเวลล์.
    fits = found["fits"]
    assert found["found"]["ครม"] == [["maha-sarakham-hue", fits["CONTEXT"]]]
    assert found["found"]["โลเว"] == [["khon-kaen-lowell", fits["WORD_START"]]]


def test_a_year_no_partnership_was_signed_in_finds_none_even_loosely(found: dict[str, Any]) -> None:
    # 2599 BE is 2056 CE; Saitama's partnership was signed in 2018, not 2010.
    assert found["found"]["จีน 2599"] == []
    assert found["found"]["Saitama 2010"] == []
