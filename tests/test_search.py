"""Site search: the extra index words, the Pagefind step, and the search page in a real Chromium."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, SETTINGS, TODAY, write
from playwright.sync_api import Browser, Dialog, Page
from searching import Query, ask, found, hits, load_queries, open_search, serve, wait_for_results
from sites import FIXTURE, PAYLOAD_IMG, build_fixture_site, paths_for

from generator import build as pipeline
from generator import render, search
from generator.collate import collate
from generator.errors import DataError
from generator.loader import load_partners
from generator.refdata import load_refdata
from generator.search_terms import encode, search_terms, tails, with_search_terms
from generator.strings import load_strings
from generator.validate import validate

QUERIES = load_queries()
TEMPLATES = ROOT / "templates" / "pages"
LABEL = "ค้นหาในคู่มือและสมุดรายชื่อ"


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


def test_search_terms_are_spaced_names_then_coded_tails_each_once() -> None:
    names = ["จังหวัดเชียงใหม่", "Chiang Mai", "", "เชียงใหม่", "昆明", "Chiang Mai"]
    assert search_terms(names) == [
        "Chiang Mai",
        *map(encode, ["จังหวัดเชียง", "หวัดเชียงใหม", "เชียงใหม่", "ใหม่", "昆明"]),
    ]


def test_chapters_carry_their_coded_tails_in_the_front_matter() -> None:
    page = "---\nreviewed: 2026-11-26\n---\n\n# การลงนาม\n\nคณะรัฐมนตรี\n"
    title = json.dumps([encode("การลงนาม"), encode("ลงนาม")])
    text = json.dumps([encode("คณะรัฐมนตรี"), encode("รัฐมนตรี")])
    front = f"---\nsearch_title_terms: {title}\nsearch_terms: {text}\nreviewed: 2026-11-26\n---\n"
    assert with_search_terms(page, page, "การลงนาม") == front + "\n# การลงนาม\n\nคณะรัฐมนตรี\n"
    assert with_search_terms("# FAQ\n\nคณะรัฐมนตรี\n", "คณะรัฐมนตรี", "FAQ") == (
        f"---\nsearch_terms: {text}\n---\n\n# FAQ\n\nคณะรัฐมนตรี\n"
    )
    assert with_search_terms("# FAQ\n", "# FAQ\n", "FAQ") == "# FAQ\n"


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
    title = json.dumps([encode(tail) for tail in ["จังหวัดเชียง", "หวัดเชียงใหม", "เชียงใหม่", "ใหม่"]])
    assert f"\nsearch_title_terms: {title}\nsearch_terms: {json.dumps(['Chiang Mai'])}\n" in first
    assert "\nsearch:\n  exclude: true\n" not in first
    assert "\nsearch:\n  exclude: true\n" in second
    assert '<table class="sc-list" data-pagefind-ignore>' in first


# The Pagefind step of the build.


def test_pagefind_runs_with_explicit_options() -> None:
    assert search.index_command(Path("/opt/pagefind"), Path("/tmp/site")) == [
        "/opt/pagefind",
        "--site",
        "/tmp/site",
        "--output-subdir",
        "pagefind",
        "--force-language",
        "th",
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]


def test_the_bundled_binary_is_pagefind_extended() -> None:
    assert search.pagefind_binary().name == "pagefind_extended"


def test_a_failed_index_is_a_data_error_and_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = build_fixture_site(tmp_path)
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
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paths = paths_for(tmp_path_factory.mktemp("bundled"), ROOT / "partners")
    pipeline.build(paths, SETTINGS)
    return paths.site


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
    html = (bundled / "partnerships" / "chiang-mai-kunming" / "index.html").read_text(encoding="utf-8")
    assert html.count("data-pagefind-body") == 1
    assert html.index("data-pagefind-body") > html.index('class="md-sidebar')
    assert '<div class="sc-search-terms" aria-hidden="true">⁂' in html
    assert "data-pagefind-body" not in (bundled / "search" / "index.html").read_text(encoding="utf-8")
    assert (bundled / "pagefind" / "pagefind.js").is_file()


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[q.q for q in QUERIES])
def test_query_finds_its_page_in_the_top_5(search_page: Page, base_url: str, query: Query) -> None:
    listed = ask(search_page, query.q)
    shown = [(hit.title, hit.url.removeprefix(base_url)) for hit in listed[:5]]
    assert found(query, listed), f"{query.q} ({query.why}): {shown}"


@pytest.mark.browser
def test_a_shared_link_searches_on_a_cold_load(page: Page, base_url: str) -> None:
    open_search(page, base_url, "เชียงใหม่")
    assert page.get_by_role("searchbox", name=LABEL).input_value() == "เชียงใหม่"
    first = hits(page)
    assert (first[0].title, first[0].url) == ("จังหวัดเชียงใหม่", base_url + "provinces/chiang-mai/")
    assert [hit.title for hit in first if "เชียงใหม่" not in hit.title] == []
    assert len(first) == 10
    assert page.locator(".sc-search-results > li > p mark").first.inner_text() == "เชียงใหม่"
    more = page.get_by_role("button", name="แสดงผลเพิ่มเติม")
    while more.is_visible():
        shown = len(hits(page))
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.sc-search-results > li').length > {shown}")
    listed = hits(page)
    assert len(listed) > 10
    assert [hit.title for hit in listed if "¶" in hit.title] == []
    assert page.locator(".sc-search-status").inner_text() == f"พบ {len(listed)} หน้า"


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
def test_search_works_under_a_sub_path(page: Page, bundled: Path) -> None:
    with serve(bundled, prefix=bundled.name) as base_url:
        open_search(page, base_url, "Kunming")
        first = hits(page)[0]
        assert first.url.startswith(base_url + "partnerships/")
        page.goto(first.url)
        assert page.locator("h1").first.inner_text() == first.title


# Partner-supplied text in results stays text.


@pytest.mark.browser
def test_results_show_hostile_names_as_text(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = build_fixture_site(tmp_path_factory.mktemp("hostile")).site
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    with serve(site) as base_url:
        open_search(page, base_url, "เชียงใหม่")
        titles = [hit.title for hit in hits(page)]
        excerpts = page.locator(".sc-search-results > li > p").all_inner_texts()
        injected = page.locator(".sc-search-results :is(script, img, svg, iframe, [onclick], [onerror])").count()
        xss = page.evaluate("typeof window.__xss")
    context.close()
    assert f"จังหวัดเชียงใหม่<svg onload=\"window.__xss='thai_party.name_th'\"> – {PAYLOAD_IMG}" in titles
    assert any(PAYLOAD_IMG in excerpt for excerpt in excerpts)
    assert (injected, xss, dialogs) == (0, "undefined", [])
