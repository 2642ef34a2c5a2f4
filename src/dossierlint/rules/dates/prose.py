"""The scan of the prose that the date rules share, done once per file.

Every date rule reads dates through `dossierlint.grammar.dates`. The prose is scanned
once per file (`prose_lines`): each text line of the document that holds a
digit, except code, comments, the Sources section (its URLs and access dates
are the citation rules' business) and the footer (the metadata rules read it).
The parser itself ignores dates inside URLs.
"""

from __future__ import annotations

import datetime

from dossierlint import regex
from dossierlint.grammar.dates import (
    DateRange,
    DateValue,
    ImpossibleDate,
    NumericRange,
    may_hold_dates,
    scan_tested_line,
)
from dossierlint.parse import BLANK, CODE, COMMENT, RULE
from dossierlint.records import TupleRecord
from dossierlint.rules.base import Context
from dossierlint.rules.section_map import resolved_sections

SKIPPED_KINDS = frozenset({BLANK, CODE, COMMENT, RULE})


_SHORT_END = regex.compile(r"[0-9]{1,2}|[0-9]0['\u2019]?s")


class ProseLine(TupleRecord):
    """One scanned line: its dates and numeric ranges, as `dossierlint.grammar.dates` finds them."""

    number: int
    kind: str
    text: str
    dates: tuple[DateValue | DateRange | ImpossibleDate, ...]
    numbers: tuple[NumericRange, ...]


def prose_lines(ctx: Context) -> list[ProseLine]:
    """The prose lines that hold dates or numeric ranges, in order (computed once per file)."""
    return ctx.derived(_scan_prose)


def prose_by_line(ctx: Context) -> dict[int, ProseLine]:
    return ctx.derived(_index_prose_by_line)


def _index_prose_by_line(ctx: Context) -> dict[int, ProseLine]:
    return {p.number: p for p in prose_lines(ctx)}


def excluded_lines(ctx: Context) -> set[int]:
    """The Sources section and the footer: their dates are not prose."""
    return ctx.derived(_find_excluded_lines)


def _find_excluded_lines(ctx: Context) -> set[int]:
    excluded = {item.line for item in ctx.parsed.footer.values()}
    sources = ctx.house_rules.section_with("sources")
    for item in resolved_sections(ctx):
        if sources is not None and item.title == sources:
            excluded.update(range(item.section.line, item.section.end_line + 1))
    return excluded


def _scan_prose(ctx: Context) -> list[ProseLine]:
    document = ctx.document
    excluded = excluded_lines(ctx)
    found = []
    for number, (text, kind) in enumerate(zip(document.lines, document.kinds, strict=True), 1):
        if kind in SKIPPED_KINDS or number in excluded or not may_hold_dates(text):
            continue
        dates, numbers = scan_tested_line(text)
        if dates or numbers:
            found.append(ProseLine(number, kind, text, dates, numbers))
    return found


def first_day(item: DateValue | DateRange) -> datetime.date:
    return item.start.start if isinstance(item, DateRange) else item.start


def last_day(item: DateValue | DateRange) -> datetime.date:
    return item.end.end if isinstance(item, DateRange) else item.end


def crosses_century(item: DateRange) -> bool:
    """An abbreviated end year that expands into the next century (`1945-41` is 1945-2041)."""
    return bool(_SHORT_END.fullmatch(item.end.text)) and (
        item.end.start.year // 100 != item.start.start.year // 100
    )
