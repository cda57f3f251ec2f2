"""The live preview's side of the MkDocs adapter (with generator/engine.py and the hooks, the only modules that
import mkdocs): a site built whole once, then page by page after each edit, served with live reload."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import logging
import os
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.engine import dated, quiet, site_url

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files, InclusionLevel
    from mkdocs.structure.nav import Navigation
    from watchdog.observers.api import BaseObserver

# From this many changed files on, the live preview builds the whole site: the build fills one shell per kind of
# page (generator/hooks.py), faster than the theme rendering each page (a template of every partnership page).
WHOLE_BUILD_FROM = 1000
# A page polls for live reload at least once a minute while it is open (MkDocs' server answers a poll within 60 s).
OPEN_SECONDS = 90.0
# How long a thread of the live preview runs before another may (Python's default: 0.005).
SWITCH_SECONDS = 0.0005
# The name of the live preview's plugin keeping what a build gathered (LiveSite); it reads no page, so the page
# shells of generator/hooks.py stay on (its SHELL_SAFE_PLUGINS).
LIVE_SITE_PLUGIN = "generator/live-site"


class Turns:
    """One lock for everything MkDocs does in this process, whichever site it is for: MkDocs' hooks
    (generator/hooks.py) keep the state of one build or page at a time, and SOURCE_DATE_EPOCH is one for the
    process. Workers take it only while no other thread waits for its turn."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.free = threading.Condition(self.lock)
        # How many threads wait for their turn or hold it.
        self.asking = 0
        self._counting = threading.Lock()

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """The lock, before any worker's next page."""
        with self._counting:
            self.asking += 1
        with self.lock:
            try:
                yield
            finally:
                with self._counting:
                    self.asking -= 1
                self.free.notify_all()


TURNS = Turns()


class LiveSite:
    """The live preview's site: built whole by MkDocs once, then page by page for the docs files an edit changed.

    A page is rendered again as MkDocs' build renders it (the same plugin events, theme and navigation), so it
    equals a whole build's (tests/test_preview.py compares). After an edit, the pages open in a browser (each
    polls for live reload, naming itself) are rendered first, before the browsers reload; the others the edit
    changed are stale until a request asks for one (it is rendered before it is served) or the worker
    (serve_live) gets to it. A page in the navigation is read at once: a new title there changes every page.
    Whatever reaches beyond the changed pages (the config, a file added or removed, a title in the navigation,
    a theme file other than a template, more pages than WHOLE_BUILD_FROM) builds the whole site; a theme
    template's change makes every page stale.

    Its methods may be called from several threads (the server's, the builder's, the worker's): one at a time,
    and the worker waits while another thread waits for its turn.
    """

    def __init__(
        self,
        config_file: Path,
        site_dir: Path,
        build_date: datetime.date | None = None,
        links: Mapping[str, Path] | None = None,
    ) -> None:
        self.config_file, self.site_dir, self.build_date = config_file, site_dir, build_date
        # Folders of the site that are other sites (another edition's, en/), linked to where they are built.
        self.links = dict(links or {})
        self._kept: _Kept | None = None
        self._theme: dict[str, int] = {}
        self._turns = TURNS
        # The site files to render again (a docs page, or a template of the theme such as 404.html), in order.
        self._stale: dict[str, File | str] = {}
        # An update put off (defer): run before any page is rendered or served.
        self._deferred: Callable[[], None] | None = None
        self._deferred_lock = threading.Lock()
        # The site file of each page a browser has open, and when it last polled for live reload.
        self._open: dict[str, float] = {}
        self._open_lock = threading.Lock()
        self._closed = False

    def build(self) -> None:
        """Build the whole site, keeping what MkDocs gathered for the pages built later."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        with self._turn():
            quiet()
            config = load_config(str(self.config_file), site_dir=str(self.site_dir), strict=True)
            self._theme = _stamps(config.theme.dirs[:1])
            self._kept = _keep(config)
            self._stale.clear()
            with dated(self.build_date):
                build(config)
            for name, target in self.links.items():
                # MkDocs empties the site folder first, but leaves a link to a folder where it is.
                if not (self.site_dir / name).is_symlink():
                    (self.site_dir / name).symlink_to(target, target_is_directory=True)

    def update(self, written: Collection[str], removed: Collection[str], config_changed: bool) -> None:
        """Render again the open pages of the written docs files, copy the other written files, and leave the
        rest of the pages stale; or build it all."""
        with self._turn():
            kept = self._kept
            theme = self._theme_change()
            if kept is None or kept.files is None or config_changed or removed or theme is None:
                return self.build()
            files = [kept.files.get_file_from_path(path) for path in sorted(written)]
            if any(file is None for file in files) or len(files) >= WHOLE_BUILD_FROM:
                return self.build()
            pages: list[File | str] = [file for file in files if file is not None and file.is_documentation_page()]
            with dated(self.build_date):
                for file in files:
                    if file is not None and not file.is_documentation_page():
                        file.copy_file(dirty=False)
                if not all(kept.read(file) for file in pages if not isinstance(file, str) and kept.in_nav(file)):
                    return self.build()
            if theme:
                kept.renew_env()
                pages = [*kept.files.documentation_pages(inclusion=_any), *kept.theme_pages()]
            for item in pages:
                self._stale[item if isinstance(item, str) else item.dest_uri] = item
            for path in self.open_pages():
                self._render(path)
        return None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """No page is rendered meanwhile: the docs tree may change (a regeneration)."""
        with self._turn():
            yield

    def viewing(self, path: str, now: float | None = None) -> None:
        """A browser has the page of this site path open (it polls for live reload from there)."""
        with self._open_lock:
            self._open[_site_file(path)] = time.monotonic() if now is None else now

    def open_pages(self) -> list[str]:
        """The site files of the pages open in a browser: those that polled in the last OPEN_SECONDS."""
        with self._open_lock:
            since = time.monotonic() - OPEN_SECONDS
            self._open = {path: at for path, at in self._open.items() if at >= since}
            return sorted(self._open)

    def defer(self, update: Callable[[], None]) -> None:
        """Put off an update of the site (an edition no browser has open): it runs before a request for any of its
        files is served (never in the background: it would slow the edition being looked at); a later one
        replaces it. Taken without waiting for a page being rendered."""
        with self._deferred_lock:
            self._deferred = update

    def stale(self) -> list[str]:
        """The site files still to render again (after any update put off)."""
        with self._turn():
            self._run_deferred()
            return list(self._stale)

    def render(self, path: str) -> bool:
        """Render the site file of this site path again if it is stale; whether it was."""
        if self._deferred is None and _site_file(path) not in self._stale:
            return False  # most requests (a page rendered, an asset) wait for nothing
        with self._turn():
            self._run_deferred()
            return self._render(path)

    def _run_deferred(self) -> None:
        with self._deferred_lock:
            update, self._deferred = self._deferred, None
        if update is not None:
            update()

    def _render(self, path: str) -> bool:
        item = self._stale.pop(_site_file(path), None)
        if item is None or self._kept is None:
            return False
        with dated(self.build_date):
            self._kept.render(item)
        return True

    def finish(self) -> None:
        """Render every stale page now."""
        while (path := next(iter(self.stale()), None)) is not None:
            self.render(path)

    def work(self) -> None:
        """Render stale pages one at a time, waiting for more, until close(); a failed page is reported and left."""
        while True:
            with self._turns.lock:
                self._turns.free.wait_for(lambda: self._closed or (bool(self._stale) and not self._turns.asking))
                if self._closed:
                    return
                try:
                    self._render(next(iter(self._stale)))
                except Exception:
                    logging.getLogger("mkdocs").exception("%s", self.site_dir)

    def close(self) -> None:
        """Stop the worker."""
        with self._turn():
            self._closed = True

    def _turn(self) -> contextlib.AbstractContextManager[None]:
        return self._turns.turn()

    def _theme_change(self) -> bool | None:
        """Whether the project's theme files changed: False if not, True if only its templates, else None."""
        if self._kept is None:
            return None
        now = _stamps(self._kept.config.theme.dirs[:1])
        changed = {path for path in now.keys() | self._theme.keys() if now.get(path) != self._theme.get(path)}
        self._theme = now
        if not changed:
            return False
        return True if all(path.endswith(".html") for path in changed) else None


def _any(level: InclusionLevel) -> bool:
    """Every page, those MkDocs' build leaves out too (the page shells of generator/hooks.py)."""
    return True


def _site_file(path: str) -> str:
    """The site file of a site path: a folder's index.html."""
    path = path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def _stamps(folders: Sequence[str]) -> dict[str, int]:
    """Each file's modification time under the folders: the project's theme overrides come first in theme.dirs."""
    return {
        str(path): path.stat().st_mtime_ns for folder in folders for path in Path(folder).rglob("*") if path.is_file()
    }


@dataclass
class _Kept:
    """What MkDocs gathered in the last whole build: config, files, navigation and theme environment."""

    config: MkDocsConfig
    files: Files | None = None
    nav: Navigation | None = None
    env: jinja2.Environment | None = None

    def in_nav(self, file: File) -> bool:
        """Whether the page is in the navigation."""
        assert self.nav is not None
        return file.page is not None and file.page in self.nav.pages

    def renew_env(self) -> None:
        """A new theme environment, as the build makes it: the theme's templates are read again."""
        assert self.files is not None
        self.config.plugins.on_env(self.config.theme.get_env(), config=self.config, files=self.files)

    def render(self, item: File | str) -> None:
        """Render a page, or a template of the theme, again and write it."""
        assert self.files is not None
        if isinstance(item, str):
            self.write_template(item)
        elif self.read(item):
            self.write(item, self.files.documentation_pages())

    def theme_pages(self) -> list[str]:
        """The theme's pages made from its HTML templates (404.html; sitemap.xml is no page of the theme's look)."""
        return sorted(name for name in self.config.theme.static_templates if name.endswith(".html"))

    def write_template(self, name: str) -> None:
        """Render a template of the theme (404.html) and write it, as the build does."""
        from mkdocs import utils
        from mkdocs.commands.build import get_context

        config, files, nav, env = self.config, self.files, self.nav, self.env
        assert files is not None and nav is not None and env is not None
        template = config.plugins.on_pre_template(env.get_template(name), template_name=name, config=config)
        # An error page's links start from the site's root path, as it may be served at any address.
        error = utils.is_error_template(name)
        base = urllib.parse.urlsplit(config.site_url or "/").path if error else utils.get_relative_url(".", name)
        context = get_context(nav, files, config, base_url=base)
        context = config.plugins.on_template_context(context, template_name=name, config=config)
        output = config.plugins.on_post_template(template.render(context), template_name=name, config=config)
        if output.strip():
            utils.write_file(output.encode("utf-8"), os.path.join(config.site_dir, name))

    def read(self, file: File) -> bool:
        """Read and render a page's Markdown again, as the build does; False when its navigation title changed."""
        from mkdocs.structure.pages import Page

        config, files = self.config, self.files
        assert files is not None
        page = file.page or Page(None, file, config)
        title = page.title
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        assert self.nav is not None
        return page not in self.nav.pages or page.title == title

    def write(self, file: File, pages: Sequence[File]) -> None:
        """Put a page read again through the theme and write it, as the build does (pages: the site's)."""
        from mkdocs import utils
        from mkdocs.commands.build import get_context

        config, files, nav, env, page = self.config, self.files, self.nav, self.env, file.page
        assert files is not None and nav is not None and env is not None and page is not None
        page.active = True
        try:
            context = get_context(nav, pages, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
        if output.strip():
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def _keep(config: MkDocsConfig) -> _Kept:
    """A plugin of our own keeping the build's files, navigation and theme environment (it reads no page)."""
    from mkdocs.plugins import BasePlugin

    kept = _Kept(config)

    class Keep(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # a plugin without options
        def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
            kept.files, kept.nav = files, nav
            return nav

        def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
            kept.env = env
            return env

    config.plugins[LIVE_SITE_PLUGIN] = Keep()
    return kept


def serve_live(
    sites: Mapping[str, LiveSite], dev_addr: str, watched: Sequence[Path], rebuild: Callable[[], None]
) -> None:
    """Serve the sites of the editions, by their folder ("" the main one, at the root), with live reload until
    interrupted: rebuild() runs after any change under watched, then every open page reloads; a worker per
    edition renders the pages an edit left stale, and a request for one renders it first."""
    from mkdocs.livereload import LiveReloadServer

    main = sites[""]
    host, port = dev_addr.rsplit(":", 1)
    mount = urllib.parse.urlsplit(site_url(main.config_file) or "/").path
    builder = functools.partial(paused_collector, rebuild)
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(main.site_dir), mount_path=mount)
    # The kernel's file events instead of a walk of the inputs every half second (10,000 partner files).
    server.observer = edit_observer()  # type: ignore[assignment]  # any observer schedules alike
    server.error_handler = lambda code: _error_page(main.site_dir, code)
    server.set_app(live_app(sites, mount, server.serve_request))
    for path in watched:
        server.watch(str(path))
    # The workers render in the background while the server answers the browsers: the interpreter hands its lock
    # between threads ten times as often as by default, so a request waits less behind a worker's page.
    sys.setswitchinterval(SWITCH_SECONDS)
    for site in sites.values():
        threading.Thread(target=site.work, daemon=True).start()
    # What the first build made and every edit keeps (the checked partner files, templates, MkDocs' files) is left
    # out of the cyclic collector's passes: at 10,000 partnerships a pass over it took up to half an edit's time.
    gc.collect()
    gc.freeze()
    try:
        server.serve()  # type: ignore[no-untyped-call]  # livereload's methods have no annotations
    except KeyboardInterrupt:
        pass
    finally:
        for site in sites.values():
            site.close()
        server.shutdown()


def edit_observer() -> BaseObserver:
    """A watchdog observer of the kernel's file events that reports only those changing a file or a folder.

    Opening and closing a file unchanged are events too: the preview reads the files an edit changed, an editor
    or `git status` reads others, and each read would otherwise make another rebuild and reload every page."""
    import watchdog.events
    import watchdog.observers

    changes: list[type[watchdog.events.FileSystemEvent]] = [
        watchdog.events.FileCreatedEvent,
        watchdog.events.FileModifiedEvent,
        watchdog.events.FileAttribEvent,  # `touch`
        watchdog.events.FileDeletedEvent,
        watchdog.events.FileMovedEvent,  # an editor's save through a temporary file
        watchdog.events.DirCreatedEvent,
        watchdog.events.DirDeletedEvent,
        watchdog.events.DirMovedEvent,
    ]
    observer = watchdog.observers.Observer()
    # MkDocs' server schedules each watched folder without a filter of events; every schedule gets this one.
    observer.schedule = functools.partial(observer.schedule, event_filter=changes)  # type: ignore[method-assign]
    return observer


def paused_collector(rebuild: Callable[[], None]) -> None:
    """rebuild() with Python's cyclic garbage collector paused, then one collection: an edit's objects are
    collected once, after the open pages are rendered, and the browsers reload after it (one pass over what an edit
    made, with the first build's objects frozen: tens of milliseconds at 10,000 partnerships)."""
    gc.disable()
    try:
        rebuild()
    finally:
        gc.enable()
        gc.collect()


# A WSGI application: environ, start_response -> the body.
App = Callable[[dict[str, object], Callable[..., object]], Iterable[bytes]]


def live_app(sites: Mapping[str, LiveSite], mount: str, serve: App) -> App:
    """The live-reload server's application, telling each edition's site which of its pages are open (a page's
    poll for live reload names it as its referrer) and rendering a stale page before serving it."""
    mount = mount if mount.endswith("/") else mount + "/"
    # The other editions' folders first, then the main one's (""), which holds every other path.
    order = sorted(sites, key=lambda folder: folder == "")

    def site_of(path: str) -> tuple[LiveSite, str] | None:
        """The site holding a server path, and the path in that site."""
        if not (path + "/").startswith(mount):
            return None
        rest = path[len(mount) :]
        folder = next(f for f in order if not f or (rest + "/").startswith(f + "/"))
        return sites[folder], rest[len(folder) + 1 :] if folder else rest

    def app(environ: dict[str, object], start_response: Callable[..., object]) -> Iterable[bytes]:
        # The server's own reading of the path: WSGI gives it as latin-1 of its UTF-8 bytes.
        path = str(environ.get("PATH_INFO", "")).encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            referrer = urllib.parse.unquote(urllib.parse.urlsplit(str(environ.get("HTTP_REFERER", ""))).path)
            found = site_of(referrer) if referrer else None
            if found is not None:
                found[0].viewing(found[1])
        elif (found := site_of(path)) is not None:
            found[0].render(found[1])
        return serve(environ, start_response)

    return app


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
