"""Finding dossier files and reading them safely, and the paths shown for them."""

from __future__ import annotations

import operator
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from dossierlint.errors import UsageError

MAX_SETTINGS_BYTES = 1024 * 1024
"""A configuration or house-rules file larger than this is refused unread."""
SKIPPED_FOLDERS = frozenset({".git", "node_modules", ".dossierlint_cache", ".venv", "__pycache__"})
MAX_FILE_BYTES = 32 * 1024 * 1024
"""Default size above which a dossier is not read (`max-file-size`): the reference is
about 25 kB, and a file of gigabytes would be read whole into memory."""
_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def discover(paths: list[Path], dossiers: Path, root: Path) -> list[Path]:
    """Dossier files named by `paths` (folders are walked for `*.md`), in a stable order.

    With no `paths`, the `dossiers` folder; `root` is the project folder links may not leave.
    """
    found: dict[Path, None] = {}
    for path in paths or [dossiers]:
        if path.is_dir():
            found.update(dict.fromkeys(walk_dossiers(path, root)))
        elif path.exists() or path.is_symlink():
            found[path] = None
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not found:
        where = ", ".join(str(p) for p in paths) if paths else str(dossiers)
        raise UsageError(f"{where}: no dossiers (*.md files) found")
    return list(found)


def walk_dossiers(folder: Path, root: Path) -> list[Path]:
    """`*.md` files under `folder`, as `walk_dossier_paths` finds them."""
    return [Path(path) for path in walk_dossier_paths(folder, root)]


def walk_dossier_paths(folder: Path, root: Path, beyond: list[str] | None = None) -> list[str]:
    """`*.md` files under `folder`, not following links out of the project or into loops.

    The project is the root folder, or `folder` itself when it lies outside the root.
    A link to a file is followed only when its target is inside the project too.
    Folders are visited in order, each one's files (sorted) before its subfolders'
    (sorted), as `os.walk` would; what `scandir` knows of an entry is used rather
    than asked of the file system again (one call per file less in a large collection).
    Paths as strings: a `Path` per file would cost as much as the walk itself.
    `beyond`, if given, receives the subfolders walked and the links to `*.md` files
    met: without them, the result depends only on `folder`'s own entries.
    """
    results: list[str] = []
    top = os.path.realpath(folder)
    root_real = os.path.realpath(root)
    boundary = root_real if _within(top, root_real) else top
    seen: set[str] = set()
    pending = [os.fspath(folder)]
    while pending:
        directory = pending.pop()
        real = os.path.realpath(directory)
        if real in seen or not _within(real, boundary):
            continue
        seen.add(real)
        files, subdirs = _listing(directory)
        for entry in files:
            if not entry.name.endswith(".md"):
                continue
            if not entry.is_symlink():
                results.append(entry.path)
                continue
            if beyond is not None:
                beyond.append(entry.path)
            if _within(os.path.realpath(entry.path), boundary):
                results.append(entry.path)
        walked = [d.path for d in subdirs if d.name not in SKIPPED_FOLDERS]
        if beyond is not None:
            beyond += walked
        pending += reversed(walked)
    return results


def _listing(directory: str) -> tuple[list[os.DirEntry], list[os.DirEntry]]:
    """The files and the folders (links to folders included) of `directory`, each sorted
    by name; nothing for a folder that cannot be read."""
    files, folders = [], []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                (folders if is_folder else files).append(entry)
    except OSError:
        return [], []
    return sorted(files, key=_NAME), sorted(folders, key=_NAME)


_NAME = operator.attrgetter("name")


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_at_most(file: BinaryIO, size: int, limit: int) -> bytes:
    """At most `limit + 1` bytes of an open file that `fstat` said holds `size`.

    `file.read(limit + 1)` would allocate a buffer of the limit's size for every
    file (32 MiB for a dossier) before trimming it: for 2,000 dossiers of 25 kB
    that is 70 ms of a run. The size given, and one byte more to notice a file
    that grew since, is read first; only a grown file is read on to the limit.
    """
    data = file.read(min(size, limit) + 1)
    if size < len(data) <= limit:
        data += file.read(limit + 1 - len(data))
    return data


def read_bytes(
    path: Path, shown: str, limit: int = MAX_FILE_BYTES, what: str = "a dossier"
) -> bytes:
    """The file's bytes; a file that cannot be read is a usage error naming it.

    Only regular files are read, and the file is opened without blocking: a FIFO
    named `x.md` would otherwise hang the run (a pre-commit hook, a CI job) forever.
    A file larger than `limit` bytes is refused as too large, unread.
    """
    try:
        kind = not_a_file(os.stat(path).st_mode)
        if kind:
            raise UsageError(f"{shown}: is {kind}, not {what}")
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCKING)
        with open(descriptor, "rb") as file:
            status = os.fstat(descriptor)
            kind = not_a_file(status.st_mode)  # replaced since the stat?
            if kind:
                raise UsageError(f"{shown}: is {kind}, not {what}")
            data = read_at_most(file, status.st_size, limit)
            if status.st_size > limit or len(data) > limit:
                raise UsageError(f"{shown}: too large ({status.st_size:,} bytes; limit {limit:,})")
            return data
    except FileNotFoundError:
        what = "a dangling symbolic link" if path.is_symlink() else "no such file"
        raise UsageError(f"{shown}: {what}") from None
    except PermissionError:
        raise UsageError(f"{shown}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{shown}: cannot read: {error.strerror or error}") from None


def read_toml(path: Path, what: str = "a settings file") -> dict[str, Any]:
    """A TOML file's data: a regular file of at most MAX_SETTINGS_BYTES, sanely nested."""
    import tomllib

    data = read_bytes(path, str(path), MAX_SETTINGS_BYTES, what)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise UsageError(f"{path}: invalid TOML: nested too deeply") from None


def not_a_file(mode: int) -> str | None:
    """What a path is when it is not a regular file ("a directory", "a FIFO", ...)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"
