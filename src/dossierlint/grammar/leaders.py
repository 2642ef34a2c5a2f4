"""The grammar of a person's life years: `Name (BIRTH-DEATH)`, certain or not.

`Joseph Stalin (1878–1953)`, `Name (1946–)` while alive, `Name (b. 1946)`,
and the forms historians write when a year is not known for sure:

=====================  ==============  =====================================
written                qualifier       years covered
=====================  ==============  =====================================
``1925``               ``exact``       1925
``c. 1925``            ``circa``       1925 +/- CIRCA_YEARS (5): 1920-1930;
                                       also ``ca. 1925``, ``circa 1925``
``1925?``              ``uncertain``   1925 +/- CIRCA_YEARS, as circa
``1925 or 1928``       ``either``      1925-1928; also ``1923/1928``, ``1923/28``
``1920s``              ``decade``      1920-1929
=====================  ==============  =====================================

Around them: `BIRTH DASH DEATH` (any of the date grammar's dashes, spaces
optional; an empty DEATH is a living person, `?` an unknown year),
`b. BIRTH` or `born BIRTH`, `d. DEATH` or `died DEATH`, and `fl. YEARS`
(floruit: active then, as `fl. 1920s` or `fl. 1920-1935`). The parser reads
the Overview's `Leader(s)` row with it, the scaffolder validates `--leader`
with it and the fact index reads life years in the body with it, so what one
writes the others read.
"""

from __future__ import annotations

import re

from dossierlint import regex
from dossierlint.grammar.dates import CIRCA_YEARS, DASHES
from dossierlint.records import TupleRecord

QUALIFIERS = ("exact", "circa", "uncertain", "either", "decade")

_DASH = f"[{DASHES}]"
_TERM = regex.compile(
    r"(?:(?P<circa>circa|ca\.|c\.)[ \t]{0,3})?(?P<year>\d{1,4})(?P<decade>s)?"
    r"(?:[ \t]{0,3}(?:or|/)[ \t]{0,3}(?P<other>\d{1,4}))?(?P<doubt>\?)?"
)
_MARKED = regex.compile(r"(?P<mark>b\.|born|d\.|died|fl\.)[ \t]{0,3}(?P<rest>.*)", re.DOTALL)
_SPLIT = regex.compile(rf"[ \t]{{0,3}}{_DASH}[ \t]{{0,3}}")


class Years(TupleRecord):
    """A year as written, as the interval of years it may be."""

    earliest: int
    latest: int
    qualifier: str
    """One of QUALIFIERS."""
    text: str
    """As written, stripped."""

    @property
    def year(self) -> int:
        """The year written first: the best single year (1925 for `c. 1925`, `1925 or 1928`)."""
        match = _TERM.match(self.text)
        return int(match.group("year")) if match else self.earliest


class LifeYears(TupleRecord):
    name: str
    """The name before the parenthesis, stripped."""
    birth: Years | None
    death: Years | None
    """None while alive, or when not known."""
    floruit: Years | None = None
    """`fl. …`: when the person was active, for a person whose birth and death are unknown."""
    text: str = ""
    """The parenthesis' content as written, stripped."""


class Unreadable(TupleRecord):
    """A `Name (…)` whose parenthesis is not life years the grammar reads."""

    name: str
    text: str
    reason: str


def parse_years(text: str) -> Years | None:
    """One year term (`1925`, `c. 1925`, `1925?`, `1925 or 1928`, `1920s`); None if not one."""
    text = text.strip()
    match = _TERM.fullmatch(text)
    if match is None:
        return None
    year = int(match.group("year"))
    other = match.group("other")
    if match.group("decade"):
        if year % 10 or other:
            return None
        return Years(year, year + 9, "decade", text)
    if other:
        second = _expand(year, other)
        if second is None or second == year:
            return None
        return Years(min(year, second), max(year, second), "either", text)
    if match.group("circa") or match.group("doubt"):
        kind = "circa" if match.group("circa") else "uncertain"
        return Years(year - CIRCA_YEARS, year + CIRCA_YEARS, kind, text)
    return Years(year, year, "exact", text)


def _expand(year: int, digits: str) -> int | None:
    """`1923/28` is 1923 or 1928: a shorter second year takes the first one's leading digits."""
    if len(digits) >= len(str(year)):
        return int(digits)
    size = 10 ** len(digits)
    full = year - year % size + int(digits)
    return full if full > year else None


def parse_life(text: str) -> tuple[Years | None, Years | None, Years | None] | str:
    """(birth, death, floruit) from a parenthesis' content, or why it cannot be read."""
    text = text.strip()
    marked = _MARKED.fullmatch(text)
    if marked:
        return _marked(marked.group("mark"), marked.group("rest").strip())
    parts = _SPLIT.split(text)
    if len(parts) != 2:
        return "not BIRTH-DEATH, b. BIRTH, d. DEATH or fl. YEARS"
    birth, death = (_part(part) for part in parts)
    if isinstance(birth, str) or isinstance(death, str):
        return birth if isinstance(birth, str) else death
    if birth is None and death is None:
        return "no year at all"
    return birth, death, None


def _part(text: str) -> Years | str | None:
    """One side of BIRTH-DEATH: a year term, or None when empty or `?`."""
    if text in ("", "?"):
        return None
    return parse_years(text) or f"'{text}' is not a year"


def _marked(mark: str, rest: str) -> tuple[Years | None, Years | None, Years | None] | str:
    if mark == "fl.":
        parts = _SPLIT.split(rest)
        spans = [parse_years(part) for part in parts]
        if len(parts) > 2 or None in spans:
            return f"'{rest}' is not a year or a range of years"
        if len(spans) == 2:
            if spans[1].latest < spans[0].earliest:
                return f"'{rest}' runs backwards"
            rest_span = Years(spans[0].earliest, spans[1].latest, "either", rest)
            return None, None, rest_span
        return None, None, spans[0]
    years = parse_years(rest)
    if years is None:
        return f"'{rest}' is not a year"
    return (years, None, None) if mark in ("b.", "born") else (None, years, None)


def parse_leader(text: str) -> LifeYears | Unreadable | None:
    """A person written `Name (life years)` (stripped text).

    None when the text is not that shape at all (no parenthesis);
    Unreadable when the parenthesis holds something the grammar cannot read.
    """
    opening = text.rfind("(")
    if opening < 0 or not text.endswith(")") or ")" in text[opening:-1]:
        return None
    name, life = text[:opening].strip(), text[opening + 1 : -1].strip()
    read = parse_life(life)
    if isinstance(read, str):
        return Unreadable(name, life, read)
    return LifeYears(name, *read, text=life)
