"""Markdown to model: a line-oriented scanner that knows the dossier's shape.

One pass classifies every line (heading, list item, table row, rule, code,
comment, text) the way CommonMark would for the constructs a dossier uses:
fenced code blocks and HTML comments hide their contents, ATX and setext
headings are both headings, a table row splits on unescaped pipes. A second
pass walks the H2 sections and fills the model. Measured against
markdown-it-py on the reference dossier (see BENCHMARKS.md): the same
headings, at a fraction of the cost; tests/test_parse.py compares the two.
"""

from __future__ import annotations

import re

from dossierlint import regex
from dossierlint.grammar.citations import Citation, parse_citation
from dossierlint.grammar.dates import DASHES, match_duration, parse_iso_date
from dossierlint.grammar.leaders import Unreadable, Years, parse_leader
from dossierlint.houserules import HouseRules
from dossierlint.model import (
    Comparison,
    Confidence,
    DeathToll,
    Dossier,
    KeyFigure,
    Leader,
    Metadata,
    Overview,
    OverviewField,
    Section,
    Source,
    Subsection,
    Title,
    YearSpan,
)
from dossierlint.records import Record, field
from dossierlint.text import LINE_BREAK

BLANK, HEADING, CODE, COMMENT, TABLE, LIST, RULE, QUOTE, TEXT = (
    "blank",
    "heading",
    "code",
    "comment",
    "table",
    "list",
    "rule",
    "quote",
    "text",
)

_FENCE = regex.compile(r"^( *)(`{3,}|~{3,})(.*)$")
_ATX = regex.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = regex.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_DELIMITER_ROW = regex.compile(
    r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$"
)
_LIST_ITEM = regex.compile(r"^( *)(?:[-*+]|[0-9]{1,9}[.)])([ \t]+|$)")
_LIST_STARTS = frozenset("-*+0123456789")
"""The characters a list item's marker can start with."""
_BLANKS = (" ", "\t")
_DIRECTIVE = regex.compile(
    r"^\s*<!--\s*dossierlint-(disable-next-line|disable|enable)\b([^>]*)-->\s*$"
)
_CODE_LIST = regex.compile(r"(?<![A-Za-z])[A-Za-z]+\d+")
_BOLD_FIELD = regex.compile(r"^\*\*(.+?)\*\*$")
_DASH = f"[{DASHES}]"  # the date parser's dashes: a range the date rules read, the model reads
_YEAR_RANGE = regex.compile(rf"^(\d{{1,4}})\s*{_DASH}\s*(\d{{1,4}})$")
_TOLL = regex.compile(
    rf"^[~≈c.\s]*(?P<low>\d[\d,]*(?:\.\d+)?)(?:\s*{_DASH}\s*(?P<high>\d[\d,]*(?:\.\d+)?))?"
    r"\s*(?P<unit>million|thousand|billion)?"
)
_KEY_FIGURE = regex.compile(rf"^\s*[-*+]\s+\*\*(?P<name>.+?)\*\*\s*(?:{_DASH}+\s*(?P<role>.*))?$")
WIKI_LINK = regex.compile(r"\[\[([^\[\]\n]*)\]\]")
"""A `[[slug]]` link: the text between the brackets, unstripped (no "[" inside: linear)."""
_RELATIONSHIP = regex.compile(r"relationship:\s*([^\s(]*)")
_NOTE = regex.compile(r"^[^(]*\((.*)\)\s*$")  # anchored at the first "(": linear
_OVERALL = regex.compile(r"^[ \t]*\*\*Overall\*\*[ \t]*:")
_NOTES = regex.compile(r"^[ \t]*\*\*Notes\*\*[ \t]*:")
_FOOTER = regex.compile(
    r"^[*_]{1,2}[ \t]*(created|last updated|tags)[ \t]*(?:[*_]+[ \t]*)?:", re.IGNORECASE
)
FOOTER_KEYS = ("Created", "Last updated", "Tags")


class Heading(Record, hash=True):
    level: int
    text: str
    line: int
    column: int
    """1-based column of the first `#` (or of the text, for setext headings)."""


class Directive(Record, hash=True):
    """An inline `<!-- dossierlint-… -->` suppression comment."""

    kind: str
    codes: tuple[str, ...]
    """Rule codes named; empty means every rule."""
    line: int


class FooterLine(Record, hash=True):
    """A footer line as written, for the rules that check its form."""

    key: str
    value: str
    line: int
    value_column: int
    well_formed: bool


class Document(Record):
    """The text as lines, each classified, with headings and directives found."""

    lines: list[str]
    kinds: list[str]
    headings: list[Heading]
    directives: list[Directive]
    text: str
    """The whole text as read, for rules that can rule a file out in one search."""

    def text_of(self, line: int) -> str:
        return self.lines[line - 1]

    def has_text(self) -> bool:
        return any(kind != BLANK for kind in self.kinds)


class ConfidenceMarks(Record):
    """Where the Confidence Assessment's parts are written (the model keeps only values)."""

    overall_line: int | None = None
    """Line of the first `**Overall**:` label."""
    level_start: int = 0
    """0-based offsets of the level text in that line (equal when it is empty)."""
    level_end: int = 0
    notes_line: int | None = None
    """Line of the first `**Notes**:` label."""


class ParsedDossier(Record):
    """The model, plus what the rules need to point at text the model leaves out."""

    dossier: Dossier
    document: Document
    footer: dict[str, FooterLine] = field(default_factory=dict)
    citations: dict[int, Citation] = field(default_factory=dict)
    """Line number -> the parsed citation, for every bullet under Sources."""
    confidence_marks: ConfidenceMarks | None = None
    """Positions in the Confidence Assessment, when the dossier has one."""


def split_lines(text: str) -> list[str]:
    """Split on CommonMark line endings (\\n, \\r\\n, \\r) and nothing else."""
    lines = LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def scan(text: str) -> Document:
    """Classify each line; find headings and suppression directives."""
    scanner = _Scanner(split_lines(text))
    classify, kinds = scanner.classify, scanner.kinds
    for number, line in enumerate(scanner.lines, 1):
        kinds.append(classify(number, line))
    return Document(scanner.lines, scanner.kinds, scanner.headings, scanner.directives, text)


class _Scanner:
    """Line-by-line block state: an open fence, an open comment, an open list."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.kinds: list[str] = []
        self.headings: list[Heading] = []
        self.directives: list[Directive] = []
        self.fence: str | None = None
        self.fence_indent = 0
        self.in_comment = False
        self.list_indent: int | None = None
        """Content indent of the open top-level list item; None outside lists."""
        self.blank_in_list = False
        self.quote_paragraph = False
        """Whether the open block quote ends in paragraph text (lazy lines continue it)."""
        self.paragraph_in_item = False
        """Whether the open list item ends in paragraph text that a lazy line may continue."""

    def classify(self, number: int, line: str) -> str:
        if self.fence is not None:
            if _closes_fence(line, self.fence, self.fence_indent):
                self.fence = None
            return CODE
        if self.in_comment:
            self.in_comment = "-->" not in line
            return COMMENT
        stripped = line.lstrip(" ")
        if not stripped or stripped.isspace():
            self.blank_in_list = self.list_indent is not None
            return BLANK
        indent = len(line) - len(stripped)
        list_indent = self.list_indent
        inside_item = list_indent is not None and indent >= list_indent
        relative = indent - list_indent if inside_item else indent
        first = stripped[0]
        if first in "`~" and self._opens_fence(line, stripped, relative):
            self._close_list() if not inside_item else None
            return CODE
        if first == "<" and stripped.startswith("<!--") and relative <= 3:
            self._close_list() if not inside_item else None
            return self._comment(number, line, stripped)
        # Found once here and handed on: most lines of a dossier are list items. A line
        # inside the open item never moves the list, so its marker is not looked for.
        item = (
            _list_item(line, first, indent) if first in _LIST_STARTS and not inside_item else None
        )
        if inside_item or (item is None and self._lazy_continuation(stripped, indent)):
            self.blank_in_list = False  # inside the open item, or its lazy continuation
            content = stripped if not inside_item else line[list_indent:].lstrip(" ")
            self.paragraph_in_item = not _starts_block(content)
            return LIST
        kind = self._block(number, line, stripped, indent, item)
        # The list opened or closed here, not in a method: this runs for most lines.
        if kind == LIST:
            marker_end, spaces = item  # a new top-level item: its content indent is the list's
            self.list_indent = list_indent = (
                marker_end - spaces + 1 if spaces > 4 or marker_end == len(line) else marker_end
            )
            # Text at or after that indent: `bool(line[indent:].strip())` without copying
            # the line (rstrip hands back a line without trailing blanks as it is).
            self.paragraph_in_item = len(line.rstrip()) > list_indent
        else:
            self.list_indent = None
        self.blank_in_list = False
        return kind

    def _opens_fence(self, line: str, stripped: str, relative_indent: int) -> bool:
        if not stripped.startswith(("```", "~~~")) or relative_indent > 3:
            return False
        opening = _FENCE.match(line)
        if not opening or (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            return False
        self.fence = opening.group(2)
        self.fence_indent = len(opening.group(1))
        return True

    def _comment(self, number: int, line: str, stripped: str) -> str:
        self.in_comment = "-->" not in stripped[4:]
        directive = _DIRECTIVE.match(line)
        if directive:
            codes = tuple(_CODE_LIST.findall(directive.group(2)))
            self.directives.append(Directive(directive.group(1), codes, number))
        return COMMENT

    def _lazy_continuation(self, stripped: str, indent: int) -> bool:
        """A paragraph line right after list text belongs to the list item (CommonMark laziness);
        a line that is not a list item (a new item never is a continuation)."""
        if self.list_indent is None or self.blank_in_list or indent > 3:
            return False
        if not self.paragraph_in_item:
            return False
        if stripped[0] == ">" or _is_thematic_break(stripped):
            return False
        if stripped[0] == "#" and _ATX.match(stripped):
            return False
        return not stripped.startswith(("```", "~~~", "<"))

    def _close_list(self) -> None:
        self.list_indent = None
        self.blank_in_list = False

    def _block(
        self, number: int, line: str, stripped: str, indent: int, item: tuple[int, int] | None
    ) -> str:
        """Kind of a line that starts a block at the top level."""
        kinds = self.kinds
        previous = kinds[-1] if kinds else BLANK
        if indent >= 4:
            return previous if previous in (TEXT, QUOTE) else CODE
        first = stripped[0]
        if first == ">":
            content = stripped[1:].strip()
            self.quote_paragraph = bool(content) and not _starts_block(content)
            return QUOTE
        if first == "#":
            atx = _ATX.match(line)
            if atx:
                self.headings.append(
                    Heading(len(atx.group(1)), heading_text(atx.group(2)), number, indent + 1)
                )
                return HEADING
        if previous == TEXT and first in "=-" and _SETEXT.match(line):
            self.headings.append(
                _setext_heading(self.lines, kinds, number, 1 if first == "=" else 2)
            )
            return HEADING
        # A list item is a rule only if its marker comes again after the blanks (`- - -`):
        # one character compared, where the rule's test would count the whole line.
        if (item is None or line[item[0] : item[0] + 1] == first) and _is_thematic_break(stripped):
            return RULE
        if item:
            return LIST
        if previous == TABLE or (previous == QUOTE and self.quote_paragraph):
            return previous
        if "|" in stripped and self._delimiter_row_follows(number, line):
            return TABLE
        return TEXT

    def _delimiter_row_follows(self, number: int, header: str) -> bool:
        """GFM: a table starts where a header row is followed by a matching delimiter row."""
        if number >= len(self.lines):
            return False
        delimiter = self.lines[number]
        if not _DELIMITER_ROW.match(delimiter):
            return False
        return len(_row_cells(header)) == len(_row_cells(delimiter))


def _list_item(line: str, first: str, indent: int) -> tuple[int, int] | None:
    """Where a list item's marker and the blanks after it end, and how many blanks those
    are (the end of `_LIST_ITEM`'s match and the length of its group 2), or None when
    `line` (which holds no line break) starts no list item; `first` is its first character
    after its `indent` spaces. A bullet's are found by string tests, not the pattern: most
    lines of a dossier are bullets, and this runs for each of them."""
    if first not in "-*+":
        item = _LIST_ITEM.match(line)
        return None if item is None else (item.end(), item.end() - item.start(2))
    end = indent + 1
    while line[end : end + 1] in _BLANKS:
        end += 1
    blanks = end - indent - 1
    return (end, blanks) if blanks or end == len(line) else None


def _starts_block(content: str) -> bool:
    """Whether a line's content is a heading or a rule (after which no paragraph is open)."""
    return bool((content.startswith("#") and _ATX.match(content)) or _is_thematic_break(content))


def _is_thematic_break(content: str) -> bool:
    """Three or more `-`, `*` or `_` (one of them), with spaces or tabs between; `content` has
    no leading spaces. String tests: most lines that start with `-` are list items, and
    the count, which copies nothing, rules out most of them first."""
    mark = content[:1]
    return mark in ("-", "*", "_") and content.count(mark) >= 3 and not content.strip(mark + " \t")


def _setext_heading(lines: list[str], kinds: list[str], underline: int, level: int) -> Heading:
    """The paragraph above a setext underline becomes the heading (its lines re-marked)."""
    first = underline - 1
    while first > 1 and kinds[first - 2] == TEXT:
        first -= 1
    for number in range(first, underline):
        kinds[number - 1] = HEADING
    text = "\n".join(lines[n - 1].strip() for n in range(first, underline))
    opening = lines[first - 1]
    return Heading(level, text, first, len(opening) - len(opening.lstrip(" ")) + 1)


def _closes_fence(line: str, fence: str, fence_indent: int) -> bool:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > fence_indent + 3 or not stripped.startswith(fence):
        return False
    rest = stripped.lstrip(fence[0])
    return len(stripped) - len(rest) >= len(fence) and not rest.strip()


def heading_text(raw: str | None) -> str:
    """ATX heading content without its optional closing `#` sequence."""
    text = (raw or "").strip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        text = stripped.rstrip()
    return text


_BACKTICKS = regex.compile(r"`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the inline code spans in a line (CommonMark pairing).

    A run of N backticks opens a span closed by the next run of exactly N;
    an opener with no closer is literal text. Linear in the line's length.
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    next_same: list[int | None] = [None] * len(runs)
    last_seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index] = last_seen.get(length)
        last_seen[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closer = next_same[index]
        if closer is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


_CELL_BAR = regex.compile(r"(?<!\\)\|")


def _row_cells(line: str) -> list[str]:
    """Cells of a GFM table row (leading and trailing pipes optional)."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return _CELL_BAR.split(text)


def split_row(line: str) -> list[tuple[str, int]]:
    """Cells of a table row with their 1-based columns; `\\|` does not split.

    A row may lack pipes altogether (GFM: a line that continues a table is a
    row); it is then one cell.
    """
    if "|" not in line:
        text = line.strip()
        return [(text, line.find(text) + 1 if text else 1)]
    cells: list[tuple[str, int]] = []
    start = line.find("|") + 1
    index = start
    length = len(line)
    while index < length:
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "|":
            cells.append(_cell(line, start, index))
            start = index + 1
        index += 1
    if line[start:].strip():
        cells.append(_cell(line, start, length))
    return cells


def _cell(line: str, start: int, end: int) -> tuple[str, int]:
    raw = line[start:end]
    text = raw.strip()
    offset = raw.find(text) if text else 0
    return text.replace("\\|", "|"), start + offset + 1


def parse(text: str, slug: str, house_rules: HouseRules) -> ParsedDossier:
    """Parse a dossier's text into the model, keeping positions."""
    document = scan(text)
    dossier = Dossier(slug=slug)
    parsed = ParsedDossier(dossier, document)
    footer_start = _footer_start(document)
    h1 = [heading for heading in document.headings if heading.level == 1]
    if h1:
        dossier.title = Title(h1[0].text, h1[0].line, h1[0].column)
    dossier.sections = _sections(document, footer_start)
    contents = {rule.title: rule.content for rule in house_rules.sections if rule.content}
    roles = {rule.name: rule.role for rule in house_rules.overview_fields}
    for section in dossier.sections:
        content = contents.get(section.title)
        if content == "overview":
            _parse_overview(parsed, section, roles)
        elif content:
            _SECTION_PARSERS[content](parsed, section)
    _parse_footer(parsed, footer_start)
    return parsed


def _footer_start(document: Document) -> int:
    """First line of the footer (1-based), or one past the end when there is none."""
    last_heading = max((h.line for h in document.headings if h.level <= 2), default=0)
    for index in range(last_heading, len(document.lines)):
        if document.kinds[index] == TEXT and _FOOTER.match(document.lines[index]):
            return index + 1
    return len(document.lines) + 1


def _sections(document: Document, footer_start: int) -> list[Section]:
    h2 = [heading for heading in document.headings if heading.level == 2]
    sections: list[Section] = []
    for index, heading in enumerate(h2):
        end = h2[index + 1].line - 1 if index + 1 < len(h2) else footer_start - 1
        sections.append(Section(heading.text, heading.line, heading.column, max(end, heading.line)))
    # One pass over the headings (they are in line order): linear in their number.
    current = -1
    for heading in document.headings:
        if heading.level == 2:
            current += 1
        elif heading.level == 3 and current >= 0 and heading.line <= sections[current].end_line:
            sections[current].subsections.append(
                Subsection(heading.text, heading.line, heading.column)
            )
    return sections


def section_body(document: Document, section: Section) -> list[tuple[int, str, str]]:
    """(line number, kind, text) of each line inside a section, after its heading."""
    return [
        (number, document.kinds[number - 1], document.lines[number - 1])
        for number in range(section.line + 1, section.end_line + 1)
    ]


def section_kinds(document: Document, section: Section) -> list[str]:
    """The kind of each line inside a section, after its heading (`section_body`'s kinds)."""
    return document.kinds[section.line : section.end_line]


def _parse_overview(parsed: ParsedDossier, section: Section, roles: dict[str, str]) -> None:
    overview = Overview(line=section.line, column=section.column)
    for number, kind, line in section_body(parsed.document, section):
        if kind != TABLE:
            continue
        cells = split_row(line)
        if len(cells) < 2 or not cells[0][0] or set(cells[0][0]) <= set(":- "):
            continue
        name_match = _BOLD_FIELD.match(cells[0][0])
        if not name_match:
            continue
        overview.fields.append(
            OverviewField(
                name_match.group(1).strip(), cells[1][0], number, cells[0][1], cells[1][1]
            )
        )
    for row in overview.fields:
        _fill_overview_value(overview, row, roles.get(row.name))
    parsed.dossier.overview = overview


def _fill_overview_value(overview: Overview, row: OverviewField, role: str | None) -> None:
    value = row.value
    if role == "country":
        overview.country = value or None
    elif role == "type":
        overview.type = value or None
    elif role == "dates":
        years = _YEAR_RANGE.match(value)
        if years:
            overview.start_year, overview.end_year = int(years.group(1)), int(years.group(2))
    elif role == "duration":
        duration = match_duration(value)
        overview.duration_years = int(duration.group(1)) if duration else None
    elif role == "leaders":
        overview.leaders = _leaders(row)
    elif role == "death-toll" and value:
        overview.death_toll = _death_toll(row)


def _leaders(row: OverviewField) -> list[Leader]:
    leaders = []
    offset = 0
    for part in row.value.split(";"):
        column = row.value_column + offset + (len(part) - len(part.lstrip()))
        offset += len(part) + 1
        text = part.strip()
        if not text:
            continue
        leaders.append(_leader(text, row.line, column))
    return leaders


def _leader(text: str, line: int, column: int) -> Leader:
    """One leader; life years it cannot read are kept as text, with the reason."""
    life = parse_leader(text)
    if life is None:
        return Leader(text, None, None, line, column, life_problem="no life years in parentheses")
    if isinstance(life, Unreadable):
        return Leader(
            life.name, None, None, line, column, life_text=life.text, life_problem=life.reason
        )
    birth, death, floruit = (year_span(y) for y in (life.birth, life.death, life.floruit))
    return Leader(
        life.name,
        life.birth.year if life.birth else None,
        life.death.year if life.death else None,
        line,
        column,
        birth,
        death,
        floruit,
        life.text,
    )


def year_span(years: Years | None) -> YearSpan | None:
    """The model's form of a year the leaders grammar read."""
    return YearSpan(*years) if years is not None else None


def _death_toll(row: OverviewField) -> DeathToll:
    match = _TOLL.match(row.value)
    if not match:
        return DeathToll(row.value, None, None, None, row.line, row.value_column)
    low = float(match.group("low").replace(",", ""))
    high_text = match.group("high")
    high = float(high_text.replace(",", "")) if high_text else low
    return DeathToll(row.value, low, high, match.group("unit"), row.line, row.value_column)


def _parse_key_figures(parsed: ParsedDossier, section: Section) -> None:
    for number, kind, line in section_body(parsed.document, section):
        match = _KEY_FIGURE.match(line) if kind == LIST else None
        if match:
            column = line.index("**") + 1
            parsed.dossier.key_figures.append(
                KeyFigure(
                    match.group("name").strip(), (match.group("role") or "").strip(), number, column
                )
            )


def _parse_comparisons(parsed: ParsedDossier, section: Section) -> None:
    for number, kind, line in section_body(parsed.document, section):
        if kind != LIST:
            continue
        link = WIKI_LINK.search(line)
        relationship = _RELATIONSHIP.search(line)
        note = _NOTE.search(line[relationship.end() :]) if relationship else None
        column = link.start() + 1 if link else len(line) - len(line.lstrip()) + 1
        parsed.dossier.comparisons.append(
            Comparison(
                slug=link.group(1).strip() if link else None,
                line=number,
                column=column,
                relationship=relationship.group(1) if relationship else None,
                note=note.group(1).strip() if note else None,
            )
        )


def _parse_sources(parsed: ParsedDossier, section: Section) -> None:
    for number, kind, line in section_body(parsed.document, section):
        if kind != LIST or line.startswith((" ", "\t")):
            continue
        citation = parse_citation(line)
        parsed.citations[number] = citation
        accessed = citation.accessed.text if citation.accessed else None
        parsed.dossier.sources.append(
            Source(
                line=number,
                column=len(line) - len(line.lstrip()) + 1,
                title=citation.title.text if citation.title else None,
                url=citation.url.text if citation.url else None,
                type=citation.type.text if citation.type else None,
                accessed=parse_iso_date(accessed) if accessed else None,
            )
        )


def _parse_confidence(parsed: ParsedDossier, section: Section) -> None:
    confidence = Confidence(line=section.line, column=section.column)
    marks = ConfidenceMarks()
    in_notes = False
    for number, kind, line in section_body(parsed.document, section):
        if kind in (CODE, COMMENT):
            continue
        overall = _OVERALL.match(line)
        if overall:
            in_notes = False
            if marks.overall_line is None:
                rest = line[overall.end() :]
                level = rest.strip()
                marks.overall_line = number
                marks.level_start = overall.end() + len(rest) - len(rest.lstrip())
                marks.level_end = marks.level_start + len(level)
                confidence.level = level or None
        elif _NOTES.match(line):
            in_notes = True
            if marks.notes_line is None:
                marks.notes_line = number
        elif in_notes and kind == LIST:
            confidence.notes.append(_LIST_ITEM.sub("", line, count=1).strip())
    parsed.dossier.confidence = confidence
    parsed.confidence_marks = marks


def _parse_footer(parsed: ParsedDossier, footer_start: int) -> None:
    document = parsed.document
    for number in range(footer_start, len(document.lines) + 1):
        line = document.lines[number - 1]
        match = _FOOTER.match(line) if document.kinds[number - 1] == TEXT else None
        if match:
            item = _footer_line(line, number, match)
            parsed.footer.setdefault(item.key, item)
    if not parsed.footer:
        return
    first = min(item.line for item in parsed.footer.values())
    metadata = Metadata(line=first, column=1)
    if "Created" in parsed.footer:
        metadata.created = parse_iso_date(parsed.footer["Created"].value)
    if "Last updated" in parsed.footer:
        metadata.last_updated = parse_iso_date(parsed.footer["Last updated"].value)
    if "Tags" in parsed.footer:
        metadata.tags = [
            token[1:] for token in parsed.footer["Tags"].value.split() if token.startswith("#")
        ]
    parsed.dossier.metadata = metadata


def footer_house_form(key: str, value: str) -> str:
    """A footer line exactly as the house writes it."""
    return f"*{key}:* {value}" if key == "Tags" else f"*{key}: {value}*"


def _footer_line(line: str, number: int, match: re.Match[str]) -> FooterLine:
    key = next(k for k in FOOTER_KEYS if k.casefold() == match.group(1).casefold())
    rest = line[match.end() :]
    value = rest.strip().strip("*_").strip()
    value_column = line.index(value, match.end()) + 1 if value else len(line) + 1
    return FooterLine(key, value, number, value_column, line == footer_house_form(key, value))


_SECTION_PARSERS = {
    "key-figures": _parse_key_figures,
    "comparisons": _parse_comparisons,
    "sources": _parse_sources,
    "confidence": _parse_confidence,
}
