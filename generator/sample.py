"""Synthetic partner files for load tests and previews: valid, varied, and the same for the same seed.

Every pairing is invented; the foreign names come from data/sample_cities.yaml and every link points
at the reserved example.org domain.
"""

from __future__ import annotations

import calendar
import datetime
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from generator.model import (
    ESTABLISHED_STATUSES,
    ActivityKind,
    DocumentKind,
    Evidence,
    PartialDate,
    PartnerLevel,
    Province,
    RelationType,
    Status,
    ThaiLevel,
    Verification,
)
from generator.packaged import packaged_yaml
from generator.refdata import RefData, load_refdata

T = TypeVar("T")
Weighted = tuple[tuple[T, int], ...]
Item = dict[str, object]

HEADER = "# Synthetic sample partnership (generated; not real data)\n"
FIRST_SIGNING = datetime.date(1962, 1, 1)
BANGKOK = "TH-10"
SITE = "https://example.org/sample"
CHECK_TH = "ข้อมูลสมมุติ: ไม่มีแหล่งที่มาจริงให้ตรวจ"
CHECK_EN = "Synthetic data: there is no real source to check"
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

STATUSES: Weighted[Status] = (
    (Status.ACTIVE, 60), (Status.DORMANT, 12), (Status.ENDED, 8),
    (Status.NEGOTIATING, 7), (Status.PROPOSED, 7), (Status.SUSPENDED, 6), (Status.UNKNOWN, 4),
)  # fmt: skip
UNSIGNED = (Status.PROPOSED, Status.NEGOTIATING)
TYPES: Weighted[RelationType] = (
    (RelationType.SISTER_CITY, 40), (RelationType.FRIENDSHIP_CITY, 20), (RelationType.MOU, 20),
    (RelationType.LETTER_OF_INTENT, 10), (RelationType.COOPERATION, 10),
)  # fmt: skip
LEVELS: Weighted[ThaiLevel] = ((ThaiLevel.PROVINCE, 75), (ThaiLevel.MUNICIPALITY, 15), (ThaiLevel.PAO, 10))
VERIFICATIONS: Weighted[Verification] = (
    (Verification.VERIFIED, 50), (Verification.UNVERIFIED, 40), (Verification.DISPUTED, 10),
)  # fmt: skip
# Precision of a partial date: sources often give only the year or the month.
PRECISION: Weighted[int] = ((3, 70), (2, 15), (1, 15))

PARTY_NAMES = {
    ThaiLevel.PROVINCE: ("จังหวัด{th}", "{en} Province"),
    ThaiLevel.BANGKOK: ("กรุงเทพมหานคร", "Bangkok Metropolitan Administration"),
    ThaiLevel.MUNICIPALITY: ("เทศบาลนคร{th}", "{en} City Municipality"),
    ThaiLevel.PAO: ("องค์การบริหารส่วนจังหวัด{th}", "{en} Provincial Administrative Organization"),
}
OFFICE_NAMES = {
    ThaiLevel.PROVINCE: ("สำนักงานจังหวัด{th}", "{en} Provincial Office"),
    ThaiLevel.BANGKOK: ("กองการต่างประเทศ กรุงเทพมหานคร", "International Affairs Division, Bangkok"),
    ThaiLevel.MUNICIPALITY: ("สำนักปลัดเทศบาลนคร{th}", "Office of the Clerk, {en} City Municipality"),
    ThaiLevel.PAO: ("สำนักปลัดองค์การบริหารส่วนจังหวัด{th}", "Office of the Clerk, {en} PAO"),
}
ACTIVITY_TITLES = {
    ActivityKind.SIGNING: ("พิธีลงนามความสัมพันธ์กับ{city_th}", "Partnership with {city_en} signed"),
    ActivityKind.RENEWAL: ("ต่ออายุข้อตกลงกับ{city_th}", "Agreement with {city_en} renewed"),
    ActivityKind.VISIT: ("คณะผู้แทนเยือน{city_th}", "Delegation visits {city_en}"),
    ActivityKind.MEETING: ("ประชุมคณะทำงานร่วมกับ{city_th}", "Joint working group meets {city_en}"),
    ActivityKind.EXCHANGE: ("แลกเปลี่ยนเจ้าหน้าที่กับ{city_th}", "Staff exchange with {city_en}"),
    ActivityKind.TRADE: ("คณะนักธุรกิจจาก{home_th}เยือน{city_th}", "Trade mission from {home_en} to {city_en}"),
    ActivityKind.EDUCATION: ("แลกเปลี่ยนนักเรียนกับ{city_th}", "Student exchange with {city_en}"),
    ActivityKind.CULTURE: ("เทศกาลวัฒนธรรม{city_th}ที่{home_th}", "{city_en} culture festival in {home_en}"),
    ActivityKind.STATUS_CHANGE: ("ปรับสถานะความสัมพันธ์กับ{city_th}", "Status of the ties with {city_en} changed"),
    ActivityKind.OTHER: ("ครบรอบความสัมพันธ์กับ{city_th}", "Anniversary of the ties with {city_en}"),
}
EVENT_KINDS = (
    ActivityKind.VISIT, ActivityKind.MEETING, ActivityKind.EXCHANGE, ActivityKind.TRADE,
    ActivityKind.EDUCATION, ActivityKind.CULTURE, ActivityKind.OTHER,
)  # fmt: skip
DOCUMENT_KINDS = {
    RelationType.SISTER_CITY: DocumentKind.AGREEMENT,
    RelationType.FRIENDSHIP_CITY: DocumentKind.AGREEMENT,
    RelationType.MOU: DocumentKind.MOU,
    RelationType.LETTER_OF_INTENT: DocumentKind.LETTER_OF_INTENT,
    RelationType.COOPERATION: DocumentKind.COOPERATION_PLAN,
}
DOCUMENT_TITLES = {
    DocumentKind.AGREEMENT: (
        "ข้อตกลงความสัมพันธ์ระหว่าง{party_th}กับ{city_th}",
        "Agreement between {party_en} and {city_en}",
    ),
    DocumentKind.MOU: ("บันทึกความเข้าใจระหว่าง{party_th}กับ{city_th}", "MOU between {party_en} and {city_en}"),
    DocumentKind.LETTER_OF_INTENT: ("หนังสือแสดงเจตจำนงระหว่าง{party_th}กับ{city_th}", "Letter of intent with {city_en}"),
    DocumentKind.COOPERATION_PLAN: ("แผนความร่วมมือกับ{city_th}", "Cooperation plan with {city_en}"),
    DocumentKind.MINUTES: ("รายงานการประชุมร่วมกับ{city_th}", "Minutes of the joint meeting with {city_en}"),
}
NOTE_TH = "ข้อมูลตัวอย่างที่สร้างขึ้นโดยอัตโนมัติเพื่อทดสอบเว็บไซต์ ไม่ใช่ข้อมูลจริง"
NOTE_EN = "Synthetic sample record generated to test the site; not real data."


@dataclass(frozen=True)
class SampleCity:
    """A real foreign city or region that synthetic partnerships pair with Thai provinces."""

    slug: str
    name_en: str
    name_th: str
    name_native: str | None
    country: str
    level: PartnerLevel


@dataclass(frozen=True)
class _Pair:
    """What one synthetic file is about, and the names its titles are made from."""

    stem: str
    province: Province
    city: SampleCity
    level: ThaiLevel
    names: Mapping[str, str]


def load_cities() -> tuple[SampleCity, ...]:
    """The table of foreign cities in data/sample_cities.yaml, in file order."""
    rows: list[dict[str, str]] = packaged_yaml("data", "sample_cities.yaml")
    return tuple(
        SampleCity(r["slug"], r["name_en"], r["name_th"], r.get("native"), r["country"], PartnerLevel(r["level"]))
        for r in rows
    )


def sample_files(count: int, seed: int, today: datetime.date, ref: RefData) -> dict[str, str]:
    """N valid synthetic partner files: {relative path like 'chiang-mai/kunming-0042.yml': YAML text}."""
    rng = random.Random(seed)
    provinces = list(ref.provinces.values())
    rng.shuffle(provinces)
    cities = load_cities()
    decks: dict[str, list[SampleCity]] = {}
    width = max(4, len(str(count)))
    files: dict[str, str] = {}
    for number in range(1, count + 1):
        province = provinces[(number - 1) % len(provinces)]
        city = _deal(rng, decks.setdefault(province.code, []), cities)
        pair = _pair(rng, f"{city.slug}-{number:0{width}d}", province, city)
        files[f"{province.slug}/{pair.stem}.yml"] = HEADER + _dump(_partnership(rng, pair, today))
    return files


def write_sample(count: int, out_dir: Path, seed: int, today: datetime.date) -> int:
    """Write sample_files(...) into out_dir (creating folders); returns the number written."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} exists and is not empty; choose a new or empty folder")
    files = sample_files(count, seed, today, load_refdata())
    for rel, text in files.items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return len(files)


def _deal(rng: random.Random, deck: list[SampleCity], cities: Sequence[SampleCity]) -> SampleCity:
    """The next city from a province's own shuffled deck, so a province repeats a city only when out of them."""
    if not deck:
        deck.extend(cities)
        rng.shuffle(deck)
    return deck.pop()


def _pair(rng: random.Random, stem: str, province: Province, city: SampleCity) -> _Pair:
    level = ThaiLevel.BANGKOK if province.code == BANGKOK else _pick(rng, LEVELS)
    party_th, party_en = PARTY_NAMES[level]
    names = {
        "city_th": city.name_th,
        "city_en": city.name_en,
        "home_th": province.name_th,
        "home_en": province.name_en,
        "party_th": party_th.format(th=province.name_th),
        "party_en": party_en.format(en=province.name_en),
    }
    return _Pair(stem, province, city, level, names)


def _partnership(rng: random.Random, pair: _Pair, today: datetime.date) -> Item:
    status = _pick(rng, STATUSES)
    kind = _pick(rng, TYPES)
    signed = None if status in UNSIGNED else _partial(rng, _between(rng, FIRST_SIGNING, today))
    # Later events fall after the whole signing period, so a signing known only to the year stays first.
    start = _day_after(signed) if signed else today - datetime.timedelta(days=6 * 365)
    since = _later(rng, start, today) if status is not Status.ACTIVE and rng.random() < 0.7 else None
    renewed = _later(rng, start, today) if signed and status is not Status.ENDED and rng.random() < 0.2 else None
    activities = _activities(rng, pair, signed, start, today, (since, renewed))
    dates = [d for d in (signed, since, renewed, *(a[0] for a in activities)) if d is not None]
    record: Item = {
        "thai_party": _thai_party(pair),
        "partner": _partner(pair.city),
        "type": kind.value,
        "status": status.value,
        "status_since": _iso(since),
        "signed": _iso(signed),
        "renewed": _iso(renewed),
        "expires": _expires(rng, renewed or signed),
        "review_by": _review_by(rng, today),
        "activities": [a[1] for a in activities],
        "responsible_office": _office(rng, pair) if rng.random() < 0.4 else None,
        "documents": _documents(rng, pair, kind, signed, start, today),
        "note_th": NOTE_TH,
        "note_en": NOTE_EN,
        "sources": _sources(rng, pair),
        **_verification(rng, dates, today, status),
    }
    return {key: value for key, value in record.items() if value is not None and value != []}


def _thai_party(pair: _Pair) -> Item:
    return {
        "level": pair.level.value,
        "name_th": pair.names["party_th"],
        "name_en": pair.names["party_en"],
        "province": pair.province.code,
    }


def _partner(city: SampleCity) -> Item:
    return {
        "name_en": city.name_en,
        "name_th": city.name_th,
        **({"name_native": city.name_native} if city.name_native else {}),
        "country": city.country,
        "level": city.level.value,
    }


def _activities(
    rng: random.Random,
    pair: _Pair,
    signed: PartialDate | None,
    start: datetime.date,
    today: datetime.date,
    changes: tuple[PartialDate | None, PartialDate | None],
) -> list[tuple[PartialDate, Item]]:
    """Up to six dated events, in time order; status changes and renewals match their fields."""
    events: list[tuple[PartialDate, ActivityKind]] = []
    if signed and rng.random() < 0.5:
        events.append((signed, ActivityKind.SIGNING))
    for when, kind in zip(changes, (ActivityKind.STATUS_CHANGE, ActivityKind.RENEWAL), strict=True):
        if when and rng.random() < 0.6:
            events.append((when, kind))
    for _ in range(rng.randint(0, 6 - len(events))):
        when = _later(rng, start, today)
        if when is None:
            break
        events.append((when, rng.choice(EVENT_KINDS)))
    events.sort(key=lambda e: e[0].sort_key())
    return [(when, _activity(rng, pair, when, kind)) for when, kind in events]


def _activity(rng: random.Random, pair: _Pair, when: PartialDate, kind: ActivityKind) -> Item:
    title_th, title_en = (t.format(**pair.names) for t in ACTIVITY_TITLES[kind])
    item: Item = {"date": when.iso(), "kind": kind.value, "title_th": title_th}
    if rng.random() < 0.9:
        item["title_en"] = title_en
    if rng.random() < 0.3:
        item["source"] = f"{SITE}/{pair.province.slug}/{pair.stem}/{kind.value}-{when.iso()}"
    return item


def _documents(
    rng: random.Random, pair: _Pair, kind: RelationType, signed: PartialDate | None,
    start: datetime.date, today: datetime.date,
) -> list[Item]:  # fmt: skip
    documents: list[Item] = []
    if signed and rng.random() < 0.35:
        documents.append(_document(rng, pair, DOCUMENT_KINDS[kind], signed))
    minutes = _later(rng, start, today) if rng.random() < 0.15 else None
    if minutes:
        documents.append(_document(rng, pair, DocumentKind.MINUTES, minutes))
    return documents


def _document(rng: random.Random, pair: _Pair, kind: DocumentKind, when: PartialDate) -> Item:
    title_th, title_en = (t.format(**pair.names) for t in DOCUMENT_TITLES[kind])
    item: Item = {"kind": kind.value, "title_th": title_th, "title_en": title_en, "date": when.iso()}
    if rng.random() < 0.5:
        item["url"] = f"{SITE}/{pair.province.slug}/{pair.stem}/{kind.value}.pdf"
    return item


def _office(rng: random.Random, pair: _Pair) -> Item:
    name_th, name_en = OFFICE_NAMES[pair.level]
    office: Item = {
        "name_th": name_th.format(th=pair.province.name_th),
        "name_en": name_en.format(en=pair.province.name_en),
    }
    if rng.random() < 0.7:
        office["email"] = f"international@{pair.province.slug}.example.org"
    if rng.random() < 0.4:
        office["url"] = f"{SITE}/{pair.province.slug}/"
    return office


def _sources(rng: random.Random, pair: _Pair) -> list[str]:
    first = f"{SITE}/{pair.province.slug}/{pair.stem}"
    return [first, f"{first}/news-{rng.randint(1, 999)}"] if rng.random() < 0.4 else [first]


def _verification(rng: random.Random, dates: list[PartialDate], today: datetime.date, status: Status) -> Item:
    """Evidence that fits the status; a check within about three years, never before the latest recorded event."""
    evidence = Evidence.CONTACT_ONLY if status in UNSIGNED else Evidence.NEWS_REPORT
    verification = _pick(rng, VERIFICATIONS)
    if verification is Verification.DISPUTED and status in ESTABLISHED_STATUSES:
        verification = Verification.UNVERIFIED
    item: Item = {"evidence": evidence.value, "verification": verification.value}
    if verification is Verification.VERIFIED:
        latest = max((d.earliest() for d in dates), default=FIRST_SIGNING)
        checked = _between(rng, max(latest, today - datetime.timedelta(days=3 * 365)), today)
        item["checked"] = {"date": checked.isoformat(), "what_th": CHECK_TH, "what_en": CHECK_EN}
    return item


def _expires(rng: random.Random, anchor: PartialDate | None) -> str | None:
    if anchor is None or rng.random() >= 0.15:
        return None
    return (anchor.earliest() + datetime.timedelta(days=365 * rng.randint(3, 10))).isoformat()


def _review_by(rng: random.Random, today: datetime.date) -> str | None:
    return (today + datetime.timedelta(days=rng.randint(30, 730))).isoformat() if rng.random() < 0.2 else None


def _pick(rng: random.Random, weighted: Weighted[T]) -> T:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def _between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return datetime.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _later(rng: random.Random, start: datetime.date, today: datetime.date) -> PartialDate | None:
    """A date from start to today, or None when start is after today."""
    if start > today:
        return None
    day = _between(rng, start, today)
    when = _partial(rng, day)
    return when if when.earliest() >= start else PartialDate(day.year, day.month, day.day)


def _partial(rng: random.Random, day: datetime.date) -> PartialDate:
    precision = _pick(rng, PRECISION)
    if precision == 1:
        return PartialDate(day.year)
    return PartialDate(day.year, day.month, day.day if precision == 3 else None)


def _day_after(when: PartialDate) -> datetime.date:
    month = when.month or 12
    day = when.day or calendar.monthrange(when.year, month)[1]
    return datetime.date(when.year, month, day) + datetime.timedelta(days=1)


def _iso(when: PartialDate | None) -> str | None:
    return when.iso() if when else None


def _dump(record: Item) -> str:
    """yaml.safe_dump's text, made by libyaml when present: the pure-Python emitter takes ~2 ms a file."""
    return yaml.dump(record, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False)
