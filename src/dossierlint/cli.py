"""The command line: wires options to the linter, the formatters and the schema.

Exit codes: 0 no error, 1 findings (errors, or warnings with --strict), 2 a
usage, configuration or internal failure. Ctrl-C exits 130.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint import __version__
from dossierlint.config import Config, load_config
from dossierlint.errors import UsageError, printable
from dossierlint.houserules import HouseRules, load_house_rules

if TYPE_CHECKING:
    from dossierlint.runner import Linter
    from dossierlint.scaffold import Scaffold

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMAT_NAMES = ("text", "json", "github", "sarif")


def _load(config_file: Path | None) -> tuple[Config, HouseRules]:
    config = load_config(config_file=config_file)
    return config, load_house_rules(config.house_rules)


def _split_codes(values: tuple[str, ...]) -> list[str] | None:
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    return codes or None


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from this file instead of searching for one.",
)


class _Commands(click.Group):
    """Turns every failure inside a command into a one-line message and an exit code."""

    def invoke(self, ctx: click.Context) -> None:
        try:
            code = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except UsageError as error:
            click.echo(f"dossierlint: error: {printable(str(error))}", err=True)
            code = EXIT_FAILURE
        except KeyboardInterrupt:
            click.echo("dossierlint: interrupted", err=True)
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            sys.stderr.close()
            code = EXIT_CLEAN
        except Exception as error:  # the last line of defence: never a traceback
            if os.environ.get("DOSSIERLINT_DEBUG"):
                raise
            message = printable(f"{type(error).__name__}: {error}")
            click.echo(f"dossierlint: internal error: {message}", err=True)
            code = EXIT_FAILURE
        ctx.exit(code if isinstance(code, int) else EXIT_CLEAN)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossierlint")
def cli() -> None:
    """Keep a collection of regime dossiers consistent and well-sourced."""


@cli.command()
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
    from dossierlint.report import write_report
    from dossierlint.runner import Linter

    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes: use it with --fix or --diff")
    config, house_rules = _load(config_file)
    ruleset = build_ruleset(config, _split_codes(select), _split_codes(ignore))
    linter = Linter(
        config, ruleset, house_rules, use_cache=not (no_cache or fix or diff), jobs=jobs
    )
    if diff:
        return _diff(linter, list(paths), unsafe_fixes)
    fixed = None
    if fix:
        from dossierlint.fixing import fix_paths

        run = fix_paths(linter, list(paths), unsafe=unsafe_fixes, write=True)
        report, fixed = run.report, run.fixed
        for warning in run.warnings:
            click.echo(f"dossierlint: warning: {warning}", err=True)
    else:
        report = linter.check(list(paths))
    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    write_report(report, format_name, sys.stdout, use_color)
    if fixed is not None:
        remaining = len(report.findings)
        click.echo(f"Fixed {_count(fixed, 'finding')} ({remaining} remaining)", err=True)
    for message in report.errors:
        click.echo(f"dossierlint: error: {printable(message)}", err=True)
    if report.errors:
        return EXIT_FAILURE
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_CLEAN


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _diff(linter: Linter, paths: list[Path], unsafe: bool) -> int:
    """--diff: print what --fix would change; exit 1 if it would change anything (as ruff)."""
    from dossierlint.fixing import fix_paths, unified_diff

    run = fix_paths(linter, paths, unsafe=unsafe, write=False)
    for change in run.changed:
        click.echo(unified_diff(change), nl=False)
    for warning in run.warnings:
        click.echo(f"dossierlint: warning: {warning}", err=True)
    files = _count(len(run.changed), "file")
    would_remain = len(run.report.findings)
    click.echo(
        f"Would fix {_count(run.fixed, 'finding')} in {files} ({would_remain} would remain)",
        err=True,
    )
    for message in run.report.errors:
        click.echo(f"dossierlint: error: {message}", err=True)
    if run.report.errors:
        return EXIT_FAILURE
    return EXIT_FINDINGS if run.changed else EXIT_CLEAN


@cli.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print every rule as Markdown (docs/rules.md).")
def rules(code: str | None, markdown: bool) -> int:
    """List the rules, or explain one (by code, prefix or name)."""
    from dossierlint.docs import explain_rule, render_rules_markdown, rule_table
    from dossierlint.engine import expand_selectors
    from dossierlint.rules import REGISTRY

    if markdown:
        click.echo(render_rules_markdown(), nl=False)
        return EXIT_CLEAN
    if code is None:
        click.echo(rule_table())
        return EXIT_CLEAN
    matched = sorted(expand_selectors([code], "rules"))
    click.echo("\n\n".join(explain_rule(REGISTRY[c]) for c in matched))
    return EXIT_CLEAN


@cli.command()
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the schema instead of writing it.")
@click.option(
    "--check", "check_only", is_flag=True, help="Exit 1 if the written schema is out of date."
)
@config_option
def schema(to_stdout: bool, check_only: bool, config_file: Path | None) -> int:
    """Write schema/dossier.schema.json from the model and the house rules."""
    from dossierlint.schema import SCHEMA_FILE, render_json_schema
    from dossierlint.writing import write_atomically

    config, house_rules = _load(config_file)
    text = render_json_schema(house_rules)
    if to_stdout:
        click.echo(text, nl=False)
        return EXIT_CLEAN
    target = config.root / "schema" / SCHEMA_FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check_only:
        if current != text:
            click.echo(f"{target}: out of date; run 'dossierlint schema'", err=True)
            return EXIT_FINDINGS
        return EXIT_CLEAN
    if current != text:
        write_atomically(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")
    else:
        click.echo(f"{target} is up to date")
    return EXIT_CLEAN


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@config_option
def export(files: tuple[Path, ...], config_file: Path | None) -> int:
    """Print dossiers as JSON (one object, or an array for several files).

    A dossier with lint errors is not exported: its errors are shown instead."""
    import json

    from dossierlint.engine import build_ruleset
    from dossierlint.export import to_json_data
    from dossierlint.parse import parse
    from dossierlint.runner import Linter, display_path, read_bytes
    from dossierlint.source import decode

    config, house_rules = _load(config_file)
    linter = Linter(config, build_ruleset(config, ignore=[]), house_rules)
    dossiers = []
    blocked = False
    for path in files:
        data = read_bytes(path, display_path(path))
        errors = [f for f in linter.lint_data(path, data) if f.severity == "error"]
        for finding in errors:
            click.echo(
                f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}",
                err=True,
            )
        if errors:
            click.echo(
                f"dossierlint: {display_path(path)}: not exported: fix its errors first", err=True
            )
            blocked = True
            continue
        dossiers.append(parse(decode(data).text or "", path.stem, house_rules).dossier)
    if blocked:
        return EXIT_FINDINGS
    data = to_json_data(dossiers, house_rules)
    click.echo(json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False))
    return EXIT_CLEAN


@cli.command()
@click.argument("slug")
@click.option("--title", help="Default: '<country> Under <first leader>'.")
@click.option("--country", help="Country/Region.")
@click.option(
    "--leader",
    "leaders",
    multiple=True,
    help="'Name (BIRTH-DEATH)', 'Name (BIRTH-)' or 'Name (b. BIRTH)'; repeat for several.",
)
@click.option("--start", help="First year of the regime.")
@click.option("--end", help="Last year of the regime.")
@click.option("--type", "regime_type", help="Type of regime (else a placeholder).")
@click.option("--death-toll", help="Estimated death toll (else a placeholder).")
@click.option("--tag", "tags", multiple=True, help="A footer tag besides #regime; repeatable.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write into this folder (default: the configured dossiers folder).",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the dossier; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite an existing dossier.")
@click.option("--no-input", is_flag=True, help="Never prompt; fail if a value is missing.")
@click.option("--update", is_flag=True, help="Add the required sections an existing SLUG lacks.")
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="With --update: print the change as a diff, write nothing; exit 1 if there is one.",
)
@config_option
def new(
    slug: str,
    folder: Path | None,
    to_stdout: bool,
    force: bool,
    no_input: bool,
    update: bool,
    show_diff: bool,
    config_file: Path | None,
    **options: str | tuple[str, ...] | None,
) -> int:
    """Start dossier SLUG from the house rules, or (--update) add the sections it lacks.

    Missing values are asked for on a terminal; with --no-input or without a
    terminal, the command fails naming them."""
    import datetime

    from dossierlint import scaffold
    from dossierlint.runner import display_path

    scaffold.check_slug(slug)
    config, house_rules = _load(config_file)
    today = datetime.date.today()
    builder = scaffold.Scaffold(house_rules, today, scaffold.wanted_sources(config))
    target = (folder or config.dossiers) / f"{slug}.md"
    shown = display_path(target)
    if update:
        given = _given_on_command_line({*options, "to_stdout", "force"})
        if given:
            raise UsageError(f"--update only adds sections; it does not take {', '.join(given)}")
        return _update(target, shown, slug, builder, show_diff)
    if show_diff:
        raise UsageError("--diff goes with --update")
    if not to_stdout and not force and (target.exists() or target.is_symlink()):
        return _refuse_overwrite(shown)
    values = scaffold.values_from_options(today, **options)
    if not no_input and sys.stdin.isatty():
        scaffold.ask_for_missing(values, house_rules, today)
    missing = values.missing()
    if missing:
        raise UsageError(
            f"missing {', '.join(missing)}: give them as options, or run in a terminal to be asked"
        )
    scaffold.check_together(values)
    text = builder.dossier(values)
    if to_stdout:
        click.echo(text, nl=False)
        return EXIT_CLEAN
    from dossierlint.writing import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"), overwrite=force)
    except FileExistsError:
        return _refuse_overwrite(shown)
    click.echo(f"wrote {shown}")
    click.echo(_next_step(house_rules, shown))
    return EXIT_CLEAN


def _given_on_command_line(names: set[str]) -> list[str]:
    """The options among `names` that the user typed, as they typed them (`--country`)."""
    ctx = click.get_current_context()
    return [
        param.opts[0]
        for param in ctx.command.params
        if param.name in names
        and ctx.get_parameter_source(param.name) is click.core.ParameterSource.COMMANDLINE
    ]


def _update(target: Path, shown: str, slug: str, builder: Scaffold, show_diff: bool) -> int:
    from dossierlint.runner import read_bytes
    from dossierlint.scaffold import unified_diff, update_file
    from dossierlint.writing import write_atomically

    if not target.exists():
        raise UsageError(f"{shown}: no such dossier; start it with 'dossierlint new {slug}'")
    old = read_bytes(target, shown)
    new_bytes, added = update_file(old, slug, builder, shown)
    if show_diff:
        click.echo(unified_diff(old, new_bytes, shown), nl=False)
        return EXIT_FINDINGS if added else EXIT_CLEAN
    if not added:
        click.echo(f"{shown} has every required section; nothing to add")
        return EXIT_CLEAN
    write_atomically(target, new_bytes)
    click.echo(f"added {', '.join(f'## {title}' for title in added)} to {shown}")
    click.echo(_next_step(builder.house_rules, shown))
    return EXIT_CLEAN


def _refuse_overwrite(shown: str) -> int:
    click.echo(
        f"dossierlint: {shown} already exists; not overwritten (use --force to replace it, "
        "or --update to add the sections it lacks)",
        err=True,
    )
    return EXIT_FINDINGS


def _next_step(house_rules: HouseRules, shown: str) -> str:
    return (
        f"next: replace every '{house_rules.placeholder_marker}' placeholder, "
        f"then run 'dossierlint check {shown}'"
    )


def main() -> None:
    """Console entry point."""
    # A terminal that cannot show a character (an ASCII locale, a file name that is
    # not UTF-8) gets an escape rather than ending the run; in JSON, `\\u....` stays valid.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="dossierlint")
