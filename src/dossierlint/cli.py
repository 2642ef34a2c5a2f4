"""The command line: a click group whose commands are loaded by name, when run.

`dossierlint.main` is the entry point; it sends here every command line but
the common `check` ones. Exit codes: see `dossierlint.main`.

A command is a click function in its own module under `dossierlint.commands`;
adding one is adding that module and a line to `COMMANDS`. Only the command
being run is imported, so `dossierlint check` pays nothing for the others.
"""

from __future__ import annotations

import importlib

import click

from dossierlint import __version__
from dossierlint.commands import run_guarded

COMMANDS = {
    "check": "dossierlint.commands.check:check",
    "export": "dossierlint.commands.export:export",
    "new": "dossierlint.commands.new:new",
    "report": "dossierlint.commands.report:report",
    "rules": "dossierlint.commands.rules:rules",
    "schema": "dossierlint.commands.schema:schema",
    "server": "dossierlint.commands.server:server",
    "sources": "dossierlint.commands.sources:sources",
}
"""Command name -> "module:function" of its click command."""


class _Commands(click.Group):
    """Loads commands from `COMMANDS` on demand, and turns every failure inside a
    command into a one-line message and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, function = target.partition(":")
        return getattr(importlib.import_module(module), function)

    def invoke(self, ctx: click.Context) -> None:
        click_exits = (click.exceptions.Exit, click.ClickException, click.exceptions.Abort)
        ctx.exit(run_guarded(lambda: super(_Commands, self).invoke(ctx), click_exits))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossierlint")
def cli() -> None:
    """Keep a collection of regime dossiers consistent and well-sourced."""
