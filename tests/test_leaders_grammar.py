"""The one grammar of life years (`dossierlint.grammar.leaders`): certain and uncertain forms."""

from __future__ import annotations

import pytest

from dossierlint.grammar.leaders import LifeYears, Unreadable, parse_leader, parse_years

EN, EM, FIGURE = "\u2013", "\u2014", "\u2012"


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "qualifier"),
    [
        ("1925", 1925, 1925, "exact"),
        ("c. 1925", 1920, 1930, "circa"),
        ("c.1925", 1920, 1930, "circa"),
        ("ca. 1925", 1920, 1930, "circa"),
        ("circa 1925", 1920, 1930, "circa"),
        ("1925?", 1920, 1930, "uncertain"),
        ("1925 or 1928", 1925, 1928, "either"),
        ("1928 or 1925", 1925, 1928, "either"),
        ("1923/1928", 1923, 1928, "either"),
        ("1923/28", 1923, 1928, "either"),
        ("1920s", 1920, 1929, "decade"),
    ],
)
def test_a_year_term_is_the_interval_it_may_be(
    text: str, earliest: int, latest: int, qualifier: str
) -> None:
    years = parse_years(text)
    assert years is not None
    assert (years.earliest, years.latest, years.qualifier, years.text) == (
        earliest,
        latest,
        qualifier,
        text,
    )


@pytest.mark.parametrize("text", ["about 1925", "1925 or", "1923/23", "1925s", "nineteen", ""])
def test_what_is_not_a_year_term(text: str) -> None:
    assert parse_years(text) is None


@pytest.mark.parametrize("dash", ["-", EN, EM, FIGURE, " - ", f" {EN} "])
def test_life_years_with_every_dash(dash: str) -> None:
    life = parse_leader(f"Idi Amin (c. 1925{dash}2003)")
    assert isinstance(life, LifeYears)
    assert life.name == "Idi Amin"
    assert (life.birth.earliest, life.birth.latest, life.death.earliest) == (1920, 1930, 2003)


@pytest.mark.parametrize(
    ("text", "birth", "death", "floruit"),
    [
        ("Joseph Stalin (1878-1953)", (1878, 1878), (1953, 1953), None),
        ("Kim Jong Un (b. 1984)", (1984, 1984), None, None),
        ("Kim Jong Un (born 1984)", (1984, 1984), None, None),
        ("Kim Jong Un (1984-)", (1984, 1984), None, None),
        ("Someone (d. 2003)", None, (2003, 2003), None),
        ("Someone (?-1971)", None, (1971, 1971), None),
        ("Someone (fl. 1920s)", None, None, (1920, 1929)),
        ("Someone (fl. 1920-1935)", None, None, (1920, 1935)),
        ("Pol Pot (Saloth Sar) (1925 or 1928-1998)", (1925, 1928), (1998, 1998), None),
    ],
)
def test_life_years_forms(text, birth, death, floruit) -> None:
    life = parse_leader(text)
    assert isinstance(life, LifeYears)

    def pair(years):
        return (years.earliest, years.latest) if years else None

    assert (pair(life.birth), pair(life.death), pair(life.floruit)) == (birth, death, floruit)


@pytest.mark.parametrize(
    "text", ["Jorge Videla (1925)", "A (c. 1925)", "A (about 1925-2003)", "A (-)", "A (1-2-3)"]
)
def test_a_parenthesis_that_is_not_life_years_is_unreadable_not_empty(text: str) -> None:
    assert isinstance(parse_leader(text), Unreadable)


def test_a_name_without_parenthesis_is_no_leader_form() -> None:
    assert parse_leader("Military junta") is None
