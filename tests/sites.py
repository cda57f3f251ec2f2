"""Building real sites from small fixture data, shared by the build and browser tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from conftest import BASELINE, ROOT, SETTINGS, edit, write

from generator import build as pipeline
from generator.cli import today
from generator.editions import LANGS
from generator.loader import partner_files
from generator.monitor import Settings
from generator.reserved import MULTILATERAL_FOLDER

# Text a hostile or careless editor might type; every free-text field that reaches a page gets one,
# each trying another way to run script or add an attribute, and each naming its field if it ever runs.
PAYLOAD_NAME = '<script>window.__xss = "name"</script>'
PAYLOAD_IMG = "<img src=x onerror=\"window.__xss = 'img'\">"
PAYLOAD_ATTR = '{: onclick="window.__xss = 1" } [click](javascript:window.__xss=2)'
PAYLOAD_IFRAME = '<iframe src="javascript:window.top.__xss=3"></iframe>'
PAYLOADS = {
    # {partner} tries a message template's slot: the search page fills its title in one pass.
    "thai_party.name_th": "จังหวัดเชียงใหม่{partner}<svg onload=\"window.__xss='thai_party.name_th'\">",
    "thai_party.name_en": "\"><img src=x onerror=alert('thai_party.name_en')>",
    "partner.name_en": PAYLOAD_NAME,
    "partner.name_th": PAYLOAD_IMG,
    "partner.name_native": "昆明' lang=x onmouseover='window.__xss=\"partner.name_native\"",
    "activity.title_th": PAYLOAD_ATTR,
    "activity.title_en": "</span><script>window.__xss='activity.title_en'</script>",
    "document.title_th": "<a href=\"javascript:alert('document.title_th')\">MOU</a>",
    "document.title_en": "<details open ontoggle=\"window.__xss='document.title_en'\">x</details>",
    "office.name_th": "<object data=\"javascript:alert('office.name_th')\"></object>",
    "office.name_en": "<math><style><img src=x onerror=\"window.__xss='office.name_en'\"></style></math>",
    # Paragraphs, a line break and Markdown's attribute syntax: shown as text, in paragraphs, never run.
    "note_th": PAYLOAD_IFRAME + "\n\nย่อหน้าสอง\n{: onclick=\"window.__xss='note_th'\" }\n\n    <b>code?</b>",
    "note_en": "<base href=\"javascript:alert('note_en')//\"><b onclick=\"window.__xss='note_en'\">!</b>",
}


def _hostile() -> str:
    """The baseline partner file with a payload in every free-text field (JSON strings are YAML strings)."""
    p = {field: json.dumps(text, ensure_ascii=False) for field, text in PAYLOADS.items()}
    text = edit(BASELINE, "  name_th: จังหวัดเชียงใหม่", f"  name_th: {p['thai_party.name_th']}")
    text = edit(text, "  name_en: Chiang Mai Province", f"  name_en: {p['thai_party.name_en']}")
    text = edit(text, "  name_en: Kunming", f"  name_en: {p['partner.name_en']}")
    text = edit(text, "  name_th: คุนหมิง", f"  name_th: {p['partner.name_th']}")
    text = edit(text, "  name_native: 昆明", f"  name_native: {p['partner.name_native']}")
    title = f"title_th: {p['activity.title_th']}\n    title_en: {p['activity.title_en']}"
    text = edit(text, "title_th: คณะผู้แทนเยือนคุนหมิง", title)
    return (
        text
        + f"documents:\n  - kind: mou\n    title_th: {p['document.title_th']}\n    title_en: {p['document.title_en']}\n"
        + "    url: https://example.org/mou.pdf\n"
        + f"responsible_office:\n  name_th: {p['office.name_th']}\n  name_en: {p['office.name_en']}\n"
        + f"note_th: {p['note_th']}\nnote_en: {p['note_en']}\n"
    )


HOSTILE = _hostile()

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


def record(
    province: str,
    thai_th: str,
    partner: tuple[str, str, str | None, str, str],
    kind: str,
    status: str,
    more: str,
) -> str:
    """A partner file: province code, Thai party name, (en, th, native, country, level), type, status, the rest."""
    name_en, name_th, native, country, level = partner
    return (
        f"thai_party:\n  level: province\n  name_th: {thai_th}\n  name_en: {thai_th} Province\n  province: {province}\n"
        f"partner:\n  name_en: {name_en}\n  name_th: {name_th}\n"
        + (f"  name_native: {native}\n" if native else "")
        + f"  country: {country}\n  level: {level}\ntype: {kind}\nstatus: {status}\n{more}"
        "sources:\n  - https://example.org/source\nevidence: news_report\nverification: verified\n"
        "checked:\n  date: 2026-11-20\n  what_th: ตรวจแล้ว\n"
    )


def paths_for(tmp: Path, partners: Path, langs: tuple[str, ...] = ("th",), search: bool = False) -> pipeline.Paths:
    """Project inputs from the repository, data and outputs in tmp; no handbook PDF (tests/test_pdf.py prints it).

    The Thai edition alone unless langs names more: the tests of the English edition build both. No search index
    unless search is true: the tests of searching and of the whole output ask for it."""
    return pipeline.Paths(
        partners=partners,
        content=ROOT / "content",
        templates=ROOT / "templates",
        config=ROOT / "mkdocs.yml",
        docs=tmp / "docs",
        site=tmp / "site",
        pdf=False,
        langs=langs,
        search=search,
    )


def build_fixture_site(
    tmp: Path, files: dict[str, str | bytes] | None = None, langs: tuple[str, ...] = ("th",), search: bool = False
) -> pipeline.Paths:
    """Build a real site (MkDocs, strict) from fixture partner files into tmp/site (the Thai edition unless langs
    names more; a search index only when search is true)."""
    paths = paths_for(tmp, write(tmp, dict(files or FIXTURE)), langs, search)
    pipeline.build(paths, SETTINGS)
    return paths


def config_with_site_url(tmp: Path, site_url: str) -> Path:
    """A copy of mkdocs.yml in tmp with site_url set and its own paths made absolute."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = site_url
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "overrides")
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config_file = tmp / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def real_paths(tmp: Path) -> pipeline.Paths:
    """The bundled partner data and handbook in both editions, with outputs in tmp."""
    return paths_for(tmp, ROOT / "partners", LANGS, search=True)


# The bundled data changes with every contribution: tests of it hold for any valid data, so they build it for
# the real today (a file dated today is valid) and compare with what the files say, never with today's counts.


def real_settings() -> Settings:
    """Settings for building the bundled data: the build date is today, as `python -m generator build` has it."""
    return Settings(today())


def bundled_partnerships() -> int:
    """How many partnerships the bundled data holds: one per partner file, multilateral mechanisms aside."""
    return len([p for p in partner_files(ROOT / "partners") if p.parent.name != MULTILATERAL_FOLDER])


def directory_data(site: Path) -> dict[str, Any]:
    """The directory's data of a built site put back together: meta.json with the rows of every piece."""
    folder = site / "directory" / "data"
    data: dict[str, Any] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    pieces = range(len(data["pieces"]))
    data["rows"] = [row for n in pieces for row in json.loads((folder / f"rows-{n}.json").read_text(encoding="utf-8"))]
    return data
