"""`dossierlint export`: folders walked like check, json-lines, the valid dossiers exported
and each other one reported on one escaped stderr line."""

from __future__ import annotations

import json

import jsonschema
from conftest import REPO, Project, reference_text, replace_once

SCHEMA = json.loads((REPO / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))
BROKEN = replace_once(
    replace_once(reference_text(), "## Classification\n", ""),
    "# The Soviet Union Under Joseph Stalin",
    "# Chile Under Augusto Pinochet",
)


def _valid(item: dict) -> bool:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return validator.is_valid(item)


def test_a_folder_exports_the_valid_dossiers_and_reports_the_others(project: Project) -> None:
    project.write_reference()
    copy = replace_once(reference_text(), "# The Soviet Union Under", "# The USSR Under")
    project.write("soviet-union-stalin-copy.md", copy)
    (project.dossiers / "nested").mkdir()
    project.write("nested/chile-pinochet.md", BROKEN)
    result = project.run("export", "--format", "json-lines", "dossiers")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line)["slug"] for line in lines] == [
        "soviet-union-stalin-copy",
        "soviet-union-stalin",
    ]
    assert all(_valid(json.loads(line)) for line in lines)
    assert result.stderr.splitlines() == [
        "dossierlint: dossiers/nested/chile-pinochet.md: not exported: 1 error "
        "(first: 33:1 DL103 required section '## Classification' is missing (it belongs "
        "before '## Pre-Conditions')); run 'dossierlint check' on it"
    ]


def test_no_path_exports_the_configured_folder_as_an_array(project: Project) -> None:
    project.write_reference()
    result = project.run("export")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert isinstance(data, list) and [item["slug"] for item in data] == ["soviet-union-stalin"]


def test_one_file_is_one_object_and_json_lines_is_one_line(project: Project) -> None:
    project.write_reference()
    single = project.run("export", "dossiers/soviet-union-stalin.md")
    assert single.exit_code == 0 and single.json()["slug"] == "soviet-union-stalin"
    lines = project.run("export", "--format", "json-lines", "dossiers/soviet-union-stalin.md")
    assert lines.exit_code == 0
    [line] = lines.stdout.splitlines()
    assert json.loads(line) == single.json()


def test_a_refused_name_is_escaped_on_one_line(project: Project) -> None:
    project.write_reference()
    project.write("evil\x1b[2J\u2028name.md", "# Only a title\n")
    result = project.run("export", "--format", "json-lines")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("dossierlint: dossiers/evil\\x1b[2J\\u2028name.md: not exported: ")
    assert "\x1b" not in result.stderr
    assert [json.loads(x)["slug"] for x in result.stdout.splitlines()] == ["soviet-union-stalin"]


def test_an_unreadable_file_is_reported_and_the_rest_exported(project: Project) -> None:
    project.write_reference()
    (project.dossiers / "gone.md").symlink_to(project.dossiers / "nowhere.md")
    result = project.run("export", "dossiers")
    assert result.exit_code == 1
    assert [item["slug"] for item in result.json()] == ["soviet-union-stalin"]
    assert result.stderr == (
        "dossierlint: dossiers/gone.md: not exported: a dangling symbolic link\n"
    )


def test_a_missing_path_is_a_usage_error(project: Project) -> None:
    result = project.run("export", "dossiers/nowhere.md")
    assert result.exit_code == 2
    assert result.stderr == "dossierlint: error: dossiers/nowhere.md: no such file or directory\n"


def test_text_that_could_drive_a_terminal_is_escaped_in_the_json(project: Project) -> None:
    note = "- Scholarly debates ongoing on interpretation"
    hostile = "Scholarly debates \x9b31m ongoing\u2028on \u202einterpretation"
    project.write("soviet-union-stalin.md", replace_once(reference_text(), note, f"- {hostile}"))
    for output_format in ("json", "json-lines"):
        result = project.run("export", "--format", output_format, "dossiers/soviet-union-stalin.md")
        assert result.exit_code == 0, result.stderr
        assert not {"\x9b", "\u2028", "\u202e"} & set(result.stdout)
        assert "\\u009b31m" in result.stdout and "\\u2028" in result.stdout
        assert result.json()["confidence"]["notes"][-1] == hostile


def test_a_dossier_the_configuration_lets_through_but_the_schema_rejects_is_refused(
    project: Project,
) -> None:
    """With DL220 down to a warning, one source passes the linter; the schema wants three."""
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.severity]\nDL220 = "warning"\n'
    )
    text = reference_text()
    start = text.index("## Sources\n") + len("## Sources\n")
    first = text.index("\n", start) + 1
    project.write("soviet-union-stalin.md", text[:first] + text[text.index("\n\n", first) + 1 :])
    assert not [f for f in project.findings() if f["severity"] == "error"]
    result = project.run("export", "dossiers/soviet-union-stalin.md")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "dossierlint: dossiers/soviet-union-stalin.md: not exported: does not fit the schema "
        "at sources: fails minItems 3\n"
    )
