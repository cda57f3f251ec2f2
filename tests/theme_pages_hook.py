"""A MkDocs hook for tests: writes one JSON line per page the theme renders to the file named by the
environment variable below (nothing when it is unset), through MkDocs' public on_page_context event.

The line holds the page's source path and, for a generated page (html_body: true), the Markdown and the
HTML MkDocs holds for it at that moment (tests/test_shell.py: placeholders, never the body).
"""

from __future__ import annotations

import json
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

LOG_VARIABLE = "SC_TEST_THEME_PAGES"


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Note the page the theme is about to render."""
    log = os.environ.get(LOG_VARIABLE)
    if log:
        generated = page.meta.get("html_body") is True
        line = [page.file.src_uri, page.markdown if generated else None, page.content if generated else None]
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(line) + "\n")
    return context
