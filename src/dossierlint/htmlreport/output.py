"""The report's folder: claimed with a marker file, written atomically, never left through a link.

Every file is written to a temporary name beside it and renamed over the old
one, so a reader never sees half a page. Unlike `writing.write_atomically`,
pages are not fsynced one by one: they are derived output, written again by
the next run, and an fsync per page made 200 pages take 13 s instead of 5 s
on the benchmark machine (BENCHMARKS.md, "Report").

A folder the report did not create may hold someone's work: it is written
into only when empty, or with --force. Once written, the marker file says the
folder is the report's, and later runs replace its pages (and remove the pages
of dossiers that are gone) without asking.
"""

from __future__ import annotations

import os
from pathlib import Path

from dossierlint.errors import UsageError

MARKER = ".dossierlint-report"
_MARKER_TEXT = (
    b"This folder is written by 'dossierlint report'; its pages are replaced on each run.\n"
)


class Site:
    """A report folder that has been checked and claimed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real = os.path.realpath(root)
        self.written: set[str] = set()

    @classmethod
    def claim(cls, out: Path, *, force: bool) -> Site:
        """Make sure `out` may be written; UsageError naming it if not."""
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out}: exists and is not a folder")
        if out.is_dir():
            names = os.listdir(out)
            if names and MARKER not in names and not force:
                raise UsageError(
                    f"{out}: folder is not empty and was not written by 'dossierlint report'; "
                    "choose another --out or use --force"
                )
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"{out}: cannot create: {error.strerror or error}") from None
        site = cls(out)
        site.write(MARKER, _MARKER_TEXT)
        return site

    def write(self, relative: str, data: bytes) -> None:
        """Write `relative` (a `/`-separated path) inside the folder, atomically."""
        target = self.root.joinpath(*relative.split("/"))
        self._check_inside(target)
        try:
            _replace(target, data)
        except OSError as error:
            raise UsageError(f"{target}: cannot write: {error.strerror or error}") from None
        self.written.add(relative)

    def remove_stale(self, folder: str, suffix: str) -> None:
        """Delete the files of `folder` ending in `suffix` that this run did not write."""
        directory = self.root / folder
        if directory.is_symlink() or not directory.is_dir():
            return
        for entry in os.scandir(directory):
            stale = f"{folder}/{entry.name}" not in self.written
            if stale and entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)

    def _check_inside(self, target: Path) -> None:
        """Every folder between the root and `target` must be a real folder inside the root,
        and `target` itself not a link: a link is never written through."""
        current = self.root
        for part in target.relative_to(self.root).parts[:-1]:
            current = current / part
            if current.is_symlink():
                raise UsageError(f"{current}: is a symbolic link; not writing through it")
        if target.is_symlink():
            raise UsageError(f"{target}: is a symbolic link; not writing through it")
        real = os.path.realpath(target.parent)
        if real != self._real and not real.startswith(self._real.rstrip(os.sep) + os.sep):
            raise UsageError(f"{target}: lies outside {self.root}")


def _replace(target: Path, data: bytes) -> None:
    """Write `data` to a new file beside `target`, then rename it over `target`."""
    target.parent.mkdir(exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(temp, flags, 0o666)
        with open(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise
