"""Linting many files in worker processes, one per core.

Workers are forked, so they inherit the linter, its rules and the collection
index built once in the parent; each gets a chunk of paths and sends back
plain findings. Where fork is unavailable (`can_fork`), the runner lints the
files in-process instead.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint.collection import Collection
from dossierlint.rules.base import Finding

if TYPE_CHECKING:
    from dossierlint.runner import Linter

CHUNKS_PER_WORKER = 4

_inherited: tuple[Linter, Collection] | None = None


def _lint_chunk(paths: list[Path]) -> list[tuple[Path, list[Finding] | str]]:
    assert _inherited is not None, "workers are forked from a parent that set the linter"
    linter, collection = _inherited
    return [(path, linter.findings_or_error(path, collection)) for path in paths]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def lint_in_workers(
    linter: Linter, paths: list[Path], collection: Collection
) -> Iterator[tuple[Path, list[Finding] | str]]:
    global _inherited
    workers = min(linter.jobs, len(paths))
    size = max(1, len(paths) // (workers * CHUNKS_PER_WORKER))
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    _inherited = (linter, collection)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for results in pool.map(_lint_chunk, chunks):
                yield from results
    finally:
        _inherited = None
