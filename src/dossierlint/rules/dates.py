"""Date and number consistency: a dossier's dates and figures must agree with each other.

Every rule here reads dates through `dossierlint.grammar.dates`. The prose is scanned
once per file (`prose_lines`): each text line of the document that holds a
digit, except code, comments, the Sources section (its URLs and access dates
are the citation rules' business) and the footer (the metadata rules read it).
The parser itself ignores dates inside URLs.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from dossierlint.facts import leading_date, line_date, years_of
from dossierlint.findings import Edit, Fix, Problem
from dossierlint.grammar.dates import (
    COUNT_NOUNS,
    DateRange,
    DateValue,
    ImpossibleDate,
    NumericRange,
    find_dates,
    parse_date,
    scan_line,
)
from dossierlint.model import Leader, OverviewField
from dossierlint.parse import BLANK, CODE, COMMENT, HEADING, LIST, RULE, TABLE, split_row
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.section_map import resolved_sections

MAX_LIFESPAN = 150
"""Years; Wikidata's plausibility bound for a human lifespan."""

_SKIPPED_KINDS = frozenset({BLANK, CODE, COMMENT, RULE})
_SHORT_END = re.compile(r"[0-9]{1,2}|[0-9]0['\u2019]?s")
_PRESENT = re.compile(r"[-\u2013\u2014][ \t]{0,3}present$", re.IGNORECASE)
_DURATION = re.compile(r"^([0-9]+)[ \t]+years?$")
_COUNT_AFTER = re.compile(rf"[ \t]{{0,3}}(?:{'|'.join(COUNT_NOUNS)})s?(?![A-Za-z])", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^( *)(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
# What may stand before an event's date on its line: a list marker, bold, a run-in label.
_EVENT_PREFIX = re.compile(
    r"[ \t]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?"
    r"(?:\*\*|\*\*[^*\n]{1,80}(?::\*\*|\*\*[ \t]{0,3}:)[ \t]*|[^:*\[\]|\n]{1,60}:[ \t]*)?"
)
_RUN_IN = re.compile(
    r"\*\*(?P<bold>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]{0,3}:)|(?P<plain>[^:*\[\]|\n]{1,60}):"
)
_APPROXIMATE = re.compile(r"[ \t]*(?:[~≈][ \t]{0,3})?")
_BIRTHDAY = re.compile(r"(?<![0-9])([0-9]{1,3})(?:st|nd|rd|th)[ \t]{1,3}birthday", re.IGNORECASE)
# Leading with the digit (the look-behind after it) lets the regex engine skip
# ahead to the next digit: twice as fast over a whole body (BENCHMARKS.md).
_FIGURE = re.compile(
    r"([0-9](?<![\w.,][0-9])(?:[0-9]{0,2}(?:,[0-9]{3})+|[0-9]*))(\.[0-9]+)?"
    r"(?:[ \t]{0,3}(million|billion|thousand|hundred)s?(?![A-Za-z]))?",
    re.IGNORECASE,
)
_SCALE = {None: 1, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}

# --------------------------------------------------------------------------- shared scan


class ProseLine(NamedTuple):
    """One scanned line: its dates and numeric ranges, as `dossierlint.grammar.dates` finds them."""

    number: int
    kind: str
    text: str
    dates: tuple[DateValue | DateRange | ImpossibleDate, ...]
    numbers: tuple[NumericRange, ...]


def prose_lines(ctx: Context) -> list[ProseLine]:
    """The prose lines that hold dates or numeric ranges, in order (computed once per file)."""
    return ctx.derived(_scan_prose)


def _prose_by_line(ctx: Context) -> dict[int, ProseLine]:
    return ctx.derived(_index_prose_by_line)


def _index_prose_by_line(ctx: Context) -> dict[int, ProseLine]:
    return {p.number: p for p in prose_lines(ctx)}


def _excluded_lines(ctx: Context) -> set[int]:
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
    excluded = _excluded_lines(ctx)
    found = []
    for number, (text, kind) in enumerate(zip(document.lines, document.kinds, strict=True), 1):
        if kind in _SKIPPED_KINDS or number in excluded:
            continue
        dates, numbers = scan_line(text)
        if dates or numbers:
            found.append(ProseLine(number, kind, text, dates, numbers))
    return found


def _first_day(item: DateValue | DateRange) -> datetime.date:
    return item.start.start if isinstance(item, DateRange) else item.start


def _last_day(item: DateValue | DateRange) -> datetime.date:
    return item.end.end if isinstance(item, DateRange) else item.end


def _crosses_century(item: DateRange) -> bool:
    """An abbreviated end year that expands into the next century (`1945-41` is 1945-2041)."""
    return bool(_SHORT_END.fullmatch(item.end.text)) and (
        item.end.start.year // 100 != item.start.start.year // 100
    )


# --------------------------------------------------------------------------- the Overview


def _row(ctx: Context, role: str) -> OverviewField | None:
    name = ctx.house_rules.field_with(role)
    overview = ctx.dossier.overview
    if name is None or overview is None:
        return None
    return next((row for row in overview.fields if row.name == name), None)


@dataclass(frozen=True, slots=True)
class Regime:
    """The regime's span as the Overview's `Dates` give it."""

    start: datetime.date
    end: datetime.date
    """Last day; today for an ongoing regime (`1948-present`)."""
    ongoing: bool
    text: str


def _regime(ctx: Context) -> tuple[Regime | None, Problem | None]:
    """The regime's span, or the problem that makes the `Dates` row unusable."""
    return ctx.derived(_read_regime)


def _read_regime(ctx: Context) -> tuple[Regime | None, Problem | None]:
    row = _row(ctx, "dates")
    if row is None or not row.value.strip():
        return None, None
    value = row.value.strip()
    if any(isinstance(item, ImpossibleDate) for item in find_dates(value)):
        return None, None  # DL401 reports it
    ongoing = _PRESENT.search(value)
    item = parse_date(value[: ongoing.start()] if ongoing else value)
    if ongoing and isinstance(item, DateValue):
        return Regime(item.start, ctx.today, True, value), None
    example = next(f.example for f in ctx.house_rules.overview_fields if f.name == row.name)

    def problem(message: str) -> tuple[None, Problem]:
        return None, Problem(row.line, row.value_column, message)

    if not isinstance(item, DateRange) or ongoing:
        return problem(f"{row.name} '{value}' is not a range START-END (e.g. {example})")
    if item.reversed:
        return problem(
            f"{row.name} '{value}' run backwards: the regime cannot end ({item.end.text}) "
            f"before it starts ({item.start.text})"
        )
    if _crosses_century(item):
        return problem(
            f"{row.name} '{value}' reads as {item.start.start.year}-{item.end.start.year}; "
            "write the end year in full"
        )
    return Regime(item.start.start, item.end.end, False, value), None


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
    the prose, headings and tables; the footer's ISO dates are checked by DL409."""
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
    DL406) and are not checked here."""
    skipped = {row.line for row in (_row(ctx, "dates"), _row(ctx, "leaders")) if row}
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
            elif _crosses_century(item):
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
    (`passed 444-94`) is not a range and is left alone."""
    for line in prose_lines(ctx):
        for item in line.numbers:
            if item.reversed and _is_quantity(line, item):
                yield Problem(
                    line.number,
                    item.column + 1,
                    f"numeric range '{item.text}' runs backwards; write the smaller figure first",
                )


@rule(
    "DL404",
    "invalid-regime-dates",
    "error",
    "The Overview's Dates are not a forward range START-END.",
    example=Example(good="| **Dates** | 1924-1953 |", bad="| **Dates** | 1953-1924 |"),
)
def invalid_regime_dates(ctx: Context) -> Iterator[Problem]:
    """The Overview's `Dates` row (the field with role `dates` in the house
    rules) is a range `START-END` that runs forward: `1924-1953`. Any date
    form the parser knows may stand at either end (`March 1924-March 1953`);
    an abbreviated end must stay in the century (`1941-45`, not `1945-41`).
    A regime still in power is written `1948-present`.

    The rules that compare other dates with the regime's (DL405, DL406,
    DL407, DL411) are silent while the Dates are unusable."""
    _, problem = _regime(ctx)
    if problem is not None:
        yield problem


@rule(
    "DL405",
    "wrong-duration",
    "error",
    "The Overview's Duration is not END - START.",
    example=Example(good="| **Duration** | 29 years |", bad="| **Duration** | 25 years |"),
    fixable=True,
)
def wrong_duration(ctx: Context) -> Iterator[Problem]:
    """`Duration` is `N years` with N the end year minus the start year of
    `Dates` (`1924-1953` is `29 years`). `--fix` writes the right number. Not
    checked for an ongoing regime (`1948-present`), whose duration grows."""
    regime, _ = _regime(ctx)
    row = _row(ctx, "duration")
    if regime is None or regime.ongoing or row is None or not row.value.strip():
        return
    expected = regime.end.year - regime.start.year
    given = _DURATION.match(row.value)
    spans = f"Dates {regime.text} give {expected} years ({regime.end.year} - {regime.start.year})"
    if given is None:
        yield Problem(
            row.line, row.value_column, f"{row.name} '{row.value}' is not 'N years'; the {spans}"
        )
    elif int(given.group(1)) != expected:
        start = row.value_column - 1 + given.start(1)
        fix = Fix((Edit(row.line, start, start + len(given.group(1)), str(expected)),))
        yield Problem(
            row.line,
            row.value_column,
            f"{row.name} is {given.group(1)} years but the {spans}",
            fix,
        )


# --------------------------------------------------------------------------- leaders


def _leaders(ctx: Context) -> list[Leader]:
    overview = ctx.dossier.overview
    return overview.leaders if overview else []


@rule(
    "DL406",
    "implausible-leader-dates",
    "error",
    "A leader's life years are impossible or miss the regime.",
    example=Example(good="Joseph Stalin (1878-1953)", bad="Joseph Stalin (1953-1878)"),
)
def implausible_leader_dates(ctx: Context) -> Iterator[Problem]:
    """A leader in `Leader(s)` (`Name (BIRTH-DEATH)`) is born before dying and
    lives at most 150 years (Wikidata's bound); a living leader (`Name (b. 1952)`,
    `Name (1952-)`) was born at most 150 years ago. A sole leader is alive when
    the regime starts; of several leaders (successive rulers, a junta) each
    lives during some part of it."""
    regime, _ = _regime(ctx)
    leaders = _leaders(ctx)
    for leader in leaders:
        message = _life_problem(ctx, leader) or (
            _regime_problem(leader, regime, sole=len(leaders) == 1) if regime else None
        )
        if message:
            yield Problem(leader.line, leader.column, f"{leader.name}: {message}")


def _life_problem(ctx: Context, leader: Leader) -> str | None:
    """What the life years make impossible, reasoning with their intervals (`c. 1925`)."""
    birth, death = leader.birth, leader.death
    if birth is None:
        return None
    if death is None:
        age = ctx.today.year - birth.latest
        alive = not (leader.life_text or "").endswith("?")
        if alive and age > MAX_LIFESPAN:
            return f"born {birth.text} with no death year: {age} years old today is not plausible"
        return None
    if death.latest < birth.earliest:
        return f"dies ({death.text}) before being born ({birth.text})"
    if death.earliest - birth.latest > MAX_LIFESPAN:
        lifespan = death.earliest - birth.latest
        return f"a lifespan of {lifespan} years ({leader.life_text}) is not plausible"
    return None


def _regime_problem(leader: Leader, regime: Regime, *, sole: bool) -> str | None:
    birth, death = leader.birth, leader.death
    start, end = regime.start.year, regime.end.year
    if birth is not None and birth.earliest > (start if sole else end):
        when = "began" if sole else "ended"
        return f"born {birth.text}, after the regime {when} ({start if sole else end})"
    if death is not None and death.latest < start:
        return f"died {death.text}, before the regime began ({start})"
    return None


@rule(
    "DL407",
    "leader-died-before-end",
    "warning",
    "The sole leader died before the regime ended.",
    example=Example(
        good="| **Leader(s)** | Joseph Stalin (1878-1953) |",
        bad="| **Leader(s)** | Joseph Stalin (1878-1950) |",
    ),
)
def leader_died_before_end(ctx: Context) -> Iterator[Problem]:
    """When `Leader(s)` names one leader, the regime usually ends with that
    leader's rule: a sole leader who died before the regime's last year suggests a wrong
    year or a missing successor. A leader may outlive the regime (Pinochet,
    1915-2006, led Chile 1973-1990), so only dying early is reported."""
    regime, _ = _regime(ctx)
    leaders = _leaders(ctx)
    if regime is None or len(leaders) != 1:
        return
    leader = leaders[0]
    death = leader.death
    if death is None or death.latest >= regime.end.year:
        return
    if _life_problem(ctx, leader) or _regime_problem(leader, regime, sole=True):
        return  # DL406 reports it
    text = ctx.document.text_of(leader.line)
    at = text.find(death.text, leader.column - 1)
    yield Problem(
        leader.line,
        at + 1 if at >= 0 else leader.column,
        f"{leader.name}, the sole leader, died in {death.text}, before the regime ended "
        f"({regime.end.year}): check the year, or name the successors",
    )


# --------------------------------------------------------------------------- today


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
    DL402. The footer's dates are checked by DL410, as errors."""
    today = ctx.today
    for line in prose_lines(ctx):
        for item in line.dates:
            if isinstance(item, DateValue):
                value = item if item.start > today else None
            elif isinstance(item, DateRange) and not _crosses_century(item):  # else DL402
                value = next((v for v in (item.start, item.end) if v.start > today), None)
            else:
                continue
            if value is not None:
                yield Problem(
                    line.number,
                    value.column + 1,
                    f"'{value.text}' is after today ({today.isoformat()})",
                )


_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
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
    it is not fixed automatically: rewrite it as ISO."""
    for key, parsed in zip(_METADATA_KEYS, _metadata_dates(ctx), strict=True):
        item = ctx.parsed.footer.get(key)
        if item is None or not item.value or parsed is not None:
            continue
        if _ISO_SHAPE.fullmatch(item.value):
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
    before it exists."""
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


# --------------------------------------------------------------------------- sections


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
    an event of the section."""
    regime, _ = _regime(ctx)
    if regime is None:
        return
    rules = ctx.house_rules
    before, after = rules.sections_with_timeline("before"), rules.sections_with_timeline("after")
    by_line = _prose_by_line(ctx)
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
                if title in before and _first_day(item) > regime.end:
                    where = f"starts after the regime ended ({regime.end.year})"
                elif title in after and _last_day(item) < regime.start:
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
    without a leading date are skipped, nested lists are lists of their own."""
    by_line = _prose_by_line(ctx)
    done = 0
    for line in prose_lines(ctx):
        if line.kind == LIST and line.number > done:
            done = yield from _check_list(ctx, line.number, by_line)


def _check_list(
    ctx: Context, first: int, by_line: dict[int, ProseLine]
) -> Generator[Problem, None, int]:
    """Check the list run from line `first` (a list line with a date); return the line after it."""
    kinds, lines = ctx.document.kinds, ctx.document.lines
    # indent -> (first day, last day, line, text, reported) of the last dated bullet
    open_lists: dict[int, tuple] = {}
    number = first
    while number <= len(kinds) and kinds[number - 1] in (LIST, BLANK):
        text, prose = lines[number - 1], by_line.get(number)
        # A line without a date matters only as a bullet that ends deeper lists.
        if prose is None and not (open_lists and max(open_lists) > _indent(text)):
            number += 1
            continue
        marker = _LIST_MARKER.match(text)
        item = leading_date(prose) if marker and prose else None
        if marker:
            indent = len(marker.group(1))
            for deeper in [i for i in open_lists if i > indent]:
                del open_lists[deeper]
        if item is not None:
            begin, last = _first_day(item), _last_day(item)
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
        number += 1
    return number


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _dates_an_event(line: ProseLine, item: DateValue | DateRange) -> bool:
    """Whether the date is an event's: in a heading, in parentheses, or leading its line."""
    if line.kind == HEADING:
        return True
    before = line.text[: item.column]
    return before.rstrip(" \t").endswith("(") or bool(_EVENT_PREFIX.fullmatch(before))


# --------------------------------------------------------------------------- figures


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
    An error: a summary the body does not support contradicts it."""
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
    excluded = overview_lines | _excluded_lines(ctx)
    return "\n".join(
        line
        for number, (line, kind) in enumerate(zip(document.lines, document.kinds, strict=True), 1)
        if kind not in _SKIPPED_KINDS and number not in excluded
    )


@functools.cache
def _words(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the terms as whole words, case-insensitively."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})(?!\w)", re.IGNORECASE)


def _has_figure(text: str, wanted: float) -> bool:
    for match in _FIGURE.finditer(text):
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        unit = match.group(3).lower() if match.group(3) else None
        if _absolute(value, unit) == wanted:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Labelled:
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
    each other, so this is an error."""
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
    surname the line names. Records disagree at times — Stalin was born in December 1878
    but later gave December 1879 as his official birth date, and his 50th
    birthday was celebrated in December 1929 — hence a warning, to be
    explained in the text or suppressed. An uncertain birth year (`c. 1878`,
    `1878 or 1879`) allows every birthday year it covers.

    The date is the bullet's own (`- December 1929: …`), else the one
    written right after the mention (`his 50th birthday (December 1929)`),
    else the only date of its clause; a clause with several dates and none
    of these is left alone."""
    leaders = [leader for leader in _leaders(ctx) if leader.birth is not None]
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
    impossible_date,
    reversed_date_range,
    reversed_numeric_range,
    invalid_regime_dates,
    wrong_duration,
    implausible_leader_dates,
    leader_died_before_end,
    future_date,
    metadata_date_format,
    metadata_date_order,
    event_outside_timeline,
    bullets_out_of_order,
    death_toll_not_in_body,
    conflicting_figures,
    birthday_year,
)
