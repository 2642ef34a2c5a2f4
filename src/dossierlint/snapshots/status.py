"""Which cited pages have snapshots: the logic behind `sources status` and `sources fetch`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dossierlint.config import Config
from dossierlint.houserules import HouseRules
from dossierlint.snapshots.store import Snapshot, Store, read_store
from dossierlint.urls import normalise_url, url_host


@dataclass(frozen=True, slots=True)
class Cited:
    """A page a dossier cites, and its snapshot if the store has one."""

    url: str
    line: int
    snapshot: Snapshot | None
    age_days: int | None
    stale: bool


@dataclass(slots=True)
class DossierSources:
    path: Path
    cited: list[Cited] = field(default_factory=list)


@dataclass(slots=True)
class Status:
    store: Store
    max_age_days: int
    dossiers: list[DossierSources]
    uncited: list[Snapshot]
    """Snapshots that no dossier of the collection (or of the paths given) cites."""


def cited_urls(path: Path, house_rules: HouseRules) -> list[tuple[int, str]]:
    """(line, URL) of each web page `path` cites under `## Sources`, each page once."""
    from dossierlint.parse import parse
    from dossierlint.runner import display_path, read_bytes
    from dossierlint.source import decode

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
    from dossierlint.runner import discover

    return discover(paths, config)


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
    from dossierlint.errors import UsageError

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
