"""MkDocs hooks (listed in mkdocs.yml): a speed-up that changes no output.

Generated directory pages are one HTML block that Python-Markdown would pass through
unchanged after parsing every tag twice (once to stash raw HTML, once to collect
anchors). For pages whose front matter says `html_body: true`, the block skips the
Markdown parser and is put back as the page content. An engine that ignores hooks
builds the same pages, only slower. Self-contained: MkDocs loads this file by path.
"""

from __future__ import annotations

from typing import Any

PLACEHOLDER = "SCGENERATEDBODY"
_bodies: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Set a generated HTML body aside and give Markdown a one-word placeholder."""
    if page.meta.get("html_body") is True:
        _bodies[page.file.src_uri] = markdown.strip("\n")
        return PLACEHOLDER
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Put the generated HTML body back in place of the rendered placeholder."""
    body = _bodies.pop(page.file.src_uri, None)
    if body is None:
        return html
    if html != f"<p>{PLACEHOLDER}</p>":
        raise RuntimeError(f"unexpected placeholder rendering on {page.file.src_uri}: {html[:80]!r}")
    return body
