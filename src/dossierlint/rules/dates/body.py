"""Consistency across the body: events on the right side of the regime, dated lists in
order, the Overview's death toll found in the body, one figure per label, birthdays.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Generator, Iterator

from dossierlint import regex
from dossierlint.facts import leading_date, line_date, years_of
from dossierlint.findings import Problem
from dossierlint.grammar.dates import (
    DateRange,
    DateValue,
    ImpossibleDate,
    NumericRange,
)
from dossierlint.model import Leader
from dossierlint.parse import BLANK, HEADING, LIST, TABLE, split_row
from dossierlint.records import Record
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.dates.overview import overview_leaders, regime_span
from dossierlint.rules.dates.prose import (
    SKIPPED_KINDS,
    ProseLine,
    excluded_lines,
    first_day,
    last_day,
    prose_by_line,
    prose_lines,
)
from dossierlint.rules.section_map import resolved_sections

_LIST_MARKER = regex.compile(r"^( *)(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")


# What may stand before an event's date on its line: a list marker, bold, a run-in label.
_EVENT_PREFIX = regex.compile(
    r"[ \t]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?"
    r"(?:\*\*|\*\*[^*\n]{1,80}(?::\*\*|\*\*[ \t]{0,3}:)[ \t]*|[^:*\[\]|\n]{1,60}:[ \t]*)?"
)


_RUN_IN = regex.compile(
    r"\*\*(?P<bold>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]{0,3}:)|(?P<plain>[^:*\[\]|\n]{1,60}):"
)


_APPROXIMATE = regex.compile(r"[ \t]*(?:[~≈][ \t]{0,3})?")


_BIRTHDAY = regex.compile(r"(?<![0-9])([0-9]{1,3})(?:st|nd|rd|th)[ \t]{1,3}birthday", re.IGNORECASE)


# Leading with the digit (the look-behind after it) lets the regex engine skip
# ahead to the next digit: twice as fast over a whole body (BENCHMARKS.md).
_FIGURE = regex.compile(
    r"([0-9](?<![\w.,][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]*))(\.[0-9]+)?"
    r"(?:[ \t]{0,3}(million|billion|thousand|hundred)s?(?![A-Za-z]))?",
    re.IGNORECASE,
)


_SCALE = {None: 1, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}


@rule(
    "DL411",
    "event-outside-timeline",
    "warning",
    "A Pre-Conditions event after the regime, or an Aftermath event before it.",
    example=Example(
        good="- Gulag formally closed (January 1960)",
        bad="- Gulag formally closed (January 1920)",
    ),
)
def event_outside_timeline(ctx: Context) -> Iterator[Problem]:
    """Sections marked `timeline = "before"` in the house rules
    (Pre-Conditions) tell what came before the regime: a date there that
    starts after the regime ended is misplaced or mistyped. Sections marked
    `timeline = "after"` (Aftermath) tell what followed: a date there that
    ends before the regime began is too. Dates that overlap the regime are
    normal in both (a pre-condition may run into the regime's first years).

    Only the dates of events are compared: a date in a heading
    (`### Lenin's Death (January 1924)`), in parentheses
    (`- Gulag formally closed (January 1960)`), opening a bullet
    (`- 1956: …`) or following a run-in label (`**Stalin's Death**: March 5,
    1953`). A date merely mentioned (`the first free vote since 1917`) is not
    an event of the section.

    ## Why is this bad?
    An event on the wrong side of the regime is misplaced or has a mistyped year.

    ## How to fix
    Correct the date, or move the event to the section it belongs to.
    """
    regime, _ = regime_span(ctx)
    if regime is None:
        return
    rules = ctx.house_rules
    before, after = rules.sections_with_timeline("before"), rules.sections_with_timeline("after")
    by_line = prose_by_line(ctx)
    for resolved in resolved_sections(ctx):
        title = resolved.title
        if title not in before and title not in after:
            continue
        section = resolved.section
        for number in range(section.line, section.end_line + 1):
            line = by_line.get(number)
            for item in line.dates if line else ():
                if isinstance(item, ImpossibleDate) or not _dates_an_event(line, item):
                    continue
                if title in before and first_day(item) > regime.end:
                    where = f"starts after the regime ended ({regime.end.year})"
                elif title in after and last_day(item) < regime.start:
                    where = f"ends before the regime began ({regime.start.year})"
                else:
                    continue
                yield Problem(number, item.column + 1, f"'{item.text}' in '## {title}' {where}")


@rule(
    "DL412",
    "bullets-out-of-order",
    "warning",
    "Dated bullets of one list are not in chronological order.",
    example=Example(
        good="- January 1928: Trotsky exiled to Alma-Ata",
        bad="- January 1926: Trotsky exiled to Alma-Ata",
    ),
)
def bullets_out_of_order(ctx: Context) -> Iterator[Problem]:
    """In a list whose bullets open with a date and a colon
    (`- April 1925: …`, `- **1927**: …`), the dates run forward. A bullet is
    out of order when its period starts and ends before the previous dated
    bullet's (`1929` after `November 1929` is not: the year contains the
    month). Only the first backward bullet of each list is reported; bullets
    without a leading date are skipped, nested lists are lists of their own.

    ## Why is this bad?
    Readers take a dated list as a chronology; a bullet out of place misleads them,
    or has a mistyped date.

    ## How to fix
    Move the bullet to its place, or correct its date.
    """
    by_line = prose_by_line(ctx)
    done = 0
    for line in prose_lines(ctx):
        if line.kind == LIST and line.number > done:
            done = yield from _check_list(ctx, line.number, by_line)


_LIST_RUN = (LIST, BLANK)
"""The kinds of the lines of a run of list items."""


def _check_list(
    ctx: Context, first: int, by_line: dict[int, ProseLine]
) -> Generator[Problem, None, int]:
    """Check the list run from line `first` (a list line with a date); return the line after it."""
    kinds, lines = ctx.document.kinds, ctx.document.lines
    # indent -> (first day, last day, line, text, reported) of the last dated bullet
    open_lists: dict[int, tuple] = {}
    deepest = 0  # the largest indent in open_lists, 0 when it is empty
    end = len(kinds) + 1
    for number in range(first, end):  # most lines of a run are passed over: few steps each
        if kinds[number - 1] not in _LIST_RUN:
            return number
        prose = by_line.get(number)
        # A line without a date matters only as a bullet that ends deeper lists.
        if prose is None and not (deepest and deepest > _indent(lines[number - 1])):
            continue
        marker = _LIST_MARKER.match(lines[number - 1])
        item = leading_date(prose, marker.end()) if marker and prose else None
        if marker:
            indent = len(marker.group(1))
            if deepest > indent:
                for deeper in [i for i in open_lists if i > indent]:
                    del open_lists[deeper]
                deepest = max(open_lists, default=0)
        if item is not None:
            begin, last = first_day(item), last_day(item)
            previous = open_lists.get(indent)
            reported = previous[4] if previous else False
            if previous and not reported and begin < previous[0] and last < previous[1]:
                yield Problem(
                    number,
                    item.column + 1,
                    f"'{item.text}' is out of chronological order: the bullet before it "
                    f"(line {previous[2]}) is dated '{previous[3]}'",
                )
                reported = True
            open_lists[indent] = (begin, last, number, item.text, reported)
            deepest = max(deepest, indent)
    return end


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _dates_an_event(line: ProseLine, item: DateValue | DateRange) -> bool:
    """Whether the date is an event's: in a heading, in parentheses, or leading its line."""
    if line.kind == HEADING:
        return True
    before = line.text[: item.column]
    return before.rstrip(" \t").endswith("(") or bool(_EVENT_PREFIX.fullmatch(before))


def _absolute(value: float, unit: str | None) -> float:
    return round(value * _SCALE.get(unit, 1), 6)


def _span(low: float, high: float, unit: str | None) -> tuple[bool, float, float]:
    """A range by value, low first; a percentage never equals a count."""
    a, b = _absolute(low, unit), _absolute(high, unit)
    return (unit == "%", *((a, b) if a <= b else (b, a)))


def _overview_lines(ctx: Context) -> set[int]:
    """Line numbers of the Overview section, which is not the body."""
    overview = ctx.house_rules.section_with("overview")
    return {
        n
        for item in resolved_sections(ctx)
        if item.title == overview
        for n in range(item.section.line, item.section.end_line + 1)
    }


@rule(
    "DL413",
    "death-toll-not-in-body",
    "error",
    "The Overview's death toll is given nowhere in the body.",
    example=Example(
        good="| Scholarly consensus range | 6-20 million |",
        bad="| Scholarly consensus range | 6-25 million |",
    ),
)
def death_toll_not_in_body(ctx: Context) -> Iterator[Problem]:
    """The Overview's `Estimated Death Toll` summarises the body: its leading
    figure or range (`6-20 million`) appears in the body too, where its
    sources are discussed (`| Scholarly consensus range | 6-20 million |`).
    Figures compare by value (`6-20 million` = `6,000,000-20,000,000`).
    Checked only when the body talks about tolls at all, that is uses one of
    the house rules' `death_toll_terms` as a word (`death toll`, `killed`, ...).
    An error: a summary the body does not support contradicts it.

    ## Why is this bad?
    The Overview then states a figure the body neither gives nor discusses, so its
    sources cannot be checked.

    ## How to fix
    Give the figure in the body where the sources are discussed, or correct the
    Overview.
    """
    overview = ctx.dossier.overview
    toll = overview.death_toll if overview else None
    if toll is None or toll.low is None or toll.high is None:
        return
    wanted = _span(toll.low, toll.high, toll.unit)
    overview_lines = _overview_lines(ctx)
    if toll.low != toll.high:
        found = any(
            _span(r.low, r.high, r.unit) == wanted
            for line in prose_lines(ctx)
            if line.number not in overview_lines
            for r in line.numbers
        )
        body = None
    else:
        body = _body_text(ctx, overview_lines)
        found = _has_figure(body, wanted[1])
    if found:
        return
    terms = ctx.house_rules.vocabulary("death_toll_terms")
    body = _body_text(ctx, overview_lines) if body is None else body
    if not terms or _words(terms).search(body):
        shown = toll.text.split("(")[0].split(";")[0].strip()
        yield Problem(
            toll.line,
            toll.column,
            f"the Overview's death toll '{shown}' is not given anywhere in the body; "
            "state it where the body discusses tolls, with its source",
        )


def _body_text(ctx: Context, overview_lines: set[int]) -> str:
    """The body's prose lines (not the Overview, Sources or footer), joined."""
    document = ctx.document
    excluded = overview_lines | excluded_lines(ctx)
    return "\n".join(
        line
        for number, (line, kind) in enumerate(zip(document.lines, document.kinds, strict=True), 1)
        if kind not in SKIPPED_KINDS and number not in excluded
    )


@functools.cache
def _words(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the terms as whole words, case-insensitively."""
    return regex.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})(?!\w)", re.IGNORECASE)


def _has_figure(text: str, wanted: float) -> bool:
    """Whether any figure of `text` has the value `wanted`. Each figure written alike
    is valued once (a body repeats its years), and `findall` hands over the groups
    without making a match object for each; an unmatched group comes back as ""."""
    for digits, decimals, unit in set(_FIGURE.findall(text)):
        if _absolute(float(digits.replace(",", "") + decimals), unit.lower() or None) == wanted:
            return True
    return False


class _Labelled(Record, hash=True):
    label: str
    range: NumericRange
    line: int
    column: int = 0
    """Which value column of a table row (1 for the first); 0 for a run-in label."""


def _labelled_ranges(line: ProseLine) -> Iterator[_Labelled]:
    """`**Label**: RANGE`, `Label: RANGE` (a run-in label) or `| Label | RANGE |` (a table row)."""
    if not line.numbers:
        return
    starts = {r.column: r for r in line.numbers}
    if line.kind == TABLE:
        cells = split_row(line.text)
        label = cells[0][0].strip("*").strip() if cells else ""
        for index, (cell, column) in enumerate(cells[1:], 1):
            found = starts.get(_APPROXIMATE.match(line.text, column - 1).end())
            if label and cell and found:
                yield _Labelled(label, found, line.number, index)
        return
    marker = _LIST_MARKER.match(line.text)
    start = marker.end() if marker else len(line.text) - len(line.text.lstrip())
    run_in = _RUN_IN.match(line.text, start)
    if run_in is None:
        return
    found = starts.get(_APPROXIMATE.match(line.text, run_in.end()).end())
    if found:
        label = (run_in.group("bold") or run_in.group("plain")).strip()
        yield _Labelled(label, found, line.number)


@rule(
    "DL414",
    "conflicting-figures",
    "error",
    "The same label gives two different ranges in one section.",
    example=Example(
        good="**Death Toll**: 530,000-600,000 (excluding subsequent famine)\n",
        bad="**Death Toll**: 530,000-600,000 (excluding subsequent famine)\n\n"
        "**Death toll**: 1-2 million\n",
    ),
)
def conflicting_figures(ctx: Context) -> Iterator[Problem]:
    """A label names one quantity: within one section (the part under one
    heading, `##` or `###`), the same label never gives two different ranges.
    A label is a bold run-in label (`**Death Toll**: 530,000-600,000`), a
    plain one opening a line or bullet (`- Gulag deaths: 1.5-1.7 million`)
    or the first cell of a table row (`| Recent scholarship | 3.5-5 million |`),
    compared without regard to case or bold; the range must follow the
    label directly. Table rows are compared with table rows only, column by
    column (a `Low` and a `High` column differ by design). Different labels
    may well give different estimates. Two values for one label contradict
    each other, so this is an error.

    ## Why is this bad?
    Two figures for one quantity in one place contradict each other; a reader cannot
    tell which is meant.

    ## How to fix
    Give one figure, or label the two estimates differently (by source or method).
    """
    heading_lines = [h.line for h in ctx.document.headings]
    seen: dict[tuple[int, str, int], _Labelled] = {}
    for line in prose_lines(ctx):
        if not line.numbers:
            continue
        scope = bisect.bisect_right(heading_lines, line.number)
        for labelled in _labelled_ranges(line):
            key = (scope, " ".join(labelled.label.casefold().split()), labelled.column)
            first = seen.setdefault(key, labelled)
            this, other = labelled.range, first.range
            if first is labelled:
                continue
            if _span(this.low, this.high, this.unit) != _span(other.low, other.high, other.unit):
                yield Problem(
                    line.number,
                    this.column + 1,
                    f"'{labelled.label}' is {this.text} here but {other.text} on line "
                    f"{first.line}: say what each figure counts, or reconcile them",
                )


@rule(
    "DL415",
    "birthday-year",
    "warning",
    "An Nth birthday dated in a year that contradicts the leader's birth year.",
    example=Example(
        good="- Cult of personality around Stalin\n",
        bad="- Cult of personality around Stalin, celebrated on his 70th birthday (December 1959)\n",
    ),
)
def birthday_year(ctx: Context) -> Iterator[Problem]:
    """`his 50th birthday (December 1929)` falls in the leader's birth year
    plus 50. The leader is the sole one in `Leader(s)`, or the one whose
    surname the line names. Records disagree at times — Stalin was born in
    December 1878 but later gave December 1879 as his official birth date, and
    his 50th birthday was celebrated in December 1929 — hence a warning, to be
    explained in the text or suppressed. An uncertain birth year (`c. 1878`,
    `1878 or 1879`) allows every birthday year it covers.

    The date is the bullet's own (`- December 1929: …`), else the one
    written right after the mention (`his 50th birthday (December 1929)`),
    else the only date of its clause; a clause with several dates and none
    of these is left alone.

    ## Why is this bad?
    The year of the birthday or the birth year is then likely wrong.

    ## How to fix
    Correct the year, or explain the discrepancy in the text and suppress the
    warning.
    """
    leaders = [leader for leader in overview_leaders(ctx) if leader.birth is not None]
    if not leaders:
        return
    for line in prose_lines(ctx):
        if "birthday" not in line.text.casefold():
            continue
        leader = _leader_named(leaders, line.text)
        if leader is None:
            continue
        for match in _BIRTHDAY.finditer(line.text):
            problem = _birthday_problem(line, match, leader)
            if problem:
                yield problem


def _leader_named(leaders: list[Leader], text: str) -> Leader | None:
    if len(leaders) == 1:
        return leaders[0]
    named = [leader for leader in leaders if _names(leader.name, text)]
    return named[0] if len(named) == 1 else None


def _names(name: str, text: str) -> bool:
    """Whether text names the person by surname (the last word of the name)."""
    words = name.split()
    if not words:
        return False
    return re.search(rf"(?<!\w){re.escape(words[-1])}(?!\w)", text) is not None


def _birthday_problem(line: ProseLine, match: re.Match[str], leader: Leader) -> Problem | None:
    item = line_date(line, match)
    if item is None:
        return None
    first, last = years_of(item)
    age = int(match.group(1))
    earliest, latest = leader.birth.earliest + age, leader.birth.latest + age
    if earliest <= last and first <= latest:
        return None
    fell = str(earliest) if earliest == latest else f"{earliest}-{latest}"
    return Problem(
        line.number,
        match.start() + 1,
        f"'{match.group(0)}' is dated '{item.text}', but {leader.name} was born in "
        f"{leader.birth.text}: that birthday fell in {fell}",
    )


RULES = (
    event_outside_timeline,
    bullets_out_of_order,
    death_toll_not_in_body,
    conflicting_figures,
    birthday_year,
)
