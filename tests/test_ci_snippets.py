"""The README's CI recipes and the composite action (action.yml), checked as written:
each is valid against GitHub's workflow or action schema (as vendored by
check-jsonschema), and its `run:` scripts are run for real on a broken dossier."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, reference_text, replace_once

BROKEN = replace_once(reference_text(), "## Classification\n", "")
ANNOTATION = (
    "::error file=dossiers/soviet-union-stalin.md,line=33,col=1,title=DL103::"
    "required section '## Classification' is missing"
)
# GitHub runs a `shell: bash` step as `bash --noprofile --norc -eo pipefail {0}`.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]


def _ci_snippets() -> list[str]:
    """Every ```yaml block of the README's CI section, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### CI\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return [block.split("\n```", 1)[0] + "\n" for block in section.split("```yaml\n")[1:]]


def _steps(snippet: str) -> list[dict]:
    [job] = yaml.safe_load(snippet)["jobs"].values()
    return job["steps"]


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    command = [str(tool)] if tool.is_file() else [shutil.which("check-jsonschema") or "false"]
    return subprocess.run(
        [*command, "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


def _broken_project(root: Path) -> Path:
    (root / ".git").mkdir()  # a repository root without any configuration
    (root / "dossiers").mkdir()
    (root / "dossiers" / "soviet-union-stalin.md").write_text(BROKEN, encoding="utf-8")
    return root


def _bash(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BASH, script], cwd=cwd, env={**_env(), **env}, capture_output=True, text=True, timeout=300
    )


def test_the_readme_has_the_annotation_the_sarif_and_the_action_recipes() -> None:
    annotation, sarif, action = _ci_snippets()
    assert "dossierlint check --format github" in annotation
    workflow = yaml.safe_load(sarif)
    assert workflow["permissions"]["security-events"] == "write"
    uses = [step.get("uses", "") for step in _steps(sarif)]
    assert "github/codeql-action/upload-sarif@v3" in uses
    assert [s["uses"] for s in _steps(action) if "dossierlint/" in s.get("uses", "")]


def test_every_ci_snippet_is_a_valid_workflow(tmp_path: Path) -> None:
    files = []
    for number, snippet in enumerate(_ci_snippets()):
        files.append(tmp_path / f"workflow-{number}.yml")
        files[-1].write_text(snippet)
    result = _validate("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_rejects_a_broken_snippet(tmp_path: Path) -> None:
    """The validation above can fail: a misspelt permission level is caught."""
    sarif = _ci_snippets()[1].replace("security-events: write", "security-events: writ")
    (tmp_path / "broken.yml").write_text(sarif)
    assert _validate("vendor.github-workflows", tmp_path / "broken.yml").returncode == 1


def test_action_yml_is_a_valid_action() -> None:
    result = _validate("vendor.github-actions", REPO / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sarif_job_writes_sarif_on_findings_and_fails_on_a_usage_error(
    tmp_path: Path,
) -> None:
    annotation, sarif, _ = _ci_snippets()
    runs = [step["run"] for step in _steps(sarif) if "run" in step]
    install, check = runs
    assert install == next(s["run"] for s in _steps(annotation) if "run" in s)
    [upload] = [s for s in _steps(sarif) if "upload-sarif" in s.get("uses", "")]
    report = upload["with"]["sarif_file"]

    root = _broken_project(tmp_path)
    result = _bash(check, root)
    assert result.returncode == 0, result.stderr
    log = json.loads((root / report).read_text())
    assert log["version"] == "2.1.0"
    assert "DL103" in [r["ruleId"] for r in log["runs"][0]["results"]]

    (root / ".dossierlint.toml").write_text("select = 3\n")
    assert _bash(check, root).returncode != 0  # the step fails


def _action_steps() -> dict[str, dict]:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    return {step.get("name", step.get("uses")): step for step in action["runs"]["steps"]}


def test_the_action_installs_dossierlint_from_its_own_checkout(tmp_path: Path) -> None:
    step = _action_steps()["Install dossierlint"]
    assert step["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    dry_run = step["run"].replace(
        "python -m pip install --quiet",
        f"{sys.executable} -m pip install --dry-run --no-deps --no-build-isolation",
    )
    result = _bash(dry_run, tmp_path, ACTION_PATH=str(REPO))
    assert result.returncode == 0, result.stderr
    assert "Would install dossierlint-" in result.stdout


def test_the_action_annotates_or_writes_a_file(tmp_path: Path) -> None:
    step = _action_steps()["Run dossierlint"]
    inputs = yaml.safe_load((REPO / "action.yml").read_text())["inputs"]
    assert step["env"] == {"ARGS": "${{ inputs.args }}", "OUTPUT": "${{ inputs.output }}"}
    root = _broken_project(tmp_path)

    annotated = _bash(step["run"], root, ARGS=inputs["args"]["default"], OUTPUT="")
    assert annotated.returncode == 1 and ANNOTATION in annotated.stdout

    written = _bash(step["run"], root, ARGS="--format sarif dossiers", OUTPUT="out.sarif")
    assert written.returncode == 0, written.stderr
    assert json.loads((root / "out.sarif").read_text())["version"] == "2.1.0"

    failed = _bash(step["run"], root, ARGS="--format nonsense", OUTPUT="out.sarif")
    assert failed.returncode != 0


@pytest.mark.parametrize("hostile", ["$(touch pwned)", "`touch pwned`", "; touch pwned"])
def test_the_action_never_runs_its_inputs_as_shell(hostile: str, tmp_path: Path) -> None:
    step = _action_steps()["Run dossierlint"]
    root = _broken_project(tmp_path)
    _bash(step["run"], root, ARGS=hostile, OUTPUT="")
    assert not (root / "pwned").exists()
