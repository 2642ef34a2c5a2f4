"""Generate deterministic synthetic collections of regime dossiers for benchmarking.

Usage::

    python benchmarks/generate.py --count 1000 --out /tmp/bench/dossiers
    python benchmarks/generate.py --count 1000 --out DIR --seed 7 --defect-rate 0.1
    python benchmarks/generate.py --count 50 --out DIR --copies      # byte-identical copies
    python benchmarks/generate.py --count 200 --out DIR --manifest planted.json

Every dossier follows the shape of ``dossiers/soviet-union-stalin.md`` (see
``DOSSIER_FORMAT.md``): one H1, the 13 H2 sections in order, an Overview table,
Key Figures, ``###`` subsections with bullets, bold run-in labels, numbered lists
and small tables, ``---`` rules, Comparisons, Sources, Confidence Assessment and
the italic footer.  Content is synthetic (real country names, invented leaders)
and sized between 0.5x and 3x the reference (triangular, mode 1x, mean ~1.5x).

Output depends only on ``--seed``, ``--count`` and ``--defect-rate`` (one
``random.Random(seed)`` stream; no clock, no set/hash ordering).  Comparisons
link to other dossiers of the same collection; about 5% of files also link to a
well-known but absent slug ("planned" dossier).  ``round(count * defect_rate)``
files get exactly one planted defect, the kinds spread evenly over ``DEFECTS``;
``--manifest`` writes which file got which defect (and its links) as JSON.
``--jobs`` sets the writer processes (default: CPU count); every file has its
own ``random.Random`` seeded from the seed and its index, so the bytes do not
depend on ``--jobs``.

``DIR`` is created; a non-empty ``DIR`` is refused unless ``--force``, which first
deletes the ``*.md`` files directly inside it.  ``--copies`` writes ``count``
byte-identical copies of the reference as ``<slug>-NNNNN.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE = REPO_ROOT / "dossiers" / "soviet-union-stalin.md"
REFERENCE_CHARS = 15_330  # size of the reference dossier, the 1x of the size range
DATE_MAX = dt.date(2026, 1, 31)  # nothing is dated after this
CREATED_MIN = dt.date(2025, 1, 1)
MAX_PROSE_YEAR = 2024  # prose years stay before every Created date
MAX_REGIME_END = 2021

SECTIONS = (
    "Overview",
    "Key Figures",
    "Classification",
    "Pre-Conditions",
    "Rise to Power",
    "Methods of Control",
    "Key Events & Atrocities",
    "Fall / End",
    "Aftermath",
    "Scholarly Debate",
    "Comparisons",
    "Sources",
    "Confidence Assessment",
)
BODY_SECTIONS = SECTIONS[3:10]
BODY_WEIGHTS = (12, 10, 18, 30, 6, 10, 14)  # share of extra subsections, as in the reference
WEIGHTED_SECTIONS = tuple(
    s for s, w in zip(BODY_SECTIONS, BODY_WEIGHTS, strict=True) for _ in range(w)
)
RELATIONSHIPS = ("thematic", "structural", "contemporary", "influence", "successor", "predecessor")
SOURCE_TYPES = (
    "encyclopedia",
    "academic",
    "secondary",
    "primary",
    "book",
    "news",
    "government",
    "ngo",
    "archive",
)
DEFECTS = (
    "missing-section",
    "duplicate-section",
    "misspelled-heading",
    "wrong-duration",
    "reversed-range",
    "impossible-date",
    "unknown-source-type",
    "javascript-url",
    "duplicate-source",
    "imdb-source",
    "missing-overall-level",
    "created-after-updated",
    "misspelled-slug-link",
)
PLANNED_SLUGS = (
    "germany-hitler",
    "china-mao",
    "cambodia-pol-pot",
    "italy-mussolini",
    "spain-franco",
    "chile-pinochet",
    "romania-ceausescu",
    "uganda-amin",
    "zaire-mobutu",
    "north-korea-kim-il-sung",
)

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

COUNTRIES: dict[str, tuple[str, ...]] = {
    "europe": (
        "Albania", "Austria", "Belarus", "Bulgaria", "Croatia", "Czechoslovakia",
        "East Germany", "Estonia", "Greece", "Hungary", "Italy", "Latvia", "Lithuania",
        "Poland", "Portugal", "Romania", "Serbia", "Spain", "Yugoslavia",
    ),
    "asia": (
        "Bangladesh", "Burma", "Cambodia", "China", "Indonesia", "Kazakhstan", "Laos",
        "Mongolia", "North Korea", "Pakistan", "Philippines", "South Korea",
        "South Vietnam", "Sri Lanka", "Taiwan", "Thailand", "Turkmenistan", "Uzbekistan",
    ),
    "africa": (
        "Angola", "Burundi", "Cameroon", "Central African Republic", "Chad", "Congo",
        "Equatorial Guinea", "Ethiopia", "Gabon", "Ghana", "Guinea", "Kenya", "Liberia",
        "Malawi", "Mali", "Nigeria", "Rwanda", "Somalia", "Sudan", "Togo", "Uganda",
        "Zaire", "Zimbabwe",
    ),
    "latin-america": (
        "Argentina", "Bolivia", "Brazil", "Chile", "Cuba", "Dominican Republic", "Ecuador",
        "El Salvador", "Guatemala", "Haiti", "Honduras", "Nicaragua", "Panama", "Paraguay",
        "Peru", "Uruguay", "Venezuela",
    ),
    "middle-east": ("Algeria", "Egypt", "Iran", "Iraq", "Libya", "Syria", "Tunisia", "Yemen"),
    "oceania": ("Fiji", "Papua New Guinea"),
}  # fmt: skip
FIRST_NAMES = (
    "Anton", "Bela", "Carlos", "Dmitri", "Emil", "Fidel", "Gustavo", "Hafez", "Ion",
    "Jorge", "Kwame", "Luis", "Mehmet", "Nikola", "Omar", "Pavel", "Rafael", "Sergei",
    "Tomas", "Umar", "Viktor", "Walter", "Yusuf", "Zoltan", "Alfredo", "Boris", "Chen",
    "Daniel", "Enver", "Francisco", "Gheorghe", "Hastings", "Idi", "Jean-Bedel", "Kim",
    "Lon", "Manuel", "Ngo", "Oscar", "Park", "Reza", "Saddam", "Todor", "Vasile", "Wojciech",
)  # fmt: skip
SYLLABLES = (
    "ka", "ro", "vel", "mir", "dan", "tor", "sa", "len", "go", "ba", "zar", "ni", "ov",
    "esh", "ul", "pra", "den", "kos", "mar", "tis", "van", "ru", "li", "hen", "do", "ber",
    "sta", "ne", "fal", "gu",
)  # fmt: skip
REGIME_TYPES = (
    ("Communist / Totalitarian one-party state", "communist", "Communist totalitarian"),
    ("Military junta", "military", "Military"),
    ("Personalist dictatorship", "personalist", "Personalist"),
    ("Fascist one-party state", "fascist", "Fascist"),
    ("Absolute monarchy", "monarchist", "Monarchical"),
    ("Theocratic republic", "theocratic", "Theocratic"),
    ("Bureaucratic-authoritarian military regime", "military", "Bureaucratic-authoritarian"),
    ("Dominant-party authoritarian state", "authoritarian", "Authoritarian"),
    ("Revolutionary socialist state", "socialist", "Revolutionary socialist"),
    ("Nationalist one-party state", "nationalist", "Nationalist"),
    ("Sultanistic dictatorship", "personalist", "Sultanistic"),
)
CLASSIFICATION_TRAITS = (
    "One-party rule with no political opposition permitted",
    "Extensive secret police apparatus",
    "Forced labor camp system",
    "Cult of personality around the leader",
    "State control of all media and information",
    "Mass political repression and purges",
    "Rule by decree under a permanent state of emergency",
    "Military control of the cabinet and provinces",
    "Patronage networks built on state-owned enterprises",
    "Persecution of religious and ethnic minorities",
    "Rubber-stamp legislature and captured judiciary",
    "Systematic use of enforced disappearances",
)
ACTORS = (
    "The secret police", "Party cadres", "The army", "Regional governors",
    "Paramilitary units", "The interior ministry", "Loyalist militias", "State prosecutors",
    "Censorship boards", "The ruling council", "Local committees", "Military tribunals",
    "Border guards", "The presidential guard", "Youth brigades", "Special courts",
)  # fmt: skip
VERBS = (
    "arrested", "deported", "executed", "watched", "purged", "conscripted", "expropriated",
    "detained", "interrogated", "resettled", "disarmed", "co-opted", "tortured", "exiled",
)  # fmt: skip
OBJECTS = (
    "opposition politicians", "trade union leaders", "students", "clergy",
    "peasants in the border provinces", "journalists", "ethnic minorities", "former officials",
    "army officers", "intellectuals", "rival party members", "landowners", "striking miners",
    "members of the old elite", "suspected separatists", "returning exiles",
)  # fmt: skip
TAILS = (
    "", "", " without trial", " under emergency decrees", " on charges of sabotage",
    " in secret proceedings", " despite international protests", " across the provinces",
    " in the capital", " on the orders of the ruling council", " after a wave of strikes",
    " in night-time raids",
)  # fmt: skip
POLICIES = (
    "Land reform", "A five-year plan", "Forced collectivization", "Nationalization of industry",
    "A new constitution", "Martial law", "A state of emergency", "Currency reform",
    "Compulsory labor service", "A single-party law", "Press licensing",
    "An internal passport system",
)  # fmt: skip
GOALS = (
    "centralize economic control", "eliminate private trade", "secure grain for the cities",
    "suppress regional autonomy", "legitimize one-party rule", "fund rapid industrialization",
    "break the power of the landowners", "control movement between provinces",
    "silence independent media",
)  # fmt: skip
QUOTES = (
    "a temporary measure", "necessary for national unity", "the defense of the revolution",
    "an internal matter", "the restoration of order", "a war against saboteurs",
    "the will of the people", "arbitrary and elastic", "mainly administrative",
    "a necessary surgery on the nation",
)  # fmt: skip
LEADER_ACTS = (
    "ordered the dissolution of", "personally approved the purge of",
    "publicly denounced", "promised amnesty to", "appointed loyalists to lead",
    "placed his relatives at the head of", "rehabilitated some members of",
)  # fmt: skip
LEADER_TARGETS = (
    "parliament", "the trade unions", "the general staff", "the supreme court",
    "the provincial councils", "the central bank", "the state broadcaster",
    "the old party leadership",
)  # fmt: skip
INSTITUTIONS = (
    "The judiciary", "The press", "The universities", "The trade unions", "The churches",
    "Provincial councils", "The officer corps", "State radio",
)  # fmt: skip
CONTROLS = (
    "placed under party supervision", "purged of independent members",
    "brought under direct presidential control", "subordinated to the interior ministry",
    "reorganized by decree", "required to swear a personal oath of loyalty",
)  # fmt: skip
PASSIVES = (
    "detained", "deported", "executed", "disappeared", "sent to labor camps",
    "stripped of citizenship", "forcibly resettled",
)  # fmt: skip
GROUPS = (
    "the officer corps", "the central committee", "provincial governors",
    "university faculty", "parliamentary deputies", "judges", "senior civil servants",
)  # fmt: skip
STOCKS = ("Cattle", "Horses", "Industrial workers", "Registered voters", "Sheep/goats", "Pigs")
CLAIMS = (
    "repression was driven from the top", "local officials radicalized central orders",
    "the death toll was inflated by Cold War polemics",
    "official records undercount deaths in the provinces",
    "foreign backing prolonged the regime",
    "economic crisis, not ideology, explains the violence",
    "the regime enjoyed genuine popular support in its first years",
    "the terror was improvised rather than planned",
)  # fmt: skip
LABELS = (
    "Goals", "Implementation", "Resistance and Consequences", "Causes", "Methods Used",
    "Targets", "Impact", "Content", "Occasion", "Official Justification",
    "International Reaction", "Scope", "Outcome", "Background", "Organization",
)  # fmt: skip
DEBATE_LABELS = (
    "Continuity Argument", "Discontinuity Argument", "Ideology-Centered",
    "Personality-Centered", "Structural Explanation", "International Context",
    "Archival Evidence", "Demographic Studies",
)  # fmt: skip
TOPICS: dict[str, tuple[str, ...]] = {
    "Pre-Conditions": (
        "Economic Crisis", "Collapse of the Old Order", "Colonial Legacy", "Defeat in War",
        "Political Fragmentation", "Agrarian Unrest", "The Revolution", "Civil War",
        "Hyperinflation", "Ethnic Tensions", "Failed Reforms", "Foreign Intervention",
        "Labor Strikes", "Military Discontent", "Student Protests", "Succession Crisis",
    ),
    "Rise to Power": (
        "The Coup", "Party Leadership", "Alliance with the Army", "Elimination of Rivals",
        "Consolidation of Power", "Emergency Decrees", "The March on the Capital",
        "Rigged Elections", "Breaking the Coalition", "Defeating the Right Opposition",
        "Control of the Party Apparatus", "Foreign Backing",
    ),
    "Methods of Control": (
        "Secret Police Apparatus", "Propaganda and Cult of Personality", "Censorship",
        "Detention Camps", "Show Trials", "Informant Networks", "Control of the Military",
        "Youth Organizations", "Surveillance", "Forced Resettlement", "Economic Patronage",
        "Religious Policy", "Control of the Judiciary", "Internal Passports",
    ),
    "Key Events & Atrocities": (
        "Collectivization", "The Great Purge", "Famine", "Mass Deportations",
        "The Capital Massacre", "The Northern Uprising", "Border War", "Disappearances",
        "Campaign Against the Clergy", "Forced Labor Projects", "Mass Executions",
        "Total Death Toll Estimates", "Dekulakization", "The Student Massacre",
        "War Leadership", "Ethnic Cleansing Campaign",
    ),
    "Aftermath": (
        "Transitional Justice", "Truth Commission", "Democratic Transition",
        "Trials of Former Officials", "Memorialization", "Economic Recovery",
        "Return of Exiles", "Amnesty Laws", "Archive Openings", "The Secret Speech",
        "De-Personalization Measures",
    ),
    "Scholarly Debate": (
        "Death Toll Estimates: Why Such Wide Ranges?", "Continuity vs. Discontinuity",
        "Totalitarian vs. Revisionist Interpretations", "Role of Ideology vs. Personal Power",
        "Popular Support", "External Responsibility", "Economic Legacy",
        "Genocide or Political Repression?",
    ),
}  # fmt: skip
SUBTITLES = (
    "", "", "", "Origins", "Scale", "Regional Variation", "The First Wave", "The Second Wave",
    "Decline", "Escalation", "Institutions", "Key Decisions",
)  # fmt: skip
FALL_LABELS = (
    "Death", "Coup d'état", "Resignation", "Assassination", "Overthrow", "Flight into Exile",
)  # fmt: skip
FALL_SUB_LABELS = (
    "Immediate Aftermath", "Final Months", "Collapse of Support", "Succession",
    "Power Vacuum", "Last Stand", "Negotiated Exit",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
SEASONS = ("Spring", "Summer", "Autumn", "Winter")
EARLY_LATE = ("early", "mid-", "late")
FILMS = ("The Last Dictator", "Palace of Shadows", "Red Winter", "The General's Daughter")

# ---------------------------------------------------------------------------
# Templates: literal text with typed placeholders filled per dossier
# ---------------------------------------------------------------------------

Piece = str | tuple
Spec = tuple


class Ctx:
    """Per-section fill context: year window, publication window, names."""

    __slots__ = ("country", "leader", "lo", "plo", "pspan", "span")

    def __init__(self, lo: int, hi: int, end: int, leader: str, country: str) -> None:
        self.lo, self.span = lo, max(hi - lo, 0)
        self.plo, self.pspan = end + 1, max(MAX_PROSE_YEAR - end - 1, 0)
        self.leader, self.country = leader, country


def _y(c: Ctx, f: float) -> int:
    return c.lo + int(f * c.span)


def _py(c: Ctx, f: float) -> int:
    return c.plo + int(f * c.pspan)


def _range(a: int, b: int, suffix: str = "") -> str:
    return f"{a}{suffix}-{b}{suffix}" if b > a else f"{a}{suffix}"


FILL: dict[str, Callable[[Ctx, Spec], str]] = {
    "L": lambda c, s: c.leader,
    "C": lambda c, s: c.country,
    "Y": lambda c, s: str(_y(c, s[1])),
    "R": lambda c, s: _range(_y(c, s[1]), _y(c, s[2])),
    "D": lambda c, s: f"{s[1]} {s[2]}, {_y(c, s[3])}",
    "M": lambda c, s: f"{s[1]} {_y(c, s[2])}",
    "S": lambda c, s: f"{s[1]} {_y(c, s[2])}",
    "E": lambda c, s: f"{s[1]}{'' if s[1].endswith('-') else ' '}{_y(c, s[2])}",
    "X": lambda c, s: f"{s[1]} {_y(c, s[2]) // 10 * 10}s".lstrip(),
    "P": lambda c, s: str(_py(c, s[1])),
    "PX": lambda c, s: _range(_py(c, s[1]) // 10 * 10, _py(c, s[2]) // 10 * 10, "s"),
}


@dataclass(frozen=True)
class Template:
    """A block of Markdown with ``{}`` slots and the specs that fill them."""

    fmt: str
    calls: tuple[tuple[Callable[[Ctx, Spec], str], Spec], ...]
    size: int

    def fill(self, ctx: Ctx) -> str:
        return self.fmt.format(*[fn(ctx, s) for fn, s in self.calls])


def compile_pieces(pieces: Sequence[Piece]) -> Template:
    parts: list[str] = []
    specs: list[Spec] = []
    for p in pieces:
        if isinstance(p, str):
            parts.append(p.replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{}")
            specs.append(p)
    size = sum(len(p) for p in pieces if isinstance(p, str)) + 7 * len(specs)
    return Template("".join(parts), tuple((FILL[s[0]], s) for s in specs), size)


def f2(r: random.Random) -> tuple[float, float]:
    a, b = r.random(), r.random()
    return (a, b) if a <= b else (b, a)


Window = tuple[float, float]
"""The part of a section's years a block's dates fall in, as fractions of its span."""
ANYWHERE: Window = (0.0, 1.0)


def date_spec(r: random.Random, f: float | None = None, within: Window = ANYWHERE) -> Spec:
    f = within[0] + (within[1] - within[0]) * r.random() if f is None else f
    kind = r.choices("DMSEXY", (4, 4, 1, 1, 1, 2))[0]
    month = r.randrange(12)
    if kind == "D":
        return ("D", MONTHS[month], r.randint(1, MONTH_DAYS[month]), f)
    if kind == "M":
        return ("M", MONTHS[month], f)
    if kind == "S":
        return ("S", r.choice(SEASONS), f)
    if kind == "E":
        return ("E", r.choice(EARLY_LATE), f)
    if kind == "X":
        early_or_late = r.choice(("", "early", "late"))
        # `late 1920s` may leave a heading's years though its year is inside them
        return ("X", early_or_late, f) if within == ANYWHERE else ("Y", f)
    return ("Y", f)


def sentence(r: random.Random) -> list[Piece]:
    k = r.randrange(9)
    if k == 0:
        return [f"{r.choice(ACTORS)} {r.choice(VERBS)} {r.choice(OBJECTS)}{r.choice(TAILS)}"]
    if k == 1:
        n = r.choice((2, 5, 12, 30, 40, 75, 120)) * 1000
        return [f"~{n:,} {r.choice(OBJECTS)} {r.choice(PASSIVES)}{r.choice(TAILS)}"]
    if k == 2:
        return [("L",), f" {r.choice(LEADER_ACTS)} {r.choice(LEADER_TARGETS)}"]
    if k == 3:
        return [f"{r.choice(POLICIES)} introduced to {r.choice(GOALS)}"]
    if k == 4:
        return [f'Officials described the campaign as "{r.choice(QUOTES)}"']
    if k == 5:
        return [f"{r.choice(INSTITUTIONS)} {r.choice(CONTROLS)}"]
    if k == 6:
        return [f"{r.randint(20, 95)}% of {r.choice(GROUPS)} {r.choice(PASSIVES)}"]
    if k == 7:
        a = r.randint(2, 40)
        b, c = r.randint(0, 9), r.randint(0, 9)
        return [f"{r.choice(STOCKS)}: {a * 2}.{b} million → {a}.{c} million"]
    act = r.choice(("protested", "organized", "went on strike"))
    return ["Unrest spread across ", ("C",), f" as {r.choice(OBJECTS)} {act}"]


def bullet(r: random.Random, within: Window = ANYWHERE) -> list[Piece]:
    k = r.random()
    if k < 0.35:
        return ["- ", date_spec(r, within=within), ": ", *sentence(r)]
    if k < 0.5:
        return [f"- **{r.choice(LABELS)}**: ", *sentence(r)]
    if k < 0.58:
        return ["- **By ", ("Y", _within(r, within)), "**: ", *sentence(r)]
    return ["- ", *sentence(r)]


def _within(r: random.Random, within: Window) -> float:
    """A fraction inside the window (one draw from the stream, as `r.random()`)."""
    return within[0] + (within[1] - within[0]) * r.random()


def bullets(r: random.Random, n: int, within: Window = ANYWHERE) -> list[Piece]:
    out: list[Piece] = []
    for i in range(n):
        out += ([] if i == 0 else ["\n"]) + bullet(r, within)
    return out


def heading(r: random.Random, topic: str) -> tuple[list[Piece], Window]:
    """A `###` heading and the window its block's dates fall in: a heading that gives a
    range of years holds the events of those years (a real dossier's `Stage 2 (1925-1927)`)."""
    form = r.randrange(4)
    if form == 0:
        span = f2(r)
        return [f"### {topic} (", ("R", *span), ")"], span
    if form == 1:
        return [f"### {topic} (", date_spec(r), ")"], ANYWHERE
    if form == 2 and ":" not in topic:
        span = f2(r)
        return [f"### {topic} (", ("R", *span), f"): {r.choice(LABELS)}"], span
    return [f"### {topic}"], ANYWHERE


def block_bullets(r: random.Random, head: list[Piece], within: Window) -> list[Piece]:
    return [*head, "\n", *bullets(r, r.randint(3, 7), within)]


def block_labeled(r: random.Random, head: list[Piece], within: Window) -> list[Piece]:
    out: list[Piece] = [*head, "\n"]
    for label in r.sample(LABELS, r.randint(2, 3)):
        out += [f"\n**{label}**:\n", *bullets(r, r.randint(2, 5), within), "\n"]
    return out[:-1]


def block_numbered(r: random.Random, head: list[Piece], within: Window) -> list[Piece]:
    out: list[Piece] = [*head]
    for i in range(1, r.randint(3, 5)):
        date = date_spec(r, within=within)
        out += [f"\n{i}. **{r.choice(LABELS)} (", date, ")**: ", *sentence(r)]
    return out


def block_table(r: random.Random, head: list[Piece], people: Sequence[str]) -> list[Piece]:
    out: list[Piece] = [*head, "\n\n**Death Toll Estimates**:\n| Source | Estimate |\n"]
    out.append("|--------|----------|")
    for name in r.sample(people, r.randint(3, 5)):
        a, unit = r.randint(1, 90), r.choice(("thousand", "million", "000"))
        if unit == "000":
            est = f"{a},000-{a + r.randint(1, 60)},000"
        else:
            a = a if unit == "thousand" else a % 9 + 1
            est = f"{a}-{a * r.randint(2, 4)} {unit}"
        out += [f"\n| {name} (", ("P", r.random()), f") | {est} |"]
    return out


def block_nested(r: random.Random, head: list[Piece], within: Window) -> list[Piece]:
    out: list[Piece] = [*head, "\n", *bullet(r, within), ":"]
    for _ in range(r.randint(2, 4)):
        out += ["\n  - ", *sentence(r)]
    return [*out, "\n", *bullets(r, r.randint(1, 3), within)]


def block_debate(r: random.Random, head: list[Piece], people: Sequence[str]) -> list[Piece]:
    out: list[Piece] = [*head, "\n"]
    for label in r.sample(DEBATE_LABELS, r.randint(1, 3)):
        out += [f"\n**{label} (", ("PX", *f2(r)), ")**:"]
        for name in r.sample(people, r.randint(2, 4)):
            if r.random() < 0.5:
                out += [f"\n- {name} (", ("P", r.random()), f") argues {r.choice(CLAIMS)}"]
            else:
                out += [f"\n- {name}: the regime of ", ("L",), f' was "{r.choice(QUOTES)}"']
        out.append("\n")
    return out[:-1]


def block_fall(r: random.Random) -> list[Piece]:
    out: list[Piece] = [f"**{r.choice(FALL_SUB_LABELS)}**:\n", *bullets(r, r.randint(2, 5))]
    if r.random() < 0.4:
        out = [f"**{r.choice(FALL_LABELS)}**: ", date_spec(r, 1.0), "\n\n", *out]
    return out


def make_block(r: random.Random, section: str, topic: str, people: Sequence[str]) -> Template:
    head, within = heading(r, topic)
    if section == "Fall / End":
        return compile_pieces(block_fall(r))
    if section == "Scholarly Debate":
        if r.random() < 0.6:
            return compile_pieces(block_debate(r, head, people))
        return compile_pieces(block_bullets(r, head, within))
    kind = r.choices("blnte", (5, 3, 1, 1 if section == "Key Events & Atrocities" else 0, 2))[0]
    if kind == "t":
        return compile_pieces(block_table(r, head, people))
    maker = {"b": block_bullets, "l": block_labeled, "n": block_numbered, "e": block_nested}
    return compile_pieces(maker[kind](r, head, within))


def section_pool(r: random.Random, section: str, people: Sequence[str], n: int) -> list[Template]:
    topics = TOPICS.get(section, ("",))
    combos = [(t, s) for t in topics for s in SUBTITLES]
    seen: set[str] = set()
    pool: list[Template] = []
    for _ in range(n * 3):
        t, s = r.choice(combos)
        topic = f"{t}: {s}" if s and ":" not in t else t
        if topic in seen and section != "Fall / End":
            continue
        seen.add(topic)
        pool.append(make_block(r, section, topic, people))
        if len(pool) == n:
            break
    return pool


def surname(r: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        parts.append(r.choice(SYLLABLES))
    return "".join(parts).capitalize()


@dataclass
class Pools:
    """Templates and names shared by a whole collection (built once per seed)."""

    blocks: dict[str, list[Template]]
    people: list[str]


def build_pools(r: random.Random) -> Pools:
    people = [f"{r.choice(FIRST_NAMES)} {surname(r, r.randint(2, 3))}" for _ in range(400)]
    blocks = {s: section_pool(r, s, people, 150) for s in BODY_SECTIONS}
    return Pools(blocks, people)


# ---------------------------------------------------------------------------
# One dossier
# ---------------------------------------------------------------------------


@dataclass
class Meta:
    """Everything about one dossier that is decided before its text."""

    index: int
    slug: str
    country: str
    region: str
    first: str
    last: str
    start: int
    end: int
    regime: tuple[str, str, str]
    created: dt.date
    updated: dt.date
    defect: str | None = None
    links: list[str] = field(default_factory=list)
    missing_links: list[str] = field(default_factory=list)


@dataclass
class Section:
    """An H2 section: its blocks, joined tightly (lists) or by blank lines."""

    name: str
    blocks: list[str]
    tight: bool = False
    spaced: bool = False

    def render(self) -> str:
        body = ("\n" if self.tight else "\n\n").join(self.blocks)
        gap = "\n" if self.spaced else ""
        return f"## {self.name}\n{gap}{body}\n"


@dataclass
class Doc:
    """A dossier as sections plus footer, so defects can be planted structurally."""

    title: str
    sections: list[Section]
    created: dt.date
    updated: dt.date
    tags: str

    def section(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)

    def render(self) -> str:
        out = [f"# {self.title}\n"]
        for s in self.sections:
            rule = "---\n\n" if s.name not in SECTIONS[:3] else ""
            out.append(rule + s.render())
        out.append(f"---\n*Created: {self.created}*\n*Last updated: {self.updated}*\n")
        out.append(f"*Tags:* {self.tags}\n")
        return "\n".join(out[:-1]) + out[-1]


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rand_date(r: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=r.randint(0, max((hi - lo).days, 0)))


def coded_name(code: int) -> str:
    """Spell ``code`` in base-30 syllables: a pronounceable name, unique per code."""
    out = ""
    while code:
        out, code = out + SYLLABLES[code % len(SYLLABLES)], code // len(SYLLABLES)
    return out.capitalize()


def make_meta(r: random.Random, index: int, name_code: int) -> Meta:
    region = r.choice(sorted(COUNTRIES))
    country = r.choice(COUNTRIES[region])
    last = coded_name(name_code)
    start = r.randint(1850, MAX_REGIME_END - 2)
    end = min(start + r.choice((2, 3, 5, 8, 11, 14, 17, 21, 26, 31, 38)), MAX_REGIME_END)
    created = rand_date(r, CREATED_MIN, DATE_MAX - dt.timedelta(days=30))
    updated = rand_date(r, created, DATE_MAX) if r.random() < 0.7 else created
    return Meta(
        index, f"{slug_of(country)}-{slug_of(last)}", country, region, r.choice(FIRST_NAMES),
        last, start, end, r.choice(REGIME_TYPES), created, updated,
    )  # fmt: skip


def era_tag(year: int) -> str:
    if year < 1914:
        return "#pre-wwi"
    if year < 1946:
        return "#interwar-wwii"
    return "#cold-war" if year < 1992 else "#post-cold-war"


def life(r: random.Random, m: Meta, born: int) -> str:
    """``(BIRTH-DEATH)``, ``(BIRTH-)`` or ``(b. BIRTH)``: alive at the end, dead by 95."""
    born = max(born, m.end - 85)
    if born >= 1940 and r.random() < 0.4:
        return f"({born}-)" if r.random() < 0.5 else f"(b. {born})"
    return f"({born}-{r.randint(m.end, min(m.end + 30, MAX_PROSE_YEAR, born + 95))})"


def overview(r: random.Random, m: Meta) -> Section:
    leader = f"{m.first} {m.last} {life(r, m, m.start - r.randint(28, 62))}"
    if r.random() < 0.2:
        # a double-barrelled surname: never a main leader's (one coded name, no hyphen), so
        # two dossiers never give one name two lives
        other = f"{r.choice(FIRST_NAMES)} {surname(r, 2)}-{surname(r, 2)}"
        leader += f"; {other} {life(r, m, m.start - r.randint(25, 55))}"
    low = r.choice((2, 5, 10, 20, 50, 100, 300))
    toll = r.choice(
        (
            f"{low},000-{low * 4},000 (scholarly range)",
            f"{low / 10:g}-{low / 5:g} million (scholarly range); some estimates higher",
            f"~{low * 1000:,} (official figure); likely higher",
            f"Unknown; estimates range from {low},000 to {low * 6},000",
        )
    )
    rows = [
        "| Field | Value |",
        "|-------|-------|",
        f"| **Country/Region** | {m.country} |",
        f"| **Dates** | {m.start}-{m.end} |",
        f"| **Leader(s)** | {leader} |",
        f"| **Type** | {m.regime[0]} |",
        f"| **Duration** | {m.end - m.start} years |",
        f"| **Estimated Death Toll** | {toll} |",
    ]
    return Section("Overview", rows, tight=True)


KEY_ROLES = (
    "Head of the secret police ({a}-{b})",
    "Minister of Defense, executed {a}",
    "Chief ideologist and head of propaganda",
    "Army chief of staff ({a}-{b})",
    "Former ally, exiled {a}",
    "Foreign Minister",
    "Opposition leader, assassinated {b}",
    "Prime Minister ({a}-{b})",
    "Commander of the presidential guard",
    "Interior Minister during the purges ({a}-{b})",
)


def key_figures(r: random.Random, m: Meta, people: Sequence[str]) -> Section:
    first = r.choice(("President", "General Secretary", "Head of State", "Prime Minister"))
    later = r.choice(("Marshal", "President for Life", "Supreme Commander"))
    rows = [f"- **{m.first} {m.last}** — {first}, later {later}"]
    for name in r.sample(people, r.randint(4, 10)):
        a = r.randint(m.start, m.end - 1)
        b = r.randint(a + 1, m.end)
        rows.append(f"- **{name}** — {r.choice(KEY_ROLES).format(a=a, b=b)}")
    return Section("Key Figures", rows, tight=True)


def classification(r: random.Random, m: Meta) -> Section:
    rows = [f"{m.regime[2]} regime characterized by:"]
    rows += [f"- {t}" for t in r.sample(CLASSIFICATION_TRAITS, r.randint(4, 7))]
    return Section("Classification", rows, tight=True)


def windows(m: Meta) -> dict[str, tuple[int, int]]:
    after = min(m.end + 40, MAX_PROSE_YEAR)
    return {
        "Pre-Conditions": (m.start - 20, m.start),
        "Rise to Power": (m.start - 6, m.start),
        "Methods of Control": (m.start, m.end),
        "Key Events & Atrocities": (m.start, m.end),
        "Fall / End": (m.end - 2, m.end),
        "Aftermath": (m.end, after),
        "Scholarly Debate": (m.end, after),
    }


def body(r: random.Random, m: Meta, pools: Pools, target: int) -> list[Section]:
    rnd = r.random
    chosen = {s: [int(rnd() * len(pools.blocks[s]))] for s in BODY_SECTIONS}
    size = sum(pools.blocks[s][i[0]].size for s, i in chosen.items())
    for _ in range(2000):
        if size >= target:
            break
        s = WEIGHTED_SECTIONS[int(rnd() * len(WEIGHTED_SECTIONS))]
        i = int(rnd() * len(pools.blocks[s]))
        if i not in chosen[s]:
            chosen[s].append(i)
            size += pools.blocks[s][i].size
    leader, win = f"{m.last}", windows(m)
    out = []
    for s in BODY_SECTIONS:
        ctx = Ctx(*win[s], m.end, leader, m.country)
        blocks = [pools.blocks[s][i].fill(ctx) for i in chosen[s]]
        out.append(Section(s, blocks, spaced=True))
    return out


def comparisons(r: random.Random, m: Meta) -> Section:
    rows = []
    for slug in m.links + m.missing_links:
        kind, note = r.choice(COMPARISON_NOTES)
        rows.append(f"- [[{slug}]] — relationship: {kind} ({note})")
    return Section("Comparisons", rows, tight=True)


COMPARISON_NOTES = (
    ("thematic", "totalitarian comparison"),
    ("structural", "one-party state with similar institutions"),
    ("contemporary", "neighboring regime in the same decade"),
    ("influence", "model for the security apparatus"),
    ("successor", "regime that followed"),
    ("predecessor", "regime that preceded"),
    ("thematic", "similar use of mass deportation"),
    ("contemporary", "rival regime in the same region"),
    ("structural", "military rule with a civilian facade"),
    ("influence", "advisers trained its officer corps"),
)


def sources(r: random.Random, m: Meta) -> Section:
    rows: list[str] = []
    urls: set[str] = set()
    lo = max(m.created - dt.timedelta(days=60), CREATED_MIN)
    want = r.randint(3, 12)
    while len(rows) < want:
        title, url, kind = r.choice(SOURCE_MAKERS)(r, m)
        if url in urls:
            continue
        urls.add(url)
        rows.append(f"- [{title}]({url}) | type: {kind} | accessed: {rand_date(r, lo, m.updated)}")
    return Section("Sources", rows, tight=True)


CONFIDENCE_NOTES = (
    "The regime is documented in archives opened after its fall",
    "Death toll estimates vary significantly — ranges reflect genuine scholarly uncertainty",
    "Pre-conditions and rise to power well-established",
    "Provincial records are incomplete; figures for the countryside are estimates",
    "Most accounts rely on exile testimony collected at the time",
    "Scholarly debates ongoing on interpretation",
    "Official statistics of the period are unreliable",
)


def confidence(r: random.Random) -> Section:
    level = r.choices(("High", "Medium", "Low"), (4, 5, 2))[0]
    notes = "\n".join(f"- {n}" for n in r.sample(CONFIDENCE_NOTES, r.randint(2, 5)))
    return Section("Confidence Assessment", [f"**Overall**: {level}", f"**Notes**:\n{notes}"])


def title(r: random.Random, m: Meta) -> str:
    forms = (
        f"{m.country} Under {m.first} {m.last}",
        f"The {m.last} Regime in {m.country}",
        f"{m.country}: The {m.last} Era",
        f"The {m.regime[2]} Regime of {m.first} {m.last}",
    )
    return r.choice(forms)


def build_doc(r: random.Random, m: Meta, pools: Pools) -> Doc:
    """Fixed sections first, then body subsections until the drawn total size is reached."""
    want = int(r.triangular(0.5, 3.0, 1.0) * REFERENCE_CHARS)
    head = [overview(r, m), key_figures(r, m, pools.people), classification(r, m)]
    tail = [comparisons(r, m), sources(r, m), confidence(r)]
    fixed = sum(len(s.render()) for s in head + tail) + 400  # + title, rules, footer
    body_secs = body(r, m, pools, want - fixed - 300)  # - about half a subsection
    tags = f"#regime {era_tag(m.start)} #{m.region} #{m.regime[1]} #{slug_of(m.country)}"
    return Doc(title(r, m), head + body_secs + tail, m.created, m.updated, tags)


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def _wiki(r: random.Random, m: Meta) -> tuple[str, str, str]:
    topic = r.choice(
        (f"{m.first} {m.last}", f"{m.country} under {m.last}", f"Politics of {m.country}",
         f"{m.last} regime", f"History of {m.country}",
         f"Human rights in {m.country}")
    )  # fmt: skip
    url = "https://en.wikipedia.org/wiki/" + topic.replace(" ", "_")
    return f"Wikipedia - {topic}", url, "encyclopedia"


def _britannica(r: random.Random, m: Meta) -> tuple[str, str, str]:
    kind, name = r.choice((("biography", f"{m.first} {m.last}"), ("place", m.country),
                           ("event", f"{m.country} coup of {m.start}")))  # fmt: skip
    url = f"https://www.britannica.com/{kind}/" + name.replace(" ", "-")
    return f"Britannica - {name}", url, "encyclopedia"


def _jstor(r: random.Random, m: Meta) -> tuple[str, str, str]:
    t = f"Repression and Consent in {m.country}, {m.start}-{m.end}"
    return f"JSTOR - {t}", f"https://www.jstor.org/stable/{r.randint(10000, 99999999)}", "academic"


def _cambridge(r: random.Random, m: Meta) -> tuple[str, str, str]:
    t = f"The {m.last} Dictatorship and Its Legacies"
    host = "https://www.cambridge.org/core/journals/comparative-politics/article"
    url = f"{host}/{slug_of(t)}/{r.getrandbits(128):032X}"
    return f"Cambridge Core - {t}", url, "academic"


def _ushmm(r: random.Random, m: Meta) -> tuple[str, str, str]:
    t = r.choice(("mass atrocities", "political prisoners", "deportations", "persecution"))
    url = f"https://encyclopedia.ushmm.org/content/en/article/{slug_of(m.country)}-{slug_of(t)}"
    return f"USHMM - {m.country}: {t}", url, "encyclopedia"


def _nytimes(r: random.Random, m: Meta) -> tuple[str, str, str]:
    y = r.randint(max(m.start, 1900), MAX_PROSE_YEAR)
    mo, d = r.randint(1, 12), r.randint(1, 28)
    t = f"{m.last} Tightens Grip on {m.country}"
    path = "archives" if y < 2000 else "world"
    url = f"https://www.nytimes.com/{y}/{mo:02d}/{d:02d}/{path}/{slug_of(t)}.html"
    return f"New York Times - {t}", url, "news"


def _guardian(r: random.Random, m: Meta) -> tuple[str, str, str]:
    y, mon, d = r.randint(1999, MAX_PROSE_YEAR), r.choice(MONTHS)[:3].lower(), r.randint(1, 28)
    t = f"{m.country} reckons with the legacy of {m.last}"
    url = f"https://www.theguardian.com/world/{y}/{mon}/{d:02d}/{slug_of(t)}"
    return f"The Guardian - {t}", url, "news"


def _bbc(r: random.Random, m: Meta) -> tuple[str, str, str]:
    url = f"https://www.bbc.com/news/world-{m.region}-{r.randint(10_000_000, 69_999_999)}"
    return f"BBC News - {m.country} profile", url, "news"


def _hrw(r: random.Random, m: Meta) -> tuple[str, str, str]:
    y = r.randint(max(m.end, 1978), MAX_PROSE_YEAR)
    t = f"Justice for the victims of the {m.last} era"
    mo, d = r.randint(1, 12), r.randint(1, 28)
    url = f"https://www.hrw.org/report/{y}/{mo:02d}/{d:02d}/{slug_of(t)}"
    return f"Human Rights Watch - {t}", url, "ngo"


def _amnesty(r: random.Random, m: Meta) -> tuple[str, str, str]:
    code = f"{slug_of(m.country).replace('-', '')[:3]}{r.randint(10, 99)}"
    n, y = r.randint(1000, 9999), r.randint(1977, MAX_PROSE_YEAR)
    url = f"https://www.amnesty.org/en/documents/{code}/{n}/{y}/en/"
    return f"Amnesty International - {m.country}: political imprisonment", url, "ngo"


def _frus(r: random.Random, m: Meta) -> tuple[str, str, str]:
    y = max(r.randint(m.start, m.end), 1861)
    vol, doc = r.randint(1, 30), r.randint(1, 400)
    url = f"https://history.state.gov/historicaldocuments/frus{y}-{y + 2}v{vol}/d{doc}"
    return f"Foreign Relations of the United States - {m.country}, {y}", url, "government"


def _wilson(r: random.Random, m: Meta) -> tuple[str, str, str]:
    url = f"https://digitalarchive.wilsoncenter.org/document/{r.randint(100000, 300000)}"
    return f"Wilson Center Digital Archive - Report on {m.country}", url, "archive"


def _cia(r: random.Random, m: Meta) -> tuple[str, str, str]:
    a, b, c = r.randint(78, 91), r.randint(100, 999), r.randint(100000, 999999)
    url = f"https://www.cia.gov/readingroom/document/cia-rdp{a}t00{b}r000{c}-{r.randint(0, 9)}"
    return f"CIA Reading Room - Situation in {m.country}", url, "primary"


def _oup(r: random.Random, m: Meta) -> tuple[str, str, str]:
    vol, issue, page = r.randint(80, 129), r.randint(1, 5), r.randint(1, 999)
    url = f"https://academic.oup.com/ahr/article/{vol}/{issue}/{page}/{r.randint(10**6, 8 * 10**6)}"
    return f"American Historical Review - {m.last} and the State", url, "academic"


def _worldhistory(r: random.Random, m: Meta) -> tuple[str, str, str]:
    t = f"{m.country.replace(' ', '_')}_under_{m.last}"
    return (
        f"World History Encyclopedia - {m.country}",
        f"https://www.worldhistory.org/{t}/",
        "secondary",
    )


def _archive_org(r: random.Random, m: Meta) -> tuple[str, str, str]:
    t = f"{m.last}: A Political Biography"
    return t, f"https://archive.org/details/{slug_of(t)}{r.randint(1960, 2015)}", "book"


def _un(r: random.Random, m: Meta) -> tuple[str, str, str]:
    url = f"https://digitallibrary.un.org/record/{r.randint(100000, 4000000)}"
    return f"UN Digital Library - Situation of human rights in {m.country}", url, "primary"


SOURCE_MAKERS = (
    _wiki, _wiki, _britannica, _jstor, _cambridge, _ushmm, _nytimes, _guardian, _bbc,
    _hrw, _amnesty, _frus, _wilson, _cia, _oup, _worldhistory, _archive_org, _un,
)  # fmt: skip

# ---------------------------------------------------------------------------
# Defects
# ---------------------------------------------------------------------------


def d_missing_section(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    del d.sections[r.randrange(len(d.sections))]


def d_duplicate_section(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    i = r.randrange(len(d.sections))
    d.sections.insert(i + 1, d.sections[i])


def d_misspelled_heading(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    d.section("Key Figures").name = "Key Figure"


def d_wrong_duration(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    rows, right = d.section("Overview").blocks, m.end - m.start
    wrong = right + r.choice((-3, -2, -1, 1, 2, 5, 10)) if right > 3 else right + 1
    i = rows.index(f"| **Duration** | {right} years |")
    rows[i] = f"| **Duration** | {wrong} years |"


RANGE_IN_HEADING = re.compile(r"^(###[^\n]*\()(\d{4})-(\d{4})\)", re.M)


def d_reversed_range(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    for s in r.sample(d.sections[3:10], 7):
        for i, b in enumerate(s.blocks):
            if RANGE_IN_HEADING.search(b):
                s.blocks[i] = RANGE_IN_HEADING.sub(r"\1\3-\2)", b, count=1)
                return
    span = f"{m.end}-{m.start}"
    block = f"### Final Campaign ({span})\n- Details disputed"
    d.section("Key Events & Atrocities").blocks.append(block)


def d_impossible_date(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    bad = r.choice(("February 30", "February 31", "April 31", "June 31", "September 31"))
    what = f"{r.choice(ACTORS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
    line = f"- {bad}, {r.randint(m.start, m.end)}: {what}"
    s = r.choice(d.sections[3:10])
    s.blocks.append(f"**Disputed Date**:\n{line}")


def _source_rows(d: Doc) -> list[str]:
    return d.section("Sources").blocks


def d_unknown_source_type(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    rows = _source_rows(d)
    i = r.randrange(len(rows))
    bad = r.choice(("blog", "wiki", "podcast", "website", "social"))
    rows[i] = re.sub(r"\| type: \w+ \|", f"| type: {bad} |", rows[i])


def d_javascript_url(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    rows = _source_rows(d)
    i = r.randrange(len(rows))
    rows[i] = re.sub(r"\]\([^)]*\)", "](javascript:alert(document.cookie))", rows[i], count=1)


def d_duplicate_source(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    rows = _source_rows(d)
    rows.append(r.choice(rows))


def d_imdb_source(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    film, n = r.choice(FILMS), r.randint(100000, 9999999)
    url = f"https://www.imdb.com/title/tt{n:07d}/"
    row = f"- [IMDb - {film}]({url}) | type: secondary | accessed: {m.updated}"
    _source_rows(d).insert(r.randint(0, len(_source_rows(d))), row)


def d_missing_overall_level(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    d.section("Confidence Assessment").blocks[0] = "**Overall**:"


def d_created_after_updated(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    d.created = m.updated + dt.timedelta(days=r.randint(1, max((DATE_MAX - m.updated).days, 1)))


def misspell(r: random.Random, slug: str, taken: set[str]) -> str:
    for _ in range(20):
        i = r.randrange(len(slug) - 1)
        a, b = slug[i], slug[i + 1]
        bad = r.choice((slug[:i] + b + a + slug[i + 2 :], slug[:i] + slug[i + 1 :]))
        if a != "-" and b != "-" and bad not in taken and bad != slug:
            return bad
    return slug + "x"


def d_misspelled_slug_link(r: random.Random, d: Doc, m: Meta, slugs: Sequence[str]) -> None:
    target = m.links[0] if m.links else r.choice(slugs)
    bad = misspell(r, target, set(slugs))
    rows = d.section("Comparisons").blocks
    rows.append(f"- [[{bad}]] — relationship: thematic (comparable repression)")


DEFECT_FUNCS: dict[str, Callable[[random.Random, Doc, Meta, Sequence[str]], None]] = {
    name: globals()["d_" + name.replace("-", "_")] for name in DEFECTS
}

# ---------------------------------------------------------------------------
# Collections
# ---------------------------------------------------------------------------


def plan_metas(r: random.Random, count: int) -> list[Meta]:
    """Draw ``count`` regimes with unique slugs (a taken slug is simply redrawn)."""
    lo = len(SYLLABLES) ** 2  # names of at least three syllables
    hi = len(SYLLABLES) ** (3 if count <= 5000 else 5)
    taken = set(PLANNED_SLUGS)
    metas: list[Meta] = []
    while len(metas) < count:
        m = make_meta(r, len(metas), r.randrange(lo, hi))
        if m.slug not in taken:
            taken.add(m.slug)
            metas.append(m)
    return metas


def plan(r: random.Random, count: int, defect_rate: float) -> list[Meta]:
    metas = plan_metas(r, count)
    slugs = [m.slug for m in metas]
    n_bad = round(count * defect_rate)
    kinds = [DEFECTS[i % len(DEFECTS)] for i in range(n_bad)]
    r.shuffle(kinds)
    for i, kind in zip(sorted(r.sample(range(count), n_bad)), kinds, strict=True):
        metas[i].defect = kind
    for m in metas:
        plan_links(r, m, slugs)
    return metas


def plan_links(r: random.Random, m: Meta, slugs: Sequence[str]) -> None:
    want = r.randint(1, 4)
    others = len(slugs) - 1
    picks = {m.index}
    while others and len(m.links) < min(want, others):
        i = r.randrange(len(slugs))
        if i not in picks:
            picks.add(i)
            m.links.append(slugs[i])
    if not m.links or r.random() < 0.05:
        m.missing_links.append(r.choice(PLANNED_SLUGS))
    if m.defect == "created-after-updated":
        m.updated = min(m.updated, DATE_MAX - dt.timedelta(days=20))
        m.created = min(m.created, m.updated)


def render_one(r: random.Random, m: Meta, pools: Pools, slugs: Sequence[str]) -> str:
    doc = build_doc(r, m, pools)
    if m.defect:
        DEFECT_FUNCS[m.defect](r, doc, m, slugs)
    return doc.render()


def prepare_dir(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"error: {out} is not empty (use --force to overwrite)")
        for p in out.glob("*.md"):
            p.unlink()
    out.mkdir(parents=True, exist_ok=True)


@dataclass
class Job:
    """What a writer needs; module-global so forked workers inherit it."""

    out: Path
    seed: int
    pools: Pools
    metas: list[Meta]
    slugs: list[str]


_JOB: Job | None = None


def write_range(bounds: tuple[int, int]) -> None:
    """Render and write dossiers ``lo <= index < hi`` of the current job."""
    assert _JOB is not None
    for m in _JOB.metas[bounds[0] : bounds[1]]:
        r = random.Random(f"{_JOB.seed}:{m.index}")  # per file: same bytes for any --jobs
        data = render_one(r, m, _JOB.pools, _JOB.slugs).encode("utf-8")
        (_JOB.out / f"{m.slug}.md").write_bytes(data)


def write_all(count: int, jobs: int) -> None:
    chunks = [(lo, min(lo + 250, count)) for lo in range(0, count, 250)]
    if jobs <= 1 or count < 500:
        for c in chunks:
            write_range(c)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs) as pool:
        pool.map(write_range, chunks, chunksize=1)


def generate_collection(
    out: Path,
    count: int,
    seed: int = 1,
    defect_rate: float = 0.1,
    force: bool = False,
    jobs: int | None = None,
) -> list[Meta]:
    """Write ``count`` synthetic dossiers to ``out``; return their plans (slug, defect, links)."""
    global _JOB
    prepare_dir(out, force)
    r = random.Random(seed)
    pools = build_pools(r)
    metas = plan(r, count, defect_rate)
    _JOB = Job(out, seed, pools, metas, [m.slug for m in metas])
    try:
        write_all(count, jobs or os.cpu_count() or 1)
    finally:
        _JOB = None
    return metas


def write_copies(
    out: Path, count: int, reference: Path = REFERENCE, force: bool = False
) -> list[Path]:
    """Write ``count`` byte-identical copies of ``reference`` as ``<stem>-NNNNN.md``."""
    prepare_dir(out, force)
    data = reference.read_bytes()
    paths = [out / f"{reference.stem}-{i:05d}.md" for i in range(1, count + 1)]
    for p in paths:
        p.write_bytes(data)
    return paths


def manifest(metas: Sequence[Meta]) -> list[dict[str, object]]:
    keys = ("slug", "defect", "links", "missing_links")
    return [{k: getattr(m, k) for k in keys} | {"file": f"{m.slug}.md"} for m in metas]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(description=__doc__, formatter_class=fmt)
    p.add_argument("--count", type=int, required=True, help="number of dossiers")
    p.add_argument("--out", type=Path, required=True, help="output directory (created)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--defect-rate", type=float, default=0.1, help="share of files with one defect")
    p.add_argument(
        "--force", action="store_true", help="allow a non-empty --out (removes its *.md)"
    )
    p.add_argument("--copies", action="store_true", help="write copies of the reference instead")
    p.add_argument("--reference", type=Path, default=REFERENCE, help="file copied by --copies")
    p.add_argument("--jobs", type=int, help="writer processes (default: CPU count)")
    p.add_argument("--manifest", type=Path, help="write the planted defects and links as JSON")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    if a.count < 1 or not 0 <= a.defect_rate <= 1:
        raise SystemExit("error: --count must be >= 1 and --defect-rate within [0, 1]")
    t0 = time.perf_counter()
    if a.copies:
        write_copies(a.out, a.count, a.reference, a.force)
        what = f"{a.count} copies of {a.reference.name}"
    else:
        metas = generate_collection(a.out, a.count, a.seed, a.defect_rate, a.force, a.jobs)
        bad = sum(1 for m in metas if m.defect)
        what = f"{a.count} dossiers ({bad} with a planted defect, seed {a.seed})"
        if a.manifest:
            a.manifest.write_text(json.dumps(manifest(metas), indent=1) + "\n", encoding="utf-8")
    secs = time.perf_counter() - t0
    mb = sum(p.stat().st_size for p in a.out.glob("*.md")) / 1e6
    print(f"wrote {what} to {a.out}: {mb:.1f} MB in {secs:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
