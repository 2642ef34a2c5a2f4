"""The formal schema: generated from the model, committed, current; export validates against it."""

from __future__ import annotations

import json
import shutil

import jsonschema
from conftest import REPO, Project, reference_text

from dossierlint.houserules import load_house_rules
from dossierlint.schema import render_json_schema

SCHEMA_PATH = REPO / "schema" / "dossier.schema.json"


def test_committed_schema_matches_the_models() -> None:
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == render_json_schema(load_house_rules()), "run 'dossierlint schema'"


def test_schema_carries_the_vocabularies_and_formats() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    rules = load_house_rules()
    source = schema["$defs"]["Source"]["properties"]
    assert {
        "type": "string",
        "enum": list(rules.vocabulary("source_types")),
    }.items() <= source["type"].items()
    assert source["url"]["format"] == "uri"
    assert source["accessed"]["format"] == "date"
    level = schema["$defs"]["Confidence"]["properties"]["level"]
    assert level["enum"] == ["High", "Medium", "Low"]
    kind = schema["$defs"]["Comparison"]["properties"]["relationship"]
    assert kind["enum"] == list(rules.vocabulary("relationship_kinds"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_model_reads_ranges_with_every_dash_the_date_rules_accept(project: Project) -> None:
    """A figure dash in the Overview is a range to the date rules, so to the model as well."""
    text = reference_text()
    for plain in ("| 1924-1953 |", "(1878-1953)", "| 6-20 million"):
        text = text.replace(plain, plain.replace("-", "\u2012"), 1)
    project.write("soviet-union-stalin.md", text)
    result = project.run("export", "dossiers/soviet-union-stalin.md")
    assert result.exit_code == 0, result.stderr
    overview = result.json()["overview"]
    assert (overview["start_year"], overview["end_year"]) == (1924, 1953)
    assert overview["leaders"][0]["death_year"] == 1953
    assert (overview["death_toll"]["low"], overview["death_toll"]["high"]) == (6, 20)


def test_export_of_the_reference_validates_against_the_committed_schema(project: Project) -> None:
    project.write_reference()
    result = project.run("export", "dossiers/soviet-union-stalin.md")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    assert data["overview"]["start_year"] == 1924 and data["overview"]["end_year"] == 1953
    assert data["overview"]["leaders"][0] == {
        "name": "Joseph Stalin",
        "birth_year": 1878,
        "death_year": 1953,
        "line": 8,
        "column": 19,
        "birth": {"earliest": 1878, "latest": 1878, "qualifier": "exact", "text": "1878"},
        "death": {"earliest": 1953, "latest": 1953, "qualifier": "exact", "text": "1953"},
        "floruit": None,
        "life_text": "1878-1953",
        "life_problem": None,
    }
    assert len(data["sources"]) == 9 and data["sources"][0]["accessed"] == "2026-01-06"
    assert data["confidence"]["level"] == "High" and len(data["confidence"]["notes"]) == 5
    assert [c["slug"] for c in data["comparisons"]] == ["germany-hitler", "china-mao"]
    assert data["metadata"]["tags"][0] == "regime"


def test_the_schema_rejects_what_the_linter_rejects(project: Project) -> None:
    project.write_reference()
    data = project.run("export", "dossiers/soviet-union-stalin.md").json()
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data["sources"][0]["type"] = "blog"
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_export_refuses_a_dossier_with_errors(project: Project) -> None:
    project.write("x.md", "# Only a title\n")
    result = project.run("export", "dossiers/x.md")
    assert result.exit_code == 1
    assert "not exported" in result.stderr and result.stdout == ""


def test_schema_command_follows_edited_house_rules(project: Project) -> None:
    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    edited = rules.replace(
        '"government", "ngo", "archive"]', '"government", "ngo", "archive", "podcast"]'
    )
    assert edited != rules
    (project.root / "house.toml").write_text(edited)
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    result = project.run("schema")
    assert result.exit_code == 0, result.stderr
    written = json.loads((project.root / "schema" / "dossier.schema.json").read_text())
    assert "podcast" in written["$defs"]["Source"]["properties"]["type"]["enum"]
    assert project.run("schema", "--check").exit_code == 0


def test_schema_check_reports_drift(project: Project) -> None:
    (project.root / "schema").mkdir()
    shutil.copy(SCHEMA_PATH, project.root / "schema" / "dossier.schema.json")
    assert project.run("schema", "--check").exit_code == 0
    (project.root / "schema" / "dossier.schema.json").write_text("{}\n")
    assert project.run("schema", "--check").exit_code == 1


def test_malformed_house_rules_exit_2_with_one_line(project: Project) -> None:
    project.write_reference()
    (project.root / "house.toml").write_text("[sections]\nrequired = 3\n")
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    result = project.run("check")
    assert result.exit_code == 2
    assert "house.toml: [sections] required must be a non-empty list" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_section_added_to_the_house_rules_is_required(project: Project) -> None:
    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    edited = rules.replace(
        '  { title = "Scholarly Debate",',
        '  { title = "Memory", guide = "How it is remembered." },\n  { title = "Scholarly Debate",',
    )
    (project.root / "house.toml").write_text(edited)
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    project.write_reference()
    found = project.findings()
    assert [(f["code"], f["message"]) for f in found if f["severity"] == "error"] == [
        (
            "DL103",
            "required section '## Memory' is missing (it belongs before '## Scholarly Debate')",
        )
    ]
