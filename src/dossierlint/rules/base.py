"""What a rule is: its metadata, the context it reads, the problems it yields.

A rule is a generator function decorated with `@rule(...)`; its docstring is
its documentation and its `Example` is run by the test suite, so the two
cannot drift apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from dossierlint.findings import Problem
from dossierlint.houserules import HouseRules
from dossierlint.parse import ParsedDossier
from dossierlint.records import Record, field

if TYPE_CHECKING:
    from dossierlint.claims import SnapshotText
    from dossierlint.collection_index import Collection
    from dossierlint.config import Config

T = TypeVar("T")


class Example(Record, hash=True):
    """A failing and a passing fragment of a dossier.

    `good` is text found exactly once in the reference dossier; the test suite
    replaces it with `bad` and expects this rule, and only this rule, to fire.
    With `whole_file`, `bad` is the whole file and the reference itself passes.
    With `file_name`, `good` and `bad` are file names: the reference saved
    under `bad` fails and under `good` passes. `others` are further dossiers
    in the collection, as (file name, text), for rules that read other files;
    both the failing and the passing text are checked beside them.
    `fixed` is what the rule's fix makes of `bad` (for a fixable rule): the
    test suite fixes the failing text and expects `bad` replaced by `fixed`.
    `snapshots` are source snapshots in the project's store, as (URL, text),
    for the rules that read the cited sources' text.
    """

    good: str
    bad: str
    whole_file: bool = False
    file_name: bool = False
    others: tuple[tuple[str, str], ...] = ()
    fixed: str | None = None
    snapshots: tuple[tuple[str, str], ...] = ()


class Context(Record):
    """Everything a rule may read about the dossier under check."""

    path: str
    parsed: ParsedDossier
    house_rules: HouseRules
    options: dict[str, Any]
    today: datetime.date
    collection: Collection | None = None
    """The collection index (slugs, titles, links) for cross-dossier rules."""
    config: Config | None = None
    """The run's configuration (for settings a rule reads beyond its options)."""
    decode_problems: list[Problem] = field(default_factory=list)
    """What decoding the file's bytes found (bytes that are not UTF-8), for DL002."""
    decoded: bool = True
    """Whether the bytes decoded to text at all (the rules past DL002 read only text)."""
    unused_suppressions: list[Problem] = field(default_factory=list)
    """Suppression comments that silenced nothing, found after the other rules ran, for DL001."""
    computed: dict[Callable[[Context], Any], Any] = field(default_factory=dict)
    """What `derived` computed for this file, by the function that computed it."""
    snapshots: Mapping[str, SnapshotText] | None = None
    """The project's source snapshots by normalised URL; None when it keeps none."""

    @property
    def dossier(self):
        return self.parsed.dossier

    @property
    def document(self):
        return self.parsed.document

    def derived(self, compute: Callable[[Context], T]) -> T:
        """`compute(self)`, computed once per file however many rules ask for it."""
        if compute not in self.computed:
            self.computed[compute] = compute(self)
        return self.computed[compute]


def joined_lines(ctx: Context) -> str:
    """The file's lines joined by `\\n` (its text, with any other line break made
    `\\n`): for the rules that find their lines with one search of the whole."""
    return ctx.derived(_join_lines)


def _join_lines(ctx: Context) -> str:
    return "\n".join(ctx.document.lines)


CheckFunction = Callable[[Context], Iterator[Problem]]
FixSafety = Literal["safe", "unsafe"] | None
FIX_SAFETIES = ("safe", "unsafe", None)


class Rule(Record, hash=True):
    code: str
    name: str
    severity: str
    summary: str
    check: CheckFunction
    example: Example
    fix: FixSafety = None
    """Whether the rule's findings carry a fix, and whether it is safe (applied by
    --fix) or unsafe (a guess, applied only with --unsafe-fixes); a finding's own
    `Fix.safe` agrees with it."""
    options: dict[str, Any] = field(default_factory=dict)
    """Option name -> default value; set under `[tool.dossierlint.options]`."""
    default: bool = True
    """Off by default: runs only when a selector names it (its code, name or a prefix)."""

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


def rule(
    code: str,
    name: str,
    severity: str,
    summary: str,
    *,
    example: Example,
    fix: FixSafety = None,
    options: dict[str, Any] | None = None,
    default: bool = True,
) -> Callable[[CheckFunction], Rule]:
    """Turn a check generator into a Rule carrying its metadata."""
    if fix not in FIX_SAFETIES:
        raise ValueError(f"{code}: fix is one of {FIX_SAFETIES}, not {fix!r}")

    def wrap(check: CheckFunction) -> Rule:
        return Rule(code, name, severity, summary, check, example, fix, options or {}, default)

    return wrap
