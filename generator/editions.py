"""The editions of the site, one per language: Thai at the site's root, English under en/.

One pipeline makes both: the language is its parameter (the strings file, content/ or content/en/, the folder of
the built pages). Every edition has the same pages at the same paths under its folder. Files under SHARED are
made once, at the site's root, and the pages of every edition link there: the open data, the handbook PDFs, the
directory's data and the search bundle (which holds one index per language).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """One language's pages: lang names its strings file (generator/strings/<lang>.yaml); folder is where its
    chapters are under content/ and its pages under the site ("" for the root)."""

    lang: str
    folder: str

    @property
    def prefix(self) -> str:
        """The edition's folder as the start of a site URL: "" or "en/"."""
        return f"{self.folder}/" if self.folder else ""


THAI = Edition("th", "")
ENGLISH = Edition("en", "en")
# The first is the main edition: it makes the shared files and its pages are at the site's root.
EDITIONS = (THAI, ENGLISH)
LANGS = tuple(e.lang for e in EDITIONS)
SHARED = ("data/", "downloads/", "directory/data/", "pagefind/")
# A Markdown link [text](target), not an image; the target without spaces or a title.
MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\s]+)\)")


def edition(lang: str) -> Edition:
    """The edition of a language."""
    return next(e for e in EDITIONS if e.lang == lang)


def is_shared(path: str) -> bool:
    """Whether a site path is one of the files every edition shares at the site's root."""
    return path.startswith(SHARED)


def under(site_url: str | None, path: str = "") -> str | None:
    """An address under the site's (site_url with one trailing slash, then path), or None without site_url."""
    return site_url.rstrip("/") + "/" + path if site_url else None


def pdf_path(lang: str) -> str:
    """Where the handbook PDF of a language is, from the site's root: downloads/handbook-th.pdf."""
    return f"downloads/handbook-{lang}.pdf"


def relative(here: str, target: str) -> str:
    """Relative URL from a folder URL like 'a/b/' to a site URL like 'a/c/' or 'a/f.json'."""
    parts = [part for part in here.split("/") if part]
    there = target.split("/")
    common = 0
    while common < min(len(parts), len(there) - 1) and parts[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(parts) - common) + there[common:]) or "./"


def rooted_links(text: str, page: str, url: str, ed: Edition) -> str:
    """A chapter of an edition under a folder, its Markdown links to shared files made links to the site's root.

    page is the chapter's path in the docs tree (contributing.md), url its page's URL (contributing/). MkDocs
    checks every Markdown link against the edition's own files, where the shared files are not: such a link
    becomes an HTML link (its text stays Markdown), which MkDocs leaves alone.
    """
    if not ed.folder:
        return text

    def link(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), match.group(2)))
        if not is_shared(target):
            return match.group(0)
        href = relative(ed.prefix + url, target)
        return f'<a href="{html.escape(href)}">{match.group(1)}</a>'

    return MARKDOWN_LINK.sub(link, text)
