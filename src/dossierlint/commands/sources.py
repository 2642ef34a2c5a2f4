"""`dossierlint sources add|fetch|status`: snapshots of the pages dossiers cite.

Exit codes as everywhere: 0 done, 1 some URL could not be fetched, 2 a usage or
input error (one line naming the file or URL and what is wrong). The work is in
`dossierlint.snapshots`; the format is described in docs/snapshots.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FINDINGS, load_settings
from dossierlint.commands.options import config_option
from dossierlint.errors import UsageError, printable

if TYPE_CHECKING:
    from datetime import date

    from dossierlint.config import Config

_HTML = "text/html"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


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
    from dossierlint.files import display_path
    from dossierlint.grammar.urls import url_problem
    from dossierlint.snapshots.extract import ExtractionError, extract
    from dossierlint.snapshots.store import save_snapshot

    problem = url_problem(url)
    if problem:
        raise UsageError(f"{url}: {problem}")
    config = load_config(config_file=config_file)
    folder = _snapshot_folder(config)
    shown = display_path(file)
    data = _read_page(file, shown)
    try:
        page = extract(data, _HTML if file.suffix.lower() in _HTML_SUFFIXES else None)
    except ExtractionError as error:
        raise UsageError(f"{shown}: {error}") from None
    try:
        text_path, replaced = save_snapshot(
            folder,
            url,
            page.text,
            data,
            content_type=page.content_type,
            extractor=page.extractor,
            title=page.title,
            retrieved=retrieved,
        )
    except OSError as error:
        raise UsageError(
            f"{display_path(folder)}: cannot write: {error.strerror or error}"
        ) from None
    verb = "replaced the snapshot of" if replaced else "saved"
    click.echo(
        f"{verb} {printable(url)}: {display_path(text_path)} "
        f"({len(page.text.split())} words, {page.extractor}); commit it with the dossier"
    )
    return EXIT_CLEAN


def _snapshot_folder(config: Config) -> Path:
    """The configured snapshot folder, if snapshots may be written there."""
    from dossierlint.files import display_path
    from dossierlint.snapshots.store import folder_problem

    assert config.sources is not None
    problem = folder_problem(config.sources, config.root)
    if problem:
        raise UsageError(f"{display_path(config.sources)}: {problem}")
    return config.sources


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
    _require("httpx", "trafilatura")
    from dossierlint.files import display_path
    from dossierlint.grammar.urls import normalise_url
    from dossierlint.snapshots.fetch import fetch_missing
    from dossierlint.snapshots.status import cited_urls, dossier_paths
    from dossierlint.snapshots.store import read_store

    config, house_rules = load_settings(config_file)
    folder = _snapshot_folder(config)
    urls: dict[str, str] = {}
    for path in dossier_paths(list(dossiers), config):
        for _, url in cited_urls(path, house_rules):
            urls.setdefault(normalise_url(url), url)
    if not urls:
        click.echo("no cited web pages found")
        return EXIT_CLEAN
    have = read_store(folder, config.root).snapshots
    failed = False
    lines = fetch_missing(
        list(urls.values()), have, folder, timeout=timeout, allow_private=allow_private
    )
    try:
        for line, failure in lines:
            click.echo(line)
            failed = failed or failure
    except OSError as error:
        raise UsageError(
            f"{display_path(folder)}: cannot write: {error.strerror or error}"
        ) from None
    return EXIT_FINDINGS if failed else EXIT_CLEAN


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

    from dossierlint.snapshots.status import build_status, status_data, status_lines

    config, house_rules = load_settings(config_file)
    report = build_status(list(dossiers), config, house_rules, date.today())
    if output_format == "json":
        click.echo(json.dumps(status_data(report), indent=2, ensure_ascii=False))
    else:
        for line in status_lines(report):
            click.echo(line)
    return EXIT_CLEAN
