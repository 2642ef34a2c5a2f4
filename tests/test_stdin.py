"""`check --stdin-filename PATH -`: an unsaved buffer linted as if it were file PATH."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, reference_text, replace_once

from dossierlint.cli import cli

MISSPELLED = replace_once(reference_text(), "## Overview", "## Overveiw")


def run(cwd: Path, args: list[str], stdin: bytes = b""):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, input=stdin, prog_name="dossierlint")
    finally:
        os.chdir(old)


def findings(result) -> list[dict]:
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_stdin_gets_the_same_findings_as_the_file_on_disk(project: Project):
    path = project.write("soviet-union-stalin.md", MISSPELLED)
    on_disk = findings(run(project.root, ["check", "--format", "json", "--no-cache", str(path)]))
    from_stdin = findings(
        run(
            project.root,
            [
                "check",
                "--format",
                "json",
                "--stdin-filename",
                "dossiers/soviet-union-stalin.md",
                "-",
            ],
            path.read_bytes(),
        )
    )
    assert from_stdin == on_disk
    assert "DL108" in {f["code"] for f in from_stdin}
    assert {f["path"] for f in from_stdin} == {"dossiers/soviet-union-stalin.md"}


def test_the_text_on_stdin_is_checked_not_the_file(project: Project):
    project.write_reference()
    result = run(
        project.root,
        ["check", "--stdin-filename", "dossiers/soviet-union-stalin.md", "-"],
        MISSPELLED.encode(),
    )
    assert result.exit_code == 1
    assert "dossiers/soviet-union-stalin.md:3:1: DL108" in result.stdout


def test_a_buffer_not_yet_saved_is_checked_in_its_collection(project: Project):
    project.write_reference()
    text = replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin", "# Germany")
    result = run(
        project.root,
        ["check", "--format", "json", "--stdin-filename", "dossiers/germany-hitler.md", "-"],
        text.encode(),
    )
    found = findings(result)
    # The reference's [[germany-hitler]] would resolve; this file's own links are still checked.
    assert [f["message"] for f in found if f["code"] == "DL501"] == [
        "[[china-mao]] names no dossier yet (there is no china-mao.md)"
    ]
    assert not (project.dossiers / "germany-hitler.md").exists()


def test_the_settings_are_those_of_the_files_folder_with_its_per_file_ignores(
    project: Project, tmp_path: Path
):
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n'
        '[tool.dossierlint.per-file-ignores]\n"dossiers/drafts/*" = ["DL108"]\n'
    )
    (project.dossiers / "drafts").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name, expected in (("drafts/x.md", set()), ("x.md", {"DL108"})):
        target = project.dossiers / name
        result = run(
            elsewhere,  # an editor may run the command from any folder
            ["check", "--format", "json", "--stdin-filename", str(target), "-"],
            MISSPELLED.encode(),
        )
        assert {f["code"] for f in findings(result)} & {"DL108"} == expected


def test_fix_prints_the_fixed_text_and_reports_the_rest_on_stderr(project: Project):
    path = project.write("soviet-union-stalin.md", MISSPELLED.replace("\n", "\r\n"))
    copy = project.write("copy.md", path.read_bytes())
    result = run(
        project.root,
        ["check", "--fix", "--stdin-filename", "dossiers/soviet-union-stalin.md", "-"],
        path.read_bytes(),
    )
    assert path.read_bytes() == MISSPELLED.replace("\n", "\r\n").encode()  # nothing written
    assert run(project.root, ["check", "--fix", "--no-cache", str(copy)]).exit_code in (0, 1)
    assert result.stdout_bytes == copy.read_bytes()  # what --fix makes of the file
    assert b"## Overview\r\n" in result.stdout_bytes
    assert "DL108" not in result.stderr
    assert "dossiers/soviet-union-stalin.md:" in result.stderr  # the remaining warnings
    assert "Fixed 1 finding" in result.stderr


def test_diff_prints_the_change(project: Project):
    project.write_reference()
    result = run(
        project.root,
        ["check", "--diff", "--stdin-filename", "dossiers/soviet-union-stalin.md", "-"],
        MISSPELLED.encode(),
    )
    assert result.exit_code == 1
    assert "-## Overveiw\n+## Overview\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stdin-filename", "dossiers", "-"], "dossiers: is a directory"),
        (["--stdin-filename", "nowhere/x.md", "-"], "nowhere/x.md: no such folder nowhere"),
        (
            ["--config", "pyproject.toml", "--stdin-filename", "../outside.md", "-"],
            "../outside.md: outside the project",
        ),
        (["--stdin-filename", "dossiers/x.md", "dossiers/y.md"], "give no paths besides '-'"),
        (["-"], "-: to lint standard input, name the file it stands for: --stdin-filename PATH"),
    ],
    ids=["directory", "no-folder", "outside", "other-paths", "dash-alone"],
)
def test_a_bad_path_is_a_one_line_error(project: Project, args: list[str], message: str):
    result = run(project.root, ["check", *args], MISSPELLED.encode())
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr


@pytest.mark.parametrize(
    ("options", "exit_code", "shows_findings", "shows_summary"),
    [
        ([], 1, True, True),
        (["--exit-zero"], 0, True, True),
        (["-q"], 1, True, False),
        (["-s"], 1, False, False),
    ],
    ids=["plain", "exit-zero", "quiet", "silent"],
)
def test_exit_zero_quiet_and_silent_as_for_files(
    project: Project, options: list[str], exit_code: int, shows_findings: bool, shows_summary: bool
):
    args = ["check", "--stdin-filename", "dossiers/soviet-union-stalin.md", *options, "-"]
    result = run(project.root, args, MISSPELLED.encode())
    assert result.exit_code == exit_code
    assert ("DL108" in result.stdout) is shows_findings
    assert ("Checked 1 file" in result.stdout) is shows_summary
