"""`dossierlint report`: write the static HTML report, say where, maybe open a browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FAILURE, load_settings
from dossierlint.commands.options import config_option
from dossierlint.errors import printable


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site into (created; a non-empty folder needs --force).",
)
@click.option("--force", is_flag=True, help="Write into a non-empty folder not made by report.")
@click.option("--open", "open_browser", is_flag=True, help="Open the index in the browser.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes.")
@config_option
def report(
    paths: tuple[Path, ...],
    out: Path,
    force: bool,
    open_browser: bool,
    jobs: int | None,
    config_file: Path | None,
) -> int:
    """Write a static HTML report: collection health, links, a timeline per dossier.

    Exit 0 when every dossier is in the report, 2 when some could not be read."""
    from dossierlint.htmlreport.build import build_report

    config, house_rules = load_settings(config_file)
    built = build_report(list(paths), out, config, house_rules, force=force, jobs=jobs)
    for message in built.errors:
        click.echo(f"dossierlint: error: {printable(message)}", err=True)
    click.echo(f"wrote {printable(str(built.index))} ({built.dossiers} dossiers)")
    if open_browser:
        _open(built.index.resolve())
    return EXIT_FAILURE if built.errors else EXIT_CLEAN


def _open(index: Path) -> None:
    """Open the index in the desktop's browser; say so when there is no desktop."""
    desktop = sys.platform in ("darwin", "win32") or any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY")
    )
    if not desktop:
        click.echo(f"no desktop to open a browser on; open {index.as_uri()}", err=True)
        return
    import webbrowser

    if not webbrowser.open(index.as_uri()):
        click.echo(f"could not start a browser; open {index.as_uri()}", err=True)
