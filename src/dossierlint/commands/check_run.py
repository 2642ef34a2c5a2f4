"""What `dossierlint check` does once its command line is read.

The command line is read by click (`commands.check`) or, for the common
command lines of pre-commit, CI and editors, by `commands.check_args` without
importing click at all; both hand a `CheckRequest` to `run_check`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dossierlint.commands import (
    EXIT_CLEAN,
    EXIT_FAILURE,
    EXIT_FINDINGS,
    findings_exit_code,
    load_settings,
    plural,
    say,
    use_color,
)
from dossierlint.errors import UsageError, printable
from dossierlint.records import Record

if TYPE_CHECKING:
    from dossierlint.cache import SettingsCopy
    from dossierlint.config import Config
    from dossierlint.findings import Report
    from dossierlint.houserules import HouseRules
    from dossierlint.linter import Linter

ShowSettings = Callable[["Config", "HouseRules", str, "list[str] | None", "list[str] | None"], None]
"""Prints the resolved settings (--show-settings): needs click's record of where each came from."""


class CheckRequest(Record):
    """A `check` command line, read."""

    paths: tuple[Path, ...] = ()
    format_name: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    exit_zero: bool = False
    color: str = "auto"
    quiet: bool = False
    silent: bool = False
    output_file: Path | None = None
    statistics: bool = False
    watch: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    no_cache: bool = False
    jobs: int | None = None
    stdin_filename: Path | None = None
    config_file: Path | None = None
    show_settings: ShowSettings | None = None


def _settings_copies() -> Callable[[Path], SettingsCopy]:
    """The cache's copies of the settings table (`config.find_config_file`)."""
    from dossierlint.cache import SettingsCopy

    return SettingsCopy


def run_check(request: CheckRequest) -> int:
    """Lint (or fix, or diff) as asked; the exit code."""
    _refuse_conflicts(request)
    if request.stdin_filename is not None:
        return _check_stdin(request)
    if Path("-") in request.paths:
        raise UsageError(
            "-: to lint standard input, name the file it stands for: --stdin-filename PATH"
        )
    use_cache = not (request.no_cache or request.fix or request.diff)
    copies = _settings_copies() if use_cache else None
    config, house_rules = load_settings(request.config_file, copies=copies)
    format_name = request.format_name or _default_format(request.output_file)
    selected = _split_codes(request.select, "--select")
    ignored = _split_codes(request.ignore, "--ignore")
    if request.show_settings is not None:
        request.show_settings(config, house_rules, format_name, selected, ignored)
        return EXIT_CLEAN

    def build(config: Config, house_rules: HouseRules) -> Linter:
        from dossierlint.engine import build_ruleset
        from dossierlint.linter import Linter

        ruleset = build_ruleset(config, selected, ignored)
        return Linter(config, ruleset, house_rules, use_cache=use_cache, jobs=request.jobs)

    linter = build(config, house_rules)
    paths = list(request.paths)
    if not (request.fix or request.diff):
        from dossierlint.progress import on_terminal

        linter.progress = on_terminal
    if request.diff:
        return _diff(linter, paths, request.unsafe_fixes)
    show = _Show(format_name, config, request)
    if request.watch:
        from dossierlint.watch import watch_and_check

        def settings() -> tuple[Config, HouseRules]:
            return load_settings(request.config_file, copies=copies)

        watch_and_check(lambda: build(*settings()), paths, show.everything)
        return EXIT_CLEAN
    if request.fix:
        report = _fix(linter, paths, request.unsafe_fixes, show)
    else:
        report = linter.check(paths)
        show(report)
    show.errors(report)
    return _exit_code(report, request.strict, request.exit_zero)


def _refuse_conflicts(request: CheckRequest) -> None:
    if request.unsafe_fixes and not (request.fix or request.diff):
        raise UsageError("--unsafe-fixes: use it with --fix or --diff")
    if request.watch and (request.fix or request.diff or request.output_file):
        raise UsageError("--watch: not with --fix, --diff or --output-file")
    if request.diff and (request.output_file or request.statistics):
        raise UsageError("--diff: prints a diff; not with --output-file or --statistics")


def _check_stdin(request: CheckRequest) -> int:
    from dossierlint.commands.check_stdin import check_stdin, stdin_path

    assert request.stdin_filename is not None
    return check_stdin(
        stdin_path(request.stdin_filename, request.paths),
        config_file=request.config_file,
        select=_split_codes(request.select, "--select"),
        ignore=_split_codes(request.ignore, "--ignore"),
        format_name=request.format_name or _default_format(None),
        color=request.color,
        strict=request.strict,
        exit_zero=request.exit_zero,
        quiet=request.quiet,
        silent=request.silent,
        fix=request.fix,
        unsafe=request.unsafe_fixes,
        diff=request.diff,
    )


def _split_codes(values: tuple[str, ...], option: str) -> list[str] | None:
    """The codes of a repeatable, comma-separated option; None if it was not given."""
    codes = [code.strip() for value in values for code in value.split(",")]
    if not all(codes):
        raise UsageError(f"{option}: an empty rule selector would match every rule")
    return codes or None


def _fix(linter: Linter, paths: list[Path], unsafe: bool, show: _Show) -> Report:
    """--fix: fix the files, show what remains, and say how many findings were fixed."""
    from dossierlint.fix_files import fix_paths

    run = fix_paths(linter, paths, unsafe=unsafe, write=True)
    for warning in run.warnings:
        say(f"dossierlint: warning: {printable(warning)}")
    show(run.report)
    if not show.quiet:
        remaining = len(run.report.findings)
        say(f"Fixed {plural(run.fixed, 'finding')} ({remaining} remaining)")
    return run.report


def _exit_code(report: Report, strict: bool, exit_zero: bool) -> int:
    if report.errors:
        return EXIT_FAILURE
    return findings_exit_code((f.severity for f in report.findings), strict, exit_zero)


def _default_format(output_file: Path | None) -> str:
    """Without --output-format or its variable: ruff's full form for a person at a
    terminal, the one-line form for pipes, logs and files (greppable, as before)."""
    return "full" if output_file is None and sys.stdout.isatty() else "concise"


class _Show:
    """Writes a run's report as asked: format, colour, summary or not, statistics, file."""

    def __init__(self, format_name: str, config: Config, request: CheckRequest) -> None:
        self.format_name = format_name
        self.output_file = request.output_file
        color = self.output_file is None and use_color(request.color, sys.stdout)
        self.quiet = request.quiet or request.silent
        self.silent = request.silent
        self.options = {"color": color, "quiet": self.quiet}
        if config.docs_url:
            self.options["docs_url"] = config.docs_url
        self.statistics = request.statistics

    def __call__(self, report: Report) -> None:
        if self.output_file is not None:
            buffer = io.StringIO()
            self._write(report, buffer)
            self._save(buffer.getvalue())
        elif not self.silent:
            self._write(report, sys.stdout)
            sys.stdout.flush()

    def everything(self, report: Report) -> None:
        self(report)
        self.errors(report)

    @staticmethod
    def errors(report: Report) -> None:
        """The files that could not be checked, one line each on stderr."""
        for message in report.errors:
            say(f"dossierlint: error: {printable(message)}")

    def _write(self, report: Report, stream: TextIO) -> None:
        if self.statistics:
            from dossierlint.report.statistics import write_statistics

            write_statistics(report, stream, self.format_name == "json", **self.options)
            return
        from dossierlint.report import write_report

        write_report(report, self.format_name, stream, **self.options)

    def _save(self, text: str) -> None:
        from dossierlint.writing import write_atomically

        assert self.output_file is not None
        try:
            write_atomically(self.output_file, text.encode("utf-8", "backslashreplace"))
        except OSError as error:
            shown = printable(str(self.output_file))
            raise UsageError(f"{shown}: cannot write: {error.strerror or error}") from None


def _diff(linter: Linter, paths: list[Path], unsafe: bool) -> int:
    """--diff: print what --fix would change; exit 1 if it would change anything (as ruff)."""
    from dossierlint.fix_files import fix_paths, unified_diff

    run = fix_paths(linter, paths, unsafe=unsafe, write=False)
    for change in run.changed:
        sys.stdout.write(unified_diff(change))
    for warning in run.warnings:
        say(f"dossierlint: warning: {printable(warning)}")
    files = plural(len(run.changed), "file")
    would_remain = len(run.report.findings)
    say(f"Would fix {plural(run.fixed, 'finding')} in {files} ({would_remain} would remain)")
    for message in run.report.errors:
        say(f"dossierlint: error: {printable(message)}")
    if run.report.errors:
        return EXIT_FAILURE
    return EXIT_FINDINGS if run.changed else EXIT_CLEAN
