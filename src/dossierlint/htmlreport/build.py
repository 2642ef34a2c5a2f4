"""`dossierlint report`: lint each dossier, gather what its page shows, write the site.

Each file goes through one pipeline (lint, gather, render, write its page) and
sends back only its index row. Large runs fork worker processes that inherit
the linter, the collection index and the templates, as `check` does.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint.config import Config
from dossierlint.errors import UsageError
from dossierlint.houserules import HouseRules
from dossierlint.htmlreport.collect import IndexRow, gather
from dossierlint.htmlreport.output import Site

if TYPE_CHECKING:
    from dossierlint.collection import Collection
    from dossierlint.htmlreport.render import Renderer
    from dossierlint.runner import Linter

PAGES = "dossiers"
PARALLEL_THRESHOLD = 32
"""Below this many dossiers, starting worker processes costs more than it saves."""
CHUNKS_PER_WORKER = 8
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(slots=True)
class Built:
    index: Path
    dossiers: int
    errors: list[str] = field(default_factory=list)
    """Files that could not be reported on, one message each."""


@dataclass(slots=True)
class _Run:
    """What every page needs; forked workers inherit it."""

    linter: Linter
    collection: Collection
    renderer: Renderer
    site: Site


_inherited: _Run | None = None


def build_report(
    paths: list[Path],
    out: Path,
    config: Config,
    house_rules: HouseRules,
    *,
    force: bool = False,
    jobs: int | None = None,
) -> Built:
    """Check `paths` (default: the dossiers folder) and write the report into `out`."""
    from dossierlint.engine import build_ruleset
    from dossierlint.htmlreport.render import Renderer  # needs Jinja2: fail before any work
    from dossierlint.runner import Linter

    renderer = Renderer()
    ruleset = build_ruleset(config)
    linter = Linter(config, ruleset, house_rules, jobs=jobs)
    files, collection = linter.prepare(paths)
    site = Site.claim(out, force=force)
    run = _Run(linter, collection, renderer, site)
    rows, errors = [], []
    for result in _pages(run, list(zip(files, _page_names(files), strict=True))):
        if isinstance(result, str):
            errors.append(result)
        else:
            rows.append(result)
            site.written.add(f"{PAGES}/{result.page}")
    site.write("index.html", renderer.index_page(rows, linter.today))
    site.remove_stale(PAGES, ".html")
    return Built(out / "index.html", len(rows), errors)


def _pages(run: _Run, jobs: list[tuple[Path, str]]) -> Iterator[IndexRow | str]:
    global _inherited
    workers = min(run.linter.jobs, len(jobs))
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2 or not _can_fork():
        yield from (_page(run, path, page) for path, page in jobs)
        return
    size = max(1, len(jobs) // (workers * CHUNKS_PER_WORKER))
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    _inherited = run
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for results in pool.map(_chunk, chunks):
                yield from results
    finally:
        _inherited = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _chunk(jobs: list[tuple[Path, str]]) -> list[IndexRow | str]:
    assert _inherited is not None, "workers are forked from a parent that set the run"
    return [_page(_inherited, path, page) for path, page in jobs]


def _page(run: _Run, path: Path, page: str) -> IndexRow | str:
    """Lint one dossier and write its page; its index row, or why it has no page."""
    from dossierlint.engine import FileJob, file_context, lint_context
    from dossierlint.runner import display_path, read_bytes

    linter = run.linter
    shown = display_path(path)
    try:
        job = FileJob(shown, _relative(path, linter.config.root), path.stem, read_bytes(path, shown))
        ctx = file_context(
            job, linter.ruleset, linter.house_rules, run.collection, linter.today, linter.config
        )
        findings = lint_context(ctx, job, linter.ruleset)
        dossier = gather(ctx, page, findings)
        run.site.write(f"{PAGES}/{page}", run.renderer.dossier_page(dossier, linter.today))
    except UsageError as error:
        return str(error)
    except Exception as error:  # a bug on one file must not hide the others
        if os.environ.get("DOSSIERLINT_DEBUG"):
            raise
        return f"{shown}: internal error: {type(error).__name__}: {error}"
    return IndexRow.of(dossier)


def _relative(path: Path, root: Path) -> str:
    """The path relative to the project root, for per-file ignores."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _page_names(files: list[Path]) -> list[str]:
    """A file name per page: the slug when it is safe and unique, else a numbered variant."""
    taken: set[str] = set()
    names = []
    for number, path in enumerate(files, 1):
        name = _UNSAFE_NAME.sub("_", path.stem)[:100] or "dossier"
        if name.casefold() in taken:
            name = f"{name}-{number}"
        taken.add(name.casefold())
        names.append(f"{name}.html")
    return names
