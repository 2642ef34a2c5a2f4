"""Resolve each H2 heading of a dossier to the house section it stands for.

Several structure rules need the same answer (which required section is
this heading, which are missing, which headings are near misses); it is
computed once per file and kept in the rule context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dossierlint.model import Section
from dossierlint.rules.base import Context

NEAR_MISS_RATIO = 0.8
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class ResolvedSection:
    section: Section
    title: str | None
    """The house section this heading stands for; None when it is unknown."""
    near_miss: bool
    """True when the heading is a misspelling of `title`."""


def normalise_title(title: str) -> str:
    return _NOT_WORD.sub("", title.casefold().replace("&", "and"))


def closest_title(title: str, candidates: list[str]) -> str | None:
    """The one candidate `title` is a near miss of, or None (no match, or a tie)."""
    from difflib import SequenceMatcher  # here: a clean dossier never needs it

    wanted = normalise_title(title)
    scored = []
    for candidate in candidates:
        normal, absent = _profile(candidate)
        # Upper bounds of the ratio first (as difflib.get_close_matches does), so that
        # a dossier with 100,000 headings does not pay a full comparison for each: a
        # candidate below the cut-off can be neither the answer nor tie with it.
        total = len(wanted) + len(normal)
        shared = min(len(wanted) - len(wanted.translate(absent)), len(normal))
        if total and 2.0 * shared / total < NEAR_MISS_RATIO:
            continue
        matcher = SequenceMatcher(None, wanted, normal)
        if matcher.quick_ratio() >= NEAR_MISS_RATIO:
            scored.append((matcher.ratio(), candidate))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < NEAR_MISS_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


@lru_cache(maxsize=256)
def _profile(candidate: str) -> tuple[str, dict[int, None]]:
    """A candidate's normalised title, and a table deleting the characters it has."""
    normal = normalise_title(candidate)
    return normal, dict.fromkeys(map(ord, normal))


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
