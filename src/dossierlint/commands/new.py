"""`dossierlint new`: start a dossier from the house rules, or add the sections it lacks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FINDINGS, load_settings
from dossierlint.commands.options import config_option
from dossierlint.errors import UsageError, printable
from dossierlint.houserules import HouseRules

if TYPE_CHECKING:
    from dossierlint.scaffold import Scaffold


@click.command()
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
    from dossierlint.files import display_path

    scaffold.check_slug(slug)
    config, house_rules = load_settings(config_file)
    today = datetime.date.today()
    builder = scaffold.Scaffold(house_rules, today, scaffold.wanted_sources(config))
    target = (folder or config.dossiers) / f"{slug}.md"
    shown = printable(display_path(target))
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
    from dossierlint.files import read_bytes
    from dossierlint.scaffold import update_file
    from dossierlint.text import printable_diff, unified_diff
    from dossierlint.writing import write_atomically

    if target.is_symlink():
        raise UsageError(f"{shown}: is a symbolic link; not updated (update the file it names)")
    if not target.exists():
        raise UsageError(f"{shown}: no such dossier; start it with 'dossierlint new {slug}'")
    old = read_bytes(target, shown)
    new_bytes, added = update_file(old, slug, builder, shown)
    if show_diff:
        diff = unified_diff(old.decode("utf-8"), new_bytes.decode("utf-8"), shown)
        click.echo(printable_diff(diff), nl=False)
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
