"""A results cache like ruff's: unchanged files are not read, parsed or linted again.

One pickle per settings fingerprint in `.dossierlint_cache/` at the project
root. For each file it keeps the stat stamp it was read at (mtime, size,
inode), its collection index entry, and its findings together with the
fingerprint of the collection they were computed against. A file is taken
from the cache only when its stamp is unchanged; its findings only when,
besides, no dossier's slug, title, comparison links, people or dated events
changed (cross-dossier rules depend on those). The settings fingerprint covers the tool version,
the configuration, the house rules and reliability data, the rule
selection and today's date (rules compare dates with today).

A file modified in the last two seconds is not cached (see RACY_NS). A
missing, corrupt or unwritable cache is ignored: it only ever costs speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from dossierlint import __version__
from dossierlint.collection_index import Collection, Entry
from dossierlint.findings import Finding, Fix
from dossierlint.writing import write_atomically

CACHE_DIR = ".dossierlint_cache"
_FORMAT = 3
# Caches of other settings (another --select, an older dossierlint) unused this long are removed.
STALE_NS = 7 * 24 * 3600 * 1_000_000_000
# A file modified this recently may change again within the file system's
# timestamp granularity without its stamp changing ("racily clean", as git
# calls it): it is not cached until it has been still for this long.
RACY_NS = 2_000_000_000


FindingRow = tuple[int, int, str, str, str, Fix | None]
"""A finding without its path (the path it is shown under is the caller's): plain
tuples unpickle several times faster than objects, and a warm run of a large
collection spends most of its time loading them (BENCHMARKS.md)."""


@dataclass(slots=True)
class Record:
    stamp: tuple[int, int, int]
    entry: Entry
    findings: tuple[FindingRow, ...] | None = None
    collection_key: str | None = None


def stamp_of(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def fingerprint(*parts: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (_FORMAT, __version__, *parts):
        digest.update(repr(part).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def source_stamps() -> list[tuple[str, int, int]]:
    """Stamps of dossierlint's own code and data, so an edited checkout never reads stale results."""
    package = Path(__file__).parent
    stamps = []
    for folder in (package, package / "rules", package / "report", package / "schema"):
        with contextlib.suppress(OSError):
            for item in os.scandir(folder):
                if item.name.endswith((".py", ".toml")):
                    stat = item.stat()
                    stamps.append((item.path, stat.st_mtime_ns, stat.st_size))
    from dossierlint.houserules import bundled_schema_dir

    with contextlib.suppress(OSError):
        for item in os.scandir(bundled_schema_dir()):
            stat = item.stat()
            stamps.append((item.path, stat.st_mtime_ns, stat.st_size))
    return sorted(stamps)


def collection_key(collection: Collection) -> str:
    """Changes when any dossier's slug, title, comparison links, people or events change."""
    items = sorted(
        (slug, entry.title, tuple(sorted(entry.links)), entry.people, entry.events)
        for slug, entry in collection.entries.items()
    )
    return fingerprint(items)


class ResultCache:
    def __init__(self, root: Path, settings_key: str) -> None:
        self.file = root / CACHE_DIR / f"{settings_key}.pickle"
        self.records: dict[str, Record] = {}
        self.dirty = False

    def load(self) -> ResultCache:
        with contextlib.suppress(Exception):  # a broken cache is a cold cache
            records = pickle.loads(self.file.read_bytes())
            if isinstance(records, dict):
                self.records = records
        return self

    def entry(self, path: Path, stamp: tuple[int, int, int] | None) -> Entry | None:
        record = self.records.get(os.path.abspath(path))
        return record.entry if record and stamp and record.stamp == stamp else None

    def findings(
        self, path: Path, stamp: tuple[int, int, int] | None, shown: str, key: str
    ) -> list[Finding] | None:
        record = self.records.get(os.path.abspath(path))
        if record is None or record.findings is None or record.collection_key != key:
            return None
        if stamp is None or record.stamp != stamp:
            return None
        return [Finding(shown, *row) for row in record.findings]

    def store_entry(self, path: Path, stamp: tuple[int, int, int] | None, entry: Entry) -> None:
        if stamp is None or time.time_ns() - stamp[0] < RACY_NS:
            return
        absolute = os.path.abspath(path)
        old = self.records.get(absolute)
        if old is None or old.stamp != stamp or old.entry != entry:
            self.records[absolute] = Record(stamp, entry)
            self.dirty = True

    def store_findings(
        self, path: Path, stamp: tuple[int, int, int] | None, findings: list[Finding], key: str
    ) -> None:
        record = self.records.get(os.path.abspath(path))
        if record is None or stamp is None or record.stamp != stamp:
            return
        record.findings = tuple(
            (f.line, f.column, f.code, f.severity, f.message, f.fix) for f in findings
        )
        record.collection_key = key
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.file.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by dossierlint.\n*\n")
            write_atomically(self.file, pickle.dumps(self.records, pickle.HIGHEST_PROTOCOL))
            self._remove_stale_siblings()

    def _remove_stale_siblings(self) -> None:
        cutoff = time.time_ns() - STALE_NS
        for sibling in self.file.parent.glob("*.pickle"):
            with contextlib.suppress(OSError):
                if sibling != self.file and sibling.stat().st_mtime_ns < cutoff:
                    sibling.unlink()
