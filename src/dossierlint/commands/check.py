"""`dossierlint check`: lint dossiers, or fix them (--fix) or show the fixes (--diff)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint.commands import (
    EXIT_CLEAN,
    EXIT_FAILURE,
    EXIT_FINDINGS,
    config_option,
    load_settings,
    plural,
)
from dossierlint.errors import UsageError, printable

if TYPE_CHECKING:
    from dossierlint.linter import Linter

FORMAT_NAMES = ("text", "json", "github", "sarif")


def _split_codes(values: tuple[str, ...], option: str) -> list[str] | None:
    """The codes of a repeatable, comma-separated option; None if it was not given."""
    codes = [code.strip() for value in values for code in value.split(",")]
    if not all(codes):
        raise UsageError(f"{option}: an empty rule selector would match every rule")
    return codes or None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "format_name", type=click.Choice(FORMAT_NAMES), default="text", show_default=True
)
@click.option(
    "--select", multiple=True, help="Only these rules (codes, prefixes or names; comma-separated)."
)
@click.option(
    "--ignore", multiple=True, help="Skip these rules (codes, prefixes or names; comma-separated)."
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True
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
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for large runs (default: one per core).",
)
@config_option
def check(
    paths: tuple[Path, ...],
    format_name: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    color: str,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    no_cache: bool,
    jobs: int | None,
    config_file: Path | None,
) -> int:
    """Lint dossiers (default: the configured dossiers folder)."""
    from dossierlint.engine import build_ruleset
    from dossierlint.linter import Linter
    from dossierlint.report import write_report

    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes: use it with --fix or --diff")
    config, house_rules = load_settings(config_file)
    ruleset = build_ruleset(
        config, _split_codes(select, "--select"), _split_codes(ignore, "--ignore")
    )
    linter = Linter(
        config, ruleset, house_rules, use_cache=not (no_cache or fix or diff), jobs=jobs
    )
    if diff:
        return _diff(linter, list(paths), unsafe_fixes)
    fixed = None
    if fix:
        from dossierlint.fix_files import fix_paths

        run = fix_paths(linter, list(paths), unsafe=unsafe_fixes, write=True)
        report, fixed = run.report, run.fixed
        for warning in run.warnings:
            click.echo(f"dossierlint: warning: {printable(warning)}", err=True)
    else:
        report = linter.check(list(paths))
    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    write_report(report, format_name, sys.stdout, use_color)
    if fixed is not None:
        remaining = len(report.findings)
        click.echo(f"Fixed {plural(fixed, 'finding')} ({remaining} remaining)", err=True)
    for message in report.errors:
        click.echo(f"dossierlint: error: {printable(message)}", err=True)
    if report.errors:
        return EXIT_FAILURE
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_CLEAN


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
