"""Which cited pages have snapshots: `sources status` (and the URLs `sources fetch` reads)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dossierlint.config import Config
from dossierlint.errors import UsageError, printable
from dossierlint.files import display_path
from dossierlint.grammar.urls import normalise_url, url_host
from dossierlint.houserules import HouseRules
from dossierlint.records import Record, field
from dossierlint.snapshots.store import Snapshot, Store, read_store


class Cited(Record, frozen=True):
    """A page a dossier cites, and its snapshot if the store has one."""

    url: str
    line: int
    snapshot: Snapshot | None
    age_days: int | None
    stale: bool


class DossierSources(Record):
    path: Path
    cited: list[Cited] = field(default_factory=list)


class Status(Record):
    store: Store
    max_age_days: int
    dossiers: list[DossierSources]
    uncited: list[Snapshot]
    """Snapshots that no dossier of the collection (or of the paths given) cites."""


def cited_urls(path: Path, house_rules: HouseRules) -> list[tuple[int, str]]:
    """(line, URL) of each web page `path` cites under `## Sources`, each page once."""
    from dossierlint.decoding import decode
    from dossierlint.files import read_bytes
    from dossierlint.parse import parse

    text = decode(read_bytes(path, display_path(path))).text or ""
    seen: set[str] = set()
    found = []
    for source in parse(text, path.stem, house_rules).dossier.sources:
        url = source.url
        if not url or url_host(url) is None or not url.lower().startswith(("http:", "https:")):
            continue
        key = normalise_url(url)
        if key not in seen:
            seen.add(key)
            found.append((source.line, url))
    return found


def dossier_paths(paths: list[Path], config: Config) -> list[Path]:
    """The dossiers named (folders walked), or the configured collection."""
    from dossierlint.files import discover

    return discover(paths, config.dossiers, config.root)


def build_status(paths: list[Path], config: Config, house_rules: HouseRules, today: date) -> Status:
    """Per dossier of `paths`, each cited page and its snapshot; then the uncited snapshots.

    A snapshot counts as cited when any dossier of the collection cites it, not only
    those named: naming one dossier must not make every other page look orphaned.
    """
    assert config.sources is not None
    store = read_store(config.sources, config.root)
    max_age = config.sources_max_age_days
    dossiers = []
    for path in dossier_paths(paths, config):
        entry = DossierSources(path)
        for line, url in cited_urls(path, house_rules):
            snapshot = store.snapshots.get(normalise_url(url))
            age = (today - snapshot.retrieved).days if snapshot else None
            entry.cited.append(Cited(url, line, snapshot, age, age is not None and age > max_age))
        dossiers.append(entry)
    cited = {normalise_url(c.url) for entry in dossiers for c in entry.cited}
    if paths:
        cited |= _collection_citations(config, house_rules)
    uncited = [s for key, s in sorted(store.snapshots.items()) if key not in cited]
    return Status(store, max_age, dossiers, uncited)


def _collection_citations(config: Config, house_rules: HouseRules) -> set[str]:
    """Normalised URLs the whole collection cites; unreadable files are passed over."""
    cited: set[str] = set()
    try:
        paths = dossier_paths([], config)
    except UsageError:  # no collection folder, or nothing in it
        return cited
    for path in paths:
        try:
            cited.update(normalise_url(url) for _, url in cited_urls(path, house_rules))
        except UsageError:
            continue
    return cited


def status_lines(status: Status) -> list[str]:
    """The text report: each dossier's cited pages, then uncited and unreadable snapshots."""
    lines = []
    for entry in status.dossiers:
        have = sum(1 for cited in entry.cited if cited.snapshot)
        lines.append(
            f"{printable(display_path(entry.path))}: "
            f"{have} of {len(entry.cited)} cited pages have a snapshot"
        )
        lines.extend("  " + _cited_line(cited, status.max_age_days) for cited in entry.cited)
    if status.uncited:
        lines.append(f"snapshots no dossier cites: {len(status.uncited)}")
        for snapshot in status.uncited:
            shown = printable(display_path(snapshot.text_path))
            lines.append(f"  {shown}  {printable(snapshot.url)}")
    if status.store.problems:
        lines.append(f"files left out of {printable(display_path(status.store.folder))}:")
        for problem in status.store.problems:
            lines.append(f"  {printable(display_path(problem.path))}: {problem.reason}")
    return lines


def _cited_line(cited: Cited, max_age: int) -> str:
    url = printable(cited.url)
    if cited.snapshot is None:
        return f"missing   {url}"
    shown = printable(display_path(cited.snapshot.text_path))
    when = cited.snapshot.retrieved.isoformat()
    if cited.stale:
        return f"stale     {url}  {shown} (retrieved {when}, {cited.age_days} days ago > {max_age})"
    return f"snapshot  {url}  {shown} (retrieved {when})"


def status_data(status: Status) -> dict:
    """The JSON report (`sources status --format json`); documented in docs/snapshots.md."""
    return {
        "folder": display_path(status.store.folder),
        "max_age_days": status.max_age_days,
        "dossiers": [
            {
                "path": display_path(entry.path),
                "cited": [
                    {
                        "url": cited.url,
                        "line": cited.line,
                        "snapshot": _snapshot_data(cited.snapshot) if cited.snapshot else None,
                        "age_days": cited.age_days,
                        "stale": cited.stale,
                    }
                    for cited in entry.cited
                ],
            }
            for entry in status.dossiers
        ],
        "uncited": [_snapshot_data(snapshot) for snapshot in status.uncited],
        "problems": [
            {"path": display_path(p.path), "reason": p.reason} for p in status.store.problems
        ],
    }


def _snapshot_data(snapshot: Snapshot) -> dict:
    return {
        "name": snapshot.name,
        "url": snapshot.url,
        "text": display_path(snapshot.text_path),
        "retrieved": snapshot.retrieved.isoformat(),
    }
