"""Claims: a dated or numbered statement, as a subject, a predicate and a value.

A sentence is cut into clauses at semicolons; in each clause every date (from
the project's date grammar) and every quantity (`numbers`) is a value. A value
belongs to the predicate words (`executed`, `born`, `signed`, ...) written
between it and the value before it, or, when it opens the clause (``In 1938,
Yezhov was ...``), to the first predicate after it. The subject is the
clause's names (proper nouns, acronyms) and content words.

Values are intervals, so that approximate, open and ranged values compare as
what they allow: dates as day numbers (a year is its 365 days, a range runs
from the first day of its start to the last of its end), quantities as
`numbers.Quantity` intervals. A day or month before the Soviet switch to the
Gregorian calendar (1 February 1918 Old Style) is widened by 13 days either
side: a Russian text may give it in either style.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from dossierlint.claims.numbers import find_quantities
from dossierlint.claims.words import (
    clauses,
    clean,
    content_words,
    heads,
    names,
    predicate_family,
    predicates,
    sentences,
)
from dossierlint.grammar.dates import DateRange, DateValue, scan_line

DATE, COUNT, PERCENT = "date", "count", "percent"
YEAR_DAYS = 366
"""A value covering more days than this (a decade, `c. 1900`, `by 1932`) is too coarse
to state a year, and is never used to call a contradiction."""
_POINT_DAYS = YEAR_DAYS + 26  # a year, widened for Old Style either side
_CALENDAR_SWITCH = datetime.date(1918, 2, 14).toordinal()
_OLD_STYLE_DAYS = 13
_FINE = frozenset({"day", "month", "season"})
_OPEN_BEFORE = re.compile(r"(?:\b(?:by|before|until|till|through|up to)[ \t]{1,3})$", re.I)
_OPEN_AFTER = re.compile(r"(?:\b(?:after|since|from)[ \t]{1,3})$", re.I)
_ABOUT = re.compile(r"(?:\b(?:about|around|approximately|roughly|circa)[ \t]{1,3})$", re.I)
_NOT_COUNTED = re.compile(r"(?:\b(?:age|aged|page|pages|pp\.|p\.)[ \t]{1,3})$", re.I)
_DURATIONS = frozenset(("year", "years", "month", "months", "week", "weeks", "day", "days"))
_LEADING_WORDS = 4


@dataclass(frozen=True, slots=True)
class Value:
    """A date or a quantity as an interval (dates in proleptic Gregorian day numbers)."""

    kind: str  # DATE, COUNT or PERCENT
    low: float
    high: float
    precise: bool
    """Fine enough to state a fact: a date within a year, a quantity with both ends."""
    text: str
    column: int

    def agrees(self, other: Value) -> bool:
        return self.kind == other.kind and self.low <= other.high and other.low <= self.high

    def states(self, other: Value) -> bool:
        """This value says what `other` says.

        Both precise and agreeing; and when `other` is a point (a day to a year),
        this one is no coarser than a year (a full date states its year, a decade
        does not); when `other` is a range, this one covers half of it at least.
        """
        if not (self.precise and other.precise and self.agrees(other)):
            return False
        span, other_span = self.high - self.low, other.high - other.low
        if other.kind != DATE or other_span <= _POINT_DAYS:
            return span <= max(other_span, _POINT_DAYS) or other.kind != DATE
        return span >= other_span / 2


@dataclass(frozen=True, slots=True)
class Claim:
    """One value of a clause with what it is said of."""

    sentence: str
    """The sentence the clause is part of, Old Style asides and markup removed."""
    names: frozenset[str]
    heads: frozenset[str]
    """The last word of each name (`yezhov` of `Nikolai Yezhov`): what identifies a subject."""
    words: frozenset[str]
    predicate: str | None
    value: Value


def extract(text: str) -> list[Claim]:
    """Every claim of a text (a source page, or one line of a dossier)."""
    found = []
    for sentence in sentences(clean(text)):
        for offset, clause in clauses(sentence):
            found += _clause_claims(sentence, offset, clause)
    return found


def _clause_claims(sentence: str, offset: int, clause: str) -> list[Claim]:
    values = _values(clause)
    if not values:
        return []
    verbs = predicates(clause)
    subject = frozenset(names(clause))
    identifiers = frozenset(heads(clause))
    vocabulary = (
        frozenset(w for w in content_words(clause) if predicate_family(w) is None) - subject
    )
    found = []
    previous_end = 0
    for value, end in values:
        families = {f for at, f in verbs if previous_end <= at < value.column}
        if not families and len(clause[: value.column].split()) <= _LEADING_WORDS:
            following = [f for at, f in verbs if at >= end]
            families = set(following[:1])
        for family in sorted(families) or [None]:
            claim = Claim(sentence, subject, identifiers, vocabulary, family, _shift(value, offset))
            found.append(claim)
        previous_end = end
    return found


def _shift(value: Value, offset: int) -> Value:
    return Value(
        value.kind, value.low, value.high, value.precise, value.text, value.column + offset
    )


def _values(clause: str) -> list[tuple[Value, int]]:
    """(value, end offset) of each date and quantity in the clause, left to right."""
    dates, _ = scan_line(clause)
    found = []
    spans = []
    for item in dates:
        if isinstance(item, (DateValue, DateRange)):
            spans.append((item.column, item.end_column))
            found.append((_date_value(clause, item), item.end_column))
    for quantity in find_quantities(clause, spans):
        if quantity.noun in _DURATIONS or _NOT_COUNTED.search(clause, 0, quantity.column):
            continue
        kind = PERCENT if quantity.percent else COUNT
        precise = math.isfinite(quantity.high) and quantity.low > 0
        value = Value(kind, quantity.low, quantity.high, precise, quantity.text, quantity.column)
        found.append((value, quantity.end_column))
    found.sort(key=lambda pair: pair[0].column)
    return found


def _date_value(clause: str, item: DateValue | DateRange) -> Value:
    first, last = (item.start, item.end) if isinstance(item, DateRange) else (item, item)
    low, high = first.start.toordinal(), last.end.toordinal()
    before = clause[max(0, item.column - 16) : item.column]
    precise = isinstance(item, DateRange) or high - low <= YEAR_DAYS
    if isinstance(item, DateValue) and item.precision not in ("day", "month", "season", "year"):
        precise = False
    if isinstance(item, DateValue) and _OPEN_BEFORE.search(before):
        low, precise = -math.inf, False
    elif isinstance(item, DateValue) and _OPEN_AFTER.search(before):
        high, precise = math.inf, False
    elif _ABOUT.search(before):
        low, high, precise = low - 2 * 365, high + 2 * 365, False
    if low < _CALENDAR_SWITCH and (first.precision in _FINE or last.precision in _FINE):
        low, high = low - _OLD_STYLE_DAYS, high + _OLD_STYLE_DAYS
    return Value(DATE, low, high, precise, item.text, item.column)
