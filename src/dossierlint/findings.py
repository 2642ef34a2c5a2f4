"""What a check produces: problems from rules, findings in files, the report of a run."""

from __future__ import annotations

from dossierlint.records import Record, field

SEVERITIES = ("error", "warning", "info")


class Edit(Record, hash=True):
    """Replace characters [start, end) of one line (0-based, without its line ending).

    The replacement may contain "\\n"; it is written with the file's own line ending.
    """

    line: int
    start: int
    end: int
    replacement: str


class Fix(Record, hash=True):
    edits: tuple[Edit, ...]
    safe: bool = True
    """Unsafe fixes (a guess among close matches) apply only with --unsafe-fixes."""


class Problem(Record, hash=True):
    """What a rule yields: where, what, and optionally how to fix it."""

    line: int
    column: int
    message: str
    fix: Fix | None = None
    severity: str | None = None
    """Overrides the rule's default severity for this one problem."""


class Finding(Record, hash=True):
    """A problem as reported: attached to a file and a rule, severity settled."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def __reduce__(self) -> tuple[type, tuple]:
        # Rebuilt through __init__: a frozen dataclass's default unpickling
        # (fields() for every object) costs a second per 100,000 findings that
        # worker processes send back.
        fields = (
            self.path,
            self.line,
            self.column,
            self.code,
            self.severity,
            self.message,
            self.fix,
        )
        return (Finding, fields)


class Report(Record):
    files_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Files that could not be checked at all, one message each."""

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)
