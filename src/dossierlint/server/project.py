"""The projects the open dossiers belong to: settings, a linter, a warm collection index.

A dossier's project is found from its folder as `check` finds it from the
working directory (the nearest config file), so an editor opened anywhere
lints each file with its own settings. Each project keeps the collection
index that cross-dossier rules read, built once from disk and from the
editor's open buffers, and rebuilt only when a dossier's slug, title or
links change: typing in a paragraph costs one lint, not one re-index.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from dossierlint.collection_index import Collection, Entry, entry_from_text, read_entry
from dossierlint.config import Config, load_config
from dossierlint.engine import build_ruleset
from dossierlint.errors import UsageError
from dossierlint.files import SKIPPED_FOLDERS, read_bytes, walk_dossiers
from dossierlint.findings import Finding
from dossierlint.houserules import HouseRules, load_house_rules
from dossierlint.linter import Linter
from dossierlint.parse import parse
from dossierlint.records import Record, field

Stamp = tuple[int, int, int]


class Summary(Record, frozen=True):
    """What a hover on `[[slug]]` shows of the dossier it names."""

    title: str | None
    years: tuple[int | None, int | None]
    """The regime's first and last year, from the Overview."""
    created: datetime.date | None
    updated: datetime.date | None


class Project(Record):
    """One configuration: its linter and the collection its dossiers are checked against."""

    linter: Linter
    open: dict[Path, Entry] = field(default_factory=dict)
    """The entries of the dossiers open in the editor, read from their unsaved text."""
    paths: dict[str, Path] = field(default_factory=dict)
    """Slug -> the file that holds it, for go-to-definition."""
    _collection: Collection | None = None
    _disk: dict[Path, tuple[Stamp | None, Entry]] = field(default_factory=dict)

    @classmethod
    def load(cls, start: Path) -> Project:
        """The project whose settings apply in folder `start`; UsageError for bad settings."""
        config = load_config(start=start)
        house_rules = load_house_rules(config.house_rules)
        return cls(Linter(config, build_ruleset(config), house_rules))

    @property
    def config(self) -> Config:
        return self.linter.config

    @property
    def house_rules(self) -> HouseRules:
        return self.linter.house_rules

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = self._index()
        return self._collection

    def holds(self, path: Path) -> bool:
        """Whether `path` is a dossier of the collection (a `*.md` file `check` would walk)."""
        if path.suffix != ".md":
            return False
        folder = os.path.realpath(self.config.dossiers)
        relative = os.path.relpath(os.path.realpath(path), folder)
        parts = Path(relative).parts
        return bool(parts) and parts[0] != ".." and not SKIPPED_FOLDERS.intersection(parts)

    def lint(self, path: Path, text: str) -> list[Finding]:
        """The findings for `text` as the contents of `path` (lone surrogates read as bad UTF-8)."""
        self.linter.today = datetime.date.today()
        data = text.encode("utf-8", "surrogatepass")
        return self.linter.lint_data(path, data, self.collection)

    def edited(self, path: Path, text: str) -> bool:
        """Record an open dossier's text; True when the index changed (others need a re-lint)."""
        entry = entry_from_text(text, self._comparisons_title)
        self.open[path] = entry
        return self._indexed(path, entry)

    def closed(self, path: Path) -> bool:
        """The file on disk speaks for a dossier closed in the editor; True if the index changed."""
        if self.open.pop(path, None) is None:
            return False
        return self._indexed(path, self._entry(path) if path.is_file() else None)

    def changed_on_disk(self, path: Path) -> bool:
        """A file was created, changed or deleted; True when the index changed."""
        self._disk.pop(path, None)
        if path in self.open:
            return False  # the editor's text speaks for it
        return self._indexed(path, self._entry(path) if path.is_file() else None)

    def summary(self, slug: str, texts: dict[Path, str]) -> Summary | None:
        """Title and dates of dossier `slug`, from its open text or its file."""
        path = self.paths.get(slug)
        if path is None:
            return None
        text = texts.get(path)
        if text is None:
            try:
                text = read_bytes(path, str(path)).decode("utf-8", "replace")
            except UsageError:  # gone or unreadable since it was indexed
                return None
        dossier = parse(text, slug, self.house_rules).dossier
        overview, metadata = dossier.overview, dossier.metadata
        return Summary(
            dossier.title.text if dossier.title else None,
            (overview.start_year, overview.end_year) if overview else (None, None),
            metadata.created if metadata else None,
            metadata.last_updated if metadata else None,
        )

    @property
    def _comparisons_title(self) -> str | None:
        return self.house_rules.section_with("comparisons")

    def _indexed(self, path: Path, entry: Entry | None) -> bool:
        """Rebuild the index if it does not already say `entry` for `path`'s slug."""
        if self._collection is None:
            return False  # built on first use, from what is known then
        slug = path.stem
        known = self._collection.entries.get(slug)
        if entry == known and (entry is None or self.paths.get(slug) == path):
            return False
        self._collection = self._index()
        return True

    def _index(self) -> Collection:
        entries: dict[str, Entry] = {}
        self.paths = {}
        folder = self.config.dossiers
        files = walk_dossiers(folder, self.config.root) if folder.is_dir() else []
        for path in [*files, *self.open]:
            slug = path.stem
            if slug not in entries and (path in self.open or path.is_file()):
                entries[slug] = self._entry(path)
                self.paths[slug] = path
        return Collection.from_entries(folder, entries)

    def _entry(self, path: Path) -> Entry:
        """The open buffer's entry, else the file's, re-read only when its stat changed."""
        if path in self.open:
            return self.open[path]
        stamp = _stamp(path)
        known = self._disk.get(path)
        if known is not None and stamp is not None and known[0] == stamp:
            return known[1]
        entry = read_entry(path, self._comparisons_title)
        self._disk[path] = (stamp, entry)
        return entry


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


class Projects:
    """Every project met so far, found by the folder of the file at hand."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Project] = {}
        self._by_root: dict[tuple[Path, Path | None], Project] = {}

    def __iter__(self):
        return iter(list(self._by_root.values()))

    def for_path(self, path: Path) -> Project:
        """The project `path` belongs to; UsageError when its settings are bad."""
        folder = path.parent
        project = self._by_folder.get(folder)
        if project is None:
            loaded = Project.load(folder)
            key = (loaded.config.root, loaded.config.source)
            project = self._by_root.setdefault(key, loaded)
            self._by_folder[folder] = project
        return project

    def reset(self) -> None:
        """Forget every project (settings or house rules changed on disk)."""
        self._by_folder.clear()
        self._by_root.clear()
        load_house_rules.cache_clear()
