"""The live preview after an edit: the same site as a fresh build of the same inputs, with only changed files rewritten.

One project (partner files, a copy of the handbook and templates) is previewed once; each test edits it, brings
the preview up to date as `serve` does after an edit, and compares the preview's docs tree and site with a fresh
generate() and MkDocs build of the same inputs, every file byte for byte.
"""

from __future__ import annotations

import gc
import queue
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import watchdog.events
from conftest import BASELINE, ROOT, SETTINGS, edit, write

from generator import build as pipeline
from generator import engine, live
from generator.editions import edition
from generator.preview import Preview
from generator.strings import load_strings

OTHER = edit(edit(BASELINE, "  name_en: Kunming", "  name_en: Chengdu"), "  name_th: คุนหมิง", "  name_th: เฉิงตู")
ELSEWHERE = edit(
    edit(edit(OTHER, "province: TH-50", "province: TH-57"), "name_th: จังหวัดเชียงใหม่", "name_th: จังหวัดเชียงราย"),
    "name_en: Chiang Mai Province",
    "name_en: Chiang Rai Province",
)

# A file's content and modification time, by its path in the folder.
Files = dict[str, tuple[bytes, int]]


@dataclass
class Project:
    """A project folder previewed as `serve` previews it, with the outputs in build/."""

    root: Path
    paths: pipeline.Paths
    preview: Preview
    # Each edition's site, by language.
    sites: dict[str, live.LiveSite]

    @property
    def site(self) -> live.LiveSite:
        return self.sites["th"]

    def update(self, *open_pages: str) -> None:
        """What `serve` does after an edit, with these pages of the Thai edition open in a browser; the stale pages
        are left."""
        for page in open_pages:
            self.site.viewing(page)
        for lang, changes in self.preview.regenerate().items():
            self.sites[lang].update(changes.written, changes.removed, changes.config)

    def finish(self) -> None:
        for site in self.sites.values():
            site.finish()
            assert site.stale() == []

    def fresh(self, name: str, lang: str = "th") -> tuple[Path, Path]:
        """An edition's docs tree and site of a fresh build of the same inputs, as `python -m generator build`
        makes them."""
        paths = _paths(self.root, self.root / name).of(edition(lang))
        pipeline.generate(_paths(self.root, self.root / name), SETTINGS)
        site = self.root / name / f"site-{lang}"
        engine.build_site(pipeline.staged_config_path(paths), site, load_strings(lang), SETTINGS.build_date)
        return paths.docs, site


def _paths(root: Path, out: Path) -> pipeline.Paths:
    return pipeline.Paths(
        partners=root / "partners",
        content=root / "content",
        templates=root / "templates",
        config=root / "mkdocs.yml",
        docs=out / "docs",
        site=out / "site",
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("preview")
    write(
        root, {"chiang-mai/kunming.yml": BASELINE, "chiang-mai/chengdu.yml": OTHER, "chiang-rai/chengdu.yml": ELSEWHERE}
    )
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "generator").symlink_to(ROOT / "generator")  # the hooks named in mkdocs.yml
    paths = _paths(root, root / "build")
    preview = Preview(paths, SETTINGS)
    preview.regenerate()
    sites = {
        ed.lang: live.LiveSite(pipeline.staged_config_path(paths.of(ed)), root / ed.lang, SETTINGS.build_date)
        for ed in paths.editions
    }
    for site in sites.values():
        site.build()
    yield Project(root, paths, preview, sites)


def files(folder: Path) -> Files:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def rewritten(before: Files, after: Files) -> set[str]:
    """Files written (a new modification time), added or removed between two looks at a folder."""
    return {
        path for path in before.keys() | after.keys() if before.get(path, (b"", 0))[1] != after.get(path, (b"", 0))[1]
    }


def changed(before: Files, after: Files) -> set[str]:
    """Files whose content changed, added or removed."""
    return {
        path for path in before.keys() | after.keys() if before.get(path, (None, 0))[0] != after.get(path, (None, 0))[0]
    }


def assert_same(preview: Path, fresh: Path, ignore: frozenset[str] = frozenset()) -> None:
    ours, theirs = files(preview), files(fresh)
    assert sorted(ours.keys() - ignore) == sorted(theirs.keys() - ignore)
    different = [path for path in ours if path not in ignore and ours[path][0] != theirs[path][0]]
    assert different == []


def edited(project: Project, rel: str, old: str, new: str, fresh: str) -> tuple[set[str], set[str]]:
    """Edit a file of the project and update the preview; compare with a fresh build; the site files the update
    rewrote, and those whose content changed."""
    docs, site = project.paths.docs, project.site.site_dir
    before = files(site)
    path = project.root / rel
    path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    project.update()
    project.finish()
    fresh_docs, fresh_site = project.fresh(fresh)
    assert_same(docs, fresh_docs)
    assert_same(site, fresh_site)
    after = files(site)
    return rewritten(before, after), changed(before, after)


def test_a_partner_file_edit_rewrites_the_pages_that_show_it_and_nothing_else(project: Project) -> None:
    written, different = edited(
        project, "partners/chiang-mai/kunming.yml", "  name_th: คุนหมิง", "  name_th: นครคุนหมิง", "fresh-partner"
    )
    assert written == different
    assert {
        "partnerships/chiang-mai-kunming/index.html",
        "provinces/chiang-mai/index.html",
        "countries/cn/index.html",
        "directory/all/index.html",
        "data/partnerships.json",
    } <= written
    # The directory's data: the piece holding Chiang Mai's rows changed, and only the pieces whose text did.
    assert any(path.startswith("directory/data/rows-") for path in written)
    page = (project.site.site_dir / "partnerships/chiang-mai-kunming/index.html").read_text(encoding="utf-8")
    assert "<title>จังหวัดเชียงใหม่ – นครคุนหมิง" in page
    assert "partnerships/chiang-mai-chengdu/index.html" not in written
    assert "provinces/chiang-rai/index.html" not in written


def test_a_status_change_moves_the_partnership_between_listings(project: Project) -> None:
    written, different = edited(
        project, "partners/chiang-rai/chengdu.yml", "status: active", "status: dormant", "fresh-status"
    )
    assert written == different
    assert {"status/active/index.html", "status/dormant/index.html", "stats/index.html"} <= written
    assert "partnerships/chiang-mai-kunming/index.html" not in written


def test_a_chapter_edit_rewrites_its_page(project: Project) -> None:
    text = (project.root / "content/faq.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]  # after the front matter
    paragraph = next(line for line in body.splitlines() if line and not line.startswith(("#", "-", "<", "|")))
    written, different = edited(project, "content/faq.md", paragraph, paragraph + " แก้แล้ว", "fresh-chapter")
    assert written == different
    assert "faq/index.html" in written
    assert "แก้แล้ว" in (project.site.site_dir / "faq/index.html").read_text(encoding="utf-8")
    assert "glossary/index.html" not in written


def test_a_page_template_edit_rewrites_the_pages_made_from_it(project: Project) -> None:
    written, different = edited(
        project,
        "templates/pages/partnership.md.j2",
        '<article class="sc-partnership">',
        '<article class="sc-partnership sc-x">',
        "fresh-template",
    )
    assert written == different
    assert {
        "partnerships/chiang-mai-kunming/index.html",
        "partnerships/chiang-mai-chengdu/index.html",
        "partnerships/chiang-rai-chengdu/index.html",
    } <= written
    assert "provinces/chiang-mai/index.html" not in written


def test_a_theme_template_edit_renders_every_page_again(project: Project) -> None:
    _, different = edited(
        project,
        "templates/overrides/main.html",
        "{% block extrahead %}",
        "{% block extrahead %}<!-- x -->",
        "fresh-theme",
    )
    assert {"faq/index.html", "partnerships/chiang-mai-kunming/index.html", "404.html"} <= different
    assert "<!-- x -->" in (project.site.site_dir / "faq/index.html").read_text(encoding="utf-8")


def test_an_added_and_a_removed_partner_file(project: Project) -> None:
    write(project.root, {"chiang-mai/chengdu-2.yml": edit(OTHER, "signed: 1999-06-07", "signed: 2001-06-07")})
    (project.root / "partners/chiang-rai/chengdu.yml").unlink()
    project.update()
    assert project.site.stale() == []  # a file added or removed builds the whole site
    fresh_docs, fresh_site = project.fresh("fresh-added")
    assert_same(project.paths.docs, fresh_docs)
    assert_same(project.site.site_dir, fresh_site)
    assert (project.site.site_dir / "partnerships/chiang-mai-chengdu-2/index.html").is_file()
    assert not (project.site.site_dir / "partnerships/chiang-rai-chengdu").exists()


def test_the_open_page_is_rendered_before_the_browser_reloads_and_the_others_when_asked(project: Project) -> None:
    site = project.site.site_dir
    template = project.root / "templates/pages/partnership.md.j2"
    template.write_text(edit(template.read_text(encoding="utf-8"), "<article", "<!-- open --><article"), "utf-8")
    project.update("/partnerships/chiang-mai-kunming/")
    assert "<!-- open -->" in (site / "partnerships/chiang-mai-kunming/index.html").read_text(encoding="utf-8")
    other = site / "partnerships/chiang-mai-chengdu/index.html"
    assert "<!-- open -->" not in other.read_text(encoding="utf-8")
    assert "partnerships/chiang-mai-chengdu/index.html" in project.site.stale()
    # A request for a stale page renders it before it is served.
    served: list[str] = []

    def serve(environ: dict[str, object], start: object) -> list[bytes]:
        served.append(other.read_text(encoding="utf-8"))
        return []

    app = live.live_app({"": project.site}, "/", serve)
    app({"PATH_INFO": "/partnerships/chiang-mai-chengdu/"}, lambda *args: None)
    assert "<!-- open -->" in served[0]
    assert "partnerships/chiang-mai-chengdu/index.html" not in project.site.stale()
    project.site.finish()
    fresh_docs, fresh_site = project.fresh("fresh-open")
    assert_same(project.paths.docs, fresh_docs)
    assert_same(site, fresh_site)


def test_a_page_is_open_while_it_polls_for_live_reload() -> None:
    site, english = live.LiveSite(Path("mkdocs.yml"), Path("site")), live.LiveSite(Path("en.yml"), Path("en"))
    app = live.live_app({"": site, "en": english}, "/sub/", lambda environ, start: [])
    poll: dict[str, object] = {"PATH_INFO": "/livereload/1/2", "HTTP_REFERER": "http://127.0.0.1:8000/sub/%E0%B8%81/"}
    app(poll, lambda *args: None)
    app({**poll, "HTTP_REFERER": "http://127.0.0.1:8000/elsewhere/"}, lambda *args: None)
    app({**poll, "HTTP_REFERER": "http://127.0.0.1:8000/sub/en/faq/"}, lambda *args: None)
    app({**poll, "HTTP_REFERER": "http://127.0.0.1:8000/sub/english/"}, lambda *args: None)
    assert site.open_pages() == ["english/index.html", "ก/index.html"]
    assert english.open_pages() == ["faq/index.html"]
    site.viewing("faq/", now=time.monotonic() - live.OPEN_SECONDS - 1)
    assert site.open_pages() == ["english/index.html", "ก/index.html"]


def test_the_worker_renders_every_stale_page_and_stops_when_closed(project: Project) -> None:
    main = project.root / "templates/overrides/main.html"
    main.write_text(edit(main.read_text(encoding="utf-8"), "{% block extrahead %}", "{% block extrahead %}<!-- w -->"))
    project.update()
    assert len(project.site.stale()) > 10
    last = project.site.stale()[-1]
    worker = threading.Thread(target=project.site.work)
    worker.start()
    # A request does not wait for the worker to render every page before its own: it is rendered while others
    # are still stale.
    assert project.site.render(last)
    assert project.site.stale() != []
    deadline = time.monotonic() + 120
    while project.site.stale() and time.monotonic() < deadline:
        worker.join(timeout=0.05)
    project.site.close()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert project.site.stale() == []
    assert "<!-- w -->" in (project.site.site_dir / "glossary/index.html").read_text(encoding="utf-8")


def test_no_page_of_any_edition_is_rendered_while_a_docs_tree_is_held(project: Project) -> None:
    chapter = project.root / "content/faq.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nย่อหน้าใหม่\n", encoding="utf-8")
    project.update()
    assert "faq/index.html" in project.site.stale()
    rendered = threading.Event()

    def render() -> None:
        if project.site.render("faq/"):
            rendered.set()

    other = threading.Thread(target=render)
    # MkDocs' hooks keep one build's state: holding the English site holds the Thai one too.
    with project.sites["en"].held():
        other.start()
        assert not rendered.wait(timeout=0.5)
    other.join(timeout=30)
    assert rendered.is_set()


def test_the_english_edition_follows_an_edit_of_its_chapter_and_of_a_partner_file(project: Project) -> None:
    en = project.paths.of(edition("en"))
    faq = project.root / "content/en/faq.md"
    body = faq.read_text(encoding="utf-8").split("---\n", 2)[2]
    paragraph = next(line for line in body.splitlines() if line and not line.startswith(("#", "-", "<", "|")))
    faq.write_text(edit(faq.read_text(encoding="utf-8"), paragraph, paragraph + " Edited."), encoding="utf-8")
    partner = project.root / "partners/chiang-mai/kunming.yml"
    partner.write_text(edit(partner.read_text(encoding="utf-8"), "  name_en: Kunming", "  name_en: Kunming City"))
    project.update()
    project.finish()
    fresh_docs, fresh_site = project.fresh("fresh-english", "en")
    assert_same(en.docs, fresh_docs)
    assert_same(project.sites["en"].site_dir, fresh_site)
    site = project.sites["en"].site_dir
    assert "Edited." in (site / "faq/index.html").read_text(encoding="utf-8")
    assert "Kunming City" in (site / "partnerships/chiang-mai-kunming/index.html").read_text(encoding="utf-8")


def test_an_update_put_off_runs_before_any_page_is_served_or_counted_stale() -> None:
    site = live.LiveSite(Path("mkdocs.yml"), Path("site"))
    ran: list[str] = []
    site.defer(lambda: ran.append("first"))
    site.defer(lambda: ran.append("second"))  # a later update replaces the one put off
    assert not site.render("faq/")
    assert ran == ["second"]
    site.defer(lambda: ran.append("third"))
    assert site.stale() == [] and ran == ["second", "third"]


def test_an_edit_runs_with_the_cyclic_collector_paused_and_collects_once_after() -> None:
    seen: list[bool] = []
    collected: list[str] = []
    gc.callbacks.append(lambda phase, info: collected.append(phase))
    try:
        live.paused_collector(lambda: seen.append(gc.isenabled()))
        assert seen == [False] and gc.isenabled()
        assert "stop" in collected  # the one collection after the edit
        with pytest.raises(ValueError):
            live.paused_collector(_fail)
        assert gc.isenabled()
    finally:
        gc.callbacks.pop()


def _fail() -> None:
    raise ValueError("a failed edit")


def test_the_preview_rebuilds_when_a_file_changes_not_when_one_is_read(tmp_path: Path) -> None:
    read, written = tmp_path / "read.yml", tmp_path / "written.yml"
    read.write_text("a", encoding="utf-8")
    seen: queue.Queue[str] = queue.Queue()
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.put(Path(str(event.src_path)).name)  # type: ignore[method-assign]
    observer = live.edit_observer()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        read.read_text(encoding="utf-8")
        written.write_text("b", encoding="utf-8")
        # The kernel reports events in order: the first is the write's unless reading made one.
        assert seen.get(timeout=30) == "written.yml"
    finally:
        observer.stop()
        observer.join()
