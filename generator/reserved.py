"""Words the pipeline writes into pages as markers: partner data must never contain them."""

from __future__ import annotations

# generator/hooks.py puts the body of a generated page behind this placeholder until MkDocs writes the page.
PLACEHOLDER = "SCGENERATEDBODY"
# generator/hooks.py renders one made-up page per shell at <folder>/scshellpageid/.
SHELL_ID = "scshellpageid"
# generator/hooks.py's made-up title for that page.
SHELL_TITLE_MARK = "SCSHELLTITLE"
# Text that contains any of these (in any case) is refused by the validator.
TOKENS = (PLACEHOLDER, SHELL_ID, SHELL_TITLE_MARK)
# Folders of partners/ that are not a province's.
MULTILATERAL_FOLDER = "multilateral"
