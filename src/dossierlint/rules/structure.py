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
    section_body,
)
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.section_map import resolved_sections
from dossierlint.suggest import closest_title

_CONTENT_FREE = {BLANK, HEADING, RULE, COMMENT}

_KEY_FIGURES_AND_CLASSIFICATION = """## Key Figures
- **Joseph Stalin** — General Secretary, later Premier and Supreme Commander
- **Leon Trotsky** — Revolutionary leader, defeated rival, exiled 1929, assassinated 1940
- **Nikolai Bukharin** — Former ally, executed 1938
- **Lev Kamenev & Grigory Zinoviev** — Early allies turned rivals, executed 1936
- **Lavrentiy Beria** — Head of NKVD (1938-1953)
- **Nikolai Yezhov** — Head of NKVD during Great Terror (1936-1938)
- **Vyacheslav Molotov** — Foreign Minister
- **Georgy Zhukov** — Military commander during WWII

## Classification
Communist totalitarian regime characterized by:
- One-party rule with no political opposition permitted
- Extensive secret police apparatus (NKVD)
- Gulag forced labor camp system
- Cult of personality around Stalin
- State control of all media and information
- Mass political repression and purges
"""


def _swap_first_two_sections(text: str) -> str:
    key_figures, classification = text.split("\n\n## Classification\n")
    return f"## Classification\n{classification}\n{key_figures}\n"


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
    duplicate-title check read it."""
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
    subsection written with too few hashes: use `##` or `###`."""
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
    where the section belongs: at the next required section present."""
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
    the section's content in two. Merge the two or rename one."""
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
        good=_KEY_FIGURES_AND_CLASSIFICATION,
        bad=_swap_first_two_sections(_KEY_FIGURES_AND_CLASSIFICATION),
    ),
)
def section_order(ctx: Context) -> Iterator[Problem]:
    """Required sections follow the order in the house rules. The sections
    reported are the fewest that, moved, would restore the order."""
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
        good="""**Stalin's Death**: March 5, 1953

**Immediate Aftermath**:
- Power vacuum created
- Collective leadership formed:
  - **Georgi Malenkov**: Premier
  - **Lavrentiy Beria**: Head of Ministry of Interior
  - **Nikita Khrushchev**: First Secretary of Central Committee

**Beria's Fall**:
- Started freeing Gulag prisoners
- Arrested June 26, 1953
- Executed December 23, 1953
""",
        bad="",
    ),
)
def empty_section(ctx: Context) -> Iterator[Problem]:
    """Every required section says something: a heading followed only by
    blank lines, rules, comments or subsection headings is empty."""
    for item in resolved_sections(ctx):
        if item.title is None:
            continue
        body = section_body(ctx.document, item.section)
        if all(kind in _CONTENT_FREE for _, kind, _ in body):
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
    wants `###`."""
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
    example=Example(good="## Key Figures\n", bad="## Key Figure\n"),
    fixable=True,
)
def misspelled_section(ctx: Context) -> Iterator[Problem]:
    """A heading that is a near miss of a missing required section
    (`## Key Figure`, `## Fall/End`, `## key events & atrocities`) is
    reported with the right spelling; `--fix` renames it."""
    # Text after the name (`## Key Figure (USSR)`, `## Aftermath: 1953`) is kept:
    # the safe fix respells the name only. When the name is already right and
    # only that text differs, dropping it is an unsafe fix.
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
        good="""| Field | Value |
|-------|-------|
| **Country/Region** | Soviet Union (USSR) |
| **Dates** | 1924-1953 |
| **Leader(s)** | Joseph Stalin (1878-1953) |
| **Type** | Communist / Totalitarian one-party state |
| **Duration** | 29 years |
| **Estimated Death Toll** | 6-20 million (scholarly range); some estimates higher |
""",
        bad="The Soviet Union under Stalin, 1924-1953.\n",
    ),
)
def missing_overview_table(ctx: Context) -> Iterator[Problem]:
    """The Overview is a two-column table with a bold field name per row;
    programs reading the collection take the regime's dates, leaders and
    death toll from it."""
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
    Estimated Death Toll)."""
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
    a cell blank, so a reader can tell "not known" from "not filled in"."""
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
    belong in the sections."""
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
    `*Tags:* #regime ...`."""
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
    example=Example(good="*Created: 2026-01-06*\n", bad="*Created: 2026-01-06\n"),
    fixable=True,
)
def malformed_footer_line(ctx: Context) -> Iterator[Problem]:
    """Footer lines are italic and written exactly `*Created: 2026-01-06*`,
    `*Last updated: 2026-01-06*`, `*Tags:* #regime #era`; the footer
    follows a `---` rule. `--fix` rewrites the italics."""
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
    ),
    fixable=True,
)
def trailing_whitespace(ctx: Context) -> Iterator[Problem]:
    """Trailing spaces are invisible noise in diffs (and two of them make a
    hard line break that dossiers never need). Code blocks are left alone."""
    document = ctx.document
    for number, line in enumerate(document.lines, 1):
        if not line.endswith((" ", "\t")) or document.kinds[number - 1] == CODE:
            continue
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            fix = Fix((Edit(number, len(stripped), len(line), ""),))
            yield Problem(number, len(stripped) + 1, "trailing whitespace", fix)


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
