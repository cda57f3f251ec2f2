"""Derived monitoring state, computed at build time and never written back to the data.

A partnership that reads as formed (signed, a letter of intent, or recorded meetings) and is marked active
with no sign of life for longer than the threshold gets one of two alerts: nothing recorded after the signing
at all ("no activity recorded": the directory may only lack the news), or recorded activity that stopped
("activity stopped"). One past its expiry date is "expired"; a record or chapter past its review-by date is
overdue for review.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from generator.model import ActivityKind, Claim, PartialDate, Partnership, Status


@dataclass(frozen=True)
class Settings:
    """The one place for monitoring settings; the CLI can override each."""

    build_date: datetime.date
    dormant_after_years: int = 3
    # The last day an input may be dated (a signing, a chapter's review): the build date unless set. Tests that
    # build today's handbook for a fixed past build date set it to today, so a chapter reviewed today is valid.
    dated_until: datetime.date | None = None

    @property
    def latest_date(self) -> datetime.date:
        """The last day an input may be dated."""
        return self.dated_until or self.build_date


class Alert(enum.Enum):
    """Something a reader or the ministry should look at."""

    NO_ACTIVITY_RECORDED = "no_activity_recorded"
    ACTIVITY_STOPPED = "activity_stopped"
    EXPIRED = "expired"


# Claims that say a tie was formed: only such a tie can have gone quiet; an unconfirmed tie or one still in
# talks is not dormant, it is not known to exist yet.
FORMED_CLAIMS = frozenset({Claim.SIGNED, Claim.LETTER_OF_INTENT, Claim.MEETINGS})


@dataclass(frozen=True)
class Health:
    """What the build date says about one partnership."""

    last_activity: PartialDate | None
    alerts: tuple[Alert, ...]
    review_overdue: bool
    idle_years: int | None = None
    """Whole years from the last sign of life (its latest possible day) to the build date; None without one."""


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day years later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def signs_of_life(p: Partnership) -> list[PartialDate]:
    """Every recorded activity, the signing and a renewal; a signing only an unconfirmed source gives is none."""
    signed = p.signed if p.claim is not Claim.UNCONFIRMED else None
    return [a.date for a in p.activities] + [d for d in (signed, p.renewed) if d is not None]


def last_activity(p: Partnership) -> PartialDate | None:
    """The latest recorded sign of life: an activity, the signing or a renewal."""
    return max(signs_of_life(p), default=None)


def last_day(p: Partnership) -> datetime.date | None:
    """The latest day any sign of life can mean: 2023 outlasts 2023-09, though 2023-09 sorts after it."""
    return max((d.latest() for d in signs_of_life(p)), default=None)


def recorded_activity(p: Partnership) -> PartialDate | None:
    """The latest sign of life after the signing: an activity other than the signing itself, or a renewal."""
    dates = [a.date for a in p.activities if a.kind is not ActivityKind.SIGNING]
    return max(dates + ([p.renewed] if p.renewed is not None else []), default=None)


def whole_years(since: datetime.date, until: datetime.date) -> int:
    """Whole years from since to until: 2020-05-01 to 2023-04-30 is two."""
    return max(0, until.year - since.year - ((until.month, until.day) < (since.month, since.day)))


def quiet_alert(p: Partnership, last: datetime.date | None, settings: Settings) -> Alert | None:
    """Which of the two dormancy alerts applies to a formed, active tie with no sign of life for too long."""
    if p.status is not Status.ACTIVE or p.claim not in FORMED_CLAIMS:
        return None
    if last is not None and settings.build_date <= add_years(last, settings.dormant_after_years):
        return None
    return Alert.ACTIVITY_STOPPED if recorded_activity(p) is not None else Alert.NO_ACTIVITY_RECORDED


def health(p: Partnership, settings: Settings) -> Health:
    """Alerts for one partnership as of the build date."""
    last, day = last_activity(p), last_day(p)
    quiet = quiet_alert(p, day, settings)
    alerts: list[Alert] = [quiet] if quiet is not None else []
    if p.expires is not None and p.expires < settings.build_date and p.status is not Status.ENDED:
        alerts.append(Alert.EXPIRED)
    overdue = p.review_by is not None and p.review_by < settings.build_date
    idle = whole_years(day, settings.build_date) if day is not None else None
    return Health(last, tuple(alerts), overdue, idle)
