"""Rules about the file itself and about suppression comments.

Their problems are found by the engine while it reads the file and applies
inline suppressions; the rules here turn what it recorded into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossierlint.findings import Problem
from dossierlint.rules.base import Context, Example, rule


@rule(
    "DL001",
    "unused-suppression",
    "warning",
    "A `dossierlint-disable` comment that suppresses nothing.",
    example=Example(
        good="## Overview\n",
        bad="<!-- dossierlint-disable-next-line DL101 -->\n## Overview\n",
    ),
)
def unused_suppression(ctx: Context) -> Iterator[Problem]:
    """`<!-- dossierlint-disable-next-line CODE -->` silences CODE on the next
    line; `<!-- dossierlint-disable CODE -->` … `<!-- dossierlint-enable CODE -->`
    silences it in between (no code: every rule). A suppression that silences
    nothing, or names a code that is no rule, is stale and is reported so
    that it cannot hide a future problem.

    ## Why is this bad?
    A stale suppression hides nothing today but will silently hide the next real
    problem on its line, and a misspelt code suppresses nothing at all.

    ## How to fix
    Delete the comment, or correct the code it names.
    """
    yield from ctx.unused_suppressions


@rule(
    "DL002",
    "not-utf8",
    "error",
    "The file is not UTF-8 text.",
    example=Example(
        good="| **Country/Region** | Soviet Union (USSR) |",
        bad="| **Country/Region** | Soviet Union (USSR) \udce9 |",
    ),
)
def not_utf8(ctx: Context) -> Iterator[Problem]:
    """Dossiers are UTF-8 (a UTF-8 byte-order mark is tolerated). A byte that
    is not valid UTF-8 is reported at its line and the rest is still checked;
    a UTF-16 or binary file is reported once and not checked further.

    ## Why is this bad?
    Tools, editors and diffs read dossiers as UTF-8: other bytes show as garbage,
    and a UTF-16 or binary file cannot be checked at all.

    ## How to fix
    Save the file as UTF-8 (without changing its text), or replace the bytes
    reported.
    """
    yield from ctx.decode_problems


@rule(
    "DL003",
    "empty-file",
    "error",
    "The file is empty or holds only whitespace.",
    example=Example(good="", bad=" \n\n", whole_file=True),
)
def empty_file(ctx: Context) -> Iterator[Problem]:
    """An empty dossier is reported once, instead of once per missing part.
    Start a new dossier with `dossierlint new SLUG`.

    ## Why is this bad?
    An empty file in the dossiers folder is counted and linked as a dossier while
    saying nothing.

    ## How to fix
    Write the dossier (`dossierlint new SLUG` writes its skeleton), or delete the
    file.
    """
    if not ctx.document.has_text():
        yield Problem(1, 1, "file is empty; start a dossier with 'dossierlint new SLUG'")


RULES = (unused_suppression, not_utf8, empty_file)
