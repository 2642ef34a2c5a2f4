"""The people and named events a dossier states, read by a line scan for the collection index.

Cross-dossier fact rules compare what two dossiers say of one person (life
years) or one named event (its full date). The other dossiers of a run are not
parsed, so this module reads those statements straight off the text, cheaply:
it looks only at a parenthesis opening on a year (`Name (1878-1953)`) and at
lines holding an event noun (`Pact`, `Treaty`, `Operation`, ...).

Both readings are conservative, because a false contradiction between two
dossiers costs more trust than a missed one:

- a person is two to six capitalised words right before the parenthesis, with
  no title or event word among them (`Prime Minister (1976-1990)` is an
  office, `Russian Civil War (1918-1922)` a war), and life years that a life
  can span (15 to 110 years);
- a named event is a capitalised name holding an event noun
  (`Operation Barbarossa`, `Molotov-Ribbentrop Pact`, `Treaty of Versailles`,
  `Vietnamese invasion of Cambodia`), followed at once by a full date, to the
  day: `(June 22, 1941)`, `of 23 October 1991`, `, launched on ...`.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, AnyStr

from dossierlint.grammar.dates import DASHES, DateRange, DateValue, scan_line
from dossierlint.grammar.leaders import Years, parse_life
from dossierlint.lazyre import lazy
from dossierlint.records import TupleRecord

MIN_LIFESPAN = 15
MAX_LIFESPAN = 110

_LIFE = lazy(
    r"\(((?:b\.|born|d\.|died|c\.|ca\.|circa)?[ ]?"
    r"(?:[0-9]{1,2} [A-Z][a-z]{2,8} |[A-Z][a-z]{2,8} [0-9]{1,2}, )?[0-9]{4}[^()\n]{0,40})\)"
)
"""A parenthesis opening on a year, or on a full date (`(18 December 1878 – 5 March 1953)`)."""
_KEY_FIGURE_LIFE_BYTES = lazy(
    rb"\((?:b\.|born|d\.|died|c\.|ca\.|circa)?[ ]?"
    rb"(?:[0-9]{1,2} [A-Z][a-z]{2,8} |[A-Z][a-z]{2,8} [0-9]{1,2}, )?[0-9]{4}[^()\n]{0,40}\)\*\*"
)
"""A Key Figures bullet whose bold name holds life years, `- **Ieng Sary (1925-2013)** —
...` (a role's years, `— Head of State (1976-1979)`, are not a life). A pattern that
opens on one literal: an alternation of two would make the engine test every byte
against a set, several times slower."""
_LEADER_ROW = b"**Leader(s)**"
_DATED_PARENTHESIS_BYTES = lazy(
    rb"\((?:[0-9]{1,2}[^()\n]{0,6} [A-Z][a-z]{2,8}|[A-Z][a-z]{2,8} [0-9]{1,2},) [0-9]{4}"
)
"""A parenthesis opening on a full date, `(June 22, 1941)` or `(22 June 1941)`: one regex
search over the bytes, which opens on a literal the engine looks for byte by byte (a
Python loop over every `(` costs more, an alternation of event nouns far more)."""
_DASH_TRANSLATION = str.maketrans(dict.fromkeys(DASHES[1:], "-"))
_SPACES = lazy(r"\s+")
_PARTICLES = frozenset(("de", "da", "di", "do", "du", "van", "von", "der", "den", "la", "le"))
_PARTICLES |= frozenset(("bin", "ibn", "al", "el", "y"))
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "of",
        "by",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "under",
        "after",
        "before",
        "during",
        "since",
        "until",
        "from",
        "as",
        "when",
        "while",
        "president",
        "vice",
        "minister",
        "prime",
        "secretary",
        "general",
        "chairman",
        "premier",
        "king",
        "queen",
        "emperor",
        "empress",
        "prince",
        "princess",
        "tsar",
        "shah",
        "sultan",
        "head",
        "chief",
        "leader",
        "commander",
        "governor",
        "director",
        "marshal",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "admiral",
        "pope",
        "archbishop",
        "bishop",
        "party",
        "committee",
        "council",
        "army",
        "republic",
        "kingdom",
        "empire",
        "state",
        "union",
        "war",
        "revolution",
        "civil",
        "policy",
        "plan",
        "purge",
        "terror",
        "famine",
        "trial",
        "trials",
        "regime",
        "era",
        "period",
        "age",
        "years",
        "dynasty",
        "protectorate",
        "independence",
        "rule",
        "government",
        "front",
        "movement",
        "museum",
        "chambers",
        "court",
        "tribunal",
        "commission",
        "program",
        "programme",
        "campaign",
        "crisis",
        "stage",
        "phase",
        "operation",
        "pact",
        "treaty",
        "agreement",
        "agreements",
        "accord",
        "accords",
        "coup",
        "invasion",
        "massacre",
        "putsch",
        "conference",
        "declaration",
        "uprising",
        "raid",
        "plebiscite",
        "referendum",
        "battle",
        "siege",
        "national",
        "people's",
        "peoples'",
        "democratic",
        "socialist",
        "communist",
        "soviet",
    ]
)
_EDGE_PUNCTUATION = "*_[]()\"'“”‘’"

_CAP = r"[A-Z][\w'’\-]*"
_SUFFIX_NOUNS = (
    "Pact|Treaty|Accords?|Agreements?|Armistice|Coup|Putsch|Massacre|Invasion"
    "|Conference|Declaration|Uprising|Raid|Plebiscite|Referendum"
)
_OF_NOUNS = "Treaty|Pact|Invasion|invasion|Massacre|massacre|Coup|coup|Conference|Declaration"
_EVENT_NOUN = lazy(
    "Operation|Pact|Treaty|Accord|Agreement|Armistice|Coup|Putsch|Massacre|Invasion"
    "|Conference|Declaration|Uprising|Raid|Plebiscite|Referendum"
    "|invasion of |massacre of |coup of "
)
"""Where a named event may be: a capitalised event noun, or a lower-case one a name holds
only as `Vietnamese invasion of Cambodia` (a literal alternation, which the regex engine
scans far faster than one behind a word boundary)."""
_NOUN_BYTES = lazy(_EVENT_NOUN.pattern.encode("ascii"))
"""`_EVENT_NOUN` in the bytes, searched for only before a dated parenthesis."""
_YEAR = lazy(r"[0-9]{4}")
_OPERATION_NAME = lazy(rf"\bOperation(?: {_CAP}){{1,2}}")
_OF_NAME = lazy(rf"\b(?:{_CAP} ){{0,3}}(?:{_OF_NOUNS}) of (?:the )?(?:{_CAP} ){{0,2}}{_CAP}")
_SUFFIX_NAME = lazy(rf"\b(?:{_CAP} ){{1,4}}(?:{_SUFFIX_NOUNS})\b")
_EVENT_NAMES = (_OPERATION_NAME, _OF_NAME, _SUFFIX_NAME)
_LEADING_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "by",
        "after",
        "before",
        "during",
        "since",
        "until",
        "under",
        "with",
        "from",
        "when",
        "while",
    ]
)
_ATTACH = lazy(
    r"(?:\*\*)?(?: ?\(|,? (?:(?:was|were) )?"
    r"(?:(?:launched|signed|began|begun|staged|mounted|held|announced) )?(?:on|of) "
    r"|, (?=[A-Z0-9]))"
)


class Person(TupleRecord):
    """One mention of a person with life years."""

    name: str
    line: int
    column: int
    years: str
    """The life years as written inside the parenthesis."""
    birth: tuple[int, int] | None
    """Earliest and latest birth year the text allows (None: not given)."""
    death: tuple[int, int] | None
    aliases: tuple[str, ...] = ()
    """Other names the same dossier gives this person: one name's words begin or end the
    other's and their life years agree (`Idi Amin` and `Idi Amin Dada`)."""

    def name_keys(self) -> tuple[str, ...]:
        """The name keys this mention is found under: its name's and its aliases'."""
        if not self.aliases:
            return (name_key(self.name),)
        return tuple(dict.fromkeys(name_key(name) for name in (self.name, *self.aliases)))


class NamedEvent(TupleRecord):
    """One mention of a named event with a full date."""

    name: str
    line: int
    column: int
    date: str
    """The date as written."""
    first: datetime.date
    last: datetime.date


class StoredFacts:
    """One dossier's people and events as the cache keeps them: the JSON text
    `facts_text` writes, read only when one of their names is looked up.

    A collection of 2,000 dossiers holds thousands of mentions, and checking
    one file of it looks up a handful: reading every mention cost as much as the
    rest of the index. A text that does not hold what `facts_text` writes gives
    no mentions.
    """

    __slots__ = ("_events", "_people", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._people: tuple[Person, ...] | None = None
        self._events: tuple[NamedEvent, ...] = ()

    def person(self, at: int) -> Person | None:
        """The `at`th person of the dossier (None when there is none, or the text is unreadable)."""
        self._read()
        return self._people[at] if at < len(self._people) else None

    def event(self, at: int) -> NamedEvent | None:
        """The `at`th event of the dossier (None when there is none, or the text is unreadable)."""
        self._read()
        return self._events[at] if at < len(self._events) else None

    def _read(self) -> None:
        """Read the text, once."""
        if self._people is not None:
            return
        try:
            rows = json.loads(self._text)
        except (ValueError, RecursionError):
            rows = None
        people = events = None
        if type(rows) is list and len(rows) == 2 and type(rows[0]) is list:
            people = people_from_rows(rows[0])
            events = events_from_rows(rows[1]) if type(rows[1]) is list else None
        if people is None or events is None:
            people, events = (), ()
        self._people, self._events = people, events


def strings_only(values: list) -> bool:
    """Whether every item of a list (read from JSON) is a string: `str.join` tests them in
    C, several times faster than a test per item, for the thousands of cached rows a
    large collection's run reads."""
    try:
        "".join(values)
    except TypeError:
        return False
    return True


def facts_text(people: Sequence[Person], events: Sequence[NamedEvent]) -> str:
    """People and events as the cache keeps them (`StoredFacts` reads them back)."""
    return json.dumps(
        [[person_row(person) for person in people], [event_row(event) for event in events]],
        ensure_ascii=False,
        separators=(",", ":"),
    )


class NameIndex:
    """Name key -> a flat list of (dossier, mention) position pairs (`StoredMentions`),
    kept as the text the cache stores: a line `<key>\t<dossier> <mention> ...` per key.

    A run looks up the names of the dossiers it checks, a handful; parsing the
    whole index of a collection of 2,000 (2,400 keys) cost half of loading the
    cache. A lookup here is one search in C. The text is data from the working
    tree: each line is tested as it is read (a line not of the shape `text_of`
    writes raises ValueError; testing the whole text cost as much as a run's
    lookups), and a dossier position it holds when used (`StoredMentions`).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __bool__(self) -> bool:
        return "\t" in self.text

    def get(self, key: str) -> list[int] | None:
        start = self.text.find(f"\n{key}\t")
        if start < 0:
            return None
        start += len(key) + 2
        return _pairs(self.text[start : self.text.find("\n", start)])

    def as_dict(self) -> dict[str, list[int]]:
        """Every entry (to rebuild the index)."""
        entries = {}
        for line in self.text.split("\n"):
            key, tab, numbers = line.partition("\t")
            if tab:
                entries[key] = _pairs(numbers)
            elif line:
                raise ValueError(f"not a line of a name index: {line[:40]!r}")
        return entries

    @staticmethod
    def text_of(entries: dict[str, list[int]]) -> str:
        """The text of these entries (name keys hold no tab or newline: `name_key`)."""
        lines = (f"{key}\t{' '.join(map(str, pairs))}\n" for key, pairs in sorted(entries.items()))
        return "\n" + "".join(lines)


_PAIRS = lazy(r"[0-9]{1,9} [0-9]{1,9}(?: [0-9]{1,9} [0-9]{1,9})*")


def _pairs(numbers: str) -> list[int]:
    """The position pairs of one line of a `NameIndex`; ValueError if it holds other text."""
    if not _PAIRS.fullmatch(numbers):
        raise ValueError(f"not the pairs of a name index: {numbers[:40]!r}")
    return [int(number) for number in numbers.split()]


class StoredMentions:
    """The people and events of the dossiers a cache served, by name key.

    Each name key maps to a flat list of (dossier, mention) position pairs: the
    dossier's position in the list `load_texts` returns (each dossier's
    `facts_text`), the mention's in that text. The texts are loaded, and a
    dossier's mentions read, only when one of their names is looked up; only
    dossiers with a slug in `slugs` belong to this run (the others changed
    since, or are gone). The cache file is data from the working
    tree: a pair whose mention is missing or bears another name is left out,
    and its dossier's position put in `unreadable` (the cache then drops it); a
    pair whose dossier position is not one of `slugs` makes the whole index
    `damaged` (the cache is then rebuilt from the files).
    """

    __slots__ = (
        "_facts",
        "_load_texts",
        "_texts",
        "damaged",
        "events",
        "people",
        "slugs",
        "unreadable",
    )

    def __init__(
        self,
        people: NameIndex,
        events: NameIndex,
        slugs: list[str | None],
        load_texts: Callable[[], list[str | None]],
    ) -> None:
        self.people = people
        self.events = events
        self.slugs = slugs
        self._load_texts = load_texts
        self._texts: list[str | None] | None = None
        self._facts: dict[int, StoredFacts] = {}
        self.unreadable: set[int] = set()
        self.damaged = False

    def texts(self) -> list[str | None]:
        """Each dossier's `facts_text` (None: not read), loaded on first use."""
        if self._texts is None:
            self._texts = self._load_texts()
        return self._texts

    def people_named(self, key: str) -> list[tuple[str, Person]]:
        """This run's stored mentions of the person of name key `key`, in slug order."""
        return self._named(self._pairs(self.people, key), key, StoredFacts.person, Person.name_keys)

    def events_named(self, key: str) -> list[tuple[str, NamedEvent]]:
        """This run's stored mentions of the event of name key `key`, in slug order."""
        return self._named(self._pairs(self.events, key), key, StoredFacts.event, _event_keys)

    def _pairs(self, index: NameIndex, key: str) -> list[int] | None:
        """The pairs of `key`; none, and the index `damaged`, if its line is not readable."""
        try:
            return index.get(key)
        except ValueError:
            self.damaged = True
            return None

    def _named(
        self,
        pairs: list[int] | None,
        key: str,
        read: Callable[[StoredFacts, int], Any],
        keys_of: Callable[[Any], tuple[str, ...]],
    ) -> list:
        found = []
        for at in range(0, len(pairs or ()), 2):
            position, index = pairs[at], pairs[at + 1]
            if position >= len(self.slugs):
                self.damaged = True
                continue
            slug = self.slugs[position]
            if slug is None:
                continue
            mention = read(self._facts_at(position), index)
            if mention is None or key not in keys_of(mention):
                self.unreadable.add(position)
                continue
            found.append((slug, index, mention))
        found.sort(key=lambda item: item[:2])
        return [(slug, mention) for slug, _, mention in found]

    def _facts_at(self, position: int) -> StoredFacts:
        facts = self._facts.get(position)
        if facts is None:
            facts = self._facts[position] = StoredFacts(self.texts()[position] or "")
        return facts


def _event_keys(event: NamedEvent) -> tuple[str, ...]:
    return (name_key(event.name),)


class FactIndex:
    """Every dossier's people and events by name key, built once per collection:
    those read in this run, and those a cache served (`StoredMentions`)."""

    __slots__ = ("_events", "_people", "_stored")

    def __init__(
        self,
        people: dict[str, list[tuple[str, Person]]],
        events: dict[str, list[tuple[str, NamedEvent]]],
        stored: StoredMentions | None = None,
    ) -> None:
        self._people = people
        """Name key -> (slug, mention), in slug order."""
        self._events = events
        self._stored = stored

    @classmethod
    def build(
        cls,
        facts: Iterable[tuple[str, Sequence[Person], Sequence[NamedEvent]]],
        stored: StoredMentions | None = None,
    ) -> FactIndex:
        """The index of each dossier's (slug, people, events), and of the stored ones."""
        people: dict[str, list[tuple[str, Person]]] = {}
        events: dict[str, list[tuple[str, NamedEvent]]] = {}
        for slug, persons, named in sorted(facts, key=lambda item: item[0]):
            for person in persons:
                for key in person.name_keys():
                    people.setdefault(key, []).append((slug, person))
            for event in named:
                events.setdefault(name_key(event.name), []).append((slug, event))
        return cls(people, events, stored)

    @property
    def has_people(self) -> bool:
        return bool(self._people) or bool(self._stored and self._stored.people)

    @property
    def has_events(self) -> bool:
        return bool(self._events) or bool(self._stored and self._stored.events)

    def people_named(self, key: str) -> list[tuple[str, Person]]:
        """Every dossier's mentions of the person of name key `key`, in slug order."""
        fresh = self._people.get(key, [])
        if self._stored is None:
            return list(fresh)
        return _merged(fresh, self._stored.people_named(key))

    def events_named(self, key: str) -> list[tuple[str, NamedEvent]]:
        """Every dossier's mentions of the event of name key `key`, in slug order."""
        fresh = self._events.get(key, [])
        if self._stored is None:
            return list(fresh)
        return _merged(fresh, self._stored.events_named(key))


def _merged(fresh: list, stored: list) -> list:
    """Two lists of (slug, mention) in slug order, as one (a slug is in one of them only)."""
    if not stored:
        return list(fresh)
    return sorted(fresh + stored, key=lambda item: item[0]) if fresh else stored


def person_row(person: Person) -> list:
    """A mention as the results cache stores it (plain JSON values)."""
    birth = list(person.birth) if person.birth else None
    death = list(person.death) if person.death else None
    name, line, column, years = person.name, person.line, person.column, person.years
    return [name, line, column, years, birth, death, list(person.aliases)]


def event_row(event: NamedEvent) -> list:
    """An event as the results cache stores it (dates as ordinals)."""
    first, last = event.first.toordinal(), event.last.toordinal()
    return [event.name, event.line, event.column, event.date, first, last]


def people_from_rows(rows: list) -> tuple[Person, ...] | None:
    """The mentions `person_row` stored, or None if any row is not what it writes
    (the cache file is data from the working tree: nothing is trusted).

    Each row's value types are tested as one tuple against the shapes allowed: a
    large collection's cached index holds thousands of rows, read on every run.
    """
    people = []
    for row in rows:
        if type(row) is not list or tuple(map(type, row)) not in _PERSON_SHAPES:
            return None
        birth, death, aliases = row[4], row[5], row[6]
        if not (_year_pair(birth) and _year_pair(death)):
            return None
        if not strings_only(aliases):
            return None
        birth = tuple(birth) if birth is not None else None
        death = tuple(death) if death is not None else None
        people.append(Person(*row[:4], birth, death, tuple(aliases)))
    return tuple(people)


def events_from_rows(rows: list) -> tuple[NamedEvent, ...] | None:
    """The events `event_row` stored, or None if any row is not what it writes."""
    events = []
    for row in rows:
        if type(row) is not list or tuple(map(type, row)) != _EVENT_SHAPE:
            return None
        if not (1 <= row[4] <= _LAST_ORDINAL and 1 <= row[5] <= _LAST_ORDINAL):
            return None
        first, last = datetime.date.fromordinal(row[4]), datetime.date.fromordinal(row[5])
        events.append(NamedEvent(*row[:4], first, last))
    return tuple(events)


_NONE = type(None)
_PERSON_SHAPES = frozenset(
    (str, int, int, str, birth, death, list) for birth in (list, _NONE) for death in (list, _NONE)
)
_EVENT_SHAPE = (str, int, int, str, int, int)
_LAST_ORDINAL = datetime.date.max.toordinal()


def _year_pair(value: list | None) -> bool:
    """None, or a list of two integers: a year interval as `person_row` writes it."""
    return value is None or (len(value) == 2 and type(value[0]) is int and type(value[1]) is int)


def name_key(name: str) -> str:
    """`The Molotov–Ribbentrop Pact` -> `molotov-ribbentrop pact`: how names are compared."""
    if name.isascii():  # no dash to translate, no accent to drop: the common case, 5x faster
        words = name.casefold().split() or [""]
    else:
        folded = unicodedata.normalize("NFKD", name.translate(_DASH_TRANSLATION))
        plain = "".join(char for char in folded if not unicodedata.combining(char))
        words = _SPACES.sub(" ", plain).strip().casefold().split(" ")
    while len(words) > 1 and words[0] in _LEADING_WORDS:
        words.pop(0)
    return " ".join(words)


def life_interval(years: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """Birth and death year intervals of life years as written (the leaders grammar reads them:
    `c. 1925`, `1925?`, `1925 or 1928`, ...); None when they are not life years.

    A lone year (`(1986)`, a citation) is not: life years hold a dash or a `b.`/`d.` mark.
    """
    read = parse_life(years)
    if isinstance(read, str):
        return _dated_life(years)
    birth, death, _ = read
    if birth is None and death is None:
        return None
    if birth and death and birth.qualifier == death.qualifier == "decade":
        return None  # `(1950s-1960s)`: a period, not a life
    return _span(birth), _span(death)


def _dated_life(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Life years written as two full dates, `18 December 1878 – 5 March 1953`."""
    dates, _ = scan_line(text)
    if len(dates) != 1 or not isinstance(dates[0], DateRange) or dates[0].text != text.strip():
        return None
    start, end = dates[0].start, dates[0].end
    if start.precision != "day" or end.precision != "day":
        return None
    return (start.start.year, start.end.year), (end.start.year, end.end.year)


def _span(years: Years | None) -> tuple[int, int] | None:
    return None if years is None else (years.earliest, years.latest)


def scan_people(text: str) -> tuple[Person, ...]:
    """Every `Name (life years)` in `text`, outside headings, with its 1-based line.

    A dossier has about 50 parentheses that open on a year, most of them a lone
    year or a period after no name: a line is read only for one that may be life
    years right after a name (what `_people_in_line` would test first)."""
    people: list[Person] = []
    number, counted, done = 1, 0, -1
    for match in _LIFE.finditer(text):
        start = match.start()
        if start <= done or not _may_be_life(match.group(1)) or not _named_before(text, start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        done = text.find("\n", start)
        done = len(text) if done < 0 else done
        number += text.count("\n", counted, line_start)
        counted = line_start
        _people_in_line(text[line_start:done], number, people)
    return _with_aliases(people)


def _named_before(text: str, start: int) -> bool:
    """Whether a letter ends the text before `start`, up to three spaces or `*` between."""
    end = start
    while end > 0 and start - end < 3 and text[end - 1] in " *":
        end -= 1
    return end > 0 and text[end - 1].isalpha()


def _people_in_line(line: str, number: int, people: list[Person]) -> None:
    if line.startswith("#"):
        return
    for match in _LIFE.finditer(line):
        start = match.start()
        end = start
        while end > 0 and start - end < 3 and line[end - 1] in " *":
            end -= 1
        if end == 0 or not line[end - 1].isalpha():
            continue  # `Stage 1 (1924-1925)`, `((1878-1953))`: no name right before
        years = match.group(1)
        if not _may_be_life(years):
            continue
        segment = line[:start]
        name = _name_before(segment)
        interval = life_interval(years) if name else None
        if name and interval and _plausible_life(*interval):
            column = segment.rfind(name.split(" ", 1)[0]) + 1
            people.append(Person(name, number, column, years.strip(), *interval))


def candidate_lines(text: AnyStr, pattern: re.Pattern[AnyStr]) -> Iterator[tuple[int, AnyStr]]:
    """Each line of `text` (str or bytes) where `pattern` matches, once, with its 1-based number."""
    newline = "\n" if isinstance(text, str) else b"\n"
    number, counted, position = 1, 0, 0
    while (match := pattern.search(text, position)) is not None:
        line_start = text.rfind(newline, 0, match.start()) + 1
        line_end = text.find(newline, match.end())
        line_end = len(text) if line_end < 0 else line_end
        number += text.count(newline, counted, line_start)
        counted = line_start
        yield number, text[line_start:line_end]
        position = line_end + 1


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two year intervals can be the same year (an absent one agrees with any)."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def agree(one: Person, other: Person) -> bool:
    """Whether two mentions' life years can be the same person's."""
    return overlap(one.birth, other.birth) and overlap(one.death, other.death)


def _with_aliases(people: list[Person]) -> tuple[Person, ...]:
    """Each mention with the other names the dossier gives the same person."""
    words = {person.name: person.name.split(" ") for person in people}
    named: list[Person] = []
    for person in people:
        aliases = {
            other.name
            for other in people
            if other.name != person.name
            and _prefix_or_suffix(words[person.name], words[other.name])
            and agree(person, other)
        }
        if aliases:
            person = person._replace(aliases=tuple(sorted(aliases)))
        named.append(person)
    return tuple(named)


def _prefix_or_suffix(one: list[str], other: list[str]) -> bool:
    short, long = sorted((one, other), key=len)
    if len(short) == len(long):
        return False
    return long[: len(short)] == short or long[-len(short) :] == short


def scan_events(text: str) -> tuple[NamedEvent, ...]:
    """Every named event followed by a full date in `text`, with its 1-based line."""
    events: list[NamedEvent] = []
    for number, line in candidate_lines(text, _EVENT_NOUN):
        if _YEAR.search(line) is not None:
            events.extend(_events_in_line(line, number))
    return tuple(events)


def scan_facts_in_bytes(data: bytes) -> tuple[tuple[Person, ...], tuple[NamedEvent, ...]]:
    """The people and events the collection index keeps of a dossier (UTF-8, no carriage
    returns), decoding only the lines it needs.

    People: those of the Overview's `Leader(s)` row and of Key Figures bullets whose
    bold name holds the life years (`- **Ieng Sary (1925-2013)** — ...`), the opening
    sections the house format puts first and where a dossier gives its people's lives. Events: those whose full date stands in parentheses right after their
    name (`Operation Barbarossa (June 22, 1941)`). A dossier being checked is read whole
    (`scan_people`, `scan_events`), so it is compared with what every other dossier
    states there. Reading every line of 2,000 dossiers for names and event nouns would
    cost several times the rest of the index.
    """
    opening_end = _end_of_opening_sections(data)
    people: list[Person] = []
    row = data.find(_LEADER_ROW, 0, opening_end)
    if row >= 0:
        start, end = data.rfind(b"\n", 0, row) + 1, data.find(b"\n", row)
        line = data[start : end if end >= 0 else len(data)].decode("utf-8", "replace")
        _people_in_line(line, data.count(b"\n", 0, start) + 1, people)
    for number, line in candidate_lines(data[:opening_end], _KEY_FIGURE_LIFE_BYTES):
        _people_in_line(line.decode("utf-8", "replace"), number, people)
    events: list[NamedEvent] = []
    number, counted, done = 1, 0, -1
    for match in _DATED_PARENTHESIS_BYTES.finditer(data):
        start = data.rfind(b"\n", 0, match.start()) + 1
        if start <= done or _NOUN_BYTES.search(data, start, match.start()) is None:
            continue
        end = data.find(b"\n", match.end())
        end = done = len(data) if end < 0 else end
        number += data.count(b"\n", counted, start)
        counted = start
        line = data[start:end].decode("utf-8", "replace")
        events.extend(
            event for event in _events_in_line(line, number) if _in_parentheses(line, event)
        )
    return _with_aliases(people), tuple(events)


def _end_of_opening_sections(data: bytes) -> int:
    """Where the third `## ` section begins (after the Overview and Key Figures)."""
    at = -1
    for _ in range(3):
        at = data.find(b"\n## ", at + 1)
        if at < 0:
            return len(data)
    return at


def _in_parentheses(line: str, event: NamedEvent) -> bool:
    at = line.find(event.date)
    return at > 0 and line[:at].rstrip(" *").endswith("(")


def _may_be_life(years: str) -> bool:
    """A quick test before the grammar: life years hold a dash or a mark, and plain
    `YYYY-YYYY` spans a life (most parentheses in a dossier are periods or citations)."""
    if years[:1] in "bd":
        return True
    if len(years) == 9 and years[4] in DASHES and years[5:].isdigit():
        return MIN_LIFESPAN <= int(years[5:]) - int(years[:4]) <= MAX_LIFESPAN
    return any(dash in years for dash in DASHES)


def _plausible_life(birth: tuple[int, int] | None, death: tuple[int, int] | None) -> bool:
    if birth is None or death is None:
        return True
    return death[1] - birth[0] >= MIN_LIFESPAN and death[0] - birth[1] <= MAX_LIFESPAN


def _name_before(segment: str) -> str | None:
    """The person's name ending `segment` (the text before the parenthesis), if it reads as one.

    Words are taken back from the parenthesis while they are capitalised (or a
    particle, `de`, `van`, ...); a title, an event word, a possessive or a bold
    opening ends the name (`Vice President Mustafa Adrisi` gives `Mustafa Adrisi`).
    """
    words = segment.rstrip(" *").split()[-6:]
    name: list[str] = []
    for word in reversed(words):
        bold_start = word.startswith("**")
        if word[-1] in ",;:|—–" or word in ("-", "|"):
            break
        word = word.strip(_EDGE_PUNCTUATION)
        if not word or word.casefold() in _NOT_NAMES or word.endswith(("'s", "’s")):
            break
        if not (word[0].isupper() or (name and word in _PARTICLES)):
            break
        name.append(word)
        if bold_start:
            break
    while name and name[-1] in _PARTICLES:
        name.pop()
    name.reverse()
    if sum(word[0].isupper() for word in name) < 2 or not all(map(_is_name_word, name)):
        return None
    return " ".join(name)


def _is_name_word(word: str) -> bool:
    return all(char.isalpha() or char in "'’.-" for char in word)


def _events_in_line(line: str, number: int) -> list[NamedEvent]:
    found: list[NamedEvent] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EVENT_NAMES:
        for match in pattern.finditer(line):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            name = _event_name(match.group())
            if name is None:
                continue
            column = match.start() + match.group().find(name.split(" ", 1)[0]) + 1
            event = _dated(line, match.end(), name, (number, column))
            if event is not None:
                taken.append(match.span())
                found.append(event)
    return found


def _event_name(text: str) -> str | None:
    """The event's name with leading function words dropped; None when no proper name is left."""
    words = text.split(" ")
    while words and words[0].casefold() in _LEADING_WORDS:
        words.pop(0)
    nouns = {"operation", *(noun.casefold() for noun in _SUFFIX_NOUNS.split("|"))}
    nouns |= {"accord", "accords", "agreement", "agreements", "of", "the"}
    proper = [word for word in words if word.casefold() not in nouns]
    if not proper or not all(word[0].isupper() for word in proper):
        return None
    if words[0][0].islower():
        return None  # `invasion of Poland`: whose? only `German invasion of Poland` is a name
    return " ".join(words)


def _dated(line: str, end: int, name: str, where: tuple[int, int]) -> NamedEvent | None:
    """The event if a full date follows its name at once."""
    attach = _ATTACH.match(line, end)
    if attach is None:
        return None
    tail = line[attach.end() :]
    dates, _ = scan_line(tail)
    if not dates or dates[0].column != 0:
        return None
    date = dates[0]
    if isinstance(date, DateValue) and date.precision == "day":
        return NamedEvent(name, *where, date.text, date.start, date.end)
    if (
        isinstance(date, DateRange)
        and date.start.precision == "day"
        and date.end.precision == "day"
        and not date.reversed
    ):
        return NamedEvent(name, *where, date.text, date.start.start, date.end.end)
    return None
