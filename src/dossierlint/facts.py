"""The facts a dossier states: people and their lives, dated statements, labelled figures.

Built once per file from the parsed dossier and the prose lines the date
grammar has already scanned (`build`); the rules in `rules/facts.py` read it
through `Context.derived`. It holds no rules: it says what the text claims,
the rules say where claims disagree.

People come from three places: the Overview's `Leader(s)` (with life years),
the Key Figures' bold names (`- **Ieng Sary (1925-2013)** — …` or
`- **Name** (1925-2013) — …`), and inline mentions `Full Name (1925-2013)`
in the prose. A parenthesis is read as life years only where it cannot be a
tenure: next to a Key Figure's name, or inline after a name of two to four
capitalised words whose first year comes before the regime began and whose
span is a lifetime (`- **Lavrentiy Beria** — Head of NKVD (1938-1953)` is a
tenure, not a life). Names that are one person are merged conservatively: the
same words, one name the other's first words (`Idi Amin`, `Idi Amin Dada`),
or a single word that is exactly one person's surname (`Stalin`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Protocol

from dossierlint.grammar.dates import DASHES, DateRange, DateValue, ImpossibleDate, NumericRange
from dossierlint.grammar.leaders import Years, parse_life
from dossierlint.lazyre import lazy
from dossierlint.model import YearSpan
from dossierlint.parse import HEADING, LIST, QUOTE, TABLE, TEXT, ParsedDossier
from dossierlint.records import TupleRecord

Dated = DateValue | DateRange

MIN_LIFESPAN = 15
"""Years: a range shorter than this after a name is a tenure or an event, not a life."""
MAX_LIFESPAN = 120


class ScannedLine(Protocol):
    """A prose line as the date rules scan it (`rules.dates.ProseLine`)."""

    number: int
    kind: str
    text: str
    dates: tuple
    numbers: tuple[NumericRange, ...]


# --------------------------------------------------------------------------- people


class Life(TupleRecord):
    """One statement of a person's life years, where it is written."""

    birth: YearSpan | None
    death: YearSpan | None
    text: str
    line: int
    column: int
    """1-based column of the life years' text."""
    place: str
    """`Overview`, `Key Figures` or `inline`."""


class Person:
    """One person the dossier names with life years (a plain class: the index makes few,
    and a dataclass costs more to define at start-up than all of them to build)."""

    __slots__ = ("lives", "names", "words")

    def __init__(self, names: list[str]) -> None:
        self.names = names
        """Every form of the name the dossier uses, the first one first."""
        self.lives: list[Life] = []
        self.words: list[list[str]] = []
        """Each name's words (split once: names are compared often)."""

    @property
    def name(self) -> str:
        return self.names[0]

    def birth(self) -> tuple[int, int] | None:
        """Earliest and latest birth year any statement allows (the union: never too narrow)."""
        return _union(life.birth for life in self.lives)

    def death(self) -> tuple[int, int] | None:
        return _union(life.death for life in self.lives)


def _union(spans: Iterable[YearSpan | None]) -> tuple[int, int] | None:
    known = [span for span in spans if span is not None]
    if not known:
        return None
    return min(s.earliest for s in known), max(s.latest for s in known)


def span_of(years: Years | None) -> YearSpan | None:
    return YearSpan(*years) if years is not None else None


# --------------------------------------------------------------------------- statements


class Statement(TupleRecord):
    """A dated claim about a person: a death, a birth, a violent death, an age."""

    kind: str
    """`death`, `birth`, `killed` or `age`."""
    person: Person
    line: int
    column: int
    """0-based offset of the claim's word (`died`, `aged`) in the line."""
    text: str
    """The claim's words as written."""
    date: Dated | None
    age: tuple[int, int] | None = None
    """For an age: the youngest and oldest age the words allow (`late seventies`: 77-79)."""


class Quantity(TupleRecord):
    """A labelled figure: `Gulag deaths: 1.5-1.7 million`, `**Death toll**: 530,000-600,000`."""

    label: str
    measure: str
    """What is counted: `deaths`, `deported`, `executions`, `arrests`."""
    subject: frozenset[str]
    """Whose or which: the label's other words, or the heading's for a bare `Death toll`."""
    scope: frozenset[str]
    """Words and years that widen or restrict the count (`total`, `including`, `1937-1938`)."""
    low: float
    high: float
    approximate: bool
    text: str
    line: int
    column: int
    heading_line: int
    """Line of the nearest heading above (0 for none): the section the figure belongs to."""
    labelled: bool
    """Whether the label itself names the subject (`Gulag deaths`), not only the heading."""


class FactIndex:
    """What one dossier states of people, their lives and deaths, and labelled figures."""

    __slots__ = ("lines", "people", "quantities", "statements", "unreadable")

    def __init__(self, lines: dict[int, ScannedLine]) -> None:
        self.lines = lines
        """The prose lines holding dates or figures, by line number."""
        self.people: list[Person] = []
        self.statements: list[Statement] = []
        self.quantities: list[Quantity] = []
        self.unreadable: list[Unread] = []
        """Key Figures' parentheses that hold a year but no life years the grammar reads."""


class Unread(TupleRecord):
    name: str
    text: str
    reason: str
    line: int
    column: int


# --------------------------------------------------------------------------- grammar

_NAME = r"[A-Z][\w'\u2019.-]*"
_LIFE_PAREN = lazy(
    rf"\((?P<life>(?:b\.|born|d\.|died)[ \t]?[0-9][^()\n]{{2,30}}"
    rf"|(?=[^()\n]{{0,40}}[{DASHES}])(?:c\.|ca\.|circa)?[ \t]?[0-9?][^()\n]{{2,38}})\)"
)
"""A parenthesis that may hold life years; the name before it is read backwards."""
_NAME_WORD = lazy(rf"{_NAME}")
_KEY_FIGURE = lazy(
    r"^\s*[-*+][ \t]+\*\*(?P<name>[^*\n]+?)(?:[ \t]?\((?P<inner>[^()\n]*)\))?\*\*"
    r"(?:[ \t]?\((?P<outer>[^()\n]*)\))?"
)
_NOT_PEOPLE = frozenset(
    [
        "war",
        "revolution",
        "trial",
        "trials",
        "battle",
        "policy",
        "plan",
        "purge",
        "famine",
        "party",
        "congress",
        "pact",
        "treaty",
        "era",
        "period",
        "regime",
        "stage",
        "campaign",
        "model",
        "school",
        "union",
        "republic",
        "empire",
        "army",
        "committee",
        "conference",
        "decree",
        "act",
        "law",
        "movement",
        "front",
        "operation",
        "offensive",
        "uprising",
        "rebellion",
        "coup",
        "invasion",
        "occupation",
        "crisis",
        "reform",
        "reforms",
        "election",
        "elections",
        "government",
    ]
)
_CLAUSE_END = lazy(r";|\|| - |(?<=[a-z0-9)]{2})\.[ \t]")
_WORD_NUMBERS = {
    **dict(
        zip(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
            ],
            range(20),
            strict=True,
        )
    ),
    **dict(
        zip(
            ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
            range(20, 100, 10),
            strict=True,
        )
    ),
}
_TENS = "twent|thirt|fort|fift|sixt|sevent|eight|ninet"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"a hundred(?: and \w+(?:-\w+)?)?)"
)
_AGE = lazy(
    r"(?<!\w)(?:(?:aged(?:[ \t]+(?P<about1>about|around|roughly|nearly|some|c\.|ca\.))?"
    r"|at[ \t]+the[ \t]+age[ \t]+of(?:[ \t]+(?P<about2>about|around|roughly|nearly|some))?"
    rf"|(?P<an>a|an))[ \t]+(?P<n>[0-9]{{1,3}}|{_NUMBER_WORD})(?(an)-year-old)"
    rf"|in[ \t]+(?:his|her)[ \t]+(?:(?P<part>early|mid|late)(?:-|[ \t]+))?(?P<tens>(?:{_TENS})ies|[2-9]0s))"
    r"(?!\w)",
    re.IGNORECASE,
)
"""An age: `aged 79`, `at the age of seventy-nine`, `a 79-year-old`, `in his late seventies`
(one number pattern for the first three: `(?(an)...)` asks for `-year-old` after `a`/`an`)."""
_COMPOUND = (
    r"(?![ \t]+(?i:toll|tolls|squads?|sentences?|penalty|camps?|march(?:es)?|rates?|lists?"
    r"|warrants?|row|counts?|figures?|estimates?|certificates?|control|rite|rites)(?!\w))"
)
# Case-aware letters, not re.IGNORECASE: several times faster on long lines.
_DEATH = lazy(rf"(?<!\w)(?:(?P<verb>[Dd]ie[ds]|DIE[DS])|(?:[Dd]eath|DEATH){_COMPOUND})(?!\w)")
_BIRTH = lazy(rf"(?<!\w)(?:(?P<verb>[Bb]orn|BORN)|(?:[Bb]irth|BIRTH){_COMPOUND})(?!\w)")
_KILLED = lazy(
    r"(?<!\w)(?:killed|executed|shot|assassinated|murdered|hanged|beheaded)"
    r"(?=[ \t]+(?:in|on|at|by|during|near|with|after|before|[0-9A-Z(])|[,;.)]|$)",
)
_PRONOUN = lazy(r"[ \t]{0,3}(?:he|she|his|her)(?!\w)", re.IGNORECASE)
_STATE_WORDS = (
    *("aged", "age of", "year-old", "in his ", "in her ", "died", "dies", "death", "born"),
    *("birth", "killed", "executed", "shot", "assassinated", "murdered", "hanged", "beheaded"),
)
"""What a line must hold to state a death, a birth, a killing or an age (lowercase;
`in` tests on the lowered line are several times faster than a case-blind regex)."""


def _age_number(text: str) -> int | None:
    text = text.lower().replace(" ", "-")
    if text.isdigit():
        return int(text)
    if text.startswith("a-hundred"):
        rest = text.removeprefix("a-hundred").removeprefix("-and-")
        return 100 + (_age_number(rest) or 0) if rest else 100
    parts = text.split("-")
    values = [_WORD_NUMBERS.get(part) for part in parts]
    return None if None in values else sum(values)


def _age_range(match: re.Match[str]) -> tuple[int, int] | None:
    number = match.group("n")
    if number is not None:
        age = _age_number(number)
        if age is None:
            return None
        about = match.group("about1") or match.group("about2")
        return (age - 2, age + 2) if about else (age, age)
    tens_text = match.group("tens").lower()
    tens = int(tens_text[0]) * 10 if tens_text[0].isdigit() else _tens_word(tens_text)
    part = (match.group("part") or "").lower()
    low, high = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return tens + low, tens + high


def _tens_word(text: str) -> int:
    stem = text.removesuffix("ies")
    return next(v for k, v in _WORD_NUMBERS.items() if k.startswith(stem) and v >= 20)


# --------------------------------------------------------------------------- dates of a line


def leading_date(line: ScannedLine, text_start: int | None = None) -> Dated | None:
    """The date a bullet or line opens with (`- January 1928: …`, `- **1927**: …`).

    Every rule that asks for "the bullet's date" asks this function. A caller that
    has matched the line's list marker (spaces, marker, spaces) gives where it ends
    as `text_start`: `_BULLET` ends there too.
    """
    if not line.dates:
        return None
    item = line.dates[0]
    if isinstance(item, ImpossibleDate):
        return None
    start = _BULLET.match(line.text).end() if text_start is None else text_start
    if start > item.column or line.text[start : item.column] not in ("", "**"):
        return None
    if line.text.startswith(":", item.end_column):  # the most frequent match of `_DATE_COLON`
        return item
    return item if _DATE_COLON.match(line.text, item.end_column) else None


_BULLET = lazy(r"[ \t]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?")
"""A list marker, if any, and the spaces before it (matches every line)."""
_DATE_COLON = lazy(r"(?:\*\*)?[ \t]{0,3}:")


def clause(text: str, at: int) -> tuple[int, int]:
    """[start, end) of the clause holding offset `at`: cut at `;`, `|` and sentence ends."""
    cuts = _clause_cuts(text)
    index = bisect.bisect_right(cuts, (at, -1))
    start = cuts[index - 1][1] if index else 0
    end = cuts[index][0] if index < len(cuts) else len(text)
    return start, end


@functools.lru_cache(maxsize=256)
def _clause_cuts(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each clause break of a line (a line's claims ask for them often)."""
    return tuple(match.span() for match in _CLAUSE_END.finditer(text))


def date_after(line: ScannedLine, at: int, reach: int = 30) -> Dated | None:
    """The first date starting within `reach` characters after `at`, in the same clause."""
    _, end = clause(line.text, at)
    for item in line.dates:
        if item.column >= at and not isinstance(item, ImpossibleDate):
            if item.column - at <= reach and item.column < end:
                return item
            return None
    return None


def date_before(line: ScannedLine, at: int) -> Dated | None:
    """The last date ending before `at` in the same clause."""
    start, _ = clause(line.text, at)
    found = None
    for item in line.dates:
        if item.end_column <= at and item.column >= start:
            found = None if isinstance(item, ImpossibleDate) else item
    return found


def clause_date(line: ScannedLine, at: int) -> Dated | None:
    """The only date of the clause holding `at`, if it holds exactly one."""
    start, end = clause(line.text, at)
    inside = [item for item in line.dates if start <= item.column < end]
    if len(inside) == 1 and not isinstance(inside[0], ImpossibleDate):
        return inside[0]
    return None


def line_date(line: ScannedLine, match: re.Match[str]) -> Dated | None:
    """The date of the words `match` found: the bullet's (`- December 1929: …`), else
    one right after them (`his 50th birthday (December 1929)`), else the only one of
    their clause. The rules that date a phrase on a line all ask this function."""
    return (
        _bullet_date(line, match.start())
        or date_after(line, match.end())
        or clause_date(line, match.start())
    )


def years_of(item: Dated) -> tuple[int, int]:
    """First and last year a date or range covers."""
    if isinstance(item, DateRange):
        return item.start.start.year, item.end.end.year
    return item.start.year, item.end.year


# --------------------------------------------------------------------------- building


def build(parsed: ParsedDossier, lines: dict[int, ScannedLine], skipped: set[int]) -> FactIndex:
    """The fact index of one dossier.

    `lines` are the prose lines holding dates or figures, by line number;
    `skipped` are line numbers that are not prose (Sources, footer).
    """
    index = FactIndex(lines)
    people = _People()
    overview = parsed.dossier.overview
    regime_start = overview.start_year if overview else None
    for leader in overview.leaders if overview else ():
        if leader.life_problem is None and (leader.birth or leader.death):
            life = Life(
                leader.birth,
                leader.death,
                leader.life_text or "",
                leader.line,
                leader.column,
                "Overview",
            )
            people.add(leader.name, life)
        elif leader.name:
            people.add(leader.name, None)
    document = parsed.document
    for figure in parsed.dossier.key_figures:
        _key_figure(people, index, document.lines[figure.line - 1], figure.line)
    figure_lines = {figure.line for figure in parsed.dossier.key_figures}
    starts = _line_starts(document)
    _inline_lives(people, _plain(document), starts, skipped | figure_lines, regime_start)
    index.people = people.people
    if any(person.lives for person in people.people):
        _statements(index, parsed, people, skipped, starts)
    index.quantities = list(_quantities(parsed, index, skipped, starts))
    return index


class _Plain:
    """A document whose text is its lines joined by `\\n` (offsets match `_line_starts`)."""

    __slots__ = ("kinds", "lines", "text")

    def __init__(self, document) -> None:
        self.lines, self.kinds = document.lines, document.kinds
        self.text = "\n".join(document.lines)


def _plain(document):
    return document if "\r" not in document.text else _Plain(document)


class _People:
    """The people found so far, and the names that point at each."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def add(self, name: str, life: Life | None) -> None:
        name = " ".join(name.split())
        if not name:
            return
        person = self.find(name)
        if person is None:
            person = Person([name])
            person.words.append(name.split())
            self.people.append(person)
        elif name not in person.names:
            person.names.append(name)
            person.words.append(name.split())
        if life is not None:
            person.lives.append(life)

    def find(self, name: str) -> Person | None:
        """The one person a name means, or None (unknown, or more than one)."""
        words = name.split()
        found = [p for p in self.people if any(_same(words, n) for n in p.words)]
        if len(found) == 1:
            return found[0]
        if len(words) == 1:  # a surname: exactly one person carries it
            found = [p for p in self.people if any(n[-1] == words[0] for n in p.words)]
            return found[0] if len(found) == 1 else None
        return None


def _same(a: list[str], b: list[str]) -> bool:
    """Same words, or one name the other's first words (`Idi Amin`, `Idi Amin Dada`)."""
    shorter, longer = sorted((a, b), key=len)
    return (len(shorter) >= 2 and longer[: len(shorter)] == shorter) or a == b


def _life_of(text: str, line: int, column: int, place: str) -> Life | None:
    read = parse_life(text)
    if isinstance(read, str):
        return None
    birth, death, _ = read
    if birth is None and death is None:
        return None
    return Life(span_of(birth), span_of(death), text.strip(), line, column, place)


def _key_figure(people: _People, index: FactIndex, text: str, number: int) -> None:
    match = _KEY_FIGURE.match(text)
    if match is None:
        return
    group = "inner" if match.group("inner") is not None else "outer"
    life = None
    written = match.group(group)
    if written is not None:
        life = _life_of(written, number, match.start(group) + 1, "Key Figures")
        read = parse_life(written) if life is None and _YEARISH.search(written) else None
        if isinstance(read, str):
            name = match.group("name").strip()
            index.unreadable.append(
                Unread(name, written.strip(), read, number, match.start(group) + 1)
            )
    names = [n.strip() for n in _JOINED_NAMES.split(match.group("name"))]
    if len(names) > 1:
        life = None  # `Lev Kamenev & Grigory Zinoviev (…)`: whose years?
    for name in names:
        people.add(name, life)


_YEARISH = lazy(r"[0-9]{3,4}")
_JOINED_NAMES = lazy(r"[ \t]{1,3}(?:&|and)[ \t]{1,3}")


def _inline_lives(
    people: _People, document, starts: list[int], skip: set[int], regime_start: int | None
) -> None:
    """`Full Name (1925-2013)` anywhere in the prose, found from the parenthesis."""
    text = document.text
    for match in _LIFE_PAREN.finditer(text):
        number = bisect.bisect_right(starts, match.start())
        if number in skip or document.kinds[number - 1] in (HEADING, TABLE):
            continue
        before = text[match.start() - 2 : match.start()]
        if not before or not (before[-1].isalpha() or before[-2:-1].isalpha()):
            continue
        line_start = starts[number - 1]
        name = _name_before(text[max(line_start, match.start() - 80) : match.start()])
        if name is None:
            continue
        column = match.start("life") - line_start + 1
        life = _life_of(match.group("life"), number, column, "inline")
        if life is not None and _is_lifetime(life, regime_start):
            people.add(name, life)


def _name_before(text: str) -> str | None:
    """The two to four capitalised words that end `text` (before a parenthesis), if any."""
    if text.endswith(("  ", "\t")):
        return None
    words = text.split()
    taken = 0
    while taken < min(len(words), 4) and _NAME_WORD.fullmatch(words[-1 - taken]):
        taken += 1
    if taken < 2:
        return None
    names = words[-taken:]
    if any(word.casefold() in _NOT_PEOPLE for word in names):
        return None
    return " ".join(names)


def _is_lifetime(life: Life, regime_start: int | None) -> bool:
    """Years after a name are a life only if they can be nothing else: `b. 1944`, `d. 2003`,
    or a birth before the regime began and a span as long as a life (decades never)."""
    birth, death = life.birth, life.death
    if any(span.qualifier == "decade" for span in (birth, death) if span):
        return False
    if birth is None or death is None:
        return life.text.startswith(("b.", "born", "d.", "died"))
    if not MIN_LIFESPAN <= death.latest - birth.earliest <= MAX_LIFESPAN:
        return False
    return regime_start is not None and birth.latest < regime_start


# --------------------------------------------------------------------------- statements


def _mention_names(people: _People) -> dict[str, Person]:
    """Every name and unique surname that points at exactly one person with life years
    (claims about anyone else cannot be checked; their names still count as names)."""
    named: dict[str, Person] = {}
    for person in people.people:
        if not person.lives:
            continue
        for name in person.names:
            for form in (name, name.split()[-1]):
                if people.find(form) is person:
                    named[form] = person
    return dict(sorted(named.items(), key=lambda item: -len(item[0])))


def _mentions(text: str, named: dict[str, Person]) -> list[tuple[int, int, Person]]:
    """(start, end, person) of each name in a line, in line order; `named` lists the
    longest names first, so a surname inside a full name is not a mention of its own."""
    found: list[tuple[int, int, Person]] = []
    for form in named:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            whole = (start == 0 or not _is_word(text[start - 1])) and (
                end == len(text) or not _is_word(text[end])
            )
            if whole and not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, named[form]))
            start = text.find(form, start + 1)
    found.sort(key=lambda mention: mention[0])
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _lines_holding(text: str, starts: list[int], needles: Iterable[str]) -> set[int]:
    """Line numbers holding any needle (`text` split on `\\n` gives the lines)."""
    numbers: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            numbers.add(bisect.bisect_right(starts, at))
            at = text.find(needle, at + 1)
    return numbers


def _line_starts(document) -> list[int]:
    """Offset of each line's first character in the text (for text split on `\\n`): the
    running sum of the lengths of the lines before it, each with its `\\n` (one sum of
    small numbers fewer a line than adding each line's number to the sum of lengths)."""
    with_breaks = map(operator.add, map(len, document.lines), itertools.repeat(1))
    return list(itertools.accumulate(with_breaks, initial=0))


_OPENING_VERB = lazy(
    r"\n[ \t]{0,12}(?:[-*+]|[0-9]{1,9}[.)])[ \t]{1,12}(?:\*\*)?"
    r"(?:Died|Born|Killed|Executed|Shot|Assassinated|Murdered|Hanged|Beheaded)(?!\w)"
)
"""A bullet that opens with a claim (`- Died in Jeddah …`): its subject is above it.
Led by the line break, so one pass of the text finds them all."""


def _statements(
    index: FactIndex, parsed: ParsedDossier, people: _People, skipped: set[int], starts: list[int]
) -> None:
    """Claims on the lines that name a person with life years, or open with the claim."""
    named = _mention_names(people)
    if not named:
        return
    document = _plain(parsed.document)
    candidates = _lines_holding(document.text, starts, named)
    candidates.update(
        bisect.bisect_right(starts, m.start() + 1) for m in _OPENING_VERB.finditer(document.text)
    )
    for number in sorted(candidates):
        kind = document.kinds[number - 1]
        if number in skipped or kind not in (LIST, TABLE, TEXT, QUOTE):
            continue
        text = document.lines[number - 1]
        lowered = text.lower()
        if not any(word in lowered for word in _STATE_WORDS):
            continue
        mentions = _mentions(text, named)
        line = index.lines.get(number) or _Line(number, kind, text, (), ())
        context = functools.partial(_context, document, number, named)
        index.statements.extend(_line_statements(line, mentions, context))


def _context(document, number: int, named: dict[str, Person]) -> Person | None:
    """The person a bullet is about when it does not say: the one the bold label line
    (`**Beria's Fall**:`) or, failing that, the heading above it names alone."""
    for above in range(number - 1, 0, -1):
        kind, text = document.kinds[above - 1], document.lines[above - 1]
        if kind == HEADING:
            return _only(_mentions(text, named))
        if kind != LIST and text.lstrip().startswith("**"):
            person = _only(_mentions(text, named))
            if person is not None:
                return person
    return None


class _Line(TupleRecord):
    number: int
    kind: str
    text: str
    dates: tuple
    numbers: tuple


def _only(mentions: list[tuple[int, int, Person]]) -> Person | None:
    people = {id(p): p for _, _, p in mentions}
    return next(iter(people.values())) if len(people) == 1 else None


_OPENS_BULLET = lazy(
    r"^[ \t]{0,12}(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]{1,12})?(?:\*\*[^*\n]{0,120}\*\*:?[ \t]{0,12})?$"
)
_CAPITAL = lazy(r"(?<![\w'\u2019])[A-Z]")
_CLAUSE_OPENERS = frozenset(
    [
        "In",
        "On",
        "By",
        "After",
        "Before",
        "During",
        "When",
        "Then",
        "Later",
        "The",
        "At",
        "From",
        "Until",
    ]
)


def _plain_between(
    line: ScannedLine, start: int, end: int, mentions: list, *, opener: bool
) -> bool:
    """Whether text[start:end] names nobody: no capitalised word but dates, a possessive
    name (`on Pol Pot's orders`) and, with `opener`, a first word such as `In`."""
    text = line.text
    if start >= end:
        return True
    spans = [
        (d.column, d.end_column) for d in line.dates if d.column < end and d.end_column > start
    ]
    for m_start, m_end, _ in mentions:
        if start <= m_start and m_end <= end:
            if not _POSSESSIVE.match(text, m_end):
                return False
            spans.append((m_start, m_end))
    pieces, at = [], start
    for a, b in sorted(spans):
        if a > at:
            pieces.append(text[at:a])
        at = max(at, b)
    pieces.append(text[at:end])
    rest = " ".join(pieces)
    capitals = [c.start() for c in _CAPITAL.finditer(rest)]
    if opener and capitals:
        first = rest.split(None, 1)[0] if rest.strip() else ""
        if first in _CLAUSE_OPENERS and capitals[0] == rest.index(first):
            capitals = capitals[1:]
    return not capitals


_LABEL = lazy(r"^[ \t]{0,12}(?:[-*+][ \t]{1,12})?\*\*([^*\n]{1,120})\*\*[ \t]{0,3}:")
_POSSESSIVE = lazy(r"['\u2019]s(?!\w)")


def _subject(
    line: ScannedLine,
    at: int,
    mentions: list[tuple[int, int, Person]],
    context: Callable[[], Person | None],
) -> Person | None:
    """Whom the words at `at` are about.

    The first person named in their clause, when nobody else is named before the
    words (other names, unless possessive, make the sentence ambiguous); after
    `he`/`she` opening a later clause, the subject of the line's first clause; for
    a bullet that opens with the words (`- Died in Jeddah …`), the person the
    heading or bold label above names.
    """
    text = line.text
    start, _ = clause(text, at)
    in_clause = [m for m in mentions if start <= m[0] < at]
    if in_clause:
        first = in_clause[0]
        label = _LABEL.match(text)
        if label and label.start(1) <= first[0] and first[1] <= label.end(1):
            others = [m for m in in_clause[1:] if not _POSSESSIVE.match(text, m[1])]
            return None if others else first[2]
        if not _plain_between(line, start, first[0], mentions, opener=True):
            return None
        if _plain_between(line, first[1], at, mentions, opener=False):
            return first[2]
        return None
    after_pronoun = start > 0 and _PRONOUN.match(text, start)
    if (
        after_pronoun
        and mentions
        and mentions[0][0] < start
        and clause(text, mentions[0][0])[0] == 0
    ):
        return mentions[0][2]
    if _OPENS_BULLET.fullmatch(text, 0, at):
        return context()
    return None


_DEATH_OF = lazy(r"['\u2019]s[ \t]+(?:death|birth)", re.IGNORECASE)


_CLAIMS = (
    ("death", _DEATH, ("die", "death")),
    ("birth", _BIRTH, ("born", "birth")),
    (
        "killed",
        _KILLED,
        ("killed", "executed", "shot", "assassinated", "murdered", "hanged", "beheaded"),
    ),
)
"""Each kind of claim, its pattern, and the words a line needs before the pattern runs."""
_AGE_WORDS = ("aged", "age of", "year-old", "in his ", "in her ")


def _line_statements(
    line: ScannedLine,
    mentions: list[tuple[int, int, Person]],
    context: Callable[[], Person | None],
) -> Iterable[Statement]:
    text = line.text
    lowered = text.lower()
    subjects: dict[int, Person] = {}
    """Clause start -> the person its death, birth or killing is about."""
    for kind, pattern, words in _CLAIMS:
        if not any(word in lowered for word in words):
            continue
        for match in pattern.finditer(text):
            person = _statement_subject(line, match, kind, mentions, context)
            if person is None:
                continue
            subjects.setdefault(clause(text, match.start())[0], person)
            date = _dated(line, match)
            if date is None and (kind == "killed" or match.group("verb")):
                date = clause_date(line, match.start())
            yield Statement(kind, person, line.number, match.start(), match.group(), date)
    ages = _AGE.finditer(text) if any(word in lowered for word in _AGE_WORDS) else ()
    for match in ages:
        person = _subject(line, match.start(), mentions, context)
        person = person or subjects.get(clause(text, match.start())[0])
        age = _age_range(match)
        if person is None or age is None:
            continue
        date = _bullet_date(line, match.start()) or date_before(line, match.start())
        yield Statement("age", person, line.number, match.start(), match.group(), date, age)


def _statement_subject(
    line: ScannedLine,
    match: re.Match[str],
    kind: str,
    mentions: list[tuple[int, int, Person]],
    context: Callable[[], Person | None],
) -> Person | None:
    """A noun (`death`) names its person beside it (`Stalin's death`, `death of Stalin`);
    a verb (`died`) has the clause's subject; a killing is about its victim only when
    passive (`was killed`, `Son Sen, killed …`, a bullet opening `- Executed …`)."""
    if kind != "killed" and not match.group("verb"):
        return _named_after(line.text, match, mentions)
    person = _subject(line, match.start(), mentions, context)
    if person is None or kind != "killed":
        return person
    start, _ = clause(line.text, match.start())
    before = [m for m in mentions if start <= m[0] < match.start()]
    if not before:
        return person  # the bullet or label names the victim
    between = line.text[before[0][1] : match.start()]
    # `Son Sen, killed ...`, or the word right after a run-in label that names the victim,
    # `**Orlando Letelier**: killed ...` (a killer killing outside their own life cannot be)
    return person if _PASSIVE.search(between) or not between.strip(" \t,*:") else None


_PASSIVE = lazy(r"(?<!\w)(?:was|were|been|being|got)(?!\w)")
_PREPOSITIONS = frozenset(["in", "on", "at", "near", "during", "of", "while", "around"])
_ARTICLES = frozenset(["the", "a", "an", "his", "her"])
_GOVERNED_OPENING = lazy(r"[ \t]{0,3}(?:\*\*)?[ \t]{0,3}:?[ \t]{0,3}\(?")


def _governs(between: str) -> bool:
    """Whether the words between a claim and a date make the date the claim's: a
    label's colon or a parenthesis (`Death**: March 5`, `died (1953)`), or places and
    objects of prepositions (`died in Jeddah on`, `killed in an air crash on`)."""
    if _GOVERNED_OPENING.fullmatch(between):
        return True
    words = between.replace(",", " ").split()
    if not words or words[-1] not in _PREPOSITIONS | {"c."}:
        return False
    after_preposition = 0
    for word in words:
        if word in _PREPOSITIONS or word in _ARTICLES:
            after_preposition = 2
        elif word[0].isupper() or (after_preposition and word.isalpha() and word.islower()):
            after_preposition -= not word[0].isupper()
        else:
            return False
    return True


def _dated(line: ScannedLine, match: re.Match[str]) -> Dated | None:
    """The date of a death, birth or killing: the date its words govern (`died in
    Jeddah on 16 August 2003`, `Stalin's Death**: March 5, 1953`), else the bullet's."""
    for item in line.dates:
        if item.column < match.end():
            continue
        if isinstance(item, ImpossibleDate) or item.column - match.end() > 40:
            break
        if _governs(line.text[match.end() : item.column]):
            return item
        break
    return _bullet_date(line, match.start())


_OF = lazy(r"[ \t]{1,3}of[ \t]{1,3}")
_APOSTROPHE_S = lazy(r"['\u2019]s[ \t]{1,3}")


def _named_after(text: str, match: re.Match[str], mentions: list) -> Person | None:
    """`death of Stalin`, `Stalin's death`: the noun names its person right beside it."""
    if match.group().casefold() not in ("death", "birth"):
        return None
    for start, end, person in mentions:
        if _OF.fullmatch(text, match.end(), start):
            return person
        if _APOSTROPHE_S.fullmatch(text, end, match.start()):
            return person
    return None


def _bullet_date(line: ScannedLine, at: int) -> Dated | None:
    """The bullet's opening date, for words in the bullet's first clause."""
    item = leading_date(line)
    if item is None:
        return None
    start, _ = clause(line.text, at)
    return item if start <= item.column else None


# --------------------------------------------------------------------------- quantities

_MEASURES = (
    ("deaths", ("deaths", "death", "dead", "died", "killed", "toll", "fatalities")),
    ("deported", ("deported", "deportations", "deportees", "deportation")),
    ("executions", ("executions", "executed", "shot")),
    ("arrests", ("arrests", "arrested")),
)
_MEASURE_OF = {word: measure for measure, words in _MEASURES for word in words}
_GENERIC = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "and",
        "to",
        "if",
        "estimate",
        "estimates",
        "estimated",
        "number",
        "figure",
        "figures",
        "toll",
        "count",
        "counts",
        "range",
    ]
)
_SCOPE_WORDS = frozenset(
    [
        "total",
        "including",
        "included",
        "additional",
        "alone",
        "only",
        "official",
        "direct",
        "indirect",
        "excess",
        "plus",
        "combined",
        "overall",
        "cumulative",
        "registered",
        "recorded",
        "documented",
    ]
)
_BOUND = lazy(
    r"(?:at[ \t]+least|more[ \t]+than|over|up[ \t]+to|under|fewer[ \t]+than|<|>)[ \t]{0,3}$", re.I
)
_RUN_IN = lazy(
    r"^[ \t]{0,12}(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]{1,12})?"
    r"(?:\*\*(?P<bold>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]{0,3}:)|(?P<plain>[^:*\[\]|\n]{1,60}):)[ \t]*"
    r"(?P<approx>(?:~|≈|c\.|ca\.|about|around|approximately|roughly|some|nearly)[ \t]{0,3})?"
)
_FIGURE = lazy(
    r"(?P<value>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)"
    r"(?:[ \t]{0,3}(?P<unit>million|billion|thousand)s?)?(?![\w,.][0-9]|[0-9%])",
    re.IGNORECASE,
)
_SCALE = {None: 1, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}
_WORD = lazy(r"[a-z]+|[0-9]{4}s?", re.IGNORECASE)


_COUNT_STEMS = (
    *("death", "dead", "died", "killed", "toll"),
    *("fatalit", "deport", "execut", "shot", "arrest"),
)
_COUNTS = lazy("|".join(w for stem in _COUNT_STEMS for w in (stem.capitalize(), stem)))
"""What a label must hold to count something (the stems of the measure words, lower case or
capitalised). Literal words only: the regex engine skips to their first letters, where an
alternation led by `[Dd]` would be tried at every offset (four times slower on a label)."""
_COLON_FIGURE = lazy(r":[^\n0-9:]{0,16}[0-9]")


def _quantities(
    parsed: ParsedDossier, index: FactIndex, skipped: set[int], starts: list[int]
) -> Iterable[Quantity]:
    """Run-in labels followed by a figure: found from the colons (one pass of the text)."""
    document = _plain(parsed.document)
    text = document.text
    headings = parsed.document.headings
    heading_lines = [heading.line for heading in headings]
    done = 0
    for colon in _COLON_FIGURE.finditer(text):
        number = bisect.bisect_right(starts, colon.start())
        if number == done:
            continue
        done = number
        kind = document.kinds[number - 1]  # the cheaper test first: a Sources line has colons
        if kind not in (LIST, TEXT) or number in skipped:
            continue
        if not _COUNTS.search(text, starts[number - 1], colon.start()):
            continue
        above = bisect.bisect_right(heading_lines, number) - 1
        heading = headings[above] if above >= 0 else None
        line = index.lines.get(number) or _Line(number, kind, document.lines[number - 1], (), ())
        found = _quantity(line, heading)
        if found is not None:
            yield found


def _quantity(line: ScannedLine, heading) -> Quantity | None:
    run_in = _RUN_IN.match(line.text)
    if run_in is None:
        return None
    label = (run_in.group("bold") or run_in.group("plain")).strip()
    words = [w.casefold() for w in _WORD.findall(label)]
    measured = [w for w in words if w in _MEASURE_OF]
    if not measured or _BOUND.search(label):
        return None
    head = measured[-1]  # the head noun: `deportation deaths` counts deaths
    value_at = run_in.end()
    low_high = _value(line, value_at)
    if low_high is None:
        return None
    low, high, text, end = low_high
    if run_in.group("approx"):
        text = line.text[run_in.start("approx") : end]
    measure = _MEASURE_OF[head]
    subject = {
        w
        for w in words
        if w != head and _MEASURE_OF.get(w) != measure and w not in _GENERIC
        if w not in _SCOPE_WORDS
    }
    scope = {w for w in words if w in _SCOPE_WORDS}
    scope |= {w for w in _WORD.findall(line.text[end:].casefold()) if w in _SCOPE_WORDS}
    scope |= {
        f"{a}-{b}"
        for a, b in (years_of(d) for d in line.dates if not isinstance(d, ImpossibleDate))
    }
    labelled = any(not w[0].isdigit() for w in subject)
    if not labelled:
        subject |= _heading_subject(heading, measure)
    subject = {w for w in subject if not w[0].isdigit()}
    if not subject:
        return None
    return Quantity(
        label,
        measure,
        frozenset(subject),
        frozenset(scope),
        low,
        high,
        bool(run_in.group("approx")),
        text,
        line.number,
        value_at,
        heading.line if heading else 0,
        labelled,
    )


def _heading_subject(heading, measure: str) -> set[str]:
    """The heading's words that say what a bare label (`Death toll`) counts."""
    if heading is None:
        return set()
    words = {w.casefold() for w in _WORD.findall(heading.text)}
    return {
        w
        for w in words
        if _MEASURE_OF.get(w) != measure and w not in _GENERIC and w not in _SCOPE_WORDS
    }


def _value(line: ScannedLine, at: int) -> tuple[float, float, str, int] | None:
    """The figure or range written at offset `at`, by value; None if none starts there."""
    for item in line.numbers:
        if item.column == at:
            unit = item.unit if item.unit in _SCALE else None
            if item.unit is not None and unit is None:
                return None  # a percentage is not a count
            scale = _SCALE[unit]
            return item.low * scale, item.high * scale, item.text, item.end_column
    match = _FIGURE.match(line.text, at)
    if match is None:
        return None
    if any(isinstance(d, (DateValue, DateRange)) and d.column == at for d in line.dates):
        return None  # `1956: …` is a date
    value = float(match.group("value").replace(",", ""))
    unit = match.group("unit").lower() if match.group("unit") else None
    value *= _SCALE[unit]
    return value, value, match.group(), match.end()
