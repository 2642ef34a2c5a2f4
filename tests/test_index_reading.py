"""The collection index reads only the lines it needs: the same entries as a whole-text scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossierlint.collection_facts import scan_events, scan_people
from dossierlint.collection_index import Entry, read_entry
from dossierlint.files import read_at_most

SECTION = b"## Comparisons\n- [[chile-pinochet]] relationship: parallel\n- [[ spain-franco ]]\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"# Title\n\nText.\n\n" + SECTION,
            Entry("Title", frozenset({"chile-pinochet", "spain-franco"})),
        ),
        # the title after more than the head that is read first
        (
            b"x\n" * 2000 + b"# Late Title #\n" + SECTION,
            Entry("Late Title", frozenset({"chile-pinochet", "spain-franco"})),
        ),
        # a setext title, Windows line ends, a byte that is not UTF-8, a byte order mark
        (
            b"\xef\xbb\xbfSetext \xff\r\n===\r\n\r\n" + SECTION.replace(b"\n", b"\r\n"),
            Entry("Setext \ufffd", frozenset({"chile-pinochet", "spain-franco"})),
        ),
        # "Comparisons" in prose and in a deeper heading first; the section ends at the next H2
        (
            b"# T\nComparisons are odious.\n### Comparisons\n[[no]]\n"
            + SECTION
            + b"## Sources\n[[after]]\n",
            Entry("T", frozenset({"chile-pinochet", "spain-franco"})),
        ),
        (
            b"# T\n  ## Comparisons ##  \n[[a]] \xe2\x80\x94 [[b]]\n# Next\n[[c]]",
            Entry("T", frozenset({"a", "b"})),
        ),
        (b"no heading at all", Entry(None, frozenset())),
    ],
)
def test_read_entry(tmp_path: Path, data: bytes, expected: Entry) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(data)
    entry = read_entry(path, "Comparisons")
    assert (entry.title, entry.links, entry.people, entry.events) == (
        expected.title,
        expected.links,
        (),
        (),
    )


def test_an_unreadable_file_has_no_entry_data(tmp_path: Path) -> None:
    assert read_entry(tmp_path / "missing.md", "Comparisons") == Entry(None, frozenset())


CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.md"))
REFERENCE = Path(__file__).parents[1] / "dossiers" / "soviet-union-stalin.md"


@pytest.mark.parametrize("source", [*CORPUS, REFERENCE], ids=lambda path: path.name)
@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"# \xff bad byte\n", b"x\r\n"])
def test_the_index_reads_the_opening_sections_people_and_events_dated_in_parentheses(
    tmp_path: Path, source: Path, prefix: bytes
) -> None:
    """The lines decoded from the bytes give the people a scan of the Overview and Key Figures
    gives, and the events whose full date stands in parentheses after their name."""
    data = prefix + source.read_bytes()
    path = tmp_path / source.name
    path.write_bytes(data)
    entry = read_entry(path, "Comparisons")
    text = data.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n")
    opening = text[: text.index("\n## ", text.index("## Key Figures"))]
    assert entry.people and entry.people == scan_people(opening)
    lines = text.split("\n")
    assert entry.events == tuple(
        event
        for event in scan_events(text)
        if f"{event.name} ({event.date}" in lines[event.line - 1].replace("**", "")
    )


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (100, 1000, 100),  # as stat said
        (10, 1000, 100),  # grown since the stat: read on
        (200, 1000, 100),  # shrunk since
        (100, 50, 51),  # over the limit: one byte past it, to tell
        (10, 50, 51),  # grown past the limit since the stat
    ],
)
def test_a_file_is_read_to_its_size_or_on_to_the_limit_when_it_grew(
    tmp_path: Path, size: int, limit: int, expected: int
) -> None:
    path = tmp_path / "grown.md"
    path.write_bytes(b"x" * 100)
    with path.open("rb") as file:
        assert read_at_most(file, size, limit) == b"x" * expected
