"""Confidence rules (DL3xx): the level is present and known, the notes are there,
and the highest level is earned by the sources (thresholds from config)."""

from __future__ import annotations

import pytest
from conftest import REPO, Project, reference_text, replace_once
from test_sources import GULAG, HOLODOMOR, apply, line_of, lint, options

CONFIDENCE_LINE = line_of(reference_text(), "## Confidence Assessment")
OVERALL_LINE = line_of(reference_text(), "**Overall**: High")
NOTES_LINE = line_of(reference_text(), "**Notes**:")
SOURCES_LINE = line_of(reference_text(), "## Sources")
NOTE_BULLETS = reference_text().split("**Notes**:\n", 1)[1].split("\n\n", 1)[0] + "\n"


def confidence(project: Project, text: str) -> list[tuple[str, int, int, str]]:
    """(code, line, column, severity) of the DL3xx findings on `text`."""
    project.write("soviet-union-stalin.md", text)
    return [
        (f["code"], f["line"], f["column"], f["severity"])
        for f in project.findings("dossiers/soviet-union-stalin.md")
        if f["code"].startswith("DL3")
    ]


def messages(project: Project, text: str, code: str) -> list[str]:
    project.write("soviet-union-stalin.md", text)
    return [f["message"] for f in project.findings() if f["code"] == code]


def with_level(level: str) -> str:
    return replace_once(reference_text(), "**Overall**: High\n", f"**Overall**:{level}\n")


def with_sources(*lines: str, level: str = "High") -> str:
    text = reference_text()
    start = text.index("## Sources\n") + len("## Sources\n")
    end = text.index("\n\n---\n\n## Confidence")
    text = text[:start] + "\n".join(lines) + text[end:]
    return replace_once(text, "**Overall**: High\n", f"**Overall**: {level}\n")


def test_reference_passes_every_confidence_rule(project: Project) -> None:
    assert confidence(project, reference_text()) == []


# --- Overall ----------------------------------------------------------------------


def test_missing_overall_is_an_error_at_the_section(project: Project) -> None:
    text = replace_once(reference_text(), "**Overall**: High\n", "")
    assert confidence(project, text) == [("DL301", CONFIDENCE_LINE, 1, "error")]
    assert messages(project, text, "DL301") == [
        "Confidence Assessment has no '**Overall**: LEVEL' line (High/Medium/Low)"
    ]


def test_empty_overall_is_an_error_at_the_label(project: Project) -> None:
    assert confidence(project, with_level(" ")) == [("DL301", OVERALL_LINE, 14, "error")]


def test_overall_inside_a_code_block_does_not_count(project: Project) -> None:
    text = replace_once(reference_text(), "**Overall**: High\n", "```\n**Overall**: High\n```\n")
    assert confidence(project, text) == [("DL301", CONFIDENCE_LINE, 1, "error")]


@pytest.mark.parametrize(
    ("level", "message"),
    [
        (" Certain", "unknown confidence level 'Certain'; one of: High, Medium, Low"),
        (" Very High", "unknown confidence level 'Very High'; one of: High, Medium, Low"),
        (" Hihg", "unknown confidence level 'Hihg' (did you mean 'High'?)"),
        (" Meduim", "unknown confidence level 'Meduim' (did you mean 'Medium'?)"),
    ],
)
def test_unknown_level_is_an_error(project: Project, level: str, message: str) -> None:
    text = with_level(level)
    assert confidence(project, text) == [("DL302", OVERALL_LINE, 14, "error")]
    assert messages(project, text, "DL302") == [message]


@pytest.mark.parametrize("level", [" high", " HIGH", "   high  "])
def test_wrong_case_level_is_a_case_error_with_a_safe_fix(project: Project, level: str) -> None:
    text = with_level(level)
    (finding,) = [f for f in lint(project, text) if f.code.startswith("DL3")]
    assert (finding.code, finding.line, finding.severity) == ("DL303", OVERALL_LINE, "error")
    assert finding.message == f"confidence level '{level.strip()}' should be written 'High'"
    (edit,) = finding.fix.edits
    assert (
        finding.fix.safe
        and text.splitlines()[OVERALL_LINE - 1][edit.start : edit.end] == level.strip()
    )
    assert apply(text, finding.fix) == with_level(level.replace(level.strip(), "High"))


def test_near_miss_level_fix_is_unsafe(project: Project) -> None:
    text = with_level(" Hihg")
    (finding,) = [f for f in lint(project, text) if f.code == "DL302"]
    assert finding.fix is not None and not finding.fix.safe
    assert apply(text, finding.fix) == reference_text()


def test_levels_come_from_the_house_rules(project: Project) -> None:
    house = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    house = replace_once(
        house,
        'confidence_levels = ["High", "Medium", "Low"]',
        'confidence_levels = ["Certain", "Likely", "Unclear"]',
    )
    (project.root / "house.toml").write_text(house, encoding="utf-8")
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\nhouse-rules = "house.toml"\n'
    )
    assert confidence(project, reference_text()) == [("DL302", OVERALL_LINE, 14, "error")]
    # The first level listed is the one calibration guards.
    text = with_sources(GULAG, level="Certain")
    assert confidence(project, text) == [
        ("DL310", line_of(text, "**Overall**: Certain"), 14, "warning")
    ]
    assert confidence(project, with_sources(GULAG, level="Likely")) == []


# --- Notes ---------------------------------------------------------------------------


def test_missing_notes_is_an_error_at_the_section(project: Project) -> None:
    text = replace_once(reference_text(), "**Notes**:\n" + NOTE_BULLETS, "")
    assert confidence(project, text) == [("DL304", CONFIDENCE_LINE, 1, "error")]


def test_notes_label_without_bullets_is_an_error_at_the_label(project: Project) -> None:
    text = replace_once(reference_text(), NOTE_BULLETS, "")
    assert confidence(project, text) == [("DL304", NOTES_LINE, 1, "error")]
    assert messages(project, text, "DL304") == [
        "'**Notes**:' has no bullets; add at least one '- ...'"
    ]


def test_notes_as_prose_is_not_enough(project: Project) -> None:
    text = replace_once(
        reference_text(), "**Notes**:\n" + NOTE_BULLETS, "**Notes**: well sourced.\n"
    )
    assert confidence(project, text) == [("DL304", NOTES_LINE, 1, "error")]


def test_bullets_without_the_notes_label_are_not_notes(project: Project) -> None:
    text = replace_once(reference_text(), "**Notes**:\n", "")
    assert confidence(project, text) == [("DL304", CONFIDENCE_LINE, 1, "error")]


def test_one_bullet_is_enough(project: Project) -> None:
    text = replace_once(reference_text(), NOTE_BULLETS, "- Extensively documented since 1991\n")
    assert confidence(project, text) == []


# --- calibration -----------------------------------------------------------------------


def test_high_with_one_source(project: Project) -> None:
    text = with_sources(GULAG)
    overall = line_of(text, "**Overall**: High")
    project.write("soviet-union-stalin.md", text)
    found = [(f["code"], f["line"], f["severity"]) for f in project.findings()]
    assert ("DL220", SOURCES_LINE, "error") in found
    assert [f for f in found if f[0].startswith("DL3")] == [("DL310", overall, "warning")]
    assert messages(project, text, "DL310") == [
        "'High' confidence needs at least 5 trusted sources (has 1) and "
        "2 trusted non-tertiary sources (has 0); add sources or lower the level"
    ]


def test_medium_with_one_source_is_not_calibrated(project: Project) -> None:
    assert confidence(project, with_sources(GULAG, level="Medium")) == []


def test_high_on_tertiary_sources_only_says_what_is_missing(project: Project) -> None:
    tertiary = [line for line in reference_text().splitlines() if "type: encyclopedia" in line] + [
        GULAG.replace("place/Gulag", "event/Holodomor")
    ]
    text = with_sources(*tertiary)
    assert confidence(project, text) == [
        ("DL310", line_of(text, "**Overall**: High"), 14, "warning")
    ]
    assert messages(project, text, "DL310") == [
        "'High' confidence needs at least 2 trusted non-tertiary sources (has 0); "
        "add sources or lower the level"
    ]


def test_secondary_type_on_an_encyclopedia_site_is_still_tertiary(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "- [Stanford Report",
        "- [World History Encyclopedia - Joseph Stalin](https://www.worldhistory.org/Joseph_Stalin/)"
        " | type: secondary | accessed: 2026-01-06\n- [Stanford Report",
    )
    assert confidence(project, text) == []  # still two trusted non-tertiary sources
    text = replace_once(
        text, text[text.index("- [Stanford Report") : text.index("- [Sciences Po")], ""
    )
    assert confidence(project, text) == [("DL310", OVERALL_LINE, 14, "warning")]


def test_unreliable_sources_do_not_earn_high(project: Project) -> None:
    lines = [
        f"- [IMDb {n}](https://www.imdb.com/title/tt000000{n}/) | type: secondary | accessed: 2026-01-06"
        for n in range(1, 5)
    ]
    scholarly = [line for line in reference_text().splitlines() if "type: academic" in line]
    text = with_sources(*lines, *scholarly)
    assert messages(project, text, "DL310") == [
        "'High' confidence needs at least 5 trusted sources (has 2); add sources or lower the level"
    ]


def test_repeated_sources_count_once_towards_high(project: Project) -> None:
    scholarly = [line for line in reference_text().splitlines() if "type: academic" in line]
    text = with_sources(*scholarly, *scholarly, HOLODOMOR, GULAG, HOLODOMOR)
    assert messages(project, text, "DL310") == [
        "'High' confidence needs at least 5 trusted sources (has 4); add sources or lower the level"
    ]


def test_calibration_thresholds_come_from_config(project: Project) -> None:
    options(project, **{"high-min-sources": 10})
    assert confidence(project, reference_text()) == [("DL310", OVERALL_LINE, 14, "warning")]
    assert "10 trusted sources (has 9)" in messages(project, reference_text(), "DL310")[0]
    options(project, **{"high-min-non-tertiary": 3})
    assert (
        "3 trusted non-tertiary sources (has 2)" in messages(project, reference_text(), "DL310")[0]
    )
    options(project, **{"high-min-sources": 1, "high-min-non-tertiary": 0})
    assert confidence(project, with_sources(GULAG)) == []
