"""The English edition: every page of the Thai site at the same path under en/, in English, linked to its
counterpart; Thai only where it is a name or a term, and marked lang="th" there."""

from __future__ import annotations

import gzip
import re
import urllib.parse
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from sites import config_with_site_url, paths_for

from generator import build as pipeline
from generator import exports
from generator.editions import ENGLISH, THAI, relative, rooted_links
from generator.render import Links
from generator.scripts import ScriptsExtension, thai_runs
from generator.sitemaps import SITEMAP
from generator.strings import load_strings
from generator.thaisort import name_sort_key

THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]+")
# Parts of a page that are not its text: their Thai is checked elsewhere or is data shown as data (a template is
# never shown: the search index's names of the page's subject, templates/overrides/main.html).
NOT_TEXT = frozenset({"script", "style", "code", "pre", "template"})
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Folders of the site that are not pages of an edition (the search bundle, the theme's files).
NOT_PAGES = ("en/", "pagefind/", "assets/")


class _Reader(HTMLParser):
    """Collects the Thai of a page that is not inside an element marked lang="th" (nor code, scripts or the
    hidden block of extra search words), and the Thai that is, in text and in the attributes a reader hears."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.unmarked: list[str] = []
        self.marked = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        inside = any(skip for _, skip in self.open) or values.get("lang") == "th"
        for name in READ_ATTRIBUTES:
            if not inside and THAI_SCRIPT.search(values.get(name) or ""):
                self.unmarked.append(f"{tag}[{name}]: {values[name]}")
        if tag in VOID:
            return
        hidden = "sc-search-terms" in (values.get("class") or "")
        self.open.append((tag, values.get("lang") == "th" or tag in NOT_TEXT or hidden))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not THAI_SCRIPT.search(data):
            return
        if any(skip for _, skip in self.open):
            self.marked += len(THAI_SCRIPT.findall(data))
        else:
            self.unmarked.append(data.strip()[:80])


def read(page: Path) -> _Reader:
    reader = _Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader


def pages(site: Path) -> Iterator[tuple[str, Path]]:
    """Every HTML page of both editions, by its path from the site's root."""
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        if not path.startswith(("pagefind/", "assets/", "en/assets/")):
            yield path, page


def counterpart(path: str) -> str:
    """The path of the same page in the other edition."""
    return path.removeprefix("en/") if path.startswith("en/") else "en/" + path


def url_of(path: str) -> str:
    """The folder URL of a page's file: en/faq/index.html → en/faq/, 404.html → 404.html."""
    return path.removesuffix("index.html")


def resolve(page_path: str, href: str) -> str:
    """A relative href of the page at page_path as a path from the site's root."""
    joined = urllib.parse.urljoin("http://site/" + url_of(page_path), href)
    return urllib.parse.unquote(urllib.parse.urlsplit(joined).path.removeprefix("/"))


def test_every_thai_page_has_an_english_counterpart_and_back(bundled_site: Path) -> None:
    thai = {p for p, _ in pages(bundled_site) if not p.startswith("en/")}
    english = {p.removeprefix("en/") for p, _ in pages(bundled_site) if p.startswith("en/")}
    assert {"index.html", "404.html", "search/index.html", "stats/index.html", "glossary/index.html"} <= thai
    assert any(p.startswith("partnerships/") for p in thai) and any(p.startswith("provinces/") for p in thai)
    assert sorted(thai - english) == [] and sorted(english - thai) == []


def test_no_english_page_shows_thai_ui_text(bundled_site: Path) -> None:
    """Thai on an English page only in elements marked lang="th": names, the terms the chapters keep in Thai,
    the glossary's Thai column and the language switcher; counted, and none elsewhere."""
    unmarked: dict[str, list[str]] = {}
    marked = Counter[str]()
    for path, page in pages(bundled_site):
        if path.startswith("en/"):
            reader = read(page)
            marked[path] = reader.marked
            if reader.unmarked:
                unmarked[path] = reader.unmarked
    print(f"Thai runs marked lang=th on {sum(1 for n in marked.values() if n)} English pages: {marked.total()}")
    assert unmarked == {}
    # The switcher on every page names Thai in Thai: the check reads the pages it should.
    assert all(n >= 1 for n in marked.values())


def test_every_page_links_to_its_counterpart(bundled_site: Path) -> None:
    switch = re.compile(r'<p class="sc-switch"><a href="([^"]*)" hreflang="(\w+)" lang="(\w+)"')
    wrong = {}
    for path, page in pages(bundled_site):
        if path.endswith("404.html"):
            continue
        other = "th" if path.startswith("en/") else "en"
        found = [(resolve(path, href), a, b) for href, a, b in switch.findall(page.read_text(encoding="utf-8"))]
        if found != [(url_of(counterpart(path)), other, other)]:
            wrong[path] = found
    assert wrong == {}
    # A missing address has no counterpart: each 404 page links to the other edition's home page.
    assert switch.findall((bundled_site / "404.html").read_text(encoding="utf-8")) == [("/en/", "en", "en")]
    assert switch.findall((bundled_site / "en" / "404.html").read_text(encoding="utf-8"))[0][1:] == ("th", "th")


def test_every_page_names_its_language_and_both_versions_in_its_head(english: Path) -> None:
    """With site_url, by address (search engines read no relative ones); x-default is the Thai page."""
    alternate = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">')
    wrong = {}
    for path, page in pages(english):
        if path.endswith("404.html"):
            continue
        html = page.read_text(encoding="utf-8")
        lang = "en" if path.startswith("en/") else "th"
        links = dict(alternate.findall(html))
        thai, other = (counterpart(path), path) if lang == "en" else (path, counterpart(path))
        address = "https://example.org/sc/"
        expected = {"th": address + url_of(thai), "en": address + url_of(other), "x-default": address + url_of(thai)}
        if f'<html lang="{lang}"' not in html or links != expected:
            wrong[path] = links
    assert wrong == {}


def test_without_site_url_no_page_names_alternates_the_theme_would_fetch(bundled_site: Path) -> None:
    """The theme's script fetches sitemap.xml beside every alternate link: relative page links would be two
    missing files per page view."""
    for path, page in pages(bundled_site):
        assert "hreflang=" not in page.read_text(encoding="utf-8").split("</head>")[0], path


def test_every_link_of_an_english_page_reaches_a_file(bundled_site: Path) -> None:
    """Links to the shared files (data, PDFs, the directory's data, the search bundle) go to the site's root."""
    target = re.compile(r'(?:href|src|data-index|data-base|data-bundle)="([^"#?]+)')
    broken: dict[str, list[str]] = {}
    for path, page in pages(bundled_site):
        if not path.startswith("en/") or path.endswith("404.html"):
            continue
        for href in target.findall(page.read_text(encoding="utf-8")):
            if "://" in href or href.startswith(("mailto:", "data:")):
                continue
            there = bundled_site / resolve(path, href)
            if not (there.is_file() or (there / "index.html").is_file() or there.is_dir()):
                broken.setdefault(path, []).append(href)
    assert broken == {}
    contributing = (bundled_site / "en" / "contributing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/partnerships.json"' in contributing


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions of two fixture records, one with a Thai note only, under a site_url with a sub-path."""
    tmp = tmp_path_factory.mktemp("editions")
    note = edit(BASELINE, "evidence: news_report\n", "evidence: news_report\nnote_th: บันทึกภาษาไทยเท่านั้น\n")
    both = edit(
        edit(BASELINE, "  name_en: Kunming\n", "  name_en: Kunming City\n"),
        "evidence: news_report\n",
        "evidence: news_report\nnote_th: บันทึกภาษาไทย\nnote_en: A note in English.\n",
    )
    partners = write(tmp, {"chiang-mai/kunming.yml": note, "chiang-mai/kunming-city.yml": both})
    config = config_with_site_url(tmp, "https://example.org/sc/")
    paths = pipeline.Paths(**{**paths_for(tmp, partners, ("th", "en")).__dict__, "config": config})
    pipeline.build(paths, SETTINGS)
    return paths.site


def test_an_english_page_says_when_a_note_is_in_thai_only(english: Path) -> None:
    thai_only = (english / "en" / "partnerships" / "chiang-mai-kunming" / "index.html").read_text(encoding="utf-8")
    assert load_strings("en").data["site"]["note_untranslated"] in thai_only
    assert "บันทึกภาษาไทยเท่านั้น" not in thai_only
    with_both = (english / "en" / "partnerships" / "chiang-mai-kunming-city" / "index.html").read_text("utf-8")
    assert "<p>A note in English.</p>" in with_both and "บันทึกภาษาไทย" not in with_both
    thai_page = (english / "partnerships" / "chiang-mai-kunming-city" / "index.html").read_text(encoding="utf-8")
    assert "<p>บันทึกภาษาไทย</p>" in thai_page and '<p lang="en">A note in English.</p>' in thai_page


def test_english_pages_give_dates_in_ce_and_names_in_english_first(english: Path) -> None:
    page = (english / "en" / "partnerships" / "chiang-mai-kunming" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Chiang Mai Province – Kunming</h1>" in page
    assert "7 June 1999" in page and "2542" not in page and "พ.ศ." not in page
    assert '<p lang="th">จังหวัดเชียงใหม่ – คุนหมิง</p>' in page
    assert '<span class="sc-native" lang="zh-Hans">昆明</span>' in page
    thai = (english / "partnerships" / "chiang-mai-kunming" / "index.html").read_text(encoding="utf-8")
    assert "7 มิถุนายน พ.ศ. 2542 (ค.ศ. 1999)" in thai


def test_the_english_edition_has_its_own_feed_sitemap_and_addresses(english: Path) -> None:
    feed = (english / "en" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="en"' in feed and "https://example.org/sc/en/partnerships/chiang-mai-kunming/" in feed
    thai_feed = (english / "feed.xml").read_text(encoding="utf-8")
    ids = (re.search(r"<id>([^<]*)</id>", feed), re.search(r"<id>([^<]*)</id>", thai_feed))
    assert ids[0] and ids[1] and ids[0].group(1) != ids[1].group(1)
    for folder, other in (("en", ""), ("", "en/")):
        sitemap = english / folder / "sitemap.xml"
        urls = etree.parse(sitemap).getroot()
        entries = {
            url.findtext(f"{{{SITEMAP}}}loc"): {
                link.get("hreflang"): link.get("href") for link in url.iter("{http://www.w3.org/1999/xhtml}link")
            }
            for url in urls
        }
        own = f"https://example.org/sc/{folder and folder + '/'}faq/"
        assert entries[own] == {
            "en" if folder else "th": own,
            "th" if folder else "en": f"https://example.org/sc/{other}faq/",
        }
        assert all(len(links) == 2 for links in entries.values())
        assert gzip.decompress((english / folder / "sitemap.xml.gz").read_bytes()) == sitemap.read_bytes()
    head = (english / "faq" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/sc/en/faq/">' in head
    robots = (english / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/sc/sitemap.xml" in robots and "https://example.org/sc/en/sitemap.xml" in robots
    # The shared files exist once, at the root.
    assert (english / "data" / "partnerships.json").is_file() and not (english / "en" / "data").exists()


def test_the_navigation_is_titled_by_the_strings_of_each_language() -> None:
    """mkdocs.yml's own titles are the Thai strings' (one source of truth for both editions' staged configs)."""
    own = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles = {lang: load_strings(lang).data["nav"] for lang in ("th", "en")}

    def entries(nav: list[object]) -> Iterator[tuple[str, str, str]]:
        for item in nav:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        first = next(v for v in value if isinstance(v, (str, dict)))
                        page = first if isinstance(first, str) else next(iter(first.values()))
                        yield "sections", page, title
                        yield from entries(value)
                    else:
                        yield "pages", value, title

    found = list(entries(own))
    assert found and all(titles["th"][kind][page] == title for kind, page, title in found)
    assert all(page in titles["en"][kind] for kind, page, _ in found)


def test_links_to_shared_files_go_to_the_site_root() -> None:
    assert Links("directory/", edition=ENGLISH).to("directory/data/meta.json") == "../../directory/data/meta.json"
    assert Links("directory/", edition=ENGLISH).to("partnerships/") == "../partnerships/"
    assert Links("directory/", edition=THAI).to("directory/data/meta.json") == "data/meta.json"
    assert relative("en/contributing/", "data/x.json") == "../../data/x.json"


def test_chapter_links_to_shared_files_become_links_to_the_root() -> None:
    text = "See [the data](data/partnerships.json), [a step](steps/index.md) and ![logo](data/x.png)."
    moved = rooted_links(text, "contributing.md", "contributing/", ENGLISH)
    assert '<a href="../../data/partnerships.json">the data</a>' in moved
    assert "[a step](steps/index.md)" in moved and "![logo](data/x.png)" in moved
    assert rooted_links(text, "contributing.md", "contributing/", THAI) == text


def test_thai_words_of_an_english_chapter_are_marked() -> None:
    source = "# Committee (กรอ.)\n\n| Term | Thai |\n|---|---|\n| MOU {#mou} | บันทึกความเข้าใจ |\n\n`name_th: เชียงใหม่`\n"
    extensions: list[str | markdown.Extension] = ["attr_list", "tables", "toc", ScriptsExtension(lang="en")]
    html = markdown.markdown(source, extensions=extensions)
    assert '<span lang="th">กรอ.</span>' in html and '<td><span lang="th">บันทึกความเข้าใจ</span></td>' in html
    assert '<td id="mou">MOU</td>' in html and "<code>name_th: เชียงใหม่</code>" in html
    assert 'id="committee"' in html
    thai = markdown.markdown(source, extensions=["attr_list", "tables", "toc", ScriptsExtension(lang="th")])
    assert 'lang="th"' not in thai


def test_thai_runs_keep_every_character_in_order() -> None:
    text = "Yasothon Municipality (เทศบาลเมืองยโสธร) and กรอ. in 2001"
    parts = thai_runs(text)
    assert "".join(part for part, _ in parts) == text
    assert [part for part, thai in parts if thai] == ["เทศบาลเมืองยโสธร", "กรอ."]


def test_robots_names_the_sitemap_of_each_edition() -> None:
    assert exports.robots_txt("https://example.org/").decode().splitlines()[-2:] == [
        "Sitemap: https://example.org/sitemap.xml",
        "Sitemap: https://example.org/en/sitemap.xml",
    ]


def names_linked(page: Path, pattern: str) -> list[str]:
    return re.findall(pattern, page.read_text(encoding="utf-8"))


def test_english_listings_read_in_english_alphabetical_order(bundled_site: Path) -> None:
    """Countries, provinces (within their region) and a province's partners by their English names, accents and
    case aside; the Thai edition keeps Thai dictionary order."""
    english = bundled_site / "en"
    countries = names_linked(english / "countries" / "index.html", r'<a href="[a-z]{2}/">([^<]+)</a>')
    assert len(countries) > 1 and countries == sorted(countries, key=lambda n: name_sort_key(n, "en"))
    partners = names_linked(
        english / "provinces" / "chiang-mai" / "index.html", r'<td><a href="../../partnerships/[^"]+/">([^<]+)<'
    )
    assert len(partners) > 1 and partners == sorted(partners, key=lambda n: name_sort_key(n, "en"))
    thai = names_linked(bundled_site / "countries" / "index.html", r'<a href="[a-z]{2}/">([^<]+)</a>')
    assert thai == sorted(thai, key=lambda n: name_sort_key(n, "th")) and thai != countries


def test_latin_names_sort_without_accents_or_case() -> None:
    names = ["Đà Nẵng", "chengdu", "Ankara", "Évry", "da lat"]
    assert sorted(names, key=lambda n: name_sort_key(n, "en")) == ["Ankara", "chengdu", "da lat", "Đà Nẵng", "Évry"]
