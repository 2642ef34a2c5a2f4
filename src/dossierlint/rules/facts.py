"""Facts that agree: people's lives, ages, deaths and labelled figures within one dossier.

The rules read the dossier's fact index (`dossierlint.facts`), built once per
file through `Context.derived` from the prose lines the date rules scan.
"""

from __future__ import annotations

from dossierlint.facts import FactIndex, build
from dossierlint.rules.base import Context
from dossierlint.rules.dates import _excluded_lines, prose_lines


def fact_index(ctx: Context) -> FactIndex:
    """The dossier's fact index, built once per file however many rules read it."""
    return ctx.derived(_build)


def _build(ctx: Context) -> FactIndex:
    return build(ctx.parsed, prose_lines(ctx), _excluded_lines(ctx))


RULES = ()
