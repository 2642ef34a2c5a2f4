"""Facts that agree: people's lives, ages, deaths and labelled figures within one dossier.

The rules read the dossier's fact index (`dossierlint.facts`), built once per
file through `Context.derived` from the prose lines the date rules scan.
They are conservative by design: a false contradiction costs more trust than
a miss, so a claim is checked only when the index knows whom it is about and
when it happened, and every uncertain year (`c. 1925`, `1925 or 1928`) counts
as the whole interval it may be.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossierlint.facts import FactIndex, Life, Person, Quantity, Statement, build, leading_date
from dossierlint.facts import years_of as _years
from dossierlint.findings import Problem
from dossierlint.grammar.dates import DateRange
from dossierlint.parse import LIST
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.dates import overview as overview_rules
from dossierlint.rules.dates.prose import excluded_lines, prose_by_line

_OVERVIEW_LEADER = "| **Leader(s)** | Joseph Stalin (1878-1953) |"


def fact_index(ctx: Context) -> FactIndex:
    """The dossier's fact index, built once per file however many rules read it."""
    return ctx.derived(_build)


def _build(ctx: Context) -> FactIndex:
    return build(ctx.parsed, prose_by_line(ctx), excluded_lines(ctx))


def _questioned(ctx: Context) -> list[Person]:
    """People whose Overview life years DL406 or DL407 already question: the claims
    of the body are not compared with years reported as wrong (one mistake, one finding)."""
    return ctx.derived(_find_questioned)


def _find_questioned(ctx: Context) -> list[Person]:
    overview = ctx.dossier.overview
    leaders = overview.leaders if overview else []
    if not leaders:
        return []
    flagged = {
        (problem.line, problem.column)
        for check in (
            overview_rules.implausible_leader_dates.check,
            overview_rules.leader_died_before_end.check,
        )
        for problem in check(ctx)
    }
    questioned = []
    for number, leader in enumerate(leaders):
        end = leaders[number + 1].column if number + 1 < len(leaders) else 10**9
        if any(line == leader.line and leader.column <= col < end for line, col in flagged):
            person = next((p for p in fact_index(ctx).people if leader.name in p.names), None)
            if person is not None:
                questioned.append(person)
    return questioned


def _statements(ctx: Context, kinds: tuple[str, ...]) -> Iterator[Statement]:
    """The index's statements of these kinds, less those about questioned people."""
    questioned = _questioned(ctx)
    for statement in fact_index(ctx).statements:
        if statement.kind in kinds and not any(p is statement.person for p in questioned):
            yield statement


def _shown(span: tuple[int, int]) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _life_text(person: Person) -> str:
    first = person.lives[0]
    return f"({first.text}, line {first.line})"


@rule(
    "DL701",
    "unreadable-life-years",
    "error",
    "A leader's life years are missing or cannot be read.",
    example=Example(
        good=_OVERVIEW_LEADER, bad="| **Leader(s)** | Joseph Stalin (about 1878-1953) |"
    ),
)
def unreadable_life_years(ctx: Context) -> Iterator[Problem]:
    """Each leader in `Leader(s)` is written `Name (BIRTH-DEATH)`, and the
    rules that compare dates with a leader's life read those years: a
    parenthesis they cannot read would silence them. A year may be uncertain,
    as historians write it: `c. 1925`, `ca. 1925`, `circa 1925`, `1925?`,
    `1925 or 1928`, `1923/1928`, a decade (`1920s`); a living leader is
    `Name (1952-)` or `Name (b. 1952)`, one whose birth is unknown `Name
    (d. 2003)` or `Name (?-2003)`, one known only by activity `Name (fl. 1920s)`.
    A Key Figures name followed by a parenthesis that holds a year (`- **Ieng
    Sary (about 1925-2013)** — …`) is read the same way.

    ## Why is this bad?
    A leader whose life years cannot be read drops out of every rule that compares dates
    with a life: the Overview's other dates and the body's ages and deaths go unchecked.

    ## How to fix
    Write the years in one of the forms above, marking uncertainty as historians do
    (`c. 1925`, `1925?`, `1925 or 1928`).
    """
    overview = ctx.dossier.overview
    for leader in overview.leaders if overview else ():
        if leader.life_problem is None:
            continue
        written = f"'{leader.life_text}'" if leader.life_text is not None else "none"
        yield Problem(
            leader.line,
            leader.column,
            f"{leader.name}: life years {written} cannot be read ({leader.life_problem}); "
            "write Name (BIRTH-DEATH), a year may be 'c. 1925', '1925?' or '1925 or 1928'",
        )
    for unread in fact_index(ctx).unreadable:
        yield Problem(
            unread.line,
            unread.column,
            f"{unread.name}: life years '{unread.text}' cannot be read ({unread.reason}); "
            "write (BIRTH-DEATH), a year may be 'c. 1925', '1925?' or '1925 or 1928'",
        )


def _date_years(ctx: Context, statement: Statement) -> tuple[int, int] | None:
    """The years of the statement's date; for an age in a death's clause without one,
    the person's death years (`died in exile, aged 79`)."""
    if statement.date is not None:
        return _years(statement.date)
    if statement.kind != "age":
        return None
    died = any(
        other.kind == "death" and other.person is statement.person and other.line == statement.line
        for other in fact_index(ctx).statements
    )
    return statement.person.death() if died else None


@rule(
    "DL702",
    "age-contradicts-life-years",
    "error",
    "A stated age does not fit the person's life years at that date.",
    example=Example(
        good="**Stalin's Death**: March 5, 1953",
        bad="**Stalin's Death**: March 5, 1953, aged 79",
    ),
)
def age_contradicts_life_years(ctx: Context) -> Iterator[Problem]:
    """An age (`aged 79`, `at the age of 79`, `a 79-year-old`, `aged
    seventy-nine`, `in his late seventies`) is checked against the birth
    years the dossier gives the person (Overview, Key Figures or an inline
    `Name (1925-2003)`) at the date of the statement: the date the bullet
    opens with, else the last date before the age in its clause; with no
    date, a death's age is taken at the death years. Every year is an
    interval: born `c. 1925` (1920-1930) and dying in 2003, a man is 72 to
    83, and `aged 78` passes; `aged about 78` allows two years either way.
    Only an age no reading allows is reported.

    ## Why is this bad?
    One of the two statements is wrong: the age, the date it is stated at, or the life
    years.

    ## How to fix
    Correct the age, the date or the life years; mark an uncertain year (`c. 1925`)
    so that the interval covers what the sources say.
    """
    for statement in _statements(ctx, ("age",)):
        birth = statement.person.birth()
        years = _date_years(ctx, statement)
        if birth is None or years is None or statement.age is None:
            continue
        youngest, oldest = years[0] - birth[1] - 1, years[1] - birth[0]
        low, high = statement.age
        if high < max(youngest, 0) or low > oldest:
            when = f"'{statement.date.text}'" if statement.date else f"death in {_shown(years)}"
            yield Problem(
                statement.line,
                statement.column + 1,
                f"'{statement.text}' does not fit {statement.person.name} "
                f"{_life_text(statement.person)}: at {when} they were "
                f"{_shown((max(youngest, 0), oldest))}",
            )


@rule(
    "DL703",
    "life-event-contradicts-life-years",
    "error",
    "A death or birth stated in the body disagrees with the person's life years.",
    example=Example(
        good="**Stalin's Death**: March 5, 1953", bad="**Stalin's Death**: March 5, 1954"
    ),
)
def life_event_contradicts_life_years(ctx: Context) -> Iterator[Problem]:
    """When the body says a person died (`died in 2004`, `Stalin's Death:
    March 5, 1953`, `the death of Stalin (1953)`) or was born (`born in
    1878`), the date falls within the death (or birth) years the dossier
    gives the person. The date is the one the words govern (`died in Jeddah
    on 16 August 2003`), else the bullet's own (`- 1953: Stalin died`), else
    for a verb the only date of its clause. A noun (`death`) counts only
    beside its person's name (`Stalin's death`, `death of Stalin`); a verb
    (`died`) only after it with nobody else named between.

    ## Why is this bad?
    The body and the life years contradict each other; a reader cannot tell which
    year is right.

    ## How to fix
    Correct the date in the body or the life years, or mark the uncertain year
    (`d. c. 2003`, `2003 or 2004`).
    """
    for statement in _statements(ctx, ("death", "birth")):
        if statement.date is None:
            continue
        person = statement.person
        stated = person.death() if statement.kind == "death" else person.birth()
        if stated is None:
            continue
        years = _years(statement.date)
        if years[1] < stated[0] or years[0] > stated[1]:
            yield Problem(
                statement.line,
                statement.column + 1,
                f"{person.name}'s {statement.kind} is dated '{statement.date.text}' here, but "
                f"the life years {_life_text(person)} give {_shown(stated)}",
            )


def _disagree(first: Life, other: Life) -> str | None:
    for what in ("birth", "death"):
        a, b = getattr(first, what), getattr(other, what)
        if a is not None and b is not None and (b.latest < a.earliest or b.earliest > a.latest):
            return f"{what} {b.text} against {a.text}"
    return None


@rule(
    "DL704",
    "conflicting-life-years",
    "error",
    "One person's life years differ between the Overview, Key Figures and the body.",
    example=Example(
        good="- **Joseph Stalin** — General Secretary, later Premier and Supreme Commander",
        bad="- **Joseph Stalin (1879-1953)** — General Secretary, later Premier and Supreme "
        "Commander",
    ),
)
def conflicting_life_years(ctx: Context) -> Iterator[Problem]:
    """A person's life years are the same wherever the dossier gives them:
    in `Leader(s)`, on a Key Figures bullet (`- **Name (1925-2013)** — …`)
    and inline (`Name (1925-2013)`). Uncertain years agree with every year
    they cover (`1925?` agrees with `1925 or 1928`); the names are matched
    conservatively (`Idi Amin` is `Idi Amin Dada`, `Stalin` is `Joseph
    Stalin` when no one else bears that surname). Each later statement that
    disagrees with an earlier one is reported, naming it.

    ## Why is this bad?
    One person with two sets of life years: at least one of them is wrong.

    ## How to fix
    Give the same years everywhere; write an uncertain year the same way in each place.
    """
    for person in fact_index(ctx).people:
        for index, life in enumerate(person.lives[1:], 1):
            for earlier in person.lives[:index]:
                why = _disagree(earlier, life)
                if why:
                    yield Problem(
                        life.line,
                        life.column,
                        f"{person.name}'s life years ({life.text}) disagree with "
                        f"({earlier.text}) in {earlier.place} on line {earlier.line}: {why}",
                    )
                    break


@rule(
    "DL705",
    "killed-outside-life",
    "error",
    "A person is killed, executed or shot at a date outside their life years.",
    example=Example(
        good="**Stalin's Death**: March 5, 1953",
        bad="**Stalin's Death**: March 5, 1953\n\n- Stalin was shot on 3 June 1954",
    ),
)
def killed_outside_life(ctx: Context) -> Iterator[Problem]:
    """A violent death (`killed`, `executed`, `shot`, `assassinated`,
    `murdered`, `hanged`, `beheaded`) happens within the person's life
    years: `killed in an air crash on 3 June 1937` cannot be said of a man
    who died in 1936. Only the victim is checked: the word is passive (`was
    killed`), follows the name directly (`Son Sen, killed …`), follows a run-in
    label that names the person (`**Orlando Letelier**: killed …`) or opens a
    bullet under a heading or label naming the person (`- Executed December
    23, 1953` under `**Beria's Fall**:`); `Amin's soldiers killed …` is not
    about Amin.

    ## Why is this bad?
    A person cannot be killed after their death or before their birth: the date or the
    life years are wrong.

    ## How to fix
    Correct the date of the killing or the person's life years.
    """
    for statement in _statements(ctx, ("killed",)):
        if statement.date is None:
            continue
        person = statement.person
        birth, death = person.birth(), person.death()
        if death is None:
            continue
        years = _years(statement.date)
        first = birth[0] if birth else years[0]
        if years[0] > death[1] or years[1] < first:
            yield Problem(
                statement.line,
                statement.column + 1,
                f"{person.name} '{statement.text}' on '{statement.date.text}', outside the life "
                f"years {_life_text(person)}",
            )


def _same_quantity(a: Quantity, b: Quantity) -> bool:
    if a.measure != b.measure or a.scope != b.scope:
        return False
    return a.subject <= b.subject or b.subject <= a.subject


def _same_value(a: Quantity, b: Quantity) -> bool:
    if (a.low, a.high) == (b.low, b.high):
        return True
    for approx, exact in ((a, b), (b, a)):
        if approx.approximate and approx.low == approx.high:
            margin = approx.low * 0.1
            if approx.low - margin <= exact.low and exact.high <= approx.low + margin:
                return True
    return False


def _same_label_and_section(a: Quantity, b: Quantity) -> bool:
    """DL414's case: one label, one section."""
    return a.heading_line == b.heading_line and a.label.casefold() == b.label.casefold()


def _conflicts(ctx: Context, *, labelled: bool) -> Iterator[tuple[Quantity, Quantity]]:
    """(second, first) for each figure that contradicts an earlier one of the same
    quantity; `labelled`: both labels name the same subject themselves."""
    seen: list[Quantity] = []
    for quantity in fact_index(ctx).quantities:
        for first in seen:
            if not _same_quantity(first, quantity) or _same_label_and_section(first, quantity):
                continue
            named = first.labelled and quantity.labelled and first.subject == quantity.subject
            if named == labelled and not _same_value(first, quantity):
                yield quantity, first
                break
        seen.append(quantity)


def _conflict_problem(second: Quantity, first: Quantity) -> Problem:
    return Problem(
        second.line,
        second.column + 1,
        f"'{second.label}' is {second.text} here but '{first.label}' is {first.text} on line "
        f"{first.line}: the same {second.measure} with two values; reconcile them, or say "
        "what each counts",
    )


@rule(
    "DL706",
    "conflicting-quantities",
    "error",
    "The same labelled quantity is given two different values in one dossier.",
    example=Example(
        good="- 1940s deportation deaths: ~400,000",
        bad="- 1940s deportation deaths: ~400,000\n- Deportation deaths in the 1940s: 300,000",
    ),
)
def conflicting_quantities(ctx: Context) -> Iterator[Problem]:
    """A labelled figure (`Gulag deaths: 1.5-1.7 million`) states one
    quantity; the dossier gives it one value wherever it states it. The
    second place is reported, naming the first. An error: both labels name
    the same thing in the same words (`1940s deportation deaths` and
    `Deportation deaths in the 1940s`), so the two statements contradict.
    When only the heading says what a bare `Death toll` counts, DL708 warns.

    Two figures count the same thing when they measure the same (deaths,
    deported, executions, arrests), have the same subject and the same scope:
    the same years in the line and the same widening words (`total`,
    `including`, `additional`, `alone`, `official`, ...). A figure restricted
    to a period (`executions in 1937-1938 alone`) or widened (`Total including
    camp deaths`) measures something else; an exclusion (`(excluding
    subsequent famine)`) only says what the label means and changes nothing.
    Bounds (`At least 750,000`) and table rows (sources' estimates, which
    differ by design) are not compared. An approximate figure (`~390,000`)
    matches any value within 10% of it. The same label twice in one section
    is DL414's.

    ## Why is this bad?
    Two values for one quantity contradict each other; a reader cannot tell which is
    meant.

    ## How to fix
    Give one value, or label the two figures so that they say what each counts (by
    source, years or scope).
    """
    for second, first in _conflicts(ctx, labelled=True):
        yield _conflict_problem(second, first)


@rule(
    "DL708",
    "probably-conflicting-quantities",
    "warning",
    "A bare figure label and another label, by their headings the same quantity, disagree.",
    example=Example(
        good="- Famine deaths (if included): 5.7-7 million additional",
        bad="- Famine deaths (if included): 5.7-7 million additional\n\n### The 1946 Famine\n"
        "**Death toll**: 1-1.5 million additional (if included)",
    ),
)
def probably_conflicting_quantities(ctx: Context) -> Iterator[Problem]:
    """As DL706, when one of the labels names only what is measured (`**Death
    toll**: 1.2-1.7 million`) and the heading above it says of what (`###
    The Gulag System`): its subject is the heading's words, and it matches
    another label whose subject words are among them (`Gulag deaths:
    1.5-1.7 million`). The match is inferred, not read, hence a warning.
    The reference dossier gives the Gulag's deaths as 1.2-1.7 million under
    `### The Gulag System` and 1.5-1.7 million among its categories, and
    dekulakization's as 530,000-600,000 and ~390,000.

    ## Why is this bad?
    If both labels count the same thing, the two values contradict each other.

    ## How to fix
    Give one value, or say in the label what each figure counts (`Gulag camp deaths,
    1930-1953`), or suppress the warning when the heading's subject differs.
    """
    for second, first in _conflicts(ctx, labelled=False):
        yield _conflict_problem(second, first)


@rule(
    "DL707",
    "bullet-outside-heading-years",
    "warning",
    "A dated bullet lies outside the years its heading gives.",
    example=Example(
        good="- 1925: Trotsky lost position as Commissar for War",
        bad="- 1926: Trotsky lost position as Commissar for War",
    ),
)
def bullet_outside_heading_years(ctx: Context) -> Iterator[Problem]:
    """A heading that gives a period (`### Stage 2 (1925-1927)`) holds the
    events of that period: a bullet that opens with a date (`- January
    1928: …`) entirely outside it belongs under another heading, or one of
    the two dates is wrong. Only bullets opening with their date are read,
    each until the next heading of the same or a higher level.

    ## Why is this bad?
    A reader takes the heading's period as the span of its events; a bullet outside it
    has a wrong date or stands under the wrong heading.

    ## How to fix
    Move the bullet under the heading of its period, or correct its date or the
    heading's years.
    """
    document = ctx.document
    index = fact_index(ctx)
    headings = document.headings
    for position, heading in enumerate(headings):
        line = index.lines.get(heading.line)
        span = next((d for d in line.dates if isinstance(d, DateRange)), None) if line else None
        if span is None or span.reversed:
            continue
        end = next(
            (h.line for h in headings[position + 1 :] if h.level <= heading.level),
            len(document.lines) + 1,
        )
        first, last = span.start.start, span.end.end
        for number in range(heading.line + 1, end):
            bullet = index.lines.get(number)
            if bullet is None or bullet.kind != LIST:
                continue
            date = leading_date(bullet)
            if date is None:
                continue
            begins = date.start.start if isinstance(date, DateRange) else date.start
            ends = date.end.end if isinstance(date, DateRange) else date.end
            if ends < first or begins > last:
                yield Problem(
                    number,
                    date.column + 1,
                    f"'{date.text}' is outside the years of its heading '{heading.text}' "
                    f"(line {heading.line})",
                )


RULES = (
    unreadable_life_years,
    age_contradicts_life_years,
    life_event_contradicts_life_years,
    conflicting_life_years,
    killed_outside_life,
    conflicting_quantities,
    probably_conflicting_quantities,
    bullet_outside_heading_years,
)
