"""`check`'s output choices and flags, through the real CLI: the full and concise text,
json-lines, junit, gitlab, rdjson, SARIF fingerprints, --statistics, --quiet,
--silent, --exit-zero, --output-file, --show-settings, --watch, colour variables,
and shell completion."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import Project, reference_text, replace_once

from dossierlint.report import RULES_DOC_URL

GULAG = (
    "- [Britannica - Gulag](https://www.britannica.com/place/Gulag) "
    "| type: encyclopedia | accessed: 2026-01-06"
)
# A bullet --fix rewrites (safe), a type with one close match (unsafe fix), a missing section.
SQUASHED = GULAG.replace("- [", "* [").replace(") | type", ")|type")
NEAR_MISS = GULAG.replace("type: encyclopedia", "type: encyclopaedia")
BROKEN = replace_once(
    replace_once(
        reference_text(), GULAG, f"{SQUASHED}\n{NEAR_MISS.replace('Gulag)', 'Gulag-camps)')}"
    ),
    "## Classification\n",
    "",
)
FORMAT_NAMES = ("text", "concise", "full", "json", "json-lines", "junit", "github", "gitlab")
FORMAT_NAMES += ("sarif", "rdjson")


@pytest.fixture
def broken(project: Project) -> Project:
    project.write("soviet-union-stalin.md", BROKEN)
    return project


def _line_of(text: str, fragment: str) -> int:
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return number


# -- text: concise and full ------------------------------------------------------


def test_concise_is_text_and_the_default_off_a_terminal(broken: Project) -> None:
    text = broken.run("check", "--format", "text")
    assert text.exit_code == 1
    assert text.stdout.splitlines()[0].startswith("dossiers/soviet-union-stalin.md:")
    assert broken.run("check", "--output-format", "concise").stdout == text.stdout
    assert broken.run("check").stdout == text.stdout  # CliRunner's stdout is no terminal


def test_full_shows_the_line_underlines_the_text_and_gives_help(broken: Project) -> None:
    result = broken.run("check", "--output-format", "full", "--select", "DL201,DL202")
    assert result.exit_code == 1
    blocks = result.stdout.split("\n\n")
    squashed_line, near_line = _line_of(BROKEN, SQUASHED), _line_of(BROKEN, "encyclopaedia")
    gutter = " " * len(str(squashed_line))
    assert blocks[0].splitlines() == [
        "DL201 [*] [error] bullet marker '*'; the house marker is '-' (and 2 more formatting "
        "problems); house form: '- [Title](URL) | type: TYPE | accessed: YYYY-MM-DD'",
        f" --> dossiers/soviet-union-stalin.md:{squashed_line}:1",
        f"{gutter} |",
        f"{squashed_line} | {SQUASHED}",
        f"{gutter} | {'^' * len(SQUASHED)}",
        f"{gutter} |",
        f"help: Replace with '{GULAG}' (--fix)",
    ]
    near = NEAR_MISS.replace("Gulag)", "Gulag-camps)")
    start = near.index("encyclopaedia")
    assert blocks[1].splitlines() == [
        "DL202 [error] unknown source type 'encyclopaedia'",  # unsafe: no [*]
        f" --> dossiers/soviet-union-stalin.md:{near_line}:{start + 1}",
        f"{gutter} |",
        f"{near_line} | {near}",
        f"{gutter} | {' ' * start}{'^' * len('encyclopaedia')}",
        f"{gutter} |",
        "help: Did you mean 'encyclopedia'? (--fix --unsafe-fixes)",
    ]
    assert blocks[2].startswith("Checked 1 file: 2 errors")


def test_full_escapes_what_it_quotes_from_the_file(project: Project) -> None:
    hostile = GULAG.replace("Britannica -", "Britannica \x07\u202e-").replace("https://", "")
    project.write("soviet-union-stalin.md", replace_once(reference_text(), GULAG, hostile))
    result = project.run("check", "--output-format", "full", "--select", "DL201,DL206")
    assert "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "- [Britannica \\x07\\u202e- Gulag](www." in result.stdout
    # The caret stands under the escaped text: the escapes' characters count.
    source, caret = [line for line in result.stdout.splitlines() if "|" in line][1:3]
    column = source.index("www.")
    assert caret.index("^") == column


def test_output_format_comes_from_the_environment_unless_given(
    broken: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIERLINT_OUTPUT_FORMAT", "json-lines")
    from_env = broken.run("check")
    assert [json.loads(line)["code"] for line in from_env.stdout.splitlines()] == [
        f["code"] for f in broken.findings()
    ]
    given = broken.run("check", "--format", "text")
    assert given.stdout.startswith("dossiers/soviet-union-stalin.md:")
    monkeypatch.setenv("DOSSIERLINT_OUTPUT_FORMAT", "yaml")
    bad = broken.run("check")
    assert bad.exit_code == 2 and "DOSSIERLINT_OUTPUT_FORMAT" in bad.stderr


# -- colour ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "args", "colored"),
    [
        ({}, (), False),
        ({"FORCE_COLOR": "1"}, (), True),
        ({"FORCE_COLOR": ""}, (), False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"NO_COLOR": ""}, ("--color", "always"), True),
        ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
    ],
)
def test_color_follows_the_flag_then_no_color_then_force_color(
    broken: Project,
    monkeypatch: pytest.MonkeyPatch,
    variables: dict[str, str],
    args: tuple[str, ...],
    colored: bool,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    result = broken.run("check", *args)
    assert ("\x1b[" in result.stdout) is colored


# -- flags -----------------------------------------------------------------------


def test_quiet_leaves_out_the_summary_and_silent_prints_nothing(broken: Project) -> None:
    full = broken.run("check", "--format", "text")
    quiet = broken.run("check", "--format", "text", "-q")
    silent = broken.run("check", "--silent")
    assert full.stdout.startswith(quiet.stdout)
    assert full.stdout[len(quiet.stdout) :].startswith("Checked 1 file")
    assert "Checked" not in quiet.stdout and quiet.exit_code == 1
    assert (silent.stdout, silent.exit_code) == ("", 1)


def test_exit_zero_passes_findings_but_not_failures(broken: Project) -> None:
    assert broken.run("check", "--exit-zero").exit_code == 0
    (broken.dossiers / "dangling.md").symlink_to(broken.root / "nowhere.md")
    failed = broken.run("check", "--exit-zero")
    assert failed.exit_code == 2
    assert "dangling.md: a dangling symbolic link" in failed.stderr


def test_output_file_holds_what_stdout_would_and_is_replaced_atomically(
    broken: Project,
) -> None:
    target = broken.root / "report.sarif"
    target.write_text("old")
    (broken.root / "old-report").hardlink_to(target)
    result = broken.run("check", "--format", "sarif", "-o", "report.sarif")
    assert (result.exit_code, result.stdout) == (1, "")
    stdout = broken.run("check", "--format", "sarif").stdout
    assert target.read_text(encoding="utf-8") == stdout
    # Replaced by a new file in one step, never rewritten in place:
    assert (broken.root / "old-report").read_text() == "old"


def test_output_file_that_cannot_be_written_is_one_line(broken: Project) -> None:
    result = broken.run("check", "-o", "pyproject.toml/report.txt")  # a file is no folder
    assert result.exit_code == 2
    assert result.stderr.startswith("dossierlint: error: pyproject.toml/report.txt: cannot write: ")
    assert result.stderr.count("\n") == 1


def test_statistics_count_each_rule_most_first(broken: Project) -> None:
    broken.write("other.md", "# Other\n\n## Comparisons\n- [[nowhere]]\n- [[nowhere-else]]\n")
    codes = [f["code"] for f in broken.findings()]
    result = broken.run("check", "--statistics")
    rows = [line.split("\t") for line in result.stdout.splitlines()[:-1]]
    expected = sorted(
        {code: codes.count(code) for code in codes}.items(), key=lambda c: (-c[1], c[0])
    )
    assert [(code.strip(), int(count)) for count, code, _ in rows] == expected
    marks = {code.strip(): name for _, code, name in rows}
    assert marks["DL201"] == "[*] malformed-source"
    assert marks["DL202"] == "[ ] unknown-source-type"  # its fix is unsafe
    assert result.stdout.splitlines()[-1].startswith("Checked 2 files")
    colored = broken.run("check", "--statistics", "--color", "always").stdout
    assert "\x1b[" in colored and re.sub(r"\x1b\[[0-9;]*m", "", colored) == result.stdout
    as_json = broken.run("check", "--statistics", "--format", "json", "-q").json()
    assert {item["code"]: item["count"] for item in as_json} == {
        code: codes.count(code) for code in codes
    }


def test_show_settings_names_each_value_and_its_source(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\nignore = ["DL415"]\n'
        "[tool.dossierlint.options]\nmin-sources = 4\n"
    )
    monkeypatch.setenv("DOSSIERLINT_OUTPUT_FORMAT", "json")
    result = project.run("check", "--show-settings", "--select", "DL2")
    assert result.exit_code == 0
    settings = {}
    for line in result.stdout.splitlines():
        setting, _, source = line.partition("  # ")
        name, _, value = setting.partition(" = ")
        settings[name] = (json.loads(value), source)
    config = str(project.root.resolve() / "pyproject.toml")
    assert settings["config-file"][0] == config
    assert settings["dossiers"] == (str(project.dossiers.resolve()), config)
    assert settings["select"] == (["DL2"], "command line")
    assert settings["ignore"] == (["DL415"], config)
    assert settings["options.min-sources"] == (4, config)
    assert settings["options.min-non-tertiary-sources"] == (2, "default")
    assert settings["output-format"] == ("json", "environment DOSSIERLINT_OUTPUT_FORMAT")
    assert settings["color"] == ("auto", "default")
    assert all(code.startswith("DL2") for code in settings["rules"][0])


def test_docs_url_setting_moves_rule_links(broken: Project) -> None:
    (broken.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\ndocs-url = "https://docs.example/rules"\n'
    )
    log = json.loads(broken.run("check", "--format", "sarif").stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["helpUri"] for rule in rules} == {
        f"https://docs.example/rules#{rule['id'].lower()}" for rule in rules
    }


# -- machine formats -------------------------------------------------------------


def test_json_lines_is_one_finding_a_line(broken: Project) -> None:
    result = broken.run("check", "--format", "json-lines")
    assert [json.loads(line) for line in result.stdout.splitlines()] == broken.findings()


def test_junit_is_one_suite_with_a_failing_case_per_finding(broken: Project) -> None:
    broken.write("bad\x1bname.md", reference_text())
    findings = broken.findings()
    result = broken.run("check", "--format", "junit")
    assert result.exit_code == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = ElementTree.fromstring(result.stdout.split("\n", 1)[1])
    [suite] = suites
    assert (suites.tag, suite.tag) == ("testsuites", "testsuite")
    cases = list(suite)
    assert suite.get("tests") == suites.get("tests") == str(len(findings))
    assert suite.get("failures") == str(len(findings))
    got = [(case.get("name"), case.find("failure").get("type")) for case in cases]
    shown = [f["path"].replace("\x1b", "\\x1b") for f in findings]
    assert got == [
        (f"{f['code']} {path}:{f['line']}:{f['column']}", f["severity"])
        for f, path in zip(findings, shown, strict=True)
    ]
    assert "\x1b" not in result.stdout


def test_junit_of_a_clean_run_has_one_passing_case(project: Project) -> None:
    project.write_reference()
    suites = ElementTree.fromstring(
        project.run("check", "--format", "junit", "--select", "DL1").stdout.split("\n", 1)[1]
    )
    [case] = suites.iter("testcase")
    assert case.find("failure") is None and suites.get("failures") == "0"


def _shifted(project: Project) -> None:
    """The same dossier with two lines added near the top: every finding moves down."""
    project.write("soviet-union-stalin.md", BROKEN.replace("\n\n", "\n\n\n\n", 1))


def test_gitlab_code_quality_report(broken: Project) -> None:
    findings = broken.findings()
    issues = json.loads(broken.run("check", "--format", "gitlab").stdout)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    assert [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"])
        for i in issues
    ] == [(f["code"], f["path"], f["line"], severity[f["severity"]]) for f in findings]
    assert all(
        i["description"].endswith(f["message"]) for i, f in zip(issues, findings, strict=True)
    )
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    _shifted(broken)
    moved = json.loads(broken.run("check", "--format", "gitlab").stdout)
    assert [i["location"]["lines"]["begin"] for i in moved] != [
        i["location"]["lines"]["begin"] for i in issues
    ]
    assert [issue["fingerprint"] for issue in moved] == fingerprints


def test_sarif_fingerprints_survive_moved_lines_and_rules_link_their_docs(
    broken: Project,
) -> None:
    def results() -> list[dict]:
        return json.loads(broken.run("check", "--format", "sarif").stdout)["runs"][0]["results"]

    before = results()
    prints = [r["partialFingerprints"]["dossierlint/v1"] for r in before]
    assert len(set(prints)) == len(prints)
    _shifted(broken)
    after = results()
    assert [r["partialFingerprints"]["dossierlint/v1"] for r in after] == prints
    assert [r["locations"] for r in after] != [r["locations"] for r in before]
    broken.write("soviet-union-stalin.md", BROKEN.replace("Gulag-camps)", "Gulag-camps/)"))
    edited = [r["partialFingerprints"]["dossierlint/v1"] for r in results()]
    assert len(set(edited) - set(prints)) >= 1  # an edited line is a new finding
    log = json.loads(broken.run("check", "--format", "sarif").stdout)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == f"{RULES_DOC_URL}#dl001"


def test_rdjson_diagnostics_with_byte_columns_and_suggestions(project: Project) -> None:
    wide = SQUASHED.replace("Britannica - Gulag", "Britannica – ГУЛАГ")
    project.write("soviet-union-stalin.md", replace_once(reference_text(), GULAG, wide))
    line = _line_of(reference_text(), GULAG)
    result = json.loads(project.run("check", "--format", "rdjson", "--select", "DL201").stdout)
    assert result["source"]["name"] == "dossierlint"
    [diagnostic] = result["diagnostics"]
    assert diagnostic["severity"] == "ERROR"
    assert diagnostic["code"] == {"value": "DL201", "url": f"{RULES_DOC_URL}#dl201"}
    [suggestion] = diagnostic["suggestions"]
    end = len(wide.encode("utf-8")) + 1  # UTF-8 bytes, not characters
    assert suggestion["range"] == {
        "start": {"line": line, "column": 1},
        "end": {"line": line, "column": end},
    }
    assert suggestion["text"] == GULAG.replace("Britannica - Gulag", "Britannica – ГУЛАГ")


@pytest.mark.parametrize("format_name", FORMAT_NAMES)
def test_every_format_keeps_control_characters_out_of_the_output(
    project: Project, format_name: str
) -> None:
    project.write("soviet-union-stalin.md", BROKEN)
    project.write("odd\x1b]0;title\x07\u202ename.md", BROKEN.replace("#soviet", "#soviet "))
    result = project.run("check", "--format", format_name)
    assert result.exit_code == 1
    assert not any(char in result.stdout for char in "\x1b\x07\u202e"), format_name


# -- watch -----------------------------------------------------------------------


def _lines_of(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def _until_summary(lines: queue.Queue) -> list[str]:
    """The lines of one run, up to its summary (the timeout guards against a hang)."""
    seen = []
    while True:
        line = lines.get(timeout=120)
        assert line is not None, f"the watch ended early: {seen}"
        seen.append(line)
        if line.startswith("Checked "):
            return seen


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_watch_checks_again_after_a_change_and_ends_cleanly_on_ctrl_c(project: Project) -> None:
    path = project.write_reference()
    child = subprocess.Popen(
        [sys.executable, "-m", "dossierlint", "check", "--watch", "--format", "concise"],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines_of, args=(child.stdout, lines), daemon=True).start()
    try:
        first = _until_summary(lines)
        assert not any("DL103" in line for line in first)
        path.write_text(BROKEN, encoding="utf-8")
        second = _until_summary(lines)
        assert any("DL103" in line for line in second)
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0
    assert "File change detected" in stderr and "Stopped watching." in stderr
    assert "Traceback" not in stderr


def test_watch_does_not_combine_with_fix(project: Project) -> None:
    project.write_reference()
    result = project.run("check", "--watch", "--fix")
    assert result.exit_code == 2 and "--watch" in result.stderr


# -- shell completion ------------------------------------------------------------


def _completion(**variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dossierlint"],
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        check=False,
    )


def test_shell_completion_script_and_answers(tmp_path: Path) -> None:
    script = _completion(_DOSSIERLINT_COMPLETE="bash_source")
    assert script.returncode == 0
    assert "complete -o nosort -F _dossierlint_completion dossierlint" in script.stdout
    answers = _completion(
        _DOSSIERLINT_COMPLETE="bash_complete",
        COMP_WORDS="dossierlint check --output-format j",
        COMP_CWORD="3",
    )
    assert answers.stdout.split() == ["plain,json", "plain,json-lines", "plain,junit"]
