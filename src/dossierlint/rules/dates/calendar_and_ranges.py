"""Date rules that need no other part of the dossier: real calendar dates, ranges
that run forward, nothing in the future, and the footer's ISO dates.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from dossierlint import regex
from dossierlint.findings import Problem
from dossierlint.grammar.dates import (
    COUNT_NOUNS,
    DateRange,
    DateValue,
    ImpossibleDate,
    NumericRange,
    is_iso_shaped,
)
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.dates.overview import overview_row
from dossierlint.rules.dates.prose import ProseLine, crosses_century, prose_lines

_COUNT_AFTER = regex.compile(
    rf"[ \t]{{0,3}}(?:{'|'.join(COUNT_NOUNS)})s?(?![A-Za-z])", re.IGNORECASE
)


@rule(
    "DL401",
    "impossible-date",
    "error",
    "A calendar date that does not exist (February 30).",
    example=Example(
        good="Appointed General Secretary on April 3, 1922",
        bad="Appointed General Secretary on February 30, 1922",
    ),
)
def impossible_date(ctx: Context) -> Iterator[Problem]:
    """Every day-precise date names a day the calendar has: `February 30, 1922`,
    `June 31, 1941` and `February 29, 1923` do not exist. Checked everywhere in
    the prose, headings and tables; the footer's ISO dates are checked by DL409.

    ## Why is this bad?
    A date that does not exist is a typo, and every comparison made with it is
    wrong.

    ## How to fix
    Correct the day or the month.
    """
    for line in prose_lines(ctx):
        for item in line.dates:
            if isinstance(item, ImpossibleDate):
                yield Problem(
                    line.number, item.column + 1, f"'{item.text}' is not a date: {item.reason}"
                )


@rule(
    "DL402",
    "reversed-date-range",
    "error",
    "A date range that runs backwards (1953-1924).",
    example=Example(
        good="- **Nikolai Yezhov** — Head of NKVD during Great Terror (1936-1938)",
        bad="- **Nikolai Yezhov** — Head of NKVD during Great Terror (1938-1936)",
    ),
)
def reversed_date_range(ctx: Context) -> Iterator[Problem]:
    """A date range ends no earlier than it starts, wherever it is written: in
    headings (`### Stage 2 (1925-1927)`), parentheses, key figures, tables.

    An abbreviated end year is read as the first year after the start with
    those last digits (`1941-45` is 1941-1945), so `1945-41` means 1945-2041.
    An abbreviated end that runs into the next century is almost always a
    reversed range mistyped, and is reported too: write the end year in full.

    The Overview's `Dates` and `Leader(s)` rows have their own rules (DL404,
    DL406) and are not checked here.

    ## Why is this bad?
    A backwards range is a typo; the rules and readers that compare periods read it
    as nonsense.

    ## How to fix
    Swap the ends, or write the abbreviated end year in full.
    """
    skipped = {
        row.line for row in (overview_row(ctx, "dates"), overview_row(ctx, "leaders")) if row
    }
    for line in prose_lines(ctx):
        if line.number in skipped:
            continue
        for item in line.dates:
            if not isinstance(item, DateRange):
                continue
            if item.reversed:
                message = (
                    f"date range '{item.text}' runs backwards: "
                    f"{item.end.text} is before {item.start.text}"
                )
            elif crosses_century(item):
                message = (
                    f"'{item.text}' reads as {item.start.start.year}-{item.end.start.year}: an "
                    "abbreviated end year that runs into the next century is almost always a "
                    "reversed range; write the end year in full"
                )
            else:
                continue
            yield Problem(line.number, item.column + 1, message)


def _is_quantity(line: ProseLine, item: NumericRange) -> bool:
    """A unit, a count noun, or figures written like amounts: not a vote or a score."""
    if item.unit is not None or _COUNT_AFTER.match(line.text, item.end_column):
        return True
    return "," in item.text or "." in item.text


@rule(
    "DL403",
    "reversed-numeric-range",
    "error",
    "A numeric range that runs backwards (20-6 million).",
    example=Example(good="- Gulag deaths: 1.5-1.7 million", bad="- Gulag deaths: 1.7-1.5 million"),
)
def reversed_numeric_range(ctx: Context) -> Iterator[Problem]:
    """A range of figures is written low to high: `6-20 million`, not
    `20-6 million`. Only quantities are checked — a range with a unit
    (`million`, `%`), followed by a count noun (`killed`, `troops`), or written
    with thousands separators or decimals; a bare pair such as a vote
    (`passed 444-94`) is not a range and is left alone.

    ## Why is this bad?
    A backwards range of figures is a typo that readers may quote.

    ## How to fix
    Write the low figure first.
    """
    for line in prose_lines(ctx):
        for item in line.numbers:
            if item.reversed and _is_quantity(line, item):
                yield Problem(
                    line.number,
                    item.column + 1,
                    f"numeric range '{item.text}' runs backwards; write the smaller figure first",
                )


@rule(
    "DL408",
    "future-date",
    "warning",
    "A date in the prose that is after today.",
    example=Example(
        good="European Parliament recognized as genocide (December 2022)",
        bad="European Parliament recognized as genocide (December 2099)",
    ),
)
def future_date(ctx: Context) -> Iterator[Problem]:
    """A dossier records what happened: a date that starts after today is a
    typo (or a plan stated as a fact). A period that contains today (`2020s`)
    is not in the future. An abbreviated range such as `1945-41` is left to
    DL402. The footer's dates are checked by DL410, as errors.

    ## Why is this bad?
    A dossier records what happened; a future date is a typo or a plan stated as
    fact.

    ## How to fix
    Correct the date, or word the plan as a plan.
    """
    today = ctx.today
    for line in prose_lines(ctx):
        for item in line.dates:
            if isinstance(item, DateValue):
                value = item if item.start > today else None
            elif isinstance(item, DateRange) and not crosses_century(item):  # else DL402
                value = next((v for v in (item.start, item.end) if v.start > today), None)
            else:
                continue
            if value is not None:
                yield Problem(
                    line.number,
                    value.column + 1,
                    f"'{value.text}' is after today ({today.isoformat()})",
                )


_METADATA_KEYS = ("Created", "Last updated")


def _metadata_dates(ctx: Context) -> tuple[datetime.date | None, datetime.date | None]:
    """`Created` and `Last updated` as parsed (None when missing or not ISO dates)."""
    metadata = ctx.dossier.metadata
    return (metadata.created, metadata.last_updated) if metadata else (None, None)


@rule(
    "DL409",
    "metadata-date-format",
    "error",
    "A footer date is not an ISO calendar date (YYYY-MM-DD).",
    example=Example(good="*Created: 2026-01-06*", bad="*Created: 06/01/2026*"),
)
def metadata_date_format(ctx: Context) -> Iterator[Problem]:
    """`Created` and `Last updated` are written `YYYY-MM-DD` and name a real
    day. `06/01/2026` is June 1 in one country and January 6 in another, so
    it is not fixed automatically: rewrite it as ISO.

    ## Why is this bad?
    Other date forms are ambiguous (`06/01/2026`) or not read by programs.

    ## How to fix
    Rewrite the date as `YYYY-MM-DD`.
    """
    for key, parsed in zip(_METADATA_KEYS, _metadata_dates(ctx), strict=True):
        item = ctx.parsed.footer.get(key)
        if item is None or not item.value or parsed is not None:
            continue
        if is_iso_shaped(item.value):
            message = f"{key} '{item.value}' is not a calendar date"
        else:
            message = f"{key} '{item.value}' is not an ISO date (YYYY-MM-DD)"
        yield Problem(item.line, item.value_column, message)


@rule(
    "DL410",
    "metadata-date-order",
    "error",
    "Created is after Last updated, or a footer date is after today.",
    example=Example(good="*Last updated: 2026-01-06*", bad="*Last updated: 2099-01-06*"),
)
def metadata_date_order(ctx: Context) -> Iterator[Problem]:
    """`Created` ≤ `Last updated` ≤ today. A `Created` later than `Last
    updated` is reported on the `Created` line: a dossier cannot be updated
    before it exists.

    ## Why is this bad?
    Out-of-order footer dates are typos: a dossier cannot be updated before it
    exists, nor in the future.

    ## How to fix
    Correct the dates so that Created ≤ Last updated ≤ today.
    """
    footer = ctx.parsed.footer
    today = ctx.today
    created, updated = _metadata_dates(ctx)
    for key, value in zip(_METADATA_KEYS, (created, updated), strict=True):
        if value is not None and value > today:
            item = footer[key]
            yield Problem(
                item.line,
                item.value_column,
                f"{key} {value.isoformat()} is after today ({today.isoformat()})",
            )
    if created is not None and updated is not None and created > updated:
        item = footer["Created"]
        yield Problem(
            item.line,
            item.value_column,
            f"Created {created.isoformat()} is after Last updated {updated.isoformat()} "
            f"(line {footer['Last updated'].line})",
        )


RULES = (
    impossible_date,
    reversed_date_range,
    reversed_numeric_range,
    future_date,
    metadata_date_format,
    metadata_date_order,
)
