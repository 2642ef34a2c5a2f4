"""`dossierlint check`: lint dossiers, or fix them (--fix) or show the fixes (--diff).

This module reads the command line with click; the command's work is
`check_run.run_check`. The common command lines never come here: see
`check_args`, which reads them without importing click.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint.commands.check_args import FORMAT_VARIABLE
from dossierlint.commands.check_run import CheckRequest, run_check
from dossierlint.commands.options import config_option
from dossierlint.report import FORMATS

if TYPE_CHECKING:
    from dossierlint.config import Config
    from dossierlint.houserules import HouseRules


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
def check(ctx: click.Context, show_settings: bool, **options: object) -> int:
    """Lint dossiers (default: the configured dossiers folder)."""

    def write_settings(
        config: Config,
        house_rules: HouseRules,
        format_name: str,
        selected: list[str] | None,
        ignored: list[str] | None,
    ) -> None:
        from dossierlint.show_settings import write_settings

        write_settings(ctx, config, house_rules, format_name, selected, ignored, sys.stdout)

    return run_check(
        CheckRequest(**options, show_settings=write_settings if show_settings else None)  # type: ignore[arg-type]
    )
