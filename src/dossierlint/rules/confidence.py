"""Confidence rules: the Confidence Assessment states a level, explains it, and earns it.

The levels follow the ODNI's ICD 203 analytic standards (High, Medium, Low
confidence), as listed in the house rules' `confidence_levels`; the first
level listed is the highest, and the calibration rule asks of it that the
dossier's sources bear it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossierlint.findings import Edit, Fix, Problem
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.examples import NOTES, STANFORD
from dossierlint.rules.sources import source_counts
from dossierlint.suggest import closest_word


def _level(ctx: Context) -> tuple[str, str | None] | None:
    """(level as written, its vocabulary spelling or None), when a level is written."""
    confidence = ctx.dossier.confidence
    if confidence is None or confidence.level is None:
        return None
    levels = {level.lower(): level for level in ctx.house_rules.vocabulary("confidence_levels")}
    return confidence.level, levels.get(confidence.level.lower())


@rule(
    "DL301",
    "missing-confidence-level",
    "error",
    "The Confidence Assessment has no `**Overall**: LEVEL`.",
    example=Example(good="**Overall**: High\n", bad=""),
)
def missing_confidence_level(ctx: Context) -> Iterator[Problem]:
    """The Confidence Assessment opens with `**Overall**: LEVEL`, LEVEL one
    of the house confidence levels (`confidence_levels`: High, Medium, Low,
    after the ODNI's ICD 203). Reported at the label when the level is
    empty, else at the section heading.

    ## Why is this bad?
    Readers and programs read how far to trust the dossier from its overall level;
    without one they cannot.

    ## How to fix
    Write `**Overall**: LEVEL` at the top of the Confidence Assessment, with a house
    level.
    """
    confidence, marks = ctx.dossier.confidence, ctx.parsed.confidence_marks
    if confidence is None or confidence.level is not None:
        return
    levels = "/".join(ctx.house_rules.vocabulary("confidence_levels"))
    if marks is not None and marks.overall_line is not None:
        yield Problem(
            marks.overall_line, marks.level_start + 1, f"'**Overall**:' has no level ({levels})"
        )
    else:
        yield Problem(
            confidence.line,
            confidence.column,
            f"Confidence Assessment has no '**Overall**: LEVEL' line ({levels})",
        )


@rule(
    "DL302",
    "unknown-confidence-level",
    "error",
    "The `**Overall**` level is not a house confidence level.",
    example=Example(good="**Overall**: High", bad="**Overall**: Hihg", fixed="**Overall**: High"),
    fix="unsafe",
)
def unknown_confidence_level(ctx: Context) -> Iterator[Problem]:
    """The overall level is one of the house confidence levels (High,
    Medium, Low), with nothing after it: put the reasons under
    `**Notes**:`. A near miss (`Hihg`) is reported with the right spelling,
    which `--unsafe-fixes` applies; a level in the wrong case is DL303.

    ## Why is this bad?
    Programs compare levels exactly, so a level outside the vocabulary is unreadable
    to them.

    ## How to fix
    Write one house level and move any reasons under `**Notes**:`; `--fix
    --unsafe-fixes` applies the suggested spelling.

    ## Fix safety
    Unsafe: the suggestion is a guess among close matches, so it is applied only
    with `--unsafe-fixes`.
    """
    found, marks = _level(ctx), ctx.parsed.confidence_marks
    if found is None or found[1] is not None or marks is None or marks.overall_line is None:
        return
    written = found[0]
    levels = ctx.house_rules.vocabulary("confidence_levels")
    hint = closest_word(written, levels)
    fix, suggestion = None, f"; one of: {', '.join(levels)}"
    if hint:
        suggestion = f" (did you mean '{hint}'?)"
        fix = Fix((Edit(marks.overall_line, marks.level_start, marks.level_end, hint),), safe=False)
    yield Problem(
        marks.overall_line,
        marks.level_start + 1,
        f"unknown confidence level '{written}'{suggestion}",
        fix,
    )


@rule(
    "DL303",
    "confidence-level-case",
    "error",
    "The `**Overall**` level is a house level written in the wrong case.",
    example=Example(good="**Overall**: High", bad="**Overall**: high", fixed="**Overall**: High"),
    fix="safe",
)
def confidence_level_case(ctx: Context) -> Iterator[Problem]:
    """Levels are written as in the vocabulary: `High`, not `high` or
    `HIGH`. `--fix` rewrites the level and nothing else.

    ## Why is this bad?
    Levels are compared exactly, so a level in another case does not match the
    vocabulary.

    ## How to fix
    Write the level as the vocabulary does, or run `--fix`.

    ## Fix safety
    Safe: the level is rewritten as the vocabulary spells it, nothing else changes.
    """
    found, marks = _level(ctx), ctx.parsed.confidence_marks
    if found is None or found[1] in (None, found[0]) or marks is None:
        return
    written, house = found
    fix = Fix((Edit(marks.overall_line, marks.level_start, marks.level_end, house),))
    yield Problem(
        marks.overall_line,
        marks.level_start + 1,
        f"confidence level '{written}' should be written '{house}'",
        fix,
    )


@rule(
    "DL304",
    "missing-confidence-notes",
    "error",
    "The Confidence Assessment has no `**Notes**:` with at least one bullet.",
    example=Example(good=NOTES, bad=""),
)
def missing_confidence_notes(ctx: Context) -> Iterator[Problem]:
    """A level without reasons cannot be reviewed: under `**Notes**:` at
    least one bullet says what the confidence rests on (archives, scholarly
    consensus) and where it is weak (contested figures, thin sources).

    ## Why is this bad?
    A level without reasons cannot be reviewed or challenged.

    ## How to fix
    Add `**Notes**:` with at least one bullet saying what the level rests on.
    """
    confidence, marks = ctx.dossier.confidence, ctx.parsed.confidence_marks
    if confidence is None or confidence.notes:
        return
    if marks is not None and marks.notes_line is not None:
        yield Problem(marks.notes_line, 1, "'**Notes**:' has no bullets; add at least one '- ...'")
    else:
        yield Problem(
            confidence.line,
            confidence.column,
            "Confidence Assessment has no '**Notes**:' with bullets saying why",
        )


@rule(
    "DL310",
    "unearned-confidence",
    "warning",
    "The highest confidence level rests on too few, tertiary or unreliable sources.",
    example=Example(
        good=STANFORD,
        bad="- [World History Encyclopedia - Joseph Stalin](https://www.worldhistory.org/Joseph_Stalin/)"
        " | type: secondary | accessed: 2026-01-06",
    ),
    options={"high-min-sources": 5, "high-min-non-tertiary": 2},
)
def unearned_confidence(ctx: Context) -> Iterator[Problem]:
    """The highest level (the first of `confidence_levels`: High) claims
    that the facts are well established; the Sources must bear that out.
    It needs at least `high-min-sources` (default 5) trusted sources - with
    a valid URL, on a domain the reliability list does not mark unreliable
    or deprecated - of which at least `high-min-non-tertiary` (default 2)
    are not tertiary: neither typed as a tertiary type (`encyclopedia`) nor
    on a domain whose category is `tertiary` (Wikipedia, Britannica, World
    History Encyclopedia). Repeated URLs count once. The reference dossier
    (9 sources, 2 of them academic) meets both. The finding says what is
    missing; add sources or lower the level.

    The failing example swaps the reference's Stanford Report for a second
    World History Encyclopedia article: `High` then rests on one
    non-tertiary source.

    ## Why is this bad?
    A High level on thin or tertiary sourcing overstates how well the facts are
    established.

    ## How to fix
    Add trusted, non-tertiary sources, or lower the level.

    ## Options
    `high-min-sources`: the fewest trusted sources the highest level needs;
    `high-min-non-tertiary`: how many of them must not be tertiary.
    """
    found, marks = _level(ctx), ctx.parsed.confidence_marks
    highest = ctx.house_rules.vocabulary("confidence_levels")[0]
    if found is None or found[1] != highest or marks is None:
        return
    counts = source_counts(ctx)
    need_sources, need_independent = (
        ctx.options["high-min-sources"],
        ctx.options["high-min-non-tertiary"],
    )
    missing = []
    if counts.trusted < need_sources:
        missing.append(f"{need_sources} trusted sources (has {counts.trusted})")
    if counts.trusted_non_tertiary < need_independent:
        missing.append(
            f"{need_independent} trusted non-tertiary sources (has {counts.trusted_non_tertiary})"
        )
    if missing:
        yield Problem(
            marks.overall_line,
            marks.level_start + 1,
            f"'{highest}' confidence needs at least {' and '.join(missing)}; "
            "add sources or lower the level",
        )


RULES = (
    missing_confidence_level,
    unknown_confidence_level,
    confidence_level_case,
    missing_confidence_notes,
    unearned_confidence,
)
