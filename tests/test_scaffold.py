"""`dossierlint new` and `new --update`: the scaffold's shape, its safety, and byte-exact updates."""

from __future__ import annotations

import datetime
import difflib
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Project, beyond, reference_text, replace_once

from dossierlint.houserules import load_house_rules

MARKER = "TODO(dossierlint):"
PLACEHOLDER_CODE = "DL004"
CHILE = (
    "chile-pinochet",
    "--country",
    "Chile",
    "--leader",
    "Augusto Pinochet (1915-2006)",
    "--start",
    "1973",
    "--end",
    "1990",
    "--no-input",
)


def guide(title: str) -> str:
    return next(s.guide for s in load_house_rules().sections if s.title == title)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: to show that nothing was written."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def marker_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), 1) if MARKER in line]


def assert_only_placeholder_findings(project: Project, path: Path) -> list[dict]:
    findings = project.findings(str(path.relative_to(project.root)))
    codes = {finding["code"] for finding in findings}
    assert codes == {PLACEHOLDER_CODE}, [f for f in findings if f["code"] != PLACEHOLDER_CODE]
    return findings


# --- a fresh dossier ---------------------------------------------------------------------


def test_new_writes_a_dossier_that_fails_only_on_its_placeholders(project: Project) -> None:
    result = project.run("new", *CHILE)
    assert result.exit_code == 0, result.stderr
    path = project.dossiers / "chile-pinochet.md"
    assert result.stdout.splitlines() == [
        "wrote dossiers/chile-pinochet.md",
        f"next: replace every '{MARKER}' placeholder, "
        "then run 'dossierlint check dossiers/chile-pinochet.md'",
    ]
    text = path.read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    assert text.startswith("# Chile Under Augusto Pinochet\n\n## Overview\n")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == list(load_house_rules().section_titles)
    for row in (
        "| **Country/Region** | Chile |",
        "| **Dates** | 1973-1990 |",
        "| **Leader(s)** | Augusto Pinochet (1915-2006) |",
        "| **Duration** | 17 years |",
        f"- **Augusto Pinochet** — {MARKER} {guide('Key Figures')}",
    ):
        assert f"\n{row}\n" in text
    assert text.endswith(f"\n---\n*Created: {today}*\n*Last updated: {today}*\n*Tags:* #regime\n")

    findings = assert_only_placeholder_findings(project, path)
    assert [f["line"] for f in findings] == marker_lines(text)
    assert all(f["severity"] == "error" for f in findings)
    assert project.run("check", "--strict").exit_code == 1


def test_every_overview_value_can_be_given(project: Project) -> None:
    result = project.run(
        "new",
        "argentina-junta",
        "--title",
        "Argentina Under the Military Junta",
        "--country",
        "Argentina",
        "--leader",
        "Jorge Rafael Videla (1925-2013)",
        "--leader",
        "Leopoldo Galtieri (1926-2003)",
        "--start",
        "1976",
        "--end",
        "1983",
        "--type",
        "Military junta | civic-military dictatorship",
        "--death-toll",
        "9,000-30,000 (disappeared)",
        "--tag",
        "cold-war",
        "--tag",
        "#latin-america",
        "--no-input",
    )
    assert result.exit_code == 0, result.stderr
    path = project.dossiers / "argentina-junta.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Argentina Under the Military Junta\n")
    assert (
        "| **Leader(s)** | Jorge Rafael Videla (1925-2013); Leopoldo Galtieri (1926-2003) |" in text
    )
    assert "| **Type** | Military junta \\| civic-military dictatorship |" in text
    assert "| **Estimated Death Toll** | 9,000-30,000 (disappeared) |" in text
    assert "| **Duration** | 7 years |" in text
    assert "- **Leopoldo Galtieri** — " in text
    assert text.endswith("*Tags:* #regime #cold-war #latin-america\n")
    findings = assert_only_placeholder_findings(project, path)
    overview_end = text.index("## Key Figures")
    assert all(f["line"] > text[:overview_end].count("\n") for f in findings)


def test_the_skeleton_follows_the_house_rules(project: Project) -> None:
    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    edited = replace_once(
        rules,
        '  { title = "Key Events & Atrocities",',
        '  { title = "Resistance", rule_before = true, guide = "Who resisted, and how." },\n'
        '  { title = "Key Events & Atrocities",',
    )
    (project.root / "house.toml").write_text(edited, encoding="utf-8")
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\nhouse-rules = "house.toml"\n'
    )
    assert project.run("new", *CHILE).exit_code == 0
    path = project.dossiers / "chile-pinochet.md"
    text = path.read_text(encoding="utf-8")
    assert (
        f"\n---\n\n## Resistance\n{MARKER} Who resisted, and how.\n\n---\n\n"
        "## Key Events & Atrocities\n"
    ) in text
    assert text.index("## Methods of Control") < text.index("## Resistance")
    assert_only_placeholder_findings(project, path)


def test_stdout_prints_the_dossier_and_writes_nothing(project: Project) -> None:
    before = tree(project.root)
    printed = project.run("new", *CHILE, "--stdout")
    assert printed.exit_code == 0
    assert tree(project.root) == before
    assert project.run("new", *CHILE).exit_code == 0
    assert printed.stdout == (project.dossiers / "chile-pinochet.md").read_text(encoding="utf-8")


def test_dir_chooses_the_folder(project: Project) -> None:
    result = project.run("new", *CHILE, "--dir", "drafts")
    assert result.exit_code == 0, result.stderr
    assert (project.root / "drafts" / "chile-pinochet.md").is_file()
    assert "wrote drafts/chile-pinochet.md" in result.stdout


# --- safety ------------------------------------------------------------------------------


def test_an_existing_dossier_is_never_overwritten_without_force(project: Project) -> None:
    path = project.write("chile-pinochet.md", b"my own work\r\n\xef\xbb\xbfnot to be lost")
    before = path.read_bytes()
    result = project.run("new", *CHILE)
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert result.stderr.strip() == (
        "dossierlint: dossiers/chile-pinochet.md already exists; not overwritten "
        "(use --force to replace it, or --update to add the sections it lacks)"
    )
    assert [p.name for p in project.dossiers.iterdir()] == ["chile-pinochet.md"]

    forced = project.run("new", *CHILE, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert path.read_text(encoding="utf-8").startswith("# Chile Under Augusto Pinochet\n")
    assert [p.name for p in project.dossiers.iterdir()] == ["chile-pinochet.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_dangling_link_is_not_replaced(project: Project) -> None:
    link = project.dossiers / "chile-pinochet.md"
    link.symlink_to(project.root / "elsewhere.md")
    assert project.run("new", *CHILE).exit_code == 1
    assert link.is_symlink() and not (project.root / "elsewhere.md").exists()


@pytest.mark.parametrize(
    "slug", ["../x", "a/b", "{root}/x", "Chile-Pinochet", "chile--pinochet", "x-", "chile_pinochet"]
)
def test_a_bad_slug_is_refused_before_anything_is_written(project: Project, slug: str) -> None:
    slug = slug.format(root=project.root.as_posix())  # an absolute path, under tmp_path
    before = tree(project.root)
    result = project.run("new", slug, *CHILE[1:])
    assert result.exit_code == 2
    assert result.stderr == (
        f"dossierlint: error: {slug!r} is not a slug: use lowercase letters, digits and "
        "single hyphens, country first (e.g. chile-pinochet)\n"
    )
    assert tree(project.root) == before


def test_a_new_dossier_gets_the_usual_permissions(project: Project) -> None:
    assert project.run("new", *CHILE).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    mode = (project.dossiers / "chile-pinochet.md").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [(), ("--no-input",)])
def test_without_a_terminal_missing_values_are_listed(project: Project, extra) -> None:
    before = tree(project.root)
    result = project.run("new", "chile-pinochet", "--country", "Chile", "--end", "1990", *extra)
    assert result.exit_code == 2
    assert result.stderr == (
        "dossierlint: error: missing --leader, --start: "
        "give them as options, or run in a terminal to be asked\n"
    )
    assert tree(project.root) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("--leader", "Pinochet"),
            "--leader 'Pinochet': write 'Name (BIRTH-DEATH)', 'Name (BIRTH-)' or "
            "'Name (b. BIRTH)'; a year may be 'c. 1925', '1925?' or '1925 or 1928', "
            "e.g. 'Augusto Pinochet (1915-2006)'",
        ),
        (
            ("--leader", "A B (about 1925-2003)"),
            "--leader 'A B (about 1925-2003)' ('about 1925' is not a year): write "
            "'Name (BIRTH-DEATH)', 'Name (BIRTH-)' or 'Name (b. BIRTH)'; a year may be "
            "'c. 1925', '1925?' or '1925 or 1928', e.g. 'Augusto Pinochet (1915-2006)'",
        ),
        (
            ("--leader", "A B (c. 2000-2010)"),
            "--leader 'A B (c. 2000-2010)': born after the regime ended (1990)",
        ),
        (("--leader", "A B (1950-1940)"), "--leader 'A B (1950-1940)': died before being born"),
        (
            ("--leader", "A B (1995-)"),
            "--leader 'A B (1995-)': born after the regime ended (1990)",
        ),
        (
            ("--leader", "A B (b. 1900)", "--leader", "C D (1900-1950)"),
            "--leader 'C D (1900-1950)': died before the regime began (1973)",
        ),
        (("--end", "1960"), "--start 1973 is after --end 1960"),
        (("--end", "nineteen"), "--end 'nineteen' is not a year (write e.g. 1973)"),
        (("--end", "9999"), "--end 9999 is in the future"),
        (
            ("--tag", "Cold War"),
            "--tag 'Cold War': a tag is lowercase words joined by hyphens (e.g. cold-war)",
        ),
        (("--title", "two\nlines"), "--title must be one line of text"),
    ],
)
def test_a_bad_value_is_a_one_line_usage_error(project: Project, change, message) -> None:
    args = list(CHILE)
    for option, value in zip(change[::2], change[1::2], strict=True):
        if option in args and option != "--leader":
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    result = project.run("new", *args)
    assert result.exit_code == 2
    assert result.stderr == f"dossierlint: error: {message}\n"
    assert list(project.dossiers.iterdir()) == []


def test_living_leaders_in_both_forms_are_accepted(project: Project) -> None:
    args = [*CHILE, "--leader", "A B (b. 1950)", "--leader", "C D (1952-)"]
    assert project.run("new", *args).exit_code == 0
    text = (project.dossiers / "chile-pinochet.md").read_text(encoding="utf-8")
    assert "| Augusto Pinochet (1915-2006); A B (b. 1950); C D (1952-) |" in text
    assert_only_placeholder_findings(project, project.dossiers / "chile-pinochet.md")


def test_a_leader_is_read_with_the_parsers_grammar(project: Project) -> None:
    """Any dash the parser reads is accepted, spaced or not; the years must still be marked."""
    args = [*CHILE, "--leader", "A B (1900 – 1980)", "--leader", "C D (b.1952)"]
    assert project.run("new", *args).exit_code == 0
    text = (project.dossiers / "chile-pinochet.md").read_text(encoding="utf-8")
    assert "| Augusto Pinochet (1915-2006); A B (1900 – 1980); C D (b.1952) |" in text
    assert_only_placeholder_findings(project, project.dossiers / "chile-pinochet.md")
    for unmarked in ("A B (1925)", "(1900-1950)", "A | B (1900-1950)"):
        result = project.run("new", "other", *CHILE[1:], "--leader", unmarked)
        assert result.exit_code == 2 and "write 'Name (BIRTH-DEATH)'" in result.stderr


@pytest.mark.parametrize(
    ("life", "birth"),
    [
        ("c. 1925-2003", (1920, 1930, "circa")),
        ("ca. 1925\u20132003", (1920, 1930, "circa")),
        ("circa 1925 - 2003", (1920, 1930, "circa")),
        ("1925?-2003", (1920, 1930, "uncertain")),
        ("1925 or 1928-2003", (1925, 1928, "either")),
        ("1923/1928 \u2014 2003", (1923, 1928, "either")),
    ],
)
def test_uncertain_life_years_are_accepted_and_exported_as_intervals(
    project: Project, life: str, birth: tuple[int, int, str]
) -> None:
    leader = f"Idi Amin ({life})"
    args = ["uganda-amin", "--country", "Uganda", "--leader", leader]
    result = project.run("new", *args, "--start", "1971", "--end", "1979", "--no-input")
    assert result.exit_code == 0, result.stderr
    path = project.dossiers / "uganda-amin.md"
    assert f"| {leader} |" in path.read_text(encoding="utf-8")
    assert_only_placeholder_findings(project, path)
    # The reference, its regime moved to Amin's years, exports him with both intervals.
    text = reference_text()
    for old, new in (
        ("| Joseph Stalin (1878-1953) |", f"| {leader} |"),
        ("| 1924-1953 |", "| 1971-1979 |"),
        ("| 29 years |", "| 8 years |"),
    ):
        text = replace_once(text, old, new)
    project.write("soviet-union-stalin.md", text)
    exported = project.run("export", "dossiers/soviet-union-stalin.md")
    assert exported.exit_code == 0, exported.stderr
    read = exported.json()["overview"]["leaders"][0]
    assert read["name"] == "Idi Amin"
    assert (read["birth"]["earliest"], read["birth"]["latest"], read["birth"]["qualifier"]) == birth
    assert read["death"] == {"earliest": 2003, "latest": 2003, "qualifier": "exact", "text": "2003"}
    first_written = 1923 if life.startswith("1923") else 1925
    assert (read["birth_year"], read["death_year"]) == (first_written, 2003)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_on_a_terminal_it_asks_for_what_is_missing(project: Project) -> None:
    import pty

    answers = [
        "Argentina",  # country
        "Jorge Videla (1925)",  # a malformed leader: asked again
        "Jorge Rafael Videla (1925-2013)",
        "1976",
        "1970",  # before the first year: asked again
        "1983",
        "",  # title: take the default
        "Military junta",
        "",  # death toll: leave a placeholder
        "cold-war, latin-america",
    ]
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dossierlint", "new", "argentina-videla"],
        cwd=project.root,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    os.write(controller, "".join(f"{answer}\n" for answer in answers).encode())
    output = b""
    while select.select([controller], [], [], 30)[0]:  # never hang on a prompt nobody answers
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    if process.poll() is None:
        process.kill()
    assert process.wait(timeout=30) == 0, output.decode()
    shown = output.decode()
    assert "Country/Region (e.g. Chile):" in shown
    assert "Error: --leader 'Jorge Videla (1925)'" in shown
    assert "Error: the last year comes before the first (1976)" in shown
    assert "Title [Argentina Under Jorge Rafael Videla]:" in shown
    path = project.dossiers / "argentina-videla.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Argentina Under Jorge Rafael Videla\n")
    assert "| **Dates** | 1976-1983 |" in text
    assert "| **Type** | Military junta |" in text
    assert f"| **Estimated Death Toll** | {MARKER} e.g. " in text
    assert text.endswith("*Tags:* #regime #cold-war #latin-america\n")
    assert_only_placeholder_findings(project, path)


# --- --update ----------------------------------------------------------------------------


def body_of(text: str, title: str) -> str:
    """A section's text between its heading line and the blank line that ends it."""
    start = text.index(f"\n## {title}\n") + len(f"\n## {title}\n")
    ends = [text.find(end, start) for end in ("\n\n---\n", "\n\n## ")]
    return text[start : min(end for end in ends if end >= 0)]


def without(text: str, title: str) -> str:
    """The text with one section removed: its heading up to the next section's heading."""
    start = text.index(f"\n## {title}\n") + 1
    return text[:start] + text[text.index("\n## ", start) + 1 :]


def restored(text: str, title: str, placeholder: str) -> str:
    return replace_once(
        text, f"## {title}\n{body_of(text, title)}\n", f"## {title}\n{placeholder}\n"
    )


def test_update_restores_two_sections_and_touches_nothing_else(
    project: Project, reference_baseline: set
) -> None:
    original = reference_text()
    damaged = without(without(original, "Classification"), "Aftermath")
    path = project.write("soviet-union-stalin.md", damaged)

    result = project.run("new", "--update", "soviet-union-stalin")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "added ## Classification, ## Aftermath to dossiers/soviet-union-stalin.md"
    )
    updated = path.read_bytes()

    # Compared with the original: only the two sections' bodies differ, now placeholders.
    expected = restored(original, "Classification", f"{MARKER} {guide('Classification')}")
    expected = restored(expected, "Aftermath", f"{MARKER} {guide('Aftermath')}")
    assert updated == expected.encode("utf-8")
    # Compared with the damaged file: lines were only inserted, none changed or deleted.
    before, after = damaged.splitlines(), updated.decode("utf-8").splitlines()
    operations = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    assert {op for op, *_ in operations} == {"equal", "insert"}
    inserted = [after[j1:j2] for op, _, _, j1, j2 in operations if op == "insert"]
    assert [line for block in inserted for line in block if line.strip() not in ("", "---")] == [
        "## Classification",
        f"{MARKER} {guide('Classification')}",
        "## Aftermath",
        f"{MARKER} {guide('Aftermath')}",
    ]
    assert [f["code"] for f in beyond(project.findings(), reference_baseline)] == [
        PLACEHOLDER_CODE
    ] * 2


def test_update_keeps_crlf_bom_and_a_missing_final_newline(project: Project) -> None:
    original = reference_text()
    confidence = original.index("\n---\n\n## Confidence Assessment\n")
    damaged = without(original, "Key Figures")
    damaged = damaged.replace(
        original[confidence : original.index("\n---\n*Created")], "", 1
    ).rstrip("\n")

    def as_stored(text: str) -> bytes:
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")

    path = project.write("soviet-union-stalin.md", as_stored(damaged))
    assert project.run("new", "--update", "soviet-union-stalin").exit_code == 0

    confidence_placeholder = (
        f"**Overall**: Medium\n\n**Notes**:\n- {MARKER} {guide('Confidence Assessment')}"
    )
    expected = restored(
        original, "Key Figures", f"- **Joseph Stalin** — {MARKER} {guide('Key Figures')}"
    )
    expected = restored(expected, "Confidence Assessment", confidence_placeholder)
    assert path.read_bytes() == as_stored(expected.rstrip("\n"))


def test_update_diff_shows_the_change_and_writes_nothing(project: Project) -> None:
    path = project.write("soviet-union-stalin.md", without(reference_text(), "Aftermath"))
    before = path.read_bytes()
    result = project.run("new", "--update", "soviet-union-stalin", "--diff")
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert result.stdout.startswith(
        "--- dossiers/soviet-union-stalin.md\n+++ dossiers/soviet-union-stalin.md\n@@ "
    )
    added = [line for line in result.stdout.splitlines() if line.startswith("+")][1:]
    assert len(added) == 5
    assert [line for line in added if line not in ("+", "+---")] == [
        "+## Aftermath",
        f"+{MARKER} {guide('Aftermath')}",
    ]
    assert not [line for line in result.stdout.splitlines()[2:] if line.startswith("-")]


def test_update_on_a_complete_dossier_changes_nothing(project: Project) -> None:
    path = project.write_reference()
    before = path.read_bytes()
    diff = project.run("new", "--update", "soviet-union-stalin", "--diff")
    assert (diff.exit_code, diff.stdout) == (0, "")
    result = project.run("new", "--update", "soviet-union-stalin")
    assert result.exit_code == 0
    assert "nothing to add" in result.stdout
    assert path.read_bytes() == before


def test_update_counts_a_misspelled_heading_as_present(project: Project) -> None:
    path = project.write(
        "soviet-union-stalin.md", replace_once(reference_text(), "## Fall / End\n", "## Fall/End\n")
    )
    before = path.read_bytes()
    assert project.run("new", "--update", "soviet-union-stalin").exit_code == 0
    assert path.read_bytes() == before


def test_update_of_a_bare_title_builds_every_section(project: Project) -> None:
    path = project.write("chile-pinochet.md", "# Chile Under Augusto Pinochet\n")
    assert project.run("new", "--update", "chile-pinochet").exit_code == 0
    text = path.read_text(encoding="utf-8")
    titles = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert titles == list(load_house_rules().section_titles)
    assert text.startswith("# Chile Under Augusto Pinochet\n\n## Overview\n| Field | Value |\n")


def test_update_of_an_empty_file_separates_the_sections(project: Project) -> None:
    path = project.write("chile-pinochet.md", "")
    assert project.run("new", "--update", "chile-pinochet").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("## Overview\n| Field | Value |\n")
    assert f"{MARKER} e.g. Military dictatorship |\n" in text
    assert "|\n\n## Key Figures\n- **Name** — " in text
    assert f"\n\n---\n\n## Pre-Conditions\n{MARKER} " in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("new", "--update", "nobody"),
            "dossiers/nobody.md: no such dossier; start it with 'dossierlint new nobody'",
        ),
        (
            ("new", "--update", "x", "--country", "Chile"),
            "--update only adds sections; it does not take --country",
        ),
        (
            ("new", "--update", "x", "--force", "--tag", "wwii", "--stdout", "--leader", "A (1-)"),
            "--update only adds sections; it does not take --leader, --tag, --stdout, --force",
        ),
        (("new", "x", "--diff"), "--diff goes with --update"),
    ],
)
def test_update_usage_errors(project: Project, args, message) -> None:
    project.write("x.md", reference_text())
    before = tree(project.root)
    result = project.run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"dossierlint: error: {message}\n"
    assert tree(project.root) == before


def test_update_refuses_a_file_that_is_not_utf8(project: Project) -> None:
    path = project.write("x.md", b"# Title\n\xff\n")
    result = project.run("new", "--update", "x")
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.stderr
    assert path.read_bytes() == b"# Title\n\xff\n"


# --- the house rules the scaffold reads -------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '{ title = "Aftermath", timeline = "after", rule_before = true, guide = "What followed, up to today." }',
            '{ title = "Aftermath", timeline = "after", rule_before = true }',
            "section 'Aftermath' needs guide = \"...\" (the placeholder `dossierlint new` writes)",
        ),
        (
            '{ title = "Aftermath", timeline = "after", rule_before = true,',
            '{ title = "Aftermath", timeline = "after", rule_before = "yes",',
            "section 'Aftermath': rule_before must be true or false",
        ),
    ],
)
def test_malformed_scaffold_settings_are_one_line_errors(
    project: Project, old, new, message
) -> None:
    rules = (REPO / "schema" / "house-rules.toml").read_text(encoding="utf-8")
    (project.root / "house.toml").write_text(replace_once(rules, old, new), encoding="utf-8")
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nhouse-rules = "house.toml"\n')
    result = project.run("new", *CHILE)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
