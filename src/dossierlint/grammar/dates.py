"""Parse the date expressions historians write in regime dossiers.

Every date expression becomes an interval of whole days (``DateValue``: first
and last day covered, plus a precision), or a ``DateRange`` of two of them, or
an ``ImpossibleDate`` when it names a day the calendar does not have.  Numeric
ranges that are not dates (``6-20 million``) are reported separately as
``NumericRange``.  Only the standard library is used and every regex runs in
linear time: no nested quantifiers, whitespace runs bounded to three
characters, and every pattern that starts on a digit first checks that it is
not inside a longer number.

Accepted forms (``YEAR`` is a 4-digit year 1000-2999; ``DASH`` is a hyphen,
U+2010, U+2011, figure dash, en dash or em dash, with or without spaces):

==========================  ===============  ===================================
form                        precision        interval
==========================  ===============  ===================================
``2026-01-06`` (ISO)        ``day``          that day (any 4-digit year)
``April 3, 1922``           ``day``          that day; ``Apr.``/``Sept``/``3rd``
``3 April 1922``            ``day``          also ``3rd of April, 1922``
``December 1929``           ``month``        the month; also ``December, 1929``
``Summer 1926``             ``season``       meteorological, northern hemisphere:
                                             spring Mar-May, summer Jun-Aug,
                                             autumn/fall Sep-Nov, winter Dec of
                                             YEAR to Feb of YEAR+1; ``Winter
                                             1941-42`` and ``Winter 1941/42``
                                             name that same winter
``early/mid/late 1924``     ``part-year``    thirds: Jan-Apr, May-Aug, Sep-Dec;
                                             ``mid-1924`` and ``mid 1924``
``1930s``                   ``decade``       1930-1939 (``1930's`` too)
``early/mid/late 1930s``    ``part-decade``  years 0-3, 4-6, 7-9 of the decade
``1924``                    ``year``         the year (see "plain years")
``c. 1900``                 ``circa``        YEAR +/- ``CIRCA_YEARS`` (5) years;
                                             also ``ca.``, ``circa``, ``c.1900``
==========================  ===============  ===================================

Ranges (``DateRange``): any two of the values above joined by DASH
(``1924-1953``, ``1950s-1960s``, ``April 1925 - June 1926``), or by
``from A to B`` (also ``through``/``until``) and ``between A and B``, whose
text then includes the ``from``/``between``.  One or two digits right after a
plain year and a dash with no spaces are an abbreviated end year
(``1941-45``, ``1936-38``, ``1914-8``): it expands to the first year not
before the start with those last digits, so ``1999-01`` is 1999-2001 and an
abbreviated range is never reversed; ``1950s-60s`` likewise.
Single-expression ranges: ``April-June 1926``, ``3-5 April 1922``,
``April 3-5, 1922``.  ``reversed`` is true when the end interval starts
before the start interval (``1953-1924``).

Plain years.  A 4-digit number 1000-2999 is a year unless it is part of a
bigger number or code (``1,750,000``, ``1924.5``, ``$1924``, ``#1924``,
``1941/42``, ``1924%``, a hyphenated chain of three or more numbers such as
``978-1-2024-1``) or a quantity: followed by a count noun (``COUNT_NOUNS``,
e.g. ``1500 troops``) and not preceded by ``in``/``since``/``until``/
``till``/``after``/``before``/``during`` (``in 1937 executions rose`` keeps
its year).  Month names must be capitalised (``may 1945`` is only a year);
the abbreviations ``c.``/``ca.`` must be lower case.  Dates inside URLs are
not prose and are ignored.  Not recognised: a month or season without a year,
``22.06.1941`` and other numeric day-month forms, season ranges, BC years.

Numeric vs date ranges.  ``A DASH B`` is a numeric range when either side is
not a plain year (``6-20 million``, ``1.2-1.7 million``,
``700,000-1,750,000``), or when both are plain years followed by a count noun
(``1500-2000 troops``); two plain years with no count noun after them are a
date range (``1924-1953``).  A plain year and another number are paired only
across a dash with no spaces (``1941-45`` as above, ``3-1928`` numeric), so
that ``Stage 3 - 1928`` keeps its year.  The unit of a numeric range is
``million``/``billion``/``thousand``/``hundred``/``%`` (``per cent`` too)
when written right after it, else None; count nouns are not units.
"""

import datetime
import functools
import re

from dossierlint import regex
from dossierlint.records import Record

__all__ = [
    "CIRCA_YEARS",
    "COUNT_NOUNS",
    "DASHES",
    "PRECISIONS",
    "DateRange",
    "DateValue",
    "ImpossibleDate",
    "NumericRange",
    "find_dates",
    "find_numeric_ranges",
    "is_iso_shaped",
    "match_duration",
    "may_hold_dates",
    "parse_date",
    "parse_iso_date",
    "scan_line",
    "scan_tested_line",
]

CIRCA_YEARS = 5
PRECISIONS = ("day", "month", "season", "part-year", "year", "part-decade", "decade", "circa")
# Words that make a preceding number a quantity rather than a year (case-insensitive,
# optional plural "s"): "1500 troops", "1500-2000 killed".
COUNT_NOUNS = (
    *("million", "billion", "thousand", "hundred", "percent"),
    *("people", "persons", "men", "women", "children", "lives", "members", "workers"),
    *("troops", "soldiers", "officers", "prisoners", "inmates", "peasants", "households"),
    *("families", "civilians", "refugees", "deportees", "inhabitants", "residents"),
    *("victims", "dead", "deaths", "killed", "executed", "casualties"),
    *("km", "kilometres", "kilometers", "miles", "tons", "tonnes"),
    *("years", "months", "weeks", "days", "hours", "dollars", "rubles", "roubles"),
)


class DateValue(Record, hash=True):
    """One date expression as the interval of days it covers."""

    start: datetime.date  # first day covered
    end: datetime.date  # last day covered
    precision: str  # one of PRECISIONS
    text: str  # the exact matched text
    column: int  # 0-based offset of the match
    end_column: int  # offset just past the match


class DateRange(Record, hash=True):
    """Two date values joined by a dash, ``from ... to`` or ``between ... and``."""

    start: DateValue
    end: DateValue
    text: str
    column: int
    end_column: int

    @property
    def reversed(self) -> bool:
        """True when the end interval starts before the start interval."""
        return self.end.start < self.start.start


class ImpossibleDate(Record, hash=True):
    """A calendar date that does not exist (``February 30, 1922``)."""

    text: str
    column: int
    end_column: int
    reason: str


class NumericRange(Record, hash=True):
    """A range of quantities (``6-20 million``); low/high as written."""

    low: float
    high: float
    unit: str | None
    text: str
    column: int
    end_column: int

    @property
    def reversed(self) -> bool:
        """True when the second number is smaller than the first."""
        return self.high < self.low


DateItem = DateValue | DateRange | ImpossibleDate

# --------------------------------------------------------------------------- patterns

_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_MONTHS = {name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""The dashes a range may be written with: hyphen, U+2010, U+2011, figure, en and em dash."""
_DASH = f"[{DASHES}]"
_SP = r"[^\S\n]"
_WS = _SP + "{1,3}"
_OWS = _SP + "{0,3}"
_YEAR_AFTER = r"(?![\w%/]|[.,][0-9])"  # not followed by more digits, letters, % or /
_MONTH_ALT = "|".join([*_MONTH_NAMES, "Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul"])
_MONTH_ALT += "|Aug|Sep|Oct|Nov|Dec"


def _mon(g: str) -> str:
    return rf"(?P<{g}>{_MONTH_ALT})(?![a-z])\.?"


def _day(g: str) -> str:
    return rf"(?P<{g}>[0-3]?[0-9])(?:st|nd|rd|th)?(?!\w)"


def _year(g: str) -> str:
    return rf"(?P<{g}>[12][0-9]{{3}}){_YEAR_AFTER}"


_OF = rf"(?:of{_WS})?"
_NOT_AMOUNT = r"(?<![$\u00a3\u20ac#/])"  # dates are not amounts, tags or paths
# Forms starting on a digit; all share the guard that they do not start inside a
# number. They come in groups by the run of digits they start with: exactly four
# (iso, dec, year), one or two (a day, or ``80s``), any (a bare number). A form
# of one group never matches where another's does, so the scanner tries the
# group the run allows, in the same order as ever, and then the number.
_FOUR_DIGIT_FORMS = (
    (
        "iso",
        rf"{_NOT_AMOUNT}(?P<iso_v>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
        rf"(?![0-9]|[.,][0-9]|{_DASH}[0-9])",
    ),
    ("dec", rf"{_NOT_AMOUNT}(?P<dec_d>[12][0-9]{{2}}0)['\u2019]?s(?!\w)"),
    ("year", rf"{_NOT_AMOUNT}{_year('yr')}"),
)
_SHORT_RUN_FORMS = (
    (
        "dmyr",
        rf"{_NOT_AMOUNT}{_day('dmyr_a')}{_OWS}{_DASH}{_OWS}{_day('dmyr_b')}{_WS}{_OF}"
        rf"{_mon('dmyr_m')},?{_WS}{_year('dmyr_y')}",
    ),
    ("dmy", rf"{_NOT_AMOUNT}{_day('dmy_d')}{_WS}{_OF}{_mon('dmy_m')},?{_WS}{_year('dmy_y')}"),
    ("short", rf"{_NOT_AMOUNT}(?P<sd>[0-9]0)['\u2019]?s(?!\w)"),
)
_NUMBER_FORM = (
    "num",
    r"(?P<n_v>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?P<n_pct>%)?(?!\w|[.,][0-9])",
)
# Forms starting on a letter; all share the guard that they start a word.
_WORD_FORMS = (
    (
        "winter",
        rf"[Ww]inter{_WS}{_OF}(?P<w_y>[12][0-9]{{3}})[{DASHES}/]"
        rf"(?P<w_y2>[0-9]{{4}}|[0-9]{{2}}){_YEAR_AFTER}",
    ),
    (
        "season",
        rf"(?P<sn_s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter){_WS}{_OF}{_year('sn_y')}",
    ),
    (
        "qual",
        rf"(?P<q_q>[Ee]arly|[Mm]id|[Ll]ate)(?:-|{_WS})"
        rf"(?:(?P<q_d>[12][0-9]{{2}}0)['\u2019]?s(?!\w)|{_year('q_y')})",
    ),
    ("circa", rf"(?<!\.)(?:[Cc]irca|ca\.|c\.){_OWS}{_year('c_y')}"),
)
# Forms starting on a month name, each written as what follows the name: the
# name (group ``mon``) is read once for all of them. That is the same as reading
# it for each: it matches at most one way, as no name is followed by a letter and
# none of these forms goes on with a dot (so ``Sept.`` never matches as ``Sept``).
_MONTH_FORMS = (
    (
        "mdyr",
        rf"{_WS}{_day('mdyr_a')}{_OWS}{_DASH}{_OWS}{_day('mdyr_b')},?{_WS}{_year('mdyr_y')}",
    ),
    ("mdy", rf"{_WS}{_day('mdy_d')},?{_WS}{_year('mdy_y')}"),
    ("monr", rf"{_OWS}{_DASH}{_OWS}{_mon('monr_b')},?{_WS}{_year('monr_y')}"),
    ("my", rf",?{_WS}{_OF}{_year('my_y')}"),
)


# The letters each word form can start with: a failing position costs one test
# per group of forms instead of a walk through every month name.
_FIRST_LETTERS = {"winter": "Ww", "season": "SsAaFfWw", "qual": "EeMmLl", "circa": "Cc"}
_MONTH_LETTERS = "JFMASOND"


def _alternatives(forms: tuple) -> str:
    return "|".join(f"(?P<{name}>{pattern})" for name, pattern in forms)


# What follows the run of one or two digits each short-run form starts with: a day
# (with its suffix) before a blank or a dash, or the ``0s`` of a decade. Tested
# first, so that a bare number (``36.9 million``) is not tried against each form.
_SHORT_RUN_NEXT = rf"(?=[0-9]{{1,2}}(?:st|nd|rd|th)?(?:{_SP}|{_DASH})|[0-9]0['\u2019]?s)"


def _digit_forms() -> str:
    """The digit forms, each group behind a test of the run of digits it needs."""
    return (
        rf"(?=[0-9]{{4}}(?![0-9]))(?:{_alternatives(_FOUR_DIGIT_FORMS)})"
        rf"|(?=[0-9]{{1,2}}(?![0-9])){_SHORT_RUN_NEXT}(?:{_alternatives(_SHORT_RUN_FORMS)})"
        rf"|{_alternatives((_NUMBER_FORM,))}"
    )


def _guarded_word_forms() -> str:
    """The word forms, each behind a test of its first letter; the month forms share one."""
    guarded = [
        f"(?=[{_FIRST_LETTERS[name]}])(?P<{name}>{pattern})" for name, pattern in _WORD_FORMS
    ]
    months = f"(?=[{_MONTH_LETTERS}]){_mon('mon')}(?:{_alternatives(_MONTH_FORMS)})"
    return "|".join([*guarded, months])


@functools.cache
def _master() -> re.Pattern:
    """The scanner, compiled on first use to keep the import cheap.

    Cheap first-character tests come first, so most positions fail in two steps.
    The match of a month form starts at the month, before the form's own group.
    """
    first_letters = "".join(sorted(set("".join(_FIRST_LETTERS.values()) + _MONTH_LETTERS)))
    return regex.compile(
        rf"(?=[0-9])(?<![\w.,])(?:{_digit_forms()})"
        rf"|(?=[{first_letters}])(?<!\w)(?:{_guarded_word_forms()})"
    )


_URL = regex.compile(r"(?:https?://|www\.)[^\s<>\")\]]+")
_ISO = regex.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SPACED = regex.compile(f"{_OWS}{_DASH}{_OWS}")
_CONNECTOR = regex.compile(rf"{_WS}(?P<c>to|through|until|and){_WS}(?:the{_WS})?")
_FROM = regex.compile(rf"(?<!\w)(?P<f>[Ff]rom|[Bb]etween){_WS}(?:the{_WS})?$")
_PREPOSITION = regex.compile(rf"(?<!\w)(?:in|since|until|till|after|before|during){_WS}$", re.I)
_COUNT = regex.compile(rf"{_OWS}(?:%|per ?cent(?!\w)|(?:{'|'.join(COUNT_NOUNS)})s?(?!\w))", re.I)
_UNIT = regex.compile(
    rf"{_OWS}(?:(?P<u>million|billion|thousand|hundred)s?|(?P<p>per ?cent))(?!\w)", re.I
)
_MAX_NUMBER_LEN = 40

# --------------------------------------------------------------------------- intervals


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (as `datetime` counts them)."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _days_in(year, month))


@functools.lru_cache(maxsize=4096)  # a dossier names the same months again and again
def _months(year: int, first: int, last: int) -> tuple[datetime.date, datetime.date]:
    """Interval from the first day of month ``first`` to the last of ``last`` (may pass Dec)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return datetime.date(year, first, 1), _month_end(end_year, end_month)


@functools.lru_cache(maxsize=4096)
def _years(first: int, last: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(first, 1, 1), datetime.date(last, 12, 31)


def _day_problem(year: int, month: int, day: int) -> str | None:
    """Why (year, month, day) is not a calendar date, or None if it is."""
    if year < 1:
        return f"year {year} does not exist"
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    if day < 1:
        return f"day {day} does not exist"
    days = _days_in(year, month)
    if day > days:
        return f"{_MONTH_NAMES[month - 1]} {year} has {days} days"
    return None


# --------------------------------------------------------------------------- tokens


class _Tok(Record):
    """A scanned piece: a date item, or a bare number that may be half of a range."""

    kind: str  # "date", "year", "dec", "short", "num" or "junk"
    start: int
    end: int
    item: DateItem | None = None
    num: str = ""
    pct: bool = False


def _value(text: str, start: int, end: int, interval: tuple, precision: str) -> DateValue:
    return DateValue(interval[0], interval[1], precision, text[start:end], start, end)


def _date_tok(m: re.Match, text: str, interval: tuple, precision: str) -> _Tok:
    s, e = m.span()
    return _Tok("date", s, e, _value(text, s, e, interval, precision))


def _day_tok(m: re.Match, text: str, y: int, mo: int, d: int) -> _Tok:
    s, e = m.span()
    problem = _day_problem(y, mo, d)
    if problem:
        return _Tok("date", s, e, ImpossibleDate(text[s:e], s, e, problem))
    day = datetime.date(y, mo, d)
    return _Tok("date", s, e, _value(text, s, e, (day, day), "day"))


def _split_tok(m: re.Match, text: str, cut: tuple[int, int], a: tuple, b: tuple) -> _Tok:
    """A one-expression range: start value is text[s:cut[0]], end value text[cut[1]:e]."""
    s, e = m.span()
    precision = "day" if len(a) == 3 else "month"
    for y, mo, *d in (a, b):
        problem = _day_problem(y, mo, d[0] if d else 1)
        if problem:
            return _Tok("date", s, e, ImpossibleDate(text[s:e], s, e, problem))
    first = _day_interval(a)
    second = _day_interval(b)
    start = _value(text, s, cut[0], first, precision)
    end = _value(text, cut[1], e, second, precision)
    return _Tok("date", s, e, DateRange(start, end, text[s:e], s, e))


def _day_interval(ymd: tuple) -> tuple[datetime.date, datetime.date]:
    if len(ymd) == 2:
        return _months(ymd[0], ymd[1], ymd[1])
    day = datetime.date(*ymd)
    return day, day


def _month(m: re.Match, g: str) -> int:
    return _MONTHS[m.group(g)[:3].lower()]


def _tok_iso(m: re.Match, text: str) -> _Tok:
    v = m["iso_v"]
    return _day_tok(m, text, int(v[:4]), int(v[5:7]), int(v[8:]))


def _tok_dmy(m: re.Match, text: str) -> _Tok:
    return _day_tok(m, text, int(m["dmy_y"]), _month(m, "dmy_m"), int(m["dmy_d"]))


def _tok_mdy(m: re.Match, text: str) -> _Tok:
    return _day_tok(m, text, int(m["mdy_y"]), _month(m, "mon"), int(m["mdy_d"]))


def _tok_dmyr(m: re.Match, text: str) -> _Tok:
    y, mo = int(m["dmyr_y"]), _month(m, "dmyr_m")
    cut = (m.end("dmyr_a"), m.start("dmyr_b"))
    return _split_tok(m, text, cut, (y, mo, int(m["dmyr_a"])), (y, mo, int(m["dmyr_b"])))


def _tok_mdyr(m: re.Match, text: str) -> _Tok:
    y, mo = int(m["mdyr_y"]), _month(m, "mon")
    cut = (m.end("mdyr_a"), m.start("mdyr_b"))
    return _split_tok(m, text, cut, (y, mo, int(m["mdyr_a"])), (y, mo, int(m["mdyr_b"])))


def _tok_monr(m: re.Match, text: str) -> _Tok:
    y = int(m["monr_y"])
    cut = (m.end("mon"), m.start("monr_b"))
    return _split_tok(m, text, cut, (y, _month(m, "mon")), (y, _month(m, "monr_b")))


def _tok_my(m: re.Match, text: str) -> _Tok:
    y, mo = int(m["my_y"]), _month(m, "mon")
    return _date_tok(m, text, _months(y, mo, mo), "month")


def _season(season: str, year: int) -> tuple[datetime.date, datetime.date]:
    first = _SEASONS[season.lower()]
    return _months(year, first, first + 2)


def _tok_season(m: re.Match, text: str) -> _Tok:
    return _date_tok(m, text, _season(m["sn_s"], int(m["sn_y"])), "season")


def _tok_winter(m: re.Match, text: str) -> _Tok:
    """``Winter 1941-42``: one winter; any other second year is left for the next token."""
    y, y2 = int(m["w_y"]), m["w_y2"]
    if int(y2) == (y + 1 if len(y2) == 4 else (y + 1) % 100):
        return _date_tok(m, text, _season("winter", y), "season")
    s, e = m.start(), m.end("w_y")
    return _Tok("date", s, e, _value(text, s, e, _season("winter", y), "season"))


def _tok_qual(m: re.Match, text: str) -> _Tok:
    q = m["q_q"].lower()
    if m["q_d"]:
        d = int(m["q_d"])
        lo, hi = _DECADE_PARTS[q]
        return _date_tok(m, text, _years(d + lo, d + hi), "part-decade")
    first, last = _THIRDS[q]
    return _date_tok(m, text, _months(int(m["q_y"]), first, last), "part-year")


def _tok_circa(m: re.Match, text: str) -> _Tok:
    y = int(m["c_y"])
    return _date_tok(m, text, _years(y - CIRCA_YEARS, y + CIRCA_YEARS), "circa")


def _tok_dec(m: re.Match, text: str) -> _Tok:
    d = int(m["dec_d"])
    tok = _date_tok(m, text, _years(d, d + 9), "decade")
    tok.kind = "dec"
    return tok


def _tok_year(m: re.Match, text: str) -> _Tok:
    """The most frequent token, built in one step (the year is the whole match)."""
    s, e = m.span()
    num = text[s:e]
    first, last = _years(int(num), int(num))
    return _Tok("year", s, e, DateValue(first, last, "year", num, s, e), num)


def _tok_short(m: re.Match, text: str) -> _Tok:
    return _Tok("short", m.start(), m.end(), num=m["sd"])


def _tok_num(m: re.Match, text: str) -> _Tok:
    kind = "num" if len(m["n_v"]) <= _MAX_NUMBER_LEN else "junk"
    return _Tok(kind, m.start(), m.end(), num=m["n_v"], pct=bool(m["n_pct"]))


_BUILD = {
    "iso": _tok_iso,
    "dmyr": _tok_dmyr,
    "dmy": _tok_dmy,
    "winter": _tok_winter,
    "season": _tok_season,
    "qual": _tok_qual,
    "circa": _tok_circa,
    "mdyr": _tok_mdyr,
    "mdy": _tok_mdy,
    "monr": _tok_monr,
    "my": _tok_my,
    "dec": _tok_dec,
    "year": _tok_year,
    "short": _tok_short,
    "num": _tok_num,
}


def _mask_urls(text: str) -> str:
    """Blank out URLs (same length, so columns are unchanged)."""
    return _URL.sub(lambda u: " " * len(u.group()), text)


_JOINERS = ("to", "through", "until", "and", "the")


def _may_pair(scan: str, start: int, end: int) -> bool:
    """Whether a bare number at scan[start:end] sits next to a dash or a range word."""
    before = scan[max(0, start - 12) : start].rstrip()
    after = scan[end : end + 12].lstrip()
    if (before and before[-1] in DASHES) or (after and after[0] in DASHES):
        return True
    return before.endswith(_JOINERS) or after.startswith(_JOINERS)


# Every form holds a digit, at most this many characters after its start: the
# longest lead is a month range's, ``September - September, 1922`` (month and dot
# 10, three spaces, a dash, three spaces, month and dot 10, comma, three spaces).
_LONGEST_LEAD = 10 + 3 + 1 + 3 + 10 + 1 + 3
_DIGIT = regex.compile("[0-9]")
# What the word forms start with: a month's first three letters, a season's, a
# part's (``early``), ``circa``'s, capitalised or not, and ``ca.``/``c.``. Only
# literals, so that a search skips to their first letters at once.
_LEADS = (
    *(name[:3] for name in _MONTH_NAMES),
    *(w[:3] for word in (*_SEASONS, *_THIRDS, "circa") for w in (word, word.capitalize())),
    *("ca.", "c."),
)
_LEAD = regex.compile("|".join(map(re.escape, _LEADS)))


def _tokens(text: str) -> list[_Tok]:
    """Date values, plain years and bare numbers that may be half of a range.

    The scanner tries every position it is given, at some cost each. A form
    that starts before the next digit starts with a word of `_LEADS` at most
    `_LONGEST_LEAD` before it: the search starts at the first such word, or at
    the digit, and finds the same match as a search from the last one. A word
    form reaches its first digit over a space, ``-`` (``mid-1924``), ``.``
    (``c.1900``) or ``a`` (``circa1900``): after any other character no form
    starts before the digit, and no word is looked for.
    """
    scan = _mask_urls(text) if "://" in text or "www." in text else text
    out: list[_Tok] = []
    pos = 0
    master = _master()
    while (digit := _DIGIT.search(scan, pos)) is not None:
        at = digit.start()
        if at > pos and (scan[at - 1].isspace() or scan[at - 1] in "-.a"):
            lead = _LEAD.search(scan, max(pos, at - _LONGEST_LEAD), at)
            at = at if lead is None else lead.start()
        m = master.search(scan, at)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind in ("num", "short") and not _may_pair(scan, m.start(), pos):
            continue
        tok = _BUILD[kind](m, text)
        out.append(tok)
        pos = tok.end
    return out


# --------------------------------------------------------------------------- pairing


def _tight(text: str, a: _Tok, b: _Tok) -> bool:
    return b.start - a.end == 1 and text[a.end] in DASHES


def _chained(text: str, toks: list[_Tok]) -> list[bool]:
    """Mark tokens in hyphen chains of three or more (codes, not ranges)."""
    marks = [False] * len(toks)
    first = 0
    for i in range(1, len(toks) + 1):
        if i < len(toks) and _tight(text, toks[i - 1], toks[i]):
            continue
        if i - first >= 3:
            marks[first:i] = [True] * (i - first)
        first = i
    return marks


def _gap(text: str, a: _Tok, b: _Tok) -> tuple[str, int] | None:
    """How a and b are joined ("tight", "spaced" or "conn") and where the pair starts."""
    if b.start - a.end > 20:
        return None
    if _tight(text, a, b):
        return "tight", a.start
    if _SPACED.fullmatch(text, a.end, b.start):
        return "spaced", a.start
    conn = _CONNECTOR.fullmatch(text, a.end, b.start)
    lead = conn and _FROM.search(text, max(0, a.start - 16), a.start)
    if not lead:
        return None
    if (lead["f"].lower() == "between") != (conn["c"] == "and"):
        return None
    return "conn", lead.start()


def _is_quantity(text: str, start: int, end: int) -> bool:
    """A count noun follows ``end`` and no temporal preposition precedes ``start``."""
    following = text[end : end + 1]  # `_COUNT` starts with a space, a letter or "%"
    if not (following.isspace() or following.isalpha() or following == "%"):
        return False
    if not _COUNT.match(text, end):
        return False
    return not _PREPOSITION.search(text, max(0, start - 12), start)


def _expand(year: int, digits: str) -> int:
    """First year >= ``year`` ending in ``digits``: (1941, "45") -> 1945, (1999, "01") -> 2001."""
    size = 10 ** len(digits)
    full = year - year % size + int(digits)
    return full + size if full < year else full


def _numeric(text: str, a: _Tok, b: _Tok, start: int) -> NumericRange:
    end, unit = b.end, None
    if a.pct or b.pct:
        unit = "%"
    elif m := _UNIT.match(text, b.end):
        end, unit = m.end(), m["u"].lower() if m["u"] else "%"
    low, high = (float(t.num.replace(",", "")) for t in (a, b))
    return NumericRange(low, high, unit, text[start:end], start, end)


def _date_range(text: str, a: DateValue, b: DateValue, start: int) -> DateRange:
    return DateRange(a, b, text[start : b.end_column], start, b.end_column)


def _abbreviated(text: str, a: _Tok, b: _Tok, precision: str) -> DateRange:
    year = _expand(a.item.start.year, b.num)
    span = _years(year, year + 9) if precision == "decade" else _years(year, year)
    end = _value(text, b.start, b.end, span, precision)
    return _date_range(text, a.item, end, a.start)


def _pair(text: str, a: _Tok, b: _Tok) -> DateRange | NumericRange | None:
    joined = _gap(text, a, b)
    if joined is None:
        return None
    how, start = joined
    dated = ("date", "year", "dec")
    if a.kind in dated and b.kind in dated:
        if not (isinstance(a.item, DateValue) and isinstance(b.item, DateValue)):
            return None
        if a.kind == b.kind == "year" and _is_quantity(text, start, b.end):
            return _numeric(text, a, b, start)
        return _date_range(text, a.item, b.item, start)
    if how != "tight" and "num" in (a.kind, b.kind) and "year" in (a.kind, b.kind):
        return None
    if a.kind == "year" and b.kind == "num" and b.num.isdigit() and len(b.num) <= 2:
        if b.pct or _is_quantity(text, start, b.end):
            return _numeric(text, a, b, start)
        return _abbreviated(text, a, b, "year")
    if a.kind == "dec" and b.kind == "short" and how == "tight":
        return _abbreviated(text, a, b, "decade")
    if a.kind in ("num", "year") and b.kind in ("num", "year"):
        return _numeric(text, a, b, start)
    return None


def _single(text: str, tok: _Tok, chained: bool) -> DateItem | None:
    if tok.kind == "year" and (chained or _is_quantity(text, tok.start, tok.end)):
        return None
    return tok.item if tok.kind in ("date", "year", "dec") else None


def _scan(text: str) -> tuple[tuple[DateItem, ...], tuple[NumericRange, ...]]:
    """All date items and numeric ranges in text, each list left to right."""
    toks = _tokens(text)
    if len(toks) < 2:  # most lines: nothing to pair or chain
        single = _single(text, toks[0], False) if toks else None
        return ((single,) if single is not None else ()), ()
    chained = _chained(text, toks)
    dates: list[DateItem] = []
    numbers: list[NumericRange] = []
    i = 0
    while i < len(toks):
        pairable = i + 1 < len(toks) and not chained[i] and not chained[i + 1]
        found = _pair(text, toks[i], toks[i + 1]) if pairable else None
        if found is not None:
            (numbers if isinstance(found, NumericRange) else dates).append(found)
            i += 2
            continue
        single = _single(text, toks[i], chained[i])
        if single is not None:
            dates.append(single)
        i += 1
    return tuple(dates), tuple(numbers)


# A linter asks for dates and numeric ranges of the same line: scan short lines once.
_scan_cached = functools.lru_cache(maxsize=1024)(_scan)
_CACHE_MAX_LEN = 4096


_NOTHING: tuple[tuple[DateItem, ...], tuple[NumericRange, ...]] = ((), ())
# Every date holds a four-digit year and every range two numbers joined by a
# dash or a word: a line with neither is not tokenised at all. The same dashes
# and the same spaces as the scanner, or more, so that it skips no range.
_MAY_HOLD_DATES = regex.compile(
    rf"[0-9](?:[0-9]{{3}}|%?{_SP}*{_DASH}{_SP}*[0-9]|{_SP}+(?:to|and|through|until){_SP})"
)


def _results(text: str) -> tuple[tuple[DateItem, ...], tuple[NumericRange, ...]]:
    if not _MAY_HOLD_DATES.search(text):
        return _NOTHING
    return _scan_cached(text) if len(text) <= _CACHE_MAX_LEN else _scan(text)


# --------------------------------------------------------------------------- public API


def scan_line(text: str) -> tuple[tuple[DateItem, ...], tuple[NumericRange, ...]]:
    """The date items and the numeric ranges of a line of prose, in one pass.

    The same results as `find_dates` and `find_numeric_ranges`, without their
    cache: for a caller that asks once per line.
    """
    return _scan(text) if _MAY_HOLD_DATES.search(text) else _NOTHING


may_hold_dates = _MAY_HOLD_DATES.search
"""The test `scan_line` makes first: a match when `text` may hold a date or a numeric
range, None when it surely holds neither. A pattern's own `search`, not a function that
calls it: a caller that scans every line of a dossier tests each with no Python call."""

scan_tested_line = _scan
"""`scan_line` for a line that `may_hold_dates` passed: the test is not made again."""


def parse_date(text: str) -> DateItem | None:
    """The whole (stripped) string as one date expression, or None.

    An impossible calendar date comes back as ``ImpossibleDate``; columns are
    offsets into the stripped string.
    """
    s = text.strip()
    dates, numbers = _results(s)
    if len(dates) != 1 or numbers:
        return None
    item = dates[0]
    return item if item.column == 0 and item.end_column == len(s) else None


def find_dates(text: str) -> list[DateItem]:
    """Every date expression in a line of prose, left to right, non-overlapping."""
    return list(_results(text)[0])


def find_numeric_ranges(text: str) -> list[NumericRange]:
    """Every numeric (non-date) range in a line of prose, left to right."""
    return list(_results(text)[1])


def is_iso_shaped(text: str) -> bool:
    """Whether `text` is written ``NNNN-NN-NN``, a real date or not (``2026-02-30`` is)."""
    return _ISO.fullmatch(text) is not None


_DURATION = regex.compile(r"^([0-9]{1,9})[ \t]+years?$")


def match_duration(text: str) -> re.Match[str] | None:
    """A duration ``N years`` (or ``1 year``), the whole of `text`; group 1 is N."""
    return _DURATION.match(text)


def parse_iso_date(text: str) -> datetime.date | None:
    """Strict ``YYYY-MM-DD``; None if malformed or not a calendar date."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return None if _day_problem(y, mo, d) else datetime.date(y, mo, d)
