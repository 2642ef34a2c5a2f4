"""The formal schema: the model as JSON Schema 2020-12, with the house vocabularies as enums.

pydantic derives the schema from the model's dataclasses; the `Vocabulary`
and `Format` markers on their fields are then filled in from the house rules,
so a program validating exported JSON gets the same answers as the linter.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from pydantic import TypeAdapter

from dossierlint import model
from dossierlint.houserules import HouseRules

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "dossier.schema.json"


def build_json_schema(house_rules: HouseRules) -> dict[str, Any]:
    schema = TypeAdapter(model.Dossier).json_schema(mode="serialization")
    for cls in _model_classes():
        target = schema if cls is model.Dossier else schema["$defs"][cls.__name__]
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, hint in hints.items():
            markers = _markers(hint)
            if markers and name in target.get("properties", {}):
                _apply(target["properties"][name], markers, house_rules)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Regime dossier",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_json_schema(house_rules: HouseRules) -> str:
    return json.dumps(build_json_schema(house_rules), indent=2, ensure_ascii=False) + "\n"


def _model_classes() -> list[type]:
    return [
        value
        for value in vars(model).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    ]


def _markers(hint: Any) -> list[Any]:
    """Vocabulary/Format markers anywhere inside an annotation (through Optional, list)."""
    found = []
    if typing.get_origin(hint) is typing.Annotated:
        found += [m for m in hint.__metadata__ if isinstance(m, model.Vocabulary | model.Format)]
    for argument in typing.get_args(hint):
        found += _markers(argument)
    return found


def _apply(property_schema: dict[str, Any], markers: list[Any], house_rules: HouseRules) -> None:
    for node in _string_nodes(property_schema):
        for marker in markers:
            if isinstance(marker, model.Vocabulary):
                node["enum"] = list(house_rules.vocabulary(marker.name))
            else:
                if marker.format:
                    node["format"] = marker.format
                if marker.pattern:
                    node["pattern"] = marker.pattern


def _string_nodes(node: Any) -> list[dict[str, Any]]:
    if not isinstance(node, dict):
        return []
    if node.get("type") == "string":
        return [node]
    found = []
    for key in ("anyOf", "oneOf"):
        for option in node.get(key, []):
            found += _string_nodes(option)
    found += _string_nodes(node.get("items"))
    return found
