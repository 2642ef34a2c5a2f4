"""CI output: GitHub workflow commands and SARIF 2.1.0 (validated against the published schema)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPO, Project, reference_text, replace_once

from dossierlint.report.github import escape_data, escape_property
from dossierlint.rules import REGISTRY

BROKEN = replace_once(reference_text(), "## Classification\n", "")
SARIF_SCHEMA_PATH = Path("shared") / "schemas" / "sarif-schema-2.1.0.json"


def _sarif_schema() -> dict:
    """The published OASIS schema, from `shared/` beside this checkout, where its
    README says to read it from (it asks that the file not be copied into projects)."""
    for folder in REPO.parents:
        candidate = folder / SARIF_SCHEMA_PATH
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))
    pytest.skip(f"the published SARIF schema is absent (no ../{SARIF_SCHEMA_PATH.as_posix()})")


def _project_with_findings(project: Project) -> None:
    """One error, warnings, an info, and a file name that needs escaping."""
    project.write("soviet-union-stalin.md", BROKEN)
    project.write("germany-hitler.md", "# Nazi Germany\n\n## Comparisons\n- [[italy]]\n")
    project.write("50%,odd:name.md", reference_text().replace("#soviet", "#soviet\n"))


# -- github -------------------------------------------------------------------

_COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=(DL\d{3})::(.*)$"
)


def test_github_format_is_one_workflow_command_per_finding(project: Project) -> None:
    _project_with_findings(project)
    expected = project.findings()
    result = project.run("check", "--format", "github")
    assert result.exit_code == 1
    *commands, summary = result.stdout.splitlines()
    assert summary.startswith("Checked 3 files: ")
    parsed = [_COMMAND.match(line) for line in commands]
    assert all(parsed), commands
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    assert [m.groups() for m in parsed] == [
        (
            levels[f["severity"]],
            escape_property(f["path"]),
            str(f["line"]),
            str(f["column"]),
            f["code"],
            escape_data(f["message"]),
        )
        for f in expected
    ]
    assert {m.group(1) for m in parsed} == {"error", "warning", "notice"}
    assert "::error file=dossiers/50%25%2Codd%3Aname.md,line=1,col=1,title=DL510::" in (
        result.stdout
    )


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_format_of_a_clean_run_is_the_summary_only(project: Project) -> None:
    project.write("germany-hitler.md", reference_text().replace("Stalin", "Hitler"))
    result = project.run("check", "--format", "github", "--select", "DL1")
    assert result.exit_code == 0
    assert result.stdout == "Checked 1 file: 0 errors, 0 warnings, 0 infos\n"


# -- sarif --------------------------------------------------------------------


def _sarif(project: Project, *args: str) -> tuple[int, dict]:
    result = project.run("check", "--format", "sarif", *args)
    return result.exit_code, json.loads(result.stdout)


def test_sarif_output_is_valid_against_the_published_schema(project: Project) -> None:
    import jsonschema

    schema = _sarif_schema()
    _project_with_findings(project)
    (project.dossiers / "dangling.md").symlink_to(project.root / "nowhere.md")
    exit_code, log = _sarif(project)
    assert exit_code == 2  # the dangling link cannot be read
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "dangling.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_results_match_the_findings(project: Project) -> None:
    _project_with_findings(project)
    expected = project.findings()
    exit_code, log = _sarif(project)
    assert exit_code == 1
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dossierlint"
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(REGISTRY)
    missing_link = rules[list(REGISTRY).index("DL501")]
    assert missing_link["name"] == "missing-link"
    assert missing_link["defaultConfiguration"] == {"level": "warning"}
    assert missing_link["shortDescription"]["text"] == REGISTRY["DL501"].summary
    assert "Fails:" in missing_link["help"]["markdown"]
    root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert root == project.root.resolve().as_uri() + "/"
    levels = {"error": "error", "warning": "warning", "info": "note"}
    got = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        [location] = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "SRCROOT"
        region = location["physicalLocation"]["region"]
        got.append(
            (
                artifact["uri"],
                region["startLine"],
                region["startColumn"],
                result["ruleId"],
                result["level"],
                result["message"]["text"],
            )
        )
    assert got == [
        (
            f["path"].replace("%", "%25").replace(",", "%2C").replace(":", "%3A"),
            f["line"],
            f["column"],
            f["code"],
            levels[f["severity"]],
            f["message"],
        )
        for f in expected
    ]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_names_files_outside_the_working_directory_by_file_uri(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "soviet-union-stalin.md"
    elsewhere.write_text(BROKEN)
    project.write_reference()
    _, log = _sarif(project, os.fspath(elsewhere))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {elsewhere.as_uri()}
