"""The common `check` command lines, read without click.

pre-commit, CI jobs and editors run `dossierlint check` with a few options and
some paths, in a fresh process each time; importing click (and the `inspect`
module it needs) is a fifth of such a run. `read_check_args` reads these
command lines itself and hands the result to `check_run.run_check`. It knows
only the options in `FLAGS` and `VALUES`: any other argument (`--fix`,
`--help`, a value it cannot vouch for, `--`) returns None, and the command
line goes to click, which reads everything and words every error. Editors
without the language server run `check --stdin-filename PATH -` on every
save, so that command line is read here too.
`tests/test_check_args.py` holds both readers to the same results.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from dossierlint.commands.check_run import CheckRequest

FORMAT_VARIABLE = "DOSSIERLINT_OUTPUT_FORMAT"
COLORS = ("auto", "always", "never")

FLAGS = {
    "--strict": "strict",
    "--exit-zero": "exit_zero",
    "-q": "quiet",
    "--quiet": "quiet",
    "-s": "silent",
    "--silent": "silent",
    "--statistics": "statistics",
    "--no-cache": "no_cache",
}
"""Flag -> the `CheckRequest` field it sets."""

VALUES = {
    "--output-format": "format_name",
    "--format": "format_name",
    "--select": "select",
    "--ignore": "ignore",
    "--color": "color",
    "--jobs": "jobs",
    "--config": "config_file",
    "--stdin-filename": "stdin_filename",
}
"""Option taking a value -> the `CheckRequest` field it sets."""

REPEATABLE = frozenset({"select", "ignore"})


def read_check_args(
    args: Sequence[str], environ: Mapping[str, str] = os.environ
) -> CheckRequest | None:
    """`args` (the command line after the program's name) as a check request,
    or None when it is not a `check` command line this reader vouches for."""
    if not args or args[0] != "check":
        return None
    fields: dict[str, object] = {"select": [], "ignore": []}
    paths: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-" or not arg.startswith("-"):
            paths.append(Path(arg))
        elif arg in FLAGS:
            fields[FLAGS[arg]] = True
        else:
            name, equals, value = arg.partition("=")
            field = VALUES.get(name)
            if field is None:
                return None
            if not equals:
                value = next(rest, None)  # type: ignore[assignment]
                if value is None:
                    return None
            converted = _convert(field, value)
            if converted is None:
                return None
            if field in REPEATABLE:
                fields[field].append(converted)  # type: ignore[attr-defined]
            else:
                fields[field] = converted
    if "format_name" not in fields and environ.get(FORMAT_VARIABLE):
        fields["format_name"] = _convert("format_name", environ[FORMAT_VARIABLE])
        if fields["format_name"] is None:
            return None
    fields["select"], fields["ignore"] = tuple(fields["select"]), tuple(fields["ignore"])  # type: ignore[arg-type]
    return CheckRequest(paths=tuple(paths), **fields)  # type: ignore[arg-type]


def _convert(field: str, value: str) -> object | None:
    """The value as click would convert it, or None where click might refuse it."""
    if field == "format_name":
        from dossierlint.report import FORMATS

        return value if value in FORMATS else None
    if field == "color":
        return value if value in COLORS else None
    if field == "jobs":
        return int(value) if value.isdigit() and int(value) >= 1 else None
    if field == "config_file":
        return Path(value) if value and not os.path.isdir(value) else None
    if field == "stdin_filename":
        return Path(value)
    return value
