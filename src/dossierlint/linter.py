"""The linter: lint the files of a run against one configuration and one collection.

It builds the collection index, answers unchanged files from the cache, and
lints the others, in worker processes when there are many.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dossierlint.collection_index import Collection
from dossierlint.config import Config
from dossierlint.engine import FileJob, RuleSet, file_context, lint_context
from dossierlint.errors import UsageError
from dossierlint.files import discover, display_path, read_bytes
from dossierlint.findings import Finding, Report
from dossierlint.houserules import HouseRules

if TYPE_CHECKING:
    from dossierlint.cache import EntryCache, IndexCache, ResultCache, VerdictCache
    from dossierlint.progress import Progress
    from dossierlint.rules.base import Context
    from dossierlint.snapshots.store import Snapshot

# Below this many files to lint, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
RUN_GC_THRESHOLD = 20_000
"""Allocations between collections of the youngest generation in a run (default 700)."""


T = TypeVar("T")
P = TypeVar("P")
R = TypeVar("R")


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
        self.progress: Callable[[int], Progress | None] | None = None
        """Given the number of files, what to tell of each one done (`progress.on_terminal`)."""
        self._snapshots: dict[str, Snapshot] | None = None

    @property
    def snapshots(self) -> dict[str, Snapshot] | None:
        """The project's source snapshots, read once per run; None without a snapshot folder."""
        folder = self.config.sources
        if self._snapshots is None and folder is not None and folder.is_dir():
            from dossierlint.snapshots.store import load_snapshots

            self._snapshots = load_snapshots(folder, self.config.root)
        return self._snapshots

    def prepare(self, paths: list[Path]) -> tuple[list[Path], Collection]:
        """The files to check and the collection they are checked against."""
        files = discover(paths, self.config.dossiers, self.config.root)
        return files, self.collection(files)

    def check(self, paths: list[Path]) -> Report:
        """Lint `paths`; with the cache, unchanged files are answered from it."""
        files = discover(paths, self.config.dossiers, self.config.root)
        with _run_collection():
            return self._check(files)

    def _check(self, files: list[Path]) -> Report:
        cache = self._open_cache() if self.use_cache else None
        entries = self._open_entries() if self.use_cache else None
        # Absolute path -> the stat stamp taken when the index read the file.
        stamps: dict[str, tuple[int, int, int] | None] = {}
        if entries:
            collection, key = entries.collection(
                self.config.dossiers, files, self.config.root, stamps, self.config.max_file_size
            )
        else:
            collection, key = self.collection(files), ""
        report = Report()
        progress = self.progress(len(files)) if self.progress else None
        pending: dict[Path, tuple[int, int, int] | None] = {}  # file to lint -> its stamp
        for path in files:
            stamp = stamps.get(os.path.abspath(path))
            cached = cache.findings(path, stamp, display_path(path), key) if cache else None
            if cached is None:
                pending[path] = stamp
            else:
                report.findings.extend(cached)
                report.files_checked += 1
                if progress:
                    progress.step()
        indexes = self._load_indexes(len(pending)) if cache and pending else None
        # Closed on the way out, so that Ctrl-C or SIGTERM stops the workers at once
        # rather than when the generator happens to be collected.
        with contextlib.closing(self._lint_paths(list(pending), collection)) as results:
            for path, result in results:
                if progress:
                    progress.step()
                if isinstance(result, str):
                    report.errors.append(result)
                    continue
                report.findings.extend(result)
                report.files_checked += 1
                if cache:
                    cache.store_findings(path, pending[path], result, key)
        if progress:
            progress.close()
        if cache and entries:
            cache.save()
            entries.save()
        if indexes is not None:
            self._save_indexes(indexes)
        report.findings.sort(key=Finding.sort_key)
        return report

    def collection(self, checked: list[Path]) -> Collection:
        """The index of the whole dossiers folder, for the cross-dossier rules."""
        return Collection.scan(
            self.config.dossiers,
            checked,
            root=self.config.root,
            comparisons_title=self.house_rules.section_with("comparisons"),
            limit=self.config.max_file_size,
            map_reads=self._map,
        )

    def _map(self, function: Callable[[P], R], paths: list[P]) -> Iterator[tuple[P, R]]:
        """Each path with `function(path)`, in order: in worker processes when there
        are many (the index of a cold run of 2,000 files: 0.3 s in the parent, 0.2 s so)."""
        if len(paths) >= PARALLEL_THRESHOLD and self.jobs > 1:
            from dossierlint import workers

            if workers.can_fork():
                return workers.map_in_workers(function, paths, self.jobs)
        return ((path, function(path)) for path in paths)

    def _open_cache(self) -> ResultCache:
        # Imported here: a run with --no-cache (or --fix, --diff) needs none of it.
        from dossierlint.cache import ResultCache, fingerprint, source_stamps

        settings = (
            self.config.raw,
            self.house_rules,
            sorted(self.ruleset.codes),
            sorted(self.ruleset.severity.items()),
            sorted(self.ruleset.options.items(), key=repr),
            self.ruleset.per_file_ignores,
            self.today,
            source_stamps(),
            self._snapshot_stamps(),
        )
        return ResultCache(self.config.root, fingerprint(settings))

    def _open_entries(self) -> EntryCache:
        from dossierlint.cache import EntryCache

        comparisons_title = self.house_rules.section_with("comparisons")
        return EntryCache(self.config.root, comparisons_title).load()

    def _load_indexes(self, files: int) -> tuple[IndexCache, VerdictCache] | None:
        """The snapshot indexes and verdicts earlier runs found (the grounding rules'
        costly part). The indexes are read only when a line is judged anew.

        Before a run in worker processes, the missing indexes are built here: what a
        worker builds is lost to the cache.
        """
        if not self.snapshots:
            return None
        from dossierlint.cache import IndexCache, VerdictCache
        from dossierlint.claims.matching import (
            defer_indexes,
            index_of,
            remember_indexes,
            remember_verdicts,
        )

        indexes, verdicts = IndexCache(self.config.root), VerdictCache(self.config.root).load()
        remember_verdicts(verdicts.verdicts, verdicts.problems)
        if files < PARALLEL_THRESHOLD:
            defer_indexes(lambda: indexes.load().indexes)
            return indexes, verdicts
        remember_indexes(indexes.load().indexes)
        for snapshot in self.snapshots.values():
            index_of(snapshot.text)
        return indexes, verdicts

    def _save_indexes(self, caches: tuple[IndexCache, VerdictCache]) -> None:
        from dossierlint.claims.matching import known_indexes, known_verdicts, text_key

        indexes, verdicts = caches
        current = {text_key(snapshot.text) for snapshot in (self.snapshots or {}).values()}
        indexes.save({key: index for key, index in known_indexes().items() if key in current})
        rows, problems = known_verdicts()
        verdicts.save(rows, {key: problems[key] for key in current if key in problems})

    def _snapshot_stamps(self) -> list[tuple[str, int, int]]:
        """The snapshot files' stamps: findings of the grounding rules depend on them."""
        if self.config.sources is None or not self.config.sources.is_dir():
            return []
        from dossierlint.snapshots.store import stamps

        return stamps(self.config.sources)

    def _lint_paths(
        self, paths: list[Path], collection: Collection
    ) -> Iterator[tuple[Path, list[Finding] | str]]:
        """Each file's findings, or the one-line error that kept it from being checked."""
        lint = functools.partial(self.findings_or_error, collection=collection)
        yield from self._map(lint, paths)

    def findings_or_error(self, path: Path, collection: Collection) -> list[Finding] | str:
        """A file's findings, or one line saying why it could not be checked."""
        return result_or_error(path, lambda: self.check_file(path, collection))

    def check_file(self, path: Path, collection: Collection | None = None) -> list[Finding]:
        return self.lint_data(path, self.read(path), collection)

    def read(self, path: Path) -> bytes:
        """The file's bytes, within the configured size limit (a usage error naming it)."""
        return read_bytes(path, display_path(path), self.config.max_file_size)

    def lint_data(
        self, path: Path, data: bytes, collection: Collection | None = None
    ) -> list[Finding]:
        """Findings for `data` as the contents of `path`; without a `collection`,
        the one the file belongs to is indexed first."""
        if collection is None:
            collection = self.collection([path])
        job, ctx = self.context(path, data, collection)
        return lint_context(ctx, job, self.ruleset)

    def context(
        self, path: Path, data: bytes, collection: Collection | None
    ) -> tuple[FileJob, Context]:
        """The file to lint and the rules' context for `data` as the contents of `path`
        (the HTML report reads the rules' derived values from it after linting)."""
        job = FileJob(display_path(path), self._relative(path), path.stem, data)
        ctx = file_context(
            job,
            self.ruleset,
            self.house_rules,
            collection,
            self.today,
            self.config,
            self.snapshots,
        )
        return job, ctx

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.config.root).as_posix()
        except ValueError:
            return path.as_posix()


def result_or_error(path: Path, work: Callable[[], T]) -> T | str:
    """`work()`, or one line saying why it failed for `path`: a usage error as it is
    worded, a bug as an internal error (raised with DOSSIERLINT_DEBUG), so that one
    file's failure never hides the others'."""
    try:
        return work()
    except UsageError as error:
        return str(error)
    except Exception as error:
        if os.environ.get("DOSSIERLINT_DEBUG"):
            raise
        return f"{display_path(path)}: internal error: {type(error).__name__}: {error}"


@contextlib.contextmanager
def _run_collection() -> Iterator[None]:
    """Garbage collection tuned for a run, restored after it.

    Linting makes many short-lived objects and few reference cycles, and the
    results kept so far grow with the run: the default schedule spends about
    7% of a 10,000-file run re-scanning them (BENCHMARKS.md). Freezing what
    exists before the run (also what forked workers inherit) and collecting
    the youngest generation less often keep that cost flat. A run of one file
    gains too: checked in a collection of 2,000, its first collection came
    while the files' stamps were taken, and re-scanned every object the
    imports had made, 4 ms of a 65 ms run.
    """
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # a host program's own freeze is left alone
    if freeze:
        gc.freeze()
    gc.set_threshold(RUN_GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()
