"""Extra words for the search index, so that a name or a word inside a longer Thai word is found.

Thai, Lao, Khmer, Burmese and CJK run words together. Pagefind cuts such runs into words with one segmenter
when it indexes (charabia) and the browser cuts queries with another (ICU); they disagree on names
("คุนหมิง" is คุ|นห|มิง to the browser) and keep compounds whole ("สัมพันธ์" inside "ความสัมพันธ์" is never
a word). So each indexed page also carries tails of its runs, starting at every word: in Thai where PyThaiNLP
finds a word with its bundled dictionary (offline, nothing downloaded), in the other scripts at every letter.
Tails are cut to TAIL_CHARS and written in an ASCII code (`encode`) that no segmenter splits and that keeps
prefixes; search.js codes a query the same way, and Pagefind matches it as the start of a tail. A query
longer than a tail matches the tail that is its longest prefix.

Two steps, so that the build's own process never loads the dictionary (about 77 MB):
- rendering puts a page's words to index in its front matter, each unspaced run whole (`search_terms`,
  `with_search_terms`); templates/overrides/main.html writes them into a hidden block of the page;
- indexing runs this module as a short-lived worker (`python -m generator.search_terms SITE_DIR`, started by
  generator/search.py) that replaces every run in those blocks with its coded tails, just before Pagefind.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from generator.chapters import FRONT_MATTER
from generator.normalize import compact, normalize

TAIL_CHARS = 12
THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Hangul, kana, CJK ideographs).
# The same ranges are in content/assets/javascripts/search.js.
UNSPACED_RUN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff]+")
UNSPACED_SPLIT = re.compile(f"({UNSPACED_RUN.pattern})")
MARK = "qx"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Both halves of a split compound are at least this long: ความ|สัมพันธ์, คณะ|รัฐมนตรี, not ระ|ดับ.
MIN_PART = 3
# The hidden block of extra words that main.html writes on indexed pages; the title's words are in its span.
BLOCK = re.compile(r'(<div class="sc-search-terms"[^>]*>)(.*?)(</div>)', re.DOTALL)
TITLE_SPAN = re.compile(r"(<span data-pagefind-weight=\"7\">)(.*?)(</span>)", re.DOTALL)
BLOCK_START = b'<div class="sc-search-terms"'
# What main.html wraps the content of an indexed page in.
INDEXED = b"<div data-pagefind-body>"
# The classes of elements Pagefind is told to leave out (generator/search.py): the ¶ of heading permalinks is no
# part of a title, and wording for the printed handbook only is hidden on screen.
EXCLUDED_CLASSES = ("headerlink", "sc-print-only")
# What Pagefind leaves out of a page's indexed text: the block of extra words (which is added to the index
# coded), the classes above, what is marked data-pagefind-ignore, and elements it never indexes.
SKIPPED_CLASSES = frozenset({"sc-search-terms", *EXCLUDED_CLASSES})
SKIPPED_TAGS = frozenset({"script", "style", "template", "svg", "form", "noscript"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


# Rendering: the words to index, without the dictionary.


def search_terms(names: Iterable[str]) -> list[str]:
    """A page's words to index from names: the names' words in spaced scripts, then their unspaced runs, each once.

    A spaced name is followed by its normal form and by that form without spaces when they differ
    (generator/normalize.py), so that "Da Nang" is also found as typed "Danang", "Đà Nẵng" as "da nang".
    """
    given = list(names)
    spaced = [" ".join(UNSPACED_RUN.sub(" ", name).split()) for name in given]
    forms = [form for name in spaced if name for form in (name, normalize(name), compact(name))]
    return list(dict.fromkeys([*forms, *runs(given)]))


def runs(texts: Iterable[str]) -> list[str]:
    """Every run of unspaced script in the texts in normal form (ขอนเเก่น as ขอนแก่น), each once, in order."""
    found = (normalize(match.group()) for text in texts for match in UNSPACED_RUN.finditer(text))
    return list(dict.fromkeys(run for run in found if run))


# Kept for the live preview, which renders every chapter again on each regeneration.
@functools.lru_cache(maxsize=512)
def with_search_terms(page: str, source: str, title: str) -> str:
    """A Markdown page with the unspaced runs of its title and text in its front matter (see main.html)."""
    in_title = runs([title])
    in_text = [run for run in runs([source]) if run not in in_title]
    keyed = (("search_title_terms", in_title), ("search_terms", in_text))
    lines = "".join(f"{key}: {json.dumps(terms)}\n" for key, terms in keyed if terms)
    if not lines:
        return page
    if FRONT_MATTER.match(page):
        return page.replace("---\n", "---\n" + lines, 1)
    return f"---\n{lines}---\n\n{page}"


# Indexing: runs replaced by their coded tails, in the worker.


def encode(run: str) -> str:
    """A run of unspaced script as one ASCII word, prefix-preserving: Thai and Lao letters take 2 symbols."""
    return MARK + "".join(_code(ord(c)) for c in run)


def _code(n: int) -> str:
    if 0x0E00 <= n <= 0x0EFF:
        i = n - 0x0E00
        return DIGITS[i // 36] + DIGITS[i % 36]
    # Other letters of the basic plane: a first symbol of 8 or 9 (never a Thai or Lao one), then three.
    return DIGITS[8 + n // 36**3] + DIGITS[n // 36**2 % 36] + DIGITS[n // 36 % 36] + DIGITS[n % 36]


def coded_tails(texts: Iterable[str]) -> list[str]:
    """The tails of the texts, coded: the words to index."""
    return [encode(tail) for tail in tails(texts)]


def tails(texts: Iterable[str]) -> list[str]:
    """The tails of every unspaced run in the texts, from each word, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for run in runs(texts):
        starts = word_starts(run) if THAI_RUN.fullmatch(run) else letter_starts(run)
        seen.update(dict.fromkeys(run[i : i + TAIL_CHARS] for i in starts))
    return list(seen)


def coded_block(block: str) -> str:
    """The inside of a page's hidden block with each unspaced run replaced by its coded tails, each tail once.

    The title's span comes first, so words of the text that repeat a tail of the title are left out.
    """
    seen: set[str] = set()

    def code_runs(text: str) -> str:
        # Runs hold no character that HTML escapes, so the escaped text is cut as it is.
        words = []
        for part in UNSPACED_SPLIT.split(text):
            if UNSPACED_RUN.fullmatch(part):
                fresh = [code for code in coded_tails([part]) if code not in seen]
                seen.update(fresh)
                words += fresh
            else:
                words += part.split()
        return " ".join(words)

    span = TITLE_SPAN.search(block)
    if span is None:
        return code_runs(block)
    title = span.group(1) + code_runs(span.group(2)) + span.group(3)
    return block[: span.start()] + title + " " + code_runs(block[span.end() :])


def coded_page(page: str) -> str:
    """An HTML page with the runs in its hidden block of extra words coded (see coded_block), and with those of
    the text Pagefind indexes: a word of a generated page's text (a mechanism's member countries, a note) is
    found as a handbook chapter's are, whose text is in its block already (with_search_terms)."""
    own = " ".join(runs([indexed_text(page)]))
    return BLOCK.sub(lambda m: m.group(1) + coded_block(f"{m.group(2)} {own}") + m.group(3), page, count=1)


def indexed_text(page: str) -> str:
    """The text of a page that Pagefind indexes (see SKIPPED_CLASSES), as one string."""
    start = page.find(INDEXED.decode())
    if start < 0:
        return ""
    reader = _IndexedText()
    reader.feed(_without_ignored(page[start:]))
    reader.close()
    return " ".join(reader.parts)


IGNORED_START = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")


def _without_ignored(html: str) -> str:
    """html without the elements marked data-pagefind-ignore, found by their tags alone: a listing's table of a
    hundred rows is skipped at once, not parsed (parsing them took 12 s of the build at 10,000 partnerships)."""
    kept, at = [], 0
    while (start := IGNORED_START.search(html, at)) is not None:
        kept.append(html[at : start.start()])
        depth, at = 1, len(html)
        for tag in re.compile(rf"<(/?){re.escape(start.group(1))}\b[^>]*>").finditer(html, start.end()):
            depth += -1 if tag.group(1) else 1
            if not depth:
                at = tag.end()
                break
    kept.append(html[at:])
    return "".join(kept)


class _IndexedText(HTMLParser):
    """Collects the text inside the element with data-pagefind-body, less what Pagefind leaves out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # How deep inside the indexed element, and inside a left-out element in it (0: not inside).
        self.depth = 0
        self.skipped = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        names = dict(attrs)
        if not self.depth:
            self.depth = 1 if "data-pagefind-body" in names else 0
            return
        self.depth += 1
        classes = set((names.get("class") or "").split())
        if self.skipped or tag in SKIPPED_TAGS or "data-pagefind-ignore" in names or classes & SKIPPED_CLASSES:
            self.skipped += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not self.depth:
            return
        self.depth -= 1
        self.skipped = max(0, self.skipped - 1)

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped:
            self.parts.append(data)


def index_tree(site_dir: Path, tree: Path) -> int:
    """Code the extra words of each indexed page of site_dir and copy it to the same place under tree.

    Pagefind then reads only tree: it reads every page it is given, indexed or not (at 10,000 partnerships,
    23 s and 476 MB for the whole site against 2 s and 82 MB for its indexed pages). Returns the page count.
    """
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        data = path.read_bytes()
        if INDEXED not in data:
            continue
        page = data.decode("utf-8")
        if BLOCK_START in data:
            page = coded_page(page)
            path.write_text(page, encoding="utf-8")
        copy = tree / path.relative_to(site_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(page, encoding="utf-8")
        count += 1
    return count


def _offline() -> None:
    """PyThaiNLP writes a data folder in $HOME and may download corpora unless told not to."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


@functools.cache
def thai_dictionary() -> frozenset[str]:
    """PyThaiNLP's bundled Thai word list."""
    _offline()
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@functools.lru_cache(maxsize=65536)
def word_starts(run: str) -> tuple[int, ...]:
    """Where words start in a Thai run: PyThaiNLP's newmm cuts, and where a dictionary word splits in two.

    newmm keeps a compound such as ความสัมพันธ์ whole; its halves (ความ, สัมพันธ์) are dictionary words too.
    """
    words = thai_dictionary()
    starts: set[int] = set()
    at = 0
    for word in _newmm(run):
        starts.add(at)
        if word in words:
            starts.update(at + cut for cut in range(MIN_PART, len(word) - MIN_PART + 1) if _halves(word, cut, words))
        at += len(word)
    return tuple(sorted(starts))


def letter_starts(run: str) -> range:
    """Every position of a run in a script without a dictionary here, but the last."""
    return range(max(1, len(run) - 1))


def _halves(word: str, cut: int, words: frozenset[str]) -> bool:
    return word[:cut] in words and word[cut:] in words


def _newmm(run: str) -> list[str]:
    _offline()
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(run, engine="newmm", keep_whitespace=False))


def main(argv: list[str]) -> int:
    """The worker: `SITE_DIR TREE`, see index_tree; prints the number of pages to index."""
    site_dir, tree = argv
    print(index_tree(Path(site_dir), Path(tree)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
