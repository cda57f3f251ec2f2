"""The handbook's forms as editable Word files (DOCX), made at build time from the forms' own Markdown pages.

Every page in content/forms/ other than index.md is a form. Its DOCX is made from the page itself (one source),
read into blocks by generator/formtext.py.
A signature block is a table inside ``<div class="sc-signature" markdown>``: in the DOCX its rows never split
across pages, as on paper (print CSS: ``break-inside: avoid``).

The bytes depend only on the page and the build date: the core properties' dates are the build date, and the
ZIP entries carry a fixed time.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import importlib.util
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from generator.errors import DataError, Problem
from generator.formtext import Block, blocks, plain, runs
from generator.model import Chapter
from generator.strings import Strings

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import _Row
    from docx.text.paragraph import Paragraph


FORMS_DIR = "forms/"
# A Thai font found on many Thai government computers, at 16 pt; where it is missing, Word picks another Thai font.
THAI_FONT = "TH SarabunPSK"
# Point sizes of the styles the forms use (Normal is the body text).
SIZES = {"Normal": 16, "Title": 24, "Heading 1": 20, "Heading 2": 18, "Heading 3": 17, "Heading 4": 16}
CHECKBOX = "☐ "
STYLES = (
    *(f"Heading {n}" for n in range(1, 5)),
    *(f"{kind}{level}" for kind in ("List Bullet", "List Number") for level in ("", " 2", " 3")),
    "Table Grid",
)


def is_form(path: str) -> bool:
    """A page of content/forms/ other than its index."""
    return path.startswith(FORMS_DIR) and path.endswith(".md") and posixpath.basename(path) != "index.md"


def docx_path(path: str) -> str:
    """Where a form's DOCX goes in the site: beside its page, e.g. forms/mou.md -> forms/mou.docx."""
    return path[: -len(".md")] + ".docx"


def docx_makers(
    chapters: Sequence[Chapter], build_date: datetime.date, strings: Strings
) -> dict[str, Callable[[], bytes]]:
    """What makes the DOCX of every form among the chapters, by its path in the site; a DataError in Thai without
    python-docx (checked now, before anything is written)."""
    made = [c for c in chapters if is_form(c.path)]
    if made and importlib.util.find_spec("docx") is None:
        raise DataError([Problem(made[0].source_path, 0, "docx", strings.error("forms_missing"))])
    return {docx_path(c.path): functools.partial(render_docx, c.text, c.title, build_date, strings) for c in made}


def docx_files(chapters: Sequence[Chapter], build_date: datetime.date, strings: Strings) -> dict[str, bytes]:
    """The DOCX of every form among the chapters, by its path in the site; a DataError in Thai without python-docx."""
    return {path: make() for path, make in docx_makers(chapters, build_date, strings).items()}


def _fill(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    for words, strong in runs(text):
        paragraph.add_run(words).bold = strong or bold


def render_docx(markdown: str, title: str, build_date: datetime.date, strings: Strings) -> bytes:
    """The DOCX of one form page: the same words as the page, as editable Word paragraphs and tables."""
    with _garbage_collected():
        return _render_docx(markdown, title, build_date, strings)


@contextlib.contextmanager
def _garbage_collected() -> Iterator[None]:
    """Collect the garbage of what runs inside, even where the build has paused the cycle collector.

    A python-docx document is a cycle of objects (its package and parts refer to each other), so it outlives
    its use until a collection: at 10,000 partnerships the generator, which pauses the collector, kept the
    forms' documents, some 40 MB. Only the objects made inside are looked at: those alive before are frozen, and
    stay frozen after when some were before (the live preview freezes what its first build made, generator/live.py).
    """
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        if not frozen_before:
            gc.unfreeze()


def _render_docx(markdown: str, title: str, build_date: datetime.date, strings: Strings) -> bytes:
    import docx  # python-docx is needed to build the site, not to validate partner files (pre-commit hook).

    document = docx.Document()
    _set_fonts(document)
    _set_properties(document, plain(title), build_date, strings)
    # Style ids looked up once: python-docx scans every style of the template on each lookup by name.
    styles = {name: document.styles[name].style_id for name in STYLES}
    for block in blocks(markdown):
        _add(document, block, styles)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), build_date)


def _paragraph(document: Document, style: str | None = None) -> Paragraph:
    paragraph = document.add_paragraph()
    if style is not None:
        paragraph._p.style = style
    return paragraph


def _add(document: Document, block: Block, styles: dict[str, str]) -> None:
    from docx.enum.text import WD_BREAK

    if block.kind == "heading":
        _fill(_paragraph(document, styles[f"Heading {min(block.level, 4)}"]), block.text)
    elif block.kind == "paragraph":
        _fill(_paragraph(document), block.text)
    elif block.kind == "item":
        style = "List Number" if block.numbered else "List Bullet"
        if block.level:
            style += f" {min(block.level + 1, 3)}"
        paragraph = _paragraph(document, None if block.checkbox else styles[style])
        _fill(paragraph, (CHECKBOX if block.checkbox else "") + block.text)
    elif block.kind == "note":
        paragraph = _paragraph(document)
        if block.rows[0][0]:
            _fill(paragraph, block.rows[0][0], bold=True)
            paragraph.add_run().add_break(WD_BREAK.LINE)
        _fill(paragraph, block.text)
    elif block.kind == "table":
        _add_table(document, block, styles["Table Grid"])


def _add_table(document: Document, block: Block, style: str) -> None:
    width = max(len(row) for row in block.rows)
    table = document.add_table(rows=0, cols=width)
    table._tbl.tblStyle_val = style
    for number, row in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            _fill(cell.paragraphs[0], text, bold=number == 0)
            if block.keep_together:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        if block.keep_together or number == 0:
            _no_split(table.rows[-1])
    _paragraph(document)


def _no_split(row: _Row) -> None:
    """A table row that Word never breaks across pages."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _set_fonts(document: Document) -> None:
    """A Thai font and Thai-sized text for the styles the forms use."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name, points in SIZES.items():
        style = document.styles[name]
        style.font.name = THAI_FONT
        style.font.size = Pt(points)
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        for attribute in ("w:cs", "w:eastAsia", "w:hAnsi", "w:ascii"):
            fonts.set(qn(attribute), THAI_FONT)
        _set_size_cs(properties, points)


def _set_size_cs(properties: BaseOxmlElement, points: int) -> None:
    """Thai text is sized by w:szCs (complex script), not w:sz: one w:szCs, right after w:sz as the schema wants."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in properties.findall(qn("w:szCs")):
        properties.remove(old)
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), str(points * 2))
    sz = properties.find(qn("w:sz"))
    if sz is None:
        properties.append(size)
    else:
        sz.addnext(size)


def _set_properties(document: Document, title: str, build_date: datetime.date, strings: Strings) -> None:
    moment = datetime.datetime.combine(build_date, datetime.time(0, 0))
    core = document.core_properties
    core.title = title
    core.author = strings.data["forms"]["author"]
    core.last_modified_by = strings.data["forms"]["author"]
    core.comments = strings.data["forms"]["comments"]
    core.language = "th-TH"
    core.revision = 1
    core.created = moment
    core.modified = moment
    core.last_printed = moment


def _fixed_zip(data: bytes, build_date: datetime.date) -> bytes:
    """The same ZIP with every entry dated the build date at midnight, in the same order."""
    stamp = (build_date.year, build_date.month, build_date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def document_text(data: bytes) -> Iterable[str]:
    """Every paragraph's text of a DOCX, table cells included, in order (for checks and tests)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
