"""Real MkDocs builds on small fixture data: pages, province pages, escaping, atomic replacement."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BASELINE, ROOT, SETTINGS, TODAY, edit, write
from sites import FIXTURE, PAYLOAD_IMG, PAYLOAD_NAME, build_fixture_site, paths_for

from generator import build as pipeline
from generator.chapters import EMPTY
from generator.errors import DataError
from generator.handbook import PDF_PATH, without_pdf_links
from generator.model import Chapter
from generator.monitor import Settings
from generator.refdata import load_refdata
from generator.sample import sample_files
from generator.search_terms import coded_page

HOME = (ROOT / "content" / "index.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("build")).site


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_partnership_has_a_page(site: Path) -> None:
    pages = sorted(p.parent.name for p in (site / "partnerships").glob("*/index.html"))
    assert pages == ["bangkok-kunming", "chiang-mai-hostile", "chiang-mai-kunming"]
    html = (site / "partnerships" / "chiang-mai-kunming" / "index.html").read_text()
    assert "<title>จังหวัดเชียงใหม่ – คุนหมิง" in html
    assert "7 มิถุนายน พ.ศ. 2542 (ค.ศ. 1999)" in html
    assert 'href="../../provinces/chiang-mai/"' in html


def test_every_province_has_a_page(site: Path) -> None:
    provinces = sorted((site / "provinces").glob("*/index.html"))
    assert len(provinces) == 77
    bangkok = (site / "provinces" / "bangkok" / "index.html").read_text()
    assert "<h1>กรุงเทพมหานคร</h1>" in bangkok
    assert 'href="../../partnerships/bangkok-kunming/"' in bangkok
    assert "ยังไม่มีความสัมพันธ์ของจังหวัดนี้" in (site / "provinces" / "nan" / "index.html").read_text()


def test_listing_pages_and_schema_exist(site: Path) -> None:
    for page in (
        "directory",
        "directory/all",
        "regions/north",
        "countries/cn",
        "years/1999",
        "status/active",
        "types/sister_city",
        "provinces",
        "404.html",
    ):
        target = site / page if page.endswith(".html") else site / page / "index.html"
        assert target.is_file(), page
    assert '"$schema"' in (site / "data" / "partnership.schema.json").read_text()


def test_partner_pages_stay_out_of_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text()
    assert "partnerships/" not in home
    assert "directory/" in home


def test_html_in_names_is_shown_as_text(site: Path) -> None:
    html = (site / "partnerships" / "chiang-mai-hostile" / "index.html").read_text()
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    assert "<iframe" not in html
    assert "&lt;script&gt;window.__xss" in html
    assert (
        "<title>จังหวัดเชียงใหม่{partner}&lt;svg onload=&#34;window.__xss=&#39;thai_party.name_th&#39;&#34;&gt; – &lt;img"
        in html
    )
    listing = (site / "provinces" / "chiang-mai" / "index.html").read_text()
    assert PAYLOAD_NAME not in listing and PAYLOAD_IMG not in listing


def test_partnership_page_is_small(site: Path) -> None:
    size = (site / "partnerships" / "chiang-mai-kunming" / "index.html").stat().st_size
    assert size < 40 * 1024


def test_invalid_data_leaves_the_previous_site(tmp_path: Path) -> None:
    paths = build_fixture_site(tmp_path)
    before = tree_digest(paths.site)
    broken = edit(BASELINE, "signed: 1999-06-07", "signed: 2542-06-07")
    write(tmp_path, {"chiang-mai/kunming.yml": broken})
    with pytest.raises(DataError) as caught:
        pipeline.build(paths, SETTINGS)
    assert [p.field for p in caught.value.problems] == ["signed"]
    assert tree_digest(paths.site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "docs.mkdocs.yml", "partners", "site"]


def test_failed_mkdocs_build_leaves_the_previous_site(tmp_path: Path) -> None:
    paths = build_fixture_site(tmp_path)
    before = tree_digest(paths.site)
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# หน้าแรก\n\n[ลิงก์เสีย](missing.md)\n", encoding="utf-8")
    broken = pipeline.Paths(**{**paths.__dict__, "content": content})
    with pytest.raises(DataError) as caught:
        pipeline.build(broken, SETTINGS)
    assert caught.value.problems[0].field == "mkdocs"
    assert tree_digest(paths.site) == before
    assert not list(tmp_path.glob(".site.new-*"))


def test_a_rebuild_replaces_the_site(tmp_path: Path) -> None:
    paths = build_fixture_site(tmp_path)
    (paths.partners / "chiang-mai" / "hostile.yml").unlink()
    pipeline.build(paths, SETTINGS)
    assert not (paths.site / "partnerships" / "chiang-mai-hostile").exists()
    assert (paths.site / "partnerships" / "chiang-mai-kunming" / "index.html").is_file()


def test_hand_written_content_is_never_overwritten(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "directory").mkdir(parents=True)
    (content / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    (content / "directory" / "index.md").write_text("# เขียนเอง\n", encoding="utf-8")
    paths = pipeline.Paths(**{**paths_for(tmp_path, write(tmp_path, dict(FIXTURE))).__dict__, "content": content})
    with pytest.raises(DataError) as caught:
        pipeline.build(paths, SETTINGS)
    assert [str(p) for p in caught.value.problems] == [
        f"{content}/directory/index.md: content: ไฟล์นี้ชื่อซ้ำกับหน้าที่สร้างจากข้อมูลความสัมพันธ์ ให้เปลี่ยนชื่อไฟล์ในโฟลเดอร์ content"
    ]
    assert (content / "directory" / "index.md").read_text(encoding="utf-8") == "# เขียนเอง\n"


def test_site_size_grows_linearly(tmp_path: Path) -> None:
    sizes = []
    for count in (30, 60, 120):
        folder = tmp_path / str(count)
        files: dict[str, str | bytes] = dict(sample_files(count, 7, TODAY, load_refdata()))
        site = build_fixture_site(folder, files).site
        sizes.append(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()))
    # Doubling the partnerships at most doubles what they add: no page grows with the whole data set.
    # (Less than double is expected: new countries and years add fewer listing pages as data grows.)
    first, second = sizes[1] - sizes[0], sizes[2] - sizes[1]
    assert 1.0 < second / first < 2.2, sizes
    largest = max((site / "partnerships").glob("*/index.html"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size < 40 * 1024


@pytest.mark.parametrize("output", ["docs", "site"])
@pytest.mark.parametrize("source", ["partners", "content", "."])
def test_output_folders_never_overlap_inputs(tmp_path: Path, output: str, source: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    paths = pipeline.Paths(**{**paths_for(tmp_path, write(tmp_path, dict(FIXTURE))).__dict__, "content": content})
    target = tmp_path / source if source != "." else tmp_path
    unsafe = pipeline.Paths(**{**paths.__dict__, output: target})
    with pytest.raises(DataError) as caught:
        pipeline.build(unsafe, SETTINGS)
    assert caught.value.problems[0].field == "output"
    assert "ซ้อนกับโฟลเดอร์ต้นฉบับ" in caught.value.problems[0].message
    assert (content / "index.md").is_file()
    assert (paths.partners / "chiang-mai" / "kunming.yml").is_file()


def test_the_speed_up_hook_changes_no_output(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["hooks"] == ["generator/hooks.py"]
    plain = {**config, "hooks": [], "theme": {**config["theme"], "custom_dir": str(ROOT / "templates" / "overrides")}}
    plain_config = tmp_path / "mkdocs.yml"
    plain_config.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    hooked = build_fixture_site(tmp_path / "hooked")
    paths = paths_for(tmp_path / "plain", write(tmp_path / "plain", dict(FIXTURE)))
    pipeline.build(pipeline.Paths(**{**paths.__dict__, "config": plain_config}), SETTINGS)
    assert tree_digest(paths.site) == tree_digest(hooked.site)


def test_plain_mkdocs_builds_the_staged_tree(tmp_path: Path) -> None:
    paths = build_fixture_site(tmp_path / "ours", search=True)
    config = pipeline.staged_config_path(paths)
    assert config.is_file()
    plain = tmp_path / "plain"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(plain)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # The search step codes each indexed page's hidden block of extra words after MkDocs (search_terms.py);
    # Pagefind's bundle is that step's too. Everything else is MkDocs' output, byte for byte.
    for page in ("index.html", "404.html", "partnerships/chiang-mai-kunming/index.html", "stats/index.html"):
        built = (plain / page).read_text(encoding="utf-8")
        assert coded_page(built) == (paths.site / page).read_text(encoding="utf-8"), page
    assert "ไม่พบหน้า" in (plain / "404.html").read_text(encoding="utf-8")


# The handbook PDF: linked from the home page only when the build prints it (tests/test_pdf.py checks the link
# of a build with the PDF).
PDF_ITEM = next(line for line in HOME.splitlines() if "](downloads/handbook-th.pdf)" in line)


def test_a_build_without_the_pdf_links_to_no_pdf(site: Path) -> None:
    linking = sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if re.search(r'href="[^"]*handbook-th\.pdf', page.read_text(encoding="utf-8"))
    )
    assert linking == []
    assert not (site / "downloads").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "คู่มือฉบับ PDF" not in home
    assert (
        '<li><a href="forms/">แบบฟอร์ม</a>: ตัวอย่างเอกสาร หนังสือ คำสั่ง และรายการตรวจสอบ ดาวน์โหลดเป็นไฟล์ Word ได้</li>' in home
    )


def test_a_build_without_the_search_index_writes_none_and_leaves_the_extra_words_uncoded(site: Path) -> None:
    # The fixture builds skip the search step (build_fixture_site(search=False)); the command line never does
    # (tests/test_cli.py).
    assert not (site / "pagefind").exists()
    province = (site / "provinces" / "chiang-mai" / "index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-weight="7">จังหวัดเชียงใหม่</span>' in province


@pytest.mark.parametrize("pdf", [True, False], ids=["pdf", "no-pdf"])
def test_the_staged_home_page_links_the_pdf_only_when_it_is_printed(tmp_path: Path, pdf: bool) -> None:
    paths = dataclasses.replace(paths_for(tmp_path, write(tmp_path, dict(FIXTURE))), pdf=pdf)
    pipeline.generate(paths, SETTINGS)
    home = (paths.docs / "index.md").read_text(encoding="utf-8")
    assert (PDF_ITEM + "\n" in home) is pdf
    assert "- [แบบฟอร์ม](forms/index.md): ตัวอย่างเอกสาร หนังสือ คำสั่ง และรายการตรวจสอบ ดาวน์โหลดเป็นไฟล์ Word ได้\n" in home
    assert (paths.docs / PDF_PATH).is_file() is pdf


def test_only_list_items_linking_the_pdf_are_dropped() -> None:
    text = (
        "- [ก](a.md)\n- [PDF](../downloads/handbook-th.pdf): ยาว\n  ต่อ\n- [ข](b.md)\n\n"
        "* [PDF](downloads/handbook-th.pdf)\n\nดู[PDF](../downloads/handbook-th.pdf)\n"
    )
    chapter = Chapter("steps/x.md", "content/steps/x.md", "x", EMPTY, text)
    assert [c.text for c in without_pdf_links([chapter])] == [
        "- [ก](a.md)\n- [ข](b.md)\n\n* [PDF](downloads/handbook-th.pdf)\n\nดู[PDF](../downloads/handbook-th.pdf)\n"
    ]


def test_built_pages_have_no_banner(site: Path) -> None:
    # The theme's banner is the live preview's list of data problems (tests/test_cli.py); a build has none.
    assert [p.name for p in site.rglob("*.html") if 'class="md-banner' in p.read_text(encoding="utf-8")] == []


def test_inputs_may_be_dated_up_to_the_settings_latest_date(tmp_path: Path) -> None:
    """A chapter reviewed after the build date is refused, unless the settings allow inputs dated later."""
    content = tmp_path / "content"
    content.mkdir()
    later = TODAY + datetime.timedelta(days=3)
    (content / "index.md").write_text(f"---\nreviewed: {later.isoformat()}\n---\n\n# หน้าแรก\n", encoding="utf-8")
    paths = dataclasses.replace(
        paths_for(tmp_path, write(tmp_path, {"chiang-mai/kunming.yml": BASELINE})), content=content
    )
    with pytest.raises(DataError) as caught:
        pipeline.check(paths, Settings(TODAY))
    assert [(p.field, p.line) for p in caught.value.problems] == [("reviewed", 2)]
    inputs = pipeline.check(paths, Settings(TODAY, dated_until=later))
    assert [c.meta.reviewed for c in inputs.chapters] == [later]
