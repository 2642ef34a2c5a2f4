"""A results cache like ruff's: unchanged files are not read, parsed or linted again.

JSON files in `.dossierlint_cache/` at the project root, each keeping per
file the stat stamp it was read at (mtime, size, inode) and what was made of
it: per project and settings, each file's findings and the fingerprint of the
collection they were computed against, in shards (`ResultCache`); per
project, the last run's collection index as columns, and its people and
events (`EntryCache`); and the snapshots' claim indexes (`IndexCache`). A record is used only while
the file's stamp is unchanged; findings only when, besides, no dossier's
slug, title, comparison links, people or dated events changed (cross-dossier
rules depend on those). The settings fingerprint covers the tool version, the project's
absolute path, the configuration, the house rules and reliability data, the
rule selection and today's date (rules compare dates with today); a change
of settings leaves the collection index in use.

The cache folder sits in a working tree that a stranger's pull request may
fill, so it is treated as hostile: the files are data (JSON, never pickle) and
every record is checked before use; what does not fit is ignored and
rewritten. The folder, the file and the folder's `.gitignore` are opened
without following symbolic links and only when they are a real folder and
regular files; clean-up deletes only regular files whose names the cache
itself gives (`<32 or 34 hex digits>.json`). A missing, corrupt, oversized or
unwritable cache only ever costs speed.

A file modified in the last two seconds is not cached (see RACY_NS).
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import os
import stat
import time
import zlib
from collections.abc import Iterator
from itertools import chain, compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dossierlint import __version__, regex
from dossierlint.collection_facts import NameIndex, StoredMentions, name_key
from dossierlint.collection_index import (
    Collection,
    Entry,
    StoredEntries,
    TitleColumn,
    collection_files,
    entry_row,
    links_text,
    read_entry,
)
from dossierlint.files import MAX_FILE_BYTES, read_at_most
from dossierlint.findings import SEVERITIES, Edit, Finding, Fix
from dossierlint.suggest import fold_title
from dossierlint.writing import signals_held

if TYPE_CHECKING:
    from hashlib import blake2b

CACHE_DIR = ".dossierlint_cache"
FORMAT = "dossierlint-cache/10"
MAX_BYTES = 1 << 30
"""A cache file larger than this is not read (a 10,000-file collection's is about 25 MB)."""
# Caches of other settings (another --select, an older dossierlint) unused this long are removed.
STALE_NS = 7 * 24 * 3600 * 1_000_000_000
SWEEP_EVERY_NS = 3600 * 1_000_000_000
"""How often stale files are looked for (`_remove_stale`)."""
SWEPT = ".swept"
"""The empty file whose modification time is the last sweep's."""
# A file modified this recently may change again within the file system's
# timestamp granularity without its stamp changing ("racily clean", as git
# calls it): it is not cached until it has been still for this long.
RACY_NS = 2_000_000_000
_OWN_NAME = regex.compile(
    r"(?:\.[0-9a-f]{32}(?:[0-9a-f]{2})?\.json\.[0-9a-f]+\.tmp"
    r"|[0-9a-f]{32}(?:[0-9a-f]{2})?\.json|[0-9a-f]{32}\.pickle)"
)
"""Names the cache gives its files: `<fingerprint>.json`, a results shard
`<fingerprint><shard>.json`, their temp files; `.pickle` from older versions."""
SHARDS = 256
_NOFOLLOW = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW
_GITIGNORE = b"# Created by dossierlint.\n*\n"
_INT, _STR, _SEVERITIES = frozenset({int}), frozenset({str}), frozenset(SEVERITIES)
_TEXT = frozenset({str, type(None)})
_HEX_KEY = regex.compile(r"[0-9a-f]{32}")

Row = list
"""One file's record, as stored: its stat stamp (mtime_ns, size, inode), then what the
cache file keeps of it (`ResultCache`, `EntryCache`)."""


def stamp_of(path: Path | str) -> tuple[int, int, int] | None:
    """(mtime_ns, size, inode) of a regular file (links followed); None for anything else."""
    try:
        stat_result = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(stat_result.st_mode):
        return None
    return _STAMP(stat_result)


_STAMP = operator.attrgetter("st_mtime_ns", "st_size", "st_ino")
"""`stamp_of` of a status."""


def fingerprint(*parts: object) -> str:
    """A digest of `parts` (their reprs) with the cache format and dossierlint's version."""
    digest = _blake2b()(digest_size=16)
    for part in (FORMAT, __version__, *parts):
        digest.update(repr(part).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def _blake2b() -> type[blake2b]:
    """`hashlib.blake2b`, imported when first needed (--no-cache needs no digest) and
    from the module that defines it: hashlib itself loads its OpenSSL binding, 3 ms
    of a one-file check, for hashes the cache does not use."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without CPython's module
        from hashlib import blake2b
    return blake2b


@functools.cache
def source_stamps() -> tuple[tuple[str, int, int], ...]:
    """Stamps of dossierlint's own code and data, so an edited checkout never reads stale
    results. Taken once per process (each cache file's name holds them): they stand for
    the code this process runs, which a later edit of the files does not change."""
    from dossierlint.houserules import bundled_schema_dir

    package = Path(__file__).parent
    code = (".py", ".toml")
    # The bundled data's files only: `__pycache__` beside them changes when `datacache`
    # writes a parsed copy, which would name every cache file anew.
    kinds = [(package / folder, code) for folder in ("", "rules", "report", "schema")]
    kinds.append((bundled_schema_dir(), (".toml", ".json")))
    stamps = []
    for folder, suffixes in kinds:
        with contextlib.suppress(OSError):
            for item in os.scandir(folder):
                if item.name.endswith(suffixes) and item.is_file():
                    stat_result = item.stat()
                    stamps.append((item.path, stat_result.st_mtime_ns, stat_result.st_size))
    return tuple(sorted(stamps))


class _StampedRecords:
    """One JSON file of the cache folder: a record per absolute path, each starting
    with the stat stamp of the file it was made from."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.name = name
        self.records: dict[str, Row] = {}
        self.dirty = False

    def load(self: _Records) -> _Records:
        """Read the records; a missing or unreadable file is a cold cache, a bad one is rewritten."""
        with _folder(self.root, create=False) as folder:
            data = _read_regular(self.name, folder) if folder is not None else None
            if data is None:
                return self
            try:
                document = json.loads(data)
            except (ValueError, RecursionError):
                document = None
            if (
                isinstance(document, dict)
                and document.get("format") == FORMAT
                and isinstance(document.get("records"), dict)
            ):
                records = document["records"]
                self.records = {
                    path: self._settled(row)
                    for path, row in records.items()
                    if _stamped(row) and self._well_formed(row)
                }
                self.dirty = len(self.records) != len(records)
            else:
                self.dirty = True
        return self

    def save(self) -> None:
        _save([self], self.root, keep=self.name)

    def data(self) -> bytes:
        """The records as the file holds them."""
        return _json_bytes({"format": FORMAT, "records": self.records})

    @staticmethod
    def _well_formed(row: list) -> bool:
        """Whether the values after the stamp are of the shape this file writes."""
        raise NotImplementedError

    @staticmethod
    def _settled(row: Row) -> Row:
        return row

    def _row(self, absolute: str, stamp: tuple[int, int, int] | None) -> Row | None:
        """The record of the file at path `absolute` if its stamp is `stamp`."""
        row = self.records.get(absolute) if stamp is not None else None
        if row is None or row[0] != stamp[0] or row[1] != stamp[1] or row[2] != stamp[2]:
            return None
        return row

    def _put(self, absolute: str, stamp: tuple[int, int, int] | None, values: list) -> None:
        """Keep `values` for the file at path `absolute` as it is at `stamp` (not a file
        changed just now)."""
        if stamp is None or time.time_ns() - stamp[0] < RACY_NS:
            return
        row = [*stamp, *values]
        if self.records.get(absolute) != row:
            self.records[absolute] = row
            self.dirty = True

    def _drop(self, absolute: str) -> None:
        self.records.pop(absolute, None)
        self.dirty = True


_Records = TypeVar("_Records", bound=_StampedRecords)


def _save(files: list, root: Path, keep: str) -> None:
    """Write those of `files` that changed, the folder opened once; then remove the
    cache's stale files but those whose names start with `keep`."""
    changed = [file for file in files if file.dirty]
    if not changed:
        return
    with _folder(root, create=True) as folder:
        if folder is None:
            return
        with contextlib.suppress(OSError):
            _create_gitignore(folder)
            for file in changed:
                _replace(file.name, file.data(), folder)
            _remove_stale(folder, keep=keep)


class ResultCache:
    """Each file's findings, for one project and one set of settings.

    Kept in SHARDS files by a checksum of the file's path, each loaded when a file
    of its shard is first looked up and written only when it changed: checking
    one edited dossier of a large collection (pre-commit) reads and writes one
    small shard, not the findings of the whole collection.
    """

    def __init__(self, root: Path, settings_key: str) -> None:
        self.root = root
        self.prefix = fingerprint(settings_key, os.path.abspath(root))
        self.shards: dict[int, _ResultShard] = {}

    def findings(
        self, path: Path, stamp: tuple[int, int, int] | None, shown: str, key: str
    ) -> list[Finding] | None:
        absolute = os.path.abspath(path)
        return self._shard(absolute).findings(absolute, stamp, shown, key)

    def store_findings(
        self, path: Path, stamp: tuple[int, int, int] | None, findings: list[Finding], key: str
    ) -> None:
        absolute = os.path.abspath(path)
        self._shard(absolute).store_findings(absolute, stamp, findings, key)

    def save(self) -> None:
        _save(list(self.shards.values()), self.root, keep=self.prefix)

    def _shard(self, absolute: str) -> _ResultShard:
        number = zlib.crc32(absolute.encode("utf-8", "surrogateescape")) % SHARDS
        shard = self.shards.get(number)
        if shard is None:
            name = f"{self.prefix}{number:02x}.json"
            shard = self.shards[number] = _ResultShard(self.root, name).load()
        return shard


class _ResultShard(_StampedRecords):
    """One shard of the results: [mtime_ns, size, inode, findings, collection key] per file.

    `findings` is a flat list of six values per finding: line, column, code,
    severity, message, fix (None, or [safe, [[line, start, end, replacement], ...]]);
    flat rows of plain values load from JSON as fast as pickled tuples did. Findings
    are used only while the collection key is the run's: cross-dossier rules
    depend on the other dossiers.
    """

    def findings(
        self, absolute: str, stamp: tuple[int, int, int] | None, shown: str, key: str
    ) -> list[Finding] | None:
        row = self._row(absolute, stamp)
        if row is None or row[4] != key:
            return None
        found = _findings_from(row[3], shown)
        if found is None:
            self._drop(absolute)
        return found

    def store_findings(
        self, absolute: str, stamp: tuple[int, int, int] | None, findings: list[Finding], key: str
    ) -> None:
        flat: list[object] = []
        for f in findings:
            flat += (f.line, f.column, f.code, f.severity, f.message, _fix_row(f.fix))
        self._put(absolute, stamp, [flat, key])

    @staticmethod
    def _well_formed(row: list) -> bool:
        return (
            len(row) == 5
            and type(row[3]) in (list, tuple)
            and len(row[3]) % 6 == 0
            and type(row[4]) is str
        )

    @staticmethod
    def _settled(row: Row) -> Row:
        """The row with its findings as a tuple: a tuple of plain values drops out of the
        garbage collector's scans, a list of them is scanned again in every full collection
        of the run (a warm run of 10,000 files holds about a million such values)."""
        row[3] = tuple(row[3])
        return row


_COLUMNS = ("paths", "stamps", "digests", "folded", "links", "with_facts")
"""Per file, in the order of the run that saved them: absolute path, stamp (`stamp_of`;
UNTRUSTED for a file not to be trusted yet, see RACY_NS),
digest of its entry's row, folded title (`suggest.fold_title`; None: no title),
comparison links (`links_text`), and whether its people and events were read."""
_LINE_COLUMNS = ("paths", "digests", "folded", "links")
"""The columns the file holds as one text each, a line per file (`index_bytes`: one
decoding and a split cost far less than a string per file, and the strings need no
check of their type each); the stamps are 64-bit words, three per file
(`_packed_stamps`), and the other two columns the file's `flags`."""
_FLAGS = {(False, False): "0", (True, False): "1", (False, True): "2", (True, True): "3"}
"""(people and events read, titled) -> the file's character in `flags`."""
_FLAG_CHARACTERS, _WITH_FACTS, _UNTITLED = frozenset("0123"), frozenset("13"), frozenset("01")
_MODULUS = 1 << 128
UNTRUSTED = (0, 0, 0)
"""The stamp kept for a file not to be trusted yet: no regular file has inode 0."""


class EntryCache:
    """The collection index of the last run, kept whole and patched, not rebuilt.

    Pre-commit checks one edited dossier of a collection of thousands, and that
    should cost about what the dossier costs alone. So the index is kept as
    columns (`_COLUMNS`), with the people and events of every file by name key
    (`collection_facts.StoredMentions`) and the collection key. A run stats every
    file and reads again only those whose stamp changed; the others stay
    columns, and nothing is built for them. A flat folder whose stamp is unchanged
    is not even walked: its files are the index's (`_run_at_rest`), and the stamps
    are compared column against column. The text of each file's people and
    events sits in a second file, read only when a rule looks up one of their
    names. An entry depends only on the file's text, the Comparisons title and
    dossierlint's code, so both files outlive a change of settings.

    The collection key is the sum, modulo 2**128, of a digest of each file's
    path and entry: a sum can be patched for the files that changed, and is the
    same whatever run built it.
    """

    def __init__(self, root: Path, comparisons_title: str | None) -> None:
        parts = ("collection-entries", source_stamps(), os.path.abspath(root), comparisons_title)
        self.root = root
        self.name = fingerprint(*parts) + ".json"
        self.facts_file = _FactsFile(root, self.name[:32] + "fa.json")
        self.comparisons_title = comparisons_title
        self._clear()
        self.dirty = False
        self._run: _IndexRun | None = None

    def load(self) -> EntryCache:
        """Read the index; a missing or unreadable one is a cold cache, a bad one is rewritten."""
        data = _read_bytes(self.root, self.name)
        if data is not None and not self._take(read_index(data)):
            self.dirty = True
        return self

    def _take(self, document: object) -> bool:
        """Keep the columns of `document` if it is all of the shape `data` writes."""
        if type(document) is not dict or document.get("format") != FORMAT:
            return False
        size, flags = document.get("files"), document.get("flags")
        people, events, key = document.get("people"), document.get("events"), document.get("key")
        if not (
            type(size) is int
            and type(flags) is str
            and len(flags) == size
            and set(flags) <= _FLAG_CHARACTERS
            and type(people) is str
            and type(events) is str
            and type(key) is str
            and _HEX_KEY.fullmatch(key)
        ):
            return False
        columns = {name: _lines(document.get(name), size) for name in _LINE_COLUMNS}
        stamps, folder = _unpacked_stamps(document.get("stamps"), size), document.get("folder")
        if None in columns.values() or stamps is None or type(folder) is not str:
            return False
        columns["stamps"] = stamps
        folded = columns["folded"]
        for at in compress(range(size), map(_UNTITLED.__contains__, flags)):
            folded[at] = None
        columns["with_facts"] = list(map(_WITH_FACTS.__contains__, flags))
        self.columns, self.key = columns, int(key, 16)
        self.folder, self.paths_text = folder, document["paths"]
        self.people, self.events = NameIndex(people), NameIndex(events)
        return True

    def collection(
        self,
        folder: Path,
        checked: list[Path],
        root: Path,
        stamps: dict[str, tuple[int, int, int] | None],
        limit: int = MAX_FILE_BYTES,
    ) -> tuple[Collection, str]:
        """The collection index (`Collection.scan`) and its key, the files whose stamps
        are unchanged served from the cache, the others read again. The stamps of
        the `checked` files are put in `stamps` (absolute path -> stamp)."""
        wanted = {os.path.abspath(path) for path in checked}
        top = os.path.abspath(folder)
        run = self._run_at_rest(top, wanted, stamps, limit)
        if run is None:
            status = _folder_status(top)  # before the walk: a change during it shows next run
            beyond: list[str] = []
            files, facts = collection_files(folder, checked, root, beyond)
            run = _IndexRun(self, facts)
            run.take(files, wanted, stamps, self.comparisons_title, limit)
            if status is not None and not beyond:
                run.listing = (top, status, [path for path, _ in files])
        run.key = self._key_of(run)
        self._run = run
        stored = StoredEntries(run.served, self.columns["links"], run.mentions)
        titles = TitleColumn(run.order, run.folded)
        collection = Collection(folder, run.fresh, titles, frozenset(run.order), None, stored)
        return collection, f"{run.key:032x}"

    def _run_at_rest(
        self,
        top: str,
        wanted: set[str],
        stamps: dict[str, tuple[int, int, int] | None],
        limit: int,
    ) -> _IndexRun | None:
        """The run of a collection at rest: its folder, whose stamp (mtime, inode) the
        index keeps when it was flat and held only the index's files, has the same
        entries, so no walk is needed; the checked files are among them; and every
        file is still a regular file. None, having read nothing, otherwise.

        The index is data from the working tree: its paths are used only when each
        is a `*.md` file right inside `top`."""
        status = _folder_status(top)
        if status is None or self.folder != _folder_text(top, status):
            return None
        slugs = _slugs_inside(self.paths_text, len(self.columns["paths"]), top)
        if slugs is None:
            return None
        run = _IndexRun(self, len(slugs) > 1)
        if not wanted <= run.position.keys():
            return None
        names = _stat_names(top, slugs)
        title = self.comparisons_title
        return run if run.take_at_rest(slugs, names, wanted, stamps, title, limit) else None

    def _key_of(self, run: _IndexRun) -> int:
        """The collection key of the run: the cache's, less the files not served, plus
        those read again."""
        key = self.key - sum(self._part(at) for at in run.unserved())
        for path, _, digest in run.rows.values():
            key += _part(path, digest)
        return key % _MODULUS

    def _part(self, at: int) -> int:
        return _part(self.columns["paths"][at], self.columns["digests"][at])

    def facts_texts(self) -> list[str | None]:
        """Each file's `facts_text` (None: not read), from the second file; all None if
        that file is missing or not the index's."""
        size = len(self.columns["paths"])
        return self.facts_file.texts(f"{self.key:032x}", size) or [None] * size

    def save(self) -> None:
        """Write the index as this run found it, if it changed. Files whose people or
        events turned out unreadable (`StoredMentions`) are left out: the next run
        reads them again."""
        run = self._run
        if run is None:
            return
        unreadable = run.mentions.unreadable
        if run.mentions.damaged:
            self._start_again()
        elif unreadable or run.rebuild or any(at not in run.restamped for at in run.unserved()):
            try:
                self._rebuild(run, unreadable)
            except ValueError:  # a line of the names index not of the shape it writes
                self._start_again()
        else:
            stamps = self.columns["stamps"]
            for at, stamp in run.restamped.items():
                if stamps[at] != stamp:
                    stamps[at] = stamp
                    self.dirty = True
        if run.listing is not None:
            self._keep_listing(*run.listing)
        files: list[EntryCache | _FactsFile] = [self, self.facts_file]
        _save(files, self.root, keep=self.name[:32])

    def _clear(self) -> None:
        """No file in the index."""
        self.columns: dict[str, list] = {name: [] for name in _COLUMNS}
        self.people = self.events = NameIndex(NameIndex.text_of({}))
        self.key = 0
        self.folder = self.paths_text = ""

    def _keep_listing(self, top: str, status: os.stat_result, walked: list[str]) -> None:
        """Keep the stamp of the folder `top`, walked flat, if the files found there
        are the index's, in its order, and it did not change in the last RACY_NS (a
        change within the file system's timestamp resolution could go unseen)."""
        at_rest = time.time_ns() - status.st_mtime_ns >= RACY_NS
        kept = _folder_text(top, status) if at_rest and walked == self.columns["paths"] else ""
        if kept != self.folder:
            self.folder = kept
            self.dirty = True

    def _start_again(self) -> None:
        """An empty index, to be written: the names index held positions of files it
        does not hold, so the next run reads every file."""
        self._clear()
        self.facts_file.keep(f"{self.key:032x}", [])
        self.dirty = True

    def _rebuild(self, run: _IndexRun, unreadable: set[int]) -> None:
        """The columns of this run's files, in its order: those served copied, those
        read again from their entries, and the name keys mapped to the new positions."""
        old, old_texts = self.columns, run.mentions.texts()
        columns: dict[str, list] = {name: [] for name in _COLUMNS}
        texts: list[str | None] = []
        moved: dict[int, int] = {}
        read: list[tuple[int, Entry]] = []
        for slug, folded in zip(run.order, run.folded, strict=True):
            at = run.served.get(slug)
            if at is not None and at not in unreadable:
                moved[at] = len(texts)
                for name in _COLUMNS:
                    columns[name].append(old[name][at])
                texts.append(old_texts[at])
            elif at is None and "\n" not in run.rows[slug][0]:
                read.append((len(texts), run.fresh[slug]))
                for name, value in zip(_COLUMNS, run.values(slug, folded), strict=True):
                    columns[name].append(value)
                texts.append(run.rows[slug][1][2] if run.facts else None)
        people = _moved(self.people.as_dict(), moved)
        events = _moved(self.events.as_dict(), moved)
        for at, entry in read:
            for index, person in enumerate(entry.people):
                for name in person.name_keys():
                    people.setdefault(name, []).extend((at, index))
            for index, event in enumerate(entry.events):
                events.setdefault(name_key(event.name), []).extend((at, index))
        self.people = NameIndex(NameIndex.text_of(people))
        self.events = NameIndex(NameIndex.text_of(events))
        served = set(run.served.values())
        left_out = sum(self._part(at) for at in unreadable if at in served)
        # A path with a line break cannot be a line of the paths column: read on every run.
        left_out += sum(
            _part(path, digest) for path, _, digest in run.rows.values() if "\n" in path
        )
        self.columns, self.key = columns, (run.key - left_out) % _MODULUS
        self.paths_text = ""  # the file's, no longer the columns': no run at rest from it
        self.facts_file.keep(f"{self.key:032x}", texts)
        self.dirty = True

    def data(self) -> bytes:
        """The index as the file holds it."""
        columns = self.columns
        flags = (
            _FLAGS[with_facts, folded is not None]
            for with_facts, folded in zip(columns["with_facts"], columns["folded"], strict=True)
        )
        document = {
            "format": FORMAT,
            "files": len(columns["paths"]),
            "flags": "".join(flags),
            "folder": self.folder,
            "key": f"{self.key:032x}",
            "stamps": _packed_stamps(columns["stamps"]),
            **{name: "\n".join(columns[name]) for name in ("paths", "digests", "links")},
            "folded": "\n".join(folded or "" for folded in columns["folded"]),
            "people": self.people.text,
            "events": self.events.text,
        }
        return index_bytes(document)


_INDEX_TEXTS = ("paths", "digests", "links", "folded", "people", "events")
"""The index's texts (`index_bytes`), in the order the file holds them."""


def index_bytes(document: dict[str, Any]) -> bytes:
    """The collection index file of `document` (`EntryCache.data`): a line of JSON
    with its small values and the length of each text (`_INDEX_TEXTS`), then the
    stamps (`_packed_stamps`), then the texts, one after another. JSON reads a
    string a character at a time: the 470 kB of a 2,000-file index cost 5M
    instructions (a fifth of what company cost one edited dossier), where one
    UTF-8 decoding and a slice per text cost next to nothing (`read_index`)."""
    texts = [document[name] for name in _INDEX_TEXTS]
    head = {name: value for name, value in document.items() if name not in _INDEX_TEXTS}
    head["stamps"] = len(document["stamps"])
    head["texts"] = [len(text) for text in texts]
    body = "".join(texts).encode("utf-8", "surrogateescape")
    return _json_bytes(head) + b"\n" + document["stamps"] + body


def read_index(data: bytes) -> dict[str, Any] | None:
    """The document `index_bytes` wrote as `data`; None if `data` is not of its
    shape. The values are not checked here (`EntryCache._take` does)."""
    head, _, rest = data.partition(b"\n")
    try:
        document = json.loads(head)
    except (ValueError, RecursionError):
        return None
    if type(document) is not dict:
        return None
    cut, lengths = document.get("stamps"), document.pop("texts", None)
    if not (
        type(cut) is int
        and 0 <= cut <= len(rest)
        and type(lengths) is list
        and len(lengths) == len(_INDEX_TEXTS)
        and all(type(length) is int and length >= 0 for length in lengths)
    ):
        return None
    document["stamps"] = rest[:cut]
    text = rest[cut:].decode("utf-8", "surrogateescape")
    if sum(lengths) != len(text):
        return None
    start = 0
    for name, length in zip(_INDEX_TEXTS, lengths, strict=True):
        document[name] = text[start : start + length]
        start += length
    return document


def _packed_stamps(stamps: list[tuple[int, int, int]]) -> bytes:
    """The stamps' numbers as 64-bit words, read back in C (`_unpacked_stamps`):
    6,000 numbers in JSON cost 0.6 ms to read. A stamp with a number beyond 64 bits
    is kept as UNTRUSTED, and its file read again."""
    import struct  # here: only a run that writes the index needs it

    try:
        return struct.pack(f"={3 * len(stamps)}q", *chain.from_iterable(stamps))
    except struct.error:
        return _packed_stamps([stamp if _fits_words(stamp) else UNTRUSTED for stamp in stamps])


def _fits_words(stamp: tuple[int, int, int]) -> bool:
    return all(-(1 << 63) <= number < 1 << 63 for number in stamp)


def _unpacked_stamps(packed: object, size: int) -> list[tuple[int, int, int]] | None:
    """The `size` stamps `_packed_stamps` wrote as `packed`; None if it is not their size."""
    if type(packed) is not bytes or len(packed) != 24 * size:
        return None
    triples = iter(memoryview(packed).cast("q").tolist())
    return list(zip(triples, triples, triples, strict=True))


def _lines(text: object, size: int) -> list[str] | None:
    """The `size` lines of a column's text (`EntryCache.data`); None if it has not that many."""
    if type(text) is not str:
        return None
    if size == 0:
        return [] if text == "" else None
    lines = text.split("\n")
    return lines if len(lines) == size else None


def _folder_status(path: str) -> os.stat_result | None:
    """The status of the folder `path` (not followed if a link); None if it is none."""
    try:
        status = os.stat(path, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    return status if stat.S_ISDIR(status.st_mode) else None


def _folder_text(path: str, status: os.stat_result) -> str:
    """The folder's path and stamp as the index keeps them: its entries change only
    with its mtime (a file edited in place changes only the file's)."""
    return f"{path}\t{status.st_mtime_ns}.{status.st_ino}"


def _slugs_inside(text: str, size: int, top: str) -> list[str] | None:
    """The slugs of the `size` lines of `text` if each is `top/<name>.md` with a name
    that holds no separator and is more than `.md`; None otherwise. Counted and cut
    in C: this runs on every check of a large collection."""
    prefix = os.path.join(top, "")
    if not (
        size > 0
        and text.startswith(prefix)
        and text.endswith(".md")
        and text.count("\n" + prefix) == size - 1
        and text.count(os.sep) == size * prefix.count(os.sep)
        and text.count(".md\n") == size - 1
        and "\0" not in text
    ):
        return None
    slugs = text.replace(prefix, "").replace(".md\n", "\n")[:-3].split("\n")
    return slugs if "" not in slugs and len(set(slugs)) == size else None


def _stat_names(top: str, slugs: list[str]) -> list[bytes] | list[str]:
    """The paths of the dossiers `slugs` of the folder `top` as a stat resolves them
    fastest: relative to the working directory when `top` is inside it, and as
    bytes on POSIX (the stats of 2,000 files: 7.0 to 6.0 ms, median of 11 runs)."""
    try:
        here = os.getcwd()
    except OSError:
        here = ""
    prefix = top + os.sep
    if top == here:
        prefix = ""
    elif here and prefix.startswith(here + os.sep):
        prefix = prefix[len(here) + 1 :]
    text = prefix + f".md\n{prefix}".join(slugs) + ".md"
    return os.fsencode(text).split(b"\n") if os.name == "posix" else text.split("\n")


class SettingsCopy:
    """The dossierlint table of a settings file as a run parsed it, kept in the cache
    of the project whose root holds the file (`config.find_config_file`), and used
    while the file's path and stamp (mtime, size, inode) are the ones it was parsed
    at: tomllib's import and parse cost 14M instructions, 6% of a one-file check.

    Like the other cache files, the copy is data from the working tree: it can say
    no more than the settings file itself could, and the table is checked as one
    read from the file is (`config.load_config`). A table JSON cannot hold (a TOML
    date) is not kept, nor one of a file changed in the last RACY_NS.
    """

    def __init__(self, path: Path) -> None:
        self.root = path.parent
        self.path = os.path.abspath(path)
        self.stamp = stamp_of(path)  # before the file is read: a change while parsing shows
        self.name = fingerprint("settings", self.path) + ".json"

    def table(self) -> dict[str, Any] | None:
        """The kept table; None if there is none for the file as it is now."""
        if self.stamp is None:
            return None
        document = _read_json(self.root, self.name)
        if (
            type(document) is not dict
            or document.get("format") != FORMAT
            or document.get("path") != self.path
            or document.get("stamp") != list(self.stamp)
        ):
            return None
        table = document.get("table")
        return table if type(table) is dict else None

    def keep(self, table: dict[str, Any]) -> None:
        """Write the copy of `table`, parsed from the file at this stamp."""
        if self.stamp is None or time.time_ns() - self.stamp[0] < RACY_NS:
            return
        document = {"format": FORMAT, "path": self.path, "stamp": self.stamp, "table": table}
        try:
            data = _json_bytes(document)
        except (TypeError, ValueError):  # a TOML date, a number JSON cannot hold
            return
        _write(self.root, self.name, data)


class _FactsFile:
    """The second file of `EntryCache`: each file's `facts_text`, with the key of the
    index they belong to."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.name = name
        self.document: dict | None = None
        self.dirty = False

    def texts(self, key: str, size: int) -> list[str | None] | None:
        """The texts, if the file is the index's of key `key` with `size` files."""
        document = _read_json(self.root, self.name)
        if type(document) is not dict or document.get("format") != FORMAT:
            return None
        texts = document.get("texts")
        if document.get("key") != key or type(texts) is not list or len(texts) != size:
            return None
        return texts if set(map(type, texts)) <= _TEXT else None

    def keep(self, key: str, texts: list[str | None]) -> None:
        self.document = {"format": FORMAT, "key": key, "texts": texts}
        self.dirty = True

    def data(self) -> bytes:
        return _json_bytes(self.document)


class _IndexRun:
    """What `EntryCache.collection` found of each file: served from the cache's
    columns (its stamp unchanged), or read again."""

    def __init__(self, cache: EntryCache, facts: bool) -> None:
        columns = self.columns = cache.columns
        self.facts = facts
        """Whether people and events are read (`collection_files`)."""
        self.position = dict(zip(columns["paths"], range(len(columns["paths"])), strict=True))
        self.slug_at: list[str | None] = [None] * len(columns["paths"])
        """Position -> the slug of the file served from it (None: not served)."""
        self.served: dict[str, int] = {}
        self.fresh: dict[str, Entry] = {}
        self.rows: dict[str, tuple[str, list, str]] = {}
        """Slug -> (path, `entry_row`, its digest) of each file read again."""
        self.stamps: dict[str, tuple[int, int, int]] = {}
        self.order: list[str] = []
        """The slug of each file, in the walk's order."""
        self.folded: list[str | None] = []
        """The folded title of each file of `order`."""
        self.restamped: dict[int, tuple[int, int, int]] = {}
        """Position -> new stamp, for each file read again whose entry is unchanged."""
        self.rebuild = False
        self.key = 0
        self.mentions = StoredMentions(cache.people, cache.events, self.slug_at, cache.facts_texts)
        self.listing: tuple[str, os.stat_result, list[str]] | None = None
        """The folder walked flat, its status and the files found (`EntryCache._keep_listing`)."""

    def take(
        self,
        files: list[tuple[str, str]],
        wanted: set[str],
        stamps: dict[str, tuple[int, int, int] | None],
        comparisons_title: str | None,
        limit: int,
    ) -> None:
        """Serve or read again each regular file of `files` ((path, slug), the first of
        a slug only), putting the stamps of the `wanted` ones in `stamps`. One loop with
        its lookups in locals: it runs for every file of the collection on every run."""
        position, columns, facts = self.position, self.columns, self.facts
        stored, with_facts, folded_at = columns["stamps"], columns["with_facts"], columns["folded"]
        slug_at, served, order, folded = self.slug_at, self.served, self.order, self.folded
        seen: set[str] = set()
        for path, slug in files:
            if slug in seen:
                continue
            stamp = stamp_of(path)
            if stamp is None:
                continue  # no regular file
            if path in wanted:
                stamps[path] = stamp
            at = position.get(path)
            if at is not None and stored[at] == stamp and (with_facts[at] or not facts):
                slug_at[at] = slug
                served[slug] = at
                folded.append(folded_at[at])
            else:
                entry = self._read_again(path, slug, stamp, at, comparisons_title, limit)
                folded.append(fold_title(entry.title) if entry.title else None)
            seen.add(slug)
            order.append(slug)

    def take_at_rest(
        self,
        slugs: list[str],
        names: list[bytes] | list[str],
        wanted: set[str],
        stamps: dict[str, tuple[int, int, int] | None],
        comparisons_title: str | None,
        limit: int,
    ) -> bool:
        """`take` for the cache's own files, `slugs` theirs and `names` the paths to
        stat them by (`_stat_names`): whole columns are compared in C (`map`,
        `compress`), and only the files whose stamps differ are visited. False if
        any is no longer a regular file.

        Only the stamp of each status is kept: a file whose stamp (mtime, size,
        inode) is the one the index took is the regular file it read then, and
        only a changed one is tested again, as a walk tests it (`stamp_of`)."""
        paths = self.columns["paths"]
        try:
            now = list(map(_STAMP, map(os.stat, names)))
        except (OSError, ValueError):
            return False
        positions = range(len(paths))
        changed = set(compress(positions, map(operator.ne, now, self.columns["stamps"])))
        for at in changed:
            stamp = stamp_of(paths[at])
            if stamp is None:
                return False
            now[at] = stamp
        if self.facts:
            changed.update(compress(positions, map(operator.not_, self.columns["with_facts"])))
        self.served = dict(zip(slugs, positions, strict=True))
        self.slug_at[:] = slugs  # in place: `mentions` holds the list
        self.order, self.folded = slugs, list(self.columns["folded"])
        for at in sorted(changed):
            slug = slugs[at]
            del self.served[slug]
            self.slug_at[at] = None
            entry = self._read_again(paths[at], slug, now[at], at, comparisons_title, limit)
            self.folded[at] = fold_title(entry.title) if entry.title else None
        for path in wanted:
            stamps[path] = now[self.position[path]]
        return True

    def _read_again(
        self,
        path: str,
        slug: str,
        stamp: tuple[int, int, int],
        at: int | None,
        comparisons_title: str | None,
        limit: int,
    ) -> Entry:
        entry = self.fresh[slug] = read_entry(path, comparisons_title, limit, facts=self.facts)
        row = entry_row(entry, facts=self.facts)
        digest = fingerprint(row)
        self.rows[slug] = (path, row, digest)
        self.stamps[slug] = UNTRUSTED if time.time_ns() - stamp[0] < RACY_NS else stamp
        if at is not None and self.columns["digests"][at] == digest:
            self.restamped[at] = self.stamps[slug]
        else:
            self.rebuild = True
        return entry

    def unserved(self) -> list[int]:
        """The positions of the cache's files that this run did not serve."""
        slug_at = self.slug_at
        return list(compress(range(len(slug_at)), map(operator.is_, slug_at, repeat(None))))

    def values(self, slug: str, folded: str | None) -> tuple:
        """The column values (`_COLUMNS`) of a file read again, whose folded title is `folded`."""
        path, row, digest = self.rows[slug]
        return (path, self.stamps[slug], digest, folded, links_text(row[1]), self.facts)


def _read_json(root: Path, name: str) -> object:
    """The JSON document of the cache file `name`; None if missing, unreadable or not JSON."""
    data = _read_bytes(root, name)
    if data is None:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def _read_bytes(root: Path, name: str) -> bytes | None:
    """The bytes of the cache file `name` (`_read_regular`); None if missing or unreadable."""
    with _folder(root, create=False) as folder:
        return _read_regular(name, folder) if folder is not None else None


def _write(root: Path, name: str, data: bytes) -> None:
    """Write the cache file `name` (the folder created if need be); a failure costs speed only."""
    with _folder(root, create=True) as folder:
        if folder is None:
            return
        with contextlib.suppress(OSError):
            _create_gitignore(folder)
            _replace(name, data, folder)


def _json_bytes(document: object) -> bytes:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogateescape")


def _part(path: str, digest: str) -> int:
    """A file's part of the collection key."""
    return int(fingerprint(path, digest), 16)


def _moved(index: dict[str, list[int]], moved: dict[int, int]) -> dict[str, list[int]]:
    """The index with each pair's first position moved as `moved` says, or left out."""
    result = {}
    for key, pairs in index.items():
        kept: list[int] = []
        for at in range(0, len(pairs), 2):
            new = moved.get(pairs[at])
            if new is not None:
                kept += (new, pairs[at + 1])
        if kept:
            result[key] = kept
    return result


def _stamped(row: object) -> bool:
    return type(row) is list and len(row) > 3 and tuple(map(type, row[:3])) == _STAMP_TYPES


_STAMP_TYPES = (int, int, int)


def _findings_from(flat: tuple, shown: str) -> list[Finding] | None:
    """The findings of a record, or None if any value is not what the cache writes.

    Checked and built column by column (`map`, `set`): a warm run of a large
    collection does this for every finding, so a Python loop per value would show.
    """
    lines, columns, codes, severities, messages, fix_rows = (flat[at::6] for at in range(6))
    if not (
        set(map(type, lines)) <= _INT
        and set(map(type, columns)) <= _INT
        and set(map(type, codes)) <= _STR
        and set(map(type, messages)) <= _STR
        and set(map(type, severities)) <= _STR
        and set(severities) <= _SEVERITIES
    ):
        return None
    if fix_rows.count(None) != len(fix_rows):
        fix_rows = [row if row is None else _fix_from(row) or False for row in fix_rows]
        if False in fix_rows:
            return None
    return list(map(Finding, repeat(shown), lines, columns, codes, severities, messages, fix_rows))


def _fix_row(fix: Fix | None) -> list | None:
    if fix is None:
        return None
    return [fix.safe, [[e.line, e.start, e.end, e.replacement] for e in fix.edits]]


def _fix_from(row: object) -> Fix | None:
    if not (type(row) is list and len(row) == 2 and type(row[0]) is bool and type(row[1]) is list):
        return None
    edits = []
    for edit in row[1]:
        if not (
            type(edit) is list
            and len(edit) == 4
            and all(type(number) is int and number >= 0 for number in edit[:3])
            and type(edit[3]) is str
        ):
            return None
        edits.append(Edit(*edit))
    return Fix(tuple(edits), row[0])


# -- the folder, opened without following links ------------------------------------


@contextlib.contextmanager
def _folder(root: Path, *, create: bool) -> Iterator[int | None]:
    """A descriptor of the cache folder, or None when it is missing (and not to be
    created), a symbolic link, not a folder, or cannot be opened."""
    descriptor = None
    with contextlib.suppress(OSError):
        parent = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(CACHE_DIR, dir_fd=parent)
            descriptor = os.open(CACHE_DIR, _FOLDER_FLAGS, dir_fd=parent)
        finally:
            os.close(parent)
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _read_regular(name: str, folder: int) -> bytes | None:
    """The bytes of `name` if it is a regular file (not a link, FIFO, device) of sane size."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW, dir_fd=folder)
    except OSError:
        return None
    with open(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            return None
        with contextlib.suppress(OSError):
            return read_at_most(file, status.st_size, MAX_BYTES)
    return None


def _create_gitignore(folder: int) -> None:
    """Write `.gitignore` unless something (a file, a link) already has the name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    try:
        descriptor = os.open(".gitignore", flags, 0o644, dir_fd=folder)
    except FileExistsError:
        return
    with open(descriptor, "wb") as file:
        file.write(_GITIGNORE)


def _replace(name: str, data: bytes, folder: int) -> None:
    """Write `name` in one step: a fresh temp file in the folder, then a rename over it
    (which replaces a link at `name` rather than writing through it)."""
    temp = f".{name}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    with signals_held():
        descriptor = os.open(temp, flags, 0o644, dir_fd=folder)
        try:
            with open(descriptor, "wb") as file:
                file.write(data)
            os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
            raise


def _remove_stale(folder: int, keep: str) -> None:
    """Delete the cache's own files (by name, regular files only) unused for STALE_NS,
    but those whose names start with `keep`, at most once in SWEEP_EVERY_NS
    (`_sweep_due`): listing and stat-ing the 500 files of a large collection's cache
    on every run cost 12M instructions of checking one edited dossier."""
    now = time.time_ns()
    if not _sweep_due(folder, now):
        return
    cutoff = now - STALE_NS
    with os.scandir(folder) as items:
        for item in items:
            if item.name.startswith(keep) or not _OWN_NAME.fullmatch(item.name):
                continue
            with contextlib.suppress(OSError):
                if item.is_file(follow_symlinks=False) and (
                    item.stat(follow_symlinks=False).st_mtime_ns < cutoff
                ):
                    os.unlink(item.name, dir_fd=folder)


def _sweep_due(folder: int, now: int) -> bool:
    """Whether the last sweep (the time of the empty file `SWEPT`) is SWEEP_EVERY_NS
    old or more; if so, the file is stamped with `now`. Anything but a regular file
    at the name leaves a sweep due on every run, and is neither followed nor read."""
    with contextlib.suppress(OSError):
        status = os.stat(SWEPT, dir_fd=folder, follow_symlinks=False)
        if stat.S_ISREG(status.st_mode) and now - status.st_mtime_ns < SWEEP_EVERY_NS:
            return False
    flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | _NOFOLLOW
    with contextlib.suppress(OSError):
        descriptor = os.open(SWEPT, flags, 0o644, dir_fd=folder)
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                os.utime(descriptor, ns=(now, now))
        finally:
            os.close(descriptor)
    return True


class VerdictCache:
    """The grounding rules' verdicts on dossier lines (`claims.matching.verdicts`) and
    the snapshots' text problems, kept between runs beside their indexes.

    A line's verdicts depend only on its text, its context and the cited
    snapshots' texts, so re-checking an edited dossier judges its changed lines
    only, and the snapshot indexes (`IndexCache`, the larger file) are read only
    when a line is judged anew. Plain data, checked when used.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = fingerprint("grounding-verdicts", source_stamps(), os.path.abspath(root))
        self.name += ".json"
        self.verdicts: dict[str, list] = {}
        self.problems: dict[str, str | None] = {}

    def load(self) -> VerdictCache:
        document = _read_json(self.root, self.name)
        if type(document) is dict and document.get("format") == FORMAT:
            verdicts, problems = document.get("verdicts"), document.get("problems")
            if type(verdicts) is dict and type(problems) is dict:
                self.verdicts = verdicts
                self.problems = {
                    key: problem
                    for key, problem in problems.items()
                    if problem in (None, "empty", "boilerplate")
                }
        return self

    def save(self, verdicts: dict[str, list], problems: dict[str, str | None]) -> None:
        """Keep `verdicts` and `problems` if they differ from what was loaded."""
        if verdicts == self.verdicts and problems == self.problems:
            return
        document = {"format": FORMAT, "verdicts": verdicts, "problems": problems}
        _write(self.root, self.name, _json_bytes(document))


class IndexCache:
    """The grounding rules' snapshot indexes (`claims.matching.SourceIndex`), kept between runs.

    One JSON file in the cache folder, read and written as the results are (no
    link followed, regular files only), keyed inside by a digest of each
    snapshot's text, so a changed snapshot is simply a miss; its name carries
    dossierlint's code stamps and the project's path. The file holds plain data,
    checked field by field on load: whatever is not an index of the expected
    shape is ignored and rebuilt. Indexing a snapshot costs about a tenth of a
    second per 80 kB; loading it, milliseconds.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        stamps = ("snapshot-index", source_stamps(), os.path.abspath(root))
        self.name = fingerprint(*stamps) + ".json"
        self.indexes: dict = {}
        self.loaded = False

    def load(self) -> IndexCache:
        from dossierlint.claims.matching import SourceIndex

        self.loaded = True

        with _folder(self.root, create=False) as folder:
            data = _read_regular(self.name, folder) if folder is not None else None
        with contextlib.suppress(ValueError, RecursionError, TypeError):
            rows = json.loads(data) if data else None
            if isinstance(rows, dict):
                for key, index in rows.items():
                    with contextlib.suppress(ValueError, TypeError):
                        self.indexes[key] = SourceIndex.from_rows(index)
        return self

    def save(self, indexes: dict) -> None:
        """Keep `indexes` (those of the current snapshots) if they differ from the file's
        (read now if this run did not need it)."""
        if not indexes:
            return
        if not self.loaded:
            self.load()
        if indexes.keys() == self.indexes.keys():
            return
        rows = {key: index.to_rows() for key, index in indexes.items()}
        data = json.dumps(rows, separators=(",", ":")).encode("utf-8", "surrogateescape")
        _write(self.root, self.name, data)
