"""Date rules on the Overview: the regime's Dates, its Duration, and its leaders' life years."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from dossierlint import regex
from dossierlint.findings import Edit, Fix, Problem
from dossierlint.grammar.dates import (
    DateRange,
    DateValue,
    ImpossibleDate,
    find_dates,
    match_duration,
    parse_date,
)
from dossierlint.model import Leader, OverviewField
from dossierlint.records import Record
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.dates.prose import crosses_century

MAX_LIFESPAN = 150
"""Years; Wikidata's plausibility bound for a human lifespan."""


_PRESENT = regex.compile(r"[-\u2013\u2014][ \t]{0,3}present$", re.IGNORECASE)


def overview_row(ctx: Context, role: str) -> OverviewField | None:
    name = ctx.house_rules.field_with(role)
    overview = ctx.dossier.overview
    if name is None or overview is None:
        return None
    return next((row for row in overview.fields if row.name == name), None)


class Regime(Record, hash=True):
    """The regime's span as the Overview's `Dates` give it."""

    start: datetime.date
    end: datetime.date
    """Last day; today for an ongoing regime (`1948-present`)."""
    ongoing: bool
    text: str


def regime_span(ctx: Context) -> tuple[Regime | None, Problem | None]:
    """The regime's span, or the problem that makes the `Dates` row unusable."""
    return ctx.derived(_read_regime)


def _read_regime(ctx: Context) -> tuple[Regime | None, Problem | None]:
    row = overview_row(ctx, "dates")
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
    if crosses_century(item):
        return problem(
            f"{row.name} '{value}' reads as {item.start.start.year}-{item.end.start.year}; "
            "write the end year in full"
        )
    return Regime(item.start.start, item.end.end, False, value), None


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
    DL407, DL411) are silent while the Dates are unusable.

    ## Why is this bad?
    The regime's dates anchor the other date checks: unusable dates turn them off.

    ## How to fix
    Write the row as a forward range `START-END` (or `START-present`).
    """
    _, problem = regime_span(ctx)
    if problem is not None:
        yield problem


@rule(
    "DL405",
    "wrong-duration",
    "error",
    "The Overview's Duration is not END - START.",
    example=Example(
        good="| **Duration** | 29 years |",
        bad="| **Duration** | 25 years |",
        fixed="| **Duration** | 29 years |",
    ),
    fix="safe",
)
def wrong_duration(ctx: Context) -> Iterator[Problem]:
    """`Duration` is `N years` with N the end year minus the start year of
    `Dates` (`1924-1953` is `29 years`). `--fix` writes the right number. Not
    checked for an ongoing regime (`1948-present`), whose duration grows.

    ## Why is this bad?
    A duration that disagrees with the dates means one of the two is wrong.

    ## How to fix
    Correct the Duration (or the Dates); `--fix` writes the duration the Dates give.

    ## Fix safety
    Safe: only the number of years changes, to the end year minus the start year.
    """
    regime, _ = regime_span(ctx)
    row = overview_row(ctx, "duration")
    if regime is None or regime.ongoing or row is None or not row.value.strip():
        return
    expected = regime.end.year - regime.start.year
    given = match_duration(row.value)
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


def overview_leaders(ctx: Context) -> list[Leader]:
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
    lives during some part of it.

    ## Why is this bad?
    Impossible life years, or a leader who was not alive during the regime, are
    typos in the dates.

    ## How to fix
    Correct the birth or death year, or the regime's dates.
    """
    regime, _ = regime_span(ctx)
    leaders = overview_leaders(ctx)
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
    1915-2006, led Chile 1973-1990), so only dying early is reported.

    ## Why is this bad?
    It usually means a wrong year, or a successor missing from `Leader(s)`.

    ## How to fix
    Correct the year, add the successor, or explain it in the text and suppress the
    warning.
    """
    regime, _ = regime_span(ctx)
    leaders = overview_leaders(ctx)
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


RULES = (
    invalid_regime_dates,
    wrong_duration,
    implausible_leader_dates,
    leader_died_before_end,
)
