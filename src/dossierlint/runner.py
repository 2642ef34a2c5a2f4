"""The runner: find the dossiers to check, read them, and lint each one."""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossierlint.cache import ResultCache, collection_key, fingerprint, source_stamps, stamp_of
from dossierlint.collection import Collection, Entry, read_entry, walk_dossiers
from dossierlint.config import Config
from dossierlint.engine import FileJob, RuleSet, lint_bytes
from dossierlint.errors import UsageError
from dossierlint.houserules import HouseRules
from dossierlint.rules.base import Finding

_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)


@dataclass(slots=True)
class Report:
    files_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Files that could not be checked at all, one message each."""

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def discover(paths: list[Path], config: Config) -> list[Path]:
    """Dossier files named by `paths` (folders are walked for `*.md`), in a stable order."""
    found: dict[Path, None] = {}
    for path in paths or [config.dossiers]:
        if path.is_dir():
            found.update(dict.fromkeys(walk_dossiers(path, config.root)))
        elif path.exists() or path.is_symlink():
            found[path] = None
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not found:
        where = ", ".join(str(p) for p in paths) if paths else str(config.dossiers)
        raise UsageError(f"{where}: no dossiers (*.md files) found")
    return list(found)


# Below this many files to lint, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
BATCH_GC_THRESHOLD = 20_000
"""Allocations between collections of the youngest generation in a long run (default 700)."""


class Linter:
    """Lints files against one configuration and one collection."""

    def __init__(
        self,
        config: Config,
        ruleset: RuleSet,
        house_rules: HouseRules,
        *,
        use_cache: bool = False,
        jobs: int | None = None,
    ) -> None:
        self.config = config
        self.ruleset = ruleset
        self.house_rules = house_rules
        self.today = datetime.date.today()
        self.use_cache = use_cache
        self.jobs = jobs or os.cpu_count() or 1

    def prepare(self, paths: list[Path]) -> tuple[list[Path], Collection]:
        """The files to check and the collection they are checked against."""
        files = discover(paths, self.config)
        return files, self.collection(files)

    def check(self, paths: list[Path]) -> Report:
        """Lint `paths`; with the cache, unchanged files are answered from it."""
        files = discover(paths, self.config)
        cache = self._open_cache() if self.use_cache else None
        # Absolute path -> the stat stamp taken when the index read the file.
        stamps: dict[str, tuple[int, int, int] | None] = {}
        collection = self.collection(files, self._cached_reader(cache, stamps) if cache else None)
        key = collection_key(collection) if cache else ""
        report = Report()
        pending: dict[Path, tuple[int, int, int] | None] = {}  # file to lint -> its stamp
        for path in files:
            stamp = stamps.get(os.path.abspath(path))
            cached = cache.findings(path, stamp, display_path(path), key) if cache else None
            if cached is None:
                pending[path] = stamp
            else:
                report.findings.extend(cached)
                report.files_checked += 1
        for path, result in self._lint_paths(list(pending), collection):
            if isinstance(result, str):
                report.errors.append(result)
                continue
            report.findings.extend(result)
            report.files_checked += 1
            if cache:
                cache.store_findings(path, pending[path], result, key)
        if cache:
            cache.save()
        report.findings.sort(key=Finding.sort_key)
        return report

    def collection(
        self, checked: list[Path], read: Callable[[Path], Entry] | None = None
    ) -> Collection:
        """The index of the whole dossiers folder, for the cross-dossier rules."""
        return Collection.scan(
            self.config.dossiers,
            checked,
            root=self.config.root,
            comparisons_title=self.house_rules.section_with("comparisons"),
            read=read,
        )

    def _open_cache(self) -> ResultCache:
        settings = (
            self.config.raw,
            self.house_rules,
            sorted(self.ruleset.codes),
            sorted(self.ruleset.severity.items()),
            sorted(self.ruleset.options.items(), key=repr),
            self.ruleset.per_file_ignores,
            self.today,
            source_stamps(),
        )
        return ResultCache(self.config.root, fingerprint(settings)).load()

    def _cached_reader(
        self, cache: ResultCache, stamps: dict[str, tuple[int, int, int] | None]
    ) -> Callable[[Path], Entry]:
        comparisons_title = self.house_rules.section_with("comparisons")

        def read(path: Path) -> Entry:
            stamp = stamps[os.path.abspath(path)] = stamp_of(path)
            entry = cache.entry(path, stamp)
            if entry is None:
                entry = read_entry(path, comparisons_title)
                cache.store_entry(path, stamp, entry)
            return entry

        return read

    def _lint_paths(
        self, paths: list[Path], collection: Collection
    ) -> Iterator[tuple[Path, list[Finding] | str]]:
        """Each file's findings, or the one-line error that kept it from being checked."""
        batch = len(paths) >= PARALLEL_THRESHOLD
        if batch:
            from dossierlint import parallel
        with _batch_collection() if batch else contextlib.nullcontext():
            if batch and self.jobs > 1 and parallel.can_fork():
                yield from parallel.lint_in_workers(self, paths, collection)
                return
            for path in paths:
                yield path, self.findings_or_error(path, collection)

    def findings_or_error(self, path: Path, collection: Collection) -> list[Finding] | str:
        """A file's findings, or one line saying why it could not be checked."""
        try:
            return self.check_file(path, collection)
        except UsageError as error:
            return str(error)
        except Exception as error:  # a bug on one file must not hide the others
            if os.environ.get("DOSSIERLINT_DEBUG"):
                raise
            return f"{display_path(path)}: internal error: {type(error).__name__}: {error}"

    def check_file(self, path: Path, collection: Collection | None = None) -> list[Finding]:
        return self.lint_data(path, read_bytes(path, display_path(path)), collection)

    def lint_data(
        self, path: Path, data: bytes, collection: Collection | None = None
    ) -> list[Finding]:
        """Findings for `data` as the contents of `path`; without a `collection`,
        the one the file belongs to is indexed first."""
        if collection is None:
            collection = self.collection([path])
        job = FileJob(display_path(path), self._relative(path), path.stem, data)
        return lint_bytes(job, self.ruleset, self.house_rules, collection, self.today, self.config)

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.config.root).as_posix()
        except ValueError:
            return path.as_posix()


@contextlib.contextmanager
def _batch_collection() -> Iterator[None]:
    """Garbage collection tuned for a long run, restored after it.

    Linting makes many short-lived objects and few reference cycles, and the
    results kept so far grow with the run: the default schedule spends about
    7% of a 10,000-file run re-scanning them (BENCHMARKS.md). Freezing what
    exists before the run (also what forked workers inherit) and collecting
    the youngest generation less often keep that cost flat.
    """
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # a host program's own freeze is left alone
    if freeze:
        gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; a file that cannot be read is a usage error naming it.

    Only regular files are read, and the file is opened without blocking: a FIFO
    named `x.md` would otherwise hang the run (a pre-commit hook, a CI job) forever.
    """
    try:
        kind = _not_a_file(os.stat(path).st_mode)
        if kind:
            raise UsageError(f"{shown}: is {kind}, not a dossier")
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCKING)
        with open(descriptor, "rb") as file:
            kind = _not_a_file(os.fstat(descriptor).st_mode)  # replaced since the stat?
            if kind:
                raise UsageError(f"{shown}: is {kind}, not a dossier")
            return file.read()
    except FileNotFoundError:
        what = "a dangling symbolic link" if path.is_symlink() else "no such file"
        raise UsageError(f"{shown}: {what}") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot read: {error.strerror or error}") from None


def _not_a_file(mode: int) -> str | None:
    """What a path is when it is not a regular file ("a directory", "a FIFO", ...)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"
