"""Sourcing rules: every `## Sources` bullet well-formed, checkable and trustworthy.

The citation parser (`grammar/citations.py`) finds the parts of each bullet and what is
out of form; the URL helpers (`grammar/urls.py`) judge the address; the reliability list
(`schema/reliability.toml`, extended by `[tool.dossierlint.reliability]`) says
what the site is. What several rules need about one source is worked out once
per file (`source_facts`); tuple records rather than dataclasses keep the import
cheap on the `check` path.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from functools import cache

from dossierlint import regex
from dossierlint.errors import UsageError
from dossierlint.findings import Edit, Fix, Problem
from dossierlint.grammar.citations import Citation, CitationProblem, parse_citation
from dossierlint.grammar.dates import is_iso_shaped, parse_iso_date
from dossierlint.grammar.urls import is_home_page, normalise_url, url_problem
from dossierlint.model import Section
from dossierlint.parse import TEXT, section_body
from dossierlint.records import TupleRecord
from dossierlint.reliability import (
    Reliability,
    check_types,
    load_reliability,
    lookup_reliability,
    shipped_reliability_path,
)
from dossierlint.rules.base import Context, Example, rule
from dossierlint.rules.examples import (
    COLLECTIVIZATION,
    DESTALINIZATION,
    GULAG,
    HOLODOMOR,
    PURGE,
    SCIENCES_PO,
    SOURCE_LIST,
    STANFORD,
    TO_CONFIDENCE,
)
from dossierlint.suggest import closest_word

TERTIARY_CATEGORY = "tertiary"
"""The reliability-list category of reference works (see schema/reliability.toml)."""
DISTRUSTED = ("unreliable", "deprecated")
"""Reliability statuses whose sources do not count towards a dossier's sourcing."""
HOUSE_FORM = "- [Title](URL) | type: TYPE | accessed: YYYY-MM-DD"

# A line in Sources that is not a list item but was plainly meant as a source.
_MEANT_AS_SOURCE = regex.compile(r"^[ \t]*(?:[-*+][ \t]*)?(?:\[|https?://)", re.IGNORECASE)


# --- what the rules share ----------------------------------------------------------


class SourceFacts(TupleRecord):
    """One Sources bullet and what the rules derive from it."""

    line: int
    citation: Citation
    url: str | None
    """The URL when it is a valid http(s) address, else None."""
    type: str | None
    """The TYPE in its vocabulary spelling (matched ignoring case), else None."""
    entry: Reliability | None
    """The reliability-list entry for the URL's domain, if listed."""

    @property
    def key(self) -> str:
        """What makes two bullets the same source: the normalised URL, else the text."""
        if self.url is not None:
            return normalise_url(self.url)
        citation = self.citation
        return citation.url.text if citation.url else f"line {self.line}"

    @property
    def distrusted(self) -> bool:
        return self.entry is not None and self.entry.status in DISTRUSTED


class SourceCounts(TupleRecord):
    """How a dossier is sourced; repeated URLs count once."""

    sources: int
    """Bullets with a URL."""
    non_tertiary: int
    """Of those, the ones whose TYPE is not a tertiary type (house rules)."""
    trusted: int
    """Bullets with a valid URL on a domain not listed unreliable or deprecated."""
    trusted_non_tertiary: int
    """Of those, the ones neither typed tertiary nor on a tertiary domain."""


@cache
def _shipped_reliability() -> dict[str, Reliability]:
    try:
        return load_reliability(shipped_reliability_path())
    except (OSError, ValueError) as error:
        raise UsageError(f"reliability list: {error}") from None


@cache
def _merged_reliability(
    overrides: tuple[tuple[str, Reliability], ...], source_types: tuple[str, ...]
) -> Mapping[str, Reliability]:
    """The shipped list with the editors' entries on top; built once per distinct config.

    Every entry's `types` must be house source types (the house rules may rename them)."""
    table = {**_shipped_reliability(), **dict(overrides)}
    try:
        check_types(table, source_types)
    except ValueError as error:
        raise UsageError(f"reliability list: {error}") from None
    return table


def reliability_table(ctx: Context) -> Mapping[str, Reliability]:
    """The reliability list this run uses (shipped list plus the config's entries)."""
    overrides = ctx.config.reliability if ctx.config else {}
    source_types = ctx.house_rules.vocabulary("source_types")
    return _merged_reliability(tuple(sorted(overrides.items())), source_types)


def source_facts(ctx: Context) -> list[SourceFacts]:
    return ctx.derived(_source_facts)


def _source_facts(ctx: Context) -> list[SourceFacts]:
    vocabulary = {name.lower(): name for name in ctx.house_rules.vocabulary("source_types")}
    table = reliability_table(ctx) if ctx.parsed.citations else {}
    facts = []
    for line, citation in sorted(ctx.parsed.citations.items()):
        url = citation.url.text if citation.url else None
        if url is not None and url_problem(url) is not None:
            url = None
        type_ = vocabulary.get(citation.type.text.lower()) if citation.type else None
        entry = lookup_reliability(url, table) if url else None
        facts.append(SourceFacts(line, citation, url, type_, entry))
    return facts


def source_counts(ctx: Context) -> SourceCounts:
    return ctx.derived(_source_counts)


def _source_counts(ctx: Context) -> SourceCounts:
    tertiary_types = set(ctx.house_rules.vocabulary("tertiary_source_types"))
    sources: dict[str, SourceFacts] = {}
    for facts in source_facts(ctx):
        if facts.citation.url and facts.citation.url.text:
            sources.setdefault(facts.key, facts)
    non_tertiary = [f for f in sources.values() if f.type and f.type not in tertiary_types]
    trusted = [f for f in sources.values() if f.url and not f.distrusted]
    independent = [
        f
        for f in trusted
        if f.type
        and f.type not in tertiary_types
        and not (f.entry and f.entry.category == TERTIARY_CATEGORY)
    ]
    return SourceCounts(len(sources), len(non_tertiary), len(trusted), len(independent))


def sources_sections(ctx: Context) -> list[Section]:
    title = ctx.house_rules.section_with("sources")
    return [section for section in ctx.dossier.sections if section.title == title]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- citation format ----------------------------------------------------------------


def _cosmetic(problem: CitationProblem) -> bool:
    """Whether re-rendering the line in house form fixes the problem without loss.

    True for the bullet marker, separators, spacing and key case (what
    `Citation.canonical` normalises); False where it would drop or invent text.
    """
    if problem.part in ("separator", "bullet"):
        return True
    if problem.part in ("link", "title", "url"):
        return "space" in problem.message
    return problem.message.startswith("'type:' must come before")


def _format_problems(line: int, text: str, citation: Citation) -> Iterator[Problem]:
    problems = citation.problems
    if not problems:
        return
    if citation.canonical is not None and all(_cosmetic(p) for p in problems):
        first = problems[0]
        more = f" (and {_plural(len(problems) - 1, 'more formatting problem')})"
        fix = Fix((Edit(line, 0, len(text), citation.canonical),))
        yield Problem(
            line,
            first.column + 1,
            f"{first.message}{more if len(problems) > 1 else ''}; house form: '{HOUSE_FORM}'",
            fix,
        )
        return
    if len(problems) == 1:
        yield Problem(line, problems[0].column + 1, problems[0].message)
        return
    listed = "; ".join(f"({number}) {p.message}" for number, p in enumerate(problems, 1))
    yield Problem(
        line, problems[0].column + 1, f"{len(problems)} problems in this source: {listed}"
    )


@rule(
    "DL201",
    "malformed-source",
    "error",
    "A Sources bullet is not `- [Title](URL) | type: TYPE | accessed: YYYY-MM-DD`.",
    example=Example(
        good=GULAG,
        bad="- [Britannica - Gulag](https://www.britannica.com/place/Gulag) | accessed: 2026-01-06 | type: encyclopedia",
        fixed=GULAG,
    ),
    fix="safe",
)
def malformed_source(ctx: Context) -> Iterator[Problem]:
    """Every bullet under `## Sources` is written exactly
    `- [Title](https://specific/page) | type: TYPE | accessed: YYYY-MM-DD`,
    so that programs can read the title, address, kind and date of every
    source. The finding names each part that is missing or malformed (bullet,
    link, title, URL, type, accessed), one finding per bullet however many
    parts are wrong, and points at the first. A plain-text bullet
    (`- Conquest, The Great Terror`) has no link to check and is reported.

    When the only departures are the bullet marker, separators, spacing, key
    case or part order, `--fix` rewrites the line in house form (a safe fix);
    anything that would lose or invent text is left to the editor.

    ## Why is this bad?
    Programs read each source's title, address, type and access date by position; a
    bullet in another form hides them, and a source without a link cannot be
    checked.

    ## How to fix
    Rewrite the bullet as `- [Title](URL) | type: TYPE | accessed: YYYY-MM-DD`;
    `--fix` does it when only the form is wrong.

    ## Fix safety
    Safe: only the marker, separators, spacing, key case and part order change; a
    bullet whose fix would lose or invent text gets no fix.
    """
    for facts in source_facts(ctx):
        text = ctx.document.text_of(facts.line)
        yield from _format_problems(facts.line, text, facts.citation)
    for section in sources_sections(ctx):
        for number, kind, text in section_body(ctx.document, section):
            if kind == TEXT and _MEANT_AS_SOURCE.match(text):
                yield from _format_problems(number, text, parse_citation(text))


# --- the TYPE vocabulary ------------------------------------------------------------


@rule(
    "DL202",
    "unknown-source-type",
    "error",
    "A source's `type:` is not in the house vocabulary.",
    example=Example(
        good=PURGE, bad=PURGE.replace("type: encyclopedia", "type: encyclopaedia"), fixed=PURGE
    ),
    fix="unsafe",
)
def unknown_source_type(ctx: Context) -> Iterator[Problem]:
    """`type:` is one of the house source types (`[vocabularies]
    source_types` in `schema/house-rules.toml`: encyclopedia, academic,
    secondary, primary, book, news, government, ngo, archive). A near miss
    is reported with the right spelling, which `--unsafe-fixes` applies; a
    type in the wrong case is DL203.

    ## Why is this bad?
    The source type decides how the source counts for the sourcing and confidence
    rules; an unknown type counts as nothing known.

    ## How to fix
    Use a type from the house vocabulary; `--fix --unsafe-fixes` applies the
    suggested spelling.

    ## Fix safety
    Unsafe: the suggestion is a guess among close matches, so it is applied only
    with `--unsafe-fixes`.
    """
    vocabulary = ctx.house_rules.vocabulary("source_types")
    for facts in source_facts(ctx):
        part = facts.citation.type
        if part is None or not part.text or facts.type is not None:
            continue
        hint = closest_word(part.text, vocabulary)
        fix = None
        suggestion = f"; one of: {', '.join(vocabulary)}"
        if hint:
            suggestion = f" (did you mean '{hint}'?)"
            fix = Fix((Edit(facts.line, part.column, part.end_column, hint),), safe=False)
        yield Problem(
            facts.line, part.column + 1, f"unknown source type '{part.text}'{suggestion}", fix
        )


@rule(
    "DL203",
    "source-type-case",
    "error",
    "A source's `type:` is a house type written in the wrong case.",
    example=Example(
        good=COLLECTIVIZATION,
        bad=COLLECTIVIZATION.replace("type: encyclopedia", "type: Encyclopedia"),
        fixed=COLLECTIVIZATION,
    ),
    fix="safe",
)
def source_type_case(ctx: Context) -> Iterator[Problem]:
    """Source types are written exactly as in the vocabulary (lowercase):
    `type: encyclopedia`, not `type: Encyclopedia`. `--fix` rewrites the
    type and nothing else.

    ## Why is this bad?
    Types are compared exactly, so a type in another case does not match the
    vocabulary.

    ## How to fix
    Write the type in lowercase, or run `--fix`.

    ## Fix safety
    Safe: the type is rewritten in lowercase, nothing else changes.
    """
    for facts in source_facts(ctx):
        part = facts.citation.type
        if part is None or facts.type is None or part.text == facts.type:
            continue
        fix = Fix((Edit(facts.line, part.column, part.end_column, facts.type),))
        yield Problem(
            facts.line,
            part.column + 1,
            f"source type '{part.text}' should be written '{facts.type}'",
            fix,
        )


# --- the accessed date ----------------------------------------------------------------


def _accessed_dates(ctx: Context) -> Iterator[tuple[SourceFacts, datetime.date | None]]:
    for facts in source_facts(ctx):
        part = facts.citation.accessed
        if part is not None and part.text:
            yield facts, parse_iso_date(part.text)


@rule(
    "DL204",
    "invalid-accessed-date",
    "error",
    "A source's `accessed:` is not a real ISO date, or is in the future.",
    example=Example(
        good=DESTALINIZATION,
        bad=DESTALINIZATION.replace("accessed: 2026-01-06", "accessed: 2026-02-30"),
    ),
)
def invalid_accessed_date(ctx: Context) -> Iterator[Problem]:
    """`accessed:` is the day the page was read, as `YYYY-MM-DD`: a real
    calendar date (no 2026-02-30) and not later than today.

    ## Why is this bad?
    The access date says when the source was seen to hold the fact; a date that does
    not exist or has not come yet says nothing.

    ## How to fix
    Write the real day the page was read, as `YYYY-MM-DD`.
    """
    for facts, date in _accessed_dates(ctx):
        part = facts.citation.accessed
        if date is None:
            what = "is not a real date" if is_iso_shaped(part.text) else "is not YYYY-MM-DD"
            yield Problem(facts.line, part.column + 1, f"accessed date '{part.text}' {what}")
        elif date > ctx.today:
            yield Problem(
                facts.line,
                part.column + 1,
                f"accessed date {date.isoformat()} is in the future (today is {ctx.today.isoformat()})",
            )


@rule(
    "DL205",
    "accessed-after-update",
    "error",
    "A source was accessed after the dossier's `Last updated` date.",
    example=Example(
        good=HOLODOMOR, bad=HOLODOMOR.replace("accessed: 2026-01-06", "accessed: 2026-03-01")
    ),
)
def accessed_after_update(ctx: Context) -> Iterator[Problem]:
    """A source read after the dossier was last updated means the footer's
    `*Last updated: …*` was not moved on when the source was added. Update
    the footer (or correct the date). The two dates contradict each other,
    so this is an error.

    One wrong footer date is one finding, not one per source: when several
    sources were accessed after it, the finding is on the `Last updated`
    line and names the latest of them. A `Last updated` that is itself
    impossible (after today, or before `Created`) is DL410's alone.

    ## Why is this bad?
    The footer's `Last updated` then understates how recent the dossier is.

    ## How to fix
    Move `Last updated` on to the day of the latest change, or correct the access
    date.
    """
    metadata = ctx.dossier.metadata
    updated = metadata.last_updated if metadata else None
    if updated is None or updated > ctx.today:
        return
    if metadata.created is not None and metadata.created > updated:
        return
    later = [
        (date, facts)
        for facts, date in _accessed_dates(ctx)
        if date is not None and updated < date <= ctx.today
    ]
    if len(later) == 1:
        date, facts = later[0]
        yield Problem(
            facts.line,
            facts.citation.accessed.column + 1,
            f"accessed {date.isoformat()}, after the dossier's Last updated date "
            f"{updated.isoformat()}; update the footer",
        )
    elif later:
        date, facts = max(later, key=lambda pair: (pair[0], -pair[1].line))
        footer = ctx.parsed.footer["Last updated"]
        yield Problem(
            footer.line,
            footer.value_column,
            f"Last updated {updated.isoformat()} is before the accessed dates of {len(later)} "
            f"sources (the latest {date.isoformat()}, line {facts.line}); update the footer",
        )


# --- the URL -------------------------------------------------------------------------


@rule(
    "DL206",
    "invalid-source-url",
    "error",
    "A source's URL is not an absolute http(s) address with a host.",
    example=Example(good=GULAG, bad=GULAG.replace("https://www.britannica", "www.britannica")),
)
def invalid_source_url(ctx: Context) -> Iterator[Problem]:
    """A source links to a public web page: `http://` or `https://`, a
    host name, no credentials, no whitespace. `javascript:`, `data:` and
    `file:` links, scheme-less `www.` addresses, local hosts and IP
    addresses are reported. Apostrophes and balanced parentheses are fine
    (`Joseph_Stalin's_rise_to_power`, `Cheka_(disambiguation)`).

    ## Why is this bad?
    A reader cannot follow an address that is not a public web page, and some
    schemes run code when clicked.

    ## How to fix
    Link the public `https://` page of the source.
    """
    for facts in source_facts(ctx):
        part = facts.citation.url
        if part is None or not part.text:
            continue
        reason = url_problem(part.text)
        if reason is not None:
            yield Problem(facts.line, part.column + 1, f"invalid source URL: {reason}")


@rule(
    "DL207",
    "duplicate-source",
    "warning",
    "The same source is listed twice.",
    example=Example(
        good=GULAG + "\n",
        bad=GULAG
        + "\n- [Britannica - Gulag camps](http://britannica.com/place/Gulag/#ref)"
        + " | type: encyclopedia | accessed: 2026-01-06\n",
    ),
)
def duplicate_source(ctx: Context) -> Iterator[Problem]:
    """Each source is listed once. A repeat is a weakness rather than a
    contradiction, so this is a warning. URLs are compared after
    normalising the case of scheme and host, `http`/`https`, `www.`, a
    trailing slash, the fragment and tracking parameters (`utm_*`, `fbclid`,
    ...). The later bullet is reported.

    ## Why is this bad?
    A repeated source inflates the source counts the sourcing and confidence rules
    rely on.

    ## How to fix
    Delete the later bullet.
    """
    seen: dict[str, int] = {}
    for facts in source_facts(ctx):
        if facts.url is None:
            continue
        first = seen.setdefault(facts.key, facts.line)
        if first != facts.line:
            yield Problem(
                facts.line,
                facts.citation.url.column + 1,
                f"same source as line {first}; list it once",
            )


@rule(
    "DL208",
    "home-page-source",
    "warning",
    "A source's URL is only a site's home page.",
    example=Example(
        good=HOLODOMOR,
        bad=HOLODOMOR.replace(
            "https://en.wikipedia.org/wiki/Holodomor", "https://en.wikipedia.org/"
        ),
    ),
)
def home_page_source(ctx: Context) -> Iterator[Problem]:
    """A citation points at the page that holds the fact, so a reader can
    check it: `https://www.worldhistory.org/` names a site, not a source.
    Cite the article instead.

    ## Why is this bad?
    A home page does not hold the fact: the reader cannot check the claim from it.

    ## How to fix
    Link the article or page that holds the fact.
    """
    for facts in source_facts(ctx):
        if facts.url is not None and is_home_page(facts.url):
            yield Problem(
                facts.line,
                facts.citation.url.column + 1,
                f"'{facts.url}' is a site's home page; cite the page that holds the fact",
            )


# --- reliability ----------------------------------------------------------------------


def _listed(ctx: Context, status: str) -> Iterator[SourceFacts]:
    for facts in source_facts(ctx):
        if facts.entry is not None and facts.entry.status == status:
            yield facts


@rule(
    "DL210",
    "deprecated-source",
    "error",
    "A source is on a domain deprecated as a source of fact.",
    example=Example(
        good=HOLODOMOR,
        bad="- [RT - Holodomor](https://www.rt.com/russia/holodomor-famine/)"
        " | type: news | accessed: 2026-01-06",
    ),
)
def deprecated_source(ctx: Context) -> Iterator[Problem]:
    """Domains marked `deprecated` in the reliability list (after Wikipedia's
    perennial-sources list: fabrication, propaganda, disinformation - RT,
    Sputnik, the Daily Mail, Breitbart, ...) are never cited for facts.
    Replace the source with a reliable one reporting the same thing. The
    list is `schema/reliability.toml`; editors extend or override it under
    `[tool.dossierlint.reliability."example.org"]`.

    ## Why is this bad?
    Facts from a deprecated domain are known to be fabricated or propaganda often
    enough that nothing may rest on them.

    ## How to fix
    Cite a reliable source for the same fact, and delete this one.
    """
    for facts in _listed(ctx, "deprecated"):
        yield Problem(
            facts.line,
            facts.citation.url.column + 1,
            f"{facts.entry.domain} is a deprecated source ({facts.entry.category}): {facts.entry.note}",
        )


@rule(
    "DL211",
    "unreliable-source",
    "warning",
    "A source is on a generally unreliable domain (user-generated, a film database, ...).",
    example=Example(
        good=HOLODOMOR,
        bad="- [IMDb - Mr. Jones (2019 film)](https://www.imdb.com/title/tt6828390/)"
        " | type: secondary | accessed: 2026-01-06",
    ),
)
def unreliable_source(ctx: Context) -> Iterator[Problem]:
    """Domains marked `unreliable` in the reliability list - user-generated
    sites (Fandom, Reddit, Quora, Medium), film databases (IMDb, Rotten
    Tomatoes), blog hosts, press-release wires - are not sources of
    historical fact. The finding names the category; cite a reliable source
    for the fact instead. `marginal` domains (Wikipedia, World History
    Encyclopedia) are not reported: they are tertiary, and DL221 and DL310
    see that a dossier does not rest on them alone.

    ## Why is this bad?
    Content on these domains is user-generated or unchecked, so it cannot establish
    a historical fact.

    ## How to fix
    Cite a reliable source for the fact instead.
    """
    for facts in _listed(ctx, "unreliable"):
        yield Problem(
            facts.line,
            facts.citation.url.column + 1,
            f"{facts.entry.domain} is generally unreliable ({facts.entry.category}): {facts.entry.note}",
        )


@rule(
    "DL212",
    "source-type-mismatch",
    "warning",
    "A source's `type:` contradicts what the reliability list knows of its domain.",
    example=Example(good=HOLODOMOR, bad=HOLODOMOR.replace("type: encyclopedia", "type: academic")),
)
def source_type_mismatch(ctx: Context) -> Iterator[Problem]:
    """The declared type agrees with the kind of site: a wikipedia.org page
    is an `encyclopedia`, not `academic`. The reliability list gives the
    types that fit each known domain. Unreliable and deprecated domains are
    reported by DL211 and DL210 instead.

    ## Why is this bad?
    A wrong type makes the source count as something it is not, e.g. an encyclopedia
    counted as scholarship.

    ## How to fix
    Correct the `type:` to one the reliability list gives for the domain.
    """
    for facts in source_facts(ctx):
        entry = facts.entry
        if entry is None or facts.type is None or entry.status in DISTRUSTED:
            continue
        if facts.type not in entry.types:
            fits = ", ".join(entry.types) or "none"
            yield Problem(
                facts.line,
                facts.citation.type.column + 1,
                f"type '{facts.type}' does not fit {facts.entry.domain} "
                f"({entry.category}; types that fit: {fits})",
            )


# --- enough sources ---------------------------------------------------------------------


@rule(
    "DL220",
    "too-few-sources",
    "error",
    "The dossier cites fewer sources than the configured minimum.",
    example=Example(
        good=f"{SOURCE_LIST}{TO_CONFIDENCE}High\n",
        bad=f"{STANFORD}\n{SCIENCES_PO}{TO_CONFIDENCE}Medium\n",
    ),
    options={"min-sources": 3},
)
def too_few_sources(ctx: Context) -> Iterator[Problem]:
    """A dossier rests on at least `min-sources` sources (default 3).
    Bullets with the same URL count once; a bullet without a URL does not
    count. Reported at the `## Sources` heading. (The failing example keeps
    two sources and lowers the level to Medium, so that DL310 stays quiet.)

    ## Why is this bad?
    A dossier resting on a few sources cannot be cross-checked.

    ## How to fix
    Add sources until the dossier has at least `min-sources`.

    ## Options
    `min-sources`: the fewest distinct sources a dossier may cite.
    """
    sections = sources_sections(ctx)
    minimum = ctx.options["min-sources"]
    count = source_counts(ctx).sources
    if sections and count < minimum:
        section = sections[0]
        yield Problem(
            section.line,
            section.column,
            f"{_plural(count, 'source')}; a dossier needs at least {minimum}",
        )


@rule(
    "DL221",
    "too-few-non-tertiary-sources",
    "warning",
    "Fewer non-tertiary sources than the configured minimum.",
    example=Example(
        good=f"{STANFORD}\n{SCIENCES_PO}{TO_CONFIDENCE}High\n",
        bad=f"{TO_CONFIDENCE[1:]}Medium\n",
    ),
    options={"min-non-tertiary-sources": 2},
)
def too_few_non_tertiary_sources(ctx: Context) -> Iterator[Problem]:
    """Encyclopedias are for orientation; a dossier also cites at least
    `min-non-tertiary-sources` (default 2) sources whose type is not
    tertiary (`tertiary_source_types` in the house rules: `encyclopedia`) -
    scholarship, books, archives, news. Reported at the `## Sources`
    heading. (The failing example drops the two academic sources and
    lowers the level to Medium, so that DL310 stays quiet.)

    ## Why is this bad?
    Encyclopedias summarise other work; a dossier that cites only them has not
    looked at the scholarship behind its claims.

    ## How to fix
    Add scholarly, book, archive or news sources.

    ## Options
    `min-non-tertiary-sources`: the fewest sources whose type is not tertiary.
    """
    sections = sources_sections(ctx)
    counts = source_counts(ctx)
    minimum = ctx.options["min-non-tertiary-sources"]
    if sections and counts.sources and counts.non_tertiary < minimum:
        tertiary = ", ".join(ctx.house_rules.vocabulary("tertiary_source_types"))
        section = sections[0]
        yield Problem(
            section.line,
            section.column,
            f"{_plural(counts.non_tertiary, 'non-tertiary source')}; cite at least {minimum} "
            f"whose type is not tertiary ({tertiary})",
        )


RULES = (
    malformed_source,
    unknown_source_type,
    source_type_case,
    invalid_accessed_date,
    accessed_after_update,
    invalid_source_url,
    duplicate_source,
    home_page_source,
    deprecated_source,
    unreliable_source,
    source_type_mismatch,
    too_few_sources,
    too_few_non_tertiary_sources,
)
