"""Structure rules: the title, the required sections, the Overview table, the footer."""

from __future__ import annotations

from collections.abc import Iterator

from dossierlint.findings import Edit, Fix, Problem
from dossierlint.parse import (
    BLANK,
    CODE,
    COMMENT,
    FOOTER_KEYS,
    HEADING,
    RULE,
    footer_house_form,
    section_kinds,
)
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.examples import (
    AFTERMATH_BODY,
    KEY_FIGURES_AND_CLASSIFICATION,
    OVERVIEW_TABLE,
    swap_first_two_sections,
)
from dossierlint.rules.section_map import resolved_sections
from dossierlint.suggest import closest_title

_CONTENT_FREE = {BLANK, HEADING, RULE, COMMENT}


@rule(
    "DL101",
    "missing-title",
    "error",
    "The dossier has no H1 title.",
    example=Example(
        good="# The Soviet Union Under Joseph Stalin\n",
        bad="The Soviet Union Under Joseph Stalin\n",
    ),
)
def missing_title(ctx: Context) -> Iterator[Problem]:
    """Every dossier opens with exactly one `# Title`, e.g.
    `# The Soviet Union Under Joseph Stalin`: the collection's index and the
    duplicate-title check read it.

    ## Why is this bad?
    Without a title the collection's index has nothing to list the dossier by, and
    the duplicate-title check cannot see it.

    ## How to fix
    Add one `# Title` line at the top.
    """
    if ctx.dossier.title is None:
        yield Problem(1, 1, "dossier has no '# Title' heading")


@rule(
    "DL102",
    "multiple-titles",
    "error",
    "The dossier has more than one H1 heading.",
    example=Example(
        good="### Lenin's Death (January 1924)\n",
        bad="# Lenin's Death (January 1924)\n",
    ),
)
def multiple_titles(ctx: Context) -> Iterator[Problem]:
    """A dossier has exactly one H1. A second `#` heading is usually a
    subsection written with too few hashes: use `##` or `###`.

    ## Why is this bad?
    Programs take the first H1 as the title; a second one splits the document's
    outline and is usually a heading written at the wrong level.

    ## How to fix
    Keep one `#` heading and turn the others into `##` or `###` headings.
    """
    titles = [h for h in ctx.document.headings if h.level == 1]
    for heading in titles[1:]:
        yield Problem(
            heading.line,
            heading.column,
            f"second H1 heading '# {heading.text}' (the title is on line {titles[0].line}); "
            "use ## or ### for sections",
        )


@rule(
    "DL103",
    "missing-section",
    "error",
    "A required H2 section is missing.",
    example=Example(good="## Classification\n", bad=""),
)
def missing_section(ctx: Context) -> Iterator[Problem]:
    """Every section the house rules require (`[sections] required` in
    `schema/house-rules.toml`) appears as an H2 heading. The finding points
    where the section belongs: at the next required section present.

    ## Why is this bad?
    Readers and programs expect every dossier to cover the same ground; a missing
    section is a gap in the record.

    ## How to fix
    Add the section as an H2 heading where the finding points (`dossierlint new SLUG
    --update` adds the missing ones with placeholders).
    """
    resolved = resolved_sections(ctx)
    present = {item.title: item.section for item in resolved if item.title}
    order = ctx.house_rules.section_titles
    for index, title in enumerate(order):
        if title in present:
            continue
        following = next((present[t] for t in order[index + 1 :] if t in present), None)
        line = following.line if following else len(ctx.document.lines) or 1
        where = f"before '## {following.title}'" if following else "at the end"
        yield Problem(line, 1, f"required section '## {title}' is missing (it belongs {where})")


@rule(
    "DL104",
    "duplicate-section",
    "error",
    "An H2 section appears more than once.",
    example=Example(good="### De-Stalinization Measures\n", bad="## Aftermath\n"),
)
def duplicate_section(ctx: Context) -> Iterator[Problem]:
    """Each section appears once; a second heading with the same title splits
    the section's content in two. Merge the two or rename one.

    ## Why is this bad?
    Programs reading the section find only one half of it, and readers cannot tell
    which heading holds what.

    ## How to fix
    Merge the two sections, or rename one of them.
    """
    seen: dict[str, int] = {}
    for item in resolved_sections(ctx):
        title = item.title or item.section.title
        if title in seen:
            yield Problem(
                item.section.line,
                item.section.column,
                f"section '## {title}' appears again (first on line {seen[title]})",
            )
        else:
            seen[title] = item.section.line


@rule(
    "DL105",
    "section-order",
    "error",
    "Required sections are out of the house order.",
    example=Example(
        good=KEY_FIGURES_AND_CLASSIFICATION,
        bad=swap_first_two_sections(KEY_FIGURES_AND_CLASSIFICATION),
    ),
)
def section_order(ctx: Context) -> Iterator[Problem]:
    """Required sections follow the order in the house rules. The sections
    reported are the fewest that, moved, would restore the order.

    ## Why is this bad?
    Dossiers are read side by side; the same order everywhere lets a reader find a
    section without searching.

    ## How to fix
    Move the sections reported to their place in the house order.
    """
    order = {title: index for index, title in enumerate(ctx.house_rules.section_titles)}
    firsts: dict[str, object] = {}
    for item in resolved_sections(ctx):
        if item.title in order and item.title not in firsts:
            firsts[item.title] = item.section
    sequence = list(firsts)
    # Searched from the end, so that of two swapped sections the later one is reported.
    backwards = _longest_increasing([-order[t] for t in reversed(sequence)])
    keep = {len(sequence) - 1 - position for position in backwards}
    titles = ctx.house_rules.section_titles
    for position, title in enumerate(sequence):
        if position in keep:
            continue
        section = firsts[title]
        index = order[title]
        after = f"after '## {titles[index - 1]}'" if index else "first"
        yield Problem(
            section.line,
            section.column,
            f"section '## {title}' is out of order: it belongs {after}",
        )


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sort)."""
    tails: list[int] = []
    tail_positions: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        previous[position] = tail_positions[low - 1] if low else -1
        if low == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[low] = value
            tail_positions[low] = position
    keep: set[int] = set()
    position = tail_positions[-1] if tail_positions else -1
    while position >= 0:
        keep.add(position)
        position = previous[position]
    return keep


@rule(
    "DL106",
    "empty-section",
    "error",
    "A required section has no content.",
    example=Example(
        good=AFTERMATH_BODY,
        bad="",
    ),
)
def empty_section(ctx: Context) -> Iterator[Problem]:
    """Every required section says something: a heading followed only by
    blank lines, rules, comments or subsection headings is empty.

    ## Why is this bad?
    An empty required section passes the structure checks while leaving the gap the
    section exists to fill.

    ## How to fix
    Write the section's content, or mark what is unknown in words.
    """
    for item in resolved_sections(ctx):
        if item.title is None:
            continue
        if all(kind in _CONTENT_FREE for kind in section_kinds(ctx.document, item.section)):
            yield Problem(
                item.section.line, item.section.column, f"section '## {item.title}' is empty"
            )


@rule(
    "DL107",
    "unknown-section",
    "warning",
    "An H2 heading that is not a house section.",
    example=Example(
        good="### Show Trials (Moscow Trials 1936-1938)\n",
        bad="## Show Trials (Moscow Trials 1936-1938)\n",
    ),
)
def unknown_section(ctx: Context) -> Iterator[Problem]:
    """H2 headings are reserved for the house sections (and any listed under
    `[sections] optional`). Anything else is usually a subsection that
    wants `###`.

    ## Why is this bad?
    H2 headings are how programs find the house sections; an unknown one is usually
    a subsection at the wrong level and is invisible to them.

    ## How to fix
    Write it as a `###` subsection of the section it belongs to, or list it under
    `[sections] optional` in the house rules.
    """
    allowed = list(ctx.house_rules.section_titles) + list(ctx.house_rules.optional_sections)
    for item in resolved_sections(ctx):
        if item.title is not None:
            continue
        hint = closest_title(item.section.title, allowed)
        suggestion = f" (did you mean '## {hint}'?)" if hint else "; use ### for a subsection"
        yield Problem(
            item.section.line,
            item.section.column,
            f"'## {item.section.title}' is not a house section{suggestion}",
        )


_NAME_ENDS = ("(", ":", " - ", " \u2013 ", " \u2014 ")


def _heading_name(title: str) -> str:
    """A heading's name: the text before a parenthesis, a colon or a spaced dash."""
    cut = min((at for at in map(title.find, _NAME_ENDS) if at > 0), default=len(title))
    return title[:cut].rstrip() or title


@rule(
    "DL108",
    "misspelled-section",
    "error",
    "An H2 heading is a near miss of a required section.",
    example=Example(good="## Key Figures\n", bad="## Key Figure\n", fixed="## Key Figures\n"),
    fix="safe",
)
def misspelled_section(ctx: Context) -> Iterator[Problem]:
    """A heading that is a near miss of a missing required section
    (`## Key Figure`, `## Fall/End`, `## key events & atrocities`) is
    reported with the right spelling; `--fix` renames it.

    ## Why is this bad?
    A misspelt heading is not recognised as the section it stands for: that section
    then counts as missing and programs do not find it.

    ## How to fix
    Rename the heading to the house title given in the message, or run `--fix`.

    ## Fix safety
    Safe: only the heading's name changes, to the house title of the one missing
    section it is a near miss of; text after the name (`## Key Figure (USSR)`) is
    kept. When the name is already right and only that text differs, dropping it
    is an unsafe fix.
    """
    for item in resolved_sections(ctx):
        if not item.near_miss:
            continue
        section = item.section
        line = ctx.document.text_of(section.line)
        start = line.find(section.title)
        fix = None
        if start >= 0:
            name = _heading_name(section.title)
            if name != item.title:
                fix = Fix((Edit(section.line, start, start + len(name), item.title),))
            else:
                end = start + len(section.title)
                fix = Fix((Edit(section.line, start, end, item.title),), safe=False)
        yield Problem(
            section.line,
            section.column,
            f"'## {section.title}' should be '## {item.title}'",
            fix,
        )


def _overview_rows(ctx: Context):
    overview = ctx.dossier.overview
    return overview.fields if overview else None


@rule(
    "DL110",
    "missing-overview-table",
    "error",
    "The Overview section has no `| **Field** | Value |` table.",
    example=Example(
        good=OVERVIEW_TABLE,
        bad="The Soviet Union under Stalin, 1924-1953.\n",
    ),
)
def missing_overview_table(ctx: Context) -> Iterator[Problem]:
    """The Overview is a two-column table with a bold field name per row;
    programs reading the collection take the regime's dates, leaders and
    death toll from it.

    ## Why is this bad?
    Programs reading the collection take the regime's dates, leaders and death toll
    from the Overview table; without it they find none of them.

    ## How to fix
    Write the Overview as a `| **Field** | Value |` table with one row per house
    field.
    """
    overview = ctx.dossier.overview
    if overview is not None and not overview.fields:
        yield Problem(
            overview.line, overview.column, "Overview has no '| **Field** | Value |' table"
        )


@rule(
    "DL111",
    "missing-overview-field",
    "error",
    "A required Overview row is missing.",
    example=Example(good="| **Type** | Communist / Totalitarian one-party state |\n", bad=""),
)
def missing_overview_field(ctx: Context) -> Iterator[Problem]:
    """The Overview table has a row for every field in `[overview] fields`
    of the house rules (Country/Region, Dates, Leader(s), Type, Duration,
    Estimated Death Toll).

    ## Why is this bad?
    Every program and every reader looking for that fact in the Overview finds
    nothing.

    ## How to fix
    Add a row for the missing field.
    """
    rows = _overview_rows(ctx)
    if not rows:
        return
    names = {row.name for row in rows}
    last = rows[-1]
    for field_rule in ctx.house_rules.overview_fields:
        if field_rule.name not in names:
            yield Problem(last.line, 1, f"Overview has no '**{field_rule.name}**' row")


@rule(
    "DL112",
    "empty-overview-value",
    "error",
    "An Overview row has no value.",
    example=Example(
        good="| **Type** | Communist / Totalitarian one-party state |",
        bad="| **Type** |  |",
    ),
)
def empty_overview_value(ctx: Context) -> Iterator[Problem]:
    """Every Overview row has a value. Write `unknown` rather than leaving
    a cell blank, so a reader can tell "not known" from "not filled in".

    ## Why is this bad?
    A blank cell cannot be told apart from a field nobody filled in.

    ## How to fix
    Write the value, or `unknown`.
    """
    for row in _overview_rows(ctx) or ():
        if not row.value.strip():
            yield Problem(row.line, row.value_column, f"Overview row '**{row.name}**' is empty")


@rule(
    "DL113",
    "unknown-overview-field",
    "warning",
    "An Overview row that is not a house field, or a field given twice.",
    example=Example(
        good="| **Type** | Communist / Totalitarian one-party state |\n",
        bad="| **Type** | Communist / Totalitarian one-party state |\n| **Capital** | Moscow |\n",
    ),
)
def unknown_overview_field(ctx: Context) -> Iterator[Problem]:
    """The Overview holds the house fields only, once each; other facts
    belong in the sections.

    ## Why is this bad?
    Programs read the Overview by field name: an unknown row is ignored and a
    repeated one makes the value ambiguous.

    ## How to fix
    Move the fact into a section, or remove the repeated row.
    """
    known = [field_rule.name for field_rule in ctx.house_rules.overview_fields]
    seen: dict[str, int] = {}
    for row in _overview_rows(ctx) or ():
        if row.name in seen:
            yield Problem(
                row.line, row.column, f"Overview row '**{row.name}**' repeats line {seen[row.name]}"
            )
            continue
        seen[row.name] = row.line
        if row.name not in known:
            hint = closest_title(row.name, known)
            suggestion = f" (did you mean '**{hint}**'?)" if hint else ""
            yield Problem(
                row.line, row.column, f"'**{row.name}**' is not an Overview field{suggestion}"
            )


@rule(
    "DL120",
    "missing-footer-line",
    "error",
    "A footer line (Created, Last updated, Tags) is missing.",
    example=Example(good="*Last updated: 2026-01-06*\n", bad=""),
)
def missing_footer_line(ctx: Context) -> Iterator[Problem]:
    """The dossier ends with a `---` rule and three italic lines:
    `*Created: YYYY-MM-DD*`, `*Last updated: YYYY-MM-DD*` and
    `*Tags:* #regime ...`.

    ## Why is this bad?
    The footer dates and tags are how the collection is sorted, selected and kept
    fresh; a missing line leaves the dossier out.

    ## How to fix
    Add the missing line to the footer, below the `---` rule.
    """
    last_line = max(len(ctx.document.lines), 1)
    for key in FOOTER_KEYS:
        if key not in ctx.parsed.footer:
            example = "*Tags:* #regime ..." if key == "Tags" else f"*{key}: YYYY-MM-DD*"
            yield Problem(last_line, 1, f"footer line '{example}' is missing")


@rule(
    "DL121",
    "malformed-footer-line",
    "error",
    "A footer line is not written in the house form.",
    example=Example(
        good="*Created: 2026-01-06*\n",
        bad="*Created: 2026-01-06\n",
        fixed="*Created: 2026-01-06*\n",
    ),
    fix="safe",
)
def malformed_footer_line(ctx: Context) -> Iterator[Problem]:
    """Footer lines are italic and written exactly `*Created: 2026-01-06*`,
    `*Last updated: 2026-01-06*`, `*Tags:* #regime #era`; the footer
    follows a `---` rule. `--fix` rewrites the italics.

    ## Why is this bad?
    Programs read the footer by its exact form; a line written differently is not
    read.

    ## How to fix
    Rewrite the line in the form the message gives, or run `--fix`; add a `---` rule
    above the footer when it lacks one.

    ## Fix safety
    Safe: the line is rewritten in the house form with its own dates and tags; a
    missing `---` rule is not added.
    """
    footer = ctx.parsed.footer
    for key in FOOTER_KEYS:
        item = footer.get(key)
        if item is None or item.well_formed:
            continue
        house = footer_house_form(key, item.value)
        text = ctx.document.text_of(item.line)
        fix = Fix((Edit(item.line, 0, len(text), house),))
        yield Problem(item.line, 1, f"footer line should read '{house}'", fix)
    if footer:
        first = min(item.line for item in footer.values())
        kinds = ctx.document.kinds
        above = next((kinds[n - 1] for n in range(first - 1, 0, -1) if kinds[n - 1] != BLANK), None)
        if above != RULE:
            yield Problem(first, 1, "the footer should follow a '---' rule")


@rule(
    "DL190",
    "trailing-whitespace",
    "warning",
    "A line ends in spaces or tabs.",
    example=Example(
        good="**Occasion**: 20th Congress of Communist Party, closed session\n",
        bad="**Occasion**: 20th Congress of Communist Party, closed session  \n",
        fixed="**Occasion**: 20th Congress of Communist Party, closed session\n",
    ),
    fix="safe",
)
def trailing_whitespace(ctx: Context) -> Iterator[Problem]:
    """Trailing spaces are invisible noise in diffs (and two of them make a
    hard line break that dossiers never need). Code blocks are left alone.

    ## Why is this bad?
    Trailing whitespace is invisible and turns up as noise in diffs; two trailing
    spaces are a Markdown hard line break.

    ## How to fix
    Delete the spaces and tabs at the end of the line, or run `--fix`.

    ## Fix safety
    Safe: only the spaces and tabs at the end of the line are removed.
    """
    document = ctx.document
    if not _may_end_a_line_in_blanks(document.text):
        return
    for number, line in enumerate(document.lines, 1):
        if not line.endswith((" ", "\t")) or document.kinds[number - 1] == CODE:
            continue
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            fix = Fix((Edit(number, len(stripped), len(line), ""),))
            yield Problem(number, len(stripped) + 1, "trailing whitespace", fix)


def _may_end_a_line_in_blanks(text: str) -> bool:
    """False when no line of `text` ends in a space or a tab: a few searches of the text
    instead of a test of every line (lines split on `\\r` too are left to that test). A
    tab is looked for alone first: that search is several times cheaper than one for two
    characters, and most texts hold no tab."""
    return (
        "\r" in text
        or " \n" in text
        or ("\t" in text and "\t\n" in text)
        or text.endswith((" ", "\t"))
    )


RULES = (
    missing_title,
    multiple_titles,
    missing_section,
    duplicate_section,
    section_order,
    empty_section,
    unknown_section,
    misspelled_section,
    missing_overview_table,
    missing_overview_field,
    empty_overview_value,
    unknown_overview_field,
    missing_footer_line,
    malformed_footer_line,
    trailing_whitespace,
)
