"""The command line: wires options to the linter, the formatters and the schema.

Exit codes: 0 no error, 1 findings (errors, or warnings with --strict), 2 a
usage, configuration or internal failure. Ctrl-C exits 130.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from dossierlint import __version__
from dossierlint.config import Config, load_config
from dossierlint.errors import UsageError, printable
from dossierlint.houserules import HouseRules, load_house_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMAT_NAMES = ("text", "json")


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
@config_option
def check(
    paths: tuple[Path, ...],
    format_name: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    color: str,
    config_file: Path | None,
) -> int:
    """Lint dossiers (default: the configured dossiers folder)."""
    from dossierlint.engine import build_ruleset
    from dossierlint.report import write_report
    from dossierlint.runner import Linter

    config, house_rules = _load(config_file)
    ruleset = build_ruleset(config, _split_codes(select), _split_codes(ignore))
    report = Linter(config, ruleset, house_rules).check(list(paths))
    use_color = color == "always" or (
        color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    write_report(report, format_name, sys.stdout, use_color)
    for message in report.errors:
        click.echo(f"dossierlint: error: {printable(message)}", err=True)
    if report.errors:
        return EXIT_FAILURE
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_CLEAN


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
        errors = [f for f in linter.check_file(path) if f.severity == "error"]
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
        text = decode(read_bytes(path, display_path(path))).text or ""
        dossiers.append(parse(text, path.stem, house_rules).dossier)
    if blocked:
        return EXIT_FINDINGS
    data = to_json_data(dossiers, house_rules)
    click.echo(json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False))
    return EXIT_CLEAN


def main() -> None:
    """Console entry point."""
    # A terminal that cannot show a character (an ASCII locale, a file name that is
    # not UTF-8) gets an escape rather than ending the run; in JSON, `\\u....` stays valid.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="dossierlint")
