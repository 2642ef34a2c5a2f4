"""Completion from the collection and the house rules.

What the text before the cursor asks for:

- `[[` : the collection's slugs (each title as detail), closing the link;
- `type:` : the source types; `relationship:` : the relationship kinds;
- `**Overall**:` : the confidence levels;
- `## ` : the required sections the dossier lacks, in the house order.
"""

from __future__ import annotations

import re

from lsprotocol import types

from dossierlint.parse import scan
from dossierlint.server.positions import Span, TextLines
from dossierlint.server.project import Project

TRIGGERS = ["[", ":", " ", "#"]
_LINK = re.compile(r"\[\[([^\[\]\n]*)$")
_VOCABULARIES = (
    (re.compile(r"\btype:[ \t]*([\w-]*)$"), "source_types"),
    (re.compile(r"\brelationship:[ \t]*([\w-]*)$"), "relationship_kinds"),
    (re.compile(r"^[ \t]*\*\*Overall\*\*[ \t]*:[ \t]*(\w*)$"), "confidence_levels"),
)
_SECTION = re.compile(r"^ {0,3}##[ \t]+(.*)$")


def complete(
    lines: TextLines, position: types.Position, project: Project, slug: str
) -> types.CompletionList | None:
    line, column = lines.point(position)
    before = lines.line(line)[:column]
    link = _LINK.search(before)
    if link:
        closed = lines.line(line)[column:].startswith("]]")
        return _items(
            [
                (other, entry.title, other + ("" if closed else "]]"))
                for other, entry in sorted(project.collection.entries.items())
                if other != slug
            ],
            lines.range(Span(line, link.start(1), column)),
            types.CompletionItemKind.Reference,
        )
    for pattern, vocabulary in _VOCABULARIES:
        match = pattern.search(before)
        if match:
            words = project.house_rules.vocabulary(vocabulary)
            return _items(
                [(word, None, word) for word in words],
                lines.range(Span(line, match.start(1), column)),
                types.CompletionItemKind.EnumMember,
            )
    section = _SECTION.match(before)
    if section:
        return _items(
            [(title, "required section", title) for title in _missing(lines, line, project)],
            lines.range(Span(line, section.start(1), column)),
            types.CompletionItemKind.Module,
        )
    return None


def _missing(lines: TextLines, line: int, project: Project) -> list[str]:
    """The required sections without an H2 heading (the one being typed does not count)."""
    present = {
        heading.text
        for heading in scan(lines.text).headings
        if heading.level == 2 and heading.line - 1 != line
    }
    return [title for title in project.house_rules.section_titles if title not in present]


def _items(
    choices: list[tuple[str, str | None, str]],
    replaced: types.Range,
    kind: types.CompletionItemKind,
) -> types.CompletionList:
    """Items in the order given (sort text keeps it), each replacing what was typed."""
    return types.CompletionList(
        is_incomplete=False,
        items=[
            types.CompletionItem(
                label=label,
                kind=kind,
                detail=detail,
                sort_text=f"{index:05d}",
                filter_text=label,
                text_edit=types.TextEdit(range=replaced, new_text=text),
            )
            for index, (label, detail, text) in enumerate(choices)
        ],
    )
