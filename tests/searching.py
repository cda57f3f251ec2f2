"""The search query table and a way to run it through the real search page, for tests and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from browsing import ARGS, CHROMIUM
from playwright.sync_api import Browser, Page, Playwright

from generator.aliases import KINDS, aliases
from generator.facets import region_names
from generator.model import Region
from generator.normalize import compact, loose, normalize, within_one_edit
from generator.packaged import packaged_yaml
from generator.refdata import load_refdata
from generator.search_terms import UNSPACED_RUN, encode

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search_queries.yaml"
# The English search page's table (en/search/), read the same way.
QUERIES_EN = QUERIES.with_name("search_queries_en.yaml")
TOP = 5


@dataclass(frozen=True)
class Query:
    """One row of the table: what is typed, and words one of the top results' title or URL must contain."""

    q: str
    expect: tuple[tuple[str, ...], ...]
    why: str


@dataclass(frozen=True)
class Hit:
    """One listed result, as the reader sees it."""

    title: str
    url: str

    def matches(self, words: tuple[str, ...]) -> bool:
        """Whether the title or the URL contains every word (case-insensitive)."""
        return all(w.lower() in self.title.lower() or w.lower() in self.url.lower() for w in words)


def load_queries(table: Path = QUERIES) -> list[Query]:
    """The table in tests/fixtures/search_queries.yaml, or another in its form."""
    rows = yaml.safe_load(table.read_text(encoding="utf-8"))
    return [Query(r["q"], tuple(tuple(words) for words in r["expect"]), r["why"]) for r in rows]


def found(query: Query, hits: list[Hit]) -> bool:
    """Whether one of the top results satisfies one of the query's alternatives."""
    return any(hit.matches(words) for hit in hits[:TOP] for words in query.expect)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "") -> Iterator[str]:
    """Serve a built site on 127.0.0.1, optionally under a sub-path, and yield its base URL."""
    root = site.parent if prefix else site
    if prefix:
        assert site.name == prefix, "to serve under a sub-path the site folder must carry its name"
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, never a downloaded one."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium fonts-thai-tlwg"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def wait_for_results(page: Page) -> None:
    """Wait until the search page has listed the results of the current query."""
    page.wait_for_selector(".sc-search-results[aria-busy=false]", state="attached")


def open_search(page: Page, base_url: str, q: str) -> None:
    """Load search/?q=… cold and wait for its results."""
    page.goto(f"{base_url}search/?q={quote(q)}")
    wait_for_results(page)


def hits(page: Page) -> list[Hit]:
    """The listed results: link text and absolute URL."""
    links = page.locator(".sc-search-results > li > a")
    return [Hit(links.nth(i).inner_text(), str(links.nth(i).evaluate("a => a.href"))) for i in range(links.count())]


def ask(page: Page, q: str) -> list[Hit]:
    """Type a query into the search page's box, submit it and return what is listed."""
    box = page.get_by_role("searchbox")
    box.fill(q)
    box.press("Enter")
    page.wait_for_function(
        "q => new URL(location.href).searchParams.get('q') === q"
        " && document.querySelector('.sc-search-results').getAttribute('aria-busy') === 'false'",
        arg=q,
    )
    return hits(page)


def word_parts(page: Page) -> Callable[[str], list[str]]:
    """The words the browser of a page cuts a Thai word into (Intl.Segmenter, as search.js cuts a query)."""

    def parts(word: str) -> list[str]:
        cut: list[str] = page.evaluate(
            "w => [...new Intl.Segmenter('th', {granularity: 'word'}).segment(w)]"
            ".filter(s => s.isWordLike).map(s => s.segment)",
            word,
        )
        return cut

    return parts


# Whether a listed page holds the words of the query, as the search page reads them (search.js, partnerships.js).

TAIL_CHARS = 12
BODY = re.compile(r"<div data-pagefind-body>(.*)", re.DOTALL)
# A partnership's page is not indexed: its own text is its record, without the site's navigation.
RECORD = re.compile(r'<article class="sc-partnership">(.*?)</article>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# The words the search drops when others are typed, as the browser reads them.
# A word in Latin letters matched without spaces from the start of a word only (partnerships.js, holdsTerm).
LATIN_START = re.compile("[a-z0-9]")
GENERIC = {compact(g) for g in packaged_yaml("data", "generic_words.yaml")}


def _without(words: list[str], generic: set[str]) -> list[str]:
    """The words left when runs of words that read as a generic word are taken out, longest run first."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        span = next((n for n in range(len(words) - i, 0, -1) if compact("".join(words[i : i + n])) in generic), 0)
        kept += [] if span else [words[i]]
        i += span or 1
    return kept


def page_text(site: Path, url: str) -> str:
    """The indexed part of a built page (what Pagefind reads, extra words included) in normal form."""
    path = site / urlsplit(url).path.lstrip("/") / "index.html"
    html = path.read_text(encoding="utf-8")
    body = BODY.search(html) or RECORD.search(html)
    return normalize(unescape(TAG.sub(" ", body.group(1) if body else html)))


def place_names() -> dict[str, tuple[str, ...]]:
    """Compact name of a province, a country or a region (with its other names) -> all its names."""
    ref = load_refdata()
    other = {kind: aliases(kind) for kind in KINDS}
    found: dict[str, tuple[str, ...]] = {}
    for p in ref.provinces.values():
        names = (p.name_th, p.name_en, *other["province"].get(p.code, ()))
        for name in (*names, "จังหวัด" + p.name_th):
            found[compact(name)] = names
    for c in ref.countries.values():
        names = (c.name_th, c.name_en, *other["country"].get(c.code, ()))
        for name in names:
            found[compact(name)] = names
    for region in Region:
        names = region_names(region)
        for name in names:
            found[compact(name)] = names
    return found


def holds(text: str, word: str) -> bool:
    """Whether normal page text holds a word: as it is, without spaces (in Latin letters, from the start of a
    word: "map" is not in "Saitama Prefecture"), or as the code of its tails."""
    form = normalize(word)
    whole = compact(form)
    if form in text or (whole and not LATIN_START.match(whole) and whole in text.replace(" ", "")):
        return True
    if whole and LATIN_START.match(whole) and re.search(r"(?<![a-z0-9])" + r"\s?".join(map(re.escape, whole)), text):
        return True
    coded = UNSPACED_RUN.sub(lambda m: encode(m.group()[:TAIL_CHARS]), form)
    return coded != form and coded in text


def nearly(title: str, word: str) -> bool:
    """Whether a title holds the word with one letter off (loose forms, words of four letters or more)."""
    haystack, form = loose(title), loose(word)
    if form in haystack:
        return True
    n = len(form)
    return n >= 4 and any(
        within_one_edit(form, haystack[i : i + k]) for i in range(len(haystack)) for k in (n - 1, n, n + 1)
    )


def lacking(
    site: Path,
    hit: Hit,
    q: str,
    parts: Callable[[str], list[str]],
    stems: Callable[[list[str]], list[str]] | None = None,
) -> list[str]:
    """The words of q that a listed page does not hold, after normalisation: a generic word is not needed when
    others are typed, a place is held by any of its names, a year of signing by its number in either era, a word in
    Thai by its parts (parts: the browser's word cutting), a word of a title one letter off by that title (a
    partnership's: by its names on its page), an English word by one of the same stem (stems: the search page's
    stemmer; English pages)."""
    text = page_text(site, hit.url)
    named = text if "/partnerships/" in hit.url else hit.title
    places = place_names()

    def missing_of(typed: list[str], cut: bool) -> list[str]:
        words = _without(typed, GENERIC) or typed
        missing: list[str] = []
        i = 0
        while i < len(words):
            span = next((n for n in range(len(words) - i, 0, -1) if named_by(words[i : i + n], places)), 0)
            if span:
                if not any(holds(text, name) for name in named_by(words[i : i + span], places)):
                    missing.append(" ".join(words[i : i + span]))
                i += span
                continue
            word = words[i]
            # A word not held may be held by its parts, read as a query of their own (清迈姐妹城市: a place and a
            # generic word), as the search page reads the words it cuts.
            pieces = [] if cut else [normalize(p) for p in parts(word)]
            if not (
                holds(text, word)
                or nearly(named, word)
                or (len(pieces) > 1 and not missing_of(pieces, True))
                or (stems is not None and same_stem(text, word, stems))
            ):
                missing.append(word)
            i += 1
        return missing

    return missing_of(normalize(q).split(), False)


# A year of signing as the search reads it (query.js, YEAR), in compact form: four digits after words saying so.
YEAR = re.compile(r"(?:ลงนาม|signed)?(?:เมื่อ|in)?(?:ปี|year)?(?:พศ|คศ|ad|ce|be)?([0-9]{4})")
BE_OFFSET = 543


def named_by(words: list[str], places: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The names of the place or the year of signing that words name (a year by its numbers in both eras)."""
    form = compact("".join(words))
    year = YEAR.fullmatch(form)
    number = int(year.group(1)) if year else 0
    if 1900 <= number < 2800:
        ce = number - BE_OFFSET if number >= 1900 + BE_OFFSET else number
        return (str(ce), str(ce + BE_OFFSET))
    return places.get(form, ())


def word_stems(page: Page, base_url: str) -> Callable[[list[str]], list[str]]:
    """The English stems of words, by the stemmer the search page uses (content/assets/javascripts/vendor/)."""
    script = base_url + "assets/javascripts/vendor/stemmer.js"

    def stems(words: list[str]) -> list[str]:
        found: list[str] = page.evaluate(
            "async ([url, words]) => { const { stemmer } = await import(url); return words.map(stemmer); }",
            [script, words],
        )
        return found

    return stems


def same_stem(text: str, word: str, stems: Callable[[list[str]], list[str]]) -> bool:
    """Whether normal page text holds an English word of the same stem as word ("benefit" for "benefits")."""
    if not re.fullmatch("[a-z]+", word):
        return False
    candidates = sorted(set(re.findall(r"(?<![a-z])" + word[:3] + "[a-z]*", text)))
    found = stems([word, *candidates])
    return found[0] in found[1:]
