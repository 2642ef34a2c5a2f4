"""The collection index reads only the lines it needs: the same entries as a whole-text scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossierlint.collection_index import Entry, entry_from_text, read_entry

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


@pytest.mark.parametrize("source", CORPUS, ids=lambda path: path.name)
@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"# \xff bad byte\n"])
def test_people_and_events_read_from_the_bytes_are_the_whole_texts(
    tmp_path: Path, source: Path, prefix: bytes
) -> None:
    """The lines decoded from the bytes give the people, events and digest that a scan of the
    whole decoded text gives (the corpus dossiers hold both, in every form the scan reads)."""
    data = prefix + source.read_bytes()
    path = tmp_path / source.name
    path.write_bytes(data)
    from_bytes = read_entry(path, "Comparisons")
    whole = entry_from_text(data.decode("utf-8", "replace"), "Comparisons")
    assert from_bytes.people
    assert (from_bytes.people, from_bytes.events) == (whole.people, whole.events)
    if not prefix.startswith(b"#"):
        assert from_bytes.digest == whole.digest
