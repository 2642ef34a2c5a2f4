"""The line scanner agrees with a CommonMark parser (markdown-it-py) on what is a heading."""

from __future__ import annotations

from conftest import Project, reference_text, replace_once
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dossierlint.houserules import load_house_rules
from dossierlint.parse import CODE, COMMENT, TABLE, code_spans, parse, scan, split_lines, split_row

COMMONMARK = MarkdownIt("commonmark").enable("table")


def commonmark_headings(text: str) -> list[tuple[int, int, str]]:
    tokens = COMMONMARK.parse(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0:
            content = "\n".join(part.strip() for part in tokens[index + 1].content.split("\n"))
            found.append((int(token.tag[1]), token.map[0] + 1, content))
    return found


def our_headings(text: str) -> list[tuple[int, int, str]]:
    return [(h.level, h.line, h.text) for h in scan(text).headings]


def test_reference_headings_match_commonmark() -> None:
    text = reference_text()
    assert our_headings(text) == commonmark_headings(text)
    assert len(our_headings(text)) == 38


BLOCKS = st.sampled_from(
    [
        "# Title",
        "## Overview",
        "### Sub (1924-1925)",
        "## Closed ##",
        "#NoSpace",
        "    ## indented code",
        "   ## three spaces",
        "- bullet",
        "  - nested bullet",
        "1. numbered",
        "| a | b |",
        "|---|---|",
        "---",
        "***",
        "Plain paragraph text",
        "Setext title",
        "===",
        "```",
        "~~~",
        "````md",
        "<!-- comment -->",
        "<!--",
        "-->",
        "> ## quoted heading",
        "",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(BLOCKS, max_size=25))
def test_headings_match_commonmark_on_generated_documents(blocks: list[str]) -> None:
    text = "\n".join(blocks) + "\n"
    ours = our_headings(text)
    theirs = commonmark_headings(text)
    assert ours == theirs


def test_fenced_code_and_comments_hide_their_lines() -> None:
    text = "# T\n```\n## not\n```\n<!--\n## not either\n-->\n## Yes\n"
    document = scan(text)
    assert [h.text for h in document.headings] == ["T", "Yes"]
    assert document.kinds[2] == CODE and document.kinds[5] == COMMENT


def test_crlf_and_lone_cr_split_like_lf() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    assert split_lines("a\u2028b\x0cc\n") == ["a\u2028b\x0cc"]


def test_table_row_splits_on_unescaped_pipes_only() -> None:
    assert split_row(r"| **A** | x \| y | z |") == [("**A**", 3), ("x | y", 11), ("z", 20)]


def test_positions_of_model_elements() -> None:
    parsed = parse(reference_text(), "soviet-union-stalin", load_house_rules())
    dossier = parsed.dossier
    assert (dossier.title.line, dossier.title.column) == (1, 1)
    dates = next(f for f in dossier.overview.fields if f.name == "Dates")
    assert (dates.line, dates.column, dates.value_column) == (7, 3, 15)
    assert [(k.name, k.line) for k in dossier.key_figures][:2] == [
        ("Joseph Stalin", 14),
        ("Leon Trotsky", 15),
    ]
    assert [s.title for s in dossier.sections][-1] == "Confidence Assessment"
    assert dossier.sections[-1].end_line == 383
    assert parsed.document.kinds[4] == TABLE
    assert dossier.metadata.line == 384


def test_code_spans_pair_runs_of_equal_length() -> None:
    assert code_spans("a `[[x]]` b") == [(2, 9)]
    assert code_spans("``a`b`` `c") == [(0, 7)]
    assert code_spans("`unclosed and `` other") == []
    assert code_spans("`" * 50_000) == []


def test_table_row_without_pipes_is_one_cell(project: Project) -> None:
    # GFM: a line right after a table continues it, pipes or not; the parser must not crash on it.
    text = replace_once(
        reference_text(), "| **Duration** | 29 years |\n", "| **Duration** | 29 years |\n0\n"
    )
    project.write("soviet-union-stalin.md", text)
    assert project.run("check").exit_code in (0, 1)
    assert split_row("  0") == [("0", 3)]
