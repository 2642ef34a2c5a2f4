"""The typed model of a dossier: what `parse` builds and what `export` emits.

The classes are records (`dossierlint.records`), so that `dossierlint check`
pays neither pydantic's import nor the dataclasses' on every commit.
`dossierlint schema` hands their dataclass twins (`records.dataclass_twins`)
to pydantic, which turns them into JSON Schema; only `schema` and `export`
load pydantic. Nothing compares model objects: they compare by identity.

A dossier that breaks the house rules still parses: a part the text lacks is
None (or an empty list) and rules report it. Every element keeps the 1-based
line and column where it starts in the file.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from dossierlint.records import Record, field

# Ask pydantic to take each field's docstring as its JSON Schema description.
PYDANTIC_CONFIG = {"use_attribute_docstrings": True, "extra": "forbid"}


class Vocabulary:
    """Annotated marker: the value is one of the house rules' vocabulary `name`."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Format:
    """Annotated marker: JSON Schema `format` and `pattern` of a string value."""

    __slots__ = ("format", "pattern")

    def __init__(self, format: str | None = None, pattern: str | None = None) -> None:
        self.format = format
        self.pattern = pattern


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TAG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

SourceType = Annotated[str, Vocabulary("source_types")]
ConfidenceLevel = Annotated[str, Vocabulary("confidence_levels")]
RelationshipKind = Annotated[str, Vocabulary("relationship_kinds")]
Url = Annotated[str, Format("uri", r"^https?://")]
Slug = Annotated[str, Format(pattern=SLUG_PATTERN)]
Tag = Annotated[str, Format(pattern=TAG_PATTERN)]


class Title(Record, eq=False):
    """The dossier's one H1 heading."""

    __pydantic_config__ = PYDANTIC_CONFIG
    text: str
    line: int
    column: int


class OverviewField(Record, eq=False):
    """One `| **Field** | Value |` row of the Overview table, as written."""

    __pydantic_config__ = PYDANTIC_CONFIG
    name: str
    value: str
    line: int
    column: int
    value_column: int
    """1-based column where the value starts."""


class YearSpan(Record):
    """A year as written, possibly uncertain, as the interval of years it may be.

    `1925` is 1925-1925 (`exact`); `c. 1925` and `1925?` are 1920-1930
    (`circa`, `uncertain`); `1925 or 1928` and `1923/1928` cover both
    (`either`); `1920s` is 1920-1929 (`decade`).
    """

    __pydantic_config__ = PYDANTIC_CONFIG
    earliest: int
    latest: int
    qualifier: Literal["exact", "circa", "uncertain", "either", "decade"]
    text: str
    """As written: `c. 1925`."""


class Leader(Record):
    """A leader from the `Leader(s)` row: `Name (BIRTH-DEATH)`; death is None while alive.

    `birth_year` and `death_year` are the best single years (the year written
    first: 1925 for `c. 1925`); `birth` and `death` are the intervals the
    rules reason with.
    """

    __pydantic_config__ = PYDANTIC_CONFIG
    name: str
    birth_year: int | None
    death_year: int | None
    line: int
    column: int
    birth: YearSpan | None = None
    death: YearSpan | None = None
    """None while alive (`1946-`, `b. 1946`) or when not known (`?`)."""
    floruit: YearSpan | None = None
    """`fl. 1920s`: when the leader was active, if birth and death are unknown."""
    life_text: str | None = None
    """The life years as written inside the parenthesis; None when there is none."""
    life_problem: str | None = None
    """Why the life years could not be read; None when they were."""


class DeathToll(Record, eq=False):
    """The `Estimated Death Toll` row: the text and the figure it leads with."""

    __pydantic_config__ = PYDANTIC_CONFIG
    text: str
    low: float | None
    """Lower bound as written (in `unit`)."""
    high: float | None
    """Upper bound as written (in `unit`); equal to low for a single figure."""
    unit: str | None
    """`million`, `thousand`, ... or None for a plain count."""
    line: int
    column: int


class Overview(Record, eq=False):
    """The `## Overview` table."""

    __pydantic_config__ = PYDANTIC_CONFIG
    line: int
    column: int
    fields: list[OverviewField] = field(default_factory=list)
    country: str | None = None
    start_year: int | None = None
    """First year of the regime (`Dates`)."""
    end_year: int | None = None
    """Last year of the regime (`Dates`)."""
    leaders: list[Leader] = field(default_factory=list)
    type: str | None = None
    duration_years: int | None = None
    """`Duration` as written (`29 years` -> 29)."""
    death_toll: DeathToll | None = None


class KeyFigure(Record, eq=False):
    """A `- **Name** — role` bullet under `## Key Figures`."""

    __pydantic_config__ = PYDANTIC_CONFIG
    name: str
    role: str
    line: int
    column: int


class Subsection(Record, eq=False):
    """A `###` heading inside a section."""

    __pydantic_config__ = PYDANTIC_CONFIG
    title: str
    line: int
    column: int


class Section(Record, eq=False):
    """An H2 section, from its heading to the next H2 (or the footer)."""

    __pydantic_config__ = PYDANTIC_CONFIG
    title: str
    line: int
    column: int
    end_line: int
    """Last line that belongs to the section."""
    subsections: list[Subsection] = field(default_factory=list)


class Source(Record, eq=False):
    """A `- [Title](URL) | type: TYPE | accessed: YYYY-MM-DD` bullet under `## Sources`."""

    __pydantic_config__ = PYDANTIC_CONFIG
    line: int
    column: int
    title: str | None = None
    url: Url | None = None
    type: SourceType | None = None
    accessed: datetime.date | None = None


class Comparison(Record, eq=False):
    """A `- [[slug]] — relationship: KIND (note)` bullet under `## Comparisons`."""

    __pydantic_config__ = PYDANTIC_CONFIG
    slug: Slug | None
    """The linked dossier; None when the bullet has no `[[slug]]`."""
    line: int
    column: int
    relationship: RelationshipKind | None = None
    note: str | None = None


class Confidence(Record, eq=False):
    """The `## Confidence Assessment`: `**Overall**: LEVEL` and `**Notes**:` bullets."""

    __pydantic_config__ = PYDANTIC_CONFIG
    line: int
    column: int
    level: ConfidenceLevel | None = None
    notes: list[str] = field(default_factory=list)


class Metadata(Record, eq=False):
    """The footer: `*Created: …*`, `*Last updated: …*`, `*Tags:* #…`."""

    __pydantic_config__ = PYDANTIC_CONFIG
    line: int
    column: int
    created: datetime.date | None = None
    last_updated: datetime.date | None = None
    tags: list[Tag] = field(default_factory=list)


class Dossier(Record, eq=False):
    """One regime dossier."""

    __pydantic_config__ = PYDANTIC_CONFIG
    slug: Slug
    """The file name without `.md`."""
    title: Title | None = None
    overview: Overview | None = None
    key_figures: list[KeyFigure] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    confidence: Confidence | None = None
    metadata: Metadata | None = None
