"""Cross-dossier fact rules: one person's life years and one named event's date, dossier to dossier.

Both compare the checked dossier's people and events, read from its whole text,
with the collection index's (collection_facts: the people of every dossier's
Overview and Key Figures and the events it dates in parentheses, read from the
bytes and kept in the results cache), so a file checked alone, as pre-commit
checks it, is still compared with every other dossier. Names are
compared exactly (case, accents, dashes and a leading `The` aside): an alias
(`Stalin` for `Joseph Stalin`) is not matched, a miss rather than a guess.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from dossierlint.collection_facts import (
    NamedEvent,
    Person,
    agree,
    name_key,
    overlap,
    scan_events,
    scan_people,
)
from dossierlint.collection_index import Collection
from dossierlint.findings import Problem
from dossierlint.rules.base import Context, Example, joined_lines, rule

NAMESAKE_YEARS = 15
"""Life years of one name that differ by more than this in every year given are taken
for two people (namesakes in two countries or centuries), not for a contradiction."""
SAME_EVENT_WITHIN = datetime.timedelta(days=366)
"""Two dates of one event name further apart than this are taken for two events
(there were several Treaties of Paris), not for a contradiction."""

_TROTSKY = (
    "- **Leon Trotsky** — Revolutionary leader, defeated rival, exiled 1929, assassinated 1940"
)
_OTHER_TROTSKY = (
    "soviet-union-lenin.md",
    "# The Soviet Union Under Lenin\n\n## Key Figures\n"
    "- **Leon Trotsky (1879-1940)** — Commissar for War\n",
)
_BARBAROSSA = 'Soviets "caught completely unprepared" by Operation Barbarossa (June 22, 1941)'
_OTHER_BARBAROSSA = (
    "germany-hitler.md",
    "# Nazi Germany Under Adolf Hitler\n\n## Key Events & Atrocities\n"
    "- Operation Barbarossa (June 22, 1941): the invasion of the Soviet Union\n",
)


def _own_people(ctx: Context) -> tuple[Person, ...]:
    """This dossier's people, read from its whole text (the index keeps less: see
    `collection_facts.scan_facts_in_bytes`)."""
    return scan_people(joined_lines(ctx))


def _own_events(ctx: Context) -> tuple[NamedEvent, ...]:
    """This dossier's named events with full dates, read from its whole text."""
    return scan_events(joined_lines(ctx))


def _alone(collection: Collection | None, slug: str) -> bool:
    """No other dossier to compare with: the dossier's own facts need not be read."""
    return collection is None or collection.slugs <= {slug}


def _span(years: tuple[int, int] | None) -> str:
    return (
        "?"
        if years is None
        else str(years[0])
        if years[0] == years[1]
        else f"{years[0]}/{years[1]}"
    )


def _distance(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Years between two intervals (0 when they overlap); None when either is not given."""
    if a is None or b is None:
        return None
    return max(a[0] - b[1], b[0] - a[1], 0)


def _namesakes(one: Person, other: Person) -> bool:
    """Every year given differs by more than NAMESAKE_YEARS: two people of one name, not one
    person misdated (a slip changes one year, or both by a little)."""
    gaps = [_distance(one.birth, other.birth), _distance(one.death, other.death)]
    return all(gap is None or gap > NAMESAKE_YEARS for gap in gaps)


def _others(mentions, slug: str) -> Iterator[tuple[str, list]]:
    """The mentions of one name in every other dossier, grouped by dossier, each once."""
    grouped: dict[str, list] = {}
    for other, mention in mentions:
        if other != slug and mention not in grouped.setdefault(other, []):
            grouped[other].append(mention)
    yield from grouped.items()


@rule(
    "DL530",
    "life-years-differ-across-dossiers",
    "error",
    "One person's life years disagree between two dossiers.",
    example=Example(
        good=_TROTSKY,
        bad=_TROTSKY.replace("**Leon Trotsky**", "**Leon Trotsky (1877-1940)**"),
        others=(_OTHER_TROTSKY,),
    ),
)
def life_years_differ(ctx: Context) -> Iterator[Problem]:
    """A person written with life years, `Name (1879-1940)`, has the same life
    years in every dossier that gives them: two dossiers that disagree
    contradict each other, and at least one of them is wrong. The finding
    names the other dossier and its line. The dossier checked is read whole
    (the Overview's Leader(s), Key Figures and the prose); the others through
    the collection index, which keeps the people of their Overview and Key
    Figures, where a dossier gives its people's life years. Uncertain years (`c. 1925`, `1925 or 1928`) are
    intervals and agree with any year inside them; a living person's open end
    (`b. 1931`, `1931-`) agrees with any death year. Names are compared whole,
    so `Stalin` is not matched with `Joseph Stalin`, except that a dossier that
    gives one person two names with the same life years (`Idi Amin` in the
    Overview, `Idi Amin Dada` in Key Figures) makes them aliases; and when every year given
    differs by more than 15, the two are taken for namesakes, not one person.

    ## Why is this bad?
    Two dossiers give one person different life years: at least one of them is wrong,
    and readers comparing regimes get contradictory facts.

    ## How to fix
    Correct the wrong dossier, or write an uncertain year as an interval (`c. 1925`,
    `1925 or 1928`) in both.
    """
    collection: Collection | None = ctx.collection
    slug = ctx.dossier.slug
    if _alone(collection, slug):
        return
    facts = collection.fact_index()
    if not facts.has_people:
        return  # no dossier names anyone with life years: nothing to compare with
    for person in ctx.derived(_own_people):
        found = [mention for key in person.name_keys() for mention in facts.people_named(key)]
        for other, mentions in _others(found, slug):
            if any(agree(person, mention) for mention in mentions):
                continue
            contradicting = [mention for mention in mentions if not _namesakes(person, mention)]
            if not contradicting:
                continue
            first = contradicting[0]
            yield Problem(
                person.line,
                person.column,
                f"{person.name} ({person.years}) is given other life years in {other}.md "
                f"line {first.line} ({first.years}): {_difference(person, first)}",
            )


def _difference(person: Person, other: Person) -> str:
    parts = []
    if not overlap(person.birth, other.birth):
        parts.append(f"born {_span(person.birth)} here, {_span(other.birth)} there")
    if not overlap(person.death, other.death):
        parts.append(f"died {_span(person.death)} here, {_span(other.death)} there")
    return "; ".join(parts)


def _gap(one: NamedEvent, other: NamedEvent) -> datetime.timedelta | None:
    """How far apart two dates of one event are; None when they overlap."""
    if one.last < other.first:
        return other.first - one.last
    if other.last < one.first:
        return one.first - other.last
    return None


@rule(
    "DL531",
    "event-date-differs-across-dossiers",
    "error",
    "One named event has different full dates in two dossiers.",
    example=Example(
        good=_BARBAROSSA,
        bad=_BARBAROSSA.replace("June 22", "June 21"),
        others=(_OTHER_BARBAROSSA,),
    ),
)
def event_date_differs(ctx: Context) -> Iterator[Problem]:
    """A named event (an operation, an invasion, a pact, a treaty, a coup,
    a massacre: a capitalised name holding an event noun, such as
    `Operation Barbarossa` or `Vietnamese invasion of Cambodia`) dated to the
    day right after its name, `Operation Barbarossa (June 22, 1941)`, has that
    date in every dossier that dates it to the day: two dossiers that disagree
    contradict each other. The finding names the other dossier and its line.
    The dossier checked is read whole (`..., launched on 23 June 1941` counts
    too); the others through the collection index, which keeps the events
    they date in parentheses right after the name. Dates more than a year apart are taken for two events that share a name
    (several treaties were signed at Paris), so the rule stays silent; a date
    given only to the month or year is never compared.

    ## Why is this bad?
    Two dossiers give one named event different dates: at least one of them is wrong.

    ## How to fix
    Correct the wrong date, or name the events apart if they are two.
    """
    collection: Collection | None = ctx.collection
    slug = ctx.dossier.slug
    if _alone(collection, slug):
        return
    facts = collection.fact_index()
    if not facts.has_events:
        return  # no dossier dates a named event: nothing to compare with
    for event in ctx.derived(_own_events):
        for other, mentions in _others(facts.events_named(name_key(event.name)), slug):
            gaps = [_gap(event, mention) for mention in mentions]
            if any(gap is None or gap >= SAME_EVENT_WITHIN for gap in gaps):
                continue
            first = mentions[0]
            yield Problem(
                event.line,
                event.column,
                f"{event.name} is dated {event.date} here but {first.date} in {other}.md "
                f"line {first.line}",
            )


RULES = (life_years_differ, event_date_differs)
