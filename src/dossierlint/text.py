"""Lines as CommonMark splits them (at `\\n`, `\\r\\n` and `\\r`), and diffs of texts.

The parser, the decoder, the fixer and the scaffolder all split here, so a
line number means the same line to each of them.
"""

from __future__ import annotations

from dossierlint import regex
from dossierlint.errors import log_line, printable_text

LINE_BREAK = regex.compile(r"\r\n|\r|\n")
LINE_BREAK_BYTES = regex.compile(rb"\r\n|\r|\n")


def lines_with_endings(text: str) -> list[tuple[str, str]]:
    """(content, line ending) per line; the last line's ending is "" when the text lacks one."""
    lines = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of two versions of file `name`, in the form `patch` and `git apply` take.

    Lines keep their own endings; a last line without one is marked as git marks it.
    """
    import difflib  # here: only --diff needs it

    def lines(text: str) -> list[str]:
        return [content + ending for content, ending in lines_with_endings(text)]

    out = []
    for line in difflib.unified_diff(lines(old), lines(new), name, name):
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def printable_diff(diff: str) -> str:
    """`diff` safe for a terminal or CI log: control characters escaped (a tab and each
    line's own ending kept), and no line read as a GitHub workflow command."""
    return "".join(
        log_line(printable_text(content)) + ending for content, ending in lines_with_endings(diff)
    )
