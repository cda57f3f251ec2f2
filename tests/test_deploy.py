"""Publishing and editor tooling: the GitHub Pages workflow lints clean, the pre-commit hook runs the validator."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [str(ACTIONLINT if ACTIONLINT.exists() else shutil.which("actionlint")), "-color=false", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "deploy.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: bulid"), encoding="utf-8")
    result = subprocess.run([str(ACTIONLINT), "-color=false", str(broken)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert 'job "deploy" needs job "bulid" which does not exist' in result.stdout


def test_build_job_tests_then_builds_with_python_311_chromium_and_thai_font() -> None:
    build = workflow()["jobs"]["build"]
    assert build["container"]["image"] == "debian:bookworm"
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    runs = [step.get("run", "") for step in steps("build")]
    uses = [step.get("uses", "") for step in steps("build")]
    setup = runs[0]
    assert "python3 python3-venv chromium fonts-thai-tlwg" in setup
    assert "assert sys.version_info[:2] == (3, 11)" in setup
    assert uses[1] == "actions/checkout@v6"
    order = [r.strip() for r in runs if r.strip() in ("make test", "make site")]
    assert order == ["make test", "make site"]
    assert ".venv/bin/python -m generator validate" in runs[2]
    upload = steps("build")[-1]
    assert upload["uses"] == "actions/upload-pages-artifact@v5"
    assert upload["with"] == {"path": "site"}


def test_deploy_job_publishes_to_pages_with_only_the_rights_it_needs() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v5"]
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert set(data[True]) == {"push", "pull_request", "workflow_dispatch"}


def test_site_url_step_appends_a_valid_mkdocs_setting(tmp_path: Path) -> None:
    step = next(s for s in steps("build") if "SITE_URL" in s.get("env", {}))
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    env = {"SITE_URL": "https://example.github.io/sister-cities", "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", "-c", step["run"]], cwd=tmp_path, env=env, check=True)
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"] == "https://example.github.io/sister-cities/"


def test_pre_commit_hook_runs_the_validator_with_pinned_packages() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    hook = next(hook for hook in repo["hooks"] if hook["id"] == "validate-partners")
    assert repo["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "python -m generator validate",
        "python",
        False,
    )
    assert re.search(hook["files"], "partners/chiang-mai/kunming.yml")
    assert not re.search(hook["files"], "content/faq.md")
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    assert hook["additional_dependencies"] == [f"PyYAML=={pins['PyYAML']}", f"Jinja2=={pins['Jinja2']}"]
    entry = shlex.split(hook["entry"])
    result = subprocess.run([sys.executable, *entry[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ข้อมูลถูกต้อง: \d+ ความสัมพันธ์\n", result.stdout)


def test_pre_commit_runs_the_fast_tier_before_a_push() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    hook = next(hook for hook in repo["hooks"] if hook["id"] == "fast-tier")
    assert (hook["entry"], hook["language"], hook["stages"], hook["always_run"]) == (
        "make check",
        "system",
        ["pre-push"],
        True,
    )
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check: ", makefile, flags=re.M)


def test_vscode_validates_partner_files_against_the_published_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./partners/partnership.schema.json": "partners/**/*.yml"}
    assert (ROOT / "partners" / "partnership.schema.json").is_file()


def test_readme_explains_publishing_in_under_ten_lines() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Publishing\n")[1].split("\n## ")[0].strip("\n")
    assert len(section.splitlines()) < 10
    assert "site_url" in section and "sub-path" in section and "site/" in section
