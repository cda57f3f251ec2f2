"""Page shells and bodies on disk (generator/hooks.py): the theme renders one page per shell, the rest is
filled in after the build, and every output file is the same as when the theme renders every page."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markupsafe
import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit, write
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from sites import FIXTURE, paths_for
from theme_pages_hook import LOG_VARIABLE

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


# A MkDocs hook of the tests that notes each page the theme renders (MkDocs' public on_page_context event).
OBSERVER = Path(__file__).resolve().parent / "theme_pages_hook.py"


@dataclass(frozen=True)
class Rendered:
    """The pages the theme rendered during a test's builds, as tests/theme_pages_hook.py noted them."""

    log: Path

    def lines(self) -> list[tuple[str, str | None, str | None]]:
        if not self.log.exists():
            return []
        return [tuple(json.loads(line)) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def pages(self) -> list[str]:
        """The source paths of the pages the theme rendered, in order."""
        return [line[0] for line in self.lines()]

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Rendered:
    """The pages MkDocs renders through the theme during the builds of a test (builds with OBSERVER)."""
    monkeypatch.setenv(LOG_VARIABLE, str(tmp_path / "theme-pages.jsonl"))
    return Rendered(tmp_path / "theme-pages.jsonl")


def observed_config(tmp: Path, **settings: str) -> Path:
    """The project's mkdocs.yml, with these settings, its paths absolute and OBSERVER among its hooks."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(settings)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]] + [str(OBSERVER)]
    tmp.mkdir(parents=True, exist_ok=True)
    config_file = tmp / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def build_observed(tmp: Path, config: Path) -> Path:
    """Build the fixture site (FILES) with a config from observed_config into tmp/site."""
    paths = pipeline.Paths(**{**paths_for(tmp, write(tmp, FILES)).__dict__, "config": config})
    pipeline.build(paths, SETTINGS)
    return paths.site


def both(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[Path], Path], rendered: Rendered | None = None
) -> tuple[Path, Path]:
    """The site built with page shells, then without; rendered keeps the pages the theme rendered without."""
    monkeypatch.delenv(hooks.SWITCH, raising=False)
    shelled = build(tmp / "shelled")
    if rendered is not None:
        rendered.clear()
    monkeypatch.setenv(hooks.SWITCH, "off")
    themed = build(tmp / "themed")
    return shelled, themed


def test_shells_change_no_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: Rendered) -> None:
    config = observed_config(tmp_path / "config")

    def build(tmp: Path) -> Path:
        site = build_observed(tmp, config)
        # With shells, the theme renders one made-up partnership page.
        if not (tmp_path / "themed").exists():
            assert [p for p in rendered.pages() if p.startswith("partnerships/")] == [SHELL_PAGE]
        return site

    shelled, themed = both(tmp_path, monkeypatch, build, rendered)
    partners = ["bangkok-kunming", "chiang-mai-ampersand", "chiang-mai-hostile", "chiang-mai-kunming"]
    assert sorted(p for p in rendered.pages() if p.startswith("partnerships/")) == [
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
    config = observed_config(tmp_path / "config", site_url="https://example.org/sister-cities/")
    shelled, themed = both(tmp_path, monkeypatch, lambda tmp: build_observed(tmp, config))
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
        "hooks": [str(ROOT / "generator" / "hooks.py"), str(OBSERVER)],
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
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: Rendered, theme: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shelled, themed = both(tmp_path, monkeypatch, lambda tmp: tiny_site(tmp, theme, THINGS))
    assert rendered.pages().count("things/scshellpageid/index.md") == 1
    assert tree(shelled) == tree(themed)
    assert (shelled / "things" / "c-3" / "index.html").is_file()


def test_a_plugin_that_sees_every_page_turns_shells_off_and_says_so(
    tmp_path: Path, rendered: Rendered, caplog: pytest.LogCaptureFixture
) -> None:
    site = tiny_site(tmp_path, "mkdocs", THINGS, plugins=["search"])
    assert "things/scshellpageid/index.md" not in rendered.pages()
    assert "things/c-3/index.md" in rendered.pages()
    assert '"location":"things/c-3/"' in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    [warning] = [r for r in caplog.records if r.name == "generator.hooks"]
    assert warning.levelno == logging.WARNING
    assert warning.getMessage() == (
        "page shells off: the plugins search may need every page, so the theme renders every page (the same site, "
        "slower: about 20 s more at 10,000 partnerships); set SC_PAGE_SHELL=off to build without shells on purpose"
    )


def test_shells_turned_off_on_purpose_build_without_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rendered: Rendered, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(hooks.SWITCH, "off")
    tiny_site(tmp_path, "mkdocs", THINGS, plugins=["search"])
    assert "things/c-3/index.md" in rendered.pages()
    assert [r for r in caplog.records if r.name == "generator.hooks"] == []


def test_shells_stay_on_with_hooks_only(tmp_path: Path, rendered: Rendered, caplog: pytest.LogCaptureFixture) -> None:
    tiny_site(tmp_path, "mkdocs", THINGS)
    assert [p for p in rendered.pages() if p.startswith("things/")] == ["things/scshellpageid/index.md"]
    assert [r for r in caplog.records if r.name == "generator.hooks"] == []


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


def test_generated_bodies_are_not_in_memory_during_the_build(tmp_path: Path, rendered: Rendered) -> None:
    site = build_observed(tmp_path, observed_config(tmp_path / "config"))
    seen = {path: (markdown, content) for path, markdown, content in rendered.lines() if markdown is not None}
    assert "directory/index.md" in seen
    assert "stats/index.md" in seen
    assert set(seen.values()) <= {(hooks.PLACEHOLDER, hooks.CONTENT), (hooks.PLACEHOLDER, hooks.CONTENT_H1)}
    html = (site / "directory" / "all" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../partnerships/chiang-mai-kunming/"' in html
    assert "SCGENERATEDBODY" not in html
