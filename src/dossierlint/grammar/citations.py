"""Parse one bullet of a dossier's ``## Sources`` section.

House format, exactly::

    - [Title](https://specific/page) | type: TYPE | accessed: YYYY-MM-DD

The parser is lenient in what it recognises (other bullet markers, squashed or
extra spacing, wrong-case keys, parts out of order, a missing ``)``) and precise in
what it reports: every departure from the exact house format is a
:class:`CitationProblem`, so ``not citation.problems`` implies
``citation.canonical == line``. Only structure is checked here; the TYPE
vocabulary, the date and the URL itself are for the rules.

Everything is hand-scanned or uses linear regexes (negated classes, no nested
quantifiers), so hostile lines cost time linear in their length.
"""

from __future__ import annotations

import re

from dossierlint import regex
from dossierlint.records import Record

__all__ = ["KEYS", "Citation", "CitationProblem", "Part", "parse_citation"]

KEYS = ("type", "accessed")
"""The keyed parts after the link, in house order."""

_PLACEHOLDER = {"type": "TYPE", "accessed": "YYYY-MM-DD"}
_ONLY = "a source has only '| type: TYPE | accessed: YYYY-MM-DD' after the link"

_BULLET_RE = regex.compile(r"^[ \t]*([-*+])([ \t]*)")
_BARE_KEY_RE = regex.compile(r"^[ \t]*([A-Za-z]+)[ \t]+\S")  # "accessed 2026-01-06"
_BARE_URL_RE = regex.compile(r"https?://[^\s|<>]+", re.I)
_TITLE_SCAN_RE = regex.compile(r"[\\\[\]]")
_DEST_SCAN_RE = regex.compile(r"[\\()\s]")


class Part(Record, hash=True):
    """One piece of the citation as written."""

    text: str  # the value, stripped
    column: int  # 0-based offset of the value in the line
    end_column: int


class CitationProblem(Record, hash=True):
    """A structural departure from the house format."""

    part: str  # bullet | link | title | url | type | accessed | separator | extra
    column: int  # 0-based offset of the offending spot, or where the part was expected
    message: str


class Citation(Record, hash=True):
    """A parsed source bullet.

    ``canonical`` is the line re-rendered in exact house format when title, URL,
    type and accessed are all present and non-empty, else None. It keeps the
    four values as written and normalises only the bullet marker, separators and
    spacing - so it also leaves out anything reported as ``extra``, duplicated or
    empty; a fixer should look at the problems before rewriting the line.
    """

    title: Part | None
    url: Part | None
    type: Part | None
    accessed: Part | None
    problems: tuple[CitationProblem, ...]
    canonical: str | None


def parse_citation(line: str) -> Citation:
    """Parse one source bullet (a single line; a trailing newline is ignored)."""
    return _Parser(line.rstrip("\r\n")).parse()


def _short(text: str, limit: int = 40) -> str:
    """``text`` for quoting in a one-line message: truncated, controls escaped."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _match_bracket(line: str, open_: int) -> int | None:
    """Index of the ``]`` closing the ``[`` at ``open_`` (nesting, escapes), or None."""
    depth, i = 0, open_ + 1
    while (m := _TITLE_SCAN_RE.search(line, i)) is not None:
        c, i = m.group(), m.end()
        if c == "\\":
            i += 1
        elif c == "[":
            depth += 1
        elif depth == 0:
            return m.start()
        else:
            depth -= 1
    return None


def _scan_destination(line: str, start: int) -> tuple[int, int | None]:
    """Scan a link destination from ``start``: (end of URL, index of its ``)`` or None).

    Balanced parentheses and backslash escapes stay in the URL; whitespace ends it
    (as in CommonMark), and spaces before the closing ``)`` are tolerated.
    """
    depth, i, n = 0, start, len(line)
    while (m := _DEST_SCAN_RE.search(line, i)) is not None:
        c, i = m.group(), m.end()
        if c == "\\":
            i += 1
        elif c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        else:
            break
    else:
        return n, None
    end = m.start()
    if c == ")":
        return end, end
    k = end
    while k < n and line[k] in " \t":
        k += 1
    return end, (k if depth == 0 and k < n and line[k] == ")" else None)


def _trim_bare_url(text: str) -> str:
    """Drop trailing punctuation and unbalanced ``)`` from a URL found in prose."""
    opens, closes, end = text.count("("), text.count(")"), len(text)
    while end and (text[end - 1] in ".,;:!?" or (text[end - 1] == ")" and closes > opens)):
        closes -= text[end - 1] == ")"
        end -= 1
    return text[:end]


def _render(
    title: Part | None, url: Part | None, type_: Part | None, accessed: Part | None
) -> str | None:
    """The house-format line, or None unless all four parts have text."""
    if not (title and title.text and url and url.text):
        return None
    if not (type_ and type_.text and accessed and accessed.text):
        return None
    return f"- [{title.text}]({url.text}) | type: {type_.text} | accessed: {accessed.text}"


class _Parser:
    __slots__ = ("fields", "key_columns", "line", "order", "pipes", "problems")

    def __init__(self, line: str) -> None:
        self.line = line
        self.problems: list[CitationProblem] = []
        self.fields: dict[str, Part] = {}
        self.key_columns: dict[str, int] = {}
        self.pipes: dict[str, int] = {}
        self.order: list[str] = []

    def report(self, part: str, column: int, message: str) -> None:
        self.problems.append(CitationProblem(part, column, message))

    def part(self, start: int, end: int) -> Part:
        """The stripped text of ``line[start:end]`` with its own columns."""
        raw = self.line[start:end]
        text = raw.strip()
        column = start + len(raw) - len(raw.lstrip())
        return Part(text, column, column + len(text))

    def parse(self) -> Citation:
        title, url, end = self.link(self.bullet())
        self.keyed_parts(end)
        type_, accessed = self.fields.get("type"), self.fields.get("accessed")
        canonical = _render(title, url, type_, accessed)
        problems = tuple(sorted(self.problems, key=lambda p: p.column))
        return Citation(title, url, type_, accessed, problems, canonical)

    # -- bullet and link -------------------------------------------------

    def bullet(self) -> int:
        """Check the bullet marker; return where the link should start."""
        line = self.line
        m = _BULLET_RE.match(line)
        if m is None or not (m.group(2) or line.startswith("[", m.end())):
            column = len(line) - len(line.lstrip(" \t"))
            self.report("bullet", column, "source is not a list item; start the line with '- '")
            return column
        marker, spacing = m.group(1), m.group(2)
        if m.start(1):
            self.report("bullet", 0, "source bullet is indented; start the line with '- '")
        if marker != "-":
            self.report("bullet", m.start(1), f"bullet marker '{marker}'; the house marker is '-'")
        if spacing != " ":
            self.report("bullet", m.end(1), "write exactly one space after the bullet marker")
        return m.end()

    def link(self, pos: int) -> tuple[Part | None, Part | None, int]:
        """Parse ``[title](url)``; return (title, url, index just after the link)."""
        line = self.line
        bracket, pipe = line.find("[", pos), line.find("|", pos)
        head_end = len(line) if pipe == -1 else pipe
        if bracket == -1 or (pipe != -1 and pipe < bracket):
            return self.no_link(pos, head_end)
        if bracket > pos:
            text = _short(line[pos:bracket].strip())
            self.report("extra", pos, f"text before the link: '{text}'")
        close = _match_bracket(line, bracket)
        if close is None:
            self.report("link", bracket, "the link title has no closing ']'")
            return None, None, pos + len(line[pos:head_end].rstrip())
        title = self.part(bracket + 1, close)
        if not title.text:
            self.report("title", bracket, "empty link title '[]'")
        elif title.end_column - title.column != close - bracket - 1:
            self.report("title", bracket + 1, "spaces inside the title brackets")
        paren = close + 1
        while paren < len(line) and line[paren] in " \t":
            paren += 1
        if not line.startswith("(", paren):
            self.report("link", close + 1, "the title is not followed by '(URL)'")
            return title, None, close + 1
        if paren > close + 1:
            self.report("link", close + 1, "space between ']' and '(' breaks the link")
        url, end = self.destination(paren)
        return title, url, end

    def destination(self, paren: int) -> tuple[Part, int]:
        """Parse the ``(url)`` opening at ``paren``; return (url, index after it)."""
        start = paren + 1
        while start < len(self.line) and self.line[start] in " \t":
            start += 1
        url_end, close = _scan_destination(self.line, start)
        url = Part(self.line[start:url_end], start, url_end)
        if not url.text:
            self.report("url", paren + 1, "empty URL in '()'")
        elif close is not None and (start > paren + 1 or close > url_end):
            self.report("url", paren + 1, "spaces around the URL inside '( )'")
        if close is None:
            self.report("link", url_end, "the link has no closing ')' after the URL")
            return url, url_end
        return url, close + 1

    def no_link(self, pos: int, end: int) -> tuple[None, Part | None, int]:
        """No ``[``: recognise a bare URL if there is one before the first ``|``.

        Returns the end of the text taken as the "link", so that only what follows
        it (spacing, the ``|`` parts) is checked further.
        """
        m = _BARE_URL_RE.search(self.line, pos, end)
        if m is None:
            self.report("link", pos, "source has no link; expected '[Title](https://...)'")
            return None, None, pos + len(self.line[pos:end].rstrip())
        text = _trim_bare_url(m.group())
        self.report("link", m.start(), "bare URL; write the source as '[Title](URL)'")
        return None, Part(text, m.start(), m.start() + len(text)), m.start() + len(text)

    # -- keyed parts after the link -------------------------------------

    def keyed_parts(self, end: int) -> None:
        """Split what follows the link on ``|`` and check each part."""
        line, n = self.line, len(self.line)
        pipe = line.find("|", end)
        head = line[end : n if pipe == -1 else pipe]
        if head.strip():
            column = end + len(head) - len(head.lstrip())
            self.report(
                "extra", column, f"unexpected text after the link: '{_short(head.strip())}'"
            )
        elif pipe != -1 and head != " ":
            self.report("separator", end, "write ' | ' (one space either side) after the link")
        elif pipe == -1 and head:
            self.report("separator", end, "trailing whitespace at the end of the line")
        while pipe != -1:
            nxt = line.find("|", pipe + 1)
            self.keyed_part(pipe, n if nxt == -1 else nxt, last=nxt == -1)
            pipe = nxt
        self.check_order_and_presence()

    def keyed_part(self, pipe: int, end: int, *, last: bool) -> None:
        raw = self.line[pipe + 1 : end]
        if not raw.strip():
            where = "a trailing '|' with nothing after it" if last else "an empty part between '|'"
            self.report("separator", pipe, where)
            return
        colon = raw.find(":")
        if colon == -1:
            self.unkeyed_part(pipe, end, raw)
            return
        key_raw = raw[:colon].strip()
        key_column = pipe + 1 + colon - len(raw[:colon].lstrip())
        key = key_raw.lower()
        if key not in KEYS:
            self.report("extra", key_column, f"unknown part '{_short(key_raw)}:'; {_ONLY}")
            return
        value = self.part(pipe + 2 + colon, end)
        if not self.store(key, key_column, pipe, value):
            return
        if key_raw != key:
            self.report("separator", key_column, f"write the key in lowercase: '{key}:'")
        self.check_spacing(pipe, raw, f" {key_raw}: {value.text}", last=last)

    def unkeyed_part(self, pipe: int, end: int, raw: str) -> None:
        """A part without ``:``; recognise ``accessed 2026-01-06``, else report it."""
        m = _BARE_KEY_RE.match(raw)
        key = m.group(1).lower() if m else ""
        if m is None or key not in KEYS:
            text = self.part(pipe + 1, end)
            self.report("extra", text.column, f"part '{_short(text.text)}' has no 'key:'; {_ONLY}")
            return
        key_column = pipe + 1 + m.start(1)
        key_end = pipe + 1 + m.end(1)
        if self.store(key, key_column, pipe, self.part(key_end, end)):
            self.report("separator", key_end, f"missing ':' after '{m.group(1)}'")

    def store(self, key: str, key_column: int, pipe: int, value: Part) -> bool:
        """Record a keyed part; False (and a problem) when it is a duplicate."""
        if key in self.fields:
            self.report(key, key_column, f"duplicate '{key}:' part; keep only one")
            return False
        if not value.text:
            self.report(
                key, value.column, f"empty '{key}:' value; expected '{key}: {_PLACEHOLDER[key]}'"
            )
        self.fields[key] = value
        self.key_columns[key] = key_column
        self.pipes[key] = pipe
        self.order.append(key)
        return True

    def check_spacing(self, pipe: int, raw: str, core: str, *, last: bool) -> None:
        """One space either side of ``|``, none before ``:``, one after; no trailing space."""
        if core.endswith(": "):  # empty value: already reported
            return
        trailing = raw[len(raw.rstrip()) :]
        if raw.rstrip() != core or (not last and trailing != " "):
            key = core.split(":", 1)[0].strip().lower()
            self.report(
                "separator",
                pipe,
                f"spacing around '|' or ':'; write '| {key}: {_PLACEHOLDER[key]}'",
            )
        elif last and trailing:
            self.report(
                "separator", pipe + 1 + len(core), "trailing whitespace at the end of the line"
            )

    def check_order_and_presence(self) -> None:
        if self.order == ["accessed", "type"]:
            self.report("type", self.key_columns["type"], "'type:' must come before 'accessed:'")
        end = len(self.line.rstrip())
        if "type" not in self.fields:
            column = self.pipes.get("accessed", end)
            self.report("type", column, "source has no 'type:' part; expected '| type: TYPE'")
        if "accessed" not in self.fields:
            self.report(
                "accessed", end, "source has no 'accessed:' part; expected '| accessed: YYYY-MM-DD'"
            )
