"""Placeholders: the marked hints `dossierlint new` writes where only the author knows the content."""

from __future__ import annotations

from collections.abc import Iterator

from dossierlint import regex
from dossierlint.findings import Problem
from dossierlint.rules.base import Context, Example, rule

_SHOWN = 60
"""How much of a placeholder a message quotes."""
_ENDS = regex.compile(r" \||\]\(")
"""Where a placeholder inside a table cell or a link title ends."""


@rule(
    "DL004",
    "placeholder-left",
    "error",
    "A `TODO(dossierlint):` placeholder is still in the dossier.",
    example=Example(
        good="- Scholarly debates ongoing on interpretation\n",
        bad="- TODO(dossierlint): why the sources support this rating (one bullet per reason)\n",
    ),
)
def placeholder_left(ctx: Context) -> Iterator[Problem]:
    """`dossierlint new` (and `new --update`) writes a placeholder wherever
    only the author can supply the content: a hint line in a prose section,
    the role of a key figure, the title of a source, an Overview value it was
    not given. Each begins with the marker `TODO(dossierlint):` (`[placeholders]
    marker` in the house rules), so a fresh dossier passes every other rule
    and fails on its placeholders alone. Every line still holding the marker
    is reported: replace the placeholder with real content (and a placeholder
    source with a real page).

    ## Why is this bad?
    A placeholder is a gap the author meant to fill: published as it is, the dossier
    states a to-do as content.

    ## How to fix
    Replace each placeholder with real content, and a placeholder source with a real
    page.
    """
    marker = ctx.house_rules.placeholder_marker
    if marker not in ctx.document.text:
        return
    for number, line in enumerate(ctx.document.lines, 1):
        column = line.find(marker)
        if column < 0:
            continue
        text = _ENDS.split(line[column:], maxsplit=1)[0].strip()
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        yield Problem(number, column + 1, f"placeholder left in the dossier: '{shown}'")


RULES = (placeholder_left,)
