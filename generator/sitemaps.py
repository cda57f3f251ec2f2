"""Each edition's sitemap names, beside every page, the page and its counterpart in the other edition (hreflang).

A step after the engine, on the files it wrote (sitemap.xml and sitemap.xml.gz of each edition's folder): the
engine writes the addresses of its own pages only, and needs site_url to write any.
"""

from __future__ import annotations

import datetime
import gzip
import io
import xml.etree.ElementTree as etree
from pathlib import Path

from generator.editions import Edition, under

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def add_alternates(site: Path, ed: Edition, other: Edition, address: str, build_date: datetime.date | None) -> None:
    """Add to the sitemap of ed (in site/<ed.folder>) each page's alternates, both editions at address."""
    folder = site / ed.folder
    path = folder / "sitemap.xml"
    if not path.is_file():
        return
    etree.register_namespace("", SITEMAP)
    etree.register_namespace("xhtml", XHTML)
    tree = etree.parse(path)
    root = under(address) or ""
    for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc") or ""
        if not loc.startswith(root + ed.prefix):
            continue
        page = loc.removeprefix(root + ed.prefix)
        for lang, href in ((ed.lang, root + ed.prefix + page), (other.lang, root + other.prefix + page)):
            etree.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": lang, "href": href})
    data = io.BytesIO()
    tree.write(data, encoding="UTF-8", xml_declaration=True)
    path.write_bytes(data.getvalue())
    _gzip(folder / "sitemap.xml.gz", data.getvalue(), build_date)


def _gzip(path: Path, data: bytes, build_date: datetime.date | None) -> None:
    """The compressed copy, dated the build date (as the engine dates it) so that two builds are the same."""
    when = datetime.datetime.combine(build_date, datetime.time(), datetime.UTC).timestamp() if build_date else 0
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=int(when)) as packed:
        packed.write(data)
