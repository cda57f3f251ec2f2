"""The handbook's integrity: review dates, sources, links that resolve, checklists two clicks from home."""

from __future__ import annotations

import dataclasses
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from conftest import ROOT
from sites import real_paths, real_settings

from generator import build as pipeline
from generator.strings import load_strings

CHAPTERS = sorted(p for p in (ROOT / "content").rglob("*.md"))
STEPS = [
    f"steps/{name}/"
    for name in (
        "1-screen-candidate",
        "2-prepare-readiness",
        "3-committee-approval",
        "4-build-contacts",
        "5-moi-opinion",
        "6-draft-documents",
        "7-sign",
        "8-inform-cabinet",
        "9-implement-follow-up",
    )
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site: bundled partner data and handbook, built strictly."""
    paths = dataclasses.replace(real_paths(tmp_path_factory.mktemp("real")), pdf=True)
    pipeline.build(paths, real_settings())
    return paths.site


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_every_chapter_has_review_dates_and_sources(chapter: Path) -> None:
    text = chapter.read_text(encoding="utf-8")
    assert re.match(r"---\n(.*\n)*?reviewed: \d{4}-\d{2}-\d{2}\n(.*\n)*?---\n", text), "front matter: reviewed"
    assert re.search(r"^review_by: \d{4}-\d{2}-\d{2}$", text, re.M), "front matter: review_by"
    heading = "## Sources" if chapter.is_relative_to(ROOT / "content" / "en") else "## แหล่งที่มา"
    sources = text.split(f"\n{heading}\n")
    assert len(sources) == 2, f"one '{heading}' section"
    assert re.search(r"https?://", sources[1]), "the sources section links its sources"


def test_reviewed_dates_show_on_pages(site: Path) -> None:
    page = (site / "guidelines" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"ตรวจทานเนื้อหาล่าสุด: \d+ \S+ พ\.ศ\. \d{4} \(ค\.ศ\. \d{4}\)", page)


def internal_links(page: Path, site: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    here = page.relative_to(site).parent.as_posix() + "/"
    links = []
    for href in re.findall(r'href="([^"#?]+)(?:[?#][^"]*)?"', html):
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        links.append(urllib.parse.urljoin("/" + here, urllib.parse.unquote(href)))
    return links


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for link in internal_links(page, site):
            target = site / link.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []


def test_any_step_checklist_is_two_clicks_from_home(site: Path) -> None:
    home = internal_links(site / "index.html", site)
    assert "/steps/" in home
    overview = internal_links(site / "steps" / "index.html", site)
    for step in STEPS:
        assert "/" + step in overview, step
        page = (site / step / "index.html").read_text(encoding="utf-8")
        assert page.count('class="task-list-item"') >= 4, step


def test_partnership_pages_link_their_sources(site: Path) -> None:
    for page in sorted((site / "partnerships").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        sources = html.split('<ul class="sc-sources">')[1].split("</ul>")[0]
        assert re.search(r'<a href="https?://', sources), page.parent.name
        # A source that exists only as http:// is shown as such.
        for link in re.findall(r'<li><a href="http://[^"]*"[^>]*>[^<]*</a>([^<]*<small>[^<]*</small>)?', sources):
            assert "http://" in link, page.parent.name


def test_mechanism_pages_link_their_sources_and_members(site: Path) -> None:
    pages = sorted((site / "mechanisms").glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        sources = html.split('<ul class="sc-sources">')[1].split("</ul>")[0]
        assert re.search(r'<a href="https?://', sources), page.parent.name
        assert re.search(r'<a href="\.\./\.\./provinces/[a-z-]+/">', html), page.parent.name


def test_directory_stats_and_home_state_one_coverage(site: Path) -> None:
    blocks = set()
    for page in ("directory/index.html", "stats/index.html", "index.html"):
        found = re.search(r'<div class="sc-coverage">.*?</div>', (site / page).read_text(encoding="utf-8"), re.S)
        assert found is not None, page
        blocks.add(found[0])
    assert len(blocks) == 1
    counted = r"มีความสัมพันธ์ที่สถาปนาแล้ว 89 คู่ ใน 38 จังหวัด สมุดรายชื่อนี้มีความสัมพันธ์ที่นับแบบเดียวกันได้ \d+ คู่ ใน \d+ จังหวัด"
    assert re.search(counted, blocks.pop())


def test_partnership_pages_link_the_faq_section_that_explains_evidence(site: Path) -> None:
    faq = (site / "faq" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="evidence">ข้อมูลแต่ละคู่ยืนยันได้แค่ไหน', faq)
    page = next(iter(sorted((site / "partnerships").glob("*/index.html"))))
    assert '<a href="../../faq/#evidence">' in page.read_text(encoding="utf-8")


STRINGS = load_strings().data
CLAIM = re.compile(r'<p class="sc-claim sc-claim-([a-z_]+)"><strong>([^<]*)</strong>')


def test_no_bundled_page_reads_established_without_a_reported_signing(site: Path) -> None:
    """Every partnership page of the real data says first what its record supports: 'signed' only with a
    signing date or a cited signing document, and never for an unconfirmed or disputed record."""
    records = {r["id"]: r for r in json.loads((site / "data" / "partnerships.json").read_text())["partnerships"]}
    pages = sorted((site / "partnerships").glob("*/index.html"))
    assert {page.parent.name for page in pages} == set(records)
    for page in pages:
        found = CLAIM.search(page.read_text(encoding="utf-8"))
        assert found is not None, page.parent.name
        record = records[page.parent.name]
        assert found[1] == record["derived"]["claim"] and found[2] == STRINGS["claim"][found[1]]
        if found[1] in ("signed", "letter_of_intent"):
            signing = [d for d in record["documents"] if d["kind"] in ("letter_of_intent", "mou", "agreement")]
            assert "signed" in record or signing, page.parent.name
            assert record["evidence"] not in ("list_only", "contact_only"), page.parent.name
            assert record["verification"] != "disputed", page.parent.name
