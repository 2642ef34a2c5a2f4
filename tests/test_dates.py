"""Tests for dossierlint.grammar.dates: historians' date expressions and numeric ranges."""

import datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dossierlint.grammar import dates
from dossierlint.grammar.dates import (
    CIRCA_YEARS,
    PRECISIONS,
    DateRange,
    DateValue,
    ImpossibleDate,
    NumericRange,
    find_dates,
    find_numeric_ranges,
    parse_date,
    parse_iso_date,
)

REFERENCE = Path(__file__).parents[1] / "dossiers" / "soviet-union-stalin.md"
EN, EM = "\u2013", "\u2014"
D = datetime.date


def iso(value: str) -> D:
    return D.fromisoformat(value)


def interval(item: DateValue | DateRange) -> tuple[D, D]:
    if isinstance(item, DateRange):
        return item.start.start, item.end.end
    return item.start, item.end


def spans(text: str) -> list[tuple[str, str, str]]:
    """find_dates as (text, first day, last day) triples."""
    return [(x.text, *(d.isoformat() for d in interval(x))) for x in find_dates(text)]


# --------------------------------------------------------------------------- single values

VALUES = [
    ("2026-01-06", "2026-01-06", "2026-01-06", "day"),
    ("2024-02-29", "2024-02-29", "2024-02-29", "day"),
    ("April 3, 1922", "1922-04-03", "1922-04-03", "day"),
    ("April 3 1922", "1922-04-03", "1922-04-03", "day"),
    ("April 3rd, 1922", "1922-04-03", "1922-04-03", "day"),
    ("3 April 1922", "1922-04-03", "1922-04-03", "day"),
    ("3rd of April, 1922", "1922-04-03", "1922-04-03", "day"),
    ("Apr. 3, 1922", "1922-04-03", "1922-04-03", "day"),
    ("Sept 3, 1922", "1922-09-03", "1922-09-03", "day"),
    ("3 Sept. 1922", "1922-09-03", "1922-09-03", "day"),
    ("February 29, 2000", "2000-02-29", "2000-02-29", "day"),
    ("December 1929", "1929-12-01", "1929-12-31", "month"),
    ("December, 1929", "1929-12-01", "1929-12-31", "month"),
    ("February 1929", "1929-02-01", "1929-02-28", "month"),
    ("February 1928", "1928-02-01", "1928-02-29", "month"),
    ("Dec. 1929", "1929-12-01", "1929-12-31", "month"),
    ("May 1945", "1945-05-01", "1945-05-31", "month"),
    ("Spring 1926", "1926-03-01", "1926-05-31", "season"),
    ("Summer 1926", "1926-06-01", "1926-08-31", "season"),
    ("summer of 1926", "1926-06-01", "1926-08-31", "season"),
    ("Autumn 1926", "1926-09-01", "1926-11-30", "season"),
    ("fall 1926", "1926-09-01", "1926-11-30", "season"),
    ("Winter 1926", "1926-12-01", "1927-02-28", "season"),
    ("Winter 1927", "1927-12-01", "1928-02-29", "season"),
    ("Winter 1941-42", "1941-12-01", "1942-02-28", "season"),
    (f"winter of 1941{EN}42", "1941-12-01", "1942-02-28", "season"),
    ("Winter 1941/42", "1941-12-01", "1942-02-28", "season"),
    ("Winter 1941-1942", "1941-12-01", "1942-02-28", "season"),
    ("Winter 1999-00", "1999-12-01", "2000-02-29", "season"),
    ("early 1924", "1924-01-01", "1924-04-30", "part-year"),
    ("Early 1924", "1924-01-01", "1924-04-30", "part-year"),
    ("mid-1924", "1924-05-01", "1924-08-31", "part-year"),
    ("mid 1924", "1924-05-01", "1924-08-31", "part-year"),
    ("late 1924", "1924-09-01", "1924-12-31", "part-year"),
    ("early 1930s", "1930-01-01", "1933-12-31", "part-decade"),
    ("mid-1930s", "1934-01-01", "1936-12-31", "part-decade"),
    ("late 1920s", "1927-01-01", "1929-12-31", "part-decade"),
    ("1930s", "1930-01-01", "1939-12-31", "decade"),
    ("1920's", "1920-01-01", "1929-12-31", "decade"),
    ("1924", "1924-01-01", "1924-12-31", "year"),
    ("1000", "1000-01-01", "1000-12-31", "year"),
    ("2999", "2999-01-01", "2999-12-31", "year"),
    ("c. 1900", "1895-01-01", "1905-12-31", "circa"),
    ("c.1900", "1895-01-01", "1905-12-31", "circa"),
    ("ca. 1900", "1895-01-01", "1905-12-31", "circa"),
    ("circa 1900", "1895-01-01", "1905-12-31", "circa"),
    ("Circa 1900", "1895-01-01", "1905-12-31", "circa"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), VALUES)
def test_single_values(text: str, start: str, end: str, precision: str) -> None:
    value = parse_date(text)
    assert isinstance(value, DateValue)
    assert (value.start, value.end, value.precision) == (iso(start), iso(end), precision)
    assert (value.text, value.column, value.end_column) == (text, 0, len(text))
    assert precision in PRECISIONS


def test_circa_width_is_documented_constant() -> None:
    value = parse_date("c. 1900")
    assert value.start.year == 1900 - CIRCA_YEARS
    assert value.end.year == 1900 + CIRCA_YEARS


def test_parse_date_strips_and_wants_the_whole_string() -> None:
    assert parse_date("  1924-1953\n") == parse_date("1924-1953")
    assert parse_date("in 1924") is None
    assert parse_date("1924 and 1925") is None
    assert parse_date("") is None
    assert parse_date("April") is None
    assert parse_date("6-20 million") is None


# --------------------------------------------------------------------------- ranges

RANGES = [
    ("1924-1953", "1924-01-01", "1953-12-31", False),
    (f"1924{EN}1953", "1924-01-01", "1953-12-31", False),
    (f"1924{EM}1953", "1924-01-01", "1953-12-31", False),
    ("1924 - 1953", "1924-01-01", "1953-12-31", False),
    (f"1924 {EN} 1953", "1924-01-01", "1953-12-31", False),
    ("1950s-1960s", "1950-01-01", "1969-12-31", False),
    ("1950s-60s", "1950-01-01", "1969-12-31", False),
    ("1990s-00s", "1990-01-01", "2009-12-31", False),
    ("1941-45", "1941-01-01", "1945-12-31", False),
    ("1936-38", "1936-01-01", "1938-12-31", False),
    ("1898-1901", "1898-01-01", "1901-12-31", False),
    ("1999-01", "1999-01-01", "2001-12-31", False),
    ("1914-8", "1914-01-01", "1918-12-31", False),
    ("April 1925 - June 1926", "1925-04-01", "1926-06-30", False),
    ("late 1920s-early 1930s", "1927-01-01", "1933-12-31", False),
    ("Summer 1926-1927", "1926-06-01", "1927-12-31", False),
    ("c. 1900-1910", "1895-01-01", "1910-12-31", False),
    ("from 1924 to 1953", "1924-01-01", "1953-12-31", False),
    ("From April 1925 until June 1926", "1925-04-01", "1926-06-30", False),
    ("between 1924 and 1953", "1924-01-01", "1953-12-31", False),
    ("from the mid-1920s to the late 1930s", "1924-01-01", "1939-12-31", False),
    (f"April{EN}June 1926", "1926-04-01", "1926-06-30", False),
    ("3-5 April 1922", "1922-04-03", "1922-04-05", False),
    ("April 3-5, 1922", "1922-04-03", "1922-04-05", False),
    ("1953-1924", "1953-01-01", "1924-12-31", True),
    ("1927-1925", "1927-01-01", "1925-12-31", True),
    (f"1953{EN}1938", "1953-01-01", "1938-12-31", True),
    ("1960s-1950s", "1960-01-01", "1959-12-31", True),
    ("June-April 1926", "1926-06-01", "1926-04-30", True),
    ("5-3 April 1922", "1922-04-05", "1922-04-03", True),
    ("from 1953 to 1924", "1953-01-01", "1924-12-31", True),
]


@pytest.mark.parametrize(("text", "start", "end", "reversed_"), RANGES)
def test_ranges(text: str, start: str, end: str, reversed_: bool) -> None:
    rng = parse_date(text)
    assert isinstance(rng, DateRange)
    assert interval(rng) == (iso(start), iso(end))
    assert rng.reversed is reversed_
    assert rng.text == text
    for part in (rng.start, rng.end):
        assert text[part.column : part.end_column] == part.text


@pytest.mark.parametrize("text", ["(1950s-1960s)", "(1927-1925)", "(1953-1938)", "(1938-1953)"])
def test_ranges_in_parentheses(text: str) -> None:
    (rng,) = find_dates(text)
    assert isinstance(rng, DateRange)
    assert (rng.text, rng.column, rng.end_column) == (text[1:-1], 1, len(text) - 1)
    assert rng.reversed is (text in ("(1927-1925)", "(1953-1938)"))


def test_abbreviated_end_year_is_never_reversed() -> None:
    for text, end_year in [("1941-45", 1945), ("1999-01", 2001), ("1945-45", 1945)]:
        rng = parse_date(text)
        assert rng.end.start.year == end_year
        assert not rng.reversed
        assert rng.end.text == text[5:]


def test_heading_stage_number_is_not_a_date() -> None:
    assert spans("### Stage 1 (1924-1925): Alliance Against Trotsky") == [
        ("1924-1925", "1924-01-01", "1925-12-31")
    ]
    assert find_numeric_ranges("### Stage 1 (1924-1925): Alliance") == []
    assert spans(f"### Stage 3 {EN} 1928: Defeating the Right") == [
        ("1928", "1928-01-01", "1928-12-31")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "September.   -   September.,   1922",
        "September.,   of   1922",
        "Winter   of   1941-42",
        "Spring   of   1941",
        "circa   1900",
        "September.   30   -   31,   1922",
    ],
)
def test_longest_forms_are_found_late_in_a_line(text: str) -> None:
    """Each form with every optional part and whitespace run at its widest, far into a line."""
    line = f"{'words before the date, ' * 4}{text}; after 1923"
    assert [item.text for item in find_dates(line)] == [text, "1923"]


# --------------------------------------------------------------------------- impossible dates

IMPOSSIBLE = [
    ("February 30, 1922", "February 1922 has 28 days"),
    ("June 31, 1941", "June 1941 has 30 days"),
    ("31 April 1950", "April 1950 has 30 days"),
    ("February 29, 1900", "February 1900 has 28 days"),
    ("April 32, 1922", "April 1922 has 30 days"),
    ("0 April 1922", "day 0 does not exist"),
    ("2026-02-30", "February 2026 has 28 days"),
    ("2025-02-29", "February 2025 has 28 days"),
    ("2026-13-01", "month 13 does not exist"),
    ("2026-00-10", "month 0 does not exist"),
    ("2026-01-00", "day 0 does not exist"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("0000-01-01", "year 0 does not exist"),
    ("30-31 April 1950", "April 1950 has 30 days"),
    ("April 30-31, 1950", "April 1950 has 30 days"),
]


@pytest.mark.parametrize(("text", "reason"), IMPOSSIBLE)
def test_impossible_dates_are_reported(text: str, reason: str) -> None:
    bad = parse_date(text)
    assert isinstance(bad, ImpossibleDate)
    assert (bad.text, bad.column, bad.end_column, bad.reason) == (text, 0, len(text), reason)


def test_impossible_date_in_prose_keeps_its_place() -> None:
    line = "Appointed on February 30, 1922 and removed in 1923-1924."
    first, second = find_dates(line)
    assert isinstance(first, ImpossibleDate)
    assert line[first.column : first.end_column] == "February 30, 1922"
    assert isinstance(second, DateRange)


def test_impossible_endpoint_does_not_form_a_range() -> None:
    items = find_dates("February 30, 1922 - March 3, 1922")
    assert [type(x) for x in items] == [ImpossibleDate, DateValue]


# --------------------------------------------------------------------------- parse_iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-06", D(2026, 1, 6)),
        ("2024-02-29", D(2024, 2, 29)),
        ("0001-01-01", D(1, 1, 1)),
        ("2026-02-30", None),
        ("2025-02-29", None),
        ("2026-13-01", None),
        ("2026-00-01", None),
        ("0000-01-01", None),
        ("2026-1-6", None),
        ("2026-01-06 ", None),
        (" 2026-01-06", None),
        ("2026-01-06\n", None),
        ("2026/01/06", None),
        ("20260106", None),
        ("2026-01-06T00:00", None),
        ("\u0662\u0660\u0662\u0666-01-06", None),
        ("", None),
    ],
)
def test_parse_iso_date(text: str, expected: D | None) -> None:
    assert parse_iso_date(text) == expected


# --------------------------------------------------------------------------- numeric ranges

NUMERIC = [
    ("6-20 million", 6, 20, "million"),
    ("1.2-1.7 million", 1.2, 1.7, "million"),
    ("2.1-2.3 million", 2.1, 2.3, "million"),
    ("20,000-30,000", 20000, 30000, None),
    ("530,000-600,000", 530000, 600000, None),
    ("700,000-1,750,000", 700000, 1750000, None),
    ("3.5-5 million", 3.5, 5, "million"),
    ("23.1-32 million", 23.1, 32, "million"),
    ("5.7-7 million", 5.7, 7, "million"),
    ("7-10 million", 7, 10, "million"),
    (f"7{EN}10 millions", 7, 10, "million"),
    ("6 - 20 million", 6, 20, "million"),
    ("20-30 thousand", 20, 30, "thousand"),
    ("1-2 billion", 1, 2, "billion"),
    ("6-20%", 6, 20, "%"),
    ("6%-20%", 6, 20, "%"),
    ("6-20 per cent", 6, 20, "%"),
    ("1500-2000", 1500, 2000, None),
    ("3-1928", 3, 1928, None),
    ("1941-450", 1941, 450, None),
    ("between 6 and 20 million", 6, 20, "million"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), NUMERIC)
def test_numeric_ranges(text: str, low: float, high: float, unit: str | None) -> None:
    line = f"Estimates: {text} troops."
    (rng,) = find_numeric_ranges(line)
    assert isinstance(rng, NumericRange)
    assert (rng.low, rng.high, rng.unit) == (low, high, unit)
    assert rng.text == text
    assert line[rng.column : rng.end_column] == text
    assert find_dates(line) == []


@pytest.mark.parametrize(
    "text",
    [
        "20,000-30,000 executed by troikas",
        "1500-2000 troops",
        "1500-2000 killed",
        "1000-1500 people",
        "1500 - 2000 deaths",
        "1941-45 million",
    ],
)
def test_count_nouns_make_numeric_ranges(text: str) -> None:
    assert len(find_numeric_ranges(text)) == 1
    assert find_dates(text) == []


def test_reversed_numeric_range() -> None:
    (rng,) = find_numeric_ranges("a toll of 20-6 million")
    assert (rng.low, rng.high, rng.unit, rng.text) == (20, 6, "million", "20-6 million")
    assert rng.reversed
    assert not find_numeric_ranges("7-10 million")[0].reversed


@pytest.mark.parametrize(
    "text",
    [
        "34 million \u2192 16 million",
        "Horses: 34 million \u2192 16 million",
        "Stage 1",
        "Order 227",
        "20th Congress",
        "81 of 103",
        "Article 58",
        "~27 million",
        "300 years",
        "29 years",
        "681,692",
        "799,455",
        "1,750,000",
        "1.2",
        "1924.5",
        "$1924",
        "#1924",
        "1924%",
        "1924 people",
        "1924 troops",
        "1,924",
        "1924,1925",
        "978-1-2024-1",
        "1924-1925-1926",
        "0999",
        "3000",
        "12345",
        "in March, ending 300 years",
        "the 60s",
        "etc.",
        "may 3 mark",
        "see https://example.org/1930-1953/2010-01-06.html",
    ],
)
def test_neither_dates_nor_numeric_ranges(text: str) -> None:
    assert find_dates(text) == []
    assert find_numeric_ranges(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1937 executions rose", [("1937", "1937-01-01", "1937-12-31")]),
        ("2003 UN statement", [("2003", "2003-01-01", "2003-12-31")]),
        ("Order 227 (1942)", [("1942", "1942-01-01", "1942-12-31")]),
        ("Snyder (2010)", [("2010", "2010-01-01", "2010-12-31")]),
        ("Conquest (1986)", [("1986", "1986-01-01", "1986-12-31")]),
        ("pre-1924 levels", [("1924", "1924-01-01", "1924-12-31")]),
        ("Name (1952-)", [("1952", "1952-01-01", "1952-12-31")]),
        ("Name (b. 1952)", [("1952", "1952-01-01", "1952-12-31")]),
        ("etc. 1900", [("1900", "1900-01-01", "1900-12-31")]),
        ("681,692 executions in 1937-1938", [("1937-1938", "1937-01-01", "1938-12-31")]),
        ("1937 - 681,692 executions", [("1937", "1937-01-01", "1937-12-31")]),
        (
            "1924 to 1953",
            [("1924", "1924-01-01", "1924-12-31"), ("1953", "1953-01-01", "1953-12-31")],
        ),
        ("2026-01-06T10:00", [("2026-01-06", "2026-01-06", "2026-01-06")]),
        ("accessed: 2026-01-06 |", [("2026-01-06", "2026-01-06", "2026-01-06")]),
        ("Winter 1941-43", [("Winter 1941", "1941-12-01", "1942-02-28")]),
        ("Winter 1941-1943", [("Winter 1941-1943", "1941-12-01", "1943-12-31")]),
        ("January 1928: Trotsky", [("January 1928", "1928-01-01", "1928-01-31")]),
    ],
)
def test_dates_in_prose(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert spans(text) == expected


# --------------------------------------------------------------------------- the reference

# Line number -> every date expression on that line: (text, first day, last day).
EXPECTED_DATES = {
    7: [("1924-1953", "1924-01-01", "1953-12-31")],
    8: [("1878-1953", "1878-01-01", "1953-12-31")],
    15: [("1929", "1929-01-01", "1929-12-31"), ("1940", "1940-01-01", "1940-12-31")],
    16: [("1938", "1938-01-01", "1938-12-31")],
    17: [("1936", "1936-01-01", "1936-12-31")],
    18: [("1938-1953", "1938-01-01", "1953-12-31")],
    19: [("1936-1938", "1936-01-01", "1938-12-31")],
    36: [("1917", "1917-01-01", "1917-12-31")],
    40: [("1918-1922", "1918-01-01", "1922-12-31")],
    45: [("1921-1928", "1921-01-01", "1928-12-31")],
    46: [("March 1921", "1921-03-01", "1921-03-31")],
    47: [("1921", "1921-01-01", "1921-12-31")],
    48: [("March 1921", "1921-03-01", "1921-03-31")],
    53: [("1928", "1928-01-01", "1928-12-31"), ("1913", "1913-01-01", "1913-12-31")],
    55: [("January 1924", "1924-01-01", "1924-01-31")],
    65: [("April 3, 1922", "1922-04-03", "1922-04-03")],
    68: [("early 1924", "1924-01-01", "1924-04-30")],
    70: [("1924-1925", "1924-01-01", "1925-12-31")],
    73: [("October 1924", "1924-10-01", "1924-10-31")],
    74: [("1925", "1925-01-01", "1925-12-31")],
    76: [("1925-1927", "1925-01-01", "1927-12-31")],
    77: [("April 1925", "1925-04-01", "1925-04-30")],
    79: [("Summer 1926", "1926-06-01", "1926-08-31")],
    80: [("1927", "1927-01-01", "1927-12-31")],
    81: [("January 1928", "1928-01-01", "1928-01-31")],
    82: [("February 1929", "1929-02-01", "1929-02-28")],
    84: [("1928-1929", "1928-01-01", "1929-12-31")],
    85: [("1928", "1928-01-01", "1928-12-31")],
    87: [("1929", "1929-01-01", "1929-12-31")],
    88: [("November 1929", "1929-11-01", "1929-11-30")],
    89: [("1929", "1929-01-01", "1929-12-31")],
    98: [
        ("1917-1922", "1917-01-01", "1922-12-31"),
        ("December 20, 1917", "1917-12-20", "1917-12-20"),
    ],
    99: [("1922", "1922-01-01", "1922-12-31")],
    100: [("1923-1934", "1923-01-01", "1934-12-31")],
    101: [("1934-1946", "1934-01-01", "1946-12-31")],
    111: [("April 15, 1919", "1919-04-15", "1919-04-15")],
    112: [("1930", "1930-01-01", "1930-12-31")],
    113: [("late 1920s", "1927-01-01", "1929-12-31"), ("1936", "1936-01-01", "1936-12-31")],
    114: [("1930-1953", "1930-01-01", "1953-12-31")],
    120: [("December 1929", "1929-12-01", "1929-12-31")],
    121: [("1933", "1933-01-01", "1933-12-31")],
    132: [("1917", "1917-01-01", "1917-12-31")],
    135: [("1936-1938", "1936-01-01", "1938-12-31")],
    136: [("August 1936", "1936-08-01", "1936-08-31")],
    137: [("January 1937", "1937-01-01", "1937-01-31")],
    138: [("March 1938", "1938-03-01", "1938-03-31")],
    144: [("1928-1933", "1928-01-01", "1933-12-31")],
    152: [("1928", "1928-01-01", "1928-12-31")],
    153: [("December 27, 1929", "1929-12-27", "1929-12-27")],
    154: [("1932", "1932-01-01", "1932-12-31")],
    155: [("1940", "1940-01-01", "1940-12-31")],
    170: [("1930-1933", "1930-01-01", "1933-12-31")],
    176: [("1932-1933", "1932-01-01", "1933-12-31")],
    179: [("1929", "1929-01-01", "1929-12-31")],
    184: [("1932", "1932-01-01", "1932-12-31")],
    189: [("2003", "2003-01-01", "2003-12-31")],
    192: [("1986", "1986-01-01", "1986-12-31")],
    193: [("2009", "2009-01-01", "2009-12-31")],
    197: [("2008", "2008-01-01", "2008-12-31")],
    198: [("December 2022", "2022-12-01", "2022-12-31")],
    200: [("1936-1938", "1936-01-01", "1938-12-31")],
    202: [("December 1934", "1934-12-01", "1934-12-31")],
    212: [("1937-1938", "1937-01-01", "1938-12-31")],
    216: [("1938", "1938-01-01", "1938-12-31")],
    218: [("1941-1945", "1941-01-01", "1945-12-31")],
    223: [("June 22, 1941", "1941-06-22", "1941-06-22")],
    230: [("1942", "1942-01-01", "1942-12-31")],
    233: [("1942-1943", "1942-01-01", "1943-12-31")],
    239: [("1991", "1991-01-01", "1991-12-31")],
    246: [("1991", "1991-01-01", "1991-12-31")],
    250: [("2010", "2010-01-01", "2010-12-31")],
    254: [("1921-1953", "1921-01-01", "1953-12-31")],
    257: [("1940s", "1940-01-01", "1949-12-31")],
    264: [("March 5, 1953", "1953-03-05", "1953-03-05")],
    275: [("June 26, 1953", "1953-06-26", "1953-06-26")],
    276: [("December 23, 1953", "1953-12-23", "1953-12-23")],
    282: [("February 25, 1956", "1956-02-25", "1956-02-25")],
    299: [("1956", "1956-01-01", "1956-12-31")],
    300: [("1989", "1989-01-01", "1989-12-31")],
    305: [("1961", "1961-01-01", "1961-12-31")],
    306: [("October 1956", "1956-10-01", "1956-10-31")],
    307: [("January 1960", "1960-01-01", "1960-01-31")],
    318: [("1991", "1991-01-01", "1991-12-31")],
    325: [("1917-1924", "1917-01-01", "1924-12-31")],
    336: [("1950s-1960s", "1950-01-01", "1969-12-31")],
    341: [("1960s", "1960-01-01", "1969-12-31")],
    # Sources: the accessed dates only; years inside the URLs (2010/09, 1930-1953) are not prose.
    **{n: [("2026-01-06", "2026-01-06", "2026-01-06")] for n in range(361, 370)},
    377: [("1991", "1991-01-01", "1991-12-31")],
    384: [("2026-01-06", "2026-01-06", "2026-01-06")],
    385: [("2026-01-06", "2026-01-06", "2026-01-06")],
}

# Line number -> the numeric range on that line: (text, low, high, unit).
EXPECTED_NUMERIC = {
    11: ("6-20 million", 6, 20, "million"),
    115: ("1.2-1.7 million", 1.2, 1.7, "million"),
    170: ("2.1-2.3 million", 2.1, 2.3, "million"),
    171: ("20,000-30,000", 20000, 30000, None),
    174: ("530,000-600,000", 530000, 600000, None),
    189: ("7-10 million", 7, 10, "million"),
    190: ("3.5-5 million", 3.5, 5, "million"),
    193: ("5.5-6.5 million", 5.5, 6.5, "million"),
    214: ("700,000-1,750,000", 700000, 1750000, None),
    243: ("23.1-32 million", 23.1, 32, "million"),
    251: ("6-20 million", 6, 20, "million"),
    255: ("1.5-1.7 million", 1.5, 1.7, "million"),
    258: ("5.7-7 million", 5.7, 7, "million"),
}


def reference_lines() -> list[str]:
    return REFERENCE.read_text(encoding="utf-8").split("\n")


def test_reference_dates_line_by_line() -> None:
    lines = reference_lines()
    assert len(lines) > 380
    for number, line in enumerate(lines, 1):
        expected = EXPECTED_DATES.get(number, [])
        assert spans(line) == expected, f"line {number}: {line!r}"
        for item in find_dates(line):
            assert line[item.column : item.end_column] == item.text
            assert not isinstance(item, ImpossibleDate)
            assert not (isinstance(item, DateRange) and item.reversed)


def test_reference_numeric_ranges_line_by_line() -> None:
    for number, line in enumerate(reference_lines(), 1):
        found = [(r.text, r.low, r.high, r.unit) for r in find_numeric_ranges(line)]
        expected = [EXPECTED_NUMERIC[number]] if number in EXPECTED_NUMERIC else []
        assert found == expected, f"line {number}: {line!r}"


def test_reference_numeric_ranges_are_not_dates() -> None:
    for number, line in enumerate(reference_lines(), 1):
        dated = set()
        for item in find_dates(line):
            dated.update(range(item.column, item.end_column))
        for rng in find_numeric_ranges(line):
            assert dated.isdisjoint(range(rng.column, rng.end_column)), number


def test_reference_overview_dates_are_consistent() -> None:
    """The use the linter makes of this module: Dates, Duration and the leader's life."""
    lines = reference_lines()
    regime = parse_date(lines[6].split("|")[2])
    leader = find_dates(lines[7])[0]
    assert regime.end.start.year - regime.start.start.year == 29
    assert leader.start.start < regime.start.start <= regime.end.end <= leader.end.end


# --------------------------------------------------------------------------- properties

years = st.integers(min_value=1000, max_value=2999)
days = st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31))
ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug."]
ABBREVIATIONS += ["Sept.", "Oct.", "Nov.", "Dec."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]
SEASONS = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}
DASHES = st.sampled_from(["-", EN, EM, " - ", f" {EN} ", f" {EM} "])


def day_forms(d: D) -> list[str]:
    month = MONTHS[d.month - 1]
    return [
        f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{ABBREVIATIONS[d.month - 1]} {d.day}, {d.year}",
        f"{d.day} {ABBREVIATIONS[d.month - 1]} {d.year}",
    ]


def season_of(d: D) -> tuple[str, int]:
    """Meteorological season: January and February belong to the previous year's winter."""
    first = (d.month // 3) * 3 or 12
    return SEASONS[first], d.year - 1 if d.month < 3 else d.year


def part_of_year(d: D) -> str:
    return ("early ", "mid-", "late ")[(d.month - 1) // 4] + str(d.year)


def part_of_decade(d: D) -> str:
    digit = d.year % 10
    part = "early " if digit < 4 else "mid-" if digit < 7 else "late "
    return f"{part}{d.year // 10 * 10}s"


def other_forms(d: D) -> list[tuple[str, str]]:
    forms = [
        (f"{MONTHS[d.month - 1]} {d.year}", "month"),
        (f"{ABBREVIATIONS[d.month - 1]} {d.year}", "month"),
        (part_of_year(d), "part-year"),
        (f"{d.year // 10 * 10}s", "decade"),
        (part_of_decade(d), "part-decade"),
        (str(d.year), "year"),
    ]
    season, season_year = season_of(d)
    if season_year >= 1000:
        forms.append((f"{season} {season_year}", "season"))
    return forms


@given(days)
def test_round_trip_day_forms(d: D) -> None:
    for text in day_forms(d):
        value = parse_date(text)
        assert isinstance(value, DateValue), text
        assert (value.start, value.end, value.precision) == (d, d, "day")


@given(days)
def test_round_trip_coarser_forms(d: D) -> None:
    for text, precision in other_forms(d):
        value = parse_date(text)
        assert isinstance(value, DateValue), text
        assert value.precision == precision, text
        assert value.start <= d <= value.end, text


@given(years, st.integers(min_value=-CIRCA_YEARS, max_value=CIRCA_YEARS))
def test_round_trip_circa(year: int, offset: int) -> None:
    assume(1000 <= year + offset <= 2999)
    for prefix in ("c. ", "ca. ", "circa ", "c."):
        value = parse_date(f"{prefix}{year + offset}")
        assert value.precision == "circa"
        assert value.start <= D(year, 6, 15) <= value.end


@given(days, st.sampled_from(["In ", "By ", "(", "- ", "on "]), st.sampled_from([".", ")", ": x"]))
def test_day_forms_found_in_prose(d: D, before: str, after: str) -> None:
    for text in day_forms(d):
        line = f"{before}{text}{after}"
        (value,) = find_dates(line)
        assert (value.text, value.column, value.start) == (text, len(before), d)


@given(years, years, DASHES)
def test_year_range_order(a: int, b: int, dash: str) -> None:
    assume(a < b)
    forward = parse_date(f"{a}{dash}{b}")
    assert isinstance(forward, DateRange)
    assert not forward.reversed
    assert (forward.start.start.year, forward.end.end.year) == (a, b)
    (backward,) = find_dates(f"({b}{dash}{a})")
    assert isinstance(backward, DateRange)
    assert backward.reversed
    assert backward.text == f"{b}{dash}{a}"


@given(years, st.integers(min_value=0, max_value=99))
def test_abbreviated_year_range_runs_forward(start: int, end: int) -> None:
    rng = parse_date(f"{start}-{end:02d}")
    assert isinstance(rng, DateRange)
    assert not rng.reversed
    assert rng.end.start.year % 100 == end
    assert 0 <= rng.end.start.year - start < 100


tenths = st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10)


@given(tenths, tenths, st.sampled_from(["million", "thousand", "billion", "%"]))
def test_numeric_range_round_trip(low: float, high: float, unit: str) -> None:
    space = "" if unit == "%" else " "
    line = f"toll: {low:g}-{high:g}{space}{unit} (estimate)"
    (rng,) = find_numeric_ranges(line)
    assert (rng.low, rng.high, rng.unit) == (low, high, unit)
    assert rng.reversed is (high < low)
    assert find_dates(line) == []


def check_invariants(text: str) -> None:
    dates = find_dates(text)
    numbers = find_numeric_ranges(text)
    for found in (dates, numbers):
        ends = [0]
        for item in found:
            assert text[item.column : item.end_column] == item.text
            assert ends[-1] <= item.column < item.end_column
            ends.append(item.end_column)
    for item in dates:
        values = [item.start, item.end] if isinstance(item, DateRange) else [item]
        for value in values:
            if isinstance(value, DateValue):
                assert value.start <= value.end
                assert value.precision in PRECISIONS
                assert text[value.column : value.end_column] == value.text
    covered = {i for x in dates for i in range(x.column, x.end_column)}
    assert not any(covered & set(range(r.column, r.end_column)) for r in numbers)
    single = parse_date(text)
    assert single is None or single.text == text.strip()
    parse_iso_date(text)


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    check_invariants(text)


PIECES = [
    *("1924", "1953", "45", "01", "0", "29", "30", "31", "2026-02-30", "1,750", ".5", "%"),
    *("-", EN, EM, "/", " ", "  ", ",", ".", "(", ")", "\n", "'s", "s", "c.", "ca. "),
    *("April", "Feb", "Sept.", "May", "Winter", "summer", "early", "mid-", "late"),
    *("from ", "between ", " to ", " and ", "the ", "million", " troops", "in ", "https://x/"),
]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_never_raises_on_date_like_soup(text: str) -> None:
    check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "0123456789 -\u2010\u2011\u2012\u2013\u2014\u00a0\u2009%.,aApril Summerlyc()sto and"
        ),
        max_size=40,
    )
)
def test_lines_the_prefilter_skips_hold_no_dates(text: str) -> None:
    """The cheap pre-check may only skip lines the full scan finds nothing in."""
    if not dates._MAY_HOLD_DATES.search(text):
        assert dates._scan(text) == ((), ())


@pytest.mark.parametrize("dash", list(dates.DASHES))
@pytest.mark.parametrize("space", ["", " ", "\u00a0", "\u2009"])
def test_a_numeric_range_with_any_dash_and_space_is_found(dash: str, space: str) -> None:
    """The pre-check knows every dash the scanner knows: `6‒20 million` is not dropped."""
    text = f"Between 6{space}{dash}{space}20 million died"
    assert [(r.low, r.high, r.unit) for r in find_numeric_ranges(text)] == [(6, 20, "million")]
