"""The handbook PDF's appendix of sources: each chapter's source list cut from its end and gathered into one list.

On the website every chapter ends with its own source list (a `## แหล่งที่มา` section of labelled links such
as `[S5] <https://…>`). On paper those lists would fill pages with addresses between the chapters, so the
print document keeps the short labels in the text and lists every label once, with its full address, at the end.
The input is the chapter HTML that MkDocs rendered from our own content (already relinked for print).
"""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

# A chapter section: a second-level heading and everything up to the next first- or second-level heading.
SECTION = re.compile(r"<h2\b[^>]*>(.*?)</h2>(.*?)(?=<h[12]\b|\Z)", re.DOTALL)
# Python-Markdown's permalink after a heading's text (toc: permalink: true).
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# A source list exactly as Python-Markdown writes one: list items without nested lists.
SIMPLE_LIST = re.compile(r"\s*<ul>\s*(?:<li>(?:(?!</?li>|<ul>|<ol>).)*</li>\s*)+</ul>\s*", re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
# An item: an optional label in square brackets, then an optional autolink (the address as its own text).
LABEL = re.compile(r"\s*\[([^\]<>]+)\]\s*")
AUTOLINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')
# Runs of percent-escaped bytes outside ASCII: the UTF-8 of a word in Thai (or another script) in an address.
ESCAPED_RUN = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")
NATURAL = re.compile(r"(\D*)(\d+)$")


@dataclass(frozen=True)
class Source:
    """One entry of the appendix: a label, the address it stands for (shown readably), and what the chapters say."""

    label: str
    href: str | None
    shown: str | None
    notes: tuple[Markup, ...] = field(default=())
    # The chapters citing it, when its label stands for another address in another chapter.
    chapters: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Cut:
    """A chapter body without its source list, and the list's items (None when it is not a simple list)."""

    body: Markup
    items: tuple[Markup, ...] | None
    section: Markup | None


def cut_sources(body: str, heading: str) -> Cut:
    """Split the source section (the second-level heading whose text is heading) from a chapter's HTML.

    A section that is one list of links loses the list, and what follows it (the review dates) stays; any
    other section moves whole."""
    body = str(body)
    for match in SECTION.finditer(body):
        if _text(match.group(1)) == heading:
            section = match.group(2)
            listed = SIMPLE_LIST.match(section)
            kept = section[listed.end() :] if listed else ""
            rest = Markup(body[: match.start()] + kept + body[match.end() :])  # MkDocs output of our own content
            if listed:
                return Cut(rest, tuple(Markup(item) for item in ITEM.findall(listed.group(0))), None)
            return Cut(rest, None, Markup(section))
    return Cut(Markup(body), (), None)


def _text(fragment: str) -> str:
    """A heading's text: without its permalink and tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub("", PERMALINK.sub("", fragment))).split())


def gather(items: Iterable[tuple[str, str]]) -> list[Source]:
    """One entry per label and address, in label order (S2 before S10), from (chapter title, item HTML) pairs.

    Each entry keeps the notes of every chapter, once each. An item without an address is an entry of its own,
    its text kept as the note. Labels other than [S..] belong to their chapter: where one label stands for two
    addresses, its entries name the chapters that cite them."""
    notes: dict[tuple[str, str], list[Markup]] = {}
    links: dict[tuple[str, str], str | None] = {}
    cited: dict[tuple[str, str], list[str]] = {}
    for chapter, item in items:
        label, href, note = _parts(item)
        key = (label, href or note)
        links[key] = href
        kept = notes.setdefault(key, [])
        if note and note not in kept:
            kept.append(Markup(note))  # MkDocs output of our own content
        if chapter not in cited.setdefault(key, []):
            cited[key].append(chapter)
    shared = Counter(label for label, _ in notes)
    entries = [
        Source(
            label,
            links[(label, key)],
            _shown(links[(label, key)]),
            tuple(kept),
            tuple(cited[(label, key)]) if label and shared[label] > 1 else (),
        )
        for (label, key), kept in notes.items()
    ]
    return sorted(entries, key=lambda s: (_label_order(s.label), s.href or "", [str(n) for n in s.notes]))


def _shown(href: str | None) -> str | None:
    return readable(href) if href else None


def _parts(item: str) -> tuple[str, str | None, str]:
    """An item's label ('' without one), its autolinked address (None without one) and the rest, stripped."""
    label = LABEL.match(item)
    rest = item[label.end() :] if label else item
    link = AUTOLINK.match(rest)
    if link and html.unescape(link.group(2)) == html.unescape(link.group(1)):
        return (label.group(1) if label else "", html.unescape(link.group(1)), rest[link.end() :].strip())
    return (label.group(1) if label else "", None, rest.strip())


def _label_order(label: str) -> tuple[int, str, int]:
    """Labels with a number sort by prefix then number; unlabelled entries come last."""
    if not label:
        return (2, "", 0)
    number = NATURAL.match(label)
    return (0, number.group(1), int(number.group(2))) if number else (1, label, 0)


def readable(url: str) -> str:
    """An address as a reader can type it: escaped UTF-8 words and IDNA host names shown in their script.

    Only what decodes to printable characters of a single script is decoded; ASCII escapes such as %2F stay,
    since decoding them could change the address.
    """
    parts = urllib.parse.urlsplit(url)
    host = ".".join(_host_label(label) for label in parts.netloc.split("."))
    rest = ESCAPED_RUN.sub(_decoded_run, url[len(f"{parts.scheme}://{parts.netloc}") :])
    return f"{parts.scheme}://{host}{rest}" if parts.scheme and parts.netloc else ESCAPED_RUN.sub(_decoded_run, url)


def _decoded_run(match: re.Match[str]) -> str:
    try:
        text = urllib.parse.unquote(match.group(0), errors="strict")
    except UnicodeDecodeError:
        return match.group(0)
    return text if _one_script(text) else match.group(0)


def _host_label(label: str) -> str:
    if not label.lower().startswith("xn--"):
        return label
    try:
        text = label.encode("ascii").decode("idna")
    except UnicodeError:
        return label
    return text if _one_script(text) else label


def _one_script(text: str) -> bool:
    """Printable letters of one script (by the first word of their Unicode names), marks and digits allowed."""
    scripts = set()
    for char in text:
        kind = unicodedata.category(char)
        if kind[0] in "CZ" or (char.isascii() and not char.isalnum() and char != "-"):
            return False
        if kind[0] == "L":
            scripts.add(unicodedata.name(char, "?").split()[0])
    return len(scripts) <= 1
