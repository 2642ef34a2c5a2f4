"""The check command end to end: output shapes, exit codes, config, suppression, bad input."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import Project, beyond, reference_text, replace_once

BROKEN = replace_once(reference_text(), "## Classification\n", "")


def test_text_format_and_summary(project: Project) -> None:
    project.write("soviet-union-stalin.md", BROKEN)
    result = project.run("check")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("dossiers/soviet-union-stalin.md:")
    _path, line, column, rest = first.split(":", 3)
    assert line.isdigit() and column.isdigit()
    assert rest.startswith(" DL103 [error] required section '## Classification' is missing")
    assert result.stdout.splitlines()[-1].startswith("Checked 1 file: 1 error")
    assert "\033[" not in result.stdout


def test_json_format_has_exactly_the_documented_shape(project: Project) -> None:
    project.write("b.md", BROKEN)
    project.write(
        "a.md", replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin\n", "")
    )
    result = project.run("check", "--format", "json")
    assert result.exit_code == 1
    items = result.json()
    assert items
    for item in items:
        assert set(item) == {"path", "line", "column", "code", "severity", "message"}
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert isinstance(item["column"], int) and item["column"] >= 1
        assert item["severity"] in ("error", "warning", "info")
    keys = [(item["path"], item["line"]) for item in items]
    assert keys == sorted(keys)
    assert {item["path"] for item in items} == {"dossiers/a.md", "dossiers/b.md"}


def test_clean_dossier_exits_zero(project: Project) -> None:
    project.write_reference()
    assert project.run("check").exit_code == 0


def test_strict_fails_on_warnings(project: Project) -> None:
    project.write(
        "soviet-union-stalin.md", reference_text().replace("closed session\n", "closed session  \n")
    )
    assert project.run("check").exit_code == 0
    assert project.run("check", "--strict").exit_code == 1


def test_select_and_ignore_on_the_command_line(project: Project) -> None:
    project.write("soviet-union-stalin.md", BROKEN)
    assert project.run("check", "--ignore", "DL103").exit_code == 0
    assert project.run("check", "--select", "DL1", "--ignore", "missing-section").exit_code == 0
    assert project.run("check", "--select", "DL101,DL103").exit_code == 1


def test_config_select_ignore_severity_and_per_file_ignores(project: Project) -> None:
    project.write("soviet-union-stalin.md", BROKEN)
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text('[tool.dossierlint]\ndossiers = "dossiers"\nignore = ["DL103"]\n')
    assert project.run("check").exit_code == 0
    pyproject.write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.severity]\nDL103 = "warning"\n'
    )
    result = project.run("check", "--format", "json")
    assert result.exit_code == 0 and result.json()[0]["severity"] == "warning"
    pyproject.write_text(
        '[tool.dossierlint]\ndossiers = "dossiers"\n[tool.dossierlint.per-file-ignores]\n"dossiers/soviet-*" = ["DL103"]\n'
    )
    assert project.run("check").exit_code == 0


def test_dossierlint_toml_is_found_from_a_subfolder(project: Project) -> None:
    (project.root / "pyproject.toml").unlink()
    (project.root / ".dossierlint.toml").write_text('dossiers = "dossiers"\nignore = ["DL103"]\n')
    project.write("soviet-union-stalin.md", BROKEN)
    sub = project.root / "notes"
    sub.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check"], cwd=sub, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.dossierlint]\ndossiers = "dossiers"\nselct = ["DL1"]\n', "unknown key 'selct'"),
        ('[tool.dossierlint]\nselect = ["DL999"]\n', "'DL999' matches no rule"),
        ('[tool.dossierlint]\n[tool.dossierlint.severity]\nDL103 = "fatal"\n', "severity of DL103"),
        ("[tool.dossierlint]\n[tool.dossierlint.options]\nno-such-option = 1\n", "unknown option"),
        ("[tool.dossierlint\n", "invalid TOML"),
    ],
)
def test_broken_config_is_one_line_and_exit_2(project: Project, config: str, message: str) -> None:
    project.write_reference()
    (project.root / "pyproject.toml").write_text(config)
    result = project.run("check")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("tool", ["tool = 1\n", "tool = [1]\n", "[tool.other]\nx = 1\n"])
def test_a_pyproject_without_a_dossierlint_table_is_not_the_config(
    project: Project, tool: str
) -> None:
    """A pyproject.toml whose `tool` holds no `dossierlint` table (or is no table at all)
    is passed over, as if absent: the defaults apply."""
    project.write_reference()
    expected = project.findings()
    (project.root / "pyproject.toml").write_text(tool)
    assert project.findings() == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("tool = 1\n", "unknown key 'tool'"),
        ("[tool]\ndossierlint = 5\n", "[tool.dossierlint] must be a table"),
    ],
)
def test_a_named_pyproject_of_another_shape_is_one_line_and_exit_2(
    project: Project, config: str, message: str
) -> None:
    """`--config pyproject.toml` whose `tool`, or whose `[tool.dossierlint]`, is no
    table: a one-line error, as for a file found by walking up."""
    project.write_reference()
    (project.root / "pyproject.toml").write_text(config)
    result = project.run("check", "--config", "pyproject.toml")
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_inline_suppression_next_line_and_block(
    project: Project, reference_baseline: set[tuple[str, str]]
) -> None:
    text = replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin\n", "")
    text = replace_once(text, "## Overview\n", "## Overview\n")
    suppressed = "<!-- dossierlint-disable-next-line DL101 -->\n" + text
    project.write("soviet-union-stalin.md", suppressed)
    codes = [f["code"] for f in project.findings()]
    assert "DL101" in codes  # the title finding is on line 1, the comment only covers line 2

    block = "<!-- dossierlint-disable DL101 -->\n" + text + "<!-- dossierlint-enable DL101 -->\n"
    project.write("soviet-union-stalin.md", block)
    assert beyond(project.findings(), reference_baseline) == []


def test_unused_suppression_is_a_warning(
    project: Project, reference_baseline: set[tuple[str, str]]
) -> None:
    text = replace_once(
        reference_text(),
        "## Overview\n",
        "<!-- dossierlint-disable-next-line DL112 -->\n## Overview\n",
    )
    project.write("soviet-union-stalin.md", text)
    found = beyond(project.findings(), reference_baseline)
    assert [(f["code"], f["line"], f["severity"]) for f in found] == [("DL001", 3, "warning")]


def test_suppression_silences_the_next_line(
    project: Project, reference_baseline: set[tuple[str, str]]
) -> None:
    text = replace_once(
        reference_text(),
        "## Scholarly Debate\n",
        "<!-- dossierlint-disable-next-line DL107 -->\n## Legacy\n- x\n\n## Scholarly Debate\n",
    )
    project.write("soviet-union-stalin.md", text)
    assert beyond(project.findings(), reference_baseline) == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "DL003"),
        (b"   \n\n\t\n", "DL003"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "DL002"),
        ("\ufeff# Title".encode("utf-16"), "DL002"),
    ],
)
def test_unlintable_files_give_one_finding(project: Project, content: bytes, code: str) -> None:
    project.write("x.md", content)
    result = project.run("check", "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in result.json()] == [code]


def test_invalid_utf8_is_a_finding_at_its_line_and_the_rest_is_checked(
    project: Project, reference_baseline: set[tuple[str, str]]
) -> None:
    data = reference_text().encode().replace(b"Soviet Union (USSR)", b"Soviet Union \xff(USSR)")
    data = data.replace(b"## Classification\n", b"")
    project.write("soviet-union-stalin.md", data)
    found = beyond(project.findings(), reference_baseline)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("DL002", 6, 37),
        ("DL103", 33, 1),
    ]


@pytest.mark.parametrize("args", [("check", "missing.md"), ("check", "dossiers/nothing-here")])
def test_missing_paths_exit_2_with_one_line(project: Project, args: tuple[str, ...]) -> None:
    result = project.run(*args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no such file or directory" in result.stderr


def test_folder_without_dossiers_exits_2(project: Project) -> None:
    result = project.run("check")
    assert result.exit_code == 2
    assert "no dossiers" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(project: Project) -> None:
    result = project.run("check", "--no-such-flag")
    assert result.exit_code == 2


def test_console_script_runs_as_a_real_process(project: Project) -> None:
    project.write_reference()
    result = subprocess.run(
        [sys.executable, "-m", "dossierlint", "check", "--format", "json"],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert all(f["severity"] != "error" for f in __import__("json").loads(result.stdout))


def test_rules_command_lists_and_explains(project: Project) -> None:
    listing = project.run("rules")
    assert listing.exit_code == 0 and "DL108" in listing.stdout
    explained = project.run("rules", "DL108")
    assert explained.exit_code == 0
    assert "## Key Figure" in explained.stdout and "Fails:" in explained.stdout
    assert project.run("rules", "DL999").exit_code == 2


def test_help_lists_every_command_with_its_short_help(project: Project) -> None:
    from dossierlint.cli import COMMANDS, cli

    listed = project.run("--help").stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    for line in listed:
        name, shown = line.split(None, 1)
        shown = shown.removesuffix("...")
        assert len(shown) > 20 and cli.get_command(None, name).help.startswith(shown), name


def _modules_loaded_by(project: Project, *args: str) -> list[str]:
    """The dossierlint command modules, and click if loaded, after running `args`."""
    probe = (
        f"import sys; from dossierlint.main import main; sys.argv = ['dossierlint', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('dossierlint.commands.') or m == 'click'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=project.root, capture_output=True, text=True
    )
    return ast.literal_eval(result.stdout.splitlines()[-1])


def test_a_command_loads_only_its_own_module(project: Project) -> None:
    """A command imports no other command's module (the group loads commands by name)."""
    project.write("soviet-union-stalin.md", reference_text())
    assert _modules_loaded_by(project, "check", "--diff", "dossiers") == [
        "click",
        "dossierlint.commands.check",
        "dossierlint.commands.check_args",
        "dossierlint.commands.check_run",
        "dossierlint.commands.options",
    ]


def test_a_common_check_command_line_runs_without_click(project: Project) -> None:
    """pre-commit's and CI's command lines are read by `check_args`: click is never imported."""
    project.write("soviet-union-stalin.md", reference_text())
    for args in (
        ("check", "--no-cache", "dossiers"),
        (
            "check",
            "--output-format=github",
            "--select",
            "DL1,DL2",
            "dossiers/soviet-union-stalin.md",
        ),
    ):
        assert _modules_loaded_by(project, *args) == [
            "dossierlint.commands.check_args",
            "dossierlint.commands.check_run",
        ], args


ENTRY_WITH_EXIT_HANDLER = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
    "from dossierlint.main import entry\n"
    "sys.argv = ['dossierlint', *sys.argv[1:]]\n"
    "entry()\n"
)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", "--no-cache", "--format", "json", "dossiers"), 1),
        (("check", "--no-cache", "--format", "json", "--select", "DL999", "dossiers"), 2),
        (("check", "--no-cache", "--format", "json", "--ignore", "DL", "dossiers"), 0),
    ],
)
def test_the_console_entry_ends_a_check_at_once_with_all_its_output(
    project: Project, args: tuple[str, ...], code: int
) -> None:
    """`entry` skips the interpreter's tear-down (`main.end_process`): the exit code,
    every byte of the output and the exit handlers are those of a normal exit."""
    for number in range(40):  # more output than a pipe holds before it is read
        project.write(f"copy-{number}.md", BROKEN)
    ended = subprocess.run(
        [sys.executable, "-c", ENTRY_WITH_EXIT_HANDLER, *args],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    expected = project.run(*args)
    assert ended.returncode == expected.exit_code == code
    assert ended.stdout == expected.stdout
    assert ended.stderr.endswith("exit handler ran\n")
    assert code != 1 or len(ended.stdout) > 65536
