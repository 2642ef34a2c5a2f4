"""TOML data files kept as JSON beside them, so a run does not parse them again.

The shipped tables (`house-rules.toml`, `reliability.toml`) are read by every
`check`, and parsing them with tomllib costs more than the rest of the set-up.
Like Python's bytecode, a parsed file is kept in a `__pycache__` folder beside
it, as `<name>.json`, together with the file's path, modification time and
size; a later run uses the copy only when all three still match. JSON holds
exactly what these tables hold (tables, arrays, strings, numbers, booleans); a
document with a TOML date, or anything else JSON cannot hold, is not kept.

The copy is data, never code: no pickle, and it is read only through
`json.loads`. A copy that is malformed, of another format, a symbolic link, or
in a `__pycache__` that is a symbolic link is ignored. Writing is skipped when
Python is told not to write bytecode (`PYTHONDONTWRITEBYTECODE`, `-B`) and when
the folder is not writable; either way the caller's own parse is the answer.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from typing import Any

FORMAT = 1
FOLDER = "__pycache__"


def cached_data(path: str, parse: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`parse()` of the file at `path`, or the kept copy of it when the file is unchanged.

    `parse` reads and parses `path` itself, so its errors are the caller's own.
    """
    try:
        info = os.stat(path)
    except OSError:
        return parse()
    source = os.path.abspath(path)
    stamp = {"format": FORMAT, "path": source, "mtime_ns": info.st_mtime_ns, "size": info.st_size}
    copy = os.path.join(os.path.dirname(source), FOLDER, os.path.basename(source) + ".json")
    data = _read_copy(copy, stamp)
    if data is None:
        data = parse()
        if not sys.dont_write_bytecode:
            _write_copy(copy, stamp, data)
    return data


def _read_copy(copy: str, stamp: dict[str, Any]) -> dict[str, Any] | None:
    if not _is_real_folder(os.path.dirname(copy)):
        return None
    try:
        handle = os.open(copy, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            raw = stream.read()
    except OSError:
        return None
    import json  # here: a run that finds no copy never needs it

    try:
        kept = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(kept, dict) or not isinstance(kept.get("data"), dict):
        return None
    if any(kept.get(key) != value for key, value in stamp.items()):
        return None
    return kept["data"]


def _write_copy(copy: str, stamp: dict[str, Any], data: dict[str, Any]) -> None:
    import json
    from pathlib import Path

    from dossierlint.writing import write_atomically

    try:
        text = json.dumps({**stamp, "data": data}, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError):  # a TOML date or time, or a float JSON cannot hold
        return
    folder = os.path.dirname(copy)
    try:
        if not os.path.lexists(folder):
            os.mkdir(folder)
        if _is_real_folder(folder) and not os.path.islink(copy):
            write_atomically(Path(copy), text.encode("utf-8"))
    except OSError:
        return


def _is_real_folder(folder: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False
