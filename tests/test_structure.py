"""Structure defects planted in the reference dossier are errors at the right line."""

from __future__ import annotations

import pytest
from conftest import Project, reference_text, replace_once

REFERENCE_LINES = reference_text().splitlines()


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line == needle)


def errors(project: Project, text: str) -> list[tuple[str, int]]:
    project.write("soviet-union-stalin.md", text)
    return [
        (f["code"], f["line"])
        for f in project.findings("dossiers/soviet-union-stalin.md")
        if f["severity"] == "error"
    ]


def test_reference_dossier_has_no_errors(project: Project) -> None:
    assert errors(project, reference_text()) == []


def test_section_deleted(project: Project) -> None:
    text = replace_once(reference_text(), "## Aftermath\n", "")
    assert errors(project, text) == [("DL103", line_of(text, "## Scholarly Debate"))]


def test_section_duplicated(project: Project) -> None:
    text = reference_text() + "\n## Sources\n- more\n"
    # The footer is now above the duplicate, so it belongs to the second Sources section.
    found = errors(project, text)
    assert ("DL104", line_of(text, "## Sources") + 0) not in found
    second = len(text.splitlines()) - 1
    assert ("DL104", second) in found


def test_section_duplicated_in_the_middle(project: Project) -> None:
    text = replace_once(reference_text(), "### De-Stalinization Measures\n", "## Aftermath\n")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == "## Aftermath"]
    assert errors(project, text) == [("DL104", lines[1])]


def test_section_moved_out_of_order(project: Project) -> None:
    text = reference_text()
    comparisons = text[text.index("## Comparisons") : text.index("## Sources")]
    text = text.replace(comparisons, "")
    text = text.replace("## Confidence Assessment", comparisons + "## Confidence Assessment")
    assert errors(project, text) == [("DL105", line_of(text, "## Comparisons"))]


def test_section_emptied(project: Project) -> None:
    text = reference_text()
    start = text.index("## Scholarly Debate\n") + len("## Scholarly Debate\n")
    text = text[:start] + "\n---\n\n" + text[text.index("## Comparisons") :]
    assert errors(project, text) == [("DL106", line_of(text, "## Scholarly Debate"))]


@pytest.mark.parametrize("row", ["Dates", "Leader(s)", "Estimated Death Toll"])
def test_overview_row_dropped(project: Project, row: str) -> None:
    line = next(line for line in REFERENCE_LINES if line.startswith(f"| **{row}** |"))
    text = replace_once(reference_text(), line + "\n", "")
    found = errors(project, text)
    assert (
        "DL111",
        line_of(
            text,
            "| **Estimated Death Toll** | 6-20 million (scholarly range); some estimates higher |",
        )
        if row != "Estimated Death Toll"
        else line_of(text, "| **Duration** | 29 years |"),
    ) in found
    assert {code for code, _ in found} == {"DL111"}


def test_overview_value_blanked(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "| **Country/Region** | Soviet Union (USSR) |",
        "| **Country/Region** |  |",
    )
    assert errors(project, text) == [("DL112", 6)]


def test_h1_dropped(project: Project) -> None:
    text = replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin\n", "")
    assert errors(project, text) == [("DL101", 1)]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("## Key Figure", "## Key Figures"),
        ("## Fall/End", "## Fall / End"),
        ("## Key Events and Atrocities", "## Key Events & Atrocities"),
        ("## sources", "## Sources"),
    ],
)
def test_heading_misspelled(project: Project, wrong: str, right: str) -> None:
    text = replace_once(reference_text(), right + "\n", wrong + "\n")
    project.write("soviet-union-stalin.md", text)
    found = [
        f for f in project.findings("dossiers/soviet-union-stalin.md") if f["severity"] == "error"
    ]
    assert [(f["code"], f["line"]) for f in found] == [("DL108", line_of(text, wrong))]
    assert right in found[0]["message"]


def test_unknown_section_is_a_warning_with_a_hint(project: Project) -> None:
    text = replace_once(reference_text(), "## Aftermath\n", "## Aftermath\n\n## Legacy\n- long\n")
    project.write("soviet-union-stalin.md", text)
    found = [f for f in project.findings("dossiers/soviet-union-stalin.md") if f["code"] == "DL107"]
    assert [(f["line"], f["severity"]) for f in found] == [(line_of(text, "## Legacy"), "warning")]


def test_footer_line_missing_and_malformed(project: Project) -> None:
    text = replace_once(reference_text(), "*Created: 2026-01-06*\n", "")
    text = replace_once(text, "*Last updated: 2026-01-06*", "**Last updated**: 2026-01-06")
    assert errors(project, text) == [
        ("DL121", line_of(text, "**Last updated**: 2026-01-06")),
        ("DL120", len(text.splitlines())),
    ]


def test_headings_inside_code_blocks_and_comments_do_not_count(project: Project) -> None:
    extra = "```markdown\n## Sources\n# Not a title\n```\n\n<!--\n## Overview\n-->\n"
    text = replace_once(
        reference_text(),
        "### De-Stalinization Measures\n",
        extra + "### De-Stalinization Measures\n",
    )
    assert errors(project, text) == []


def test_setext_heading_is_a_heading(project: Project) -> None:
    text = replace_once(reference_text(), "## Aftermath\n", "Aftermath\n---------\n")
    assert errors(project, text) == []
