"""The console entry point: `dossierlint ...`.

Exit codes: 0 no error, 1 findings (errors, or warnings with --strict), 2 a
usage, configuration or internal failure. Ctrl-C exits 130, SIGTERM 143 and
SIGHUP 129 (128 + the signal's number), after stopping the worker processes.

A `check` command line that `commands.check_args` can read runs without
importing click, the cost of a fifth of a one-file run; every other command
line goes to the click group in `dossierlint.cli`.
"""

from __future__ import annotations

import os
import signal
import sys

from dossierlint.errors import Terminated
from dossierlint.regex import seed_standard_library

SIGNALS_THAT_END_THE_RUN = (signal.SIGTERM, signal.SIGHUP)
"""What `timeout`, CI cancellation, `kill` and a closed terminal send: handled like Ctrl-C."""


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
    seed_standard_library()
    end_on_signals()
    # A terminal that cannot show a character (an ASCII locale, a file name that is
    # not UTF-8) gets an escape rather than ending the run; in JSON, `\\u....` stays valid.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from dossierlint.commands.check_args import read_check_args

    request = read_check_args(sys.argv[1:])
    if request is None:
        from dossierlint.cli import cli

        cli(prog_name="dossierlint")
        return
    from dossierlint.commands import run_guarded
    from dossierlint.commands.check_run import run_check

    sys.exit(run_guarded(lambda: run_check(request)))
