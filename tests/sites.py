"""Building real sites from small fixture data, shared by the build and browser tests."""

from __future__ import annotations

from pathlib import Path

from conftest import BASELINE, ROOT, SETTINGS, edit, write

from generator import build as pipeline

# Text a hostile or careless editor might type; every field that reaches a page gets one.
PAYLOAD_NAME = '<script>window.__xss = "name"</script>'
PAYLOAD_IMG = "<img src=x onerror=\"window.__xss = 'img'\">"
PAYLOAD_ATTR = '{: onclick="window.__xss = 1" } [click](javascript:window.__xss=2)'
PAYLOAD_IFRAME = '<iframe src="javascript:window.top.__xss=3"></iframe>'

HOSTILE = (
    BASELINE.replace("  name_en: Kunming", f"  name_en: '{PAYLOAD_NAME}'")
    .replace("  name_th: คุนหมิง", f"  name_th: '{PAYLOAD_IMG.replace(chr(39), chr(39) * 2)}'")
    .replace("title_th: คณะผู้แทนเยือนคุนหมิง", f"title_th: '{PAYLOAD_ATTR}'")
    + f"note_th: '{PAYLOAD_IFRAME}'\n"
)

BANGKOK = edit(
    edit(edit(BASELINE, "  level: province", "  level: bangkok"), "province: TH-50", "province: TH-10"),
    "  name_th: จังหวัดเชียงใหม่",
    "  name_th: กรุงเทพมหานคร",
)

FIXTURE = {
    "chiang-mai/kunming.yml": BASELINE,
    "chiang-mai/hostile.yml": HOSTILE,
    "bangkok/kunming.yml": BANGKOK,
}


def paths_for(tmp: Path, partners: Path) -> pipeline.Paths:
    """Project inputs from the repository, data and outputs in tmp."""
    return pipeline.Paths(
        partners=partners,
        content=ROOT / "content",
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        docs=tmp / "docs",
        site=tmp / "site",
    )


def build_fixture_site(tmp: Path, files: dict[str, str | bytes] | None = None) -> pipeline.Paths:
    """Build a real site (MkDocs, strict) from fixture partner files into tmp/site."""
    paths = paths_for(tmp, write(tmp, dict(files or FIXTURE)))
    pipeline.build(paths, SETTINGS)
    return paths
