"""The schema and the linter agree: twelve edits of an exported dossier that the linter
calls errors are rejected by the committed schema too, or are listed in the README as
checks only the linter can make (they compare two fields or two files).

Each case edits the reference dossier's Markdown (what the linter sees) and its export
(what a program validating JSON sees); the JSON the parser builds from the edited
Markdown must get the same answer from the schema as the hand-edited export.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonschema
import pytest
from conftest import REPO, Project, reference_text

from dossierlint.export import json_data
from dossierlint.houserules import load_house_rules
from dossierlint.parse import parse

SCHEMA = json.loads((REPO / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
SLUG = "soviet-union-stalin"


@dataclass(frozen=True)
class Edit:
    name: str
    code: str
    """The error the linter reports for the edited Markdown."""
    markdown: Callable[[str], str]
    export: Callable[[dict[str, Any]], Any]
    schema_rejects: bool = True
    """False for a check only the linter can make (README: 'What only the linter checks')."""


def _replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return edit


def _cut(start: str, end: str) -> Callable[[str], str]:
    """Remove the text from `start` up to (not including) `end`."""

    def edit(text: str) -> str:
        first = text.index(start)
        return text[:first] + text[text.index(end, first) :]

    return edit


def _set(*path: Any, value: Any) -> Callable[[dict[str, Any]], Any]:
    def edit(data: dict[str, Any]) -> dict[str, Any]:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return data

    return edit


def _change(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], Any]:
    def edit(data: dict[str, Any]) -> dict[str, Any]:
        change(data)
        return data

    return edit


def _swap_years(data: dict[str, Any]) -> None:
    overview = data["overview"]
    overview["start_year"], overview["end_year"] = overview["end_year"], overview["start_year"]


EDITS = [
    Edit(
        "confidence null",
        "DL103",
        _cut("## Confidence Assessment", "---\n*Created"),
        _set("confidence", value=None),
    ),
    Edit(
        "one source",
        "DL220",
        lambda text: re.sub(r"(## Sources\n- [^\n]*\n)(- [^\n]*\n)+", r"\1", text),
        _change(lambda data: data.update(sources=data["sources"][:1])),
    ),
    Edit(
        "reversed years",
        "DL404",
        _replace("| **Dates** | 1924-1953 |", "| **Dates** | 1953-1924 |"),
        _change(_swap_years),
        schema_rejects=False,
    ),
    Edit(
        "a required section removed",
        "DL103",
        _cut("## Scholarly Debate", "## Comparisons"),
        _change(
            lambda data: data.update(
                sections=[s for s in data["sections"] if s["title"] != "Scholarly Debate"]
            )
        ),
    ),
    Edit(
        "tags without #regime",
        "DL520",
        _replace("*Tags:* #regime ", "*Tags:* "),
        _change(lambda data: data["metadata"]["tags"].remove("regime")),
    ),
    Edit(
        "created after updated",
        "DL410",
        _replace("*Created: 2026-01-06*", "*Created: 2026-02-01*"),
        _set("metadata", "created", value="2026-02-01"),
        schema_rejects=False,
    ),
    Edit(
        "an object holding only slug",
        "DL101",
        lambda text: "Notes for a dossier to come.\n",
        lambda data: {"slug": data["slug"]},
    ),
    Edit(
        "a source type outside the vocabulary",
        "DL202",
        _replace("| type: encyclopedia |", "| type: blog |"),
        _set("sources", 0, "type", value="blog"),
    ),
    Edit(
        "a confidence level outside the vocabulary",
        "DL302",
        _replace("**Overall**: High", "**Overall**: Very High"),
        _set("confidence", "level", value="Very High"),
    ),
    Edit(
        "a relationship outside the vocabulary",
        "DL504",
        _replace("relationship: thematic", "relationship: rival"),
        _set("comparisons", 0, "relationship", value="rival"),
    ),
    Edit(
        "an accessed date that is no date",
        "DL204",
        _replace("accessed: 2026-01-06", "accessed: 2026-13-06"),
        _set("sources", 0, "accessed", value="2026-13-06"),
    ),
    Edit(
        "a source URL that is not http(s)",
        "DL206",
        _replace(
            "(https://en.wikipedia.org/wiki/Joseph_Stalin's",
            "(ftp://en.wikipedia.org/wiki/Joseph_Stalin's",
        ),
        _set(
            "sources", 0, "url", value="ftp://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power"
        ),
    ),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = Project(tmp_path_factory.mktemp("export"))
    project.write_reference()
    result = project.run("export", f"dossiers/{SLUG}.md")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert VALIDATOR.is_valid(data)
    return data


def test_there_are_twelve_edits() -> None:
    assert len(EDITS) == 12 and len({edit.name for edit in EDITS}) == 12


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_the_linter_reports_an_error(edit: Edit, project: Project) -> None:
    project.write(f"{SLUG}.md", edit.markdown(reference_text()))
    errors = {f["code"] for f in project.findings() if f["severity"] == "error"}
    assert edit.code in errors
    refused = project.run("export", f"dossiers/{SLUG}.md")
    assert refused.exit_code == 1 and refused.stdout == ""


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_the_schema_rejects_the_edited_export(edit: Edit, exported: dict[str, Any]) -> None:
    data = edit.export(copy.deepcopy(exported))
    assert VALIDATOR.is_valid(data) is not edit.schema_rejects


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_the_schema_judges_the_parsed_markdown_alike(edit: Edit) -> None:
    """The parser's JSON for the edited Markdown gets the schema's answer for the hand edit."""
    dossier = parse(edit.markdown(reference_text()), SLUG, load_house_rules()).dossier
    data = json_data(dossier)
    assert VALIDATOR.is_valid(data) is not edit.schema_rejects


def test_the_readme_lists_what_only_the_linter_checks() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What only the linter checks", 1)[1].split("\n## ", 1)[0]
    for edit in EDITS:
        if not edit.schema_rejects:
            assert f"`{edit.code}`" in section, edit.name


def test_min_sources_from_the_configuration_reaches_the_schema(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.options]\nmin-sources = 5\n'
    )
    result = project.run("schema", "--stdout")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["properties"]["sources"]["minItems"] == 5


def test_each_required_part_rests_on_an_error_rule() -> None:
    """A part the schema requires is one whose absence an error-level rule reports."""
    from dossierlint.rules import REGISTRY
    from dossierlint.schema import REQUIRED

    for fields in REQUIRED.values():
        for code in fields.values():
            assert REGISTRY[code].severity == "error", code
    for class_name, fields in REQUIRED.items():
        definition = SCHEMA if class_name == "Dossier" else SCHEMA["$defs"][class_name]
        assert set(fields) <= set(definition["required"]), class_name
