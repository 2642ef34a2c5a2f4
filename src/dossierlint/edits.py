"""Applying fixes: findings' text edits, spliced into the original text.

A fix is a set of edits (line, character range → replacement) computed
against the text the rules saw. Edits are mapped to offsets in that text,
whose line endings (LF, CRLF, CR, mixed) stay exactly as they were: only the
replaced characters change, and a "\\n" in a replacement is written with the
line's own ending. A fix is applied whole or not at all: one whose edits
touch an edit accepted earlier in the round waits for the next round (the
file is linted again after every round), so no fix is ever applied at stale
positions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from itertools import pairwise

from dossierlint.decoding import UTF8_BOM, decode
from dossierlint.findings import Edit, Finding, Fix
from dossierlint.records import Record
from dossierlint.text import LINE_BREAK

MAX_ROUNDS = 10
"""Lint-and-fix rounds per file before giving up on settling (as ruff does)."""


class Applied(Record, frozen=True):
    """One round's outcome: the new text and which findings' fixes went into it."""

    text: str
    fixed: list[Finding]


class _Span(Record, frozen=True):
    """An edit as offsets into the whole text: replace [start, end) with `text`."""

    start: int
    end: int
    text: str


class _Lines:
    """Where each line of a text starts and ends and how it ends, split as the parser splits.

    One past the last line is addressable too when the text ends with a line
    break (or is empty): an edit there at offset 0 inserts after the end.
    """

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int, str]] = []
        position = 0
        for match in LINE_BREAK.finditer(text):
            self.spans.append((position, match.start(), match.group()))
            position = match.end()
        if position < len(text):
            self.spans.append((position, len(text), ""))
        else:
            self.spans.append((position, position, ""))  # the place after a final break
        self.default_ending = next((e for _, _, e in self.spans if e), "\n")

    def span(self, edit: Edit) -> _Span | None:
        """The edit as text offsets; None when it does not fit the text (a stale fix)."""
        if not 1 <= edit.line <= len(self.spans):
            return None
        start, end, ending = self.spans[edit.line - 1]
        if not 0 <= edit.start <= edit.end <= end - start:
            return None
        replacement = LINE_BREAK.sub(ending or self.default_ending, edit.replacement)
        if edit.start == 0 and self._after_cr(edit.line):
            follows = replacement or (ending if edit.end == end - start else "")
            if follows.startswith("\n"):
                return None  # a CR followed by an LF would read as one line break
        return _Span(start + edit.start, start + edit.end, replacement)

    def _after_cr(self, line: int) -> bool:
        return line > 1 and self.spans[line - 2][2] == "\r"


def _clash(a: _Span, b: _Span) -> bool:
    """Two edits touch: they overlap, or share a start (two insertions, or one at
    the start of the other, have no defined order)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


class _Accepted:
    """The edits accepted so far, ordered by start; none clash, so starts are unique."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[_Span] = []

    def clashes(self, span: _Span) -> bool:
        index = bisect.bisect_left(self.starts, span.start)
        before = self.spans[index - 1] if index else None
        after = self.spans[index] if index < len(self.spans) else None
        return any(other is not None and _clash(span, other) for other in (before, after))

    def add(self, span: _Span) -> None:
        index = bisect.bisect_left(self.starts, span.start)
        self.starts.insert(index, span.start)
        self.spans.insert(index, span)


def _spans(fix: Fix, lines: _Lines) -> list[_Span] | None:
    """The fix's edits as offsets, in order; None if one does not fit or two clash."""
    spans = []
    for edit in fix.edits:
        span = lines.span(edit)
        if span is None:
            return None
        spans.append(span)
    spans.sort(key=lambda span: (span.start, span.end))
    if any(_clash(a, b) for a, b in pairwise(spans)):
        return None
    return spans


def applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether --fix (or --fix --unsafe-fixes) would try this finding's fix."""
    return finding.fix is not None and bool(finding.fix.edits) and (finding.fix.safe or unsafe)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> Applied:
    """Apply every fix that fits and clashes with no earlier one, in finding order.

    Unsafe fixes are applied only with `unsafe`. A fix whose edits do not fit
    the text (a line or range that does not exist) is ignored.
    """
    lines = _Lines(text)
    accepted = _Accepted()
    fixed = []
    for finding in sorted(findings, key=Finding.sort_key):
        if not applicable(finding, unsafe):
            continue
        spans = _spans(finding.fix, lines)
        if spans is None or any(accepted.clashes(span) for span in spans):
            continue
        for span in spans:
            accepted.add(span)
        fixed.append(finding)
    return Applied(_splice(text, accepted.spans), fixed)


def _splice(text: str, spans: list[_Span]) -> str:
    parts = []
    position = 0
    for span in spans:
        parts += [text[position : span.start], span.text]
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


class Fixed(Record, frozen=True):
    """A file's bytes after fixing, with what was fixed and what remains."""

    data: bytes
    fixed: int
    """How many findings' fixes were applied, over all rounds."""
    remaining: list[Finding]
    """The findings in `data`."""
    settled: bool
    """False when fixes were still being applied after MAX_ROUNDS rounds."""


def fix_bytes(data: bytes, lint: Callable[[bytes], list[Finding]], unsafe: bool = False) -> Fixed:
    """Lint, fix, lint again, until no fix applies (or MAX_ROUNDS): the fixed bytes."""
    findings = lint(data)
    fixed = 0
    for _ in range(MAX_ROUNDS):
        step = _fix_round(data, findings, unsafe)
        if step is None:
            return Fixed(data, fixed, findings, True)
        data, count = step
        fixed += count
        findings = lint(data)
    return Fixed(data, fixed, findings, _fix_round(data, findings, unsafe) is None)


def _fix_round(data: bytes, findings: list[Finding], unsafe: bool) -> tuple[bytes, int] | None:
    """The bytes with one round of fixes applied and how many; None if nothing changes.

    The text is edited as decoded and encoded back with its BOM, if it had
    one. A file that is not valid UTF-8 is left alone: its bytes could not be
    written back as they were.
    """
    decoded = decode(data)
    if decoded.text is None or decoded.problems:
        return None
    applied = apply_fixes(decoded.text, findings, unsafe)
    if applied.text == decoded.text:
        return None
    bom = UTF8_BOM if decoded.bom else b""
    return bom + applied.text.encode("utf-8"), len(applied.fixed)
