"""Derived monitoring state, computed at build time and never written back to the data.

A partnership marked active with no recorded activity for longer than the threshold is
"possibly dormant"; one past its expiry date is "expired"; a record or chapter past its
review-by date is overdue for review.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from generator.model import PartialDate, Partnership, Status


@dataclass(frozen=True)
class Settings:
    """The one place for monitoring settings; the CLI can override each."""

    build_date: datetime.date
    dormant_after_years: int = 3


class Alert(enum.Enum):
    """Something a reader or the ministry should look at."""

    POSSIBLY_DORMANT = "possibly_dormant"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Health:
    """What the build date says about one partnership."""

    last_activity: PartialDate | None
    alerts: tuple[Alert, ...]
    review_overdue: bool


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day years later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_activity(p: Partnership) -> PartialDate | None:
    """The latest recorded sign of life: an activity, the signing or a renewal."""
    dates = [a.date for a in p.activities] + [d for d in (p.signed, p.renewed) if d is not None]
    return max(dates, default=None)


def health(p: Partnership, settings: Settings) -> Health:
    """Alerts for one partnership as of the build date."""
    last = last_activity(p)
    alerts: list[Alert] = []
    if p.status is Status.ACTIVE and (
        last is None or settings.build_date > add_years(last.latest(), settings.dormant_after_years)
    ):
        alerts.append(Alert.POSSIBLY_DORMANT)
    if p.expires is not None and p.expires < settings.build_date and p.status is not Status.ENDED:
        alerts.append(Alert.EXPIRED)
    overdue = p.review_by is not None and p.review_by < settings.build_date
    return Health(last, tuple(alerts), overdue)
