"""`dossierlint sources add|fetch|status`: keeping snapshots of the pages dossiers cite.

Exit codes as everywhere: 0 done, 1 some URL could not be fetched, 2 a usage or
input error (one line naming the file or URL and what is wrong).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint.errors import UsageError, printable

if TYPE_CHECKING:
    from datetime import date

    from dossierlint.snapshots.status import Cited, Status
    from dossierlint.snapshots.store import Snapshot

EXIT_CLEAN, EXIT_FAILED = 0, 1

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from this file instead of searching for one.",
)


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group()
def sources() -> None:
    """Snapshots of the pages dossiers cite, kept in the repository (see docs/snapshots.md)."""


@sources.command()
@click.argument("url")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--retrieved",
    callback=_iso_date,
    metavar="YYYY-MM-DD",
    help="When the page was saved (default: today).",
)
@config_option
def add(url: str, file: Path, retrieved: date | None, config_file: Path | None) -> int:
    """Register FILE, a saved copy (HTML or plain text) of the page at URL.

    HTML is reduced to its main text (needs the [sources] extra); text is kept as it
    is. Adding a URL again replaces its snapshot."""
    from dossierlint.config import load_config
    from dossierlint.runner import display_path
    from dossierlint.snapshots.extract import ExtractionError, extract
    from dossierlint.snapshots.store import save_snapshot
    from dossierlint.urls import url_problem

    problem = url_problem(url)
    if problem:
        raise UsageError(f"{url}: {problem}")
    config = load_config(config_file=config_file)
    shown = display_path(file)
    data = _read_page(file, shown)
    try:
        page = extract(data)
    except ExtractionError as error:
        raise UsageError(f"{shown}: {error}") from None
    assert config.sources is not None
    text_path, replaced = save_snapshot(
        config.sources,
        url,
        page.text,
        data,
        content_type=page.content_type,
        extractor=page.extractor,
        title=page.title,
        retrieved=retrieved,
    )
    words = len(page.text.split())
    verb = "replaced the snapshot of" if replaced else "saved"
    click.echo(
        f"{verb} {printable(url)}: {display_path(text_path)} "
        f"({words} words, {page.extractor}); commit it with the dossier"
    )
    return EXIT_CLEAN


def _read_page(path: Path, shown: str) -> bytes:
    """The saved page's bytes: a regular file no larger than the cap, else a usage error."""
    import stat

    from dossierlint.snapshots.extract import MAX_ORIGINAL_BYTES

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"{shown}: no such file") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown}: is a directory, not a saved page")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{shown}: is not a regular file")
    if info.st_size > MAX_ORIGINAL_BYTES:
        raise UsageError(f"{shown}: is larger than {MAX_ORIGINAL_BYTES // (1024 * 1024)} MiB")
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_ORIGINAL_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{shown}: cannot read: {error.strerror or error}") from None


@sources.command()
@click.argument("dossiers", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01, max=600),
    default=20.0,
    show_default=True,
    help="Seconds to wait for a connection or for data; a whole download may take 4 times this.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch URLs on IP addresses, localhost or other non-public hosts (an intranet).",
)
@config_option
def fetch(
    dossiers: tuple[Path, ...], timeout: float, allow_private: bool, config_file: Path | None
) -> int:
    """Download the cited pages of DOSSIERS (default: all) that have no snapshot yet.

    One line per URL: saved, skipped (has a snapshot) or failed with the reason.
    Exits 1 when any download failed. `check` never downloads anything."""
    from dossierlint.config import load_config
    from dossierlint.houserules import load_house_rules
    from dossierlint.runner import display_path
    from dossierlint.snapshots.extract import ExtractionError, extract
    from dossierlint.snapshots.fetch import FetchError, download, open_client
    from dossierlint.snapshots.status import cited_urls, dossier_paths
    from dossierlint.snapshots.store import read_store, save_snapshot
    from dossierlint.urls import normalise_url

    _require("httpx", "trafilatura")
    config = load_config(config_file=config_file)
    house_rules = load_house_rules(config.house_rules)
    assert config.sources is not None
    have = read_store(config.sources, config.root).snapshots
    urls: dict[str, str] = {}
    for path in dossier_paths(list(dossiers), config):
        for _, url in cited_urls(path, house_rules):
            urls.setdefault(normalise_url(url), url)
    failed = 0
    with open_client(timeout) as client:
        for key, url in urls.items():
            shown = printable(url)
            if key in have:
                name = display_path(have[key].text_path)
                click.echo(f"skipped: {shown}: has snapshot {name}")
                continue
            try:
                page = download(client, url, allow_private=allow_private)
                content = extract(page.data, page.content_type)
            except (FetchError, ExtractionError) as error:
                failed += 1
                click.echo(f"failed: {shown}: {printable(str(error))}")
                continue
            text_path, _ = save_snapshot(
                config.sources,
                url,
                content.text,
                page.data,
                content_type=content.content_type,
                extractor=content.extractor,
                title=content.title,
            )
            click.echo(f"saved: {shown}: {display_path(text_path)}")
    if not urls:
        click.echo("no cited web pages found")
    return EXIT_FAILED if failed else EXIT_CLEAN


def _require(*modules: str) -> None:
    """A usage error naming the extra to install when an optional library is missing."""
    import importlib

    from dossierlint.snapshots.extract import INSTALL_HINT

    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise UsageError(f"sources fetch needs {' and '.join(missing)}: {INSTALL_HINT}")


@sources.command()
@click.argument("dossiers", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@config_option
def status(dossiers: tuple[Path, ...], output_format: str, config_file: Path | None) -> int:
    """Which cited pages of DOSSIERS (default: all) have snapshots, which snapshots no
    dossier cites, and which are older than `sources-max-age-days`."""
    import json
    from datetime import date

    from dossierlint.config import load_config
    from dossierlint.houserules import load_house_rules
    from dossierlint.snapshots.status import build_status

    config = load_config(config_file=config_file)
    house_rules = load_house_rules(config.house_rules)
    report = build_status(list(dossiers), config, house_rules, date.today())
    if output_format == "json":
        click.echo(json.dumps(_status_json(report), indent=2, ensure_ascii=False))
    else:
        for line in _status_text(report):
            click.echo(line)
    return EXIT_CLEAN


def _status_text(report: Status) -> list[str]:
    from dossierlint.runner import display_path

    lines = []
    for entry in report.dossiers:
        have = sum(1 for cited in entry.cited if cited.snapshot)
        lines.append(
            f"{printable(display_path(entry.path))}: "
            f"{have} of {len(entry.cited)} cited pages have a snapshot"
        )
        for cited in entry.cited:
            lines.append("  " + _cited_line(cited, report.max_age_days))
    if report.uncited:
        lines.append(f"snapshots no dossier cites: {len(report.uncited)}")
        for snapshot in report.uncited:
            shown = printable(display_path(snapshot.text_path))
            lines.append(f"  {shown}  {printable(snapshot.url)}")
    if report.store.problems:
        lines.append(f"files left out of {display_path(report.store.folder)}:")
        for problem in report.store.problems:
            lines.append(f"  {printable(display_path(problem.path))}: {problem.reason}")
    return lines


def _cited_line(cited: Cited, max_age: int) -> str:
    from dossierlint.runner import display_path

    url = printable(cited.url)
    if cited.snapshot is None:
        return f"missing   {url}"
    shown = printable(display_path(cited.snapshot.text_path))
    when = cited.snapshot.retrieved.isoformat()
    if cited.stale:
        return f"stale     {url}  {shown} (retrieved {when}, {cited.age_days} days ago > {max_age})"
    return f"snapshot  {url}  {shown} (retrieved {when})"


def _status_json(report: Status) -> dict:
    from dossierlint.runner import display_path

    def snapshot_data(snapshot: Snapshot) -> dict:
        return {
            "name": snapshot.name,
            "url": snapshot.url,
            "text": display_path(snapshot.text_path),
            "retrieved": snapshot.retrieved.isoformat(),
        }

    return {
        "folder": display_path(report.store.folder),
        "max_age_days": report.max_age_days,
        "dossiers": [
            {
                "path": display_path(entry.path),
                "cited": [
                    {
                        "url": cited.url,
                        "line": cited.line,
                        "snapshot": snapshot_data(cited.snapshot) if cited.snapshot else None,
                        "age_days": cited.age_days,
                        "stale": cited.stale,
                    }
                    for cited in entry.cited
                ],
            }
            for entry in report.dossiers
        ],
        "uncited": [snapshot_data(snapshot) for snapshot in report.uncited],
        "problems": [
            {"path": display_path(p.path), "reason": p.reason} for p in report.store.problems
        ],
    }
