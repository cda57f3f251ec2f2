"""The Markdown of a form page read as blocks (headings, paragraphs, list items, tables, notes) and inline text.

Only the small subset of Markdown the forms use is read; generator/forms.py writes the blocks as a DOCX.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|(\d+)\.)\s+(\[[ xX]\]\s+)?(.*)$")
ADMONITION = re.compile(r'^!!!\s+\w+(?:\s+"(.*)")?\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
AUTOLINK = re.compile(r"<(https?://[^>]+)>")
EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*|`([^`]+)`")
SIGNATURE_OPEN = '<div class="sc-signature" markdown>'


@dataclass(frozen=True)
class Block:
    """One block of a form page: kind is heading, paragraph, item, table or note."""

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    numbered: bool = False
    checkbox: bool = False
    keep_together: bool = False


def blocks(markdown: str) -> list[Block]:
    """The blocks of a form page's Markdown (front matter dropped), in order."""
    lines = FRONT_MATTER.sub("", markdown).splitlines()
    found: list[Block] = []
    paragraph: list[str] = []
    signature = False
    index = 0
    while index < len(lines):
        line, stripped = lines[index], lines[index].strip()
        block: Block | None = None
        if stripped in (SIGNATURE_OPEN, "</div>"):
            signature, index = stripped == SIGNATURE_OPEN, index + 1
        elif (heading := HEADING.match(line)) is not None:
            block, index = Block("heading", heading.group(2), level=len(heading.group(1))), index + 1
        elif (admonition := ADMONITION.match(stripped)) is not None:
            block, index = _note(lines, index + 1, admonition.group(1) or "")
        elif stripped.startswith("|"):
            block, index = _table(lines, index, signature)
        elif (item := LIST_ITEM.match(line)) is not None:
            block, index = _item(lines, index + 1, item)
        elif stripped:
            paragraph.append(stripped)
            index += 1
            continue
        else:
            index += 1
        if paragraph:
            found.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if block is not None:
            found.append(block)
    if paragraph:
        found.append(Block("paragraph", " ".join(paragraph)))
    return found


def _note(lines: Sequence[str], index: int, title: str) -> tuple[Block, int]:
    """An admonition: its title and its indented body, up to the first blank line after the body."""
    body: list[str] = []
    while index < len(lines) and (lines[index].startswith("    ") or not lines[index].strip()):
        if lines[index].strip():
            body.append(lines[index].strip())
        elif body:
            break
        index += 1
    return Block("note", " ".join(body), rows=((title,),)), index


def _table(lines: Sequence[str], index: int, signature: bool) -> tuple[Block, int]:
    """A pipe table from its header row on, without its rule row."""
    rows: list[str] = []
    while index < len(lines) and lines[index].strip().startswith("|"):
        rows.append(lines[index].strip())
        index += 1
    cells = tuple(_cells(row) for row in rows if not TABLE_RULE.match(row))
    return Block("table", rows=cells, keep_together=signature), index


def _item(lines: Sequence[str], index: int, item: re.Match[str]) -> tuple[Block, int]:
    """A list item with its indented continuation lines."""
    text = [item.group(4)]
    while index < len(lines) and lines[index].startswith("  ") and not LIST_ITEM.match(lines[index]):
        text.append(lines[index].strip())
        index += 1
    level, numbered, checkbox = len(item.group(1)) // 2, item.group(2) is not None, item.group(3) is not None
    return Block("item", " ".join(text), level=level, numbered=numbered, checkbox=checkbox), index


def _cells(row: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in row.strip().strip("|").split("|"))


def plain(text: str) -> str:
    """Inline Markdown as the words a reader sees: links keep their text, marks of emphasis and code go."""
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    return EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)


def runs(text: str) -> Iterator[tuple[str, bool]]:
    """The text as runs of (words, bold)."""
    text = AUTOLINK.sub(r"\1", LINK.sub(r"\1", text))
    position = 0
    for match in EMPHASIS.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield (match.group(1) or match.group(2) or match.group(3)), match.group(1) is not None
        position = match.end()
    if position < len(text):
        yield text[position:], False
