"""The command line: a click group whose commands are loaded by name, when run.

Exit codes: 0 no error, 1 findings (errors, or warnings with --strict), 2 a
usage, configuration or internal failure. Ctrl-C exits 130, SIGTERM 143 and
SIGHUP 129 (128 + the signal's number), after stopping the worker processes.

A command is a click function in its own module under `dossierlint.commands`;
adding one is adding that module and a line to `COMMANDS`. Only the command
being run is imported, so `dossierlint check` pays nothing for the others.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

import click

from dossierlint import __version__
from dossierlint.errors import Terminated, UsageError, printable

EXIT_CLEAN, EXIT_FAILURE = 0, 2
SIGNALS_THAT_END_THE_RUN = (signal.SIGTERM, signal.SIGHUP)
"""What `timeout`, CI cancellation, `kill` and a closed terminal send: handled like Ctrl-C."""

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
        try:
            code = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except UsageError as error:
            click.echo(f"dossierlint: error: {printable(str(error))}", err=True)
            code = EXIT_FAILURE
        except KeyboardInterrupt as interrupt:
            signum = getattr(interrupt, "signum", signal.SIGINT)
            what = (
                "interrupted"
                if signum == signal.SIGINT
                else f"ended by {signal.Signals(signum).name}"
            )
            click.echo(f"dossierlint: {what}", err=True)
            code = 128 + signum
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


def end_on_signals() -> None:
    """Make SIGTERM and SIGHUP raise `Terminated` in this (the main) process.

    Forked workers inherit the handler; there it restores the default action and
    re-raises the signal, so a worker dies at once and never runs the main
    process's clean-up.
    """
    main_pid = os.getpid()

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    for signum in SIGNALS_THAT_END_THE_RUN:
        signal.signal(signum, handler)


def main() -> None:
    """Console entry point."""
    end_on_signals()
    # A terminal that cannot show a character (an ASCII locale, a file name that is
    # not UTF-8) gets an escape rather than ending the run; in JSON, `\\u....` stays valid.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="dossierlint")
