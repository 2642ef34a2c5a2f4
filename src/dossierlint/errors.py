"""Errors that end a run with exit code 2: the user's setup, not a dossier, is wrong."""


class UsageError(Exception):
    """A configuration, house-rules or command-line problem; str() is the one-line message."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached the main process: the run ends as Ctrl-C ends it
    (workers stopped, temp files removed), with exit code 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def printable(text: str) -> str:
    """`text` with control and invisible characters escaped (`\\x1b`, `\\u2028`, `\\udcff`).

    Messages quote file names and dossier text; escaped, a message stays on one
    line, cannot drive the terminal, and encodes on any stream.
    """
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode()
        for char in text
    )
