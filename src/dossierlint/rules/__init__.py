"""The rule registry: every rule of every family, by code."""

from __future__ import annotations

from dossierlint.rules import (
    collection,
    collection_facts,
    confidence,
    dates,
    facts,
    grounding,
    meta,
    placeholders,
    sources,
    structure,
)
from dossierlint.rules.base import Rule

FAMILIES = (
    meta,
    placeholders,
    structure,
    sources,
    confidence,
    dates,
    facts,
    collection,
    collection_facts,
    grounding,
)

REGISTRY: dict[str, Rule] = {rule.code: rule for family in FAMILIES for rule in family.RULES}
