"""Date and number consistency rules (DL4xx): defects planted in the reference dossier."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import REFERENCE_FINDINGS, REPO, Project, reference_text, replace_once
from hypothesis import given, settings
from hypothesis import strategies as st

from dossierlint.config import Config
from dossierlint.engine import FileJob, build_ruleset, lint_bytes
from dossierlint.houserules import load_house_rules

TODAY = datetime.date.today()


def date_findings(project: Project, text: str) -> list[tuple[str, int, str]]:
    """(code, line, severity) of every DL4xx finding, in order."""
    project.write("soviet-union-stalin.md", text)
    return [
        (f["code"], f["line"], f["severity"])
        for f in project.findings("dossiers/soviet-union-stalin.md")
        if f["code"].startswith("DL4")
    ]


def new_findings(project: Project, text: str) -> list[tuple[str, int, str]]:
    """(code, line, severity) of every finding beyond those the reference is known to get."""
    project.write("soviet-union-stalin.md", text)
    return [
        (f["code"], f["line"], f["severity"])
        for f in project.new_findings("dossiers/soviet-union-stalin.md")
    ]


def messages(project: Project, text: str, code: str) -> list[str]:
    project.write("soviet-union-stalin.md", text)
    found = project.findings("dossiers/soviet-union-stalin.md")
    return [f["message"] for f in found if f["code"] == code]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def lint(text: str, today: datetime.date = TODAY):
    job = FileJob("x.md", "x.md", "x", text.encode())
    ruleset = build_ruleset(Config(Path("."), None, Path("dossiers")), select=["DL4"])
    return lint_bytes(job, ruleset, load_house_rules(), today=today)


# --------------------------------------------------------------------------- the reference


def test_reference_has_no_errors_and_only_its_known_true_warning(project: Project) -> None:
    # The one warning is true: Stalin was born on December 18, 1878, so his
    # 50th birthday fell in December 1928; the regime celebrated it on
    # December 21, 1929, after he had changed his official birth date to 1879.
    assert date_findings(project, reference_text()) == [("DL415", 120, "warning")]
    assert messages(project, reference_text(), "DL415") == [
        "'50th birthday' is dated 'December 1929', but Joseph Stalin was born in 1878: "
        "that birthday fell in 1928"
    ]
    assert ("DL415", "- Began with his 50th birthday party (December 1929)") in REFERENCE_FINDINGS


def test_reference_gives_no_findings_beyond_the_known_ones(project: Project) -> None:
    assert new_findings(project, reference_text()) == []


# --------------------------------------------------------------------------- planted defects

PLANTED = [
    ("| **Duration** | 29 years |", "| **Duration** | 25 years |", "DL405", "error"),
    ("| **Dates** | 1924-1953 |", "| **Dates** | 1953-1924 |", "DL404", "error"),
    ("Joseph Stalin (1878-1953)", "Joseph Stalin (1878-1950)", "DL407", "warning"),
    ("on April 3, 1922", "on February 30, 1922", "DL401", "error"),
    ("(June 22, 1941)", "(June 31, 1941)", "DL401", "error"),
    ("### Stage 2 (1925-1927)", "### Stage 2 (1927-1925)", "DL402", "error"),
    ("Head of NKVD (1938-1953)", "Head of NKVD (1953-1938)", "DL402", "error"),
    ("| 6-20 million (scholarly", "| 20-6 million (scholarly", "DL403", "error"),
    (
        "| Scholarly consensus range | 6-20 million |",
        "| Scholarly consensus range | 20-6 million |",
        "DL403",
        "error",
    ),
    ("genocide (December 2022)", "genocide (December 2099)", "DL408", "warning"),
    ("until 1989", "until 2099", "DL408", "warning"),
    ("*Created: 2026-01-06*", "*Created: 2026-01-07*", "DL410", "error"),
    ("*Last updated: 2026-01-06*", "*Last updated: 2099-01-06*", "DL410", "error"),
    ("*Created: 2026-01-06*", "*Created: 06/01/2026*", "DL409", "error"),
    ("*Created: 2026-01-06*", "*Created: 2026-02-30*", "DL409", "error"),
]


@pytest.mark.parametrize(("old", "new", "code", "severity"), PLANTED, ids=lambda x: str(x)[:30])
def test_planted_defect_is_reported_at_its_line(
    project: Project, old: str, new: str, code: str, severity: str
) -> None:
    text = replace_once(reference_text(), old, new)
    assert new_findings(project, text) == [(code, line_of(text, new), severity)]


def test_messages_say_what_is_wrong(project: Project) -> None:
    def message(old: str, new: str, code: str) -> str:
        [found] = messages(project, replace_once(reference_text(), old, new), code)
        return found

    assert message("| 29 years |", "| 25 years |", "DL405") == (
        "Duration is 25 years but the Dates 1924-1953 give 29 years (1953 - 1924)"
    )
    assert message("| 1924-1953 |", "| 1953-1924 |", "DL404") == (
        "Dates '1953-1924' run backwards: the regime cannot end (1924) before it starts (1953)"
    )
    assert message("April 3, 1922", "February 30, 1922", "DL401") == (
        "'February 30, 1922' is not a date: February 1922 has 28 days"
    )
    assert message("(1925-1927)", "(1927-1925)", "DL402") == (
        "date range '1927-1925' runs backwards: 1925 is before 1927"
    )
    assert message("| 6-20 million |", "| 20-6 million |", "DL403") == (
        "numeric range '20-6 million' runs backwards; write the smaller figure first"
    )
    assert message("*Created: 2026-01-06*", "*Created: 06/01/2026*", "DL409") == (
        "Created '06/01/2026' is not an ISO date (YYYY-MM-DD)"
    )
    assert message("*Created: 2026-01-06*", "*Created: 2026-01-07*", "DL410") == (
        "Created 2026-01-07 is after Last updated 2026-01-06 (line 385)"
    )
    assert message("(1878-1953)", "(1878-1950)", "DL407") == (
        "Joseph Stalin, the sole leader, died in 1950, before the regime ended (1953): "
        "check the year, or name the successors"
    )


def test_findings_point_at_the_offending_text(project: Project) -> None:
    text = replace_once(reference_text(), "(1938-1953)", "(1953-1938)")
    project.write("soviet-union-stalin.md", text)
    [found] = [f for f in project.findings() if f["code"] == "DL402"]
    row = text.splitlines()[found["line"] - 1]
    assert row[found["column"] - 1 :].startswith("1953-1938")


def test_duration_fix_replaces_only_the_number() -> None:
    text = replace_once(reference_text(), "| 29 years |", "| 25 years |")
    [finding] = [f for f in lint(text) if f.code == "DL405"]
    [edit] = finding.fix.edits
    line = text.splitlines()[edit.line - 1]
    assert line[edit.start : edit.end] == "25"
    assert line[: edit.start] + edit.replacement + line[edit.end :] == "| **Duration** | 29 years |"
    assert finding.fix.safe


# --------------------------------------------------------------------------- the Overview


@pytest.mark.parametrize(
    ("dates", "duration", "expected"),
    [
        ("1924 – 1953", "29 years", []),
        ("March 1924 - March 1953", "29 years", []),
        ("1924-53", "29 years", []),
        ("1924-present", "29 years", ["DL407"]),  # Stalin died, the regime goes on
        ("1945-41", "29 years", ["DL404"]),
        ("1924", "29 years", ["DL404"]),
        ("February 30, 1924-1953", "29 years", ["DL401"]),  # not DL404 too
        ("Stalin era", "29 years", ["DL404"]),
        ("1924-1953", "about 29 years", ["DL405"]),
        ("1924-1953", "1 year", ["DL405"]),
    ],
)
def test_overview_dates_and_duration(dates: str, duration: str, expected: list[str]) -> None:
    text = replace_once(reference_text(), "| 1924-1953 |", f"| {dates} |")
    text = replace_once(text, "| 29 years |", f"| {duration} |")
    assert [f.code for f in lint(text) if f.code != "DL415"] == expected


@pytest.mark.parametrize(
    ("leaders", "expected"),
    [
        ("Joseph Stalin (1800-1953)", ["DL406"]),  # 153 years
        ("Joseph Stalin (1878-2030)", ["DL406", "DL408"]),  # 152 years, and in the future
        ("Joseph Stalin (1953-1878)", ["DL406"]),  # death before birth
        ("Joseph Stalin (1930-1990)", ["DL406"]),  # the sole leader is born after the start
        ("Joseph Stalin (1850-1920)", ["DL406"]),  # and died before it began
        ("Joseph Stalin (b. 1878)", []),  # alive, unknown death: fine
        ("Joseph Stalin (b. 1850)", ["DL406"]),  # alive at 176?
        ("Joseph Stalin", []),  # no years: nothing to check
        ("Joseph Stalin (1878-1960)", []),  # a leader may outlive the regime
        ("Vladimir Lenin (1870-1924); Joseph Stalin (1878-1953)", []),
        ("Joseph Stalin (1878-1953); Nikita Khrushchev (1894-1971)", []),
        ("Joseph Stalin (1878-1953); Mikhail Gorbachev (1931-2022)", []),  # born in the regime
        ("Joseph Stalin (1878-1953); Vladimir Putin (1952-)", []),
        ("Joseph Stalin (1878-1953); Boris Yeltsin (1954-2007)", ["DL406"]),  # after it ended
        ("Nicholas II (1868-1918); Joseph Stalin (1878-1953)", ["DL406"]),  # died before it
    ],
)
def test_leaders_life_years(leaders: str, expected: list[str]) -> None:
    text = replace_once(reference_text(), "| Joseph Stalin (1878-1953) |", f"| {leaders} |")
    assert [f.code for f in lint(text) if f.code != "DL415"] == expected


def test_leader_problem_is_at_the_leader() -> None:
    text = replace_once(
        reference_text(),
        "| Joseph Stalin (1878-1953) |",
        "| Joseph Stalin (1878-1953); Boris Yeltsin (1954-2007) |",
    )
    [finding] = [f for f in lint(text) if f.code == "DL406"]
    assert text.splitlines()[finding.line - 1][finding.column - 1 :].startswith("Boris Yeltsin")
    assert finding.message == "Boris Yeltsin: born 1954, after the regime ended (1953)"


# --------------------------------------------------------------------------- prose


def test_abbreviated_end_year_crossing_a_century_is_reported() -> None:
    text = replace_once(reference_text(), "(1941-1945)", "(1945-41)")
    [finding] = [f for f in lint(text) if f.code == "DL402"]
    assert finding.message == (
        "'1945-41' reads as 1945-2041: an abbreviated end year that runs into the next "
        "century is almost always a reversed range; write the end year in full"
    )
    same_century = replace_once(reference_text(), "(1941-1945)", "(1941-45)")
    assert [f.code for f in lint(same_century) if f.code == "DL402"] == []


def test_period_containing_today_is_not_future() -> None:
    decade = f"{TODAY.year - TODAY.year % 10}s"
    text = replace_once(reference_text(), "until 1989", f"until the {decade}")
    assert [f.code for f in lint(text) if f.code == "DL408"] == []
    text = replace_once(reference_text(), "until 1989", f"until {TODAY.year + 1}")
    assert [f.code for f in lint(text) if f.code == "DL408"] == ["DL408"]


def test_future_date_counts_from_the_given_today() -> None:
    text = reference_text()
    assert [f.line for f in lint(text, today=datetime.date(2022, 11, 30)) if f.code == "DL408"] == [
        line_of(text, "(December 2022)")
    ]


def test_sources_and_footer_are_not_prose() -> None:
    text = replace_once(reference_text(), "/2010/09/", "/2099/02/30/")
    text = text.replace("accessed: 2026-01-06", "accessed: 2099-02-30")
    assert [f.code for f in lint(text) if f.code != "DL415"] == []


def test_dates_in_code_and_comments_are_ignored() -> None:
    text = replace_once(
        reference_text(),
        "## Aftermath\n",
        "## Aftermath\n<!-- February 30, 2099 -->\n```\n1953-1924 and 20-6 million\n```\n",
    )
    assert [f.code for f in lint(text) if f.code != "DL415"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Losses of 20-6 million", ["DL403"]),
        ("Between 20,000-6,000 killed", ["DL403"]),
        ("20-6 killed", ["DL403"]),
        ("The Reichstag passed it 444-94", []),  # a vote, not a range
        ("Won the match 3-2", []),
        ("Losses of 6-20 million", []),
    ],
)
def test_reversed_numeric_ranges_are_quantities(sentence: str, expected: list[str]) -> None:
    text = replace_once(reference_text(), "- Sacked incompetent generals", f"- {sentence}")
    assert [f.code for f in lint(text) if f.code != "DL415"] == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("### Lenin's Death (January 1924)", "### Lenin's Death (January 1954)", ["DL411"]),
        ("Russian famine of 1921", "Russian famine of 1953", []),  # within the regime's last year
        ("Gulag formally closed (January 1960)", "Gulag formally closed (1920)", ["DL411"]),
        ("Gulag formally closed (January 1960)", "Gulag formally closed (1924)", []),
        ("Full text not published in USSR until 1989", "Stalin's role in 1917 and 1989", []),
        ("Lenin Mausoleum (1961)", "Lenin Mausoleum (1921)", ["DL411"]),
        ("- Gulag formally closed (January 1960)", "- 1921: Gulag formally closed", ["DL411"]),
        ("**Occasion**: 20th Congress", "**Occasion**: October 1917, 20th Congress", ["DL411"]),
    ],
)
def test_events_outside_the_timeline(old: str, new: str, expected: list[str]) -> None:
    text = replace_once(reference_text(), old, new)
    found = [f for f in lint(text) if f.code != "DL415"]
    assert [f.code for f in found] == expected
    if expected:
        assert found[0].line == line_of(text, new)


def test_timeline_sections_come_from_the_house_rules(project: Project) -> None:

    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    edited = rules.replace('timeline = "after", ', "")
    assert edited != rules
    (project.root / "house.toml").write_text(edited)
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    text = replace_once(reference_text(), "closed (January 1960)", "closed (January 1920)")
    assert [code for code, _, _ in date_findings(project, text)] == ["DL415"]
    (project.root / "bad.toml").write_text(
        rules.replace('timeline = "after"', 'timeline = "later"')
    )
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "bad.toml"\n')
    result = project.run("check")
    assert result.exit_code == 2
    assert "timeline must be one of before, after" in result.stderr


# --------------------------------------------------------------------------- dated bullets


@pytest.mark.parametrize(
    ("old", "new", "expected_at"),
    [
        ("- January 1928: Trotsky", "- January 1926: Trotsky", "- January 1926: Trotsky"),
        ("- 1927: Kamenev", "- 1924: Kamenev", "- 1924: Kamenev"),
        ("- 1927: Kamenev", "- **1924**: Kamenev", "- **1924**: Kamenev"),
        ("- December 27, 1929: Stalin", "- December 27, 1927: Stalin", "- December 27, 1927"),
        ("- November 1929: Right", "- 1929: Right", None),  # a year after its own month
        ("- 1927: Kamenev", "- 1927-1928: Kamenev", None),
        ("- October 1924: Proposed", "- In October 1926: Proposed", None),  # not a leading date
    ],
)
def test_dated_bullets_out_of_order(old: str, new: str, expected_at: str | None) -> None:
    text = replace_once(reference_text(), old, new)
    found = [f for f in lint(text) if f.code == "DL412"]
    assert [f.line for f in found] == ([line_of(text, expected_at)] if expected_at else [])


def test_only_the_first_backward_bullet_of_a_list_is_reported() -> None:
    bullets = "- 1930: a\n- 1925: b\n- 1920: c\n\n- 1910: d\n\nText.\n\n- 1900: e\n- 1890: f\n"
    text = replace_once(reference_text(), "**Socialist Realism**:\n", bullets)
    assert [f.line for f in lint(text) if f.code == "DL412"] == [
        line_of(text, "- 1925: b"),
        line_of(text, "- 1890: f"),
    ]


def test_nested_lists_are_lists_of_their_own() -> None:
    bullets = (
        "- 1930: a\n  - 1920: detail of a\n  - 1921: another\n- 1931: b\n"
        "  - 1910: detail of b\n  - 1905: out of order\n"
    )
    text = replace_once(reference_text(), "**Socialist Realism**:\n", bullets)
    assert [f.line for f in lint(text) if f.code == "DL412"] == [
        line_of(text, "- 1905: out of order")
    ]


# --------------------------------------------------------------------------- figures


def test_death_toll_missing_from_the_body() -> None:
    text = replace_once(reference_text(), "| Scholarly consensus range | 6-20 million |\n", "")
    [finding] = [f for f in lint(text) if f.code == "DL413"]
    assert (finding.line, finding.severity) == (
        line_of(text, "| **Estimated Death Toll**"),
        "error",
    )
    assert finding.message.startswith("the Overview's death toll '6-20 million' is not given")


def test_death_toll_compares_by_value() -> None:
    text = replace_once(
        reference_text(),
        "| Scholarly consensus range | 6-20 million |",
        "| Scholarly consensus range | 6,000,000-20,000,000 |",
    )
    assert [f.code for f in lint(text) if f.code == "DL413"] == []


def test_single_figure_death_toll() -> None:
    text = replace_once(reference_text(), "| 6-20 million (scholarly range)", "| ~27 million (war)")
    assert [f.code for f in lint(text) if f.code == "DL413"] == []  # "~27 million Soviet deaths"
    text = replace_once(reference_text(), "| 6-20 million (scholarly range)", "| 28 million (war)")
    assert [f.code for f in lint(text) if f.code == "DL413"] == ["DL413"]


def _without_tolls() -> str:
    text = reference_text()
    body = text[text.index("## Key Figures") : text.index("## Comparisons")]
    text = text.replace(body, "## Key Figures\n- **Joseph Stalin** — leader\n\n")
    return replace_once(text, "- Death toll estimates vary significantly", "- Figures vary")


def test_death_toll_is_not_required_where_the_body_gives_no_tolls() -> None:
    # "extensively studied" is no toll term: terms match as whole words
    assert "studied" in _without_tolls()
    assert [f.code for f in lint(_without_tolls()) if f.code == "DL413"] == []


def test_without_toll_terms_every_body_is_checked(project: Project) -> None:

    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    edited = "\n".join(line for line in rules.splitlines() if "death_toll_terms" not in line)
    (project.root / "house.toml").write_text(edited)
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    assert [code for code, _, _ in date_findings(project, _without_tolls())] == ["DL413"]


@pytest.mark.parametrize(
    ("addition", "expected"),
    [
        ("**Death toll**: 1-2 million", ["DL414"]),  # same label, bold, other case
        ("- Death Toll: 1-2 million", ["DL414"]),  # plain run-in label
        ("| Death toll | 1-2 million |", []),  # not a table: no delimiter row
        ("**Death Toll**: 530,000-600,000 (again)", []),  # the same range
        ("**Death Toll**: 0.53-0.6 million", []),  # the same range, other unit
        ("**Deaths in exile**: 1-2 million", []),  # another label
    ],
)
def test_same_label_with_different_ranges(addition: str, expected: list[str]) -> None:
    old = "**Death Toll**: 530,000-600,000 (excluding subsequent famine)\n"
    text = replace_once(reference_text(), old, f"{old}\n{addition}\n")
    found = [f for f in lint(text) if f.code == "DL414"]
    assert [f.code for f in found] == expected
    if expected:
        assert found[0].line == line_of(text, addition)
        assert found[0].message.endswith(
            "here but 530,000-600,000 on line 174: say what each figure counts, or reconcile them"
        )


def test_same_label_under_different_headings_is_fine() -> None:
    # Each event's subsection may give its own **Death Toll**.
    text = replace_once(
        reference_text(),
        "**End**: NKVD head Yezhov",
        "**Death Toll**: 680,000-750,000\n\n**End**: NKVD head Yezhov",
    )
    assert [f.code for f in lint(text) if f.code == "DL414"] == []


def test_same_table_row_label_with_different_ranges() -> None:
    text = replace_once(
        reference_text(),
        "| Recent scholarship | 3.5-5 million |\n",
        "| Recent scholarship | 3.5-5 million |\n| Recent scholarship | 3-4 million |\n",
    )
    [finding] = [f for f in lint(text) if f.code == "DL414"]
    assert finding.line == line_of(text, "| Recent scholarship | 3-4 million |")


# --------------------------------------------------------------------------- birthdays


@pytest.mark.parametrize(
    ("leaders", "birthday", "expected"),
    [
        ("Joseph Stalin (1879-1953)", "his 50th birthday party (December 1929)", []),
        ("Joseph Stalin (1878-1953)", "his 50th birthday party (December 1929)", ["DL415"]),
        ("Joseph Stalin (1878-1953)", "his 50th birthday party (1928-1929)", []),
        ("Joseph Stalin (1878-1953)", "his 70th birthday (December 1949)", ["DL415"]),
        ("Joseph Stalin (1878-1953)", "his 50th birthday party", []),  # no date
        (
            "Vladimir Lenin (1870-1924); Joseph Stalin (1878-1953)",
            "Stalin's 50th birthday party (December 1929)",
            ["DL415"],
        ),
        (
            "Vladimir Lenin (1870-1924); Joseph Stalin (1878-1953)",
            "his 50th birthday party (December 1929)",
            [],  # which leader? not said
        ),
    ],
)
def test_birthday_year(leaders: str, birthday: str, expected: list[str]) -> None:
    text = replace_once(reference_text(), "| Joseph Stalin (1878-1953) |", f"| {leaders} |")
    text = replace_once(text, "his 50th birthday party (December 1929)", birthday)
    found = [f for f in lint(text) if f.code == "DL415"]
    assert [f.code for f in found] == expected
    if expected:
        assert found[0].severity == "warning"


def test_table_value_columns_are_compared_apart() -> None:
    table = (
        "| Category | Low | High |\n|---|---|---|\n"
        "| Gulag deaths | 1.5-1.6 million | 1.6-1.7 million |\n"
    )
    text = replace_once(reference_text(), "**Categories**:\n", table + "\n**Categories**:\n")
    # nor with the run-in "- Gulag deaths: 1.5-1.7 million" below it
    assert [f.code for f in lint(text) if f.code == "DL414"] == []


# --------------------------------------------------------------------------- robustness

_PIECES = [
    *"0123456789-–—/,.:;()|*#~ \n",
    *("19", "20", "1953", "present", "million", "birthday", "th ", "February ", "- ", "**"),
]
_DATE_SOUP = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(line=st.one_of(st.text(max_size=120), _DATE_SOUP))
def test_date_rules_never_raise_on_a_line_anywhere(line: str) -> None:
    lines = reference_text().splitlines()
    for where in (8, 10, 65, 120, 251, 384):  # Overview, prose, a table, the footer
        changed = "\n".join([*lines[: where - 1], line, *lines[where - 1 :]])
        lint(changed)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=400), _DATE_SOUP))
def test_date_rules_never_raise_on_any_text(text: str) -> None:
    lint(text)
