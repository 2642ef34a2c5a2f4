"""`check --watch`: check, then check again whenever a dossier or a setting changes.

Changes are found by polling `os.stat` (size, modification time, inode) of the
dossiers and the settings files twice a second: no dependency, and the same on
every platform and file system. Settings are read afresh for every run, so an
edit to the config or house rules applies at once; a run that fails (a broken
config mid-edit) is reported and the watch goes on. Ctrl-C ends it, exit 0.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import click

from dossierlint.config import CONFIG_FILES
from dossierlint.errors import UsageError, printable
from dossierlint.files import SKIPPED_FOLDERS
from dossierlint.findings import Report
from dossierlint.linter import Linter

POLL_SECONDS = 0.5
Stamps = dict[str, tuple[int, int, int] | None]


def watch_and_check(
    build: Callable[[], Linter], paths: list[Path], show: Callable[[Report], None]
) -> None:
    """Run `build().check(paths)` and `show` its report now and after every change."""
    click.echo("Watching for file changes (Ctrl-C to stop).", err=True)
    targets = _targets(None, paths)
    previous: Stamps | None = None
    try:
        while True:
            current = _stamps(targets)
            if current != previous:
                if previous is not None:
                    click.echo("File change detected; checking again.", err=True)
                linter = _build_or_none(build)
                if linter is not None:
                    targets = _targets(linter, paths)
                    current = _stamps(targets)  # before the run: a change during it counts
                    _run(linter, paths, show)
                previous = current
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        click.echo("Stopped watching.", err=True)


def _build_or_none(build: Callable[[], Linter]) -> Linter | None:
    try:
        return build()
    except UsageError as error:
        click.echo(f"dossierlint: error: {printable(str(error))}", err=True)
        return None


def _run(linter: Linter, paths: list[Path], show: Callable[[Report], None]) -> None:
    try:
        report = linter.check(paths)
    except UsageError as error:
        click.echo(f"dossierlint: error: {printable(str(error))}", err=True)
        return
    show(report)


def _targets(linter: Linter | None, paths: list[Path]) -> list[Path]:
    """The paths to check, or the dossiers folder, and every file settings come from."""
    root = linter.config.root if linter else Path.cwd()
    targets = list(paths) or ([linter.config.dossiers] if linter else [])
    targets += [root / name for name in CONFIG_FILES]
    if linter and linter.config.source:
        targets.append(linter.config.source)
    if linter and linter.config.house_rules:
        targets.append(Path(linter.config.house_rules))
    return targets


def _stamps(targets: list[Path]) -> Stamps:
    """(size, modification time, inode) of each watched file; None for one that is gone."""
    stamps: Stamps = {}
    for target in targets:
        if target.is_dir():
            for folder, folders, files in os.walk(target):
                folders[:] = [name for name in folders if name not in SKIPPED_FOLDERS]
                for name in files:
                    if name.endswith(".md"):
                        _stamp(os.path.join(folder, name), stamps)
        else:
            _stamp(os.fspath(target), stamps)
    return stamps


def _stamp(path: str, stamps: Stamps) -> None:
    try:
        status = os.stat(path)
    except OSError:
        stamps[path] = None
        return
    stamps[path] = (status.st_size, status.st_mtime_ns, status.st_ino)
