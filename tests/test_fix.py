"""`check --fix` and `--diff`: planted defects come back byte-identical, and nothing else moves."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from conftest import REPO, Project, beyond, reference_text, replace_once
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossierlint.config import load_config
from dossierlint.edits import MAX_ROUNDS, applicable, apply_fixes, fix_bytes
from dossierlint.engine import build_ruleset
from dossierlint.errors import UsageError
from dossierlint.findings import Edit, Finding, Fix
from dossierlint.fix_files import fix_file, write_fix
from dossierlint.houserules import load_house_rules
from dossierlint.linter import Linter

NAME = "soviet-union-stalin.md"
TARGET = f"dossiers/{NAME}"
BOM = b"\xef\xbb\xbf"


def plant_defects(text: str) -> str:
    """The reference with one defect of every fixable rule on main, some on one line."""
    text = replace_once(text, "## Key Figures\n", "## Key Figure\n")  # DL108
    text = replace_once(text, "*Created: 2026-01-06*\n", "*Created: 2026-01-06\n")  # DL121
    text = replace_once(text, "## Overview\n", "## Overview  \t\n")  # DL190
    text = replace_once(text, "**Overall**: High\n", "**Overall**: High \n")  # DL190
    # DL121 and DL190 on the same line: their edits clash, so this takes two rounds.
    return replace_once(text, "*Last updated: 2026-01-06*\n", "*Last updated: 2026-01-06 \n")


def plant_issue_defects(text: str) -> str:
    """The fixable defects the fix issue names, from every rule family."""
    text = replace_once(text, "| **Duration** | 29 years |", "| **Duration** | 25 years |")  # DL405
    text = replace_once(
        text,
        "(https://www.britannica.com/event/Great-Purge) | type: encyclopedia |",
        "(https://www.britannica.com/event/Great-Purge) | type: Encyclopedia |",
    )  # DL203
    text = replace_once(text, "**Overall**: High\n", "**Overall**: high\n")  # DL303
    text = replace_once(
        text,
        "(https://en.wikipedia.org/wiki/Holodomor) | type: encyclopedia | accessed: 2026-01-06",
        "(https://en.wikipedia.org/wiki/Holodomor)|type:encyclopedia|accessed:2026-01-06",
    )  # DL201, squashed separators
    text = replace_once(text, "*Tags:* #regime #interwar-wwii", "*Tags:* #interwar-wwii")  # DL520
    return replace_once(text, "## Aftermath\n", "## Afermath\n")  # DL108


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_the_issue_defects_come_back_byte_identical(project: Project, ending: str) -> None:
    path = project.write(NAME, with_endings(plant_issue_defects(reference_text()), ending))
    planted = {f["code"] for f in project.findings(TARGET)}
    assert {"DL405", "DL203", "DL303", "DL201", "DL520", "DL108"} <= planted
    result = project.run("check", "--fix", TARGET)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert path.read_bytes() == with_endings(reference_text(), ending).encode()


def with_endings(text: str, ending: str) -> str:
    return text.replace("\n", ending)


def remaining(project: Project) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in project.findings(TARGET)]


@pytest.fixture
def clean_findings(project: Project) -> list[tuple[str, int]]:
    """What the untouched reference reports (nothing today; whatever later rules say)."""
    project.write(NAME, reference_text())
    return remaining(project)


@pytest.mark.parametrize(
    ("ending", "bom", "final_newline"),
    [
        ("\n", False, True),
        ("\r\n", False, True),
        ("\n", True, True),
        ("\n", False, False),
        ("\r\n", True, False),
        ("\r", False, True),
    ],
    ids=["lf", "crlf", "bom", "no-final-newline", "crlf-bom-no-final-newline", "cr"],
)
def test_planted_defects_come_back_byte_identical(
    project: Project,
    clean_findings: list[tuple[str, int]],
    ending: str,
    bom: bool,
    final_newline: bool,
) -> None:
    def encoded(text: str) -> bytes:
        if not final_newline:
            text = text.rstrip("\n")
        return (BOM if bom else b"") + with_endings(text, ending).encode("utf-8")

    expected = encoded(reference_text())
    path = project.write(NAME, encoded(plant_defects(reference_text())))
    before = {(f["code"], f["line"]) for f in project.findings(TARGET)}
    assert {code for code, _ in before} - {code for code, _ in clean_findings} == {
        "DL108",
        "DL121",
        "DL190",
    }

    result = project.run("check", "--fix", TARGET)

    assert path.read_bytes() == expected
    assert result.exit_code == project.run("check", TARGET).exit_code, result.stderr
    # Six findings, five fixes: rewriting the footer line also drops its trailing space.
    assert f"Fixed 5 findings ({len(clean_findings)} remaining)" in result.stderr
    assert remaining(project) == clean_findings


def test_mixed_line_endings_are_each_kept(project: Project) -> None:
    endings = ["\n", "\r\n", "\r"]

    def mixed(text: str) -> bytes:
        lines = text.split("\n")[:-1]
        return "".join(line + endings[n % 3] for n, line in enumerate(lines)).encode()

    path = project.write(NAME, mixed(plant_defects(reference_text())))
    project.run("check", "--fix", TARGET)
    assert path.read_bytes() == mixed(reference_text())


def test_remaining_findings_are_reported_and_set_the_exit_code(
    project: Project, reference_baseline: set
) -> None:
    text = replace_once(plant_defects(reference_text()), "## Classification\n", "")
    path = project.write(NAME, text)
    result = project.run("check", "--fix", TARGET)
    assert result.exit_code == 1
    assert "DL103 [error] required section '## Classification' is missing" in result.stdout
    assert "DL190" not in result.stdout and "DL121" not in result.stdout
    assert f"Fixed 5 findings ({1 + len(reference_baseline)} remaining)" in result.stderr
    assert path.read_bytes() == replace_once(reference_text(), "## Classification\n", "").encode()


def test_fix_with_json_keeps_stdout_json(project: Project, reference_baseline: set) -> None:
    project.write(NAME, plant_defects(reference_text()))
    result = project.run("check", "--fix", "--format", "json", TARGET)
    assert beyond(result.json(), reference_baseline) == []
    assert f"Fixed 5 findings ({len(reference_baseline)} remaining)" in result.stderr


def test_only_selected_rules_fix(project: Project) -> None:
    path = project.write(NAME, plant_defects(reference_text()))
    project.run("check", "--fix", "--select", "DL190", TARGET)
    expected = plant_defects(reference_text())
    expected = expected.replace("## Overview  \t\n", "## Overview\n")
    expected = expected.replace("High \n", "High\n").replace("06 \n", "06\n")
    assert path.read_text() == expected


def test_diff_shows_the_change_and_writes_nothing(
    project: Project, reference_baseline: set
) -> None:
    planted = plant_defects(reference_text()).encode()
    path = project.write(NAME, planted)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = project.run("check", "--diff", TARGET)
    assert result.exit_code == 1
    assert path.read_bytes() == planted
    assert path.stat().st_mtime_ns == 1_000_000_000
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"--- {TARGET}", f"+++ {TARGET}"]
    assert "-## Key Figure" in lines and "+## Key Figures" in lines
    assert "-*Last updated: 2026-01-06 " in lines and "+*Last updated: 2026-01-06*" in lines
    remain = len(reference_baseline)
    assert f"Would fix 5 findings in 1 file ({remain} would remain)" in result.stderr


def test_diff_marks_a_missing_final_newline(project: Project) -> None:
    text = reference_text().rstrip("\n") + " "
    project.write(NAME, text)
    result = project.run("check", "--diff", TARGET)
    assert result.stdout.endswith(
        "-*Tags:* #regime #interwar-wwii #europe #communist #soviet \n"
        "\\ No newline at end of file\n"
        "+*Tags:* #regime #interwar-wwii #europe #communist #soviet\n"
        "\\ No newline at end of file\n"
    )


def test_diff_of_a_clean_file_is_empty_and_exits_0(project: Project) -> None:
    project.write(NAME, reference_text())
    result = project.run("check", "--diff", TARGET)
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    "text", [reference_text(), replace_once(reference_text(), "## Sources\n", "")]
)
def test_a_file_with_nothing_to_fix_is_not_written(project: Project, text: str) -> None:
    path = project.write(NAME, text)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    project.run("check", "--fix", TARGET)
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.stat().st_ino == inode


def test_fixing_keeps_permissions_and_links(project: Project) -> None:
    real = project.root / "elsewhere" / NAME
    real.parent.mkdir()
    real.write_text(plant_defects(reference_text()))
    real.chmod(0o640)
    link = project.dossiers / NAME
    link.symlink_to(real)
    assert project.run("check", "--fix", TARGET).exit_code == 0
    assert link.is_symlink()
    assert real.read_text() == reference_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_read_only_file_is_reported_and_others_are_fixed(
    project: Project, reference_baseline: set
) -> None:
    planted = plant_defects(reference_text())
    locked = project.write("a-locked.md", planted)
    other = project.write("b-other.md", planted)
    locked.chmod(0o444)
    result = project.run("check", "--fix")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "dossierlint: error: dossiers/a-locked.md: file is read-only; not written"
    )
    assert "Traceback" not in result.stderr
    assert locked.read_text() == planted
    assert other.read_text() == reference_text()
    # The unwritten file's findings are still reported; the fixed one's are gone.
    assert "dossiers/a-locked.md:13:1: DL108" in result.stdout
    others = [line for line in result.stdout.splitlines() if line.startswith("dossiers/b-other")]
    fixable = [line for line in others if any(code in line for code in ("DL108", "DL121", "DL190"))]
    assert others and not fixable
    assert "Fixed 5 findings (" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_file_in_a_read_only_folder_is_reported(project: Project) -> None:
    path = project.write(NAME, plant_defects(reference_text()))
    project.dossiers.chmod(0o555)
    try:
        result = project.run("check", "--fix", TARGET)
    finally:
        project.dossiers.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"dossierlint: error: {TARGET}: cannot write:")
    assert path.read_text() == plant_defects(reference_text())


def linter_for(project: Project) -> Linter:
    config = load_config(config_file=project.root / "pyproject.toml")
    return Linter(config, build_ruleset(config), load_house_rules(config.house_rules))


def test_a_file_changed_on_disk_while_fixing_is_not_written(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    path = project.write(NAME, plant_defects(reference_text()))
    fix = fix_file(linter_for(project), Path(TARGET), None, unsafe=False)
    assert fix.changed
    edited = plant_defects(reference_text()) + "An editor saved this meanwhile.\n"
    path.write_text(edited)
    with pytest.raises(UsageError, match=rf"^{TARGET}: changed on disk while fixing; not written$"):
        write_fix(fix)
    assert path.read_text() == edited


def test_a_file_removed_while_fixing_is_not_written(project: Project) -> None:
    path = project.write(NAME, plant_defects(reference_text()))
    fix = fix_file(linter_for(project), path, None, unsafe=False)
    path.unlink()
    with pytest.raises(UsageError, match="changed on disk while fixing; not written"):
        write_fix(fix)
    assert not path.exists()


def test_invalid_utf8_is_not_fixed(project: Project) -> None:
    data = plant_defects(reference_text()).encode().replace(b"Stalin", b"St\xe4lin", 1)
    path = project.write(NAME, data)
    result = project.run("check", "--fix", TARGET)
    assert path.read_bytes() == data
    assert "DL002" in result.stdout and "Fixed 0 findings" in result.stderr


def test_unsafe_fixes_needs_fix_or_diff(project: Project) -> None:
    project.write(NAME, reference_text())
    result = project.run("check", "--unsafe-fixes", TARGET)
    assert result.exit_code == 2
    assert "--unsafe-fixes" in result.stderr


def test_rules_shows_each_rules_fix_safety(project: Project) -> None:
    rows = {line.split()[0]: line for line in project.run("rules").stdout.splitlines()[1:]}
    for code in ("DL108", "DL121", "DL190"):
        assert re.search(r"\s(?:error|warning|info)\s+safe\s", rows[code]), rows[code]
    for code in ("DL202", "DL501"):
        assert re.search(r"\s(?:error|warning|info)\s+unsafe\s", rows[code]), rows[code]
    assert not re.search(r"\s(?:safe|unsafe)\s", rows["DL103"])


def test_pre_commit_manifest_has_both_hooks() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert hooks["dossierlint"]["entry"] == "dossierlint check"
    assert hooks["dossierlint-fix"]["entry"] == "dossierlint check --fix"
    assert hooks["dossierlint-collection"]["always_run"] is True
    for hook in hooks.values():
        assert hook["language"] == "python"
        if not hook["pass_filenames"]:
            continue  # the collection hook lints the dossiers folder, not the files given
        assert re.search(hook["files"], "dossiers/x.md")
        assert not re.search(hook["files"], "dossiers/x.txt")


# --- apply_fixes: the splicing itself, on findings built by hand ---


def finding(line: int, *edits: Edit, safe: bool = True, column: int = 1) -> Finding:
    return Finding("x.md", line, column, "DL999", "error", "test", Fix(edits, safe))


def test_edits_keep_every_other_character() -> None:
    text = "one  \r\ntwo\rthree\n"
    applied = apply_fixes(text, [finding(1, Edit(1, 3, 5, "")), finding(3, Edit(3, 0, 5, "3"))])
    assert applied.text == "one\r\ntwo\r3\n"
    assert len(applied.fixed) == 2


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        ("one\r  \ntwo\n", Edit(2, 0, 2, "")),  # emptying the line between CR and LF
        ("one\rab\ntwo\n", Edit(2, 0, 2, "\n")),  # a replacement that starts a line
    ],
)
def test_a_fix_that_would_join_cr_and_lf_is_not_applied(text: str, edit: Edit) -> None:
    """CR then LF reads as one line break: such a fix would merge two lines."""
    assert apply_fixes(text, [finding(2, edit)]).text == text


def test_emptying_a_line_after_crlf_is_applied() -> None:
    assert apply_fixes("one\r\n  \ntwo\n", [finding(2, Edit(2, 0, 2, ""))]).text == (
        "one\r\n\ntwo\n"
    )


def test_overlapping_fixes_apply_the_first_only() -> None:
    first = finding(1, Edit(1, 0, 4, "ABCD"))
    second = finding(1, Edit(1, 2, 6, "xyzw"), column=3)
    applied = apply_fixes("abcdefgh\n", [second, first])
    assert applied.text == "ABCDefgh\n"
    assert applied.fixed == [first]


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [
        ((0, 2), (2, 4), True),  # adjacent ranges
        ((0, 2), (2, 2), True),  # an insertion right after a range
        ((2, 2), (2, 2), False),  # two insertions at one point: no defined order
        ((2, 2), (2, 4), False),  # an insertion at the start of a range
        ((1, 3), (2, 2), False),  # an insertion inside a range
        ((0, 4), (1, 2), False),  # one range inside another
    ],
)
def test_which_edits_clash(a: tuple[int, int], b: tuple[int, int], both: bool) -> None:
    first = finding(1, Edit(1, *a, "X"))
    second = finding(1, Edit(1, *b, "Y"), column=2)
    assert len(apply_fixes("abcd\n", [first, second]).fixed) == (2 if both else 1)


def test_a_fix_applies_whole_or_not_at_all() -> None:
    blocker = finding(2, Edit(2, 0, 1, "B"))
    pair = finding(3, Edit(1, 0, 1, "A"), Edit(2, 0, 3, "BBB"))
    applied = apply_fixes("aaa\nbbb\n", [blocker, pair])
    assert applied.text == "aaa\nBbb\n"
    assert applied.fixed == [blocker]


def test_a_fix_whose_own_edits_clash_is_not_applied() -> None:
    applied = apply_fixes("abc\n", [finding(1, Edit(1, 0, 2, "X"), Edit(1, 1, 3, "Y"))])
    assert (applied.text, applied.fixed) == ("abc\n", [])


@pytest.mark.parametrize("edit", [Edit(2, 0, 0, "x"), Edit(1, 2, 5, "x"), Edit(0, 0, 0, "x")])
def test_an_edit_outside_the_text_is_ignored(edit: Edit) -> None:
    assert apply_fixes("abc", [finding(1, edit)]).fixed == []


def test_unsafe_fixes_only_when_asked() -> None:
    guess = finding(1, Edit(1, 0, 3, "ABC"), safe=False)
    assert apply_fixes("abc\n", [guess]).text == "abc\n"
    assert not applicable(guess, unsafe=False)
    assert apply_fixes("abc\n", [guess], unsafe=True).text == "ABC\n"


def test_new_lines_take_the_line_s_own_ending() -> None:
    text = "a\r\nb\nc"
    fixes = [
        finding(1, Edit(1, 1, 1, "\nA")),
        finding(2, Edit(2, 1, 1, "\nB")),
        finding(3, Edit(3, 1, 1, "\nC")),  # the last line has none: the file's first
    ]
    assert apply_fixes(text, fixes).text == "a\r\nA\r\nb\nB\nc\r\nC"


def test_after_a_final_line_break_is_addressable() -> None:
    assert apply_fixes("a\r\n", [finding(2, Edit(2, 0, 0, "b\n"))]).text == "a\r\nb\r\n"
    assert apply_fixes("", [finding(1, Edit(1, 0, 0, "b\n"))]).text == "b\n"


def test_fixes_that_never_settle_stop_after_max_rounds() -> None:
    def flip(data: bytes) -> list[Finding]:
        """A misbehaving rule: always wants the one character flipped."""
        return [finding(1, Edit(1, 0, 1, "b" if data.startswith(b"a") else "a"))]

    result = fix_bytes(b"a\n", flip)
    assert result.fixed == MAX_ROUNDS
    assert not result.settled
    assert result.data == b"a\n"


def test_a_clashing_fix_is_applied_in_the_next_round() -> None:
    def capitals(data: bytes) -> list[Finding]:
        """A rule whose fix for each 'a' also rewrites (unchanged) the character after it."""
        text = data.decode()
        return [
            finding(1, Edit(1, i, i + 2, "A" + text[i + 1]), column=i + 1)
            for i, char in enumerate(text.rstrip("\n"))
            if char == "a"
        ]

    result = fix_bytes(b"aab\n", capitals)
    assert (result.data, result.fixed, result.remaining, result.settled) == (
        b"AAb\n",
        2,
        [],
        True,
    )


def test_unsafe_fixes_apply_over_rounds_only_when_asked() -> None:
    def guess(data: bytes) -> list[Finding]:
        return [finding(1, Edit(1, 0, 3, "abc"), safe=False)] if data == b"abd" else []

    assert fix_bytes(b"abd", guess).data == b"abd"
    assert fix_bytes(b"abd", guess, unsafe=True).data == b"abc"


def test_summary_counts_safe_and_unsafe_fixes() -> None:
    from dossierlint.findings import Report
    from dossierlint.report.text import summary

    safe, unsafe = finding(1, Edit(1, 0, 0, "x")), finding(2, Edit(2, 0, 0, "x"), safe=False)
    assert summary(Report(1, [safe, safe])).endswith("(2 fixable with --fix)")
    assert summary(Report(1, [safe, unsafe])).endswith(
        "(1 fixable with --fix, 1 more with --unsafe-fixes)"
    )
    assert summary(Report(1, [unsafe])).endswith("(1 fixable with --fix --unsafe-fixes)")


def test_no_op_fixes_end_the_rounds() -> None:
    result = fix_bytes(b"abc\n", lambda data: [finding(1, Edit(1, 0, 3, "abc"))])
    assert (result.data, result.fixed, result.settled) == (b"abc\n", 0, True)


# --- property tests: mutated reference dossiers ---

HEADING = re.compile(r"^## .")
FOOTER_BREAKS = [
    ("*Created: ", "*Created:  "),
    ("06*", "06"),
    ("*Tags:*", "*Tags:"),
    ("*Tags:*", "_Tags:_"),
    ("*Last updated:", "*Last updated :"),
]
REFERENCE_LINES = reference_text().split("\n")[:-1]


def _misspell(title: str, position: int, how: int) -> str:
    k = 3 + position % max(len(title) - 3, 1)
    if how == 0:
        return title[:k] + title[k + 1 :]
    if how == 1:
        return title[:k] + title[k : k + 1] * 2 + title[k + 1 :]
    if how == 2:
        return title[:k] + title[k + 1 : k + 2] + title[k : k + 1] + title[k + 2 :]
    return title.lower()


def _mutate(lines: list[tuple[str, str]], op: tuple[str, int, int]) -> None:
    kind, where, arg = op
    if not lines:
        return
    index = where % len(lines)
    text, ending = lines[index]
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "swap" and index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    elif kind == "trailing":
        lines[index] = (text + [" ", "  ", "\t", " \t "][arg % 4], ending)
    elif kind == "ending":
        lines[index] = (text, ["\n", "\r\n", "\r"][arg % 3])
    elif kind == "heading":
        headings = [n for n, (line, _) in enumerate(lines) if HEADING.match(line)]
        if headings:
            n = headings[where % len(headings)]
            lines[n] = (_misspell(lines[n][0], arg, arg % 4), lines[n][1])
    elif kind == "footer":
        old, new = FOOTER_BREAKS[arg % len(FOOTER_BREAKS)]
        spots = [
            n for n, (line, _) in enumerate(lines) if old in line and line.startswith(("*", "_"))
        ]
        if spots:
            n = spots[where % len(spots)]
            lines[n] = (lines[n][0].replace(old, new, 1), lines[n][1])


OPERATIONS = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "trailing", "ending", "heading", "footer"]),
    st.integers(0, 10_000),
    st.integers(0, 100),
)


@st.composite
def dossiers(draw: st.DrawFn) -> bytes:
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [(text, ending) for text in REFERENCE_LINES]
    for op in draw(st.lists(OPERATIONS, max_size=12)):
        _mutate(lines, op)
    data = "".join(text + ending for text, ending in lines)
    if draw(st.booleans()):
        data = data.rstrip("\r\n")
    return (BOM if draw(st.booleans()) else b"") + data.encode("utf-8")


def split_with_endings(data: bytes) -> list[tuple[bytes, bytes]]:
    return re.findall(rb"([^\r\n]*)(\r\n|\r|\n|\Z)", data)[:-1] if data else []


@pytest.fixture(scope="module")
def lint(tmp_path_factory: pytest.TempPathFactory):
    project = Project(tmp_path_factory.mktemp("property"))
    linter = linter_for(project)
    path = project.dossiers / NAME
    collection = linter.collection([path])
    return lambda data: linter.lint_data(path, data, collection)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=dossiers())
def test_fixing_is_idempotent_and_touches_only_reported_lines(lint, data: bytes) -> None:
    once = fix_bytes(data, lint)
    assert once.settled
    assert fix_bytes(once.data, lint).data == once.data

    assert once.data.startswith(BOM) == data.startswith(BOM)
    reported = {f.line for f in lint(data) if applicable(f, unsafe=False)}
    before, after = split_with_endings(data), split_with_endings(once.data)
    assert len(before) == len(after)
    for number, ((old, old_end), (new, new_end)) in enumerate(zip(before, after, strict=True), 1):
        assert old_end == new_end, f"line {number}'s ending changed"
        if old != new:
            assert number in reported, f"line {number} changed but was not reported"
