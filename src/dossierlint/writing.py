"""Writing files without losing a byte: a temp file beside the target, then os.replace.

Signals that end the run (SIGINT, SIGTERM, SIGHUP) are held while a file is
written: they take effect once the file is complete and no temp file is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

_HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


class ChangedOnDisk(Exception):
    """The file is no longer what was read: someone saved it meanwhile."""


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Delay SIGINT, SIGTERM and SIGHUP until the block is done (they are then delivered)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to hold
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Replace `path` with `data` in one step; keep the old file's permission bits.

    With `overwrite=False` the file is created only if nothing is at `path`
    (FileExistsError otherwise), checked in the same step that creates it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if overwrite and path.exists() else _new_file_mode()
    with signals_held():
        temp = _temp_with(path, data, mode)
        try:
            if overwrite:
                os.replace(temp, path)
            else:
                _create_from(temp, path)
        except BaseException:
            _remove(temp)
            raise


def rewrite(path: Path, expected: bytes, data: bytes) -> None:
    """Make the regular file `path` hold `data` instead of `expected`; ChangedOnDisk if its
    bytes are no longer `expected`, compared the moment before it is replaced.

    A file with one name is replaced atomically by a temp file given its owner, group
    and permission bits. A file with several hard links is written in place, so every
    name keeps showing the same file (as editors do); the check and the write then go
    through the same open file.
    """
    status = os.stat(path)
    if status.st_nlink > 1 or not _can_own_like(status):
        _rewrite_in_place(path, expected, data)
        return
    with signals_held():
        temp = _temp_with(path, data, stat.S_IMODE(status.st_mode))
        try:
            os.chown(temp, status.st_uid, status.st_gid)
            if _bytes_of(path) != expected:
                raise ChangedOnDisk(path)
            os.replace(temp, path)
        except BaseException:
            _remove(temp)
            raise


def _rewrite_in_place(path: Path, expected: bytes, data: bytes) -> None:
    descriptor = os.open(path, os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with open(descriptor, "r+b") as file, signals_held():
        if not stat.S_ISREG(os.fstat(descriptor).st_mode) or file.read() != expected:
            raise ChangedOnDisk(path)
        file.seek(0)
        file.write(data)
        file.truncate()
        file.flush()
        os.fsync(descriptor)


def _can_own_like(status: os.stat_result) -> bool:
    """Whether a new file of ours can take the owner and group of `status` (root, or ours)."""
    return os.geteuid() == 0 or (
        status.st_uid == os.geteuid() and status.st_gid in (os.getegid(), *os.getgroups())
    )


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _temp_with(path: Path, data: bytes, mode: int) -> str:
    """A temp file beside `path` holding `data`, flushed to disk, with permission bits `mode`."""
    import tempfile  # here, not at the top: `check` imports this module and rarely writes

    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(temp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)


def _create_from(temp: str, path: Path) -> None:
    """Give the finished temp file the name `path` unless something already has it."""
    try:
        os.link(temp, path)  # fails with FileExistsError if the name is taken, even by a link
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


def _new_file_mode() -> int:
    """What open() would give a new file (0o666 less the umask); mkstemp's 0o600 is too tight."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
