"""The console entry point: `dossierlint ...`.

Exit codes: 0 no error, 1 findings (errors, or warnings with --strict), 2 a
usage, configuration or internal failure. Ctrl-C exits 130, SIGTERM 143 and
SIGHUP 129 (128 + the signal's number), after stopping the worker processes.

A `check` command line that `commands.check_args` can read runs without
importing click, the cost of a fifth of a one-file run; every other command
line goes to the click group in `dossierlint.cli`.

The console script and `python -m dossierlint` call `entry`, which ends such a
`check` at once when it is done (`end_process`); `main` raises SystemExit, for
a caller in the same process. This module imports nothing at its top that the
interpreter has not loaded already, so that `entry` sets the garbage collector
before the first module of weight is imported.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def end_on_signals() -> None:
    """Make SIGTERM and SIGHUP (what `timeout`, CI cancellation, `kill` and a closed
    terminal send) raise `Terminated` in this (the main) process, like Ctrl-C.

    Forked workers inherit the handler; there it restores the default action and
    re-raises the signal, so a worker dies at once and never runs the main
    process's clean-up.
    """
    import signal

    from dossierlint.errors import Terminated

    main_pid = os.getpid()

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, handler)


GC_THRESHOLD = 20_000
"""Allocations between collections of the youngest generation in a console run
(the default, 700, collects about 60 times while a one-file check imports and
runs, for garbage that is almost never a cycle: 4M instructions)."""


def entry() -> None:
    """The console script and `python -m dossierlint`: `main`, a `check` ended at once."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    main(end_at_once=True)


def main(*, end_at_once: bool = False) -> None:
    """Run the command line in `sys.argv`; raise SystemExit with its exit code, or,
    with `end_at_once`, end the process after a `check` (`end_process`)."""
    from dossierlint.regex import seed_standard_library

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

    code = run_guarded(lambda: run_check(request))
    if end_at_once:
        end_process(code)
    sys.exit(code)


def end_process(code: int) -> NoReturn:
    """Exit with `code` now: exit handlers run and the output flushed, as at any exit,
    but the interpreter's tear-down skipped.

    When a check is done nothing is left to tear down: the caches are written and
    closed, the worker processes joined, no other thread runs. Freeing every
    module and a last garbage collection cost 21M instructions, 8% of a one-file
    check (BENCHMARKS.md, "Speed, round five"); `os._exit` skips them. Output
    that cannot be flushed (a reader that closed the pipe) ends the run as
    `run_guarded` ends it then: 0.
    """
    from dossierlint.commands import EXIT_CLEAN

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # closed by the reader, or by `run_guarded`
        code = EXIT_CLEAN
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
