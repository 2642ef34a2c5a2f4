"""Writing files without losing a byte: a temp file beside the target, then os.replace."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Replace `path` with `data` in one step; keep the old file's permission bits.

    With `overwrite=False` the file is created only if nothing is at `path`
    (FileExistsError otherwise), checked in the same step that creates it.
    """
    import tempfile  # here, not at the top: `check` imports this module and rarely writes

    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if overwrite and path.exists() else _new_file_mode()
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        if overwrite:
            os.replace(temp, path)
        else:
            _create_from(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


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
