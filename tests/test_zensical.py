"""Zensical, the successor Material for MkDocs names, builds the staged docs tree (the way off Material before its
end of life, README "Engine"): every page of the MkDocs build is in Zensical's, with the same content.

"The same content" (same_content): in the element around a page's own content (generator/builtsite.py), the
text, with heading permalinks (¶) left out and runs of white space made one space, is the same; and so is the
list of every link and image, each resolved against the page's address (Zensical writes a link to a sibling
page as ../contributing/fields/ where MkDocs writes fields/). The theme around that element is Material's in one
and Zensical's (modern variant) in the other, and is compared only for where its navigation links go and for
the search form; the extra words for the search index, which the search step codes after the engine, are not.

Zensical 0.0.73 is the newest release installable from the package index here (later ones need zensical-ui,
which it does not hold); it ignores hooks: (generator/hooks.py only makes the MkDocs build faster).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SETTINGS, write
from sites import FIXTURE, paths_for

from generator import build as pipeline
from generator import engine
from generator.builtsite import PERMALINK_CLASS, content, read_site
from generator.reserved import PLACEHOLDER
from generator.strings import load_strings

SITE = "zensical-site"
TIMEOUT_SECONDS = 300


class _Own(HTMLParser):
    """The text and the resolved links of a page's own content."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = f"/{url}"
        self.text: list[str] = []
        self.links: list[str] = []
        self._permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and PERMALINK_CLASS in (values.get("class") or "").split():
            self._permalink = True
            return
        self.links += [urllib.parse.urljoin(self.base, values[k] or "") for k in ("href", "src") if k in values]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._permalink = False

    def handle_data(self, data: str) -> None:
        if not self._permalink:
            self.text.append(data)


def same_content(page: str, url: str) -> tuple[str, list[str]]:
    """What is compared of a built page at this address (see the module's docstring)."""
    parser = _Own(url)
    parser.feed(content(page, url))
    parser.close()
    return " ".join("".join(parser.text).split()), parser.links


def pages(site: Path) -> list[str]:
    """The HTML pages of a built site, by path, without the theme's assets and the search bundle."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("assets", "pagefind")
    )


def url_of(path: str) -> str:
    return path.removesuffix("index.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Paths:
    """The fixture data staged by the generator and built by MkDocs (the steps after it, search and PDF, read
    the built site and are left out), then the same staged tree built by Zensical into SITE."""
    tmp = tmp_path_factory.mktemp("zensical")
    paths = paths_for(tmp, write(tmp, dict(FIXTURE)))
    pipeline.generate(paths, SETTINGS)
    staged = pipeline.staged_config_path(paths)
    engine.build_site(staged, paths.site, load_strings(), SETTINGS.build_date)
    # Zensical has no option for the output folder, and keeps it inside the folder of its config: a config
    # beside the staged one that inherits it and names one.
    config = staged.with_name("zensical.yml")
    config.write_text(f"INHERIT: {staged.name}\nsite_dir: {SITE}\n", encoding="utf-8")
    # The Markdown extensions of mkdocs.yml include the generator's own (generator.checklist).
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)]
    result = subprocess.run(
        command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return paths


def zensical_site(paths: pipeline.Paths) -> Path:
    return pipeline.staged_config_path(paths).parent / SITE


def test_zensical_builds_every_page_of_the_mkdocs_build(built: pipeline.Paths) -> None:
    ours = pages(built.site)
    assert {"index.html", "404.html", "search/index.html", "partnerships/chiang-mai-kunming/index.html"} <= set(ours)
    assert [p for p in ours if p not in pages(zensical_site(built))] == []


def test_every_page_holds_the_same_content_in_both_builds(built: pipeline.Paths) -> None:
    differ = []
    for path in pages(built.site):
        mkdocs = same_content((built.site / path).read_text(encoding="utf-8"), url_of(path))
        zensical = same_content((zensical_site(built) / path).read_text(encoding="utf-8"), url_of(path))
        if mkdocs != zensical:
            differ.append(path)
    assert differ == []
    # What is compared: the text and the links of the page's own content, not of the theme around it.
    text, links = same_content((built.site / "steps/index.html").read_text(encoding="utf-8"), "steps/")
    assert text.startswith("ขั้นตอนการสถาปนาความสัมพันธ์เมืองพี่เมืองน้อง หน้านี้แสดงภาพรวม")
    assert "/steps/1-screen-candidate/" in links


def navigation(page: str, url: str) -> list[str]:
    """Where the links of a page's primary navigation (the theme's sidebar) go, resolved, in order."""
    start = page.index("md-nav--primary")
    links = re.findall(r'href="([^"]*)"', page[start : page.index("md-content", start)])
    return [urllib.parse.urljoin(f"/{url}", link) for link in links]


# The one difference: the contributor guide's section (contributing.md, then contributing/fields/index.md, no index
# page of its own) links to its first page in Material and to the index.md page inside it in Zensical 0.0.73.
SECTION_LINKS = {"/contributing/": "/contributing/fields/"}


@pytest.mark.parametrize("path", ["index.html", "steps/7-sign/index.html", "stats/index.html"])
def test_the_navigation_is_the_same_in_both_builds(built: pipeline.Paths, path: str) -> None:
    mkdocs = navigation((built.site / path).read_text(encoding="utf-8"), url_of(path))
    assert mkdocs[:2] == ["/", "/"]  # the site's name and the home page
    assert mkdocs.count("/guidelines/") == mkdocs.count("/search/") == 1
    zensical = navigation((zensical_site(built) / path).read_text(encoding="utf-8"), url_of(path))
    assert zensical == [SECTION_LINKS.get(link, link) for link in mkdocs]


def test_every_link_within_a_page_has_its_target_in_both_builds(built: pipeline.Paths) -> None:
    # The skip links of templates/overrides/main.html among them (Zensical gives the 404 page one).
    missing = {}
    for site in (built.site, zensical_site(built)):
        for path in pages(built.site):
            page = (site / path).read_text(encoding="utf-8")
            targets = set(re.findall(r'\s(?:id|name)="([^"]*)"', page))
            lost = sorted(set(re.findall(r'href="#([^"]+)"', page)) - targets)
            if lost:
                missing[f"{site.name}/{path}"] = lost
    assert missing == {}


def test_every_page_but_the_search_page_has_the_search_form_in_both_builds(built: pipeline.Paths) -> None:
    for site in (built.site, zensical_site(built)):
        without = [
            p
            for p in pages(built.site)
            if 'class="sc-search-form sc-search-top"' not in (site / p).read_text(encoding="utf-8")
        ]
        assert without == ["404.html", "search/index.html"], site


def test_files_of_the_docs_tree_are_published_unchanged_by_both(built: pipeline.Paths) -> None:
    files = [p for p in built.docs.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert any(p.name == "partnerships.json" for p in files)
    for site in (built.site, zensical_site(built)):
        changed = [p for p in files if (site / p.relative_to(built.docs)).read_bytes() != p.read_bytes()]
        assert changed == [], site


def test_the_steps_after_the_engine_read_the_same_pages_from_either_build(built: pipeline.Paths) -> None:
    staged = pipeline.staged_config_path(built)
    mkdocs = read_site(staged, built.site, None).pages
    zensical = read_site(staged, zensical_site(built), None).pages
    assert [(p.path, p.url, p.title) for p in mkdocs] == [(p.path, p.url, p.title) for p in zensical]
    steps = next(p for p in mkdocs if p.path == "steps/index.md")
    assert (steps.url, steps.title) == ("steps/", "ขั้นตอนการสถาปนาความสัมพันธ์เมืองพี่เมืองน้อง")
    assert steps.html.startswith('<h1 id="_1">ขั้นตอนการสถาปนาความสัมพันธ์เมืองพี่เมืองน้อง<a class="headerlink"')
    # Generated pages too hold their body as published, not the speed-up hooks' placeholder.
    stats = next(p for p in mkdocs if p.path == "stats/index.md")
    assert stats.html.startswith('<section class="sc-stats">\n<h1>สถิติความสัมพันธ์เมืองพี่เมืองน้อง</h1>')
    assert [p.path for p in mkdocs if PLACEHOLDER in p.html or "sc-search-terms" in p.html] == []


def test_the_staged_config_is_written_whole_for_engines_that_merge_inherited_lists(tmp_path: Path) -> None:
    project = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    staged = yaml.safe_load(engine.staged_config(ROOT / "mkdocs.yml", tmp_path / "docs", load_strings()))
    assert "INHERIT" not in staged
    assert staged["docs_dir"] == "docs"
    assert staged["theme"] == {**project["theme"], "custom_dir": str(ROOT / "templates" / "overrides")}
    assert staged["hooks"] == [str(ROOT / "generator" / "hooks.py")]
    assert staged["extra"]["t"]["lang"] == "th"
    # The strings and the edition's links to the other (the language switcher) are the generator's.
    assert {k: v for k, v in staged["extra"].items() if k not in ("t", "edition")} == project["extra"]
    assert staged["extra"]["edition"]["other_lang"] == "en"
    # generator.scripts is told the edition's language; the other extensions are mkdocs.yml's.
    scripts = {"generator.scripts": {"lang": "th"}}
    assert staged["markdown_extensions"] == [
        scripts if e == "generator.scripts" else e for e in project["markdown_extensions"]
    ]
    unchanged = set(project) - {"docs_dir", "theme", "hooks", "extra", "markdown_extensions"}
    assert {k: staged[k] for k in unchanged} == {k: project[k] for k in unchanged}


@pytest.mark.parametrize(
    ("body", "same"),
    [
        # A sibling page written two ways: the same page.
        ('<p>x <a href="fields/">f</a></p>', True),
        ('<p>x <a href="../contributing/fields/">f</a></p>', True),
        # Other white space and a permalink: the same text.
        ('<p>x\n  <a href="fields/">f</a><a class="headerlink" href="#x">¶</a></p>', True),
        ('<p>y <a href="fields/">f</a></p>', False),
        ('<p>x <a href="../fields/">f</a></p>', False),
        ('<p>x <a href="fields/">f</a><img src="a.png"></p>', False),
    ],
)
def test_same_content_compares_text_and_where_links_go(body: str, same: bool) -> None:
    def page(inner: str) -> str:
        return f'<html><body><nav><a href="/">menu</a></nav><div data-pagefind-body>{inner}</div></body></html>'

    expected = same_content(page('<p>x <a href="fields/">f</a></p>'), "contributing/")
    assert (same_content(page(body), "contributing/") == expected) is same
