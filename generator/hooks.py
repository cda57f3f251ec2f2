"""MkDocs hooks (listed in mkdocs.yml): speed-ups and memory savings that change no output.

Bodies on disk. Generated pages (front matter `html_body: true`) are one HTML block that
Python-Markdown would pass through unchanged after parsing every tag twice. Markdown gets a
one-word placeholder instead, the theme a placeholder comment, and the body is read again from
its source file when the page is written (on_post_page): Markdown never parses a generated body,
and no body stays in memory between MkDocs' reading and writing phases.

Shells. Generated pages whose front matter names a shell (`shell: partnership`) and that sit in
one folder each (`<folder>/<id>/index.md`, so all at the same depth, out of the navigation) differ
in the theme's output only in their title, address and body. MkDocs never reads them: the theme
renders one made-up page per shell and folder, `<folder>/scshellpageid/index.md`, whose title,
id and body are placeholders, and after the build (on_post_build) each real page is written by
filling that shell from its source file, one page at a time; sitemap.xml and sitemap.xml.gz are
written again, listing the pages where and as MkDocs would have. Each placeholder is put back
through the same transformation the theme applied to it: the title's placeholder leaves a
different trace for each transformation in TITLE_FORMS, and a trace of any other stops the build,
as does a page whose front matter differs from its shell's in anything but a non-empty title, or
whose body differs in having an <h1> (Material adds a heading to content without one). Markdown
links to a shell page still resolve (MkDocs logs, as INFO, that the page is excluded from its build).

Both are optional: without this file (hooks: [] in mkdocs.yml) or with SC_PAGE_SHELL=off in the
environment (every page through the theme), the site is the same, byte for byte, only slower; tests
compare them. Shells switch themselves off when the build has a plugin (hooks aside): a plugin such as
MkDocs' search, which collects every page, would miss shell pages. The build then says so at WARNING,
on the logger generator.hooks, outside MkDocs' own: its strict mode would stop a build that is only
slower. SC_PAGE_SHELL=off says that is intended, and silences it.

An engine that ignores hooks (Zensical) builds the same pages, only slower. MkDocs loads this file by
path; where the generator is importable too, half the shell pages are written by a forked process
(generator.parallel), otherwise all by this one. Typed against MkDocs' own types (it ships py.typed).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import posixpath
import re
import runpy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TypeVar, cast

import jinja2
import jinja2.filters
import jinja2.utils
import markupsafe
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

# The markers are declared once, in reserved.py beside this file, which the validator reads too. MkDocs loads
# this file by its path, where the generator package may not be importable: read that file the same way.
_RESERVED = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reserved.py"))
PLACEHOLDER: str = _RESERVED["PLACEHOLDER"]
SHELL_ID: str = _RESERVED["SHELL_ID"]
SHELL_TITLE_MARK: str = _RESERVED["SHELL_TITLE_MARK"]

T = TypeVar("T")
Item = TypeVar("Item")

try:
    from generator.parallel import halves
except ImportError:  # MkDocs run without the generator on its path: every page is written by this process

    def halves(work: Callable[[list[Item]], T], items: list[Item]) -> list[T]:
        return [work(items)]


SWITCH = "SC_PAGE_SHELL"
OFF_WARNING = (
    "page shells off: the plugins %s may need every page, so the theme renders every page (the same site, "
    "slower: about 20 s more at 10,000 partnerships); set %s=off to build without shells on purpose"
)
SHELL_KEY = "shell"
# What the theme gets as the content: Material adds its own <h1> to content without "<h1", so a
# body with one gets a placeholder with one.
CONTENT = f"<!--{PLACEHOLDER}-->"
CONTENT_H1 = f"<!--{PLACEHOLDER}<h1>-->"
SHELL_TITLE = f'{SHELL_TITLE_MARK}<i>&amp;"</i>'
# How a theme may print a title; each leaves its own trace of SHELL_TITLE in the shell.
TITLE_FORMS: dict[str, Callable[[str], str]] = {
    "as is": str,
    "escaped": lambda text: str(markupsafe.escape(text)),
    "striptags": lambda text: markupsafe.Markup(text).striptags(),
    "urlencode": lambda text: str(jinja2.filters.do_urlencode(text)),
    "tojson": lambda text: str(jinja2.utils.htmlsafe_json_dumps(text)),
}
# Plugins that never see a shell page: the live preview's keeper of the files and navigation
# (generator/live.py, LIVE_SITE_PLUGIN).
SHELL_SAFE_PLUGINS = frozenset({"generator/live-site"})
SHELL_PAGE = re.compile(r"((?:[^/]+/)*)([A-Za-z0-9_-]+)/index\.md")


@dataclass
class Shell:
    """The pages of one shell in one folder, and the theme's output for them with holes."""

    folder: str
    name: str
    meta: dict[str, object]  # the front matter every page of the shell has, title aside (YAML data)
    h1: bool
    parts: list[str | Callable[[str, str, str], str]] = field(default_factory=list)

    def fill(self, title: str, page_id: str, body: str) -> str:
        """The theme's output for one page of this shell."""
        return "".join(part if isinstance(part, str) else part(title, page_id, body) for part in self.parts)


@dataclass
class State:
    """What the hooks keep during one build."""

    shell_on: bool = True
    bodies: dict[str, tuple[bytes, bool]] = field(default_factory=dict)  # src_uri: body digest, has <h1
    shells: dict[str, Shell] = field(default_factory=dict)  # by the made-up page's src_uri
    members: dict[str, str] = field(default_factory=dict)  # a shell page's src_uri: its shell's
    files: Files | None = None
    nav: Navigation | None = None
    env: jinja2.Environment | None = None


_state = State()
log = logging.getLogger("generator.hooks")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build with nothing kept from the one before (MkDocs loads this module once per process)."""
    global _state
    _state = State(shell_on=os.environ.get(SWITCH, "on").lower() not in ("off", "0", "false", "no"))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Take the shell pages out of MkDocs' build; add one made-up page per shell and folder."""
    # MkDocs lists hooks among the plugins, as modules; a plugin is an object.
    others = sorted(
        name
        for name, plugin in config.plugins.items()
        if not isinstance(plugin, ModuleType) and name not in SHELL_SAFE_PLUGINS
    )
    if others and _state.shell_on:
        log.warning(OFF_WARNING, ", ".join(others), SWITCH)
        _state.shell_on = False
    if not _state.shell_on:
        return files
    groups: dict[tuple[str, str], list[File]] = {}
    for file in files.documentation_pages():
        match = SHELL_PAGE.fullmatch(file.src_uri)
        name = _marked(file.abs_src_path) if match and file.abs_src_path else None
        if match and name:
            groups.setdefault((match.group(1), name), []).append(file)
    for (folder, name), pages in groups.items():
        uri = f"{folder}{SHELL_ID}/index.md"
        if uri in files:
            raise PluginError(f"{uri} is the name of a shell page")
        source = pages[0].content_string
        markdown, meta = get_data(source)
        if meta.get("html_body") is not True or meta.get(SHELL_KEY) != name:
            raise PluginError(f"{pages[0].src_uri}: a shell page must be a generated page (html_body: true)")
        for file in pages:
            file.inclusion = InclusionLevel.EXCLUDED
            _state.members[file.src_uri] = uri
        files.append(File.generated(config, uri, content=source))
        _state.shells[uri] = Shell(folder, name, _without_title(meta), "<h1" in markdown)
    _state.files = files
    return files


def _marked(path: str) -> str | None:
    """The shell a page's front matter names (read up to its end, not parsed), or None."""
    with open(path, encoding="utf-8-sig") as source:
        if source.readline().rstrip() != "---":
            return None
        for line in source:
            if line.rstrip() in ("---", "..."):
                return None
            if line.startswith(f"{SHELL_KEY}:"):
                return line.partition(":")[2].strip() or None
    return None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep the navigation for the sitemap."""
    _state.nav = nav
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Keep the theme's environment for the sitemap."""
    _state.env = env
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give Markdown a one-word placeholder for a generated body; note what checks it later."""
    if page.meta.get("html_body") is not True:
        return markdown
    body = markdown.strip("\n")
    _state.bodies[page.file.src_uri] = (_digest(body), "<h1" in body)
    if page.file.src_uri in _state.shells:
        page.meta["title"] = SHELL_TITLE
    return PLACEHOLDER


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the theme a placeholder comment in place of the rendered placeholder."""
    noted = _state.bodies.get(page.file.src_uri)
    if noted is None:
        return html
    if html != f"<p>{PLACEHOLDER}</p>":
        raise PluginError(f"unexpected placeholder rendering on {page.file.src_uri}: {html[:80]!r}")
    return CONTENT_H1 if noted[1] else CONTENT


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put a generated body back, read again from its source; keep a shell's output and write nothing."""
    noted = _state.bodies.pop(page.file.src_uri, None)
    if noted is None:
        return output
    content = CONTENT_H1 if noted[1] else CONTENT
    shell = _state.shells.get(page.file.src_uri)
    if shell is not None:
        shell.parts = _holes(output, content, page.file.src_uri)
        return ""
    body = _body(page.file.content_string)[0]
    if _digest(body) != noted[0]:
        raise PluginError(f"{page.file.src_uri} changed during the build")
    if output.count(content) != 1 or output.count(PLACEHOLDER) != 1:
        raise PluginError(f"the theme does not show the content of {page.file.src_uri} once, as is")
    return output.replace(content, body)


def _digest(body: str) -> bytes:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest()


def _body(source: str) -> tuple[str, dict[str, object]]:
    """A generated page's body, as MkDocs hands it to on_page_markdown, and its front matter."""
    markdown, meta = get_data(source)
    return markdown.strip("\n"), meta


def _without_title(meta: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in meta.items() if key != "title"}


def _holes(output: str, content: str, src_uri: str) -> list[str | Callable[[str, str, str], str]]:
    """The theme's output for a shell page cut at its placeholders, each hole filled as the theme printed it."""
    holes: dict[str, Callable[[str, str, str], str]] = {
        content: lambda title, page_id, body: body,
        SHELL_ID: lambda title, page_id, body: page_id,
    }
    for form in TITLE_FORMS.values():
        holes[form(SHELL_TITLE)] = _titled(form)
    pattern = re.compile("|".join(re.escape(hole) for hole in sorted(holes, key=len, reverse=True)))
    parts: list[str | Callable[[str, str, str], str]] = []
    start = 0
    for match in pattern.finditer(output):
        parts += [output[start : match.start()], holes[match.group()]]
        start = match.end()
    parts.append(output[start:])
    literal = "".join(part for part in parts if isinstance(part, str))
    marks = ("scshelltitle", SHELL_ID, PLACEHOLDER.lower())
    if output.count(content) != 1 or any(mark in literal.lower() for mark in marks):
        raise PluginError(f"the theme shows a placeholder of {src_uri} in a form this hook cannot fill")
    return parts


def _titled(form: Callable[[str], str]) -> Callable[[str, str, str], str]:
    return lambda title, page_id, body: form(title)


def on_post_build(config: MkDocsConfig) -> None:
    """Write every shell page from its shell, then the sitemap with them in it."""
    if not _state.shells or _state.files is None:
        return
    for shell in _state.shells.values():
        if not shell.parts:
            raise PluginError(f"the theme did not render the shell of {shell.folder}")
    # Half the pages are written by a forked process beside this one.
    members = [file for file in _state.files if file.src_uri in _state.members]
    halves(functools.partial(_write_all, config=config), members)
    if "sitemap.xml" in config.theme.static_templates:
        _sitemap(config, _state.files)


def _write_all(files: list[File], config: MkDocsConfig) -> None:
    for file in files:
        _write(file, _state.shells[_state.members[file.src_uri]], config)


def _write(file: File, shell: Shell, config: MkDocsConfig) -> None:
    """Write one page of a shell, as MkDocs writes a page."""
    body, meta = _body(file.content_string)
    title = meta.get("title")
    if not isinstance(title, str) or not title or _without_title(meta) != shell.meta or ("<h1" in body) != shell.h1:
        raise PluginError(f"{file.src_uri}: its front matter or heading differs from its shell's ({shell.name})")
    page_id = posixpath.basename(posixpath.dirname(file.src_uri))
    html = shell.fill(title, page_id, body)
    utils.write_file(html.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)


def _sitemap(config: MkDocsConfig, files: Files) -> None:
    """Write sitemap.xml and sitemap.xml.gz again, as MkDocs does, listing the shell pages where they were."""
    assert _state.nav is not None and _state.env is not None, "on_nav and on_env come before on_post_build"
    latest: list[Page] = []  # the page with the latest date: it dates sitemap.xml.gz, as in MkDocs

    built = {file.src_uri for file in files.documentation_pages()}  # the pages MkDocs built, shells aside

    def pages() -> Iterator[File]:
        for file in files:
            if file.src_uri in _state.shells:
                continue
            if file.src_uri in _state.members:
                Page(None, file, config)
            elif file.src_uri not in built:
                continue
            if file.page is None:
                continue
            if not latest or file.page.update_date > latest[0].update_date:
                latest[:] = [file.page]
            yield file
            if file.src_uri in _state.members:
                file.page = None

    template = _state.env.get_template("sitemap.xml")
    # The sitemap template iterates over its pages once, so they need not all exist at the same time: a
    # generator stands in for the sequence MkDocs passes.
    listed = cast("Sequence[File]", pages())
    context = get_context(_state.nav, listed, config, base_url=utils.get_relative_url(".", "sitemap.xml"))
    output = template.render(context)
    if not output.strip():
        return
    path = os.path.join(config.site_dir, "sitemap.xml")
    utils.write_file(output.encode("utf-8"), path)
    gz_path = f"{path}.gz"
    timestamp = utils.get_build_timestamp(pages=latest)
    with (
        open(gz_path, "wb") as stream,
        gzip.GzipFile(fileobj=stream, filename=gz_path, mode="wb", mtime=timestamp) as gz,
    ):
        gz.write(output.encode("utf-8"))
