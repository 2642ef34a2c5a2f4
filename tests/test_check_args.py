"""`check_args` reads the common `check` command lines as click does, and leaves the rest to click."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import Project, reference_text

from dossierlint.cli import cli
from dossierlint.commands.check import check
from dossierlint.commands.check_args import (
    FLAGS,
    FORMAT_VARIABLE,
    REPEATABLE,
    VALUES,
    read_check_args,
)
from dossierlint.commands.check_run import CheckRequest


def read_by_click(args: list[str]) -> CheckRequest:
    params = check.make_context("check", list(args)).params
    params.pop("show_settings")
    return CheckRequest(**params)


def click_option(name: str) -> click.Option:
    return next(
        p for p in check.params if isinstance(p, click.Option) and name in p.opts + p.secondary_opts
    )


@pytest.mark.parametrize("name", sorted(FLAGS))
def test_each_flag_is_a_flag_of_the_click_command_with_the_same_field(name: str) -> None:
    option = click_option(name)
    assert option.is_flag and option.name == FLAGS[name]


@pytest.mark.parametrize("name", sorted(VALUES))
def test_each_valued_option_is_one_of_the_click_command_with_the_same_field(name: str) -> None:
    option = click_option(name)
    assert not option.is_flag and option.name == VALUES[name]
    assert option.multiple == (VALUES[name] in REPEATABLE)


READ_ALIKE = [
    [],
    ["dossiers"],
    ["--no-cache", "dossiers/a.md", "dossiers/b.md"],
    ["--output-format", "github", "--select", "DL1,DL2", "--select=DL3", "--ignore", "DL501"],
    ["--format=json", "--format", "sarif", "-q", "--strict", "--exit-zero", "a.md"],
    ["-s", "--statistics", "--color", "never", "--jobs", "3", "--config", "x.toml", "b.md"],
    ["--color=always", "--jobs=1", "--select", "", "c.md"],
    ["--stdin-filename", "dossiers/a.md", "-"],
    ["-", "--exit-zero", "-q"],
]


@pytest.mark.parametrize("args", READ_ALIKE, ids=" ".join)
def test_read_as_click_reads_it(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FORMAT_VARIABLE, raising=False)
    assert read_check_args(["check", *args], {}) == read_by_click(args)


def test_the_format_variable_is_read_as_click_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FORMAT_VARIABLE, "json-lines")
    for args in ([], ["--format", "github"]):
        assert read_check_args(["check", *args], {FORMAT_VARIABLE: "json-lines"}) == read_by_click(
            args
        )


LEFT_TO_CLICK = [
    ["--fix"],
    ["--diff", "a.md"],
    ["--help"],
    ["-h"],
    ["--show-settings"],
    ["--", "a.md"],
    ["-qs"],
    ["--select"],
    ["--jobs", "0"],
    ["--jobs", "-1"],
    ["--jobs", "many"],
    ["--color", "purple"],
    ["--format", "yaml"],
    ["--config", "."],
    ["--formats", "json"],
    ["-o", "out.txt"],
]


@pytest.mark.parametrize("args", LEFT_TO_CLICK, ids=" ".join)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert read_check_args(["check", *args], {}) is None


def test_a_bad_format_variable_is_left_to_click() -> None:
    assert read_check_args(["check"], {FORMAT_VARIABLE: "yaml"}) is None


def test_other_commands_are_left_to_click() -> None:
    for args in ([], ["new", "x"], ["--version"], ["rules"], ["--no-cache", "check"]):
        assert read_check_args(args, {}) is None


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache", "dossiers"],
        ["check", "--output-format", "json", "--select", "DL5", "dossiers"],
        ["check", "--config", "missing.toml", "dossiers"],
        ["check", "--select", " ,", "dossiers"],
        ["check", "--no-cache", "dossiers/absent.md"],
    ],
    ids=" ".join,
)
def test_the_program_answers_as_the_click_command_does(project: Project, args: list[str]) -> None:
    """The same output and exit code from the installed entry point (which reads
    these command lines without click) as from the click group."""
    project.write("soviet-union-stalin.md", reference_text())
    by_click = project.run(*args)
    program = subprocess.run(
        [sys.executable, "-m", "dossierlint", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
    )
    assert (program.returncode, program.stdout, program.stderr) == (
        by_click.exit_code,
        by_click.stdout,
        by_click.stderr,
    )
    assert program.stdout or program.stderr
    assert program.stdout or program.stderr


@pytest.mark.parametrize("extra", [[], ["--exit-zero"], ["-q"], ["-s"], ["--diff"]], ids=" ".join)
def test_an_editor_command_line_answers_as_the_click_command_does(
    project: Project, extra: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --stdin-filename PATH -`, what editors run on every save."""
    monkeypatch.chdir(project.root)
    text = reference_text().replace("| **Duration** | 29 years |", "| **Duration** | 30 years |")
    args = ["check", "--stdin-filename", "dossiers/soviet-union-stalin.md", *extra, "-"]
    by_click = CliRunner().invoke(cli, args, input=text, prog_name="dossierlint")
    program = subprocess.run(
        [sys.executable, "-m", "dossierlint", *args],
        cwd=project.root,
        input=text,
        capture_output=True,
        text=True,
    )
    assert (program.returncode, program.stdout, program.stderr) == (
        by_click.exit_code,
        by_click.stdout,
        by_click.stderr,
    )
    assert "29 years" in program.stdout + program.stderr or extra == ["-s"]
