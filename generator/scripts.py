"""A Markdown extension: on the pages of a language other than Thai, Thai words are marked lang="th".

An English chapter keeps a Thai term in brackets where English has no exact equivalent (Provincial committee
(กรอ.)), and the glossary gives every term in both languages. Marked, a screen reader reads them with a Thai voice
and the browser picks a Thai font. `lang` is the page's language (the staged MkDocs config of each edition sets
it, generator/engine.py); on Thai pages the extension changes nothing. Python-Markdown only, no MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Last: after attr_list (8) has read {#id} from the text and toc (5) has made the headings' ids.
PRIORITY = 1
# A run of Thai words, with the spaces and abbreviation dots inside it.
THAI_RUN = re.compile(r"[\u0e00-\u0e7f](?:[\u0e00-\u0e7f .\u00a0]*[\u0e00-\u0e7f.])?")
# Text a reader does not read as words of the page's language.
LEFT_ALONE = frozenset({"code", "pre", "script", "style"})


def thai_runs(text: str) -> list[tuple[str, bool]]:
    """text in parts, each with whether it is a run of Thai words (generated pages mark those, as _MarkThai does)."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for run in THAI_RUN.finditer(text):
        parts += [(text[at : run.start()], False)] if run.start() > at else []
        parts.append((run.group(0), True))
        at = run.end()
    return parts + ([(text[at:], False)] if at < len(text) else [])


class _MarkThai(Treeprocessor):
    """Wraps each run of Thai words in the text of the page, outside code and marked elements, in a span."""

    def run(self, root: etree.Element) -> None:
        _mark(root)


def _mark(element: etree.Element) -> None:
    for child in list(element):
        if child.tag not in LEFT_ALONE and "lang" not in child.attrib:
            _mark(child)
        _split_tail(element, child)
    _split_text(element)


def _spans(text: str) -> tuple[str, list[etree.Element]]:
    """text as the part before its first Thai run and one span per run, each with what follows it as its tail."""
    runs = list(THAI_RUN.finditer(text))
    spans = []
    for n, run in enumerate(runs):
        span = etree.Element("span", {"lang": "th"})
        span.text = run.group(0)
        span.tail = text[run.end() : runs[n + 1].start() if n + 1 < len(runs) else len(text)]
        spans.append(span)
    return (text[: runs[0].start()] if runs else text), spans


def _split_text(element: etree.Element) -> None:
    if not element.text or not THAI_RUN.search(element.text):
        return
    element.text, spans = _spans(element.text)
    for n, span in enumerate(spans):
        element.insert(n, span)


def _split_tail(parent: etree.Element, child: etree.Element) -> None:
    if not child.tail or not THAI_RUN.search(child.tail):
        return
    child.tail, spans = _spans(child.tail)
    at = list(parent).index(child) + 1
    for n, span in enumerate(spans):
        parent.insert(at + n, span)


class ScriptsExtension(Extension):
    """Register the marking step for pages in the configured language."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {"lang": ["th", "The language of the pages"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        if self.getConfig("lang") != "th":
            md.treeprocessors.register(_MarkThai(md), "sc-mark-thai", PRIORITY)


def makeExtension(**kwargs: object) -> ScriptsExtension:
    """Entry point Python-Markdown calls for `generator.scripts`."""
    return ScriptsExtension(**kwargs)
