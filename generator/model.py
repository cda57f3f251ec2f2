"""The typed, immutable model of a partnership; nothing after validation sees a raw dict."""

from __future__ import annotations

import datetime
import enum
import functools
from dataclasses import dataclass

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
        order = {Bound.BEFORE: 0, Bound.BY: 1, None: 2, Bound.ABOUT: 2}
        return (self.year, self.month or 0, self.day or 0, order[self.bound])

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


@dataclass(frozen=True)
class ThaiParty:
    """The Thai side of the partnership."""

    level: ThaiLevel
    name_th: str
    name_en: str
    province: Province
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForeignPartner:
    """The foreign side of the partnership."""

    name_en: str
    name_th: str
    name_native: str | None
    country: Country
    level: PartnerLevel
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activity:
    """A dated event: signing, renewal, visit, exchange, status change."""

    date: PartialDate
    kind: ActivityKind
    title_th: str
    title_en: str | None
    source: str | None


@dataclass(frozen=True)
class Office:
    """The office responsible on the Thai side: a role, never a person."""

    name_th: str
    name_en: str | None
    email: str | None
    url: str | None


@dataclass(frozen=True)
class Document:
    """A document of the partnership (letter of intent, MOU, minutes)."""

    kind: DocumentKind
    title_th: str
    title_en: str | None
    date: PartialDate | None
    url: str | None


@dataclass(frozen=True)
class Check:
    """A check of the record against its sources: when, and what was compared."""

    date: PartialDate
    what_th: str
    what_en: str | None


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


@dataclass(frozen=True)
class Partnership(_Evidenced):
    """One partnership between a Thai party and a foreign partner."""

    id: str
    source_path: str
    thai_party: ThaiParty
    partner: ForeignPartner
    type: RelationType
    status: Status
    status_since: PartialDate | None
    status_source: str | None
    signed: PartialDate | None
    renewed: PartialDate | None
    expires: datetime.date | None
    review_by: datetime.date | None
    activities: tuple[Activity, ...]
    responsible_office: Office | None
    documents: tuple[Document, ...]
    note_th: str | None
    note_en: str | None
    sources: tuple[str, ...]
    evidence: Evidence
    verification: Verification
    checked: Check | None

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


@dataclass(frozen=True)
class Mechanism(_Evidenced):
    """One multilateral mechanism (a conference, a committee, a joint agreement) and every province in it.

    It is one record however many members it has: it is never counted as a bilateral partnership.
    """

    id: str
    source_path: str
    name_th: str
    name_en: str
    kind: MechanismKind
    thai_members: tuple[Province, ...]
    foreign_members: tuple[ForeignPartner, ...]
    started: PartialDate | None
    signed: PartialDate | None
    status: Status
    evidence: Evidence
    activities: tuple[Activity, ...]
    documents: tuple[Document, ...]
    note_th: str | None
    note_en: str | None
    sources: tuple[str, ...]
    verification: Verification
    checked: Check | None

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


@dataclass(frozen=True)
class ChapterMeta:
    """Front matter of a handbook chapter."""

    title: str | None
    description: str | None
    hide: tuple[str, ...]
    reviewed: datetime.date | None
    review_by: datetime.date | None


@dataclass(frozen=True)
class Chapter:
    """A hand-written handbook page, with its review dates."""

    path: str
    source_path: str
    title: str
    meta: ChapterMeta
    text: str
