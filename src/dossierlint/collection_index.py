"""The collection index: what cross-dossier rules know about the other dossiers.

`check` may be given a single file (pre-commit passes only the changed ones),
yet a `[[slug]]` must resolve against every dossier. So each run builds one
index of the whole dossiers folder: each dossier's slug, title, the slugs its
Comparisons section links to, and the people (with life years) and dated named
events it states (collection_facts). Other files are only line-scanned for those
things (regex searches over the text, no full parse), so checking one file in a
large collection stays cheap.

The index is a plain record, built by `Collection.scan` from `read_entry` per
file. With the cache on, `cache.EntryCache.collection` builds it instead: the
files unchanged since the last run stay the cache's columns (`StoredEntries`),
and only the changed ones are read.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint import regex
from dossierlint.collection_facts import (
    FactIndex,
    NamedEvent,
    Person,
    StoredMentions,
    facts_text,
    scan_facts_in_bytes,
)
from dossierlint.files import MAX_FILE_BYTES, read_at_most, walk_dossier_paths
from dossierlint.parse import WIKI_LINK, heading_text
from dossierlint.records import Record, field
from dossierlint.suggest import fold_title

# Linear-time patterns (no nested or overlapping quantifiers that can backtrack).
_ATX_H1 = regex.compile(r"^ {0,3}#(?:[ \t]+([^\n]*))?$", re.M)
_SETEXT_H1_UNDERLINE = regex.compile(r"^ {0,3}=+[ \t]*$", re.M)
_H1_OR_H2 = regex.compile(r"^ {0,3}#{1,2}(?:[ \t]|$)", re.M)
_NOT_PARAGRAPH = ("#", ">", "-", "*", "+", "|", "```", "~~~", "<!--")


class Entry(Record, hash=True):
    """What the index keeps of one dossier."""

    title: str | None
    links: frozenset[str]
    """The slugs its Comparisons section links to."""
    people: tuple[Person, ...] = ()
    """Every `Name (life years)` it states (`scan_facts_in_bytes`)."""
    events: tuple[NamedEvent, ...] = ()
    """The named events it dates to the day in parentheses."""


if TYPE_CHECKING:
    # How `Collection.scan` has its files read: (read, paths) -> each path with its entry.
    MapReads = Callable[[Callable[[str], Entry], list[str]], Iterator[tuple[str, Entry]]]


class TitleColumn:
    """Folded titles by slug, in the walk's order, looked up like `Collection.titles`:
    one lookup, a scan in C, costs less than building the dict of 2,000 titles when
    one dossier of a large collection is checked."""

    __slots__ = ("folded", "slugs")

    def __init__(self, slugs: list[str], folded: list[str | None]) -> None:
        self.slugs = slugs
        self.folded = folded

    def get(self, title: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The slugs of the dossiers whose folded title is `title`."""
        found = tuple(
            slug for slug, folded in zip(self.slugs, self.folded, strict=True) if folded == title
        )
        return found or default


def links_text(links: Iterable[str]) -> str:
    """A dossier's comparison links as one string, each slug followed by `]`, which no
    `[[slug]]` holds (`WIKI_LINK`), nor a line break."""
    return "".join(slug + "]" for slug in links)


class StoredEntries:
    """The dossiers a cache served (`cache.EntryCache`), as the cache's columns: their
    comparison links by position (`links_text`), and their people and events by name
    (`StoredMentions`)."""

    __slots__ = ("links", "mentions", "positions")

    def __init__(
        self, positions: dict[str, int], links: list[str], mentions: StoredMentions
    ) -> None:
        self.positions = positions
        """Slug -> its position in the columns, for the dossiers of this run only."""
        self.links = links
        self.mentions = mentions


class Collection(Record):
    folder: Path
    """The configured dossiers folder."""
    entries: dict[str, Entry] = field(default_factory=dict)
    """Slug -> entry, for every dossier in the collection (the checked files included)
    but those a cache served (`stored`)."""
    titles: dict[str, tuple[str, ...]] | TitleColumn = field(default_factory=dict)
    """Normalised title -> the slugs of the dossiers that carry it."""
    slugs: frozenset[str] = frozenset()
    """The keys of `entries`, as a set built once (built per file, it would make a run
    quadratic in the collection's size)."""
    facts: FactIndex | None = None
    """People and events by name across the collection (see `fact_index`)."""
    stored: StoredEntries | None = None
    """The dossiers a cache served: they are in `titles` and `slugs`, not in `entries`."""

    @classmethod
    def scan(
        cls,
        folder: Path,
        checked: Iterable[Path],
        *,
        root: Path,
        comparisons_title: str | None,
        limit: int = MAX_FILE_BYTES,
        map_reads: MapReads | None = None,
    ) -> Collection:
        """Index every dossier in `folder` (walked like `check` walks it) and the checked files.

        A checked file outside `folder` brings the dossiers beside it into the
        collection too: they are the ones its links mean. A path that is no regular
        file (a broken link) is no dossier. A dossier alone in its collection is
        compared with no other, so its people and events are not read.
        `map_reads(read, paths)` gives each path with `read(path)`, in order (the
        linter's reads them in worker processes); by default they are read here.
        """
        files, facts = collection_files(folder, checked, root)
        dossiers: dict[str, str] = {}  # slug -> the path of its dossier
        for path, slug in files:
            if slug not in dossiers and os.path.isfile(path):
                dossiers[slug] = path
        read = functools.partial(
            read_entry, comparisons_title=comparisons_title, limit=limit, facts=facts
        )
        paths = list(dossiers.values())
        read_all = map_reads or _read_here
        entries = dict(zip(dossiers, (entry for _, entry in read_all(read, paths)), strict=True))
        return cls.from_entries(folder, entries)

    @classmethod
    def from_entries(cls, folder: Path, entries: dict[str, Entry]) -> Collection:
        """The index of these entries (slug -> entry); `scan` reads them from disk,
        the language server from the editor's open buffers too."""
        titles: dict[str, list[str]] = {}
        for slug, entry in entries.items():
            if entry.title:
                titles.setdefault(fold_title(entry.title), []).append(slug)
        return cls(
            folder,
            entries,
            {title: tuple(slugs) for title, slugs in titles.items()},
            frozenset(entries),
        )

    def fact_index(self) -> FactIndex:
        """Every dossier's people and events by name, built on first use (once per process)."""
        if self.facts is None:
            self.facts = FactIndex.build(
                ((slug, entry.people, entry.events) for slug, entry in self.entries.items()),
                self.stored.mentions if self.stored else None,
            )
        return self.facts

    def links_of(self, slug: str) -> frozenset[str] | None:
        """The slugs the dossier `slug` compares itself with (None: no such dossier)."""
        entry = self.entries.get(slug)
        if entry is not None:
            return entry.links
        if self.stored is not None and slug in self.stored.positions:
            return frozenset(self.stored.links[self.stored.positions[slug]].split("]")[:-1])
        return None

    def same_title(self, title: str, slug: str) -> list[str]:
        """The other dossiers whose title is `title`."""
        return [other for other in self.titles.get(fold_title(title), ()) if other != slug]


def _read_here(read: Callable[[str], Entry], paths: list[str]) -> Iterator[tuple[str, Entry]]:
    return ((path, read(path)) for path in paths)


def collection_files(
    folder: Path, checked: Iterable[Path], root: Path, beyond: list[str] | None = None
) -> tuple[list[tuple[str, str]], bool]:
    """The (absolute path, slug) of every file of the collection, in order (see
    `Collection.scan`: the first regular file of a slug is its dossier), and whether
    their people and events are to be read (more than one slug). `beyond` is the
    walk's (`walk_dossier_paths`)."""
    # Absolute paths: walked from the absolute folder, they need no `abspath` each.
    top = Path(os.path.abspath(folder))
    files = walk_dossier_paths(top, root, beyond) if folder.is_dir() else []
    walked = set(files)
    outside_folders: dict[Path, None] = {}
    outside: list[str] = []
    for path in checked:
        if os.path.abspath(path) not in walked:
            outside_folders[path.parent] = None
            outside.append(os.path.abspath(path))
    for parent in outside_folders:
        outside.extend(os.path.abspath(path) for path in sorted(parent.glob("*.md")))
    # Walked files end with `.md`: their slug is their name less that (`.md` itself stays).
    slugs = [path.rpartition(os.sep)[2][:-3] or ".md" for path in files]
    slugs += (_stem(path.rpartition(os.sep)[2]) for path in outside)
    files += outside
    return list(zip(files, slugs, strict=True)), len(set(slugs)) > 1


def _stem(name: str) -> str:
    """`Path(name).stem`."""
    return name[:-3] if name.endswith(".md") and len(name) > 3 else os.path.splitext(name)[0]


_HEAD = 1024
"""Bytes read for the title first: the H1 opens a dossier, so the rest is rarely needed."""
_BOM = b"\xef\xbb\xbf"
_H1_OR_H2_BYTES = regex.compile(rb"^ {0,3}#{1,2}(?:[ \t]|$)", re.M)


def entry_row(entry: Entry, *, facts: bool = True) -> list:
    """A freshly read entry as plain JSON data, for the cache: its title, links and
    (unless not `facts`: it was read without them) its people and events' `facts_text`."""
    row = [entry.title, sorted(entry.links)]
    return [*row, facts_text(entry.people, entry.events)] if facts else row


def read_entry(
    path: str | Path,
    comparisons_title: str | None,
    limit: int = MAX_FILE_BYTES,
    *,
    facts: bool = True,
) -> Entry:
    """Title, comparison links, people and named events (unless not `facts`) of one
    dossier, by a line scan (an unreadable file, or one larger than `limit` bytes, has none).

    Only the lines the entry needs are decoded: the head for the title, the
    Comparisons section, and the lines where a parenthesis holding life years or
    a full date is found in the bytes. UTF-8 never puts a newline inside a
    character, so a slice cut at line ends decodes as it does inside the whole
    text. A file with a carriage return is normalised and scanned whole.
    """
    try:
        with open(path, "rb") as file:
            data = read_at_most(file, os.fstat(file.fileno()).st_size, limit)
    except OSError:
        return Entry(None, frozenset())
    if len(data) > limit:
        return Entry(None, frozenset())
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\r" in data:
        return entry_from_text(data.decode("utf-8", "replace"), comparisons_title, facts=facts)
    return Entry(
        _title_of_bytes(data),
        _comparison_links_of_bytes(data, comparisons_title),
        *(scan_facts_in_bytes(data) if facts else ()),
    )


def entry_from_text(text: str, comparisons_title: str | None, *, facts: bool = True) -> Entry:
    """Title, comparison links, people and events of a dossier's text, as `read_entry`
    reads a file."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Entry(
        _title(text),
        _comparison_links(text, comparisons_title),
        *(scan_facts_in_bytes(text.encode("utf-8", "surrogatepass")) if facts else ()),
    )


def _title_of_bytes(data: bytes) -> str | None:
    """`_title` of the decoded text, from its head when an ATX H1 opens there."""
    cut = data.rfind(b"\n", 0, _HEAD) if len(data) > _HEAD else len(data)
    if cut > 0:
        head = data[:cut].decode("utf-8", "replace").lstrip("\ufeff")
        if _ATX_H1.search(head):
            return _title(head)
    return _title(data.decode("utf-8", "replace").lstrip("\ufeff"))


def _comparison_links_of_bytes(data: bytes, title: str | None) -> frozenset[str]:
    """`_comparison_links` of the decoded text, decoding only the section's lines."""
    if not title:
        return frozenset()
    wanted = title.encode("utf-8")
    heading = _section_heading(title)
    start = 0
    while (found := data.find(wanted, start)) >= 0:
        line_start = data.rfind(b"\n", 0, found) + 1
        line_end = data.find(b"\n", found)
        line_end = len(data) if line_end < 0 else line_end
        line = data[line_start:line_end].decode("utf-8", "replace")
        if line_start == 0:
            line = line.lstrip("\ufeff")
        if heading.fullmatch(line):
            following = _H1_OR_H2_BYTES.search(data, line_end)
            body = data[line_end : following.start() if following else len(data)]
            links = WIKI_LINK.findall(body.decode("utf-8", "replace"))
            return frozenset(slug.strip() for slug in links)
        start = found + len(wanted)
    return frozenset()


def _title(text: str) -> str | None:
    """The first H1: ATX (`# Title`), or setext (a paragraph line over `===`) if that comes first."""
    atx = _ATX_H1.search(text)
    limit = atx.start() if atx else len(text)
    for underline in _SETEXT_H1_UNDERLINE.finditer(text, 0, limit):
        newline = underline.start() - 1
        if newline < 0:
            continue
        above = text[text.rfind("\n", 0, newline) + 1 : newline].strip()
        if above and not above.startswith(_NOT_PARAGRAPH):
            return above
    return (heading_text(atx.group(1)) or None) if atx else None


def _comparison_links(text: str, title: str | None) -> frozenset[str]:
    """Slugs linked from the section titled `title` (up to the next H1 or H2)."""
    if not title:
        return frozenset()
    heading = _find_section_heading(text, title)
    if heading is None:
        return frozenset()
    following = _H1_OR_H2.search(text, heading.end())
    body = text[heading.end() : following.start() if following else len(text)]
    return frozenset(slug.strip() for slug in WIKI_LINK.findall(body))


def _find_section_heading(text: str, title: str) -> re.Match[str] | None:
    """The first `## title` line: the lines holding the title are found with str.find,
    which is much faster than trying a line-anchored regex at every offset."""
    heading = _section_heading(title)
    start = 0
    while (found := text.find(title, start)) >= 0:
        match = heading.match(text, text.rfind("\n", 0, found) + 1)
        if match:
            return match
        start = found + len(title)
    return None


@cache
def _section_heading(title: str) -> re.Pattern[str]:
    return regex.compile(r"^ {0,3}##[ \t]+" + re.escape(title) + r"[ \t#]*$", re.M)
