"""Positions: the linter's (1-based line, code-point column) and the editor's LSP ones.

Lines split where the parser splits them (`\\n`, `\\r\\n`, `\\r`, the same three
the LSP counts), so a finding's line is the editor's line. Columns are counted
in the unit the client and server agreed on (UTF-16 code units unless the
client offers another), converted here; the linter counts code points.

The range a diagnostic covers (`finding_span`), in this order of preference:
the text the finding's fix replaces, when it replaces some on the finding's
line; for a finding at column 1 (a heading, a row, a bullet, a footer line),
the line's text; else the token at the column: a `[[link]]`, or the run of
non-blank characters (less a closing `)` it did not open, as after a URL in
a Markdown link).
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

from dossierlint.findings import Finding
from dossierlint.records import Record
from dossierlint.text import LINE_BREAK

_TOKEN = re.compile(r"\[\[[^\[\]\n]*\]\]|\S+")


class Span(Record, frozen=True):
    """Characters [start, end) of one line (0-based line, code-point columns)."""

    line: int
    start: int
    end: int


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class TextLines:
    """A text as the editor addresses it: lines, their endings, their start offsets."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.contents = LINE_BREAK.split(text)
        """Each line without its ending; after a final line break, an empty last line."""
        self.endings = [match.group() for match in LINE_BREAK.finditer(text)]
        self.starts = [0]
        for content, ending in zip(self.contents, self.endings, strict=False):
            self.starts.append(self.starts[-1] + len(content) + len(ending))

    @property
    def last(self) -> int:
        return len(self.contents) - 1

    def line(self, index: int) -> str:
        return self.contents[index] if 0 <= index <= self.last else ""

    def ending(self, index: int) -> str:
        """The line's ending; the text's first ending (or LF) for a line without one."""
        if 0 <= index < len(self.endings):
            return self.endings[index]
        return self.endings[0] if self.endings else "\n"

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of code-point `column` on 0-based `line`, clamped to the text."""
        line = min(max(line, 0), self.last)
        content = self.contents[line]
        column = min(max(column, 0), len(content))
        return types.Position(line=line, character=_units(content[:column], self.encoding))

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.line, span.start), end=self.position(span.line, span.end)
        )

    def point(self, position: types.Position) -> tuple[int, int]:
        """(0-based line, code-point column) of an LSP position, clamped to the text."""
        line = min(max(position.line, 0), self.last)
        content = self.contents[line]
        units = 0
        for column, character in enumerate(content):
            if units >= position.character:
                return line, column
            units += _units(character, self.encoding)
        return line, len(content)

    def offset(self, position: types.Position) -> int:
        line, column = self.point(position)
        return self.starts[line] + column

    def position_at(self, offset: int) -> types.Position:
        """The LSP position of a character offset into the text."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.position(line, offset - self.starts[line])

    def before(self, position: types.Position) -> str:
        """The line's text up to the position (what completion looks back at)."""
        line, column = self.point(position)
        return self.contents[line][:column]


def finding_span(finding: Finding, lines: TextLines) -> Span:
    """The text a diagnostic covers (the order of preference is in the module's doc)."""
    line = min(max(finding.line - 1, 0), lines.last)
    content = lines.line(line)
    column = max(finding.column - 1, 0)
    edits = [
        edit
        for edit in (finding.fix.edits if finding.fix else ())
        if edit.line - 1 == line and edit.start < edit.end <= len(content)
    ]
    if edits:
        edit = next((e for e in edits if e.start <= column < e.end), edits[0])
        return Span(line, edit.start, edit.end)
    if column == 0:
        start = len(content) - len(content.lstrip())
        return Span(line, start, max(start, len(content.rstrip())))
    return Span(line, *token_at(content, min(column, len(content))))


def token_at(content: str, column: int) -> tuple[int, int]:
    """[start, end) of the token starting at `column` (empty at a blank or the line's end)."""
    match = _TOKEN.match(content, column)
    if match is None:
        return column, column
    end = match.end()
    token = match.group()
    if token.endswith(")") and token.count(")") > token.count("("):
        end -= 1
    return column, end
