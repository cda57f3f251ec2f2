"""The English edition's search page (en/search/) on the bundled data, in a real Chromium.

It is the Thai search page's template with English strings: it reads the English index of the shared Pagefind
bundle (pagefind/, one index per language, chosen by the page's <html lang>) and the shared partnership data
(directory/data/), and links partnerships to their English pages. The query table is
tests/fixtures/search_queries_en.yaml.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page
from searching import (
    QUERIES_EN,
    Hit,
    Query,
    ask,
    found,
    hits,
    lacking,
    load_queries,
    open_search,
    serve,
    word_parts,
    word_stems,
)

QUERIES = load_queries(QUERIES_EN)
EN = "en/"
# Queries whose listed pages are checked for their words beyond the table: words no page is about.
UNRELATED = ["zqxzqx", "Berlin", "visa", "committe", "map", "feed"]


def test_the_english_table_is_of_english_pages() -> None:
    """Every expected page is one of the English edition's, so a Thai page found instead never counts."""
    assert len(QUERIES) >= 40
    assert [q.q for q in QUERIES if not all(words[0].startswith(EN) for words in q.expect)] == []


def test_every_edition_carries_the_site_scripts_and_stylesheet(bundled_site: Path) -> None:
    """The English pages load the search page's script, the directory's and the site's stylesheet from en/assets/."""
    assets = ROOT / "content" / "assets"
    files = [p.relative_to(assets).as_posix() for p in assets.rglob("*") if p.is_file()]
    assert "javascripts/search.js" in files
    for rel in files:
        assert (bundled_site / EN / "assets" / rel).read_bytes() == (assets / rel).read_bytes(), rel
    html = (bundled_site / EN / "search" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert 'src="../assets/javascripts/search.js"' in html


def test_the_bundle_holds_an_index_per_language(bundled_site: Path) -> None:
    metas = sorted(p.name.split("_")[0] for p in (bundled_site / "pagefind").glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.en", "pagefind.th"]


def test_the_vendored_stemmer_is_the_pinned_package_unchanged() -> None:
    # content/assets/javascripts/vendor/stemmer.js: a header naming the package, then its index.js as published.
    vendored = (ROOT / "content" / "assets" / "javascripts" / "vendor" / "stemmer.js").read_text(encoding="utf-8")
    package = ROOT / "node_modules" / "stemmer"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["stemmer"]
    header, _, code = vendored.partition("\n\n")
    assert version == pinned and f"stemmer {pinned} " in header
    assert code == (package / "index.js").read_text(encoding="utf-8")
    assert (package / "license").read_bytes() == (
        ROOT / "content/assets/javascripts/vendor/stemmer.LICENSE"
    ).read_bytes()


@pytest.fixture(scope="module")
def base_url(bundled_site: Path) -> Iterator[str]:
    with serve(bundled_site) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url + EN, "")
    yield page
    context.close()


@pytest.fixture(scope="module")
def answers(search_page: Page) -> dict[str, list[Hit]]:
    """What the English search page lists for every query of the table and UNRELATED, each asked once."""
    return {q: ask(search_page, q) for q in dict.fromkeys([*(query.q for query in QUERIES), *UNRELATED])}


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[q.q for q in QUERIES])
def test_query_finds_its_page_in_the_top_5(answers: dict[str, list[Hit]], base_url: str, query: Query) -> None:
    listed = answers[query.q]
    shown = [(hit.title, hit.url.removeprefix(base_url)) for hit in listed[:5]]
    assert found(query, listed), f"{query.q} ({query.why}): {shown}"


@pytest.mark.browser
def test_hit_at_5_is_at_least_95_percent(answers: dict[str, list[Hit]]) -> None:
    """The figure in the README (Figures, Search): the share of the English table found in the top 5."""
    hits = sum(found(query, answers[query.q]) for query in QUERIES)
    print(f"English hit@5: {hits} of {len(QUERIES)} ({hits / len(QUERIES):.1%})")
    assert len(QUERIES) >= 40
    assert hits / len(QUERIES) >= 0.95


@pytest.mark.browser
def test_no_page_or_partnership_is_listed_for_words_it_does_not_hold(
    answers: dict[str, list[Hit]], search_page: Page, bundled_site: Path, base_url: str
) -> None:
    parts, stems = word_parts(search_page), word_stems(search_page, base_url)
    wrong = {
        (q, hit.url.removeprefix(base_url), tuple(missing))
        for q, listed in answers.items()
        for hit in listed
        if (missing := lacking(bundled_site, hit, q, parts, stems))
    }
    assert wrong == set()
    assert answers["zqxzqx"] == []


@pytest.mark.browser
def test_every_result_is_an_english_page(answers: dict[str, list[Hit]], base_url: str) -> None:
    assert {hit.url for listed in answers.values() for hit in listed if not hit.url.startswith(base_url + EN)} == set()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("q", "first"),
    [
        # A province's or a country's page is ranked by its names in every language, as its title is: before the
        # partnerships in that province or country, though its English title does not hold the Thai name.
        ("จีน", "countries/cn/"),
        ("เชียงใหม่", "provinces/chiang-mai/"),
        ("Krung Thep", "provinces/bangkok/"),
        ("Korat", "provinces/nakhon-ratchasima/"),
    ],
)
@pytest.mark.parametrize("edition", ["", EN], ids=["th", "en"])
def test_a_page_named_so_in_any_language_comes_first(
    browser: Browser, base_url: str, edition: str, q: str, first: str
) -> None:
    page = browser.new_page()
    open_search(page, base_url + edition, q)
    listed = [hit.url.removeprefix(base_url) for hit in hits(page)]
    page.close()
    assert listed[0] == edition + first


@pytest.mark.browser
@pytest.mark.parametrize(
    ("q", "top"),
    [
        # No page says "template": the model letter is found by the other words.
        ("letter of intent template", "en/forms/letter-of-intent/"),
        # No partnership is with both: those with Kunming are listed.
        ("Kunming Tokyo", "en/partnerships/chiang-mai-kunming/"),
    ],
)
def test_when_nothing_holds_every_word_results_hold_some_and_say_so(
    search_page: Page, bundled_site: Path, base_url: str, q: str, top: str
) -> None:
    listed = ask(search_page, q)
    status = search_page.locator(".sc-search-status").inner_text()
    counted = re.fullmatch(
        f"Nothing holds every word of “{re.escape(q)}”: ([0-9,]+) results that hold some of them", status
    )
    assert counted and int(counted.group(1).replace(",", "")) >= len(listed) > 0, status
    assert top in [hit.url.removeprefix(base_url) for hit in listed[:5]]
    # Each result holds at least one of the words.
    parts, stems = word_parts(search_page), word_stems(search_page, base_url)
    assert [hit.url for hit in listed if len(lacking(bundled_site, hit, q, parts, stems)) == len(q.split())] == []


@pytest.mark.browser
def test_when_no_word_finds_anything_the_page_says_so(search_page: Page) -> None:
    assert ask(search_page, "zqxzqx qxqxqx") == []
    assert (
        search_page.locator(".sc-search-status").inner_text()
        == "No page matches “zqxzqx qxqxqx”. Try other words, or browse the directory."
    )
