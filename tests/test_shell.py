"""Page shells and bodies on disk (generator/hooks.py): the theme renders one page per shell, the rest is
filled in after the build, and every output file is the same as when the theme renders every page."""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import markupsafe
import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from sites import FIXTURE, build_fixture_site, paths_for

from generator import build as pipeline
from generator import hooks

SHELL_PAGE = "partnerships/scshellpageid/index.md"
# Every character that HTML escaping, tag stripping or URL encoding changes, in the title of a page.
AMPERSAND = edit(BASELINE, "  name_th: คุนหมิง", '  name_th: "คุน & \'หมิง\' <b>\\"x\\"</b> &amp; %41"')
FILES: dict[str, str | bytes] = {**FIXTURE, "chiang-mai/ampersand.yml": AMPERSAND}


def tree(folder: Path) -> dict[str, str]:
    """Each file under folder, by path, with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The pages MkDocs renders through the theme during the builds of a test, by source path."""
    pages: list[str] = []
    original = mkdocs_build._build_page

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        pages.append(page.file.src_uri)
        original(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    yield pages


def both(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[Path], Path], rendered: list[str] | None = None
) -> tuple[Path, Path]:
    """The site built with page shells, then without; rendered keeps the pages the theme rendered without."""
    monkeypatch.delenv(hooks.SWITCH, raising=False)
    shelled = build(tmp / "shelled")
    if rendered is not None:
        rendered.clear()
    monkeypatch.setenv(hooks.SWITCH, "off")
    themed = build(tmp / "themed")
    return shelled, themed


def test_shells_change_no_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: list[str]) -> None:
    def build(tmp: Path) -> Path:
        site = build_fixture_site(tmp, FILES).site
        # With shells, the theme renders one made-up partnership page.
        if not (tmp_path / "themed").exists():
            assert [p for p in rendered if p.startswith("partnerships/")] == [SHELL_PAGE]
        return site

    shelled, themed = both(tmp_path, monkeypatch, build, rendered)
    partners = ["bangkok-kunming", "chiang-mai-ampersand", "chiang-mai-hostile", "chiang-mai-kunming"]
    assert sorted(p for p in rendered if p.startswith("partnerships/")) == [
        f"partnerships/{name}/index.md" for name in partners
    ]
    assert tree(shelled) == tree(themed)
    assert sorted(p.parent.name for p in (shelled / "partnerships").glob("*/index.html")) == partners
    html = (shelled / "partnerships" / "chiang-mai-ampersand" / "index.html").read_text(encoding="utf-8")
    title = "จังหวัดเชียงใหม่ – คุน &amp; &#39;หมิง&#39; &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp;amp; %41"
    assert f"<title>{title} - " in html
    assert f"<h1>{title}</h1>" in html
    assert "scshell" not in html.lower()


def test_shells_list_pages_in_the_sitemap_with_a_site_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = "https://example.org/sister-cities/"
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "overrides")
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    def build(tmp: Path) -> Path:
        paths = pipeline.Paths(**{**paths_for(tmp, write(tmp, FILES)).__dict__, "config": config_file})
        pipeline.build(paths, SETTINGS)
        return paths.site

    shelled, themed = both(tmp_path, monkeypatch, build)
    assert tree(shelled) == tree(themed)
    sitemap = (shelled / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>https://example\.org/sister-cities/partnerships/([^/<]+)/</loc>", sitemap)
    assert locs == ["bangkok-kunming", "chiang-mai-ampersand", "chiang-mai-hostile", "chiang-mai-kunming"]
    assert gzip.decompress((shelled / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    assert "scshell" not in sitemap
    html = (shelled / "partnerships" / "chiang-mai-hostile" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/sister-cities/partnerships/chiang-mai-hostile/">' in html


def tiny_site(tmp: Path, theme: str, pages: dict[str, str], plugins: list[str] | None = None) -> Path:
    """A small MkDocs project with these hooks: a home page and pages under docs/things/, built into tmp/site."""
    docs = tmp / "docs"
    for path, text in {"index.md": "# Home\n\nSee [b](things/b/index.md).\n", **pages}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Tiny",
        "site_url": "https://example.org/sub/",
        "theme": theme,
        "plugins": plugins or [],
        "hooks": [str(ROOT / "generator" / "hooks.py")],
        "nav": ["index.md"],
        "docs_dir": str(docs),
        "site_dir": str(tmp / "site"),
    }
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    mkdocs_build.build(load_config(str(tmp / "mkdocs.yml")))
    return tmp / "site"


def thing(name: str, extra: str = "") -> str:
    title = f'T &lt;{name}&gt; &amp; \\"q\\" \'s'
    front = f'---\ntitle: "{title}"\n{extra}shell: thing\nhtml_body: true\n---\n'
    return f"{front}\n<h1>Thing {name}</h1>\n<p>x &amp; y</p>\n"


THINGS = {f"things/{name}/index.md": thing(name) for name in ("a", "b", "c-3")}


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_shells_fill_what_other_themes_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: list[str], theme: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shelled, themed = both(tmp_path, monkeypatch, lambda tmp: tiny_site(tmp, theme, THINGS))
    assert rendered.count("things/scshellpageid/index.md") == 1
    assert tree(shelled) == tree(themed)
    assert (shelled / "things" / "c-3" / "index.html").is_file()


def test_a_plugin_that_sees_every_page_turns_shells_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: list[str]
) -> None:
    site = tiny_site(tmp_path, "mkdocs", THINGS, plugins=["search"])
    assert "things/scshellpageid/index.md" not in rendered
    assert '"location":"things/c-3/"' in (site / "search" / "search_index.json").read_text(encoding="utf-8")


# Of four pages, a and b are written by the forked process, c-3 and d by the build's own; a is the shell's model.
@pytest.mark.parametrize("name", ["b", "d"])
def test_a_page_unlike_its_shell_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str) -> None:
    pages = {
        **THINGS,
        "things/d/index.md": thing("d"),
        f"things/{name}/index.md": thing(name, extra="description: x\n"),
    }
    with pytest.raises(Abort):
        tiny_site(tmp_path, "mkdocs", pages)
    assert f"things/{name}/index.md: its front matter or heading differs from its shell's (thing)" in caplog.text


def test_every_way_a_theme_prints_a_title_is_filled_the_same_way() -> None:
    forms = hooks.TITLE_FORMS
    shell = "".join(f"<{name}>{form(hooks.SHELL_TITLE)}</{name}>" for name, form in forms.items())
    output = f"<a href='/x/{hooks.SHELL_ID}/'>{shell}{hooks.CONTENT_H1}{shell}"
    parts = hooks.Shell("x/", "kind", {}, True, hooks._holes(output, hooks.CONTENT_H1, "x"))
    title = "A &amp; <b>'B'</b> \"C\" %41"
    printed = "".join(f"<{name}>{form(title)}</{name}>" for name, form in forms.items())
    assert parts.fill(title, "id-1", "<h1>body</h1>") == f"<a href='/x/id-1/'>{printed}<h1>body</h1>{printed}"
    assert "<as is>A &amp; <b>'B'</b>" in printed
    assert "<escaped>A &amp;amp; &lt;b&gt;&#39;B&#39;" in printed
    assert "<striptags>A & 'B' \"C\" %41</striptags>" in printed


@pytest.mark.parametrize(
    "output",
    [
        f"<title>{hooks.SHELL_TITLE.upper()}</title>{hooks.CONTENT}",
        f"<title>{markupsafe.escape(str(markupsafe.escape(hooks.SHELL_TITLE)))}</title>{hooks.CONTENT}",
        f"{hooks.CONTENT}{hooks.CONTENT}",
        f"<div>{markupsafe.escape(hooks.CONTENT)}</div>",
        f"{hooks.CONTENT}<a href='/x/{hooks.SHELL_ID.upper()}/'>",
    ],
)
def test_a_placeholder_printed_in_an_unknown_form_stops_the_build(output: str) -> None:
    with pytest.raises(PluginError):
        hooks._holes(output, hooks.CONTENT, "x")


def test_generated_bodies_are_not_in_memory_during_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, tuple[str | None, str | None]] = {}
    original = mkdocs_build._build_page

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.meta.get("html_body") is True:
            seen[page.file.src_uri] = (page.markdown, page.content)
        original(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    site = build_fixture_site(tmp_path, FILES).site
    assert "directory/index.md" in seen
    assert "stats/index.md" in seen
    assert set(seen.values()) <= {(hooks.PLACEHOLDER, hooks.CONTENT), (hooks.PLACEHOLDER, hooks.CONTENT_H1)}
    html = (site / "directory" / "all" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../partnerships/chiang-mai-kunming/"' in html
    assert "SCGENERATEDBODY" not in html
