"""The commands' click functions, one module each; `dossierlint.cli` loads them by name.

What several commands share lives here: exit codes, loading the settings, and
the one place a command's failure becomes a message and an exit code. This
module does not import click, so that `dossierlint check` can run without it
(`dossierlint.main`); the click options shared by commands are in `options`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from dossierlint.config import Config, load_config
from dossierlint.errors import UsageError, printable
from dossierlint.houserules import HouseRules, load_house_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130


def load_settings(
    config_file: Path | None, *, copies: Callable[[Path], Any] | None = None
) -> tuple[Config, HouseRules]:
    """The configuration and the house rules it names (`copies`: see
    `config.find_config_file`)."""
    config = load_config(config_file=config_file, copies=copies)
    return config, load_house_rules(config.house_rules)


def plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def use_color(choice: str, stream: object) -> bool:
    """--color, then NO_COLOR (no-color.org), then FORCE_COLOR (force-color.org), then
    whether `stream` is a terminal. Either variable counts only when not empty."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def findings_exit_code(severities: Iterable[str], strict: bool, exit_zero: bool = False) -> int:
    """1 when a finding fails the run (an error, or with --strict a warning too), else 0;
    always 0 with --exit-zero."""
    if exit_zero:
        return EXIT_CLEAN
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(severity in failing for severity in severities) else EXIT_CLEAN


def say(message: str) -> None:
    """One line for the person running the command, on stderr."""
    print(message, file=sys.stderr)


def run_guarded(
    command: Callable[[], int | None], passthrough: tuple[type[BaseException], ...] = ()
) -> int:
    """Run `command` and return its exit code, turning every failure into a
    one-line message and a documented code: a usage or configuration error 2,
    Ctrl-C 130, SIGTERM and SIGHUP 128 + the signal's number, a closed output
    pipe 0, anything unexpected 2 ("internal error", never a traceback unless
    DOSSIERLINT_DEBUG is set). `passthrough`: exceptions left to the caller."""
    try:
        code = command()
    except passthrough:
        raise
    except UsageError as error:
        say(f"dossierlint: error: {printable(str(error))}")
        return EXIT_FAILURE
    except KeyboardInterrupt as interrupt:
        signum = getattr(interrupt, "signum", signal.SIGINT)
        what = (
            "interrupted" if signum == signal.SIGINT else f"ended by {signal.Signals(signum).name}"
        )
        say(f"dossierlint: {what}")
        return 128 + signum
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CLEAN
    except Exception as error:  # the last line of defence: never a traceback
        if os.environ.get("DOSSIERLINT_DEBUG"):
            raise
        say(f"dossierlint: internal error: {printable(f'{type(error).__name__}: {error}')}")
        return EXIT_FAILURE
    return code if isinstance(code, int) else EXIT_CLEAN
