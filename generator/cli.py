"""Command line: validate, build, serve, sample, new. The boundary where errors become exit codes."""

from __future__ import annotations

import argparse
import datetime
import functools
import itertools
import os
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import build as pipeline
from generator import engine
from generator.errors import DataError, Problem
from generator.monitor import Settings
from generator.schema import MECHANISM, PARTNERSHIP, schema_text
from generator.strings import load_strings

if TYPE_CHECKING:
    from generator.editions import Edition
    from generator.live import LiveSite
    from generator.preview import Preview

EXIT_DATA = 1
# A file with hundreds of mistakes (a list pasted in the wrong shape) would bury every other message.
PER_FILE = 20
STRINGS = load_strings()


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-26, got {text!r}") from exc


def today() -> datetime.date:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return now.date()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Thai sister-city handbook and directory")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("validate", "check every partner file"),
        ("build", "validate, generate and build the site"),
        ("serve", "live preview that rebuilds on changes"),
    ):
        cmd = commands.add_parser(name, help=help_text)
        cmd.add_argument("--partners", type=Path, default=Path("partners"), help="folder of partner files")
        cmd.add_argument("--build-date", type=_date, default=None, help="date the site is built for (YYYY-MM-DD)")
        cmd.add_argument(
            "--dormant-after-years",
            type=int,
            default=Settings.dormant_after_years,
            help="years without a sign of life before an active, formed partnership is flagged as quiet",
        )
        if name != "validate":
            cmd.add_argument("--docs-dir", type=Path, default=Path("build/docs"), help="staging folder")
        if name == "build":
            cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder")
            cmd.add_argument(
                "--no-pdf",
                action="store_true",
                help="skip the handbook PDF (downloads/handbook-th.pdf, needs Chromium)",
            )
        if name == "serve":
            cmd.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    schema = commands.add_parser("schema", help="print the JSON Schema of partner files")
    schema.add_argument("--out", type=Path, default=None, help="write to this file instead")
    schema.add_argument(
        "--mechanism", action="store_true", help="the schema of multilateral mechanism files (partners/multilateral/)"
    )
    words = STRINGS.data["new"]["help"]
    new = commands.add_parser(
        "new", help=words["command"], description=words["description"], formatter_class=_ThaiHelpFormatter
    )
    _new_parser(new)
    sample = commands.add_parser("sample", help="write synthetic partner files")
    sample.add_argument("--count", type=int, required=True)
    sample.add_argument("--out", type=Path, required=True)
    sample.add_argument("--seed", type=int, default=2018)
    sample.add_argument("--build-date", type=_date, default=None)
    return parser


def _new_parser(new: argparse.ArgumentParser) -> None:
    """The options of `new`, each explained in Thai (argparse reads % in a help text as a format)."""
    from generator.scaffold import QUESTIONS, option_help_full

    words = STRINGS.data["new"]["help"]
    new.add_argument("--partners", type=Path, default=Path("partners"), help=_escape(words["partners"]))
    new.add_argument("--build-date", type=_date, default=None, help=_escape(words["build_date"]))
    new.add_argument("--slug", default=None, help=_escape(words["slug"]))
    for question in QUESTIONS:
        help_th = _escape(option_help_full(question, STRINGS))
        action = "append" if question.many else "store"
        new.add_argument(f"--{question.option}", default=None, action=action, help=help_th)


class _ThaiHelpFormatter(argparse.HelpFormatter):
    """Wraps help only between words: Thai writes no spaces inside a phrase, so it is never cut mid-word."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        words = " ".join(text.split())
        return textwrap.fill(words, width, initial_indent=indent, subsequent_indent=indent, break_long_words=False)


def _escape(text: str) -> str:
    return text.replace("%", "%%")


def shown(problems: Sequence[Problem]) -> list[Problem]:
    """The problems to show: at most PER_FILE of each file, then one saying how many more that file has."""
    listed: list[Problem] = []
    for path, in_file in itertools.groupby(problems, key=lambda problem: problem.path):
        found = list(in_file)
        listed += found[:PER_FILE]
        if len(found) > PER_FILE:
            more = STRINGS.error("more_problems", n=len(found) - PER_FILE)
            listed.append(Problem(path, 0, "(file)", more))
    return listed


def report(problems: Sequence[Problem]) -> None:
    """Print problems one per line (see shown)."""
    for problem in shown(problems):
        print(problem, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; data problems are printed one per line and give exit code 1."""
    args = _parser().parse_args(argv)
    build_date = getattr(args, "build_date", None) or today()
    settings = Settings(build_date, getattr(args, "dormant_after_years", Settings.dormant_after_years))
    try:
        return _run(args, settings)
    except DataError as exc:
        report(exc.problems)
        return EXIT_DATA


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "schema":
        text = schema_text(MECHANISM if args.mechanism else PARTNERSHIP)
        if args.out is None:
            sys.stdout.write(text)
        else:
            args.out.write_text(text, encoding="utf-8")
        return 0
    if args.command == "sample":
        from generator.sample import write_sample

        written = write_sample(args.count, args.out, args.seed, settings.build_date)
        print(STRINGS.counted(STRINGS.data["cli"]["sample"], written, out=args.out))
        return 0
    if args.command == "new":
        return _new(args, settings)
    paths = pipeline.Paths(partners=args.partners, docs=getattr(args, "docs_dir", Path("build/docs")))
    if args.command == "validate":
        inputs = pipeline.check(paths, settings)
        print(STRINGS.counted(STRINGS.data["cli"]["valid"], len(inputs.records)))
        return 0
    if args.command == "build":
        paths = pipeline.Paths(partners=args.partners, docs=args.docs_dir, site=args.site_dir, pdf=not args.no_pdf)
        pages = pipeline.build(paths, settings)
        print(STRINGS.counted(STRINGS.data["cli"]["built"], pages, site=args.site_dir))
        print(engine.end_of_life_notice(STRINGS), file=sys.stderr)
        return 0
    return _serve(paths, settings, args.dev_addr)


def _new(args: argparse.Namespace, settings: Settings) -> int:
    """Scaffold a partner file: questions on a terminal, options otherwise."""
    from generator.refdata import load_refdata
    from generator.scaffold import QUESTIONS, KeepExisting, Scaffold, new_partner_file

    scaffold = Scaffold(load_refdata(), STRINGS, settings.build_date, args.partners, Path("templates"))
    given = {"slug": args.slug, **{q.key: getattr(args, q.key) for q in QUESTIONS}}
    interactive = sys.stdin.isatty()
    if interactive:
        print(STRINGS.data["new"]["intro"])
    try:
        path = new_partner_file(scaffold, given, input if interactive else None, lambda m: print(m, file=sys.stderr))
    except KeepExisting as keep:
        print(STRINGS.data["new"]["update"].format(path=keep.path))
        return 0
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return EXIT_DATA
    print(STRINGS.data["new"]["written"].format(path=path))
    return 0


def _update_edition(preview: Preview, site: LiveSite, ed: Edition, inputs: pipeline.Inputs | DataError) -> None:
    """Bring an edition's docs tree and site up to date with the inputs; when they have problems, show them over
    the last good inputs' pages (an update put off may not have made them yet)."""
    if isinstance(inputs, DataError):
        if preview.last_good is not None:
            preview.regenerate_edition(ed.lang, preview.last_good)
        pipeline.show_problems(preview.paths, shown(inputs.problems), ed)
        site.update(frozenset(), frozenset(), config_changed=True)
    else:
        changes = preview.regenerate_edition(ed.lang, inputs)
        site.update(changes.written, changes.removed, changes.config)


def _serve(paths: pipeline.Paths, settings: Settings, dev_addr: str) -> int:
    from generator import live
    from generator.preview import Preview

    pipeline.guard(paths)
    preview = Preview(paths, settings)
    inputs: pipeline.Inputs | DataError = preview.check()
    main = paths.editions[0]
    with tempfile.TemporaryDirectory(prefix="sister-cities-preview-") as folder:
        # The main edition's site is served from its folder; each other edition's is built beside it and linked
        # into it (en/), as a build places it.
        sites = {
            ed.folder: live.LiveSite(
                pipeline.staged_config_path(paths.of(ed)),
                Path(folder) / (ed.folder or "main"),
                settings.build_date,
                {} if ed.folder else {e.folder: Path(folder) / e.folder for e in paths.editions if e.folder},
            )
            for ed in paths.editions
        }

        def update(eds: Sequence[Edition], inputs: pipeline.Inputs | DataError) -> None:
            """Bring the editions a browser has open (or the main one) up to date now; put off the others until one
            of their pages is asked for."""
            now = [ed for ed in eds if sites[ed.folder].open_pages()] or [main]
            for ed in eds:
                site = sites[ed.folder]
                if ed in now:
                    with site.held():
                        _update_edition(preview, site, ed, inputs)
                else:
                    site.defer(functools.partial(_update_edition, preview, site, ed, inputs))

        update(paths.editions, inputs)

        def rebuild() -> None:
            """Regenerate what the changed inputs touch and render those pages again.

            When the data has problems, the docs trees stay as they were and the pages show the problems in a
            banner until a change fixes them."""
            try:
                inputs: pipeline.Inputs | DataError = preview.check()
            except DataError as exc:
                report(exc.problems)
                inputs = exc
            update(paths.editions, inputs)

        url = engine.serve_address(paths.config, dev_addr)
        print(STRINGS.data["serve"]["address"].format(url=url), flush=True)
        live.serve_live(sites, dev_addr, [paths.partners, paths.content, paths.templates, paths.config], rebuild)
    return 0
