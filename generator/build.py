"""The pipeline: load → validate → collate → render → write → MkDocs build → search index → handbook PDF → publish."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import browse, engine, exports, forms, handbook, sitemaps
from generator.builtsite import BuiltSite, read_site
from generator.chapters import parse_chapters
from generator.collate import Directory, chapter_order, collate
from generator.editions import EDITIONS, LANGS, Edition, pdf_path, under
from generator.errors import DataError, Problem
from generator.facet import Registry
from generator.facets import FACETS
from generator.fieldref import render_field_reference
from generator.lazy import Lazy
from generator.loader import list_partners, load_content, read_files
from generator.model import Chapter, Mechanism, Partnership
from generator.monitor import Health, Settings
from generator.parallel import Beside, halves
from generator.pieces import KeptGrams
from generator.refdata import RefData, load_refdata
from generator.render import ALL_URL, Reuse, env_edition, is_partnership_page, make_env, render, render_chapters
from generator.schema import MECHANISM, schema_text
from generator.search import index_site
from generator.strings import Strings, load_strings
from generator.validate import Checked, check_sources, merge_all
from generator.write import discard, docs_tree, new_site_dir, publish, sync_tree, write_text

SCHEMA_PATH = "data/partnership.schema.json"
MECHANISM_SCHEMA_PATH = "data/mechanism.schema.json"


@dataclass(frozen=True)
class Paths:
    """Where the inputs are and where the outputs go."""

    partners: Path = Path("partners")
    content: Path = Path("content")
    templates: Path = Path("templates")
    config: Path = Path("mkdocs.yml")
    docs: Path = Path("build/docs")
    site: Path = Path("site")
    # Print the handbook PDF (needs Chromium); the CLI's --no-pdf and most tests turn it off.
    pdf: bool = True
    # Index the site for its search page (Pagefind); tests of what the index holds or how the site is searched
    # keep it, the other tests of the build turn it off (without it the search page lists partnerships only).
    search: bool = True
    # The editions built, by language (generator/editions.py): all of them unless a test of one edition's
    # behaviour builds the Thai one alone.
    langs: tuple[str, ...] = LANGS

    @property
    def editions(self) -> tuple[Edition, ...]:
        """The editions built, the main one first."""
        return tuple(e for e in EDITIONS if e.lang in self.langs)

    def of(self, ed: Edition) -> Paths:
        """The paths of an edition: its docs tree beside the main one's (build/docs-en for build/docs)."""
        if not ed.folder:
            return self
        return dataclasses.replace(self, docs=self.docs.parent / f"{self.docs.name}-{ed.lang}")


@dataclass(frozen=True)
class Inputs:
    """Everything read and checked: partnerships, handbook chapters, and the content files."""

    records: list[Partnership]
    chapters: list[Chapter]
    content: dict[str, bytes]
    # Multilateral mechanisms (partners/multilateral/): never counted among the partnerships.
    mechanisms: list[Mechanism] = field(default_factory=list)
    # The chapters and content files of each other edition, by language (content/en/ for en).
    translations: Mapping[str, tuple[list[Chapter], dict[str, bytes]]] = field(default_factory=dict)

    def edition(self, ed: Edition) -> Inputs:
        """The inputs of an edition: the same records, the edition's own chapters and content files."""
        if ed.lang not in self.translations:
            return self
        chapters, content = self.translations[ed.lang]
        return dataclasses.replace(self, chapters=chapters, content=content)


def check(paths: Paths, settings: Settings) -> Inputs:
    """Load and validate partner files and chapter front matter; raise DataError listing every problem."""
    strings, ref = load_strings(), load_refdata()
    files, problems = list_partners(paths.partners, strings)
    # Half the files are read by a forked process (generator.parallel); ids are compared once both are done.
    parts = halves(lambda part: _check_files(paths.partners, part, ref, strings, settings), files)
    records, mechanisms, more = merge_all(parts, strings)
    return with_handbook(records, mechanisms, problems + more, paths.content, (ref, strings, settings.latest_date))


def with_handbook(
    records: list[Partnership],
    mechanisms: list[Mechanism],
    problems: list[Problem],
    folder: Path,
    context: tuple[RefData, Strings, datetime.date],
) -> Inputs:
    """The inputs: the checked records with every edition's chapters and content files read from folder
    (content/, and content/en/ for en); DataError listing the records' problems and the chapters'.

    Every edition's chapters are checked, whichever are built: validate accepts what build publishes."""
    content = load_content(folder)
    chapters, in_chapters = parse_chapters(content, str(folder), context)
    translations, in_translations = _translations(folder, content, context)
    if problems or in_chapters or in_translations:
        raise DataError(problems + in_chapters + in_translations)
    return Inputs(records, chapters, content, mechanisms, translations)


def _translations(
    folder: Path, content: Mapping[str, bytes], context: tuple[RefData, Strings, datetime.date]
) -> tuple[dict[str, tuple[list[Chapter], dict[str, bytes]]], list[Problem]]:
    """Each other edition's chapters and content files (content/en/ for en), by language, and their problems.
    The files of content that are not chapters (the site's stylesheet, scripts, images) are every edition's."""
    translations, problems = {}, []
    common = {path: data for path, data in content.items() if not path.endswith(".md")}
    for ed in EDITIONS:
        if ed.folder:
            own = load_content(folder / ed.folder)
            found, wrong = parse_chapters(own, f"{folder}/{ed.folder}", context)
            translations[ed.lang] = (found, {**common, **own})
            problems += wrong
    return translations, problems


def _check_files(partners: Path, files: list[Path], ref: RefData, strings: Strings, settings: Settings) -> Checked:
    """Read and check some partner files, each as it is read, so that one YAML tree at a time is in memory."""
    unreadable: list[Problem] = []
    checked = check_sources(read_files(partners, files, strings, unreadable), ref, strings, settings.latest_date)
    checked.problems.extend(unreadable)
    return checked


def guard(paths: Paths) -> None:
    """Refuse output folders that overlap an input: writing there would delete hand-written files."""
    strings = load_strings()
    sources = (paths.partners, paths.content, paths.templates, paths.config)
    problems = [
        Problem(str(output), 0, "output", strings.error("unsafe_output", output=output, source=source))
        for output in (paths.docs, paths.site)
        for source in sources
        if _overlap(output.resolve(), source.resolve())
    ]
    if problems:
        raise DataError(problems)


def _overlap(output: Path, source: Path) -> bool:
    return output == source or output in source.parents or source in output.parents


def generate(paths: Paths, settings: Settings, registry: Registry = FACETS) -> int:
    """Write the docs tree (handbook content plus generated pages); returns the number of generated pages.

    registry: the facets of the directory (generator/facets.py), another only to test an added facet."""
    with _no_cycle_collector():
        return _generate(paths, settings, registry)


@contextlib.contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector while generating.

    The model and the pages make almost no reference cycles (a few hundred objects at 10,000 partnerships),
    but each of the collector's passes walks the millions of objects alive: 10-20% of the time of generate.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _generate(paths: Paths, settings: Settings, registry: Registry) -> int:
    guard(paths)
    inputs = check(paths, settings)
    return sum(_generate_edition(paths, settings, registry, inputs, ed) for ed in paths.editions)


def _generate_edition(paths: Paths, settings: Settings, registry: Registry, inputs: Inputs, ed: Edition) -> int:
    """Write an edition's docs tree and its MkDocs config; returns the number of generated pages."""
    strings = load_strings(ed.lang)
    env = make_env(paths.templates / "pages", strings, registry)
    own = paths.of(ed)
    tree = docs_files(own, settings, inputs.edition(ed), env, registry)
    # The partnership pages, about half the work, are written by a forked process beside the rest.
    partnerships, others = tree.pages.split(is_partnership_page)
    groups: list[list[Mapping[str, str | bytes]]] = [
        [tree.data, tree.extra, tree.pieces, tree.reference, others],
        [partnerships],
    ]
    content_dir = paths.content / ed.folder if ed.folder else paths.content
    sync_tree(own.docs, docs_tree(tree.content, str(content_dir), groups, strings))
    write_text(staged_config_path(own), staged(own, strings, registry, folder=ed.folder))
    return len(tree.pages) + len(tree.reference)


def staged(
    paths: Paths, strings: Strings, registry: Registry = FACETS, problems: Sequence[str] = (), folder: str = ""
) -> str:
    """The MkDocs config of an edition's staged docs tree, with the facets' navigation (and a preview's problems);
    folder: the edition's in the site ("" for the main edition)."""
    return engine.staged_config(
        paths.config, paths.docs, strings, problems, nav_after=facet_nav(strings, registry), folder=folder
    )


@dataclass
class Kept:
    """What the live preview keeps from one regeneration to the next (generator/preview.py): each page's inputs
    and the listings' rows; each partnership's exported record, health and row of the directory's data; and each
    province's grams of the directory's data."""

    pages: Reuse = field(default_factory=Reuse)
    exports: exports.Kept = field(default_factory=exports.Kept)
    health: dict[str, tuple[Partnership, Health]] = field(default_factory=dict)
    browse: dict[str, tuple[Partnership, list[object]]] = field(default_factory=dict)
    grams: KeptGrams = field(default_factory=KeptGrams)
    # The partnerships and mechanisms last collated, and their directory.
    collated: tuple[list[Partnership], list[Mechanism], Directory] | None = None


def _collated(
    inputs: Inputs, chapters: list[Chapter], settings: Settings, registry: Registry, kept: Kept | None, lang: str
) -> Directory:
    """The directory of the inputs; the live preview's last one, with these chapters, when the partnerships and
    mechanisms are the same (an edit of the handbook: nothing else of the directory depends on it)."""
    if kept is None:
        return collate(inputs.records, chapters, load_refdata(), settings, inputs.mechanisms, registry, lang=lang)
    last = kept.collated
    if last is not None and last[0] == inputs.records and last[1] == inputs.mechanisms:
        directory = dataclasses.replace(last[2], chapters=chapter_order(chapters))
    else:
        directory = collate(
            inputs.records, chapters, load_refdata(), settings, inputs.mechanisms, registry, kept.health, lang
        )
    kept.collated = (inputs.records, inputs.mechanisms, directory)
    return directory


@dataclass(frozen=True)
class Tree:
    """The files of the docs tree: hand-written content, then generated files, each made when read."""

    directory: Directory
    content: dict[str, bytes]
    # The exports (data/, feed.xml, robots.txt), the largest files.
    data: Mapping[str, bytes]
    # The directory's data in pieces (directory/data/), which the directory filter and the search page load.
    pieces: Mapping[str, bytes]
    # The schemas, the forms' Word files and the PDF's placeholder.
    extra: Lazy[bytes]
    reference: dict[str, str]
    pages: Lazy[str]


def docs_files(
    paths: Paths,
    settings: Settings,
    inputs: Inputs,
    env: jinja2.Environment,
    registry: Registry = FACETS,
    kept: Kept | None = None,
) -> Tree:
    """Every file of the docs tree of these inputs in the edition of env (its strings' language); kept is the live
    preview's. Each edition collates the records itself: its listings read in its language's order.

    The main edition's tree holds the files every edition shares (editions.SHARED): the exports, the directory's
    data, the schemas and the PDF's placeholder; another edition's tree holds its own pages, chapters, forms and
    feed."""
    ed = env_edition(env)
    strings = load_strings(ed.lang)
    # Without the PDF, no page links to it; with it, MkDocs' strict link check sees an empty placeholder.
    chapters = inputs.chapters if paths.pdf else handbook.without_pdf_links(inputs.chapters, pdf_path(ed.lang))
    directory = _collated(inputs, chapters, settings, registry, kept, ed.lang)
    pages = render(directory, env, kept.pages if kept else None)
    content = {
        **inputs.content,
        **{path: text.encode("utf-8") for path, text in render_chapters(directory, env).items()},
    }
    # Made as the writer reads them, like the pages: the forms' Word files are large while they are made, and
    # python-docx is imported only then.
    main = not ed.folder
    extra = Lazy(
        {
            **(
                {
                    SCHEMA_PATH: lambda: schema_text().encode("utf-8"),
                    MECHANISM_SCHEMA_PATH: lambda: schema_text(MECHANISM).encode("utf-8"),
                }
                if main
                else {}
            ),
            # Each form's editable Word file, made from the form's own page (generator/forms.py).
            **forms.docx_makers(inputs.chapters, settings.build_date, strings),
            # A placeholder, so MkDocs' strict link check accepts links to the PDF; build() prints the real one.
            # The other editions' pages link to their PDFs at the site's root (editions.rooted_links).
            **({handbook.PDF_PATH: lambda: b""} if paths.pdf and main else {}),
        }
    )
    # Pages and exports are made one at a time as the writer reads them. The exports, the largest files, go
    # first, before rendering the listings fills their cache of rows: this keeps the peak of memory lower.
    site_url = engine.site_url(paths.config)
    if main:
        data = exports.export_files(directory, env, site_url, kept.exports if kept else None)
        pieces = browse.data_files(directory, kept.browse if kept else None, kept.grams if kept else None)
    else:
        data, pieces = exports.edition_files(directory, env, under(site_url, ed.prefix)), {}
    return Tree(directory, content, data, pieces, extra, render_field_reference(env), pages)


def facet_nav(strings: Strings, registry: Registry = FACETS) -> dict[str, list[dict[str, str]]]:
    """The generated navigation entries: each facet's index after the listing of every partnership."""
    return {ALL_URL + "index.md": registry.nav(strings)}


def show_problems(paths: Paths, problems: Sequence[Problem], ed: Edition = EDITIONS[0]) -> None:
    """Stage an edition's config again with the problems of a failed regeneration: the live preview rebuilds the
    last good docs tree with a banner listing them (the next successful generate() stages it without)."""
    own, shown = paths.of(ed), [str(p) for p in problems]
    write_text(staged_config_path(own), staged(own, load_strings(ed.lang), problems=shown, folder=ed.folder))


def staged_config_path(paths: Paths) -> Path:
    """Where generate() writes the MkDocs config of the staged docs tree: beside it, e.g. build/mkdocs.yml."""
    return paths.docs.parent / f"{paths.docs.name}.mkdocs.yml"


def build(paths: Paths, settings: Settings, registry: Registry = FACETS) -> int:
    """Build the whole site into paths.site, replacing it only when every step succeeded; returns the number of
    generated pages. The docs trees are the ones generate() writes."""
    with _no_cycle_collector():
        guard(paths)
        inputs = check(paths, settings)
    staging = new_site_dir(paths.site)
    try:
        count, built = _build_editions(paths, settings, registry, inputs, staging)
        address = engine.site_url(paths.config)
        if address and len(built) == 2:
            for (ed, _), (other, _) in zip(built, reversed(built), strict=True):
                sitemaps.add_alternates(staging, ed, other, address, settings.build_date)
        # Both steps are mostly other programs (Pagefind, Chromium) and touch different files: run them at once.
        with ThreadPoolExecutor(max_workers=1) as printer:
            printing = printer.submit(_handbook_pdfs, paths, settings, built, staging)
            if paths.search:
                index_site(staging, load_strings())
            printing.result()
    except BaseException:
        discard(staging)
        raise
    publish(staging, paths.site)
    return count


def _build_editions(
    paths: Paths, settings: Settings, registry: Registry, inputs: Inputs, staging: Path
) -> tuple[int, list[tuple[Edition, BuiltSite]]]:
    """Generate and build each edition into staging, the others at the same time as the main edition, each by a
    forked process (generator.parallel); the number of generated pages, and each edition's navigation pages read
    from the built site.

    MkDocs empties the folder it builds into, and the other editions' folders are inside the main one's: each
    other edition is built into a folder of its own beside staging, moved into it once the main one is built."""
    main, *others = paths.editions
    aside = [(ed, staging.with_name(f"{staging.name}-{ed.lang}")) for ed in others]
    make = functools.partial(_make_edition, paths, settings, registry, inputs)
    try:
        with contextlib.ExitStack() as stack:
            children = [stack.enter_context(Beside(functools.partial(make, *ed))) for ed in aside]
            count = make(main, staging / main.folder) + sum(child.result() for child in children)
        for ed, folder in aside:
            folder.rename(staging / ed.folder)
    finally:
        for _, folder in aside:
            discard(folder)
    # Read before the search step codes the pages' extra words in place.
    return count, [(ed, _read_edition(paths, ed, staging)) for ed in paths.editions]


def _make_edition(paths: Paths, settings: Settings, registry: Registry, inputs: Inputs, ed: Edition, into: Path) -> int:
    """Write an edition's docs tree, then build it with MkDocs into the folder into; the number of generated pages."""
    with _no_cycle_collector():
        count = _generate_edition(paths, settings, registry, inputs, ed)
    engine.build_site(staged_config_path(paths.of(ed)), into, load_strings(ed.lang), settings.build_date)
    return count


def _read_edition(paths: Paths, ed: Edition, site: Path) -> BuiltSite:
    """The navigation pages of an edition, read from the site built into the folder site."""
    address = engine.site_url(paths.config)
    url = under(address, ed.prefix)
    return read_site(staged_config_path(paths.of(ed)), site / ed.folder, url)


def _handbook_pdfs(paths: Paths, settings: Settings, built: list[tuple[Edition, BuiltSite]], site: Path) -> None:
    """Print each edition's hand-written chapters of the navigation into downloads/handbook-<lang>.pdf at the
    site's root (without the PDF, generate() staged no placeholder and no link to it)."""
    if not paths.pdf:
        return
    for ed, pages in built:
        strings = load_strings(ed.lang)
        content = paths.content / ed.folder if ed.folder else paths.content
        chapters = {page.path for page in pages.pages if (content / page.path).is_file()}
        env = make_env(paths.templates / "print", strings)
        # Beside the docs tree: a PDF printed once is reused until the handbook changes.
        cache = paths.docs.parent / "cache" / ed.lang
        handbook.write_pdf(site, pages, chapters, env, settings, strings, cache)
