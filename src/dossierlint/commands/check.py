"""`dossierlint check`: lint dossiers, or fix them (--fix) or show the fixes (--diff)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from dossierlint.commands import (
    EXIT_CLEAN,
    EXIT_FAILURE,
    EXIT_FINDINGS,
    config_option,
    findings_exit_code,
    load_settings,
    plural,
    use_color,
)
from dossierlint.errors import UsageError, printable
from dossierlint.report import FORMATS

if TYPE_CHECKING:
    from dossierlint.config import Config
    from dossierlint.findings import Report
    from dossierlint.houserules import HouseRules
    from dossierlint.linter import Linter

FORMAT_VARIABLE = "DOSSIERLINT_OUTPUT_FORMAT"


def _split_codes(values: tuple[str, ...], option: str) -> list[str] | None:
    """The codes of a repeatable, comma-separated option; None if it was not given."""
    codes = [code.strip() for value in values for code in value.split(",")]
    if not all(codes):
        raise UsageError(f"{option}: an empty rule selector would match every rule")
    return codes or None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output-format",
    "--format",
    "format_name",
    type=click.Choice(tuple(FORMATS)),
    envvar=FORMAT_VARIABLE,
    show_envvar=True,
    help="How to show findings [default: full on a terminal, else concise; text = concise].",
)
@click.option(
    "--select", multiple=True, help="Only these rules (codes, prefixes or names; comma-separated)."
)
@click.option(
    "--ignore", multiple=True, help="Skip these rules (codes, prefixes or names; comma-separated)."
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings, but no summary.")
@click.option("-s", "--silent", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the output to this file (atomically) instead of stdout.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print each resolved setting and where it came from, then exit.",
)
@click.option(
    "-w", "--watch", is_flag=True, help="Check again whenever a dossier or setting changes."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--diff",
    is_flag=True,
    help="Print the changes --fix would make as a diff; write nothing (exit 1 if any).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write .dossierlint_cache/.")
@click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="Lint standard input (path '-') as if it were this file; write nothing.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for large runs (default: one per core).",
)
@config_option
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    format_name: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    exit_zero: bool,
    color: str,
    quiet: bool,
    silent: bool,
    output_file: Path | None,
    statistics: bool,
    show_settings: bool,
    watch: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    no_cache: bool,
    jobs: int | None,
    stdin_filename: Path | None,
    config_file: Path | None,
) -> int:
    """Lint dossiers (default: the configured dossiers folder)."""
    from dossierlint.engine import build_ruleset
    from dossierlint.linter import Linter

    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes: use it with --fix or --diff")
    if watch and (fix or diff or output_file):
        raise UsageError("--watch: not with --fix, --diff or --output-file")
    if diff and (output_file or statistics):
        raise UsageError("--diff: prints a diff; not with --output-file or --statistics")
    if stdin_filename is not None:
        from dossierlint.commands.check_stdin import check_stdin, stdin_path

        return check_stdin(
            stdin_path(stdin_filename, paths),
            config_file=config_file,
            select=_split_codes(select, "--select"),
            ignore=_split_codes(ignore, "--ignore"),
            format_name=format_name or _default_format(None),
            color=color,
            strict=strict,
            fix=fix,
            unsafe=unsafe_fixes,
            diff=diff,
        )
    if Path("-") in paths:
        raise UsageError(
            "-: to lint standard input, name the file it stands for: --stdin-filename PATH"
        )
    config, house_rules = load_settings(config_file)
    format_name = format_name or _default_format(output_file)
    selected, ignored = _split_codes(select, "--select"), _split_codes(ignore, "--ignore")
    if show_settings:
        from dossierlint.show_settings import write_settings

        write_settings(ctx, config, house_rules, format_name, selected, ignored, sys.stdout)
        return EXIT_CLEAN
    use_cache = not (no_cache or fix or diff)

    def build(config: Config, house_rules: HouseRules) -> Linter:
        ruleset = build_ruleset(config, selected, ignored)
        return Linter(config, ruleset, house_rules, use_cache=use_cache, jobs=jobs)

    linter = build(config, house_rules)
    if not (fix or diff):
        from dossierlint.progress import on_terminal

        linter.progress = on_terminal
    if diff:
        return _diff(linter, list(paths), unsafe_fixes)
    show = _Show(
        format_name,
        config,
        output_file is None and use_color(color, sys.stdout),
        quiet or silent,
        silent,
        statistics,
        output_file,
    )
    if watch:
        from dossierlint.watch import watch_and_check

        watch_and_check(lambda: build(*load_settings(config_file)), list(paths), show.everything)
        return EXIT_CLEAN
    if fix:
        report = _fix(linter, list(paths), unsafe_fixes, show)
    else:
        report = linter.check(list(paths))
        show(report)
    show.errors(report)
    return _exit_code(report, strict, exit_zero)


def _fix(linter: Linter, paths: list[Path], unsafe: bool, show: _Show) -> Report:
    """--fix: fix the files, show what remains, and say how many findings were fixed."""
    from dossierlint.fix_files import fix_paths

    run = fix_paths(linter, paths, unsafe=unsafe, write=True)
    for warning in run.warnings:
        click.echo(f"dossierlint: warning: {printable(warning)}", err=True)
    show(run.report)
    if not show.quiet:
        remaining = len(run.report.findings)
        click.echo(f"Fixed {plural(run.fixed, 'finding')} ({remaining} remaining)", err=True)
    return run.report


def _exit_code(report: Report, strict: bool, exit_zero: bool) -> int:
    if report.errors:
        return EXIT_FAILURE
    if exit_zero:
        return EXIT_CLEAN
    return findings_exit_code((f.severity for f in report.findings), strict)


def _default_format(output_file: Path | None) -> str:
    """Without --output-format or its variable: ruff's full form for a person at a
    terminal, the one-line form for pipes, logs and files (greppable, as before)."""
    return "full" if output_file is None and sys.stdout.isatty() else "concise"


class _Show:
    """Writes a run's report as asked: format, colour, summary or not, statistics, file."""

    def __init__(
        self,
        format_name: str,
        config: Config,
        color: bool,
        quiet: bool,
        silent: bool,
        statistics: bool,
        output_file: Path | None,
    ) -> None:
        self.format_name = format_name
        self.options = {"color": color, "quiet": quiet}
        if config.docs_url:
            self.options["docs_url"] = config.docs_url
        self.quiet, self.silent = quiet, silent
        self.statistics = statistics
        self.output_file = output_file

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
            click.echo(f"dossierlint: error: {printable(message)}", err=True)

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
        click.echo(unified_diff(change), nl=False)
    for warning in run.warnings:
        click.echo(f"dossierlint: warning: {printable(warning)}", err=True)
    files = plural(len(run.changed), "file")
    would_remain = len(run.report.findings)
    click.echo(
        f"Would fix {plural(run.fixed, 'finding')} in {files} ({would_remain} would remain)",
        err=True,
    )
    for message in run.report.errors:
        click.echo(f"dossierlint: error: {printable(message)}", err=True)
    if run.report.errors:
        return EXIT_FAILURE
    return EXIT_FINDINGS if run.changed else EXIT_CLEAN
