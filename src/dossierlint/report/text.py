"""`path:line:col: CODE [severity] message`, one finding a line, then a summary."""

from __future__ import annotations

from typing import TextIO

from dossierlint.errors import log_line, printable
from dossierlint.findings import Report
from dossierlint.report import Output

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def write(report: Report, stream: TextIO, output: Output) -> None:
    color = output.color
    shown: dict[str, str] = {}  # path -> as printed: escaped once per file, not per finding
    for finding in report.findings:
        path = shown.get(finding.path)
        if path is None:
            path = shown[finding.path] = log_line(printable(finding.path))
        location = f"{path}:{finding.line}:{finding.column}:"
        severity = f"[{finding.severity}]"
        if color:
            location = f"{_BOLD}{location}{_RESET}"
            severity = f"{COLORS[finding.severity]}{severity}{_RESET}"
        stream.write(f"{location} {finding.code} {severity} {printable(finding.message)}\n")
    if not output.quiet:
        stream.write(summary(report, color) + "\n")


def summary(report: Report, color: bool = False) -> str:
    files = report.files_checked
    counts = ", ".join(
        f"{report.count(level)} {level}{'s' if report.count(level) != 1 else ''}"
        for level in ("error", "warning", "info")
    )
    fixes = [finding.fix for finding in report.findings if finding.fix is not None]
    safe = sum(1 for fix in fixes if fix.safe)
    unsafe = len(fixes) - safe
    line = f"Checked {files} file{'s' if files != 1 else ''}: {counts}"
    if safe and unsafe:
        line += f" ({safe} fixable with --fix, {unsafe} more with --unsafe-fixes)"
    elif safe:
        line += f" ({safe} fixable with --fix)"
    elif unsafe:
        line += f" ({unsafe} fixable with --fix --unsafe-fixes)"
    return f"{_DIM}{line}{_RESET}" if color else line
