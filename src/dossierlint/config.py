"""Configuration: `[tool.dossierlint]` in pyproject.toml or a `.dossierlint.toml`.

Found by walking up from the working directory; the folder holding it is the
project root. Unknown keys, rule codes or options are errors (exit 2), so a
typo never silently disables a check.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossierlint.errors import UsageError
from dossierlint.reliability import Reliability, parse_reliability_entries

CONFIG_FILES = (".dossierlint.toml", "pyproject.toml")
KNOWN_KEYS = {
    "dossiers",
    "house-rules",
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "options",
    "reliability",
    "sources",
    "sources-max-age-days",
    "docs-url",
}
DEFAULT_SOURCES_MAX_AGE_DAYS = 365


@dataclass(slots=True)
class Config:
    root: Path
    """The project root: the folder of the config file; without one, the nearest folder
    holding a pyproject.toml, .dossierlint.toml or .git; else the working directory."""
    source: Path | None
    """The file the settings came from, if any."""
    dossiers: Path
    house_rules: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    reliability: dict[str, Reliability] = field(default_factory=dict)
    """The editors' entries for the source reliability list, validated; they replace
    or add to the shipped `schema/reliability.toml` entries of the same domain."""
    sources: Path | None = None
    """The source snapshot folder (`sources`, default `<root>/sources`)."""
    sources_max_age_days: int = DEFAULT_SOURCES_MAX_AGE_DAYS
    """A snapshot older than this many days is reported as stale by `sources status`."""
    docs_url: str | None = None
    """Where docs/rules.md is published, for rule links in SARIF and rdjson output."""
    raw: dict[str, Any] = field(default_factory=dict)


def find_config_file(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """The nearest config file at or above `start` and its dossierlint table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            data = _read_toml(candidate)
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("dossierlint")
                if table is None:
                    continue
            else:
                table = data
            if not isinstance(table, dict):
                raise UsageError(f"{candidate}: [tool.dossierlint] must be a table")
            return candidate, table
    return None, {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None


ROOT_MARKERS = (*CONFIG_FILES, ".git")


def _project_root(start: Path) -> Path:
    """Without settings: the nearest folder holding a config file or `.git`, else `start`."""
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def load_config(start: Path | None = None, config_file: Path | None = None) -> Config:
    """Read the configuration that applies at `start` (default: the working directory)."""
    start = (start or Path.cwd()).resolve()
    if config_file is not None:
        source: Path | None = config_file.resolve()
        data = _read_toml(config_file)
        table = (
            data.get("tool", {}).get("dossierlint", data)
            if config_file.name == "pyproject.toml"
            else data
        )
    else:
        source, table = find_config_file(start)
    root = source.parent if source else _project_root(start)
    where = str(source) if source else "configuration"
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise UsageError(f"{where}: unknown key {unknown[0]!r} (known: {known})")
    config = Config(
        root=root, source=source, dossiers=root / _text(table, "dossiers", where, "dossiers")
    )
    house_rules = table.get("house-rules")
    if house_rules is not None:
        config.house_rules = str(root / _text(table, "house-rules", where, ""))
    config.select = _codes(table, "select", where)
    config.ignore = _codes(table, "ignore", where)
    config.severity = _mapping(table, "severity", where)
    config.per_file_ignores = {
        pattern: _code_list(codes, f"per-file-ignores {pattern!r}", where)
        for pattern, codes in _mapping(table, "per-file-ignores", where, values=list).items()
    }
    config.options = _mapping(table, "options", where, values=object)
    config.reliability = _reliability(table, where)
    config.sources = root / _text(table, "sources", where, "sources")
    config.sources_max_age_days = _positive_int(table, "sources-max-age-days", where)
    if "docs-url" in table:
        config.docs_url = _text(table, "docs-url", where, "")
    config.raw = table
    return config


def _text(table: dict, key: str, where: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value:
        raise UsageError(f"{where}: {key} must be a non-empty string")
    return value


def _positive_int(table: dict, key: str, where: str) -> int:
    value = table.get(key, DEFAULT_SOURCES_MAX_AGE_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError(f"{where}: {key} must be a whole number of days, at least 1")
    return value


def _codes(table: dict, key: str, where: str) -> list[str]:
    return _code_list(table.get(key, []), key, where)


def _code_list(value: object, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{where}: {key} must be a list of rule codes")
    return [item.strip() for item in value]


def _reliability(table: dict, where: str) -> dict[str, Reliability]:
    entries = _mapping(table, "reliability", where, values=object)
    try:
        return parse_reliability_entries(entries, f"{where}: reliability")
    except ValueError as error:
        raise UsageError(str(error)) from None


def _mapping(table: dict, key: str, where: str, values: type = str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(item, values) for item in value.values()):
        raise UsageError(f"{where}: {key} must be a table")
    return dict(value)
