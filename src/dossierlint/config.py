"""Configuration: `[tool.dossierlint]` in pyproject.toml or a `.dossierlint.toml`.

Found by walking up from the working directory, no further than the repository's
root (the folder holding `.git`): a folder above the clone is not the project's
to configure. The folder holding the file is the project root. Unknown keys,
rule codes or options, blank rule selectors and values out of range are errors
(exit 2), so a typo never silently disables a check.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossierlint.errors import UsageError
from dossierlint.files import MAX_FILE_BYTES, read_toml
from dossierlint.records import Record, field
from dossierlint.reliability import Reliability, parse_reliability_entries

if TYPE_CHECKING:
    from collections.abc import Callable

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
    "max-file-size",
}
DEFAULT_SOURCES_MAX_AGE_DAYS = 365
MAX_FILE_SIZE_RANGE = (1024, 1024**3)
"""Bounds of `max-file-size` (bytes): 1 KiB to 1 GiB."""


class Config(Record):
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
    max_file_size: int = MAX_FILE_BYTES
    """A dossier larger than this many bytes is not read: an error names it."""


def find_config_file(
    start: Path, *, copies: Callable[[Path], Any] | None = None
) -> tuple[Path | None, dict[str, Any]]:
    """The nearest config file at or above `start`, up to the repository root, and its
    table; with `copies`, read through the copy the project's cache keeps of it."""
    for folder in _up_to_repository_root(start):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            table = _settings_table(candidate, name == "pyproject.toml", copies)
            if table is None:
                continue  # a pyproject.toml without [tool.dossierlint]
            if not isinstance(table, dict):
                raise UsageError(f"{candidate}: [tool.dossierlint] must be a table")
            return candidate, table
    return None, {}


def _settings_table(path: Path, in_pyproject: bool, copies: Callable[[Path], Any] | None) -> object:
    """The dossierlint table of the settings file `path` (None: a pyproject.toml without
    one). With `copies` (`cache.SettingsCopy`, which `check` gives with the cache on),
    the copy the project's cache keeps of a table stands for the file while the file
    is unchanged: tomllib's import and parse are 6% of a one-file check."""
    copy = copies(path) if copies is not None else None
    if copy is not None:
        kept = copy.table()
        if kept is not None:
            return kept
    table = _dossierlint_table(read_toml(path), in_pyproject)
    if copy is not None and isinstance(table, dict):
        copy.keep(table)
    return table


def _dossierlint_table(data: dict[str, Any], in_pyproject: bool) -> object:
    """The dossierlint table of a settings file's `data`: a pyproject.toml's
    `[tool.dossierlint]` (None without one, or when its `tool` is no table), a
    `.dossierlint.toml`'s whole data."""
    if not in_pyproject:
        return data
    tool = data.get("tool")
    return tool.get("dossierlint") if isinstance(tool, dict) else None


def _up_to_repository_root(start: Path) -> list[Path]:
    """`start` and the folders above it, ending at the first that holds `.git`."""
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if os.path.lexists(folder / ".git"):
            break
    return folders


ROOT_MARKERS = (*CONFIG_FILES, ".git")


def _project_root(start: Path) -> Path:
    """Without settings: the nearest folder holding a config file or `.git`, else `start`."""
    for folder in _up_to_repository_root(start):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def load_config(
    start: Path | None = None,
    config_file: Path | None = None,
    *,
    copies: Callable[[Path], Any] | None = None,
) -> Config:
    """Read the configuration that applies at `start` (default: the working directory);
    `copies`: see `find_config_file`."""
    start = (start or Path.cwd()).resolve()
    if config_file is not None:
        source: Path | None = config_file.resolve()
        data = read_toml(config_file)
        named = _dossierlint_table(data, config_file.name == "pyproject.toml")
        table = data if named is None else named  # a named file is read whole without one
        if not isinstance(table, dict):
            raise UsageError(f"{source}: [tool.dossierlint] must be a table")
    else:
        source, table = find_config_file(start, copies=copies)
    root = source.parent if source else _project_root(start)
    where = str(source) if source else "configuration"
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise UsageError(f"{where}: unknown key {unknown[0]!r} (known: {known})")
    config = Config(root=root, source=source, dossiers=_inside(root, table, where))
    house_rules = table.get("house-rules")
    if house_rules is not None:
        config.house_rules = str(root / _text(table, "house-rules", where, ""))
    config.select = _codes(table, "select", where)
    config.ignore = _codes(table, "ignore", where)
    config.severity = _mapping(table, "severity", where)
    if not all(selector.strip() for selector in config.severity):
        raise UsageError(f"{where}: severity names an empty rule code (it would match every rule)")
    config.per_file_ignores = {
        _glob(pattern, where): _code_list(codes, f"per-file-ignores {pattern!r}", where)
        for pattern, codes in _mapping(table, "per-file-ignores", where, values=list).items()
    }
    config.options = _mapping(table, "options", where, values=object)
    config.reliability = _reliability(table, where)
    config.sources = root / _text(table, "sources", where, "sources")
    config.sources_max_age_days = _positive_int(table, "sources-max-age-days", where)
    if "docs-url" in table:
        config.docs_url = _text(table, "docs-url", where, "")
    config.max_file_size = _bounded(table, "max-file-size", where, MAX_FILE_SIZE_RANGE)
    config.raw = table
    return config


def _inside(root: Path, table: dict, where: str) -> Path:
    """The dossiers folder, which must lie inside the project (`/` would walk the disk)."""
    value = _text(table, "dossiers", where, "dossiers")
    folder = root / value
    real, real_root = os.path.realpath(folder), os.path.realpath(root)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        raise UsageError(f"{where}: dossiers {value!r} is outside the project ({root})")
    return folder


def _bounded(table: dict, key: str, where: str, bounds: tuple[int, int]) -> int:
    low, high = bounds
    value = table.get(key, MAX_FILE_BYTES)
    if type(value) is not int or not low <= value <= high:
        raise UsageError(f"{where}: {key} must be a whole number from {low} to {high}")
    return value


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
    if not all(item.strip() for item in value):
        raise UsageError(f"{where}: {key} holds an empty rule code (it would match every rule)")
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


def _glob(pattern: str, where: str) -> str:
    """A per-file-ignores pattern, checked: not blank, and not malformed (an unclosed `[`,
    or a class such as `[z-a]` that matches nothing), so that it can match some file."""
    if not pattern.strip():
        raise UsageError(f"{where}: per-file-ignores has an empty file pattern")
    opened = pattern.rfind("[")
    if (opened >= 0 and "]" not in pattern[opened + 2 :]) or "(?!)" in fnmatch.translate(pattern):
        raise UsageError(f"{where}: per-file-ignores pattern {pattern!r} is malformed")
    return pattern
