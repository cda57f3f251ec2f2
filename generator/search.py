"""The site search index: Pagefind extended (it segments Thai) run on the built HTML.

Only the handbook and the pages about groups (provinces, countries, statistics, ...) are indexed: they mark
what is indexed with data-pagefind-body and carry extra words for names and for words inside longer Thai
words (templates/overrides/main.html, generator/search_terms.py), which a worker process codes first.
Partnership pages are not indexed: search.js finds partnerships in the directory's data (directory/data/,
generator/pieces.py). The bundle is written to <site>/pagefind/ and read by content/assets/javascripts/search.js
on the search page.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import DataError, Problem
from generator.search_terms import EXCLUDED_CLASSES
from generator.strings import Strings

BUNDLE_DIR = "pagefind"
# The bundle's index of its languages, which pagefind.js reads first.
ENTRY = "pagefind-entry.json"
# A page's record, which pagefind.js loads for each page it offers: gzip of this signature, then JSON.
FRAGMENTS = "fragment"
FRAGMENT_SIGNATURE = b"pagefind_dcd"
# Where a page's extra words start in its indexed text (templates/overrides/main.html).
EXTRA_WORDS_MARK = "⁂"
TIMEOUT_SECONDS = 1800


def pagefind_binary() -> Path:
    """The Pagefind extended binary shipped in the pagefind-bin-extended wheel; the plain one lacks Thai."""
    from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

    return Path(get_executable())


def index_command(binary: Path, pages: Path, site_dir: Path) -> list[str]:
    """The Pagefind command line, every option explicit: the pages to index, bundle in site/pagefind.

    Each page's language is its <html lang>: Pagefind keeps one index per language (Thai, English) in the one
    bundle, and its script loads the index of the page it runs on."""
    return [
        str(binary),
        "--site",
        str(pages),
        "--output-path",
        str(site_dir / BUNDLE_DIR),
        *(option for name in EXCLUDED_CLASSES for option in ("--exclude-selectors", f".{name}")),
        "--quiet",
    ]


def words_command(site_dir: Path, pages: Path) -> list[str]:
    """The worker that codes the extra words and copies the indexed pages (search_terms.index_tree)."""
    return [sys.executable, "-m", "generator.search_terms", str(site_dir), str(pages)]


def index_site(site_dir: Path, strings: Strings) -> None:
    """Index the built site in site_dir into site_dir/pagefind/; raise DataError when a step fails.

    A worker process codes the extra words of the indexed pages and copies those pages into a temporary
    folder (generator/search_terms.py); Pagefind reads only that folder, so it never parses partnership pages.
    """
    try:
        binary = pagefind_binary()
    except (ImportError, FileNotFoundError) as exc:
        raise _error(site_dir, strings.error("search_missing")) from exc
    site = site_dir.resolve()
    # The worker imports this package from where it is, whatever the working folder.
    package_root = str(Path(__file__).resolve().parent.parent)
    pythonpath = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    # Pagefind also reads pagefind.yml from its working folder and PAGEFIND_* variables: neither may steer it.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="pagefind-pages-") as pages:
        _run(words_command(site, Path(pages)), {**env, "PYTHONPATH": pythonpath}, site_dir, strings)
        _run(index_command(binary, Path(pages), site), env, site_dir, strings)
    if not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        raise _error(site_dir, strings.error("search_failed", reason=f"no {BUNDLE_DIR}/pagefind.js"))
    stable_entry(site_dir / BUNDLE_DIR / ENTRY)
    try:
        for fragment in (site_dir / BUNDLE_DIR / FRAGMENTS).glob("*.pf_fragment"):
            fragment.write_bytes(without_extra_words(fragment.read_bytes()))
    except (OSError, ValueError) as exc:
        raise _error(site_dir, strings.error("search_failed", reason=exc)) from exc


def stable_entry(path: Path) -> None:
    """Pagefind's entry file with its languages in one order: Pagefind writes them in the order its threads finish
    (th before en, or en before th), and two builds of the same site must be the same byte for byte."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def without_extra_words(fragment: bytes) -> bytes:
    """A page's record in the bundle without its extra words, which the browser loads but never reads.

    The extra words (coded tails, generator/search_terms.py) are indexed so that Pagefind finds the page; they
    were two thirds of a handbook chapter's record. search.js reads a record's text for the excerpt and to check
    that the page holds every word typed, which its title, names and text before the extra words show. The
    record is written again with the same name (the index refers to it by name) and no time stamp in its gzip
    header, so two builds of the same site stay the same byte for byte. Raises ValueError for a record in
    another format.
    """
    data = gzip.decompress(fragment)
    if not data.startswith(FRAGMENT_SIGNATURE):
        raise ValueError(f"a Pagefind fragment without its signature {FRAGMENT_SIGNATURE!r}")
    record = json.loads(data.removeprefix(FRAGMENT_SIGNATURE))
    content = record.get("content")
    if not isinstance(content, str):
        raise ValueError("a Pagefind fragment without its content")
    if EXTRA_WORDS_MARK not in content:
        return fragment
    record["content"] = content.split(EXTRA_WORDS_MARK, 1)[0].rstrip()
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(FRAGMENT_SIGNATURE + text, compresslevel=9, mtime=0)


def _run(command: list[str], env: dict[str, str], site_dir: Path, strings: Strings) -> None:
    """Run one step in an empty working folder; raise DataError with its message when it fails."""
    try:
        with tempfile.TemporaryDirectory(prefix="pagefind-") as empty:
            result = subprocess.run(
                command, cwd=empty, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _error(site_dir, strings.error("search_failed", reason=exc)) from exc
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip() or f"exit {result.returncode}"
        raise _error(site_dir, strings.error("search_failed", reason=reason))


def _error(site_dir: Path, message: str) -> DataError:
    return DataError([Problem(str(site_dir), 0, "search", message)])
