"""Reading a built site back (generator/builtsite.py): the navigation from the configuration, each page's own
content from its HTML. tests/test_zensical.py reads real MkDocs and Zensical builds with it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.builtsite import BuiltSite, NavPage, content, load_config, nav_paths, page_url, read_site, title

TERMS = '<div class="sc-search-terms" aria-hidden="true">⁂\n<span data-pagefind-weight="7">x</span> y</div>'


def page(body: str, marker: str = "data-pagefind-body") -> str:
    """A built page as the theme frames it: navigation, a search form, then the page's own content."""
    return (
        '<html><body><nav class="md-nav"><div><a href="x/">x</a></div></nav>'
        '<article><form class="sc-search-top"><input name="q"></form>'
        f"<div {marker}>\n{body}\n</div></article><footer><div>f</div></footer></body></html>"
    )


def test_the_navigation_is_its_markdown_files_in_order() -> None:
    nav = [
        "index.md",
        {"Guide": "guidelines/index.md"},
        {"Steps": ["steps/index.md", {"One": "steps/1.md"}, {"Out": "https://example.org/x.md"}]},
        {"Site": "https://example.org/"},
    ]
    assert list(nav_paths(nav)) == ["index.md", "guidelines/index.md", "steps/index.md", "steps/1.md"]


def test_the_projects_navigation_starts_at_the_home_page_and_lists_each_file_once() -> None:
    paths = list(nav_paths(load_config(ROOT / "mkdocs.yml")["nav"]))
    assert paths[:3] == ["index.md", "guidelines/index.md", "steps/index.md"]
    assert len(paths) == len(set(paths))
    assert paths[-1] == "search/index.md"


@pytest.mark.parametrize(
    ("path", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("steps/index.md", True, "steps/"),
        ("steps/7-sign.md", True, "steps/7-sign/"),
        ("glossary.md", True, "glossary/"),
        ("glossary.md", False, "glossary.html"),
        ("steps/index.md", False, "steps/"),
    ],
)
def test_a_page_is_at_the_address_the_engines_give_it(path: str, directory_urls: bool, url: str) -> None:
    assert page_url(path, directory_urls) == url


def test_a_staged_config_inherits_the_navigation_and_overrides_settings(tmp_path: Path) -> None:
    (tmp_path / "project.yml").write_text("nav: [index.md]\nuse_directory_urls: true\nsite_name: a\n")
    (tmp_path / "staged.yml").write_text("INHERIT: project.yml\nuse_directory_urls: false\n")
    assert load_config(tmp_path / "staged.yml") == {"nav": ["index.md"], "use_directory_urls": False, "site_name": "a"}


def test_own_content_is_inside_the_marked_element_without_the_search_words() -> None:
    body = '<h1 id="a">A &amp; B<a class="headerlink" href="#a">¶</a></h1>\n<div class="x"><p>one</p></div>'
    comment = "<!-- a <div> in a comment -->"
    assert content(page(f"{body}\n{comment}\n{TERMS}")) == f"{body}\n{comment}"
    assert content(page(body, marker="data-sc-body")) == body


def test_a_page_without_the_marked_element_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^steps/: no element with one of \['data-pagefind-body', 'data-sc-body'\]$"):
        content("<html><body><div>x</div></body></html>", "steps/")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<h1 id="a">A &amp; <em>B</em>\n C<a class="headerlink" href="#a">¶</a></h1><h1>D</h1>', "A & B C"),
        ("<p>x</p><h2>Not this</h2><h1>Later</h1>", "Later"),
        ("<p>no heading</p>", ""),
    ],
)
def test_a_pages_title_is_its_first_h1_without_the_permalink(html: str, expected: str) -> None:
    assert title(html) == expected


def test_read_site_gives_each_navigation_page_in_order(tmp_path: Path) -> None:
    config = {"nav": ["index.md", {"Steps": ["steps/index.md", "steps/1.md"]}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    bodies = {"": "<h1>Home</h1>", "steps/": "<p>No heading</p>", "steps/1/": '<h1 id="one">One</h1>\n<p>x</p>'}
    for url, body in bodies.items():
        (tmp_path / "site" / url).mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / url / "index.html").write_text(page(f"{body}\n{TERMS}"), encoding="utf-8")
    assert read_site(tmp_path / "mkdocs.yml", tmp_path / "site", "https://example.org/") == BuiltSite(
        (
            NavPage("index.md", "", "Home", "<h1>Home</h1>"),
            NavPage("steps/index.md", "steps/", "steps/", "<p>No heading</p>"),
            NavPage("steps/1.md", "steps/1/", "One", '<h1 id="one">One</h1>\n<p>x</p>'),
        ),
        "https://example.org/",
    )


def test_only_the_engine_its_live_preview_and_its_hooks_import_mkdocs() -> None:
    importing = set()
    for module in sorted((ROOT / "generator").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importing.add(module.name)
    assert importing == {"engine.py", "live.py", "hooks.py"}
