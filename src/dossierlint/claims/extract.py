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

from dossierlint import regex
from dossierlint.claims.numbers import find_quantities
from dossierlint.claims.words import (
    clauses,
    clean,
    content_words,
    name_runs,
    names,
    predicate_family,
    predicates,
    sentences,
)
from dossierlint.grammar.dates import DateRange, DateValue, scan_line
from dossierlint.records import TupleRecord

DATE, COUNT, PERCENT = "date", "count", "percent"
YEAR_DAYS = 366
"""A value covering more days than this (a decade, `c. 1900`, `by 1932`) is too coarse
to state a year, and is never used to call a contradiction."""
_POINT_DAYS = YEAR_DAYS + 26  # a year, widened for Old Style either side
_CALENDAR_SWITCH = datetime.date(1918, 2, 14).toordinal()
_OLD_STYLE_DAYS = 13
_FINE = frozenset({"day", "month", "season"})
_OPEN_BEFORE = regex.compile(r"(?:\b(?:by|before|until|till|through|up to)[ \t]{1,3})$", re.I)
_OPEN_AFTER = regex.compile(r"(?:\b(?:after|since|from)[ \t]{1,3})$", re.I)
_ABOUT = regex.compile(r"(?:\b(?:about|around|approximately|roughly|circa)[ \t]{1,3})$", re.I)
_NOT_COUNTED = regex.compile(r"(?:\b(?:age|aged|page|pages|pp\.|p\.)[ \t]{1,3})$", re.I)
_DURATIONS = frozenset(("year", "years", "month", "months", "week", "weeks", "day", "days"))
_LEADING_WORDS = 4


class Value(TupleRecord):
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
        does not); when `other` is a range, this one has about the same ends or
        covers half of it at least.
        """
        if not (self.precise and other.precise and self.agrees(other)):
            return False
        span, other_span = self.high - self.low, other.high - other.low
        if other.kind != DATE or other_span <= _POINT_DAYS:
            return span <= max(other_span, _POINT_DAYS) or other.kind != DATE
        ends_close = (
            abs(self.low - other.low) <= _POINT_DAYS and abs(self.high - other.high) <= _POINT_DAYS
        )
        return ends_close or span >= other_span / 2


class Claim(TupleRecord):
    """One value of a clause with what it is said of."""

    sentence: str
    """The sentence the clause is part of, Old Style asides and markup removed."""
    names: frozenset[str]
    """Every name word of the sentence (`nikolai`, `yezhov`, `nkvd`)."""
    heads: frozenset[str]
    """The last word of each name in the clause (`yezhov` of `Nikolai Yezhov`)."""
    first: frozenset[str]
    """The words of the clause's first name: most often its grammatical subject."""
    words: frozenset[str]
    """The sentence's content words, lower case, predicates left out."""
    predicate: str | None
    value: Value
    counted: bool = False
    """A figure followed by its predicate (`1.2 million died`): the predicate is what it counts."""
    period: tuple[Value, ...] = ()
    """The dates of the clause: the period a figure counts over."""
    life: bool = False
    """A birth or death read from `Name (BIRTH - DEATH)`."""


def extract(text: str) -> list[Claim]:
    """Every claim of a text (a source page, or one line of a dossier)."""
    found = []
    for sentence in sentences(clean(text)):
        subject = frozenset(names(sentence))
        vocabulary = frozenset(w for w in content_words(sentence) if predicate_family(w) is None)
        for offset, clause in clauses(sentence):
            found += _clause_claims(sentence, offset, clause, subject, vocabulary)
    return found


def _clause_claims(
    sentence: str, offset: int, clause: str, subject: frozenset[str], vocabulary: frozenset[str]
) -> list[Claim]:
    values = _values(clause)
    if not values:
        return []
    verbs = predicates(clause)
    runs = name_runs(clause)
    identifiers = frozenset(run[-1] for run in runs)
    first = frozenset(runs[0]) if runs else frozenset()
    found = []
    previous_end = 0
    period = tuple(value for value, _ in values if value.kind == DATE)
    for index, (value, end) in enumerate(values):
        next_start = values[index + 1][0].column if index + 1 < len(values) else len(clause)
        families, counted = _families(clause, verbs, value, previous_end, end, next_start)
        shifted = _shift(value, offset)
        for family in sorted(families) or [None]:
            found.append(
                Claim(
                    sentence,
                    subject,
                    identifiers,
                    first,
                    vocabulary,
                    family,
                    shifted,
                    counted,
                    period if value.kind != DATE else (),
                )
            )
        previous_end = end
    lives = _lifespans(sentence, offset, clause, subject, identifiers, vocabulary)
    if lives:  # the life's range itself is no claim about the clause's predicate
        births = {life.value.column for life in lives if life.predicate == "birth"}
        found = [claim for claim in found if claim.value.column not in births]
    return found + lives


def _families(
    clause: str,
    verbs: list[tuple[int, str]],
    value: Value,
    previous_end: int,
    end: int,
    next_start: int,
) -> tuple[set[str], bool]:
    """The predicate families a value belongs to, and whether they follow it (a counted figure)."""
    before = {family for at, family in verbs if previous_end <= at < value.column}
    if before:
        return before, False
    following = [family for at, family in verbs if end <= at < next_start]
    if not following:
        return set(), False
    if value.kind != DATE:
        return {following[0]}, True
    if len(clause[: value.column].split()) <= _LEADING_WORDS:
        return {following[0]}, False
    return set(), False


_LIFESPAN_YEARS = (20, 110)
_LIFESPAN = regex.compile(r"\(([^()]{8,60})\)")


def _lifespans(
    sentence: str,
    offset: int,
    clause: str,
    subject: frozenset[str],
    identifiers: frozenset[str],
    vocabulary: frozenset[str],
) -> list[Claim]:
    """`Name (BIRTH - DEATH)`: a birth and a death claim of the name right before it."""
    found = []
    for match in _LIFESPAN.finditer(clause):
        dates, _ = scan_line(match[1])
        runs = name_runs(clause[: match.start()])
        if len(dates) != 1 or not isinstance(dates[0], DateRange) or not runs:
            continue
        if clause[: match.start()].rstrip()[-1:].islower():
            continue  # not right after a name
        item = dates[0]
        years = item.end.start.year - item.start.start.year
        if not _LIFESPAN_YEARS[0] <= years <= _LIFESPAN_YEARS[1]:
            continue  # an office or an era (`Head of NKVD (1938-1953)`), not a life
        person = frozenset(runs[-1])
        for family, part in (("birth", item.start), ("death", item.end)):
            value = _date_value(match[1], part)
            value = _shift(value, offset + match.start(1))
            found.append(
                Claim(sentence, subject, identifiers, person, vocabulary, family, value, life=True)
            )
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
    coarse = {first.precision, last.precision} & {"decade", "part-decade", "circa"}
    precise = not coarse and (isinstance(item, DateRange) or high - low <= YEAR_DAYS)
    if isinstance(item, DateValue) and _OPEN_BEFORE.search(before):
        low, precise = -math.inf, False
    elif isinstance(item, DateValue) and _OPEN_AFTER.search(before):
        high, precise = math.inf, False
    elif _ABOUT.search(before):
        low, high, precise = low - 2 * 365, high + 2 * 365, False
    if low < _CALENDAR_SWITCH and (first.precision in _FINE or last.precision in _FINE):
        low, high = low - _OLD_STYLE_DAYS, high + _OLD_STYLE_DAYS
    return Value(DATE, low, high, precise, item.text, item.column)
