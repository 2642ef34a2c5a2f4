"""`dossierlint report`: lint each dossier, gather what its page shows, write the site.

Each file goes through one pipeline (lint, gather, render, write its page) and
sends back only its index row. Large runs use forked workers
(`workers.map_in_workers`) that inherit the linter, the collection index and
the templates, as `check` does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint.config import Config
from dossierlint.houserules import HouseRules
from dossierlint.htmlreport.collect import IndexRow, gather
from dossierlint.htmlreport.output import Site
from dossierlint.records import Record, field

if TYPE_CHECKING:
    from dossierlint.collection_index import Collection
    from dossierlint.htmlreport.render import Renderer
    from dossierlint.linter import Linter

PAGES = "dossiers"
PARALLEL_THRESHOLD = 32
"""Below this many dossiers, starting worker processes costs more than it saves."""
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


class Built(Record):
    index: Path
    dossiers: int
    errors: list[str] = field(default_factory=list)
    """Files that could not be reported on, one message each."""


class _Run(Record):
    """What every page needs; forked workers inherit it."""

    linter: Linter
    collection: Collection
    renderer: Renderer
    site: Site
    pages: dict[Path, str]
    """Dossier file -> its page's file name."""

    def page(self, path: Path) -> IndexRow | str:
        """Lint one dossier and write its page; its index row, or why it has no page."""
        from dossierlint.engine import lint_context
        from dossierlint.linter import result_or_error

        linter = self.linter

        def write_page() -> IndexRow:
            job, ctx = linter.context(path, linter.read(path), self.collection)
            findings = lint_context(ctx, job, linter.ruleset)
            dossier = gather(ctx, self.pages[path], findings)
            self.site.write(
                f"{PAGES}/{dossier.page}", self.renderer.dossier_page(dossier, linter.today)
            )
            return IndexRow.of(dossier)

        return result_or_error(path, write_page)


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
    from dossierlint.linter import Linter

    renderer = Renderer()
    ruleset = build_ruleset(config)
    linter = Linter(config, ruleset, house_rules, jobs=jobs)
    files, collection = linter.prepare(paths)
    site = Site.claim(out, force=force)
    run = _Run(linter, collection, renderer, site, _page_names(files))
    rows, errors = [], []
    for _, result in _each(run, files):
        if isinstance(result, str):
            errors.append(result)
        else:
            rows.append(result)
            site.written.add(f"{PAGES}/{result.page}")
    site.write("index.html", renderer.index_page(rows, linter.today))
    site.remove_stale(PAGES, ".html")
    return Built(out / "index.html", len(rows), errors)


def _each(run: _Run, files: list[Path]):
    from dossierlint import workers

    jobs = run.linter.jobs
    if len(files) >= PARALLEL_THRESHOLD and jobs > 1 and workers.can_fork():
        return workers.map_in_workers(run.page, files, jobs)
    return ((path, run.page(path)) for path in files)


def _page_names(files: list[Path]) -> dict[Path, str]:
    """A file name per page: the slug when it is safe and unique, else a numbered variant."""
    taken: set[str] = set()
    names = {}
    for number, path in enumerate(files, 1):
        name = _UNSAFE_NAME.sub("_", path.stem)[:100] or "dossier"
        if name.casefold() in taken:
            name = f"{name}-{number}"
        taken.add(name.casefold())
        names[path] = f"{name}.html"
    return names
