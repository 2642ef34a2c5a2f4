"""The formal schema: the model as JSON Schema 2020-12, as strict as a dossier without errors.

pydantic derives the schema from the model's dataclass twins; the `Vocabulary`
and `Format` markers on their fields are then filled in from the house rules.
The model describes any dossier, broken ones included (a missing part is None),
so the schema is then tightened to what a dossier the linter passes always has:
the parts listed in `REQUIRED` (each with the rule that guarantees it), the
house rules' required sections, Overview rows and tags, and `min-sources`
sources. A program validating exported JSON so rejects what the linter
rejects, except what JSON Schema cannot say (README, "What only the linter checks").
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import TypeAdapter

from dossierlint import model
from dossierlint.houserules import HouseRules
from dossierlint.records import dataclass_twins, is_record

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "dossier.schema.json"

REQUIRED: dict[str, dict[str, str]] = {
    "Dossier": {
        "title": "DL101",
        "overview": "DL110",
        "sections": "DL103",
        "sources": "DL220",
        "confidence": "DL103",
        "metadata": "DL120",
    },
    "Source": {"title": "DL201", "url": "DL201", "type": "DL201", "accessed": "DL201"},
    "Comparison": {"slug": "DL502", "relationship": "DL503"},
    "Confidence": {"level": "DL301", "notes": "DL304"},
    "Metadata": {"created": "DL120", "last_updated": "DL120", "tags": "DL120"},
}
"""Model class -> field -> the error rule that reports a dossier without it.

Each field listed is required and may not be null. A model change that renames
or removes one of them must change this table too: `build_json_schema` fails
on a name the model does not have."""


def build_json_schema(
    house_rules: HouseRules, options: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The schema for these house rules and rule options (`min-sources`)."""
    twins = dataclass_twins(_model_classes())
    schema = TypeAdapter(twins[model.Dossier]).json_schema(mode="serialization")
    definitions = {cls.__name__: _definition(schema, cls) for cls in _model_classes()}
    for cls in _model_classes():
        target = definitions[cls.__name__]
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, hint in hints.items():
            markers = _markers(hint)
            if markers and name in target.get("properties", {}):
                _apply(target["properties"][name], markers, house_rules)
    for class_name, fields in REQUIRED.items():
        for name in fields:
            _require(definitions[class_name], class_name, name)
    min_sources = (options or _default_options()).get("min-sources", 0)
    _apply_house_rules(definitions, house_rules, min_sources)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Regime dossier",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_json_schema(house_rules: HouseRules, options: Mapping[str, Any] | None = None) -> str:
    text = json.dumps(build_json_schema(house_rules, options), indent=2, ensure_ascii=False)
    return text + "\n"


def _default_options() -> dict[str, Any]:
    """The rules' own option defaults, for a schema built without a configuration."""
    from dossierlint.rules import REGISTRY

    return {name: value for rule in REGISTRY.values() for name, value in rule.options.items()}


def _model_classes() -> list[type]:
    return [value for value in vars(model).values() if isinstance(value, type) and is_record(value)]


def _definition(schema: dict[str, Any], cls: type) -> dict[str, Any]:
    return schema if cls is model.Dossier else schema.get("$defs", {}).get(cls.__name__, {})


def _require(definition: dict[str, Any], class_name: str, name: str) -> None:
    """Make a field required and drop its null option and its default."""
    properties = definition.get("properties", {})
    if name not in properties:
        raise AssertionError(f"schema.REQUIRED names {class_name}.{name}, which the model lacks")
    node = properties[name]
    node.pop("default", None)
    kept = [option for option in node.get("anyOf", []) if option != {"type": "null"}]
    if "anyOf" in node and len(kept) == 1:
        del node["anyOf"]
        node.update(kept[0])
    elif "anyOf" in node:
        node["anyOf"] = kept
    required = definition.setdefault("required", [])
    if name not in required:
        required.append(name)


def _apply_house_rules(
    definitions: dict[str, dict[str, Any]], house_rules: HouseRules, min_sources: int
) -> None:
    dossier = definitions["Dossier"]["properties"]
    _must_contain(dossier["sections"], "title", house_rules.section_titles)
    dossier["sources"]["minItems"] = min_sources
    confidence = definitions["Confidence"]["properties"]
    confidence["notes"]["minItems"] = 1
    overview = definitions["Overview"]["properties"]
    _must_contain(overview["fields"], "name", [field.name for field in house_rules.overview_fields])
    tags = definitions["Metadata"]["properties"]["tags"]
    tags["allOf"] = [
        {"contains": {"const": tag}} for tag in house_rules.vocabulary("required_tags")
    ]


def _must_contain(array: dict[str, Any], key: str, values: typing.Iterable[str]) -> None:
    """The array holds, for each value, an object whose `key` is that value."""
    array["allOf"] = [
        {"contains": {"type": "object", "properties": {key: {"const": value}}, "required": [key]}}
        for value in values
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
