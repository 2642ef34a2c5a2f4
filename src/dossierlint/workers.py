"""Applying one function to many paths in worker processes, one per core.

Workers are forked, so they inherit the function and all it refers to (for
linting: the linter, its rules and the collection index built once in the
parent); each gets a chunk of paths and sends back the results, which must
pickle. Where fork is unavailable (`can_fork`), the caller runs the function
in-process instead.

When the run ends early (Ctrl-C, SIGTERM, an error in the parent), the workers
are terminated, not waited for: left alone they would block forever holding
the run's stdout and stderr open. Workers ignore SIGINT and take SIGTERM and
SIGHUP with the default action, so only the parent decides and cleans up.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from dossierlint.writing import signals_held

CHUNKS_PER_WORKER = 16
"""Chunks per worker: the run ends when the last chunk does, so a chunk is kept to a
small share of a worker's work (one dossier costs 3-27 ms: with 4 chunks a worker,
simulated from measured costs, the benchmark's 2,000 dossiers wait 0.2 s for the
last one; with 16, 0.02 s)."""
STOP_SECONDS = 2.0
"""How long a terminated worker may take to exit before it is killed."""
P = TypeVar("P")
R = TypeVar("R")

_inherited: Callable[[Any], Any] | None = None


def _run_chunk(paths: list[Any]) -> list[tuple[Any, Any]]:
    assert _inherited is not None, "workers are forked from a parent that set the function"
    function = _inherited
    return [(path, function(path)) for path in paths]


def _worker_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP})


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_workers(function: Callable[[P], R], paths: list[P], jobs: int) -> Iterator[tuple[P, R]]:
    """(path, function(path)) for every path, in order, computed by up to `jobs` forked workers."""
    global _inherited
    workers = min(jobs, len(paths))
    size = max(1, len(paths) // (workers * CHUNKS_PER_WORKER))
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    _inherited = function
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, context, initializer=_worker_signals)
    try:
        # Held while the workers start: a signal between a fork and the pool's record
        # of that worker would leave it out of `_stop`, running and holding the pipes.
        with signals_held():
            results_by_chunk = pool.map(_run_chunk, chunks)
        for results in results_by_chunk:
            yield from results
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown()
    finally:
        _inherited = None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers now and let the pool wind down without waiting for them."""
    # The executor has no public handle on its processes before Python 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
