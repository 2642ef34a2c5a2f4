"""Resolve each H2 heading of a dossier to the house section it stands for.

Several structure rules need the same answer (which required section is
this heading, which are missing, which headings are near misses); it is
computed once per file and kept in the rule context.
"""

from __future__ import annotations

from dossierlint.model import Section
from dossierlint.records import Record
from dossierlint.rules.base import Context
from dossierlint.suggest import closest_title


class ResolvedSection(Record, hash=True):
    section: Section
    title: str | None
    """The house section this heading stands for; None when it is unknown."""
    near_miss: bool
    """True when the heading is a misspelling of `title`."""


def resolved_sections(ctx: Context) -> list[ResolvedSection]:
    return ctx.derived(_resolve)


def _resolve(ctx: Context) -> list[ResolvedSection]:
    rules = ctx.house_rules
    allowed = set(rules.section_titles) | set(rules.optional_sections)
    present = {section.title for section in ctx.dossier.sections}
    missing = [title for title in rules.section_titles if title not in present]
    resolved = []
    for section in ctx.dossier.sections:
        if section.title in allowed:
            resolved.append(ResolvedSection(section, section.title, False))
            continue
        match = closest_title(section.title, missing)
        if match:
            missing.remove(match)
        resolved.append(ResolvedSection(section, match, match is not None))
    return resolved
