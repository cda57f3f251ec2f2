"""Build some editions of the site only, as `python -m generator build` builds them all (benchmarks/build_scale.py).

Usage: python benchmarks/build_editions.py th [en] --partners P --docs-dir D --site-dir S --build-date D [--no-pdf]
A site of the Thai edition alone links to English pages it does not hold: a measure, never a site to publish.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import build as pipeline
from generator.monitor import Settings


def main() -> None:
    """Build the editions named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("langs", nargs="+")
    parser.add_argument("--partners", type=Path, required=True)
    parser.add_argument("--docs-dir", type=Path, required=True)
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--build-date", type=datetime.date.fromisoformat, required=True)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    paths = pipeline.Paths(
        partners=args.partners, docs=args.docs_dir, site=args.site_dir, pdf=not args.no_pdf, langs=tuple(args.langs)
    )
    pipeline.build(paths, Settings(args.build_date))


if __name__ == "__main__":
    main()
