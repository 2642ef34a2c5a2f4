"""Quantities in prose: ``25,700``, ``1.2-1.7 million``, ``over 100,000``, ``~390,000``, ``61.5%``.

A quantity is an interval of values: an exact figure keeps a small rounding
margin (``EXACT_MARGIN``); a qualifier turns it into an approximate value
(``about``, ``some``, ``~``, ``c.``, ``estimated``: ``APPROXIMATE_MARGIN`` either
side), a lower bound (``over``, ``more than``, ``at least``), an upper bound
(``up to``, ``fewer than``, ``at most``) or a near miss from below (``nearly``,
``almost``). Ranges (``1.2-1.7 million``, ``1.5 to 1.7 million``) are the interval
they name. Dates are not quantities: the caller passes the spans its date
grammar found, and numbers inside them are skipped. Nor are ordinals (``20th``),
identifiers after a capitalised word (``Order 227``, ``Article 58``), money
(``$10000000``) or numbers glued to letters (``T-34``).
"""

from __future__ import annotations

import math
import re

from dossierlint import regex
from dossierlint.records import Record

EXACT_MARGIN = 0.05
APPROXIMATE_MARGIN = 0.2

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUMBER_WORDS = {
    word: float(n)
    for n, word in enumerate(
        (
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
            *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
            *("seventeen", "eighteen", "nineteen", "twenty"),
        )
    )
}
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
# A number in words counts only with a scale after it: "six million", not "seven times".
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"{_DIGITS}|(?:{_WORDS})(?=[ \t]{{1,3}}(?:hundred|thousand|million|billion))"
_SCALE = r"(?:[ \t]{1,3}(?:hundred|thousand|million|billion)s?(?![a-z]))?"
_QUALIFIERS = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
    "ca.": "approx",
    "c.": "approx",
    "~": "approx",
    "≈": "approx",
    "nearly": "below",
    "almost": "below",
    "over": "min",
    "more than": "min",
    "at least": "min",
    "upwards of": "min",
    "in excess of": "min",
    "up to": "max",
    "as many as": "max",
    "at most": "max",
    "fewer than": "max",
    "less than": "max",
    "under": "max",
}
_QUALIFIER = "|".join(
    re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True) if q[0].isalpha()
)
_PATTERN = regex.compile(
    rf"(?:(?<![A-Za-z])(?P<q>{_QUALIFIER})[ \t]{{1,3}}|(?P<sym>[~≈])[ \t]{{0,2}}"
    rf"|(?<![A-Za-z])(?P<between>between)[ \t]{{1,3}})?"
    rf"(?<![\w$£€#.,/-])(?P<a>{_NUMBER})(?P<sa>{_SCALE})"
    rf"(?:[ \t]{{0,3}}(?:[-\u2010-\u2014]|to|and)[ \t]{{0,3}}(?P<b>{_NUMBER})(?P<sb>{_SCALE}))?"
    rf"(?P<pct>[ \t]?%|[ \t]{{1,2}}per[ \t]?cent(?![a-z])|[ \t]{{1,2}}percent(?![a-z]))?"
    r"(?![0-9]|[.,][0-9]|[A-Za-z])",
    re.IGNORECASE,
)
_NOUN_AFTER = regex.compile(r"[ \t]{1,3}(?:of[ \t]{1,3})?([A-Za-z][A-Za-z-]*)")


class Quantity(Record, frozen=True):
    """A figure as the interval of values it allows."""

    low: float
    high: float
    percent: bool
    exact: bool
    """No qualifier and not a range: the figure was stated as such."""
    noun: str | None
    """The word after the figure (`officers`, `died`), lower case, for the caller."""
    text: str
    column: int
    end_column: int


def find_quantities(text: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in `text`, left to right, except those overlapping a `skip` span."""
    found = []
    for match in _PATTERN.finditer(text):
        start = match.start("a")
        if any(s < match.end() and start < e for s, e in skip):
            continue
        if not match["q"] and _after_identifier_word(text, start):
            continue
        if text.startswith(("st", "nd", "rd", "th"), match.end()):
            continue
        quantity = _quantity(match, text)
        if quantity is not None:
            found.append(quantity)
    return found


def _after_identifier_word(text: str, start: int) -> bool:
    """Whether a capitalised word and one space stand right before `start` (`Order 227`)."""
    if start < 2 or text[start - 1] not in " \t":
        return False
    before = text[max(0, start - 21) : start - 1].rsplit(None, 1)
    word = before[-1] if before and not text[start - 2].isspace() else ""
    return word == "No." or (word[:1].isupper() and word.isalpha())


def _value(number: str, scale: str) -> float:
    factor = _SCALES.get(scale.strip().lower().rstrip("s"), 1.0) if scale else 1.0
    word = _NUMBER_WORDS.get(number.lower())
    return (word if word is not None else float(number.replace(",", ""))) * factor


def _quantity(match: re.Match[str], text: str) -> Quantity | None:
    if match["b"] and " and" in match.group() and not match["between"]:
        return _quantity_alone(match, text)
    scale_b = match["sb"] or ""
    # "1.2-1.7 million": the scale written once applies to both ends.
    low = _value(match["a"], match["sa"] or scale_b)
    high = _value(match["b"], scale_b) if match["b"] else low
    if high < low or not math.isfinite(high):
        return None
    qualifier = (match["q"] or match["sym"] or "").lower()
    kind = _QUALIFIERS.get(qualifier)
    low, high = _widen(low, high, kind, ranged=bool(match["b"]))
    noun = _NOUN_AFTER.match(text, match.end())
    start = match.start()
    return Quantity(
        low,
        high,
        percent=bool(match["pct"]),
        exact=kind is None and not match["b"],
        noun=noun[1].lower() if noun else None,
        text=text[start : match.end()],
        column=start,
        end_column=match.end(),
    )


def _quantity_alone(match: re.Match[str], text: str) -> Quantity | None:
    """`A and B` outside `between A and B` are two figures: keep A alone."""
    single = _PATTERN.match(text, match.start(), match.end("sa") or match.end("a"))
    return _quantity(single, text) if single else None


def _widen(low: float, high: float, kind: str | None, *, ranged: bool) -> tuple[float, float]:
    if kind == "approx":
        return low * (1 - APPROXIMATE_MARGIN), high * (1 + APPROXIMATE_MARGIN)
    if kind == "below":
        return low * (1 - APPROXIMATE_MARGIN), high
    if kind == "min":
        return low, math.inf
    if kind == "max":
        return 0.0, high
    margin = 0.0 if ranged else EXACT_MARGIN
    return low * (1 - margin), high * (1 + margin)
