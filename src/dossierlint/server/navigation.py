"""Hover, go-to-definition and the section outline.

Hover answers, first match wins: on a `[[slug]]` link, the title and dates
of the dossier it names; on a rule code (`DL107`, as in a suppression
comment), that rule's documentation; on a diagnostic's text, the
documentation of its rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from dossierlint.docs import rule_markdown
from dossierlint.findings import Finding
from dossierlint.parse import WIKI_LINK, Heading, scan
from dossierlint.rules import REGISTRY
from dossierlint.server.positions import Span, TextLines, finding_span
from dossierlint.server.project import Project, Summary

_RULE_CODE = re.compile(r"\b[A-Z]{2}\d{3}\b")
_SYMBOL_KINDS = {1: types.SymbolKind.Module, 2: types.SymbolKind.Namespace}


def link_at(lines: TextLines, position: types.Position) -> tuple[str, Span] | None:
    """The slug of the `[[slug]]` under the position, and where the link is."""
    line, column = lines.point(position)
    for match in WIKI_LINK.finditer(lines.line(line)):
        if match.start() <= column <= match.end():
            return match.group(1).strip(), Span(line, match.start(), match.end())
    return None


def hover(
    lines: TextLines,
    position: types.Position,
    findings: list[Finding],
    project: Project,
    texts: dict[Path, str],
) -> types.Hover | None:
    link = link_at(lines, position)
    if link is not None:
        slug, span = link
        return _markdown(_link_text(slug, project.summary(slug, texts)), lines.range(span))
    line, column = lines.point(position)
    for match in _RULE_CODE.finditer(lines.line(line)):
        if match.start() <= column <= match.end() and match.group() in REGISTRY:
            span = Span(line, match.start(), match.end())
            return _markdown(_rule_text(match.group()), lines.range(span))
    codes = []
    for finding in findings:
        span = finding_span(finding, lines)
        if span.line == line and span.start <= column <= span.end and finding.code not in codes:
            codes.append(finding.code)
    if not codes:
        return None
    return _markdown("\n\n---\n\n".join(_rule_text(code) for code in codes), None)


def _markdown(text: str, where: types.Range | None) -> types.Hover:
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return types.Hover(contents=content, range=where)


def _rule_text(code: str) -> str:
    return "\n".join([f"### {code}", "", *rule_markdown(REGISTRY[code])])


def _link_text(slug: str, summary: Summary | None) -> str:
    if summary is None:
        return f"`[[{slug}]]`: no dossier `{slug}.md` in the collection"
    facts = []
    start, end = summary.years
    if start is not None or end is not None:
        facts.append(f"{start if start is not None else '?'}–{end if end is not None else '?'}")
    if summary.created:
        facts.append(f"created {summary.created.isoformat()}")
    if summary.updated:
        facts.append(f"last updated {summary.updated.isoformat()}")
    title = summary.title or f"{slug} (no title)"
    return f"**{title}**" + (f"\n\n{' · '.join(facts)}" if facts else "")


def definition(
    lines: TextLines, position: types.Position, project: Project
) -> types.Location | None:
    """Where `[[slug]]` under the position leads: the top of the dossier's file."""
    link = link_at(lines, position)
    path = project.paths.get(link[0]) if link else None
    if path is None:
        return None
    start = types.Position(line=0, character=0)
    return types.Location(uri=path.resolve().as_uri(), range=types.Range(start=start, end=start))


def outline(lines: TextLines) -> list[types.DocumentSymbol]:
    """The headings as a tree: each covers the lines up to the next of its level or above."""
    headings = scan(lines.text).headings
    roots: list[types.DocumentSymbol] = []
    stack: list[tuple[Heading, types.DocumentSymbol]] = []
    for index, heading in enumerate(headings):
        end = next(
            (h.line - 1 for h in headings[index + 1 :] if h.level <= heading.level),
            lines.last + 1,
        )
        last = max(end - 1, heading.line - 1)
        line_text = lines.line(heading.line - 1)
        symbol = types.DocumentSymbol(
            name=heading.text or "(empty heading)",
            kind=_SYMBOL_KINDS.get(heading.level, types.SymbolKind.String),
            range=types.Range(
                start=lines.position(heading.line - 1, 0),
                end=lines.position(last, len(lines.line(last))),
            ),
            selection_range=lines.range(Span(heading.line - 1, 0, len(line_text))),
            children=[],
        )
        while stack and stack[-1][0].level >= heading.level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(symbol)
        stack.append((heading, symbol))
    return roots
