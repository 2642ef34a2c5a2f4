"""A progress line on stderr for long `check` runs on a terminal.

Only when stderr is a terminal and `CI` is not set: a pipe, a file or a CI log
never gets it (the carriage returns would be noise there). Short runs never
show it either; the line is erased when the run ends, so the report that
follows is what stays on screen.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MIN_FILES = 200
"""Runs of fewer files end before a progress line would help."""
INTERVAL = 0.2
"""Seconds between redraws."""


class Progress:
    """Counts files done and redraws `checked N/TOTAL files` at most every INTERVAL."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self._drawn = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._drawn >= INTERVAL:
            self._drawn = now
            percent = 100 * self.done // self.total
            self.stream.write(f"\rchecked {self.done}/{self.total} files ({percent}%)")
            self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def on_terminal(total: int, stream: TextIO | None = None) -> Progress | None:
    """A Progress for `total` files when stderr is a terminal outside CI, else None."""
    stream = stream or sys.stderr
    if total < MIN_FILES or os.environ.get("CI") or not stream.isatty():
        return None
    return Progress(stream, total)
