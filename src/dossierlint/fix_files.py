"""`check --fix` and `check --diff` on files: read each once, fix in memory, write only a change.

A file is written only when fixing changed it, only if its bytes on disk are
still the ones that were read (an editor may have saved it meanwhile), never
when it is read-only; atomically, or in place when it has several hard links
(`writing.rewrite`). A file that cannot be written
is an error naming it; the other files are still fixed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint import text
from dossierlint.collection_index import Collection
from dossierlint.edits import MAX_ROUNDS, Fixed, fix_bytes
from dossierlint.errors import UsageError, printable
from dossierlint.files import display_path, read_bytes
from dossierlint.findings import Finding, Report
from dossierlint.records import Record, field
from dossierlint.writing import ChangedOnDisk, rewrite

if TYPE_CHECKING:
    from dossierlint.linter import Linter


class FileFix(Record):
    """One file: the bytes as read and as fixed."""

    path: Path
    shown: str
    original: bytes
    result: Fixed

    @property
    def changed(self) -> bool:
        return self.result.data != self.original


class FixRun(Record):
    report: Report
    """What remains: in the fixed files (or, with --diff, what would remain)."""
    fixed: int = 0
    changed: list[FileFix] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def fix_file(linter: Linter, path: Path, collection: Collection | None, unsafe: bool) -> FileFix:
    """Read `path` once and fix its bytes in memory; nothing is written."""
    shown = display_path(path)
    original = read_bytes(path, shown, linter.config.max_file_size)
    result = fix_bytes(original, lambda data: linter.lint_data(path, data, collection), unsafe)
    return FileFix(path, shown, original, result)


def write_fix(fix: FileFix) -> None:
    """Write the fixed bytes over the file, unless it changed on disk or is read-only.

    A link is followed, so the file it points at is fixed and the link kept. The
    bytes on disk are compared with the ones read the moment before the file is
    replaced (see `writing.rewrite`, which also keeps hard links, owner and mode).
    """
    target = Path(os.path.realpath(fix.path))
    try:
        if _read_only(target):
            raise UsageError(f"{fix.shown}: file is read-only; not written")
        rewrite(target, fix.original, fix.result.data)
    except (ChangedOnDisk, FileNotFoundError):
        raise UsageError(f"{fix.shown}: changed on disk while fixing; not written") from None
    except OSError as error:
        raise UsageError(f"{fix.shown}: cannot write: {error.strerror or error}") from None


def _read_only(path: Path) -> bool:
    """No write permission for us, or none for anyone (which binds root too, by intent)."""
    return not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)


def fix_paths(linter: Linter, paths: list[Path], *, unsafe: bool, write: bool) -> FixRun:
    """Fix every dossier under `paths`; write the changed ones when `write`."""
    files, collection = linter.prepare(paths)
    run = FixRun(Report())
    for path in files:
        try:
            fix = fix_file(linter, path, collection, unsafe)
        except UsageError as error:
            run.report.errors.append(str(error))
            continue
        except Exception as error:  # a bug on one file must not leave the others unfixed
            if os.environ.get("DOSSIERLINT_DEBUG"):
                raise
            run.report.errors.append(
                f"{display_path(path)}: internal error: {type(error).__name__}: {error}"
            )
            continue
        run.report.files_checked += 1
        if not fix.result.settled:
            run.warnings.append(
                f"{fix.shown}: fixes still changing the file after {MAX_ROUNDS} rounds; "
                "please report this"
            )
        if fix.changed and write:
            try:
                write_fix(fix)
            except UsageError as error:
                run.report.errors.append(str(error))
                run.report.findings += linter.lint_data(path, fix.original, collection)
                continue
        if fix.changed:
            run.fixed += fix.result.fixed
            run.changed.append(fix)
        run.report.findings += fix.result.remaining
    run.report.findings.sort(key=Finding.sort_key)
    return run


def unified_diff(fix: FileFix) -> str:
    """The change as a unified diff, safe to print; lines keep their own endings."""
    return text.printable_diff(
        text.unified_diff(
            fix.original.decode("utf-8"), fix.result.data.decode("utf-8"), printable(fix.shown)
        )
    )
