"""`dossierlint export`: the parsed dossier as JSON that validates against the schema."""

from __future__ import annotations

from typing import Any

import jsonschema
from pydantic import TypeAdapter

from dossierlint.houserules import HouseRules
from dossierlint.model import Dossier
from dossierlint.schema import build_json_schema


def to_json_data(dossiers: list[Dossier], house_rules: HouseRules) -> list[dict[str, Any]]:
    """Serialise dossiers, validating each against the JSON Schema of these house rules.

    A failure here means the parser built something the schema forbids: a bug,
    raised as an AssertionError for the CLI to report as an internal error.
    """
    adapter = TypeAdapter(Dossier)
    validator = jsonschema.Draft202012Validator(
        build_json_schema(house_rules), format_checker=jsonschema.FormatChecker()
    )
    items = []
    for dossier in dossiers:
        data = adapter.dump_python(dossier, mode="json")
        error = jsonschema.exceptions.best_match(validator.iter_errors(data))
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path)
            raise AssertionError(
                f"export of {dossier.slug} breaks the schema at {where}: {error.message}"
            )
        items.append(data)
    return items
