"""Grounding rules: a dossier's dates and figures against the text of the sources it cites.

The sources are the project's snapshots (`sources/`, see docs/snapshots.md);
the rules read them through `Context.snapshots` and consult only those of the
URLs the dossier itself cites. A claim is a dated or numbered statement on a
prose line (the lines the date rules scan: not the Sources section, the
footer or a table); `dossierlint.claims` extracts and judges it. Nothing runs
when the project keeps no snapshot folder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from dossierlint import regex
from dossierlint.findings import Problem
from dossierlint.parse import HEADING, TABLE
from dossierlint.records import TupleRecord
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.dates.prose import prose_lines
from dossierlint.rules.sources import source_facts

if TYPE_CHECKING:
    from dossierlint.claims import SnapshotText
    from dossierlint.claims.matching import Coverage, LineClaims, Verdict
    from dossierlint.houserules import HouseRules
    from dossierlint.parse import ParsedDossier

QUOTE_LENGTH = 120
_LABEL_LINE = regex.compile(r"[ \t]{0,3}\*\*[^*]{1,200}\*\*(?:[ \t]{0,3}:)?[ \t]{0,3}")
_CONTROL = regex.compile(r"[\x00-\x1f\x7f-\x9f]")


class Cited(TupleRecord):
    """A Sources bullet with a URL, and its snapshot if the store has one."""

    line: int
    column: int
    url: str
    snapshot: SnapshotText | None


def cited_snapshots(ctx: Context) -> list[Cited]:
    """The dossier's cited URLs with their snapshots (empty when the project keeps none)."""
    return ctx.derived(_cited)


def _cited(ctx: Context) -> list[Cited]:
    if ctx.snapshots is None:
        return []
    found, seen = [], set()
    for facts in source_facts(ctx):
        if facts.url is None or facts.key in seen:
            continue
        seen.add(facts.key)
        column = facts.citation.url.column + 1 if facts.citation.url else 1
        found.append(Cited(facts.line, column, facts.url, ctx.snapshots.get(facts.key)))
    return found


def judged_lines(ctx: Context) -> list[tuple[LineClaims, list[Verdict]]]:
    """Each claim line of the dossier with its verdicts (computed once per file)."""
    return ctx.derived(_judge)


def grounding_sources(ctx: Context) -> list[SnapshotText]:
    """The cited snapshots a claim can be checked against (not empty, not boilerplate)."""
    return ctx.derived(_usable)


def _usable(ctx: Context) -> list[SnapshotText]:
    cited = cited_snapshots(ctx)
    if not any(c.snapshot for c in cited):
        return []
    from dossierlint.claims.matching import text_problem

    return [c.snapshot for c in cited if c.snapshot and not text_problem(c.snapshot.text)]


def _judge(ctx: Context) -> list[tuple[LineClaims, list[Verdict]]]:
    sources = grounding_sources(ctx)
    if not sources:
        return []
    from dossierlint.claims.matching import verdicts

    return verdicts(_claim_lines(ctx), sources)


def _claim_lines(ctx: Context) -> list[LineClaims]:
    from dossierlint.claims.matching import claim_line
    from dossierlint.claims.words import names

    labels = _labels(ctx.document.lines, ctx.document.kinds)
    found = []
    for line in prose_lines(ctx):
        if line.kind == TABLE:
            continue
        label = labels[line.number - 1]
        claims = claim_line(
            line.number, line.text, frozenset(names(label)) if label else frozenset()
        )
        if claims is not None:
            found.append(claims)
    return found


def _labels(lines: list[str], kinds: list[str]) -> list[str | None]:
    """For each line, the nearest `###` heading or bold label line above it within its section."""
    labels: list[str | None] = []
    current = None
    for text, kind in zip(lines, kinds, strict=True):
        labels.append(current)
        if kind == HEADING:
            current = None if text.startswith("## ") or text.startswith("# ") else text
        elif _LABEL_LINE.fullmatch(text):
            current = text
    return labels


def quote(sentence: str, value: str, limit: int = QUOTE_LENGTH) -> str:
    """The sentence around `value`, cut to about `limit` characters, the value in «»."""
    sentence = _CONTROL.sub(" ", sentence)
    at = sentence.find(value)
    if at < 0:
        return _cut(sentence, 0, limit)
    marked = f"{sentence[:at]}«{value}»{sentence[at + len(value) :]}"
    return _cut(marked, at, limit)


def _cut(text: str, focus: int, limit: int) -> str:
    if len(text) <= limit:
        return text
    start = max(0, min(focus - limit // 2, len(text) - limit))
    piece = text[start : start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(text) else "")


def _column(text: str, value: str) -> int:
    """The 1-based column of `value` in the dossier line (claims are read with markup removed)."""
    return text.find(value) + 1 or 1


def _source_name(snapshot: SnapshotText) -> str:
    name = f"{snapshot.title} ({snapshot.url})" if snapshot.title else snapshot.url
    return _CONTROL.sub("?", name)


# --- examples ----------------------------------------------------------------------

_PURGE_URL = "https://www.britannica.com/event/Great-Purge"
_GULAG_URL = "https://www.britannica.com/place/Gulag"
_PURGE_TEXT = (
    "The Great Purge, also called the Great Terror, was a campaign of political repression "
    "in the Soviet Union from 1936 to 1938. It followed the murder of Sergei Kirov, the "
    "Leningrad party chief, who was shot dead at the Smolny Institute on 1 December 1934. "
    "Stalin used the killing as a pretext for a campaign against his rivals in the party, "
    "the army and the secret police. The archives record 681,692 executions in 1937 and "
    "1938 alone, and some historians put the total number of deaths far higher."
)
_KIROV = "**Triggered by**: Assassination of Sergei Kirov (December 1934)"
_GULAG_SOURCE = f"- [Britannica - Gulag]({_GULAG_URL}) | type: encyclopedia | accessed: 2026-01-06"
_SNAPSHOTS = ((_PURGE_URL, _PURGE_TEXT), (_GULAG_URL, _PURGE_TEXT))


# --- rules -------------------------------------------------------------------------


@rule(
    "DL601",
    "contradicted-claim",
    "warning",
    "A dated or numbered claim that a cited source states otherwise.",
    example=Example(
        good=_KIROV,
        bad="**Triggered by**: Assassination of Sergei Kirov (December 1936)",
        snapshots=_SNAPSHOTS,
    ),
)
def contradicted_claim(ctx: Context) -> Iterator[Problem]:
    """A claim is contradicted when a cited source's snapshot says something
    of the same person or event, with the same kind of predicate (executed or
    shot, arrested, born, signed, invaded, deported, ...), with a value of the
    same kind (a date against a date, a count against a count of the same
    thing) that cannot be the dossier's, and when no cited source states the
    dossier's value of that person or event anywhere. The finding quotes the
    source sentence, the source's value in «», and names the source.

    Approximate values (`about`, `nearly`, `some`, `up to`, `over`, `c.`, `~`),
    ranges, a year against a full date of that year, and Old Style against New
    Style dates (12-13 days apart before 1918) are compared as the intervals
    they allow, never as contradictions. The test is narrow on purpose: the
    shared name must be one the source does not use everywhere, and coarse
    values (`1930s`, `by 1932`) never contradict. What it proves and does not
    prove: README, "What the grounding rules prove and do not prove".

    ## Why is this bad?
    A dossier is only as good as its sources: a date or a figure that the page it
    cites states otherwise is either a mistake in the dossier or a disagreement
    between sources that the text should name.

    ## How to fix
    Read the quoted sentence in the snapshot. Correct the dossier's value, or, where
    sources genuinely disagree, give both values and say who holds which.
    """
    judged = judged_lines(ctx)
    if not judged:
        return
    from dossierlint.claims.matching import CONTRADICTED

    for line, found in judged:
        for verdict in found:
            if verdict.status != CONTRADICTED or verdict.evidence is None:
                continue
            evidence = verdict.evidence
            value = verdict.claim.value
            yield Problem(
                line.line,
                _column(line.text, value.text),
                f"'{value.text}' is contradicted by {_source_name(evidence.source)}: "
                f'"{quote(evidence.sentence, evidence.value.text)}"',
            )
            break


@rule(
    "DL602",
    "unsupported-claim",
    "info",
    "A dated or numbered claim that no cited source states (off by default).",
    example=Example(
        good=_KIROV,
        bad="**Triggered by**: the Shakhty trial of mining engineers (May 1928)",
        snapshots=_SNAPSHOTS,
    ),
    default=False,
)
def unsupported_claim(ctx: Context) -> Iterator[Problem]:
    """A prose line with a date or a figure that no cited snapshot states of
    the same subject. Off by default (turn it on with `--select
    unsupported-claim` or `select = ["ALL", "DL602"]`): most dossier lines are
    drawn from pages not yet saved, and a source may say the same thing in
    words the matcher does not link. Useful as a to-do list when bringing a
    dossier's snapshots up to date, and behind the coverage figure. Nothing
    is reported when none of the cited sources has a snapshot.

    ## Why is this bad?
    A claim no saved source states cannot be checked by a reviewer who has only
    the repository: it rests on the author's memory or on a page not yet saved.

    ## How to fix
    Save the page the claim comes from and register it (`dossierlint sources add`),
    cite it in `## Sources`, or reword the claim to what the cited sources say.
    """
    judged = judged_lines(ctx)
    if not judged:
        return
    from dossierlint.claims.matching import UNSUPPORTED, line_status

    for line, found in judged:
        if line_status(found) == UNSUPPORTED:
            value = line.claims[0].value
            yield Problem(
                line.line,
                _column(line.text, value.text),
                f"no cited snapshot states '{value.text}' of this subject",
            )


@rule(
    "DL603",
    "missing-snapshot",
    "info",
    "A cited source has no snapshot in the project's snapshot folder.",
    example=Example(
        good=_GULAG_SOURCE,
        bad=_GULAG_SOURCE.replace("place/Gulag", "place/Gulag-camp"),
        snapshots=_SNAPSHOTS,
    ),
)
def missing_snapshot(ctx: Context) -> Iterator[Problem]:
    """A source URL the dossier cites for which the snapshot folder
    (`sources/`, or `sources` in `[tool.dossierlint]`) holds no saved text,
    so no claim can be checked against it. Reported only in projects that
    keep a snapshot folder: save the page and register it with `dossierlint
    sources add URL FILE`, or fetch it with `dossierlint sources fetch`.

    ## Why is this bad?
    Without the page's text in the repository, the grounding rules cannot check the
    dossier's claims against this source, and a reviewer cannot see what it said
    when it was read.

    ## How to fix
    Save the page and run `dossierlint sources add URL FILE`, or `dossierlint sources
    fetch` to download the missing ones; commit the snapshot with the dossier.
    """
    for cited in cited_snapshots(ctx):
        if cited.snapshot is None:
            yield Problem(
                cited.line,
                cited.column,
                f"no snapshot of {_CONTROL.sub('?', cited.url)} "
                "(save the page and run 'dossierlint sources add URL FILE')",
            )


@rule(
    "DL604",
    "empty-snapshot",
    "warning",
    "A cited source's snapshot is empty or mostly boilerplate.",
    example=Example(
        good=_GULAG_SOURCE,
        bad=_GULAG_SOURCE.replace("place/Gulag", "topic/Gulag-menu"),
        snapshots=(
            *_SNAPSHOTS,
            ("https://www.britannica.com/topic/Gulag-menu", "Home\nLog in\nSubscribe\n"),
        ),
    ),
)
def empty_snapshot(ctx: Context) -> Iterator[Problem]:
    """The snapshot of a cited source has no text, or its text is mostly
    navigation, menus and other boilerplate (under 200 characters of
    sentences, or sentences under a quarter of the text): the page was saved
    before it loaded, behind a login or cookie wall, or the extractor missed
    its main text. No claim is checked against it; save the page again.

    ## Why is this bad?
    An empty or boilerplate snapshot looks like evidence in the repository but lets
    no claim be checked: every claim citing only this source goes unverified.

    ## How to fix
    Open the page in a browser once it has loaded (and past any login or cookie
    wall), save it again, and register it with `dossierlint sources add URL FILE`.
    """
    for cited in cited_snapshots(ctx):
        if cited.snapshot is None:
            continue
        from dossierlint.claims.matching import text_problem

        problem = text_problem(cited.snapshot.text)
        if problem:
            what = "is empty" if problem == "empty" else "is mostly boilerplate"
            yield Problem(
                cited.line,
                cited.column,
                f"the snapshot of this source ({cited.snapshot.name}.txt) {what}; save the page again",
            )


RULES = (contradicted_claim, unsupported_claim, missing_snapshot, empty_snapshot)


def coverage(
    parsed: ParsedDossier, house_rules: HouseRules, snapshots: Mapping[str, SnapshotText] | None
) -> Coverage | None:
    """How many of a dossier's claim lines its cited snapshots support or contradict.

    `snapshots` as the Linter loads them (`Linter.snapshots`). None when the
    project keeps no snapshots or none of the dossier's cited sources has a
    usable one.
    """
    import datetime

    from dossierlint.claims.matching import coverage_of

    ctx = Context("", parsed, house_rules, {}, datetime.date.today(), snapshots=snapshots)
    if not grounding_sources(ctx):
        return None
    return coverage_of(judged_lines(ctx))
