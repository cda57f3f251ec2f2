"""A Markdown extension: each checklist item's checkbox is labelled by the item's own text.

`pymdownx.tasklist` puts a bare `<input type="checkbox">` before an item's text, which screen readers
announce as a checkbox without a name (axe: "Form elements must have labels"). This moves the checkbox and
the item's inline text into one `<label>`, which names it and looks the same. Python-Markdown only, no MkDocs.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# After the inline patterns (20), which turn the item's text into elements; pymdownx.tasklist runs at 25.
PRIORITY = 15
BLOCK_TAGS = frozenset({"ul", "ol", "p", "div", "blockquote", "pre", "table", "dl"})


class _LabelTasks(Treeprocessor):
    """Wraps the checkbox and the inline text of every task-list item in a label."""

    def run(self, root: etree.Element) -> None:
        items = [li for li in root.iter("li") if "task-list-item" in li.get("class", "").split()]
        for li in items:
            holder = li[0] if not (li.text or "").strip() and len(li) and li[0].tag == "p" else li
            _wrap_inline(holder)


def _wrap_inline(holder: etree.Element) -> None:
    """Move holder's leading text and inline children (up to the first block, e.g. a nested list) into a label."""
    label = etree.Element("label", {"class": "sc-task"})
    label.text, holder.text = holder.text, None
    for child in list(holder):
        if child.tag in BLOCK_TAGS:
            break
        holder.remove(child)
        label.append(child)
    holder.insert(0, label)


class ChecklistExtension(Extension):
    """Register the label step (listed in mkdocs.yml after pymdownx.tasklist)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LabelTasks(md), "sc-checklist-labels", PRIORITY)


def makeExtension(**kwargs: object) -> ChecklistExtension:
    """Entry point Python-Markdown calls for `generator.checklist`."""
    return ChecklistExtension(**kwargs)
