"""`dossierlint export`: parsed dossiers as JSON that validates against the schema.

Only a dossier without errors is exported; each other one gets a one-line
reason. The schema is as strict as the linter where it can be, so with the
default rules the JSON of a dossier without errors always validates; a
configuration that turns a rule off or down to a warning can let through a
dossier the schema rejects, and that one is refused too, naming what breaks it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema

from dossierlint.decoding import decode
from dossierlint.errors import UsageError, printable
from dossierlint.files import display_path, read_bytes
from dossierlint.findings import Finding
from dossierlint.linter import Linter
from dossierlint.parse import parse
from dossierlint.records import Record, field_names, is_record
from dossierlint.schema import build_json_schema


class Refusal(Record, frozen=True):
    """A dossier that was not exported, and why, on one printable line."""

    path: str
    reason: str

    def __str__(self) -> str:
        return printable(f"{self.path}: not exported: {self.reason}")


def export_paths(linter: Linter, paths: list[Path]) -> Iterator[dict[str, Any] | Refusal]:
    """The JSON data of each dossier under `paths` (folders are walked), or why not."""
    files, collection = linter.prepare(paths)
    validator = jsonschema.Draft202012Validator(
        build_json_schema(linter.house_rules, linter.ruleset.options),
        format_checker=jsonschema.FormatChecker(),
    )
    for path in files:
        shown = display_path(path)
        try:
            data = read_bytes(path, shown)
        except UsageError as error:
            yield Refusal(shown, str(error).removeprefix(f"{shown}: "))
            continue
        errors = [f for f in linter.lint_data(path, data, collection) if f.severity == "error"]
        if errors:
            yield Refusal(shown, _errors_reason(errors))
            continue
        dossier = parse(decode(data).text or "", path.stem, linter.house_rules).dossier
        item = json_data(dossier)
        broken = _schema_error(validator, item)
        yield Refusal(shown, broken) if broken else item


def json_data(value: Any) -> Any:
    """A model object as JSON data: records as objects of their fields in order,
    lists as arrays, dates as ISO strings; what the schema describes."""
    if is_record(value):
        return {name: json_data(getattr(value, name)) for name in field_names(value)}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON with every character that is not printable escaped.

    `json` escapes the C0 controls itself; C1 controls (`\\x9b` starts a terminal
    escape), U+2028 and the bidirectional controls are valid raw in JSON but could
    drive a terminal or split a JSON Lines record, so they are written as `\\uXXXX`.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else json.dumps(c)[1:-1] for c in text)


def _errors_reason(errors: list[Finding]) -> str:
    first = errors[0]
    count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
    return (
        f"{count} (first: {first.line}:{first.column} {first.code} {first.message}); "
        "run 'dossierlint check' on it"
    )


def _schema_error(validator: jsonschema.Draft202012Validator, item: Any) -> str | None:
    error = jsonschema.exceptions.best_match(validator.iter_errors(item))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "the top"
    message = error.message
    if len(message) > 120:  # jsonschema quotes the whole value: name the constraint instead
        wanted = json.dumps(error.validator_value, ensure_ascii=False)
        message = f"fails {error.validator} {wanted[:80]}"
    return f"does not fit the schema at {where}: {message}"
