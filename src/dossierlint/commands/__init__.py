"""The commands' click functions, one module each; `dossierlint.cli` loads them by name.

What several commands share lives here: exit codes, the `--config` option,
loading the settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import click

from dossierlint.config import Config, load_config
from dossierlint.houserules import HouseRules, load_house_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from this file instead of searching for one.",
)


def load_settings(config_file: Path | None) -> tuple[Config, HouseRules]:
    """The configuration and the house rules it names."""
    config = load_config(config_file=config_file)
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


def findings_exit_code(severities: Iterable[str], strict: bool) -> int:
    """1 when a finding fails the run (an error, or with --strict a warning too), else 0."""
    failing = ("error", "warning") if strict else ("error",)
    return EXIT_FINDINGS if any(severity in failing for severity in severities) else EXIT_CLEAN
