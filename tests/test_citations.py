"""Tests for dossierlint.grammar.citations: structure of one source bullet."""

from __future__ import annotations

import pytest
from conftest import reference_text
from hypothesis import given
from hypothesis import strategies as st

from dossierlint.grammar.citations import Citation, Part, parse_citation

GOOD = (
    "- [Britannica - Gulag](https://www.britannica.com/place/Gulag)"
    " | type: encyclopedia | accessed: 2026-01-06"
)


def parts(citation: Citation) -> set[str]:
    return {p.part for p in citation.problems}


def values(citation: Citation) -> tuple[str | None, ...]:
    fields = (citation.title, citation.url, citation.type, citation.accessed)
    return tuple(None if f is None else f.text for f in fields)


def assert_consistent(line: str, citation: Citation) -> None:
    """Columns point at the text they describe; no problems means house format."""
    for part in (citation.title, citation.url, citation.type, citation.accessed):
        if part is not None:
            assert line[part.column : part.end_column] == part.text
    for problem in citation.problems:
        assert 0 <= problem.column <= len(line)
        assert problem.message and "\n" not in problem.message
    assert [p.column for p in citation.problems] == sorted(p.column for p in citation.problems)
    if not citation.problems:
        assert citation.canonical == line
    if citation.canonical is not None and citation.canonical != line:
        assert citation.problems


def reference_sources() -> list[str]:
    text = reference_text()
    section = text.split("## Sources\n", 1)[1].split("\n---", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


# --- the reference dossier ---------------------------------------------------


def test_reference_has_nine_sources() -> None:
    assert len(reference_sources()) == 9


@pytest.mark.parametrize("line", reference_sources())
def test_reference_sources_are_clean(line: str) -> None:
    citation = parse_citation(line)
    assert citation.problems == ()
    assert citation.canonical == line
    assert all(values(citation))
    assert_consistent(line, citation)


def test_apostrophe_url_from_reference() -> None:
    line = (
        "- [Wikipedia - Joseph Stalin's rise to power]"
        "(https://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power)"
        " | type: encyclopedia | accessed: 2026-01-06"
    )
    citation = parse_citation(line)
    url = "https://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power"
    assert citation.url == Part(url, line.index("https"), line.index("https") + len(url))
    assert citation.title is not None
    assert citation.title.text == "Wikipedia - Joseph Stalin's rise to power"
    assert citation.problems == ()


# --- recognised and clean ----------------------------------------------------


def test_exact_values_and_columns() -> None:
    citation = parse_citation(GOOD)
    assert citation.title == Part("Britannica - Gulag", 3, 21)
    assert citation.url == Part("https://www.britannica.com/place/Gulag", 23, 61)
    assert citation.type == Part("encyclopedia", 71, 83)
    assert citation.accessed == Part("2026-01-06", 96, 106)
    assert len(GOOD) == 106
    assert citation.canonical == GOOD


def test_balanced_parentheses_in_url() -> None:
    url = "https://en.wikipedia.org/wiki/Cheka_(disambiguation)"
    citation = parse_citation(f"- [Cheka]({url}) | type: encyclopedia | accessed: 2026-01-06")
    assert citation.url is not None and citation.url.text == url
    assert citation.problems == ()


def test_nested_parentheses_in_url() -> None:
    url = "https://example.org/a_(b_(c))_d"
    citation = parse_citation(f"- [T]({url}) | type: news | accessed: 2026-01-06")
    assert citation.url is not None and citation.url.text == url
    assert citation.problems == ()


def test_pipe_and_escaped_bracket_in_title_do_not_split() -> None:
    line = (
        r"- [Stalin \[1\] | Purges [vol. 2]](https://x.org/a) | type: book | accessed: 2026-01-06"
    )
    citation = parse_citation(line)
    assert values(citation) == (
        r"Stalin \[1\] | Purges [vol. 2]",
        "https://x.org/a",
        "book",
        "2026-01-06",
    )
    assert citation.problems == ()
    assert citation.canonical == line


def test_escaped_paren_in_url() -> None:
    line = r"- [T](https://x.org/a\)b) | type: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert citation.url is not None and citation.url.text == r"https://x.org/a\)b"
    assert citation.problems == ()


def test_trailing_newline_is_ignored() -> None:
    assert parse_citation(GOOD + "\n").problems == ()
    assert parse_citation(GOOD + "\r\n").canonical == GOOD


def test_type_and_date_values_are_not_validated_here() -> None:
    line = "- [T](not a url) | type: pamphlet | accessed: yesterday"
    citation = parse_citation(line)
    assert citation.type is not None and citation.type.text == "pamphlet"
    assert citation.accessed is not None and citation.accessed.text == "yesterday"
    assert "type" not in parts(citation) and "accessed" not in parts(citation)


# --- separators: recognised, reported, canonical rewrites them ---------------

CANONICAL = "- [T](https://x.org/a) | type: encyclopedia | accessed: 2026-01-06"


@pytest.mark.parametrize(
    "line",
    [
        "- [T](https://x.org/a) |type:encyclopedia|accessed:2026-01-06",
        "- [T](https://x.org/a)|type: encyclopedia|accessed: 2026-01-06",
        "- [T](https://x.org/a)  |  type:  encyclopedia  |  accessed:  2026-01-06",
        "- [T](https://x.org/a) | type : encyclopedia | accessed : 2026-01-06",
        "- [T](https://x.org/a) | type: encyclopedia | accessed: 2026-01-06   ",
        "- [T](https://x.org/a)\t|\ttype: encyclopedia | accessed: 2026-01-06",
        "- [T](https://x.org/a) | type: encyclopedia | accessed 2026-01-06",
        "- [T](https://x.org/a) | type: encyclopedia | accessed: 2026-01-06 |",
        "- [T](https://x.org/a) | type: encyclopedia || accessed: 2026-01-06",
    ],
)
def test_separator_problems(line: str) -> None:
    citation = parse_citation(line)
    assert values(citation) == ("T", "https://x.org/a", "encyclopedia", "2026-01-06")
    assert parts(citation) == {"separator"}
    assert citation.canonical == CANONICAL
    assert_consistent(line, citation)


def test_squashed_separator_message_and_column() -> None:
    line = "- [T](https://x.org/a) |type:encyclopedia| accessed: 2026-01-06"
    (problem,) = parse_citation(line).problems
    assert problem.part == "separator"
    assert problem.column == line.index("|")
    assert "'| type: TYPE'" in problem.message


@pytest.mark.parametrize("key", ["Type", "TYPE", "tYpe"])
def test_wrong_case_key_is_a_separator_problem(key: str) -> None:
    line = f"- [T](https://x.org/a) | {key}: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    (problem,) = citation.problems
    assert (problem.part, problem.column) == ("separator", line.index(key))
    assert "lowercase" in problem.message
    assert citation.type is not None and citation.type.text == "news"
    assert citation.canonical == line.replace(key, "type")


def test_accessed_key_case_insensitive() -> None:
    citation = parse_citation("- [T](https://x.org/a) | type: news | Accessed: 2026-01-06")
    assert citation.accessed is not None and citation.accessed.text == "2026-01-06"
    assert parts(citation) == {"separator"}


# --- bullets -----------------------------------------------------------------


@pytest.mark.parametrize("marker", ["*", "+"])
def test_other_bullet_markers(marker: str) -> None:
    line = GOOD.replace("-", marker, 1)
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [("bullet", 0)]
    assert citation.canonical == GOOD


@pytest.mark.parametrize(
    "line",
    ["-  " + GOOD[2:], "-" + GOOD[2:], "  " + GOOD, "-\t" + GOOD[2:]],
)
def test_bullet_spacing_and_indent(line: str) -> None:
    citation = parse_citation(line)
    assert parts(citation) == {"bullet"}
    assert citation.canonical == GOOD


def test_not_a_bullet() -> None:
    citation = parse_citation(GOOD[2:])
    assert [(p.part, p.column) for p in citation.problems] == [("bullet", 0)]
    assert "list item" in citation.problems[0].message
    assert citation.canonical == GOOD


# --- link, title and URL -----------------------------------------------------


def test_plain_text_bullet_without_link() -> None:
    line = "- Conquest, The Great Terror | type: book | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert citation.title is None and citation.url is None
    assert [(p.part, p.column) for p in citation.problems] == [("link", 2)]
    assert "no link" in citation.problems[0].message
    assert citation.type is not None and citation.type.text == "book"
    assert citation.canonical is None


def test_bare_url() -> None:
    line = "- https://www.britannica.com/place/Gulag | type: encyclopedia | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert citation.url == Part("https://www.britannica.com/place/Gulag", 2, 40)
    assert citation.title is None
    assert [(p.part, p.column) for p in citation.problems] == [("link", 2)]
    assert "bare URL" in citation.problems[0].message
    assert citation.canonical is None


def test_bare_url_drops_trailing_punctuation_and_unbalanced_paren() -> None:
    citation = parse_citation("- (see https://x.org/a_(b)).")
    assert citation.url is not None and citation.url.text == "https://x.org/a_(b)"


def test_empty_title() -> None:
    line = "- [](https://x.org/a) | type: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [("title", 2)]
    assert "empty" in citation.problems[0].message
    assert citation.canonical is None


def test_spaces_inside_title_brackets() -> None:
    citation = parse_citation("- [ T ](https://x.org/a) | type: news | accessed: 2026-01-06")
    assert parts(citation) == {"title"}
    assert citation.canonical == "- [T](https://x.org/a) | type: news | accessed: 2026-01-06"


def test_missing_closing_paren() -> None:
    line = "- [T](https://x.org/a | type: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [("link", line.index(" |"))]
    assert "')'" in citation.problems[0].message
    assert values(citation) == ("T", "https://x.org/a", "news", "2026-01-06")
    assert citation.canonical == "- [T](https://x.org/a) | type: news | accessed: 2026-01-06"


def test_missing_closing_paren_at_end_of_line() -> None:
    citation = parse_citation("- [T](https://x.org/a_(b")
    assert "link" in parts(citation)
    assert citation.url is not None and citation.url.text == "https://x.org/a_(b"


def test_missing_closing_bracket() -> None:
    line = "- [T(https://x.org/a) | type: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [("link", 2)]
    assert "']'" in citation.problems[0].message
    assert citation.type is not None and citation.type.text == "news"


def test_title_without_url() -> None:
    citation = parse_citation("- [Gulag] | type: news | accessed: 2026-01-06")
    assert parts(citation) == {"link"}
    assert citation.url is None and citation.canonical is None


def test_space_between_bracket_and_paren() -> None:
    citation = parse_citation("- [T] (https://x.org/a) | type: news | accessed: 2026-01-06")
    assert [(p.part, p.column) for p in citation.problems] == [("link", 5)]
    assert citation.canonical == "- [T](https://x.org/a) | type: news | accessed: 2026-01-06"


def test_empty_url() -> None:
    citation = parse_citation("- [T]() | type: news | accessed: 2026-01-06")
    assert parts(citation) == {"url"}
    assert citation.canonical is None


def test_spaces_around_url() -> None:
    citation = parse_citation("- [T]( https://x.org/a ) | type: news | accessed: 2026-01-06")
    assert [(p.part, p.column) for p in citation.problems] == [("url", 6)]
    assert citation.url == Part("https://x.org/a", 7, 22)


def test_text_before_and_after_link() -> None:
    line = "- See [T](https://x.org/a) (p. 4) | type: news | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [
        ("extra", 2),
        ("extra", line.index("(p.")),
    ]
    assert citation.canonical == "- [T](https://x.org/a) | type: news | accessed: 2026-01-06"


# --- keyed parts ---------------------------------------------------------------


def test_missing_type() -> None:
    line = "- [T](https://x.org/a) | accessed: 2026-01-06"
    citation = parse_citation(line)
    (problem,) = citation.problems
    assert (problem.part, problem.column) == ("type", line.index("|"))
    assert problem.message == "source has no 'type:' part; expected '| type: TYPE'"
    assert citation.canonical is None


def test_missing_accessed() -> None:
    line = "- [T](https://x.org/a) | type: news"
    (problem,) = parse_citation(line).problems
    assert (problem.part, problem.column) == ("accessed", len(line))
    assert "'| accessed: YYYY-MM-DD'" in problem.message


def test_link_only() -> None:
    citation = parse_citation("- [T](https://x.org/a)")
    assert parts(citation) == {"type", "accessed"}


def test_wrong_order() -> None:
    line = "- [T](https://x.org/a) | accessed: 2026-01-06 | type: news"
    citation = parse_citation(line)
    (problem,) = citation.problems
    assert (problem.part, problem.column) == ("type", line.index("type"))
    assert "before" in problem.message
    assert citation.canonical == "- [T](https://x.org/a) | type: news | accessed: 2026-01-06"


def test_duplicate_part_keeps_first() -> None:
    line = "- [T](https://x.org/a) | type: news | type: book | accessed: 2026-01-06"
    citation = parse_citation(line)
    (problem,) = citation.problems
    assert (problem.part, problem.column) == ("type", line.index("type: book"))
    assert "duplicate" in problem.message
    assert citation.type is not None and citation.type.text == "news"


def test_duplicate_accessed() -> None:
    line = "- [T](u) | type: news | accessed: 2026-01-06 | accessed: 2026-01-07"
    citation = parse_citation(line)
    assert parts(citation) == {"accessed"}
    assert citation.accessed is not None and citation.accessed.text == "2026-01-06"


def test_unknown_extra_part() -> None:
    line = "- [T](https://x.org/a) | type: book | accessed: 2026-01-06 | pages: 4"
    citation = parse_citation(line)
    (problem,) = citation.problems
    assert (problem.part, problem.column) == ("extra", line.index("pages"))
    assert "'pages:'" in problem.message
    assert citation.canonical == "- [T](https://x.org/a) | type: book | accessed: 2026-01-06"


def test_unkeyed_extra_part() -> None:
    line = "- [T](https://x.org/a) | type: book | vol. 2 | accessed: 2026-01-06"
    citation = parse_citation(line)
    assert [(p.part, p.column) for p in citation.problems] == [("extra", line.index("vol"))]


def test_empty_values() -> None:
    citation = parse_citation("- [T](https://x.org/a) | type: | accessed:")
    assert parts(citation) == {"type", "accessed"}
    assert citation.type == Part("", 31, 31)  # after the blank, where the value goes
    assert citation.canonical is None


def test_empty_line() -> None:
    citation = parse_citation("")
    assert parts(citation) == {"bullet", "link", "type", "accessed"}
    assert values(citation) == (None, None, None, None)


# --- hostile input (its cost is measured in benchmarks/hostile.py) -----------

HOSTILE = {
    "300k [": "- " + "[" * 300_000,
    "300k ](": "- " + "](" * 300_000,
    "[ then 300k ](": "- [" + "](" * 300_000,
    "10k parens": "- [T](https://x.org/"
    + "(" * 10_000
    + "a"
    + ")" * 10_000
    + ") | type: news | accessed: 2026-01-06",
    "10k unclosed parens": "- [T](https://x.org/" + "(" * 10_000,
    "300k backslashes": "- [" + "\\" * 300_000,
    "300k ) after bare URL": "- https://x.org/" + ")" * 300_000,
    "300k spaces": "- [T](u) | type" + " " * 300_000 + "x",
    "300k colons": "- [T](u) |" + ":" * 300_000,
    "100k pipes": "- [T](u)" + " |" * 100_000,
    "100k http://": "- " + "http://" * 100_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_read(name: str) -> None:
    line = HOSTILE[name]
    citation = parse_citation(line)
    assert bool(citation.problems) == (name != "10k parens")
    assert_consistent(line, citation)


def test_ten_thousand_parentheses_parse_as_url() -> None:
    citation = parse_citation(HOSTILE["10k parens"])
    assert citation.problems == ()
    assert citation.url is not None and len(citation.url.text) == len("https://x.org/") + 20_001


# --- properties ----------------------------------------------------------------

_TITLE_CHARS = st.characters(
    codec="utf-8", exclude_characters="[]\\\n\r", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")
)
titles = st.text(_TITLE_CHARS, min_size=1, max_size=20).map(lambda s: s.replace("|", " | "))
titles = titles.map(str.strip).filter(bool)
url_paths = st.lists(
    st.one_of(st.from_regex(r"[A-Za-z0-9_'.~%-]{1,8}", fullmatch=True), st.just("(x)")),
    max_size=4,
).map("/".join)
urls = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    url_paths,
)
words = st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)
spacing = st.sampled_from(["", " ", "  ", "\t"])


@given(titles, urls, words, words)
def test_house_format_round_trips(title: str, url: str, type_: str, accessed: str) -> None:
    line = f"- [{title}]({url}) | type: {type_} | accessed: {accessed}"
    citation = parse_citation(line)
    assert citation.problems == ()
    assert values(citation) == (title, url, type_, accessed)
    assert citation.canonical == line


@given(
    st.sampled_from("-*+"),
    spacing,
    titles,
    urls,
    words,
    words,
    st.lists(spacing, min_size=5, max_size=5),
    st.sampled_from(["type", "Type", "TYPE"]),
    st.booleans(),
)
def test_variants_recover_values_and_report_every_deviation(
    marker: str,
    after_marker: str,
    title: str,
    url: str,
    type_: str,
    accessed: str,
    gaps: list[str],
    type_key: str,
    swap: bool,
) -> None:
    after_marker = after_marker or " "  # no space at all is a different case
    g0, g1, g2, g3, g4 = gaps
    type_part = f"{g1}{type_key}{g2}:{g3}{type_}{g0}"
    accessed_part = f"{g1}accessed:{g3}{accessed}{g4}"
    first, second = (accessed_part, type_part) if swap else (type_part, accessed_part)
    line = f"{marker}{after_marker}[{title}]({url}){g0}|{first}|{second}"
    citation = parse_citation(line)
    assert values(citation) == (title, url, type_, accessed)
    expected = f"- [{title}]({url}) | type: {type_} | accessed: {accessed}"
    assert citation.canonical == expected
    assert (citation.problems == ()) == (line == expected)
    assert_consistent(line, citation)


@given(st.text(st.sampled_from("-*+[]()|:\\ \tabx1'"), max_size=60))
def test_arbitrary_lines_never_crash_and_stay_consistent(line: str) -> None:
    citation = parse_citation(line)
    assert_consistent(line.rstrip("\r\n"), citation)


@given(titles, urls, words, words)
def test_canonical_is_a_fixed_point(title: str, url: str, type_: str, accessed: str) -> None:
    line = f"* [{title}]({url})|Type:{type_}|accessed : {accessed}  "
    canonical = parse_citation(line).canonical
    assert canonical is not None
    again = parse_citation(canonical)
    assert again.problems == () and again.canonical == canonical


def test_quoted_text_in_messages_stays_on_one_line() -> None:
    citation = parse_citation("- [T](https://x.org/a) x\ty\u2028z | type: a | accessed: b")
    (problem,) = citation.problems
    assert problem.part == "extra"
    assert "x\\ty\\u2028z" in problem.message
