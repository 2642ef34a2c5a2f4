"""Applying one function to many paths in worker processes, one per core.

Workers are forked, so they inherit the function and all it refers to (for
linting: the linter, its rules and the collection index built once in the
parent); each gets a chunk of paths and sends back the results, which must
pickle. Where fork is unavailable (`can_fork`), the caller runs the function
in-process instead.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

CHUNKS_PER_WORKER = 4
R = TypeVar("R")

_inherited: Callable[[Path], Any] | None = None


def _run_chunk(paths: list[Path]) -> list[tuple[Path, Any]]:
    assert _inherited is not None, "workers are forked from a parent that set the function"
    function = _inherited
    return [(path, function(path)) for path in paths]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_workers(
    function: Callable[[Path], R], paths: list[Path], jobs: int
) -> Iterator[tuple[Path, R]]:
    """(path, function(path)) for every path, in order, computed by up to `jobs` forked workers."""
    global _inherited
    workers = min(jobs, len(paths))
    size = max(1, len(paths) // (workers * CHUNKS_PER_WORKER))
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    _inherited = function
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for results in pool.map(_run_chunk, chunks):
                yield from results
    finally:
        _inherited = None
