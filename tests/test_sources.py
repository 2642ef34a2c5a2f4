"""Sourcing rules (DL2xx): defects planted in the reference dossier's Sources are
reported at the right line and severity; the reliability list and thresholds
come from config; safe fixes rewrite only what they report."""

from __future__ import annotations

import datetime

import pytest
from conftest import Project, reference_text, replace_once

from dossierlint.config import load_config
from dossierlint.engine import FileJob, build_ruleset, lint_bytes
from dossierlint.findings import Finding, Fix
from dossierlint.houserules import load_house_rules

GULAG = (
    "- [Britannica - Gulag](https://www.britannica.com/place/Gulag)"
    " | type: encyclopedia | accessed: 2026-01-06"
)
HOLODOMOR = (
    "- [Wikipedia - Holodomor](https://en.wikipedia.org/wiki/Holodomor)"
    " | type: encyclopedia | accessed: 2026-01-06"
)
HOME_PAGE = (
    "- [World History Encyclopedia](https://www.worldhistory.org/)"
    " | type: secondary | accessed: 2026-01-06"
)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line == needle)


SOURCES_LINE = line_of(reference_text(), "## Sources")
GULAG_LINE = line_of(reference_text(), GULAG)
HOME_PAGE_LINE = line_of(reference_text(), HOME_PAGE)


def sourcing(project: Project, text: str, *args: str) -> list[tuple[str, int, str]]:
    """(code, line, severity) of the DL2xx findings on `text`."""
    project.write("soviet-union-stalin.md", text)
    found = project.findings("dossiers/soviet-union-stalin.md", *args)
    return [(f["code"], f["line"], f["severity"]) for f in found if f["code"].startswith("DL2")]


def messages(project: Project, text: str, code: str) -> list[str]:
    project.write("soviet-union-stalin.md", text)
    return [f["message"] for f in project.findings() if f["code"] == code]


def with_gulag(line: str) -> str:
    return replace_once(reference_text(), GULAG, line)


REFERENCE_HOME_PAGE = ("DL208", HOME_PAGE_LINE, "warning")


def test_reference_has_no_errors_and_only_the_home_page_warning(project: Project) -> None:
    project.write_reference()
    found = [f for f in project.findings() if f["code"][:3] in ("DL2", "DL3")]
    assert [(f["code"], f["line"], f["column"], f["severity"]) for f in found] == [
        ("DL208", HOME_PAGE_LINE, 32, "warning")
    ]
    assert "https://www.worldhistory.org/" in found[0]["message"]
    assert all(f["severity"] != "error" for f in project.findings())


# --- every planted defect, at its line, with its severity --------------------------


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        pytest.param(
            GULAG.replace(" | type: encyclopedia", ""), [("DL201", "error")], id="no-type"
        ),
        pytest.param(
            GULAG.replace("encyclopedia", "journal"), [("DL202", "error")], id="unknown-type"
        ),
        pytest.param(
            GULAG.replace("2026-01-06", "2026-02-30"), [("DL204", "error")], id="impossible-date"
        ),
        pytest.param(
            GULAG.replace("2026-01-06", "2999-01-01"), [("DL204", "error")], id="future-date"
        ),
        pytest.param(
            GULAG.replace("https://www.britannica.com/place/Gulag", "javascript:alert(1)"),
            [("DL206", "error")],
            id="javascript-url",
        ),
        pytest.param(
            GULAG.replace("https://www.britannica", "www.britannica"),
            [("DL206", "error")],
            id="scheme-less-url",
        ),
        pytest.param(
            "- [IMDb - Mr. Jones (2019 film)](https://www.imdb.com/title/tt6828390/)"
            " | type: secondary | accessed: 2026-01-06",
            [("DL211", "warning")],
            id="imdb-page",
        ),
        pytest.param(
            "- Robert Conquest, The Great Terror: A Reassessment (Oxford, 1990)",
            [("DL201", "error")],
            id="plain-text-bullet",
        ),
    ],
)
def test_planted_defect_in_a_source_line(
    project: Project, bad: str, expected: list[tuple[str, str]]
) -> None:
    found = sourcing(project, with_gulag(bad))
    assert found == sorted(
        [(code, GULAG_LINE, severity) for code, severity in expected] + [REFERENCE_HOME_PAGE],
        key=lambda f: f[1],
    )


def test_duplicate_source_is_reported_at_the_repeat(project: Project) -> None:
    again = GULAG.replace(
        "https://www.britannica.com/place/Gulag", "https://britannica.com/place/Gulag/"
    )
    text = with_gulag(f"{GULAG}\n{again}")
    assert sourcing(project, text) == [
        ("DL207", GULAG_LINE + 1, "warning"),
        ("DL208", HOME_PAGE_LINE + 1, "warning"),
    ]
    assert messages(project, text, "DL207") == [f"same source as line {GULAG_LINE}; list it once"]


def test_emptied_sources_section_is_too_few_sources(project: Project) -> None:
    text = reference_text()
    start = text.index("## Sources\n") + len("## Sources\n")
    text = text[:start] + text[text.index("\n---\n\n## Confidence") :]
    project.write("soviet-union-stalin.md", text)
    found = [(f["code"], f["line"], f["severity"]) for f in project.findings()]
    assert ("DL220", SOURCES_LINE, "error") in found
    assert ("DL106", SOURCES_LINE, "error") in found
    assert [f for f in found if f[0].startswith("DL2")] == [("DL220", SOURCES_LINE, "error")]
    assert messages(project, text, "DL220") == ["0 sources; a dossier needs at least 3"]


# --- citation format ------------------------------------------------------------------


NO_ACCESSED = GULAG.replace(" | accessed: 2026-01-06", "")
EMPTY_TYPE = GULAG.replace("type: encyclopedia", "type:")
NOTE = GULAG + " | note: see chapter 2"


@pytest.mark.parametrize(
    ("bad", "column", "says"),
    [
        (
            GULAG.replace("[Britannica - Gulag](", "(").replace("(h", "h").replace("g) |", "g |"),
            3,
            "bare URL",
        ),
        (GULAG.replace("[Britannica - Gulag]", "[]"), 3, "empty link title"),
        (GULAG.replace("https://www.britannica.com/place/Gulag", ""), 24, "empty URL"),
        (NO_ACCESSED, len(NO_ACCESSED) + 1, "no 'accessed:' part"),
        (EMPTY_TYPE, EMPTY_TYPE.index(" | accessed") + 2, "empty 'type:' value"),
        (NOTE, NOTE.index("note:") + 1, "unknown part 'note:'"),
    ],
)
def test_malformed_part_is_named_at_its_column(
    project: Project, bad: str, column: int, says: str
) -> None:
    project.write("soviet-union-stalin.md", with_gulag(bad))
    found = [f for f in project.findings() if f["code"] == "DL201"]
    assert [(f["column"], says in f["message"]) for f in found] == [(column, True)]
    assert {(f["line"], f["severity"]) for f in found} == {(GULAG_LINE, "error")}


def test_one_finding_per_bullet_lists_every_malformed_part(project: Project) -> None:
    bad = "- [Britannica - Gulag](https://www.britannica.com/place/Gulag) type encyclopedia"
    project.write("soviet-union-stalin.md", with_gulag(bad))
    result = project.run("check", "--format", "concise", "--select", "DL201")
    [line] = [line for line in result.stdout.splitlines() if f":{GULAG_LINE}:" in line]
    column = bad.index("type") + 1
    assert line.startswith(f"dossiers/soviet-union-stalin.md:{GULAG_LINE}:{column}: DL201 [error]")
    assert line.endswith(
        "3 problems in this source: (1) unexpected text after the link: "
        "'type encyclopedia'; (2) source has no 'type:' part; expected '| type: TYPE'; "
        "(3) source has no 'accessed:' part; expected '| accessed: YYYY-MM-DD'"
    )


def test_text_line_meant_as_a_source_is_reported(project: Project) -> None:
    text = with_gulag(f"{GULAG}\n\n{GULAG[2:]}")
    found = sourcing(project, text)
    assert ("DL201", GULAG_LINE + 2, "error") in found
    assert "not a list item" in messages(project, text, "DL201")[0]
    (finding,) = [f for f in lint(project, text) if f.code == "DL201"]
    assert finding.fix.safe and apply(text, finding.fix) == with_gulag(f"{GULAG}\n\n{GULAG}")


def test_prose_in_sources_is_left_alone(project: Project) -> None:
    text = replace_once(
        reference_text(), "## Sources\n", "## Sources\nAll accessed in January.\n\n"
    )
    assert sourcing(project, text) == [("DL208", HOME_PAGE_LINE + 2, "warning")]


# --- TYPE vocabulary ----------------------------------------------------------------------


def test_near_miss_type_gets_a_suggestion(project: Project) -> None:
    text = replace_once(
        reference_text(),
        "type: academic | accessed: 2026-01-06\n- [Sciences",
        "type: acadmic | accessed: 2026-01-06\n- [Sciences",
    )
    assert messages(project, text, "DL202") == [
        "unknown source type 'acadmic' (did you mean 'academic'?)"
    ]


def test_far_miss_type_lists_the_vocabulary(project: Project) -> None:
    (message,) = messages(project, with_gulag(GULAG.replace("encyclopedia", "website")), "DL202")
    assert message.startswith("unknown source type 'website'; one of: encyclopedia, academic")


def test_wrong_case_type_is_a_case_error_not_an_unknown_type(project: Project) -> None:
    found = sourcing(project, with_gulag(GULAG.replace("type: encyclopedia", "type: Encyclopedia")))
    assert found == [("DL203", GULAG_LINE, "error"), REFERENCE_HOME_PAGE]


# --- accessed date ------------------------------------------------------------------------


def test_accessed_today_is_fine_but_after_last_updated_is_an_error(project: Project) -> None:
    today = datetime.date.today().isoformat()
    text = with_gulag(GULAG.replace("2026-01-06", today))
    assert sourcing(project, text) == [("DL205", GULAG_LINE, "error"), REFERENCE_HOME_PAGE]
    (message,) = messages(project, text, "DL205")
    assert message == (
        f"accessed {today}, after the dossier's Last updated date 2026-01-06; update the footer"
    )


def test_accessed_after_last_updated_is_fine_once_the_footer_moves_on(project: Project) -> None:
    text = with_gulag(GULAG.replace("2026-01-06", "2026-02-01"))
    text = replace_once(text, "*Last updated: 2026-01-06*", "*Last updated: 2026-02-01*")
    assert sourcing(project, text) == [REFERENCE_HOME_PAGE]


def test_one_wrong_last_updated_is_one_finding_not_one_per_source(project: Project) -> None:
    text = replace_once(
        reference_text(), "*Last updated: 2026-01-06*", "*Last updated: 2025-01-06*"
    )
    text = replace_once(text, "*Created: 2026-01-06*", "*Created: 2025-01-06*")
    footer = line_of(text, "*Last updated: 2025-01-06*")
    found = [(code, line) for code, line, _ in sourcing(project, text)]
    assert found == [REFERENCE_HOME_PAGE[:2], ("DL205", footer)]
    (message,) = messages(project, text, "DL205")
    assert message == (
        "Last updated 2025-01-06 is before the accessed dates of 9 sources "
        f"(the latest 2026-01-06, line {line_of(text, GULAG) - 2}); update the footer"
    )


@pytest.mark.parametrize(
    ("created", "updated"),
    [("2026-01-06", "2025-01-06"), ("2025-01-06", "2099-01-06")],
)
def test_a_last_updated_that_is_itself_impossible_is_left_to_dl410(
    project: Project, created: str, updated: str
) -> None:
    text = replace_once(
        reference_text(), "*Last updated: 2026-01-06*", f"*Last updated: {updated}*"
    )
    text = replace_once(text, "*Created: 2026-01-06*", f"*Created: {created}*")
    project.write("soviet-union-stalin.md", text)
    codes = [f["code"] for f in project.findings() if f["code"] in ("DL205", "DL410")]
    assert codes == ["DL410"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "accessed date '2026-02-30' is not a real date"),
        ("2026-13-01", "accessed date '2026-13-01' is not a real date"),
        ("06/01/2026", "accessed date '06/01/2026' is not YYYY-MM-DD"),
        ("January 2026", "accessed date 'January 2026' is not YYYY-MM-DD"),
    ],
)
def test_accessed_date_messages(project: Project, value: str, message: str) -> None:
    assert messages(project, with_gulag(GULAG.replace("2026-01-06", value)), "DL204") == [message]


def test_future_date_names_today(project: Project) -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    text = with_gulag(GULAG.replace("2026-01-06", tomorrow.isoformat()))
    assert sourcing(project, text) == [("DL204", GULAG_LINE, "error"), REFERENCE_HOME_PAGE]
    assert "in the future" in messages(project, text, "DL204")[0]


# --- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("data:text/html,hello", "scheme 'data:' is not allowed"),
        ("file:///home/me/gulag.html", "scheme 'file:' is not allowed"),
        ("https://user:secret@www.britannica.com/place/Gulag", "credentials"),
        ("//www.britannica.com/place/Gulag", "scheme-relative"),
        ("https://localhost/place/Gulag", "localhost"),
    ],
)
def test_invalid_url_reasons(project: Project, url: str, reason: str) -> None:
    text = with_gulag(GULAG.replace("https://www.britannica.com/place/Gulag", url))
    (message,) = messages(project, text, "DL206")
    assert reason in message


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Cheka_(disambiguation)",
        "https://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power",
        "http://www.britannica.com/place/Gulag?page=2",
    ],
)
def test_real_urls_with_apostrophes_and_parentheses_are_valid(project: Project, url: str) -> None:
    text = with_gulag(GULAG.replace("https://www.britannica.com/place/Gulag", url))
    codes = [code for code, _, _ in sourcing(project, text)]
    assert "DL206" not in codes and "DL201" not in codes


@pytest.mark.parametrize(
    "again",
    [
        "HTTPS://WWW.Britannica.com/place/Gulag",
        "https://www.britannica.com/place/Gulag/",
        "https://www.britannica.com/place/Gulag#Labour",
        "https://www.britannica.com/place/Gulag?utm_source=x&fbclid=1",
        "http://britannica.com/place/Gulag",
    ],
)
def test_duplicates_are_found_after_normalising(project: Project, again: str) -> None:
    text = with_gulag(f"{GULAG}\n{GULAG.replace('https://www.britannica.com/place/Gulag', again)}")
    assert ("DL207", GULAG_LINE + 1, "warning") in sourcing(project, text)


def test_different_pages_are_not_duplicates(project: Project) -> None:
    other = GULAG.replace("place/Gulag", "place/gulag")  # paths are case-sensitive
    assert "DL207" not in [c for c, _, _ in sourcing(project, with_gulag(f"{GULAG}\n{other}"))]


def test_home_page_with_index_file_is_a_warning(project: Project) -> None:
    text = with_gulag(GULAG.replace("/place/Gulag", "/index.html"))
    assert ("DL208", GULAG_LINE, "warning") in sourcing(project, text)


# --- reliability -----------------------------------------------------------------------------


def test_deprecated_source_is_an_error(project: Project) -> None:
    text = with_gulag(
        "- [RT - Gulag](https://www.rt.com/russia/gulag-history/) | type: news | accessed: 2026-01-06"
    )
    assert ("DL210", GULAG_LINE, "error") in sourcing(project, text)
    (message,) = messages(project, text, "DL210")
    assert message.startswith("rt.com is a deprecated source (state-media)")


def test_unreliable_source_names_its_category(project: Project) -> None:
    text = with_gulag(
        "- [Fandom - Gulag](https://history.fandom.com/wiki/Gulag) | type: secondary | accessed: 2026-01-06"
    )
    (message,) = messages(project, text, "DL211")
    assert message.startswith("fandom.com is generally unreliable (user-generated)")


def test_type_contradicting_the_domain_is_a_warning(project: Project) -> None:
    text = replace_once(reference_text(), HOLODOMOR, HOLODOMOR.replace("encyclopedia", "academic"))
    line = line_of(reference_text(), HOLODOMOR)
    assert sourcing(project, text) == [("DL212", line, "warning"), REFERENCE_HOME_PAGE]
    (message,) = messages(project, text, "DL212")
    assert (
        message
        == "type 'academic' does not fit wikipedia.org (tertiary; types that fit: encyclopedia)"
    )


def test_unlisted_domain_draws_no_reliability_finding(project: Project) -> None:
    text = with_gulag(GULAG.replace("www.britannica.com", "www.gulaghistory.example"))
    assert sourcing(project, text) == [REFERENCE_HOME_PAGE]


RELIABILITY_CONFIG = """[tool.dossierlint]
dossiers = "dossiers"

[tool.dossierlint.reliability."worldhistory.org"]
status = "unreliable"
category = "user-generated"
types = []
note = "Our editors found errors in its unsigned articles."

[tool.dossierlint.reliability."gulaghistory.example"]
status = "deprecated"
category = "blog"
types = []
note = "A denialist blog."
"""


def test_config_replaces_and_adds_reliability_entries(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(RELIABILITY_CONFIG)
    text = with_gulag(GULAG.replace("www.britannica.com", "www.gulaghistory.example"))
    project.write("soviet-union-stalin.md", text)
    found = project.findings()
    mine = {
        (f["code"], f["line"], f["severity"], f["message"]) for f in found if f["code"][:3] == "DL2"
    }
    assert mine == {
        (
            "DL210",
            GULAG_LINE,
            "error",
            "gulaghistory.example is a deprecated source (blog): A denialist blog.",
        ),
        (
            "DL211",
            HOME_PAGE_LINE,
            "warning",
            "worldhistory.org is generally unreliable (user-generated): "
            "Our editors found errors in its unsigned articles.",
        ),
        (
            "DL208",
            HOME_PAGE_LINE,
            "warning",
            "'https://www.worldhistory.org/' is a site's home page; cite the page that holds the fact",
        ),
    }


def test_dossierlint_toml_takes_reliability_at_the_top_level(project: Project) -> None:
    (project.root / "pyproject.toml").unlink()
    (project.root / ".dossierlint.toml").write_text(
        RELIABILITY_CONFIG.replace("[tool.dossierlint]\n", "").replace("tool.dossierlint.", "")
    )
    project.write_reference()
    assert ("DL211", HOME_PAGE_LINE, "warning") in sourcing(project, reference_text())


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        (
            'status = "dubious"\ncategory = "news"\ntypes = []\nnote = "x"',
            "status 'dubious' is not one of",
        ),
        ('status = "reliable"\ncategory = "news"\ntypes = []', "missing key 'note'"),
        (
            'status = "reliable"\ncategory = "news"\ntypes = []\nnote = "x"\nscore = 3',
            "unknown key 'score'",
        ),
    ],
)
def test_malformed_reliability_entry_is_one_line_and_exit_2(
    project: Project, entry: str, says: str
) -> None:
    (project.root / "pyproject.toml").write_text(
        f'[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.reliability."example.org"]\n{entry}\n'
    )
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2
    assert says in result.stderr and "pyproject.toml: reliability: 'example.org'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_reliability_types_must_be_house_source_types(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n'
        '[tool.dossierlint.reliability."example.org"]\n'
        'status = "reliable"\ncategory = "news"\ntypes = ["journal"]\nnote = "x"\n'
    )
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2
    assert (
        "reliability list: 'example.org': types entry 'journal' is not one of the house source types"
        in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("table", ['reliability = "strict"', 'reliability = ["rt.com"]'])
def test_reliability_must_be_a_table(project: Project, table: str) -> None:
    (project.root / "pyproject.toml").write_text(
        f'[tool.dossierlint]\ndossiers = "dossiers"\n{table}\n'
    )
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2 and "reliability must be a table" in result.stderr


def test_not_a_domain_is_rejected(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\n[tool.dossierlint.reliability."https://example.org/"]\n'
        'status = "reliable"\ncategory = "news"\ntypes = []\nnote = "x"\n'
    )
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2 and "not a domain name" in result.stderr


# --- enough sources and thresholds ---------------------------------------------------------


def options(project: Project, **values: int) -> None:
    lines = "".join(f"{name} = {value}\n" for name, value in values.items())
    (project.root / "pyproject.toml").write_text(
        f'[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.options]\n{lines}'
    )


def test_min_sources_comes_from_config(project: Project) -> None:
    options(project, **{"min-sources": 10})
    assert ("DL220", SOURCES_LINE, "error") in sourcing(project, reference_text())
    assert messages(project, reference_text(), "DL220") == [
        "9 sources; a dossier needs at least 10"
    ]
    options(project, **{"min-sources": 9})
    assert "DL220" not in [c for c, _, _ in sourcing(project, reference_text())]


def test_min_non_tertiary_sources_comes_from_config(project: Project) -> None:
    options(project, **{"min-non-tertiary-sources": 4})
    assert ("DL221", SOURCES_LINE, "warning") in sourcing(project, reference_text())
    (message,) = messages(project, reference_text(), "DL221")
    assert message.startswith("3 non-tertiary sources; cite at least 4")
    options(project, **{"min-non-tertiary-sources": 3})
    assert "DL221" not in [c for c, _, _ in sourcing(project, reference_text())]


def test_duplicates_count_once(project: Project) -> None:
    text = reference_text()
    start = text.index("## Sources\n") + len("## Sources\n")
    end = text.index("\n\n---\n\n## Confidence")
    text = text[:start] + "\n".join([GULAG, GULAG, GULAG]) + text[end:]
    found = sourcing(project, text)
    assert ("DL220", SOURCES_LINE, "error") in found
    assert messages(project, text, "DL220") == ["1 source; a dossier needs at least 3"]


def test_option_of_the_wrong_type_is_a_usage_error(project: Project) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\n[tool.dossierlint.options]\nmin-sources = "three"\n'
    )
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2 and "min-sources" in result.stderr


# --- fixes -------------------------------------------------------------------------------


def lint(project: Project, text: str) -> list[Finding]:
    """Findings with their fixes (the JSON report leaves fixes out)."""
    config = load_config(config_file=project.root / "pyproject.toml")
    job = FileJob("x.md", "x.md", "soviet-union-stalin", text.encode())
    return lint_bytes(
        job, build_ruleset(config), load_house_rules(config.house_rules), config=config
    )


def apply(text: str, fix: Fix) -> str:
    lines = text.split("\n")
    for edit in fix.edits:
        line = lines[edit.line - 1]
        lines[edit.line - 1] = line[: edit.start] + edit.replacement + line[edit.end :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "bad",
    [
        GULAG.replace("- [", "* ["),
        GULAG.replace(" | type: ", "|type:"),
        GULAG.replace("type:", "Type:"),
        GULAG.replace("accessed: ", "accessed "),
        GULAG.replace(
            "(https://www.britannica.com/place/Gulag)", "( https://www.britannica.com/place/Gulag )"
        ),
        GULAG.replace("[Britannica - Gulag]", "[ Britannica - Gulag ]"),
        GULAG.replace("](", "] ("),
        "- [Britannica - Gulag](https://www.britannica.com/place/Gulag) | accessed: 2026-01-06 | type: encyclopedia",
        "* [Britannica - Gulag]( https://www.britannica.com/place/Gulag )|TYPE:encyclopedia|accessed 2026-01-06",
    ],
)
def test_formatting_only_problems_get_a_safe_fix_to_house_form(project: Project, bad: str) -> None:
    text = with_gulag(bad)
    (finding,) = [f for f in lint(project, text) if f.code == "DL201"]
    assert finding.line == GULAG_LINE and finding.fix is not None and finding.fix.safe
    (edit,) = finding.fix.edits
    assert (edit.line, edit.start, edit.end, edit.replacement) == (GULAG_LINE, 0, len(bad), GULAG)
    assert apply(text, finding.fix) == reference_text()


@pytest.mark.parametrize(
    "bad",
    [
        GULAG.replace(" | type: encyclopedia", ""),
        GULAG + " | note: chapter 2",
        GULAG.replace(")", ""),
        "- see [Britannica - Gulag](https://www.britannica.com/place/Gulag) | type: encyclopedia | accessed: 2026-01-06",
        GULAG.replace("- [", "* [").replace(") |", ") see |"),
    ],
)
def test_problems_that_would_lose_or_invent_text_get_no_fix(project: Project, bad: str) -> None:
    found = [f for f in lint(project, with_gulag(bad)) if f.code == "DL201"]
    assert found and all(f.fix is None for f in found)


def test_type_case_fix_touches_only_the_type(project: Project) -> None:
    bad = GULAG.replace("type: encyclopedia", "type: Encyclopedia")
    text = with_gulag(bad)
    (finding,) = [f for f in lint(project, text) if f.code == "DL203"]
    (edit,) = finding.fix.edits
    assert finding.fix.safe and bad[edit.start : edit.end] == "Encyclopedia"
    assert edit.replacement == "encyclopedia"
    assert apply(text, finding.fix) == reference_text()


def test_near_miss_type_fix_is_unsafe(project: Project) -> None:
    bad = GULAG.replace("type: encyclopedia", "type: encyclopaedia")
    text = with_gulag(bad)
    (finding,) = [f for f in lint(project, text) if f.code == "DL202"]
    assert finding.fix is not None and not finding.fix.safe
    assert apply(text, finding.fix) == reference_text()
    far = [
        f
        for f in lint(project, with_gulag(GULAG.replace("encyclopedia", "blog")))
        if f.code == "DL202"
    ]
    assert far[0].fix is None
