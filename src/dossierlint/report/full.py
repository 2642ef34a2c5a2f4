"""The full text output, as ruff's: each finding with its source line, the offending
text underlined, `[*]` when `--fix` can mend it, and a `help:` line when there is advice.

    DL206 [error] invalid source URL: no scheme; write 'https://...'
     --> dossiers/chile-pinochet.md:361:22
        |
    361 | - [Britannica Gulag](www.britannica.com/place/Gulag) | type: encyclopedia | ...
        |                      ^
        |

Everything taken from a file (its name, its line) is escaped before it is shown.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from dossierlint import regex
from dossierlint.errors import printable
from dossierlint.findings import Finding, Fix, Report
from dossierlint.report import Output
from dossierlint.report.source_lines import SourceLines
from dossierlint.report.text import COLORS, summary

_BOLD, _BLUE, _CYAN, _RESET = "\033[1m", "\033[34m", "\033[36m", "\033[0m"
_SUGGESTION = regex.compile(r" \((did you mean .+\?)\)$")
"""The rules' near-miss suggestion, which ends a message; shown as the help line instead."""


def write(report: Report, stream: TextIO, output: Output) -> None:
    lines = SourceLines()
    for finding in report.findings:
        stream.write(render(finding, lines.line(finding.path, finding.line), output.color))
        stream.write("\n")
    if not output.quiet:
        stream.write(summary(report, output.color) + "\n")


def render(finding: Finding, line: str | None, color: bool) -> str:
    """One finding's block, ending with a newline."""
    paint = _painter(color)
    message, help_text = _message_and_help(finding)
    fixable = "[*] " if finding.fix is not None and finding.fix.safe else ""
    severity = paint(COLORS[finding.severity], f"[{finding.severity}]")
    out = [
        f"{paint(_BOLD, finding.code)} {fixable}{severity} {printable(message)}",
        f" {paint(_BLUE, '-->')} {printable(finding.path)}:{finding.line}:{finding.column}",
    ]
    if line is not None:
        number = str(finding.line)
        gutter = paint(_BLUE, " " * len(number) + " |")
        start, end = _span(finding, line)
        shown_before = printable(line[:start])
        marks = "^" * max(1, _width(printable(line[start:end])))
        out += [
            gutter,
            f"{paint(_BLUE, number + ' |')} {printable(line)}",
            f"{gutter} {' ' * _width(shown_before)}{paint(COLORS[finding.severity], marks)}",
            gutter,
        ]
    if help_text:
        out.append(f"{paint(_CYAN, 'help')}: {printable(help_text)}")
    return "\n".join(out) + "\n"


def _painter(color: bool):
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    return paint


def _message_and_help(finding: Finding) -> tuple[str, str | None]:
    """The message without its suggestion, and the help line: the suggestion or what
    the fix does, and which flag applies the fix."""
    message, advice = finding.message, None
    match = _SUGGESTION.search(message)
    if match:
        message, advice = message[: match.start()], match.group(1)
        advice = advice[0].upper() + advice[1:]
    fix = finding.fix
    if fix is None:
        return message, advice
    flags = "--fix" if fix.safe else "--fix --unsafe-fixes"
    return message, f"{advice or _describe(fix)} ({flags})"


def _describe(fix: Fix) -> str:
    if len(fix.edits) == 1 and "\n" not in fix.edits[0].replacement:
        replacement = fix.edits[0].replacement
        return f"Replace with '{replacement}'" if replacement else "Remove it"
    return f"Apply the fix ({len(fix.edits)} edits)"


def _span(finding: Finding, line: str) -> tuple[int, int]:
    """The characters to underline: the fix's edit when it starts at the finding, else one."""
    start = min(finding.column - 1, len(line))
    for edit in finding.fix.edits if finding.fix else ():
        if edit.line == finding.line and edit.start <= start < edit.end:
            return edit.start, min(edit.end, len(line))
    return start, start + 1


def _width(text: str) -> int:
    """Terminal columns `text` takes: two for wide characters, none for combining marks."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )
