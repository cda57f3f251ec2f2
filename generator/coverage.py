"""The directory's coverage, counted the way the Ministry of Interior counted its 89 pairs in December 2018.

The directory page, the statistics page and the home page all show this one count, so they agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from generator.model import Claim, Evidence, Partnership, RelationType, ThaiLevel, Verification

# The ministry's figure: 89 pairs in 38 provinces, reported on 19 December 2018 (content/index.md, its source).
MINISTRY_DATE = datetime.date(2018, 12, 19)
MINISTRY_PAIRS = 89
MINISTRY_PROVINCES = 38
# The kinds of tie the figure counts: sister and friendship cities, not MOUs, cooperation or letters of intent.
MINISTRY_TYPES = frozenset({RelationType.SISTER_CITY, RelationType.FRIENDSHIP_CITY})
# The buckets of the records the figure does not count, in the order the pages list them.
REST = (
    "signed_later",
    "signed_undated",
    "signed_other",
    "letter_of_intent",
    "meetings",
    "talks",
    "unconfirmed",
    "local",
)


@dataclass(frozen=True)
class Coverage:
    """Every partnership in exactly one count: those the ministry's figure would include, then the rest."""

    total: int
    counted: int
    """Province-level sister or friendship ties reported signed (not only listed, not disputed) before the date."""
    provinces: int
    """Distinct Thai provinces among the counted ties."""
    signed_later: int
    """Province-level sister or friendship ties reported signed, on or after the date or not shown to be before."""
    signed_undated: int
    """Province-level sister or friendship ties signed by a cited document, with no signing date."""
    signed_other: int
    """Province-level MOUs and cooperation agreements reported signed."""
    letter_of_intent: int
    """Province-level letters of intent."""
    meetings: int
    """Province-level cooperation resting on recorded meetings, nothing signed found."""
    talks: int
    """Province-level ties in talks or proposed, nothing signed."""
    unconfirmed: int
    """Province-level ties only listed, or whose sources disagree."""
    local: int
    """Ties of Bangkok and of local governments (municipalities, PAOs, districts), whatever their claim."""

    # The ministry's figure the counts are compared with, for the pages.
    reported: ClassVar[int] = MINISTRY_PAIRS
    reported_provinces: ClassVar[int] = MINISTRY_PROVINCES
    date: ClassVar[datetime.date] = MINISTRY_DATE

    def rest(self) -> tuple[tuple[str, int], ...]:
        """The records the ministry's figure does not count: (bucket, count), in the order of REST."""
        return tuple((name, getattr(self, name)) for name in REST)


def as_ministry_counted(p: Partnership) -> bool:
    """Whether the ministry's December 2018 figure would count p: a province's signed sister or friendship tie."""
    return (
        p.thai_party.level is ThaiLevel.PROVINCE
        and p.type in MINISTRY_TYPES
        and p.claim is Claim.SIGNED
        and p.evidence is not Evidence.LIST_ONLY
        and p.verification is not Verification.DISPUTED
        and p.signed is not None
        and p.signed.latest() < MINISTRY_DATE
    )


def bucket(p: Partnership) -> str:
    """Which count p falls in: 'counted' or one of REST."""
    if as_ministry_counted(p):
        return "counted"
    if p.thai_party.level is not ThaiLevel.PROVINCE:
        return "local"
    if p.claim is not Claim.SIGNED:
        return str(p.claim.value)
    if p.type not in MINISTRY_TYPES:
        return "signed_other"
    return "signed_later" if p.signed is not None else "signed_undated"


def coverage(partnerships: Iterable[Partnership]) -> Coverage:
    """The directory's records counted as the ministry counted, then the rest by claim."""
    counts = dict.fromkeys(("counted", *REST), 0)
    provinces: set[str] = set()
    total = 0
    for p in partnerships:
        name = bucket(p)
        counts[name] += 1
        total += 1
        if name == "counted":
            provinces.add(p.thai_party.province.code)
    return Coverage(total=total, provinces=len(provinces), **counts)
