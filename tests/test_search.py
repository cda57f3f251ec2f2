"""Site search: the extra index words, the Pagefind step, and the search page in a real Chromium.

Pagefind indexes the handbook and the pages about groups; the search page finds partnerships in
the directory's data (directory/data/) and ranks both together (content/assets/javascripts/search.js, partnerships.js).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import BASELINE, ROOT, SETTINGS, TODAY, edit, write
from playwright.sync_api import Browser, Dialog, Page, expect
from searching import (
    Hit,
    Query,
    ask,
    found,
    hits,
    lacking,
    load_queries,
    open_search,
    serve,
    wait_for_results,
    word_parts,
    word_stems,
)
from sites import (
    FIXTURE,
    PAYLOAD_IMG,
    PAYLOAD_NAME,
    PAYLOADS,
    build_fixture_site,
    bundled_partnerships,
    directory_data,
)

from generator import build as pipeline
from generator import render, search
from generator.aliases import aliases
from generator.collate import collate
from generator.errors import DataError
from generator.loader import load_partners
from generator.refdata import load_refdata
from generator.search_terms import (
    coded_block,
    coded_page,
    encode,
    index_tree,
    indexed_text,
    search_terms,
    tails,
    with_search_terms,
)
from generator.strings import load_strings
from generator.validate import validate

QUERIES = load_queries()
TEMPLATES = ROOT / "templates" / "pages"
LABEL = "ค้นหาในคู่มือและสมุดรายชื่อ"


def indexed_urls(bundle: Path) -> set[str]:
    """The URL of every page in a Pagefind bundle, read from its fragments (gzip: a signature, then JSON)."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"])
    return urls


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# The extra words: tails of unspaced runs from each word, coded so no segmenter cuts them.


def test_tails_start_at_each_word_and_inside_compounds() -> None:
    text = "ความสัมพันธ์ คณะรัฐมนตรี หนังสือแสดงเจตจำนง คุนหมิง"
    assert tails([text]) == [
        "ความสัมพันธ์",
        "สัมพันธ์",
        "คณะรัฐมนตรี",
        "รัฐมนตรี",
        "หนังสือแสดงเ",
        "แสดงเจตจำนง",
        "เจตจำนง",
        "จำนง",
        "คุนหมิง",
    ]


def test_tails_of_names_in_scripts_without_a_dictionary_start_at_every_letter() -> None:
    assert tails(["ວຽງຈັນ"]) == ["ວຽງຈັນ", "ຽງຈັນ", "ງຈັນ", "ຈັນ", "ັນ"]
    assert tails(["西双版纳 충청북도 Kunming"]) == ["西双版纳", "双版纳", "版纳", "충청북도", "청북도", "북도"]


def test_the_code_is_ascii_and_keeps_prefixes() -> None:
    assert [encode("ก"), encode("ກ"), encode("昆"), encode("충")] == ["qx01", "qx3l", "qx8k5i", "qx94mh"]
    assert encode("ความสัมพันธ์").startswith(encode("ความ"))
    assert encode("คุนหมิง") == "qx041k0p170x1g07"


def test_search_terms_are_spaced_names_then_unspaced_runs_each_once() -> None:
    names = ["จังหวัดเชียงใหม่", "Chiang Mai", "", "เชียงใหม่", "昆明", "Chiang Mai", "Xi'an 西安市"]
    assert search_terms(names) == [
        "Chiang Mai",
        "chiang mai",
        "chiangmai",
        "Xi'an",
        "xian",
        "จังหวัดเชียงใหม่",
        "เชียงใหม่",
        "昆明",
        "西安市",
    ]


def test_search_terms_are_in_normal_form_too() -> None:
    # Typed with เ+เ for แ and with Vietnamese diacritics: indexed as the search page reads a query.
    assert search_terms(["ขอนเเก่น", "Đà Nẵng"]) == ["Đà Nẵng", "da nang", "danang", "ขอนแก่น"]


def test_chapters_carry_their_unspaced_runs_in_the_front_matter() -> None:
    page = "---\nreviewed: 2026-11-26\n---\n\n# การลงนาม\n\nคณะรัฐมนตรี การลงนาม MOU\n"
    assert with_search_terms(page, page, "การลงนาม") == (
        "---\nsearch_title_terms: "
        + json.dumps(["การลงนาม"])
        + "\nsearch_terms: "
        + json.dumps(["คณะรัฐมนตรี"])
        + "\nreviewed: 2026-11-26\n---\n\n# การลงนาม\n\nคณะรัฐมนตรี การลงนาม MOU\n"
    )
    assert with_search_terms("# FAQ\n\nคณะรัฐมนตรี\n", "คณะรัฐมนตรี", "FAQ") == (
        f"---\nsearch_terms: {json.dumps(['คณะรัฐมนตรี'])}\n---\n\n# FAQ\n\nคณะรัฐมนตรี\n"
    )
    assert with_search_terms("# FAQ\n", "# FAQ\n", "FAQ") == "# FAQ\n"


# The worker that codes the extra words of the built pages and gathers the pages Pagefind reads.

BLOCK = '\n  <span data-pagefind-weight="7">จังหวัดเชียงใหม่</span>\n  Chiang Mai Tom &amp; Jerry เชียงใหม่ 昆明\n'


def test_the_block_gets_coded_tails_and_keeps_spaced_words() -> None:
    title = " ".join(map(encode, ["จังหวัดเชียง", "หวัดเชียงใหม", "เชียงใหม่", "ใหม่"]))
    # เชียงใหม่ in the text repeats tails of the title: they are not written twice.
    assert coded_block(BLOCK) == (
        f'\n  <span data-pagefind-weight="7">{title}</span> Chiang Mai Tom &amp; Jerry {encode("昆明")}'
    )


def _html(body: str) -> str:
    return f"<html><body><nav>menu</nav><div data-pagefind-body><h1>ชื่อ</h1>{body}</div></body></html>"


def test_only_indexed_pages_are_coded_and_given_to_pagefind(tmp_path: Path) -> None:
    site, tree = tmp_path / "site", tmp_path / "tree"
    pages = {
        "provinces/chiang-mai/index.html": _html(f'<div class="sc-search-terms" aria-hidden="true">⁂{BLOCK}</div>'),
        "faq/index.html": _html("<p>คำถาม</p>"),
        "partnerships/chiang-mai-kunming/index.html": "<html><body><h1>จังหวัดเชียงใหม่ – คุนหมิง</h1></body></html>",
        "assets/logo.svg": "<svg/>",
    }
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    assert index_tree(site, tree) == 2
    copied = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file())
    assert copied == ["faq/index.html", "provinces/chiang-mai/index.html"]
    # The block's words, then those of the page's own text (its heading).
    coded = _html(f'<div class="sc-search-terms" aria-hidden="true">⁂{coded_block(BLOCK + " ชื่อ")}</div>')
    assert (site / "provinces/chiang-mai/index.html").read_text(encoding="utf-8") == coded
    assert (tree / "provinces/chiang-mai/index.html").read_text(encoding="utf-8") == coded
    assert (tree / "faq/index.html").read_text(encoding="utf-8") == pages["faq/index.html"]
    for rel in ("partnerships/chiang-mai-kunming/index.html", "assets/logo.svg"):
        assert (site / rel).read_text(encoding="utf-8") == pages[rel]


def test_the_words_of_a_pages_indexed_text_are_coded_and_those_pagefind_leaves_out_are_not() -> None:
    body = (
        '<p>ประเทศกัมพูชา<br>จังหวัดตราด &amp; Koh Kong</p><p class="sc-print-only">ฉบับพิมพ์</p>'
        '<table class="sc-list" data-pagefind-ignore><tr><td>คุนหมิง</td></tr></table><form>ค้นหา</form>'
        '<div data-pagefind-ignore="all"><div>ซ้อนใน</div>ซ้อน</div><p>Shown</p>'
        f'<div class="sc-search-terms" aria-hidden="true">⁂{BLOCK}</div>'
    )
    page = _html(body) + "<footer>ท้ายหน้า</footer>"
    assert indexed_text(page).split() == ["ชื่อ", "ประเทศกัมพูชา", "จังหวัดตราด", "&", "Koh", "Kong", "Shown"]
    coded = coded_page(page)
    for word in ("กัมพูชา", "ตราด", "ชื่อ", "昆明"):
        assert encode(word) in coded, word
    for word in ("คุนหมิง", "ฉบับพิมพ์", "ค้นหา", "ซ้อนใน", "ซ้อน", "ท้ายหน้า"):
        assert encode(word) not in coded, word
    # A page without the mark of indexed content has no indexed text.
    assert indexed_text("<html><body><p>ตราด</p></body></html>") == ""


def test_listings_are_found_by_name_on_their_first_page_only_and_never_by_their_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "PAGE_SIZE", 1)
    strings = load_strings()
    sources, problems = load_partners(write(tmp_path, dict(FIXTURE)), strings)
    records, more = validate(sources, load_refdata(), strings, TODAY)
    assert problems == more == []
    pages = render.render(collate(records, [], load_refdata(), SETTINGS), render.make_env(TEMPLATES, strings))
    first, second = pages["provinces/chiang-mai/index.md"], pages["provinces/chiang-mai/2/index.md"]
    title = json.dumps(["จังหวัดเชียงใหม่"])
    assert f"\nsearch_title_terms: {title}\nsearch_terms: " in first
    terms = json.loads(first.split("\nsearch_terms: ", 1)[1].split("\n", 1)[0])
    assert terms[:3] == ["Chiang Mai", "chiang mai", "chiangmai"]
    assert {"เชียงใหม่", *aliases("province").get("TH-50", ())} <= set(terms)
    assert "\nsearch:\n  exclude: true\n" not in first
    assert "\nsearch:\n  exclude: true\n" in second
    assert "search_terms" not in second
    assert '<table class="sc-list" data-pagefind-ignore>' in first
    # Partnership pages are left out of Pagefind, with no words for it: search.js finds them in directory/data/.
    partnership = pages["partnerships/chiang-mai-kunming/index.md"]
    assert "\nsearch:\n  exclude: true\n" in partnership
    assert "search_terms" not in partnership and "search_title_terms" not in partnership


# The Pagefind step of the build.


def test_pagefind_runs_with_explicit_options() -> None:
    assert search.index_command(Path("/opt/pagefind"), Path("/tmp/pages"), Path("/tmp/site")) == [
        "/opt/pagefind",
        "--site",
        "/tmp/pages",
        "--output-path",
        "/tmp/site/pagefind",
        "--exclude-selectors",
        ".headerlink",
        "--exclude-selectors",
        ".sc-print-only",
        "--quiet",
    ]


def test_the_bundled_binary_is_pagefind_extended() -> None:
    assert search.pagefind_binary().name == "pagefind_extended"


def test_a_failed_index_is_a_data_error_and_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = build_fixture_site(tmp_path, search=True)
    before = tree_digest(paths.site)
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(DataError) as caught:
        pipeline.build(paths, SETTINGS)
    assert [str(p) for p in caught.value.problems] == [
        f"{p.path}: search: สร้างดัชนีการค้นหาไม่สำเร็จ: exit 1" for p in caught.value.problems
    ]
    assert caught.value.problems[0].path.startswith(str(tmp_path / ".site.new-"))
    assert tree_digest(paths.site) == before
    assert not list(tmp_path.glob(".site.new-*"))


def test_a_failed_word_coding_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = [sys.executable, "-c", "raise SystemExit('no dictionary')"]
    monkeypatch.setattr(search, "words_command", lambda site, pages: failing)
    with pytest.raises(DataError) as caught:
        search.index_site(tmp_path, load_strings())
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path}: search: สร้างดัชนีการค้นหาไม่สำเร็จ: no dictionary"]
    assert not (tmp_path / "pagefind").exists()


def test_the_build_process_never_loads_the_thai_dictionary(tmp_path: Path) -> None:
    """PyThaiNLP (about 80 MB) is loaded only by the short-lived worker of the search step."""
    partners = write(tmp_path, dict(FIXTURE))
    script = (
        "import sys; from generator.cli import main; "
        f"code = main(['build', '--no-pdf', '--partners', {str(partners)!r}, '--site-dir', {str(tmp_path / 'site')!r},"
        f" '--docs-dir', {str(tmp_path / 'docs')!r}, '--build-date', '2026-11-26']); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules if m.startswith('pythainlp')}))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "0 []"
    html = (tmp_path / "site" / "provinces" / "chiang-mai" / "index.html").read_text(encoding="utf-8")
    assert encode("เชียงใหม่") in html


def test_a_missing_pagefind_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Path:
        raise FileNotFoundError("pagefind_extended")

    monkeypatch.setattr(search, "pagefind_binary", missing)
    with pytest.raises(DataError) as caught:
        search.index_site(tmp_path, load_strings())
    assert [p.message for p in caught.value.problems] == [
        "ไม่พบโปรแกรมสร้างดัชนีการค้นหา Pagefind (แพ็กเกจ pagefind[extended]) ให้ติดตั้งด้วย pip install -r requirements.txt"
    ]


# The bundled data, indexed and searched in Chromium.


@pytest.fixture(scope="module")
def bundled(bundled_site: Path) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def base_url(bundled: Path) -> Iterator[str]:
    with serve(bundled) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url, "")
    yield page
    context.close()


def test_only_page_content_is_indexed(bundled: Path) -> None:
    html = (bundled / "provinces" / "chiang-mai" / "index.html").read_text(encoding="utf-8")
    assert html.count("data-pagefind-body") == 1
    assert html.index("data-pagefind-body") > html.index('class="md-sidebar')
    assert '<div class="sc-search-terms" aria-hidden="true">⁂' in html
    for page in ("search", "partnerships/chiang-mai-kunming"):
        assert "data-pagefind-body" not in (bundled / page / "index.html").read_text(encoding="utf-8")
    assert (bundled / "pagefind" / "pagefind.js").is_file()


def test_wording_for_print_only_is_not_indexed(bundled: Path) -> None:
    # Each print-only span with the words before it, as the page would read on paper; spaces (and the zero-width
    # spaces Pagefind puts between Thai words) ignored.
    printed = re.compile(r"([^<>]{0,12})<span class=\"sc-print-only\">([^<]+)</span>")
    fragments = [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        for f in (bundled / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    checked = 0
    for fragment in fragments:
        page = bundled / fragment["url"].strip("/") / "index.html"
        content = "".join(fragment["content"].replace("\u200b", " ").split())
        for before, only in printed.findall(page.read_text(encoding="utf-8")):
            assert "".join((before + only).split()) not in content, fragment["url"]
            assert "".join(before.split()) in content, fragment["url"]
            checked += 1
    assert checked


def test_pagefind_indexes_every_page_but_the_partnerships(bundled: Path) -> None:
    urls = indexed_urls(bundled / "pagefind")
    marked = {
        "/" + html.parent.relative_to(bundled).as_posix().removeprefix(".") + "/"
        for html in bundled.rglob("index.html")
        if "<div data-pagefind-body>" in html.read_text(encoding="utf-8")
    }
    assert urls == {url.replace("//", "/") for url in marked}
    assert [url for url in urls if url.startswith("/partnerships/")] == []
    assert {"/", "/guidelines/", "/provinces/chiang-mai/", "/countries/cn/", "/stats/"} <= urls
    assert sum(1 for _ in (bundled / "partnerships").rglob("index.html")) == bundled_partnerships()


# Queries whose pages are checked for their words beyond the table: words some year listings were listed for.
UNRELATED = ["ศักดิ์ศรี", "คำศัพท์", "ภูเกต", "zqxzqx"]


@pytest.fixture(scope="module")
def answers(search_page: Page) -> dict[str, list[Hit]]:
    """What the search page lists for every query of the table and UNRELATED, each asked once."""
    return {q: ask(search_page, q) for q in dict.fromkeys([*(query.q for query in QUERIES), *UNRELATED])}


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[q.q for q in QUERIES])
def test_query_finds_its_page_in_the_top_5(answers: dict[str, list[Hit]], base_url: str, query: Query) -> None:
    listed = answers[query.q]
    shown = [(hit.title, hit.url.removeprefix(base_url)) for hit in listed[:5]]
    assert found(query, listed), f"{query.q} ({query.why}): {shown}"


@pytest.mark.browser
def test_hit_at_5_is_at_least_95_percent(answers: dict[str, list[Hit]]) -> None:
    """The figure in the README (Figures, Search): the share of the table found in the top 5."""
    hits = sum(found(query, answers[query.q]) for query in QUERIES)
    print(f"hit@5: {hits} of {len(QUERIES)} ({hits / len(QUERIES):.1%})")
    assert len(QUERIES) >= 60
    assert hits / len(QUERIES) >= 0.95


@pytest.mark.browser
def test_no_page_or_partnership_is_listed_for_words_it_does_not_hold(
    answers: dict[str, list[Hit]], search_page: Page, bundled: Path, base_url: str
) -> None:
    parts, stems = word_parts(search_page), word_stems(search_page, base_url)
    wrong = {
        (q, hit.url.removeprefix(base_url), tuple(missing))
        for q, listed in answers.items()
        for hit in listed
        if (missing := lacking(bundled, hit, q, parts, stems))
    }
    assert wrong == set()


@pytest.mark.browser
def test_a_province_and_a_country_list_the_partnerships_in_both_first(
    answers: dict[str, list[Hit]], bundled: Path, base_url: str
) -> None:
    index = directory_data(bundled)
    at = {name: i for i, name in enumerate(index["columns"])}
    both = {row[at["id"]] for row in index["rows"] if row[at["province"]] == "TH-50" and row[at["country"]] == "CN"}
    assert len(both) >= 2, "the bundled data has Chiang Mai's partners in China"
    # Before any handbook page that only mentions both words.
    first = {hit.url.removeprefix(base_url) for hit in answers["เชียงใหม่ จีน"][: len(both)]}
    assert first == {f"partnerships/{id}/" for id in both}


@pytest.mark.browser
def test_a_shared_link_searches_on_a_cold_load(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, base_url, "เชียงใหม่")
    assert page.get_by_role("searchbox", name=LABEL).input_value() == "เชียงใหม่"
    first = hits(page)
    # The province page, then its partnerships (their Thai party is จังหวัดเชียงใหม่ or a town in it).
    assert (first[0].title, first[0].url) == ("จังหวัดเชียงใหม่", base_url + "provinces/chiang-mai/")
    assert [hit.title for hit in first if "เชียงใหม่" not in hit.title] == []
    assert [hit.url.removeprefix(base_url).split("/")[0] for hit in first[1:]] == ["partnerships"] * 9
    assert len(first) == 10
    assert page.locator(".sc-search-results > li > p mark").first.inner_text() == "เชียงใหม่"
    more = page.get_by_role("button", name="แสดงผลเพิ่มเติม")
    while more.is_visible():
        shown = len(hits(page))
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.sc-search-results > li').length > {shown}")
    listed = hits(page)
    assert len(listed) > 10
    assert len({hit.url for hit in listed}) == len(listed)
    # Pages that only mention เชียงใหม่ come after the partnerships.
    kinds = ["partnerships" in hit.url for hit in listed[1:]]
    assert kinds == sorted(kinds, reverse=True) and not kinds[-1]
    assert [hit.title for hit in listed if "¶" in hit.title] == []
    assert page.locator(".sc-search-status").inner_text() == f"พบ {len(listed)} หน้า"
    assert base_url + "directory/data/meta.json" in requested
    assert [url for url in requested if not url.startswith(base_url)] == []


# meta.json's size at most: 13 KB on the bundled data in December 2026, the other names of provinces and countries
# most of it; the list of pieces grows by one entry for about 100 partnerships.
META_BOUND = 32_000


@pytest.mark.browser
@pytest.mark.parametrize("q", ["คุนหมิง", "เชียงใหม่", "Korat"])
def test_a_cold_search_loads_only_the_pieces_of_data_its_query_needs(
    browser: Browser, base_url: str, bundled: Path, q: str
) -> None:
    data = directory_data(bundled)
    at = {name: i for i, name in enumerate(data["columns"])}
    context = browser.new_context()
    page = context.new_page()
    received: dict[str, int] = {}
    context.on(
        "requestfinished", lambda r: received.update({r.url.removeprefix(base_url): r.sizes()["responseBodySize"]})
    )
    open_search(page, base_url, q)
    page.wait_for_load_state("networkidle")
    listed = {hit.url.removeprefix(base_url + "partnerships/").strip("/") for hit in hits(page)}
    context.close()
    # The pieces of the provinces of the partnerships found, and no other; the whole data is never loaded.
    found = {row[at["province"]] for row in data["rows"] if row[at["id"]] in listed}
    wanted = {f"directory/data/rows-{n}.json" for n, (province, _) in enumerate(data["pieces"]) if province in found}
    assert found and {url for url in received if url.startswith("directory/data/rows-")} == wanted
    assert len(wanted) < len(data["pieces"])
    # Besides the pieces, a few gram buckets, each far smaller than the data (in bytes, as received), and meta.json:
    # the tables of provinces and countries with their other names, and the list of pieces, under META_BOUND.
    others = {url: size for url, size in received.items() if url.startswith("directory/data/") and url not in wanted}
    meta = others.pop("directory/data/meta.json")
    assert others and len(others) <= 3 * 2
    rows = sum(len(json.dumps(row, ensure_ascii=False).encode("utf-8")) for row in data["rows"])
    assert max(others.values()) < rows / 4
    assert meta < META_BOUND


@pytest.mark.browser
@pytest.mark.parametrize(
    ("q", "top"),
    [
        # Partners named exactly so first, then a partner whose name holds the word, then a page of the contributor
        # guide (each expected address is that of the result or of a folder above it).
        ("คุนหมิง", ["partnerships/chiang-mai-kunming/", "partnerships/bangkok-council-kunming/", "contributing/"]),
        ("Kunming", ["partnerships/chiang-mai-kunming/", "partnerships/bangkok-council-kunming/", "contributing/"]),
        # A page titled exactly so comes before the partnerships whose Thai party has that name.
        ("จังหวัดเชียงใหม่", ["provinces/chiang-mai/", "partnerships/chiang-mai-guangzhou/"]),
        ("จีน", ["countries/cn/"]),
        # Inside a word of a name, as the directory filter matches it.
        ("版纳", ["partnerships/chiang-mai-xishuangbanna/"]),
    ],
)
def test_results_are_ranked_by_how_well_the_query_fits(
    search_page: Page, base_url: str, q: str, top: list[str]
) -> None:
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, q)[: len(top)]]
    assert len(listed) == len(top) and all(url.startswith(want) for url, want in zip(listed, top, strict=True)), listed


@pytest.mark.browser
def test_a_partnership_result_shows_its_names_as_on_its_page(search_page: Page, base_url: str) -> None:
    ask(search_page, "ฮอกไกโด")
    first = search_page.locator(".sc-search-results > li").first
    assert first.locator("a").inner_text() == "จังหวัดเชียงใหม่ – ฮอกไกโด"
    assert first.locator("p").inner_text() == (
        "Hokkaido Prefecture · 北海道 · ญี่ปุ่น · เมืองมิตรภาพ · ลงนามแล้ว · ดำเนินการอยู่"
    )
    assert first.locator("p span[lang=ja]").inner_text() == "北海道"
    assert search_page.locator(".sc-search-status").inner_text() == "พบ 1 หน้า"


@pytest.mark.browser
def test_typing_puts_the_search_in_the_address(page: Page, base_url: str) -> None:
    open_search(page, base_url, "")
    length = page.evaluate("history.length")
    page.get_by_role("searchbox", name=LABEL).press_sequentially("Kunming")
    page.wait_for_url(base_url + "search/?q=Kunming")
    wait_for_results(page)
    assert base_url + "partnerships/chiang-mai-kunming/" in [hit.url for hit in hits(page)[:5]]
    assert page.evaluate("history.length") == length


@pytest.mark.browser
def test_the_form_on_every_page_leads_to_the_search_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "partnerships/chiang-mai-kunming/")
    box = page.get_by_role("search").get_by_role("searchbox", name=LABEL)
    box.fill("ฮอกไกโด")
    box.press("Enter")
    page.wait_for_url(base_url + "search/?q=" + quote("ฮอกไกโด"))
    wait_for_results(page)
    assert hits(page)[0].url == base_url + "partnerships/chiang-mai-hokkaido/"


@pytest.mark.browser
def test_nothing_found_says_so(page: Page, base_url: str) -> None:
    open_search(page, base_url, "zqxzqx")
    assert page.locator(".sc-search-status").inner_text() == ("ไม่พบหน้าที่ตรงกับ “zqxzqx” ลองใช้คำอื่น หรือเลือกดูจากสมุดรายชื่อ")
    assert hits(page) == []


@pytest.mark.browser
def test_without_the_pagefind_bundle_partnerships_are_still_found(page: Page, base_url: str) -> None:
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="not found"))
    open_search(page, base_url, "Kunming")
    assert [hit.url.removeprefix(base_url) for hit in hits(page)] == [
        "partnerships/chiang-mai-kunming/",
        "partnerships/bangkok-council-kunming/",
    ]
    assert page.locator(".sc-search-status").inner_text() == (
        "พบ 2 หน้า (แสดงเฉพาะความสัมพันธ์: ดัชนีค้นหาหน้าคู่มือและหน้าอื่นสร้างขึ้นเมื่อสร้างเว็บไซต์ด้วย"
        " python -m generator build ไม่ใช่ระหว่างแสดงตัวอย่าง)"
    )


@pytest.mark.browser
def test_without_the_partnership_data_pages_are_still_found(page: Page, base_url: str) -> None:
    page.route("**/directory/data/**", lambda route: route.fulfill(status=404, body="not found"))
    open_search(page, base_url, "Kunming")
    listed = [hit.url.removeprefix(base_url) for hit in hits(page)]
    assert listed and [url for url in listed if url.startswith("partnerships/")] == []
    assert page.locator(".sc-search-status").inner_text() == (
        f"พบ {len(listed)} หน้า (แสดงเฉพาะหน้าคู่มือและหน้าอื่น: โหลดรายชื่อความสัมพันธ์ไม่สำเร็จ ลองโหลดหน้านี้ใหม่)"
    )


@pytest.mark.browser
def test_search_works_under_a_sub_path(page: Page, bundled: Path) -> None:
    with serve(bundled, prefix=bundled.name) as base_url:
        open_search(page, base_url, "Kunming")
        first = hits(page)[0]
        assert first.url == base_url + "partnerships/chiang-mai-kunming/"
        page.goto(first.url)
        assert page.locator("h1").first.inner_text() == first.title
        open_search(page, base_url, "จีน")
        first = hits(page)[0]
        assert first.url == base_url + "countries/cn/"
        page.goto(first.url)
        assert page.locator("h1").first.inner_text() == first.title


# Partner-supplied text in results stays text.


@pytest.mark.browser
@pytest.mark.parametrize("q", ["เชียงใหม่", "script"])
def test_results_show_hostile_names_as_text(browser: Browser, hostile_site: Path, q: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    with serve(hostile_site) as base_url:
        open_search(page, base_url, q)
        titles = [hit.title for hit in hits(page)]
        hostile = page.locator(".sc-search-results > li", has=page.locator("a[href$='/chiang-mai-hostile/']"))
        excerpt = hostile.locator("p").inner_text()
        marks = hostile.locator("p mark").all_inner_texts()
        injected = page.locator(".sc-search-results :is(script, img, svg, iframe, [onclick], [onerror])").count()
        xss = page.evaluate("typeof window.__xss")
    context.close()
    assert f"{PAYLOADS['thai_party.name_th']} – {PAYLOAD_IMG}" in titles
    assert excerpt.startswith(f"{PAYLOAD_NAME} · {PAYLOADS['partner.name_native']} · จีน · ")
    assert marks == (["script", "script"] if q == "script" else [])
    assert (injected, xss, dialogs) == (0, "undefined", [])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("hostile"), search=True).site


# The directory filter reads the text box as the search page does (partnerships.js), on the bundled data.


@pytest.mark.browser
@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("ขอนเเก่น", "khon-kaen"),
        ("โคราช", "nakhon-ratchasima"),
        ("ภูเกต", "phuket"),
        ("Buriram", "buri-ram"),
        ("Danang", "da-nang"),
        ("Chiangmai", "chiang-mai"),
    ],
)
def test_the_directory_filter_finds_names_as_people_type_them(
    page: Page, base_url: str, bundled: Path, q: str, slug: str
) -> None:
    # Whatever the bundled data holds: the partnerships of that province or partner, and only those.
    rows = directory_data(bundled)["rows"]
    expected = [row[0] for row in rows if slug in row[0]]
    page.goto(f"{base_url}directory/?q={quote(q)}")
    expect(page.locator(".sc-count")).not_to_have_text("กำลังโหลดรายชื่อ…")
    links = page.eval_on_selector_all(".sc-results tbody tr td:nth-child(2) a", "as => as.map(a => a.href)")
    listed = [link.rstrip("/").split("/")[-1] for link in links]
    assert bool(listed) == bool(expected)
    assert set(listed) <= set(expected)


# Other names recorded in a partner file (other spellings in any script, former names) find the partnership.

OTHER_NAMES = edit(
    edit(BASELINE, "  name_en: Kunming\n", "  name_en: Changchun\n  other_names: [長春, 长春市]\n"),
    "  province: TH-50\n",
    "  province: TH-50\n  other_names: [นพบุรีศรีนครพิงค์]\n",
)
OKUIZUMO = edit(
    edit(edit(BASELINE, "  name_en: Kunming", "  name_en: Okuizumo"), "  name_native: 昆明", "  name_native: 奥出雲町"),
    "  country: CN\n",
    "  other_names: [横田, Yokota]\n  country: JP\n",
)


@pytest.fixture(scope="module")
def named_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files: dict[str, str | bytes] = {"chiang-mai/changchun.yml": OTHER_NAMES, "chiang-mai/okuizumo.yml": OKUIZUMO}
    return build_fixture_site(tmp_path_factory.mktemp("names"), files, search=True).site


@pytest.mark.browser
@pytest.mark.parametrize(
    ("q", "expected"),
    [("長春", "chiang-mai-changchun"), ("长春市", "chiang-mai-changchun"), ("横田", "chiang-mai-okuizumo"),
     ("Yokota", "chiang-mai-okuizumo"), ("นพบุรีศรีนครพิงค์", "chiang-mai-changchun")],
)  # fmt: skip
def test_other_names_find_the_partnership(browser: Browser, named_site: Path, q: str, expected: str) -> None:
    page = browser.new_page()
    with serve(named_site) as base_url:
        open_search(page, base_url, q)
        urls = [hit.url for hit in hits(page)]
        page.goto(f"{base_url}directory/?q={quote(q)}")
        expect(page.locator(".sc-count")).not_to_have_text("กำลังโหลดรายชื่อ…")
        listed = page.eval_on_selector_all(
            ".sc-results tbody tr td:nth-child(2) a", "links => links.map(a => a.getAttribute('href'))"
        )
    page.close()
    assert urls and urls[0].endswith(f"/partnerships/{expected}/")
    assert [href.rstrip("/").split("/")[-1] for href in listed] == [expected]


def test_the_bundle_lists_its_languages_in_one_order(tmp_path: Path) -> None:
    """Pagefind writes the languages in the order its threads finish; the build writes them sorted."""
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1.5.2","languages":{"th":{"hash":"th_1"},"en":{"hash":"en_2"}},"x":["_"]}')
    search.stable_entry(entry)
    assert entry.read_text() == '{"version":"1.5.2","languages":{"en":{"hash":"en_2"},"th":{"hash":"th_1"}},"x":["_"]}'


def fragment(record: Mapping[str, object]) -> bytes:
    return gzip.compress(b"pagefind_dcd" + json.dumps(record, ensure_ascii=False).encode(), mtime=0)


def test_a_record_of_the_bundle_loses_its_extra_words_and_nothing_else() -> None:
    record = {"url": "/provinces/x/", "content": "จังหวัด\u200bเชียงใหม่ ⁂ qx0a1b qx0c1d Chiang Mai", "meta": {"t": 1}}
    trimmed = search.without_extra_words(fragment(record))
    assert json.loads(gzip.decompress(trimmed).removeprefix(b"pagefind_dcd")) == {
        **record,
        "content": "จังหวัด\u200bเชียงใหม่",
    }
    # Written the same way twice: no time stamp.
    assert trimmed == search.without_extra_words(fragment(record))
    # A record without extra words is left as it is.
    plain = fragment({**record, "content": "หน้า"})
    assert search.without_extra_words(plain) == plain


@pytest.mark.parametrize(
    "data",
    [gzip.compress(b'{"url": "/"}'), b"not gzip", gzip.compress(b"pagefind_dcd{"), fragment({"url": "/"})],
    ids=["no signature", "not gzip", "not JSON", "no content"],
)
def test_a_record_in_another_format_is_refused(data: bytes) -> None:
    with pytest.raises((ValueError, OSError)):
        search.without_extra_words(data)


def test_the_bundles_records_hold_no_extra_words_and_every_page_its_text(bundled: Path) -> None:
    checked = 0
    for path in (bundled / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        assert "⁂" not in record["content"] and "qx" not in record["content"], record["url"]
        if record["url"] == "/provinces/chiang-mai/":
            assert "เชียงใหม่" in record["content"]
            checked += 1
    assert checked == 1


@pytest.mark.browser
def test_a_name_found_only_spelled_alike_is_listed_and_the_page_says_so(search_page: Page, base_url: str) -> None:
    # Two letters swapped in คุนหมิง's English name; Osaka is no name one letter off ("saka" runs across Sa|Kaeo).
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, "Kunmign")]
    status = search_page.locator(".sc-search-status").inner_text()
    assert re.fullmatch("ไม่พบ “Kunmign” ตามที่พิมพ์ จึงแสดง [0-9,]+ รายการที่สะกดใกล้เคียง", status), status
    assert "partnerships/chiang-mai-kunming/" in listed[:5]
    osaka = [hit.url.removeprefix(base_url) for hit in ask(search_page, "Osaka")]
    assert not [url for url in osaka if url.startswith("partnerships/sa-kaeo-")]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "read", "first"),
    [
        ("Chaing Mai", "Chiang Mai", "provinces/chiang-mai/"),
        ("เชียงไหม่", "เชียงใหม่", "provinces/chiang-mai/"),
        ("Bangkk", "Bangkok", "provinces/bangkok/"),
    ],
)
def test_a_misspelt_province_lists_what_its_name_finds_and_the_page_says_so(
    search_page: Page, base_url: str, typed: str, read: str, first: str
) -> None:
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, typed)]
    status = search_page.locator(".sc-search-status").inner_text()
    assert re.fullmatch(f"ไม่พบ “{typed}” ตามที่พิมพ์ จึงแสดง [0-9,]+ รายการของ “{read}”", status), status
    assert listed[0] == first


@pytest.mark.browser
def test_when_no_partnership_has_both_names_those_with_one_are_listed_and_the_page_says_so(
    search_page: Page, base_url: str
) -> None:
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, "คุนหมิง โตเกียว")]
    status = search_page.locator(".sc-search-status").inner_text()
    assert re.fullmatch("ไม่พบหน้าที่มีครบทุกคำของ “คุนหมิง โตเกียว” จึงแสดง [0-9,]+ รายการที่มีบางคำ", status), status
    assert listed[0] == "partnerships/chiang-mai-kunming/"


@pytest.mark.browser
def test_a_name_spelled_as_it_sounds_comes_before_names_one_letter_off(search_page: Page, base_url: str) -> None:
    # กวางสี is กว่างซี (Guangxi) with ซ written ส and no tone mark; กว๋างจิ (Quang Tri) is one letter further off.
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, "กวางสี")]
    guangxi = [i for i, url in enumerate(listed) if "guangxi" in url]
    quang_tri = [i for i, url in enumerate(listed) if "quang-tri" in url]
    assert guangxi and guangxi[0] == 0
    assert max(guangxi) < min(quang_tri, default=len(listed))


@pytest.mark.browser
def test_the_start_of_a_provinces_name_narrows_the_partnerships_as_its_name_does(
    search_page: Page, base_url: str
) -> None:
    # กรุงเทพ starts กรุงเทพมหานคร's name and no other place's: Bangkok's partnerships in Korea (เกาหลีใต้) come
    # before the handbook pages that mention both words.
    listed = [hit.url.removeprefix(base_url) for hit in ask(search_page, "กรุงเทพ เกาหลี")]
    partnerships = [i for i, url in enumerate(listed) if url.startswith("partnerships/")]
    assert partnerships and all(listed[i].startswith("partnerships/bangkok-") for i in partnerships)
    assert partnerships == list(range(len(partnerships)))
