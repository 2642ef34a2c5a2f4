"""`check --show-settings`: every setting the run would use, its value, and where the
value came from: `default`, the config file's path, `command line`, or an
environment variable.

    config-file = "/repo/pyproject.toml"  # the nearest above the working directory
    dossiers = "/repo/dossiers"           # /repo/pyproject.toml
    output-format = "concise"             # default (stdout is not a terminal)
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import click
from click.core import ParameterSource

from dossierlint.config import Config
from dossierlint.engine import build_ruleset
from dossierlint.errors import printable
from dossierlint.houserules import HouseRules

DEFAULT = "default"
COMMAND_LINE = "command line"
ALIGN = 48
"""Sources line up in this column; a longer setting pushes its own past it."""


def write_settings(
    ctx: click.Context,
    config: Config,
    house_rules: HouseRules,
    format_name: str,
    select: list[str] | None,
    ignore: list[str] | None,
    stream: TextIO,
) -> None:
    """`select` and `ignore` are the command line's, split into codes (None: not given)."""
    rows = _rows(ctx, config, house_rules, format_name, select, ignore)
    width = min(ALIGN, max(len(f"{name} = {_value(value)}") for name, value, _ in rows))
    for name, value, source in rows:
        setting = f"{name} = {_value(value)}"
        stream.write(printable(f"{setting:<{width}}  # {source}") + "\n")


def _rows(
    ctx: click.Context,
    config: Config,
    house_rules: HouseRules,
    format_name: str,
    select: list[str] | None,
    ignore: list[str] | None,
) -> list[tuple[str, Any, str]]:
    params = ctx.params
    in_file = str(config.source) if config.source else DEFAULT

    def from_file(key: str) -> str:
        return in_file if key in config.raw else DEFAULT

    def from_option(name: str, key: str | None = None) -> str:
        source = ctx.get_parameter_source(name)
        if source is ParameterSource.COMMANDLINE:
            return COMMAND_LINE
        if source is ParameterSource.ENVIRONMENT:
            return "environment DOSSIERLINT_OUTPUT_FORMAT"
        return from_file(key) if key else DEFAULT

    ruleset = build_ruleset(config, select, ignore)
    options = {
        name: (value, in_file if name in config.options else DEFAULT)
        for name, value in sorted(ruleset.options.items())
    }
    changed_severity = {
        code: level
        for code, level in sorted(ruleset.severity.items())
        if level != _registry_severity(code)
    }
    config_origin = (
        COMMAND_LINE
        if params["config_file"]
        else "the nearest above the working directory"
        if config.source
        else "none found: defaults apply"
    )
    format_source = from_option("format_name")
    if format_source == DEFAULT:
        format_source = "default (full on a terminal, else concise)"
    rows: list[tuple[str, Any, str]] = [
        ("config-file", str(config.source) if config.source else None, config_origin),
        ("root", str(config.root), "the config file's folder" if config.source else DEFAULT),
        ("dossiers", str(config.dossiers), from_file("dossiers")),
        ("house-rules", house_rules.path, from_file("house-rules")),
        ("select", select or config.select or ["ALL"], from_option("select", "select")),
        (
            "ignore",
            ignore if ignore is not None else config.ignore,
            from_option("ignore", "ignore"),
        ),
        ("rules", sorted(ruleset.codes), "select and ignore"),
        ("severity", changed_severity, from_file("severity")),
        ("per-file-ignores", config.per_file_ignores, from_file("per-file-ignores")),
        ("reliability", sorted(config.reliability), from_file("reliability")),
        ("docs-url", config.docs_url, from_file("docs-url")),
    ]
    rows += [(f"options.{name}", value, source) for name, (value, source) in options.items()]
    rows += [
        ("output-format", format_name, format_source),
        ("color", params["color"], from_option("color")),
        ("strict", params["strict"], from_option("strict")),
        ("exit-zero", params["exit_zero"], from_option("exit_zero")),
        ("cache", not params["no_cache"], from_option("no_cache")),
        ("jobs", params["jobs"], from_option("jobs")),
    ]
    return rows


def _registry_severity(code: str) -> str:
    from dossierlint.rules import REGISTRY

    return REGISTRY[code].severity


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
