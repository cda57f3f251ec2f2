"""Handbook chapters: front matter (review dates) read and checked, so pages can show when they were reviewed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

import yaml

from generator.errors import Problem
from generator.model import Chapter, ChapterMeta
from generator.refdata import RefData
from generator.schema import CHAPTER
from generator.strings import Strings
from generator.validate import check_node

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
HEADING = re.compile(r"^# +(.+?) *$", re.MULTILINE)
EMPTY = ChapterMeta(None, None, (), None, None)


def parse_chapters(
    files: Mapping[str, bytes], shown_dir: str, context: tuple[RefData, Strings, datetime.date]
) -> tuple[list[Chapter], list[Problem]]:
    """Every Markdown page of the handbook with its checked front matter."""
    chapters: list[Chapter] = []
    problems: list[Problem] = []
    for path, data in files.items():
        if path.endswith(".md"):
            chapter, found = _chapter(path, f"{shown_dir}/{path}", data.decode("utf-8"), context)
            problems += found
            if chapter is not None:
                chapters.append(chapter)
    return chapters, problems


def _chapter(
    path: str, shown: str, text: str, context: tuple[RefData, Strings, datetime.date]
) -> tuple[Chapter | None, list[Problem]]:
    meta: ChapterMeta = EMPTY
    problems: list[Problem] = []
    match = FRONT_MATTER.match(text)
    if match is not None:
        try:
            node = yaml.compose(match.group(1), Loader=yaml.CSafeLoader)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 2 if exc.problem_mark else 1
            strings = context[1]
            return None, [Problem(shown, line, "(yaml)", strings.error("syntax", problem=exc.problem))]
        if node is not None:
            checked, problems = check_node(node, CHAPTER, shown, 1, context)
            meta = checked if checked is not None else EMPTY
    heading = HEADING.search(text)
    title = meta.title or (heading.group(1) if heading else path)
    return (Chapter(path, shown, title, meta, text) if not problems else None), problems
