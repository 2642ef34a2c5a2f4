"""The geometry of a dossier's timeline: where each band, life and event is drawn.

The SVG itself is written by the template; this module only computes
coordinates, so the drawing rules (scale, lanes, ticks) are testable without
HTML. Time runs left to right in days; each section that holds dated events is
a band, and events that would overlap inside a band are stacked in lanes.
"""

from __future__ import annotations

import datetime

from dossierlint.htmlreport.collect import DossierData, Event
from dossierlint.model import Leader
from dossierlint.records import Record

WIDTH = 960
LABEL_WIDTH = 190
RIGHT_MARGIN = 16
AXIS_HEIGHT = 26
LANE_HEIGHT = 10
MARK_HEIGHT = 8
BAND_GAP = 10
LIFE_HEIGHT = 18
MAX_LANES = 12
"""Beyond this many lanes a band draws further events over the least crowded lane."""
MIN_MARK_WIDTH = 4
UNCERTAIN_YEARS = 5
"""How far an unknown or uncertain end of a life fades out."""
_TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
_MAX_TICKS = 12


class Mark(Record):
    event: Event
    x: float
    y: float
    width: float
    shape: str
    """`diamond` (a day), `cross` (an impossible date) or `bar`."""

    @property
    def css(self) -> str:
        base = self.event.precision.split("–")[0]
        classes = [f"p-{base}"]
        if self.event.is_range:
            classes.append("range")
        if self.event.severity:
            classes.append(f"sev-{self.event.severity}")
        return " ".join(classes)


class Band(Record):
    title: str
    y: float
    height: float


class Life(Record):
    label: str
    x1: float
    x2: float
    y: float
    fade_start: float | None
    """Where an uncertain start becomes certain (None: the start is known)."""
    fade_end: float | None


class Timeline(Record):
    width: int
    height: float
    bands: list[Band]
    marks: list[Mark]
    lives: list[Life]
    regime: tuple[float, float, str] | None
    ticks: list[tuple[float, int]]
    first_year: int
    last_year: int


class LifeSpan(Record, frozen=True):
    """A leader's life as the timeline draws it: years and which ends are uncertain.

    The one place that reads `model.Leader`: an unknown year (None) is drawn as
    uncertain; when the model learns uncertain years (`c. 1925`), set the
    matching flag here.
    """

    birth: int | None
    death: int | None
    birth_uncertain: bool
    death_uncertain: bool


def life_span(leader: Leader) -> LifeSpan:
    return LifeSpan(
        leader.birth_year,
        leader.death_year,
        leader.birth_year is None,
        leader.death_year is None,
    )


class _Scale:
    def __init__(self, first: datetime.date, last: datetime.date, left: float, right: float):
        self.origin = first.toordinal()
        self.days = max(last.toordinal() - self.origin, 1)
        self.left = left
        self.span = right - left

    def x(self, day: datetime.date) -> float:
        return round(self.left + (day.toordinal() - self.origin) * self.span / self.days, 1)

    def year(self, year: int) -> float:
        return self.x(datetime.date(year, 1, 1))


def layout(data: DossierData, today: datetime.date) -> Timeline:
    """Place the regime, the leaders' lives and every event of `data`."""
    spans = [life_span(leader) for leader in data.leaders]
    first_year, last_year = _year_range(data, spans, today)
    scale = _Scale(
        datetime.date(first_year, 1, 1),
        datetime.date(last_year, 12, 31),
        LABEL_WIDTH,
        WIDTH - RIGHT_MARGIN,
    )
    y = AXIS_HEIGHT
    lives = []
    for leader, span in zip(data.leaders, spans, strict=True):
        lives.append(_life(leader, span, scale, y + LIFE_HEIGHT / 2, first_year, last_year))
        y += LIFE_HEIGHT
    y += BAND_GAP if lives else 0
    bands, marks = [], []
    for title in data.sections:
        events = [event for event in data.events if event.section == title]
        placed, lanes = _pack(events, scale, y + 4)
        height = lanes * LANE_HEIGHT + 8
        bands.append(Band(title, y, height))
        marks.extend(placed)
        y += height + BAND_GAP
    start, end = data.regime
    regime = None
    if start is not None and end is not None and start <= end:
        regime = (scale.year(start), scale.x(datetime.date(end, 12, 31)), data.regime_text)
    return Timeline(
        WIDTH,
        y + 4,
        bands,
        marks,
        lives,
        regime,
        _ticks(first_year, last_year, scale),
        first_year,
        last_year,
    )


def _year_range(data: DossierData, spans: list[LifeSpan], today: datetime.date) -> tuple[int, int]:
    years = [e.start.year for e in data.events] + [e.end.year for e in data.events]
    years += [year for year in data.regime if year is not None]
    for span in spans:
        years += [year for year in (span.birth, span.death) if year is not None]
    if not years:
        return today.year - 10, today.year
    return min(years) - 1, max(years) + 1


def _life(leader: Leader, span: LifeSpan, scale: _Scale, y: float, first: int, last: int) -> Life:
    birth = span.birth if span.birth is not None else (span.death or last) - 60
    death = span.death if span.death is not None else last
    birth, death = max(birth, first), min(death, last)
    x1, x2 = scale.year(birth), scale.x(datetime.date(death, 12, 31))
    fade = UNCERTAIN_YEARS * (scale.span / max(last - first + 1, 1))
    known = span.birth is not None or span.death is not None
    label = f"{leader.name} ({span.birth or '?'}–{span.death or ''})" if known else leader.name
    return Life(
        label,
        x1,
        x2,
        y,
        min(x1 + fade, x2) if span.birth_uncertain else None,
        max(x2 - fade, x1) if span.death_uncertain else None,
    )


def _pack(events: list[Event], scale: _Scale, top: float) -> tuple[list[Mark], int]:
    """Stack events in lanes so that marks do not overlap (up to MAX_LANES)."""
    ends: list[float] = []
    marks = []
    for event in sorted(events, key=lambda e: (e.start, e.end)):
        x1, x2 = scale.x(event.start), scale.x(event.end)
        width = max(x2 - x1, MIN_MARK_WIDTH)
        if event.precision == "day" or event.precision == "impossible":
            x1, width = x1 - MARK_HEIGHT / 2, float(MARK_HEIGHT)
        lane = next((i for i, end in enumerate(ends) if end + 2 <= x1), None)
        if lane is None:
            if len(ends) < MAX_LANES:
                ends.append(0.0)
                lane = len(ends) - 1
            else:
                lane = min(range(len(ends)), key=ends.__getitem__)
        ends[lane] = max(ends[lane], x1 + width)
        shape = {"day": "diamond", "impossible": "cross"}.get(event.precision, "bar")
        marks.append(Mark(event, round(x1, 1), top + lane * LANE_HEIGHT, round(width, 1), shape))
    return marks, max(len(ends), 1)


def _ticks(first: int, last: int, scale: _Scale) -> list[tuple[float, int]]:
    span = last - first + 1
    step = next((s for s in _TICK_STEPS if span / s <= _MAX_TICKS), _TICK_STEPS[-1])
    start = (first + step - 1) // step * step
    return [(scale.year(year), year) for year in range(start, last + 1, step)]
