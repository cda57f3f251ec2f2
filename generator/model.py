"""The typed, immutable model of a partnership; nothing after validation sees a raw dict.

Each field a file holds is declared here once, on its record, with its help and limits (generator.fieldspec).
"""

from __future__ import annotations

import datetime
import enum
import functools
from dataclasses import dataclass
from typing import Annotated

from generator.fieldspec import Kind, Spec, declare, record, shared
from generator.reserved import MULTILATERAL_FOLDER


class ThaiLevel(enum.Enum):
    """Which kind of Thai government is party to the agreement."""

    PROVINCE = "province"
    BANGKOK = "bangkok"
    MUNICIPALITY = "municipality"
    PAO = "pao"
    DISTRICT = "district"
    OTHER = "other"


class PartnerLevel(enum.Enum):
    """Administrative level of the foreign partner."""

    STATE = "state"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    REGION = "region"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    OTHER = "other"


class RelationType(enum.Enum):
    """What kind of relationship the document establishes."""

    SISTER_CITY = "sister_city"
    FRIENDSHIP_CITY = "friendship_city"
    LETTER_OF_INTENT = "letter_of_intent"
    MOU = "mou"
    COOPERATION = "cooperation"


class Status(enum.Enum):
    """Lifecycle status of a partnership, as far as its sources show."""

    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"
    ENDED = "ended"
    UNKNOWN = "unknown"


# Statuses that say the tie exists (or existed): they need a source that reports it signed or established.
ESTABLISHED_STATUSES = frozenset({Status.ACTIVE, Status.DORMANT, Status.SUSPENDED, Status.ENDED})


class Evidence(enum.Enum):
    """The strongest kind of source the record cites for the tie itself."""

    SIGNED_DOCUMENT = "signed_document"
    OFFICIAL_RECORD = "official_record"
    NEWS_REPORT = "news_report"
    LIST_ONLY = "list_only"
    CONTACT_ONLY = "contact_only"


# Evidence that a signing or an established tie was reported, not only listed or discussed.
REPORTED_EVIDENCE = frozenset({Evidence.SIGNED_DOCUMENT, Evidence.OFFICIAL_RECORD, Evidence.NEWS_REPORT})


class Claim(enum.Enum):
    """What a record may be read as, derived from its evidence, type, status and dates."""

    SIGNED = "signed"
    LETTER_OF_INTENT = "letter_of_intent"
    MEETINGS = "meetings"
    TALKS = "talks"
    UNCONFIRMED = "unconfirmed"


class Verification(enum.Enum):
    """How far the record has been checked against its sources."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"


class ActivityKind(enum.Enum):
    """Kind of a dated event in a partnership's life."""

    SIGNING = "signing"
    RENEWAL = "renewal"
    VISIT = "visit"
    MEETING = "meeting"
    EXCHANGE = "exchange"
    TRADE = "trade"
    EDUCATION = "education"
    CULTURE = "culture"
    STATUS_CHANGE = "status_change"
    OTHER = "other"


class DocumentKind(enum.Enum):
    """Kind of a document of the partnership."""

    LETTER_OF_INTENT = "letter_of_intent"
    MOU = "mou"
    AGREEMENT = "agreement"
    MINUTES = "minutes"
    COOPERATION_PLAN = "cooperation_plan"
    OTHER = "other"


class Region(enum.Enum):
    """Thailand's six geographic regions."""

    NORTH = "north"
    NORTHEAST = "northeast"
    CENTRAL = "central"
    EAST = "east"
    WEST = "west"
    SOUTH = "south"


class Bound(enum.Enum):
    """How a date is known when sources give no exact one: 'before 2012-07', 'by 2006', 'about 2006'."""

    BEFORE = "before"
    BY = "by"
    ABOUT = "about"


# The earliest day a bounded date ('before 2012', 'by 2006') can mean: no tie in the directory is older.
EARLIEST = datetime.date(1900, 1, 1)
# Where a date known by a bound sorts among dates of the same figures: a bound before the date it bounds.
BOUND_ORDER = {Bound.BEFORE: 0, Bound.BY: 1, None: 2, Bound.ABOUT: 2}


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A CE date known to the year, the month or the day, possibly only as a bound ('before 2012-07')."""

    year: int
    month: int | None = None
    day: int | None = None
    bound: Bound | None = None

    def iso(self) -> str:
        """The date as written in YAML: 2015, 2015-03, 2015-03-30, or 'before 2015-03'."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        date = "-".join(parts)
        return f"{self.bound.value} {date}" if self.bound is not None else date

    @property
    def exact(self) -> bool:
        """Whether the date is the day, month or year itself rather than a bound or an estimate."""
        return self.bound is None

    def earliest(self) -> datetime.date:
        """The first day the date can mean, for comparisons with full dates."""
        if self.bound in (Bound.BEFORE, Bound.BY):
            return EARLIEST
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day the date can mean: 2020 means up to 31 December 2020; 'before 2020' up to 2019."""
        first = datetime.date(self.year, self.month or 1, self.day or 1)
        if self.bound is Bound.BEFORE:
            return first - datetime.timedelta(days=1)
        if self.day is not None:
            return first
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def sort_key(self) -> tuple[int, int, int, int]:
        """Key that orders dates by time, less precise dates first, a bound before the date it bounds."""
        return (self.year, self.month or 0, self.day or 0, BOUND_ORDER[self.bound])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Province:
    """A Thai province (or Bangkok) from the reference data."""

    code: str
    slug: str
    name_th: str
    name_en: str
    region: Region


@dataclass(frozen=True)
class Country:
    """A country from the reference data."""

    code: str
    name_th: str
    name_en: str
    lang: str


# Text that is read and checked otherwise than one line of plain text: a str to the type checker, its Kind to the
# schema (which reads a plain str as Kind.TEXT).
LongText = Annotated[str, Kind.LONG_TEXT]
Slug = Annotated[str, Kind.SLUG]
Url = Annotated[str, Kind.URL]
SourceUrl = Annotated[str, Kind.SOURCE_URL]
Email = Annotated[str, Kind.EMAIL]

# How a date may be written when sources give no exact one.
BOUND_HELP_TH = "ถ้าทราบเพียงขอบเขต เขียน before 2012-07 (ก่อน), by 2006 (ไม่ช้ากว่า) หรือ about 2006 (ประมาณ)"
BOUND_HELP_EN = "when only a bound is known: before 2012-07, by 2006 or about 2006"
OTHER_NAME = Spec("ชื่ออื่นหนึ่งชื่อ", "One other name")


@record
class ThaiParty:
    """The Thai side of the partnership."""

    level: ThaiLevel = declare("ระดับของฝ่ายไทย", "Level of the Thai party")
    name_th: str = declare("ชื่อฝ่ายไทย ภาษาไทย เช่น จังหวัดเชียงใหม่", "Name in Thai")
    name_en: str = declare("ชื่อฝ่ายไทย ภาษาอังกฤษ เช่น Chiang Mai Province", "Name in English")
    province: Province = declare(
        "รหัสจังหวัด ISO 3166-2 เช่น TH-50 (กรุงเทพมหานครคือ TH-10)",
        "ISO 3166-2 code of the province, e.g. TH-50 (Bangkok is TH-10)",
    )
    other_names: tuple[str, ...] = declare(
        "ชื่ออื่นของฝ่ายไทย เช่น ชื่อเดิมหรือชื่อที่สะกดต่างกัน", "Other names of the Thai party", item=OTHER_NAME, default=()
    )


@record
class ForeignPartner:
    """The foreign side of the partnership."""

    name_en: str = declare("ชื่อเมืองหรือมณฑลคู่สัมพันธ์ ภาษาอังกฤษ", "Name in English")
    name_th: str = declare("ชื่อภาษาไทย เช่น คุนหมิง", "Name in Thai")
    name_native: str | None = declare("ชื่อในภาษาและอักษรของประเทศนั้น เช่น 昆明", "Name in the partner's own script")
    country: Country = declare(
        "รหัสประเทศ ISO 3166-1 สองตัวอักษร เช่น CN, JP, US", "ISO 3166-1 alpha-2 country code, e.g. CN, JP, US"
    )
    level: PartnerLevel = declare("ระดับการปกครองของฝ่ายต่างประเทศ", "Administrative level of the partner")
    other_names: tuple[str, ...] = declare(
        "ชื่ออื่นของฝ่ายต่างประเทศ ในอักษรใดก็ได้ เช่น ตัวสะกดอื่น ชื่อเดิม หรือชื่อในอักษรจีนตัวเต็ม 長春",
        "Other names of the partner in any script: other spellings, former names",
        item=OTHER_NAME,
        default=(),
    )


@record
class Activity:
    """A dated event: signing, renewal, visit, exchange, status change."""

    date: PartialDate = declare(
        "วันที่จัดกิจกรรม (ค.ศ.) เช่น 2024-04-02 หรือ 2024-04 หรือ 2024",
        "Date of the activity (CE): 2024-04-02, 2024-04 or 2024",
        past=True,
    )
    kind: ActivityKind = declare("ประเภทกิจกรรม", "Kind of activity")
    title_th: str = declare("ชื่อกิจกรรมโดยย่อ ภาษาไทย", "Short title in Thai", max_length=300)
    title_en: str | None = declare("ชื่อกิจกรรมโดยย่อ ภาษาอังกฤษ", "Short title in English", max_length=300)
    source: Url | None = declare("ลิงก์ข่าวหรือเอกสารที่ยืนยันกิจกรรม", "Link to a report of the activity")


@record
class Office:
    """The office responsible on the Thai side: a role, never a person."""

    name_th: str = declare("ชื่อหน่วยงาน ภาษาไทย", "Office name in Thai")
    name_en: str | None = declare("ชื่อหน่วยงาน ภาษาอังกฤษ", "Office name in English")
    email: Email | None = declare("อีเมลของหน่วยงาน", "Office e-mail address")
    url: Url | None = declare("เว็บไซต์ของหน่วยงาน", "Office website")


@record
class Document:
    """A document of the partnership (letter of intent, MOU, minutes)."""

    kind: DocumentKind = declare("ประเภทเอกสาร", "Kind of document")
    title_th: str = declare("ชื่อเอกสาร ภาษาไทย", "Title in Thai", max_length=300)
    title_en: str | None = declare("ชื่อเอกสาร ภาษาอังกฤษ", "Title in English", max_length=300)
    date: PartialDate | None = declare("วันที่ของเอกสาร (ค.ศ.)", "Date of the document (CE)", past=True)
    url: Url | None = declare("ลิงก์ไปยังเอกสาร", "Link to the document")


@record
class Check:
    """A check of the record against its sources: when, and what was compared."""

    date: PartialDate = declare(
        "วันที่ตรวจ (ค.ศ.) เช่น 2026-12-06 หรือ 2026-11", "Date of the check (CE), e.g. 2026-12-06 or 2026-11", past=True
    )
    what_th: str = declare(
        "ตรวจอะไรกับแหล่งใด ภาษาไทย เช่น เปิดข่าวของจังหวัดแล้ว วันที่ลงนามและชื่อคู่ตรงกัน",
        "What was compared with which source, in Thai",
        max_length=500,
    )
    what_en: str | None = declare(
        "ตรวจอะไรกับแหล่งใด ภาษาอังกฤษ", "What was compared with which source, in English", max_length=500
    )


# Kinds of document whose signing establishes (or declares the intent of) a tie.
SIGNING_DOCUMENTS = frozenset({DocumentKind.LETTER_OF_INTENT, DocumentKind.MOU, DocumentKind.AGREEMENT})


class _Evidenced:
    """What a partnership and a mechanism share: the rules that make a record read as established or not."""

    signed: PartialDate | None
    status: Status
    evidence: Evidence
    activities: tuple[Activity, ...]
    documents: tuple[Document, ...]
    verification: Verification

    def signing_documents(self) -> tuple[Document, ...]:
        """Cited documents of a kind whose signing establishes a tie, that carry a date or a link."""
        return tuple(d for d in self.documents if d.kind in SIGNING_DOCUMENTS and (d.date or d.url))

    def _claim(self, intent: bool) -> Claim:
        """What the record may be read as: only a reported signing reads as established."""
        if self.evidence is Evidence.LIST_ONLY or self.verification is Verification.DISPUTED:
            return Claim.UNCONFIRMED
        signed = self.signed is not None or bool(self.signing_documents())
        talks = self.status in (Status.PROPOSED, Status.NEGOTIATING) and not signed
        if self.evidence is Evidence.CONTACT_ONLY or talks:
            return Claim.TALKS
        if signed:
            return Claim.LETTER_OF_INTENT if intent else Claim.SIGNED
        # No signing reported: what reads as a tie is what its parties were recorded doing together.
        return Claim.MEETINGS if self.activities else Claim.UNCONFIRMED


# The fields a partnership and a mechanism share, each declared once.
STATUS = Spec("สถานะปัจจุบัน", "Current lifecycle status")
ACTIVITIES = Spec("กิจกรรมที่เกิดขึ้นแล้ว ตามลำดับเวลา", "Dated activities", item=Spec("กิจกรรมหนึ่งรายการ", "One activity"))
DOCUMENTS = Spec("เอกสารของความสัมพันธ์", "Documents", item=Spec("เอกสารหนึ่งรายการ", "One document"))
NOTE_TH = Spec(
    "หมายเหตุ ภาษาไทย เช่น ข้อที่แหล่งข้อมูลยังไม่ยืนยัน",
    "Note in Thai, e.g. what the sources could not confirm",
    max_length=2000,
)
NOTE_EN = Spec("หมายเหตุ ภาษาอังกฤษ", "Note in English", max_length=2000)
SOURCES = Spec(
    "ลิงก์แหล่งที่มาตามที่เปิดอ่านได้จริง (https:// หรือ http:// ถ้าแหล่งนั้นมีแต่ http://) อย่างน้อยหนึ่งรายการ",
    "Source links as they were actually read (https://, or http:// where the source has only that); at least one",
    item=Spec("ลิงก์แหล่งที่มา", "Source link"),
    min_items=1,
    missing="sources_missing",
)
EVIDENCE = Spec("หลักฐานที่หนักแน่นที่สุดที่แหล่งที่มาแสดงถึงความสัมพันธ์นี้", "The strongest evidence of the tie that the sources show")
VERIFICATION = Spec("ผลการตรวจสอบข้อมูลกับแหล่งที่มา", "Whether the record was checked against its sources")
CHECKED = Spec(
    "การตรวจสอบกับแหล่งที่มาครั้งล่าสุด: ใส่เฉพาะเมื่อมีผู้เปิดแหล่งที่มาตรวจจริง (ต้องมีเมื่อ verification: verified)",
    "The latest check against the sources: only when someone actually opened them (required when verified)",
)


@record
class Partnership(_Evidenced):
    """One partnership between a Thai party and a foreign partner."""

    # A file may leave its id out: the validator then derives it from the file's path.
    id: Slug = declare(
        "รหัสถาวรของความสัมพันธ์ (ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ -) ถ้าไม่ระบุจะได้จากชื่อโฟลเดอร์และชื่อไฟล์"
        " ระบุเมื่อเปลี่ยนชื่อไฟล์เพื่อให้ลิงก์เดิมยังใช้ได้",
        "Stable id (lowercase ASCII, digits, '-'); derived from the file path when absent."
        " Set it when renaming a file so that links keep working",
        required=False,
        max_length=100,
    )
    source_path: str
    thai_party: ThaiParty = declare("ฝ่ายไทย", "The Thai party")
    partner: ForeignPartner = declare("ฝ่ายต่างประเทศ", "The foreign partner")
    type: RelationType = declare("ประเภทความสัมพันธ์", "Type of relationship")
    status: Status = shared(STATUS)
    status_since: PartialDate | None = declare(
        "วันที่สถานะปัจจุบันเริ่มมีผล (ค.ศ.)", "Date the current status took effect (CE)", past=True
    )
    status_source: Url | None = declare(
        "ลิงก์แหล่งที่มาที่ยืนยันสถานะปัจจุบัน", "Link to the source that confirms the current status"
    )
    signed: PartialDate | None = declare(
        f"วันที่ลงนาม (ค.ศ.) เช่น 1999-06-07 หรือ 2015 ถ้าทราบเพียงปี {BOUND_HELP_TH}",
        f"Date of signing (CE): 1999-06-07, or 2015 when only the year is known; {BOUND_HELP_EN}",
        past=True,
    )
    renewed: PartialDate | None = declare("วันที่ต่ออายุครั้งล่าสุด (ค.ศ.)", "Date of the latest renewal (CE)", past=True)
    expires: datetime.date | None = declare("วันที่ข้อตกลงสิ้นสุด (ค.ศ.) ถ้ามีกำหนด", "Date the agreement expires (CE)")
    review_by: datetime.date | None = declare("วันที่ควรทบทวนข้อมูลนี้อีกครั้ง (ค.ศ.)", "Date by which to review this record")
    activities: tuple[Activity, ...] = shared(ACTIVITIES)
    responsible_office: Office | None = declare(
        "หน่วยงานรับผิดชอบฝ่ายไทย (ระบุตำแหน่งหรือหน่วยงาน ไม่ใช่ชื่อบุคคล)", "Responsible office (a role, not a person)"
    )
    documents: tuple[Document, ...] = shared(DOCUMENTS)
    note_th: LongText | None = shared(NOTE_TH)
    note_en: LongText | None = shared(NOTE_EN)
    sources: tuple[SourceUrl, ...] = shared(SOURCES)
    evidence: Evidence = shared(EVIDENCE)
    verification: Verification = shared(VERIFICATION)
    checked: Check | None = shared(CHECKED)

    # Cached (in the instance's __dict__, outside the fields that equality compares): listings, facets, statistics
    # and exports ask each record for these some ten times each, 100,000 calls at 10,000 partnerships.
    @functools.cached_property
    def claim(self) -> Claim:
        """What the record may be read as: only a reported signing reads as an established tie."""
        return self._claim(intent=self.type is RelationType.LETTER_OF_INTENT)

    @property
    def rests_on_meetings(self) -> bool:
        """Whether recorded meetings may show the tie exists without a signing: a cooperation may."""
        return self.type is RelationType.COOPERATION

    @functools.cached_property
    def signed_year(self) -> int | None:
        """The year it was signed, for listings and counts by year: none for a bound or an unconfirmed signing."""
        if self.signed is None or not self.signed.exact or self.claim not in (Claim.SIGNED, Claim.LETTER_OF_INTENT):
            return None
        return self.signed.year


class MechanismKind(enum.Enum):
    """What a multilateral mechanism is: a recurring conference, a standing committee, or one joint agreement."""

    CONFERENCE = "conference"
    COMMITTEE = "committee"
    JOINT_AGREEMENT = "joint_agreement"


@record
class Mechanism(_Evidenced):
    """One multilateral mechanism (a conference, a committee, a joint agreement) and every province in it.

    It is one record however many members it has: it is never counted as a bilateral partnership.
    """

    # Always derived from the file's path.
    id: str
    source_path: str
    name_th: str = declare("ชื่อกลไก ภาษาไทย เช่น การประชุมระดับสูง 3 ประเทศ 9 จังหวัด", "Name in Thai")
    name_en: str = declare("ชื่อกลไก ภาษาอังกฤษ", "Name in English")
    kind: MechanismKind = declare(
        "ประเภทของกลไก: conference (การประชุมที่จัดต่อเนื่อง) committee (คณะกรรมการ)"
        " joint_agreement (ข้อตกลงหรือบันทึกความเข้าใจฉบับเดียวที่ลงนามร่วมกันหลายฝ่าย)",
        "Kind of mechanism: a recurring conference, a standing committee, or one joint agreement",
    )
    thai_members: tuple[Province, ...] = declare(
        "จังหวัดของไทยที่เป็นสมาชิก เป็นรหัส ISO 3166-2 เช่น TH-43 อย่างน้อยหนึ่งจังหวัด",
        "The Thai member provinces as ISO 3166-2 codes, e.g. TH-43; at least one",
        item=Spec("รหัสจังหวัด ISO 3166-2 เช่น TH-43", "ISO 3166-2 code, e.g. TH-43"),
        min_items=1,
    )
    foreign_members: tuple[ForeignPartner, ...] = declare(
        "ฝ่ายต่างประเทศที่เป็นสมาชิก อย่างน้อยหนึ่งฝ่าย แต่ละฝ่ายเขียนช่องเดียวกับ partner ในไฟล์ความสัมพันธ์",
        "The foreign members, at least one, each with the fields of a partnership's partner",
        item=Spec("ฝ่ายต่างประเทศหนึ่งฝ่าย", "One foreign member"),
        min_items=1,
    )
    started: PartialDate | None = declare(
        f"วันที่กลไกเริ่ม (ค.ศ.) เช่น 2004 หรือ 2004-03 {BOUND_HELP_TH}",
        f"Date the mechanism began (CE), e.g. 2004 or 2004-03; {BOUND_HELP_EN}",
        past=True,
    )
    signed: PartialDate | None = declare(
        f"วันที่ลงนามข้อตกลงที่ตั้งกลไก (ค.ศ.) ถ้ามี {BOUND_HELP_TH}",
        f"Date the agreement founding the mechanism was signed (CE), if any; {BOUND_HELP_EN}",
        past=True,
    )
    status: Status = shared(STATUS)
    evidence: Evidence = shared(EVIDENCE)
    activities: tuple[Activity, ...] = shared(ACTIVITIES)
    documents: tuple[Document, ...] = shared(DOCUMENTS)
    note_th: LongText | None = shared(NOTE_TH)
    note_en: LongText | None = shared(NOTE_EN)
    sources: tuple[SourceUrl, ...] = shared(SOURCES)
    verification: Verification = shared(VERIFICATION)
    checked: Check | None = shared(CHECKED)

    @property
    def slug(self) -> str:
        """The mechanism's name in its page's URL: its id without the folder's prefix."""
        return self.id.removeprefix(MULTILATERAL_FOLDER + "-")

    @property
    def rests_on_meetings(self) -> bool:
        """Whether recorded meetings may show it exists without a signing: a conference or a committee may."""
        return self.kind is not MechanismKind.JOINT_AGREEMENT

    @property
    def claim(self) -> Claim:
        """What the record may be read as, by the same rules as a partnership's claim."""
        return self._claim(intent=False)


@record
class ChapterMeta:
    """Front matter of a handbook chapter."""

    title: str | None = declare("ชื่อบท ถ้าต่างจากหัวข้อแรก", "Title, when it differs from the first heading")
    description: str | None = declare(
        "คำอธิบายสั้นสำหรับเครื่องมือค้นหา", "Short description for search engines", max_length=300
    )
    hide: tuple[str, ...] = declare(
        "ส่วนของหน้าที่ซ่อน เช่น toc", "Parts of the page to hide, e.g. toc", item=Spec("ส่วนที่ซ่อน", "Part to hide")
    )
    reviewed: datetime.date | None = declare(
        "วันที่ตรวจทานเนื้อหาครั้งล่าสุด (ค.ศ.)", "Date the chapter was last reviewed (CE)", past=True
    )
    review_by: datetime.date | None = declare("วันที่ควรตรวจทานครั้งถัดไป (ค.ศ.)", "Date by which to review it again (CE)")


@dataclass(frozen=True)
class Chapter:
    """A hand-written handbook page, with its review dates."""

    path: str
    source_path: str
    title: str
    meta: ChapterMeta
    text: str
