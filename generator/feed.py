"""The Atom feed of changes: new partnerships by signing date and status changes, newest first."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import jinja2

from generator.collate import Directory
from generator.model import Activity, ActivityKind, Claim, PartialDate, Partnership
from generator.render import env_edition, partnership_url

FEED_PATH = "feed.xml"
FEED_LIMIT = 50
# The ministry that runs the programme, on the date of the news item that started this project. Entry ids
# are built on it and must never change, or every feed reader shows every entry again.
TAG_AUTHORITY = "moi.go.th,2018-12-19"
# Events are dated in Thailand; a date without a time is midnight there.
TIME_OF_DAY = "T00:00:00+07:00"


@dataclass(frozen=True)
class Event:
    """One dated change in a partnership's life that a feed reader should hear about."""

    kind: str
    key: str
    date: PartialDate
    partnership: Partnership
    activity: Activity | None = None

    @property
    def id(self) -> str:
        """A stable tag: URI from the partnership id and the event."""
        return f"tag:{TAG_AUTHORITY}:partnership/{self.partnership.id}/{self.key}"

    @property
    def updated(self) -> str:
        """RFC 3339 timestamp of the event; a year or a month alone counts from its first day."""
        return timestamp(self.date)

    @property
    def url(self) -> str:
        """Site URL of the partnership's page."""
        return partnership_url(self.partnership)


def timestamp(date: PartialDate) -> str:
    """The date as an Atom timestamp at midnight in Thailand."""
    return date.earliest().isoformat() + TIME_OF_DAY


def partnership_events(p: Partnership) -> Iterator[Event]:
    """The signing, each recorded status change, and the current status when it began on its own date.

    A signing date that only an unconfirmed source gives (a compiled list, sources in dispute) is no news of a
    signing: it is left out.
    """
    if p.signed is not None and p.claim is not Claim.UNCONFIRMED:
        yield Event("signed", "signed", p.signed, p)
    changes = [a for a in p.activities if a.kind is ActivityKind.STATUS_CHANGE]
    seen: dict[str, int] = {}
    for activity in changes:
        day = activity.date.iso()
        seen[day] = seen.get(day, 0) + 1
        yield Event("status_change", f"status-change/{day}/{seen[day]}", activity.date, p, activity)
    since = p.status_since
    if since is not None and since != p.signed and all(a.date != since for a in changes):
        yield Event("status", f"status/{p.status.value}/{since.iso()}", since, p)


def latest_events(partnerships: Iterable[Partnership], limit: int = FEED_LIMIT) -> list[Event]:
    """The newest events across all partnerships, newest first, in a stable order."""
    events = (e for p in partnerships for e in partnership_events(p))
    # As sorted(..., reverse=True)[:limit], without sorting them all.
    return heapq.nlargest(limit, events, key=lambda e: (e.date.sort_key(), e.partnership.id, e.key))


def linker(site_url: str | None) -> Callable[[str], str]:
    """Site URL → link: absolute under site_url when set, else relative to the feed at the site's root."""
    if not site_url:
        return lambda rel: rel
    base = site_url if site_url.endswith("/") else site_url + "/"
    return lambda rel: urljoin(base, rel)


def atom_feed(directory: Directory, env: jinja2.Environment, site_url: str | None) -> bytes:
    """feed.xml: the latest events as an Atom feed, rendered by an autoescaping template."""
    entries = latest_events(directory.partnerships)
    # The main edition's feed keeps the id it always had; another edition's is its own feed.
    folder = env_edition(env).folder
    updated = entries[0].updated if entries else directory.settings.build_date.isoformat() + TIME_OF_DAY
    text = env.get_template("feed.xml.j2").render(
        entries=entries,
        updated=updated,
        feed_id=f"tag:{TAG_AUTHORITY}:feed" + (f":{folder}" if folder else ""),
        href=linker(site_url),
    )
    return text.encode("utf-8")
