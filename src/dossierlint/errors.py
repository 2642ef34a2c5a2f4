"""Errors that end a run with exit code 2: the user's setup, not a dossier, is wrong."""


class UsageError(Exception):
    """A configuration, house-rules or command-line problem; str() is the one-line message."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached the main process: the run ends as Ctrl-C ends it
    (workers stopped, temp files removed), with exit code 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def printable(text: str, keep: str = "") -> str:
    """`text` with control and invisible characters escaped (`\\x1b`, `\\u2028`, `\\udcff`),
    except those in `keep`.

    Messages quote file names and dossier text; escaped, a message stays on one
    line, cannot drive the terminal, and encodes on any stream. This is the one
    escaping function of every output for people (text, diff, stderr); the
    machine formats escape as their syntax requires (GitHub workflow commands
    on top of this one, JSON and SARIF by their encoders).
    """
    if text.isprintable():
        return text
    return "".join(
        char
        if char.isprintable() or char in keep
        else char.encode("unicode_escape", "backslashreplace").decode()
        for char in text
    )


_DRIVES_A_TERMINAL = frozenset({"Cc", "Zl", "Zp", "Cs"})
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def printable_text(text: str, keep: str = "\t") -> str:
    """Dossier text shown as it is (a diff's lines): only what could drive a terminal,
    break a line or reorder it is escaped (control characters, line and paragraph
    separators, bidirectional controls, lone surrogates), except those in `keep`.
    No-break and thin spaces or soft hyphens stay, so that the diff still applies."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        char.encode("unicode_escape", "backslashreplace").decode()
        if char not in keep
        and (char in _BIDI_CONTROLS or unicodedata.category(char) in _DRIVES_A_TERMINAL)
        else char
        for char in text
    )


def log_line(line: str) -> str:
    """`line` (already printable) as a CI log must see it: never a GitHub workflow command.

    The runner takes any line that starts with `::` after leading whitespace as a
    command (`::error::...`, `::add-mask::...`); a line from a file name or a dossier
    that would is shown with its first colon escaped.
    """
    if not line[:1].isspace() and not line.startswith("::"):
        return line
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    return line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
