"""Code actions: each finding's fix, "fix all safe fixes", and "disable DLxxx for this line".

A quick fix carries exactly the edits `check --fix` would make for that
finding, and is offered only when `check --fix` could apply it to the
current text. Safe fixes are the preferred action; unsafe ones (a guess
among close matches) say "(unsafe)". "Fix all" runs the same lint-and-fix
rounds as `check --fix` and sends the changed stretch as one edit.

The suppression goes on a line of its own above the finding's line, in the
form the parser reads (`<!-- dossierlint-disable-next-line DL107 -->`), or is
added to such a comment already there. Inside a table a comment line would
end the table, so there the table is wrapped in `disable`/`enable` comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

from dossierlint.edits import fix_bytes
from dossierlint.findings import Edit, Finding
from dossierlint.parse import TABLE, scan
from dossierlint.server.positions import Span, TextLines, finding_span
from dossierlint.text import LINE_BREAK

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.dossierlint"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND]
UNSUPPRESSIBLE = frozenset({"DL001"})
"""An unused suppression is reported whatever comments surround it."""
_NEXT_LINE = re.compile(r"^(\s*<!--\s*dossierlint-disable-next-line\b)([^>]*?)(\s*-->\s*)$")
_CODE = re.compile(r"[A-Za-z]+\d+")
MAX_FINDINGS = 100
"""Findings given actions per request: a whole-file selection in a file with
thousands of findings gets the first hundred, not a menu nobody can read."""


def wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for actions of `kind` (kinds nest: `source` covers `source.x`)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def code_actions(
    uri: str,
    lines: TextLines,
    findings: list[Finding],
    diagnostics: dict[Finding, types.Diagnostic],
    asked: types.Range,
    only: list[str] | None,
    lint: Callable[[bytes], list[Finding]],
) -> list[types.CodeAction]:
    """The actions for the findings under `asked`, then "fix all" for the file."""
    actions: list[types.CodeAction] = []
    first, last = lines.point(asked.start), lines.point(asked.end)
    if wanted(types.CodeActionKind.QuickFix, only):
        under = [
            finding
            for finding in findings
            if first <= ((span := finding_span(finding, lines)).line, span.end)
            and (span.line, span.start) <= last
        ][:MAX_FINDINGS]
        kinds = scan(lines.text).kinds if under else []
        for finding in under:
            diagnostic = diagnostics[finding]
            fix = quick_fix(uri, lines, finding, diagnostic)
            if fix is not None:
                actions.append(fix)
            disable = disable_action(uri, lines, kinds, finding, diagnostic)
            if disable is not None:
                actions.append(disable)
    fixable = any(finding.fix is not None and finding.fix.safe for finding in findings)
    if fixable and (wanted(FIX_ALL_KIND, only) or wanted(types.CodeActionKind.SourceFixAll, only)):
        fix_all = fix_all_action(uri, lines, findings, lint)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def quick_fix(
    uri: str, lines: TextLines, finding: Finding, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    """The finding's fix as a quick fix, if `check --fix` could apply it to this text."""
    if (
        finding.fix is None
        or not finding.fix.edits
        or not all(fits(edit, lines) for edit in finding.fix.edits)
    ):
        return None
    edits = [
        types.TextEdit(
            range=lines.range(Span(edit.line - 1, edit.start, edit.end)),
            new_text=LINE_BREAK.sub(lines.ending(edit.line - 1), edit.replacement),
        )
        for edit in finding.fix.edits
    ]
    label = "" if finding.fix.safe else " (unsafe)"
    return types.CodeAction(
        title=f"Fix {finding.code}: {finding.message}{label}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=finding.fix.safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def fix_all_action(
    uri: str, lines: TextLines, findings: list[Finding], lint: Callable[[bytes], list[Finding]]
) -> types.CodeAction | None:
    """Every safe fix, in rounds as `check --fix` applies them; None when nothing changes.

    The first round starts from `findings`, those of this very text."""
    data = lines.text.encode("utf-8", "surrogatepass")
    fixed = fix_bytes(data, lambda text: findings if text == data else lint(text))
    if fixed.data == data:
        return None
    return types.CodeAction(
        title="Fix all safe fixes (dossierlint)",
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(
            changes={uri: [changed_stretch(lines, fixed.data.decode("utf-8", "surrogatepass"))]}
        ),
    )


def changed_stretch(lines: TextLines, new: str) -> types.TextEdit:
    """One edit turning the text into `new`: the stretch between their common ends."""
    old = lines.text
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    start_position, end_position = lines.position_at(start), lines.position_at(len(old) - end)
    return types.TextEdit(
        range=types.Range(start=start_position, end=end_position),
        new_text=new[start : len(new) - end],
    )


def fits(edit: Edit, lines: TextLines) -> bool:
    """Whether `check --fix` would apply the edit to this text (fix.py's own conditions):
    its characters exist, and it does not put an LF right after a CR, which would
    turn two line breaks into one."""
    line = edit.line - 1
    content = lines.line(line)
    if not (0 <= line <= lines.last and 0 <= edit.start <= edit.end <= len(content)):
        return False
    if edit.start > 0 or line == 0 or lines.ending(line - 1) != "\r":
        return True
    ending = lines.endings[line] if line < len(lines.endings) else ""
    replacement = LINE_BREAK.sub(lines.ending(line), edit.replacement)
    follows = replacement or (ending if edit.end == len(content) else "")
    return not follows.startswith("\n")


def disable_action(
    uri: str, lines: TextLines, kinds: list[str], finding: Finding, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    """Suppress the finding's rule on its line (or, in a table, in the table)."""
    if finding.code in UNSUPPRESSIBLE:
        return None
    line = min(max(finding.line - 1, 0), lines.last)
    in_table = 0 < line < len(kinds) and kinds[line] == TABLE and kinds[line - 1] == TABLE
    if in_table:
        edits = _wrap_table(lines, kinds, line, finding.code)
        title = f"Disable {finding.code} for this table"
    else:
        edits = _above(lines, line, finding.code)
        if edits is None:
            return None
        title = f"Disable {finding.code} for this line"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _above(lines: TextLines, line: int, code: str) -> list[types.TextEdit] | None:
    """A `disable-next-line` comment above `line`, or `code` added to the one there."""
    above = _NEXT_LINE.match(lines.line(line - 1)) if line > 0 else None
    if above:
        named = _CODE.findall(above.group(2))
        if code in named or not named:
            return None  # already suppressed: the finding is stale
        at = Span(line - 1, above.end(2), above.end(2))
        return [types.TextEdit(range=lines.range(at), new_text=f" {code}")]
    content = lines.line(line)
    indent = content[: len(content) - len(content.lstrip())]
    comment = f"{indent}<!-- dossierlint-disable-next-line {code} -->{lines.ending(line)}"
    return [types.TextEdit(range=lines.range(Span(line, 0, 0)), new_text=comment)]


def _wrap_table(lines: TextLines, kinds: list[str], line: int, code: str) -> list[types.TextEdit]:
    first = line
    while first > 0 and kinds[first - 1] == TABLE:
        first -= 1
    last = line
    while last + 1 < len(kinds) and kinds[last + 1] == TABLE:
        last += 1
    ending = lines.ending(first)
    after = Span(last, len(lines.line(last)), len(lines.line(last)))
    return [
        types.TextEdit(
            range=lines.range(Span(first, 0, 0)),
            new_text=f"<!-- dossierlint-disable {code} -->{ending}",
        ),
        types.TextEdit(
            range=lines.range(after), new_text=f"{ending}<!-- dossierlint-enable {code} -->"
        ),
    ]
