"""What the report shows of each dossier, gathered once from the linter, the parser and the rules.

The dated events are the date rules' own scan (`rules.dates.prose.prose_lines`), so
the timeline holds exactly the dates the rules judged; the sources' reliability
is the source rules' own lookup (`rules.sources.source_facts`). Nothing here
knows about HTML.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from dossierlint.findings import Finding
from dossierlint.grammar.dates import DateRange, DateValue, ImpossibleDate
from dossierlint.model import Dossier, Leader
from dossierlint.parse import ParsedDossier
from dossierlint.records import Record, field
from dossierlint.rules.base import Context
from dossierlint.rules.dates.prose import prose_lines
from dossierlint.rules.sources import TERTIARY_CATEGORY, source_facts

SEVERITY_ORDER = ("error", "warning", "info")
FAMILIES = {
    "DL0": "file",
    "DL1": "structure",
    "DL2": "sources",
    "DL3": "confidence",
    "DL4": "dates",
    "DL5": "collection",
}
"""Rule families by code prefix, as `dossierlint rules` groups them."""
_YEAR = re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")


def family(code: str) -> str:
    return FAMILIES.get(code[:3], "other")


class Event(Record):
    """One dated item of the prose, placed at the interval of days it covers."""

    line: int
    section: str
    text: str
    """The date as written."""
    start: datetime.date
    end: datetime.date
    precision: str
    """The scanner's precision (day ... circa); `impossible` for a date the calendar lacks."""
    is_range: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def interval(self) -> str:
        """The days covered, as ISO dates (`no such day` for an impossible date)."""
        if self.precision == "impossible":
            return "no such day"
        first = self.start.isoformat()
        return first if self.end == self.start else f"{first} to {self.end.isoformat()}"

    @property
    def description(self) -> str:
        """What the mark's tooltip says: the date, where it is, and its findings."""
        head = f"{self.text} ({self.precision}: {self.interval}), {self.section}, line {self.line}"
        return "\n".join([head, *(f"{f.code} {f.severity}: {f.message}" for f in self.findings)])

    @property
    def severity(self) -> str | None:
        """The gravest severity among the event's findings."""
        for severity in SEVERITY_ORDER:
            if any(f.severity == severity for f in self.findings):
                return severity
        return None


class SourceRow(Record):
    line: int
    title: str
    url: str | None
    type: str | None
    status: str
    """The reliability list's status for the URL's domain, or `unlisted`."""
    category: str | None
    note: str | None
    tertiary: bool


class DossierData(Record):
    """Everything the index row and the dossier page show of one dossier."""

    slug: str
    path: str
    page: str
    """The page's file name, relative to the report's `dossiers/` folder."""
    title: str
    lines: list[str]
    dossier: Dossier
    events: list[Event]
    sections: list[str]
    """Section titles in the order the events' groups appear."""
    findings: list[Finding]
    sources: list[SourceRow]
    coverage: float | None = None
    """Grounding coverage (share of claims found in snapshots) when known."""

    @property
    def leaders(self) -> list[Leader]:
        return self.dossier.overview.leaders if self.dossier.overview else []

    @property
    def regime(self) -> tuple[int | None, int | None]:
        overview = self.dossier.overview
        return (overview.start_year, overview.end_year) if overview else (None, None)

    @property
    def regime_text(self) -> str:
        start, end = self.regime
        if start is None and end is None:
            return ""
        return f"{start or '?'}–{end or '?'}"

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def by_family(self) -> dict[str, Counter[str]]:
        """Family -> severity -> count, families in code order."""
        counts: dict[str, Counter[str]] = {}
        for finding in self.findings:
            counts.setdefault(family(finding.code), Counter())[finding.severity] += 1
        order = list(FAMILIES.values())
        return dict(sorted(counts.items(), key=lambda item: _index(order, item[0])))

    @property
    def type_mix(self) -> Counter[str]:
        return Counter(source.type or "untyped" for source in self.sources if source.url)

    @property
    def tertiary_share(self) -> float | None:
        with_url = [source for source in self.sources if source.url]
        if not with_url:
            return None
        return sum(source.tertiary for source in with_url) / len(with_url)

    @property
    def confidence(self) -> str:
        confidence = self.dossier.confidence
        return (confidence.level or "") if confidence else ""

    @property
    def last_updated(self) -> datetime.date | None:
        metadata = self.dossier.metadata
        return metadata.last_updated if metadata else None

    @property
    def links(self) -> list[str]:
        return [c.slug for c in self.dossier.comparisons if c.slug]


class IndexRow(Record, frozen=True):
    """What the index shows of a dossier: plain values, cheap to send from a worker."""

    slug: str
    path: str
    page: str
    title: str
    regime: tuple[int | None, int | None]
    regime_text: str
    counts: dict[str, int]
    by_family: dict[str, dict[str, int]]
    type_mix: list[tuple[str, int]]
    tertiary_share: float | None
    confidence: str
    coverage: float | None
    last_updated: datetime.date | None
    links: list[str]
    events: int

    @classmethod
    def of(cls, data: DossierData) -> IndexRow:
        return cls(
            data.slug,
            data.path,
            data.page,
            data.title,
            data.regime,
            data.regime_text,
            {severity: data.count(severity) for severity in SEVERITY_ORDER},
            {name: dict(counts) for name, counts in data.by_family.items()},
            data.type_mix.most_common(),
            data.tertiary_share,
            data.confidence,
            data.coverage,
            data.last_updated,
            data.links,
            len(data.events),
        )

    def count(self, severity: str) -> int:
        return self.counts[severity]

    @property
    def sources(self) -> int:
        return sum(n for _, n in self.type_mix)


def _index(order: list[str], name: str) -> int:
    return order.index(name) if name in order else len(order)


def gather(ctx: Context, page: str, findings: list[Finding]) -> DossierData:
    """The report's view of the dossier of `ctx`, the context its rules were run with."""
    parsed = ctx.parsed
    dossier = parsed.dossier
    events, sections = _events(ctx, parsed, findings)
    return DossierData(
        slug=dossier.slug,
        path=ctx.path,
        page=page,
        title=dossier.title.text if dossier.title else dossier.slug,
        lines=parsed.document.lines,
        dossier=dossier,
        events=events,
        sections=sections,
        findings=findings,
        sources=_sources(ctx),
    )


def _events(
    ctx: Context, parsed: ParsedDossier, findings: list[Finding]
) -> tuple[list[Event], list[str]]:
    """One event per date item of the date rules' prose scan, with the findings on its line."""
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    titles = _section_of_line(parsed)
    events: list[Event] = []
    order: dict[str, None] = {}
    for prose in prose_lines(ctx):
        section = titles.get(prose.number, "(before the first section)")
        items = list(prose.dates)
        for item in items:
            start, end, precision = _placed(item)
            event = Event(prose.number, section, item.text, start, end, precision, _is_range(item))
            event.findings = _findings_on(item, items, by_line.get(prose.number, []))
            events.append(event)
            order[section] = None
    return events, list(order)


def _is_range(item: DateValue | DateRange | ImpossibleDate) -> bool:
    return isinstance(item, DateRange)


def _placed(
    item: DateValue | DateRange | ImpossibleDate,
) -> tuple[datetime.date, datetime.date, str]:
    """The interval and precision an item is drawn at; an impossible date at its year."""
    if isinstance(item, DateRange):
        precision = item.start.precision
        if item.end.precision != precision:
            precision = f"{precision}–{item.end.precision}"
        first, last = sorted((item.start.start, item.end.end))
        return first, max(last, item.start.end), precision
    if isinstance(item, DateValue):
        return item.start, item.end, item.precision
    year = _YEAR.search(item.text)
    if year is None:  # the scanner only reports a day with its year; be safe all the same
        return datetime.date(1000, 1, 1), datetime.date(1000, 1, 1), "impossible"
    number = int(year.group())
    return datetime.date(number, 1, 1), datetime.date(number, 12, 31), "impossible"


DateItem = DateValue | DateRange | ImpossibleDate


def _findings_on(
    item: DateItem, items: list[DateItem], line_findings: list[Finding]
) -> list[Finding]:
    """The findings that point into the item's text; a finding that points at no item of
    its line belongs to every item of the line."""
    mine = []
    for finding in line_findings:
        column = finding.column - 1
        inside = [other for other in items if other.column <= column < other.end_column]
        if (inside and item in inside) or not inside:
            mine.append(finding)
    return mine


def _section_of_line(parsed: ParsedDossier) -> dict[int, str]:
    titles: dict[int, str] = {}
    for section in parsed.dossier.sections:
        for number in range(section.line, section.end_line + 1):
            titles[number] = section.title
    return titles


def _sources(ctx: Context) -> list[SourceRow]:
    tertiary_types = set(ctx.house_rules.vocabulary("tertiary_source_types"))
    rows = []
    for facts in source_facts(ctx):
        citation = facts.citation
        entry = facts.entry
        rows.append(
            SourceRow(
                line=facts.line,
                title=citation.title.text if citation.title else "",
                url=facts.url,
                type=facts.type,
                status=entry.status if entry else "unlisted",
                category=entry.category if entry else None,
                note=entry.note if entry else None,
                tertiary=facts.type in tertiary_types
                or bool(entry and entry.category == TERTIARY_CATEGORY),
            )
        )
    return rows
