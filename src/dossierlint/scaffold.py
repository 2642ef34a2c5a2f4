"""`dossierlint new`: a fresh dossier built from the house rules, and missing sections for old ones.

Nothing here is a template. The sections and their order, the Overview rows,
the vocabularies and the footer come from the house rules and the parser's own
forms, so a new dossier has the shape `check` demands. Where only the author
knows the content, the text starts with the house placeholder marker
(`TODO(dossierlint):`), and every structured entry stays well formed around
it, so a fresh dossier fails on its placeholders (DL004) and nothing else.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable

from dossierlint import regex
from dossierlint.errors import UsageError, printable
from dossierlint.grammar.leaders import Unreadable, Years, parse_leader
from dossierlint.houserules import FieldRule, HouseRules, SectionRule
from dossierlint.model import SLUG_PATTERN, TAG_PATTERN
from dossierlint.parse import (
    BLANK,
    COMMENT,
    FOOTER_KEYS,
    RULE,
    ParsedDossier,
    footer_house_form,
    parse,
)
from dossierlint.records import Record, field
from dossierlint.text import lines_with_endings

DEFAULT_SOURCES = 3
"""Placeholder sources written when no `min-sources` option says how many a dossier needs."""
PLACEHOLDER_HOST = "https://example.org"
"""Placeholder source pages live on the domain reserved for examples (RFC 2606)."""

_SLUG = regex.compile(SLUG_PATTERN)
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))}
)
MAX_SLUG_LENGTH = 200
"""A file name holds 255 bytes; writing adds `.md` and a temp file's `.` prefix and suffix."""
_TAG = regex.compile(TAG_PATTERN)
_YEAR = regex.compile(r"\d{1,4}")
_LEADER_FORMS = (
    "'Name (BIRTH-DEATH)', 'Name (BIRTH-)' or 'Name (b. BIRTH)'; a year may be "
    "'c. 1925', '1925?' or '1925 or 1928'"
)


class Leader(Record, frozen=True):
    text: str
    """As written in the Overview: `Augusto Pinochet (1915-2006)`."""
    name: str
    birth: Years | None
    death: Years | None


class Values(Record):
    """What the author gave for the new dossier; None or empty means not given."""

    title: str | None = None
    country: str | None = None
    leaders: list[Leader] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    type: str | None = None
    death_toll: str | None = None
    tags: list[str] = field(default_factory=list)

    def missing(self) -> list[str]:
        """Options that must be given (or answered) before a dossier can be written."""
        given = {
            "--country": self.country,
            "--leader": self.leaders,
            "--start": self.start,
            "--end": self.end,
        }
        return [option for option, value in given.items() if value is None or value == []]


# --- checking what the author gave -------------------------------------------------------


def check_slug(slug: str) -> str:
    """The slug names the file, so it is checked before anything is written: a name
    Windows reserves (`con.md` cannot be checked out there) or one too long for a
    file name (with the temp file's prefix and suffix) is refused."""
    if not _SLUG.fullmatch(slug):
        raise UsageError(
            f"{printable(slug)!r} is not a slug: use lowercase letters, digits and single "
            "hyphens, country first (e.g. chile-pinochet)"
        )
    if slug in WINDOWS_RESERVED:
        raise UsageError(f"{slug!r} is a name Windows reserves for a device; choose another slug")
    if len(slug) > MAX_SLUG_LENGTH:
        raise UsageError(
            f"slug is {len(slug)} characters; at most {MAX_SLUG_LENGTH} make a file name"
        )
    return slug


def check_text(option: str, text: str) -> str | None:
    """A one-line value, stripped; None when blank."""
    text = text.strip()
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
        raise UsageError(f"{option} must be one line of text")
    return text or None


def check_year(option: str, text: str, today: datetime.date) -> int:
    if not _YEAR.fullmatch(text.strip()):
        raise UsageError(f"{option} {text!r} is not a year (write e.g. 1973)")
    year = int(text)
    if year > today.year:
        raise UsageError(f"{option} {year} is in the future")
    return year


def check_leader(text: str, today: datetime.date) -> Leader:
    """A `--leader` value, read with the parser's leader grammar (`grammar.leaders`): a name
    (which cannot hold the Overview's separators `|` and `;`) and life years it reads."""
    text = (check_text("--leader", text) or "").strip()
    life = parse_leader(text)
    if (
        life is None
        or isinstance(life, Unreadable)
        or not life.name
        or "|" in life.name
        or ";" in life.name
    ):
        why = f" ({life.reason})" if isinstance(life, Unreadable) else ""
        raise UsageError(
            f"--leader {text!r}{why}: write {_LEADER_FORMS}, e.g. 'Augusto Pinochet (1915-2006)'"
        )
    birth, death = life.birth, life.death
    if birth is not None and death is not None and death.latest < birth.earliest:
        raise UsageError(f"--leader {text!r}: died before being born")
    if any(years.earliest > today.year for years in (birth, death, life.floruit) if years):
        raise UsageError(f"--leader {text!r}: a year is in the future")
    return Leader(text, life.name, birth, death)


def check_leaders(text: str, today: datetime.date) -> list[Leader]:
    """Leaders as one answer: several separated by `;`."""
    leaders = [check_leader(part, today) for part in text.split(";") if part.strip()]
    return leaders or [check_leader(text, today)]  # nothing but separators: say what to write


def check_tag(text: str) -> str:
    tag = text.strip().removeprefix("#")
    if not _TAG.fullmatch(tag):
        raise UsageError(
            f"--tag {text!r}: a tag is lowercase words joined by hyphens (e.g. cold-war)"
        )
    return tag


def check_together(values: Values) -> None:
    """What only the values together can contradict: the regime's dates and its leaders' lives."""
    start, end = values.start, values.end
    if start is None or end is None:
        return
    if start > end:
        raise UsageError(f"--start {start} is after --end {end}")
    for leader in values.leaders:
        if leader.birth is not None and leader.birth.earliest > end:
            raise UsageError(f"--leader {leader.text!r}: born after the regime ended ({end})")
        if leader.death is not None and leader.death.latest < start:
            raise UsageError(f"--leader {leader.text!r}: died before the regime began ({start})")


def default_title(values: Values) -> str:
    """`Chile Under Augusto Pinochet`: the country and the first leader, as the reference does."""
    return f"{values.country} Under {values.leaders[0].name}"


def values_from_options(
    today: datetime.date,
    *,
    title: str | None,
    country: str | None,
    leaders: tuple[str, ...],
    start: str | None,
    end: str | None,
    regime_type: str | None,
    death_toll: str | None,
    tags: tuple[str, ...],
) -> Values:
    """The command line's values, each checked (a bad one is a one-line usage error)."""

    def text(option: str, value: str | None) -> str | None:
        return check_text(option, value) if value is not None else None

    return Values(
        title=text("--title", title),
        country=text("--country", country),
        leaders=[leader for value in leaders for leader in check_leaders(value, today)],
        start=check_year("--start", start, today) if start is not None else None,
        end=check_year("--end", end, today) if end is not None else None,
        type=text("--type", regime_type),
        death_toll=text("--death-toll", death_toll),
        tags=[check_tag(tag) for tag in tags],
    )


def wanted_sources(config) -> int:
    """How many placeholder sources to write: the run's `min-sources` option, if a rule has one."""
    from dossierlint.engine import build_ruleset

    return int(build_ruleset(config).options.get("min-sources", DEFAULT_SOURCES))


# --- asking for what is missing ----------------------------------------------------------


def ask_for_missing(values: Values, house_rules: HouseRules, today: datetime.date) -> None:
    """Prompt on the terminal for every value the command line did not give.

    Prompts go to stderr (stdout may be the dossier itself, with --stdout); an
    answer that does not check out is explained and asked again.
    """
    example = {rule.role: rule.example for rule in house_rules.overview_fields}
    label = {rule.role: rule.name for rule in house_rules.overview_fields}
    years = example.get("dates", "").split("-")
    if values.country is None:
        values.country = _ask(
            label.get("country", "Country"),
            example.get("country"),
            lambda t: check_text("--country", t),
        )
    if not values.leaders:
        values.leaders = _ask(
            label.get("leaders", "Leader(s)"),
            f"{example.get('leaders')}; separate several with ';'",
            lambda t: check_leaders(t, today),
        )
    if values.start is None:
        values.start = _ask("First year", years[0], lambda t: check_year("--start", t, today))
    if values.end is None:
        values.end = _ask("Last year", years[-1], lambda t: _end_year(t, values, today))
    check_together(values)
    if values.title is None:
        values.title = _ask(
            "Title", None, lambda t: check_text("--title", t), default_title(values)
        )
    if values.type is None:
        values.type = _ask_optional(label.get("type"), example.get("type"), "--type")
    if values.death_toll is None:
        values.death_toll = _ask_optional(
            label.get("death-toll"), example.get("death-toll"), "--death-toll"
        )
    if not values.tags:
        values.tags = _ask(
            "Tags besides #regime",
            "cold-war latin-america; blank for none",
            lambda t: [check_tag(tag) for tag in t.replace(",", " ").split()],
            "",
        )


def _end_year(text: str, values: Values, today: datetime.date) -> int:
    end = check_year("--end", text, today)
    if values.start is not None and end < values.start:
        raise UsageError(f"the last year comes before the first ({values.start})")
    return end


def _ask_optional(label: str | None, example: str | None, option: str) -> str | None:
    if label is None:
        return None
    hint = f"{example}; blank for a placeholder" if example else "blank for a placeholder"
    return _ask(label, hint, lambda t: check_text(option, t), "")


def _ask(label: str, hint: str | None, convert: Callable, default: str | None = None):
    import click

    def value_proc(text: str):
        try:
            return convert(text)
        except UsageError as error:
            raise click.UsageError(str(error)) from None

    shown = f"{label} (e.g. {hint})" if hint else label
    return click.prompt(
        shown, default=default, value_proc=value_proc, show_default=bool(default), err=True
    )


# --- writing a dossier -------------------------------------------------------------------


class Scaffold(Record, frozen=True):
    """What the placeholder text is built from: the house rules, the date, the sources wanted."""

    house_rules: HouseRules
    today: datetime.date
    sources: int = DEFAULT_SOURCES

    def todo(self, text: str) -> str:
        return f"{self.house_rules.placeholder_marker} {text}".rstrip()

    def dossier(self, values: Values) -> str:
        """The whole new dossier: title, every house section in order, the footer."""
        lines = [f"# {values.title or default_title(values)}"]
        for section in self.house_rules.sections:
            lines += _separator(section)
            lines += self.section(section, values)
        lines += ["", "---", *self.footer(values)]
        return "\n".join(lines) + "\n"

    def section(self, section: SectionRule, values: Values) -> list[str]:
        """A section's heading and its placeholder body, as `new` writes it."""
        body = {
            "overview": self._overview,
            "key-figures": self._key_figures,
            "sources": self._sources,
            "confidence": self._confidence,
        }.get(section.content or "", self._prose)
        return [f"## {section.title}", *body(section, values)]

    def footer(self, values: Values) -> list[str]:
        tags = dict.fromkeys([*self.house_rules.vocabulary("required_tags"), *values.tags])
        given = {
            "Created": self.today.isoformat(),
            "Last updated": self.today.isoformat(),
            "Tags": " ".join(f"#{tag}" for tag in tags),
        }
        return [footer_house_form(key, given[key]) for key in FOOTER_KEYS]

    def _prose(self, section: SectionRule, values: Values) -> list[str]:
        return [self.todo(section.guide)]

    def _overview(self, section: SectionRule, values: Values) -> list[str]:
        rows = ["| Field | Value |", "|-------|-------|"]
        for rule in self.house_rules.overview_fields:
            value = _known_value(rule, values)
            hint = f"e.g. {rule.example}" if rule.example else rule.name
            cell = value.replace("|", "\\|") if value else self.todo(hint)
            rows.append(f"| **{rule.name}** | {cell} |")
        return rows

    def _key_figures(self, section: SectionRule, values: Values) -> list[str]:
        names = [leader.name for leader in values.leaders] or ["Name"]
        return [f"- **{name}** — {self.todo(section.guide)}" for name in names]

    def _sources(self, section: SectionRule, values: Values) -> list[str]:
        """Well-formed citations of distinct placeholder pages, read today.

        Their types are the house's non-tertiary ones in turn, so no rule on
        the mix of sources fires before the author replaces them.
        """
        vocabulary = self.house_rules.vocabulary("source_types")
        tertiary = set(self.house_rules.vocabulary("tertiary_source_types"))
        types = [kind for kind in vocabulary if kind not in tertiary] or list(vocabulary)
        return [
            f"- [{self.todo(f'source {n}: {section.guide}')}]"
            f"({PLACEHOLDER_HOST}/TODO-replace-with-source-{n})"
            f" | type: {types[(n - 1) % len(types)]} | accessed: {self.today.isoformat()}"
            for n in range(1, max(self.sources, 1) + 1)
        ]

    def _confidence(self, section: SectionRule, values: Values) -> list[str]:
        """The middle confidence level, and a placeholder note saying why."""
        levels = self.house_rules.vocabulary("confidence_levels")
        level = levels[len(levels) // 2]
        return [f"**Overall**: {level}", "", "**Notes**:", f"- {self.todo(section.guide)}"]


def _separator(section: SectionRule) -> list[str]:
    """The lines between the text above a section and its heading."""
    return ["", "---", ""] if section.rule_before else [""]


def _known_value(rule: FieldRule, values: Values) -> str | None:
    start, end = values.start, values.end
    years = end - start if start is not None and end is not None else None
    known = {
        "country": values.country,
        "dates": f"{start}-{end}" if years is not None else None,
        "leaders": "; ".join(leader.text for leader in values.leaders) or None,
        "type": values.type,
        "duration": f"{years} year{'' if years == 1 else 's'}" if years is not None else None,
        "death-toll": values.death_toll,
    }
    return known[rule.role]


# --- adding missing sections to a dossier ------------------------------------------------


def update_file(data: bytes, slug: str, scaffold: Scaffold, shown: str) -> tuple[bytes, list[str]]:
    """A dossier file's bytes with its missing sections added (BOM and line endings kept)."""
    from dossierlint.decoding import UTF8_BOM, decode

    decoded = decode(data)
    if decoded.text is None or decoded.problems:
        raise UsageError(f"{shown}: not UTF-8 text; --update edits UTF-8 files only")
    text, added = add_missing_sections(decoded.text, slug, scaffold)
    return (UTF8_BOM if decoded.bom else b"") + text.encode("utf-8"), added


def add_missing_sections(text: str, slug: str, scaffold: Scaffold) -> tuple[str, list[str]]:
    """`text` with each missing required section inserted where it belongs; and their titles.

    A section counts as present however it is spelled, as the structure rules
    resolve headings (`## Key Figure` is a misspelling to fix, not a gap). A
    missing section goes before the next required section present, or else
    after the last content above the footer, written as `new` writes it:
    heading, placeholder, and the house's blank lines and `---` rules around
    it. Every byte already in the file stays as it is; new lines use the
    file's line ending.
    """
    house = scaffold.house_rules
    parsed = parse(text, slug, house)
    present = _present_sections(parsed, house, scaffold.today)
    order = house.section_titles
    rules = {section.title: section for section in house.sections}
    missing = [title for title in order if title not in present]
    if not missing:
        return text, []
    lines = lines_with_endings(text)
    newline = next((ending for _, ending in lines if ending), "\n")
    values = Values(leaders=_overview_leaders(parsed))
    inserts: dict[int, list[str]] = {}
    for title in missing:
        section = rules[title]
        block = scaffold.section(section, values)
        following = next((t for t in order[order.index(title) + 1 :] if t in present), None)
        if following is not None:
            at = _anchor(parsed, present[following])
            piece = block + _separator(rules[following])
        else:
            at = _last_content_line(parsed)
            first_line = at == 0 and at not in inserts
            piece = ([] if first_line else _separator(section)) + block
        inserts.setdefault(at, []).append("".join(line + newline for line in piece))
    return _join(lines, inserts, newline), missing


def _present_sections(
    parsed: ParsedDossier, house_rules: HouseRules, today: datetime.date
) -> dict[str, int]:
    """Required title -> line of its (first) heading, resolved as the structure rules do."""
    from dossierlint.rules.base import Context
    from dossierlint.rules.section_map import resolved_sections

    present: dict[str, int] = {}
    for item in resolved_sections(Context("", parsed, house_rules, {}, today)):
        if item.title is not None:
            present.setdefault(item.title, item.section.line)
    return present


def _overview_leaders(parsed: ParsedDossier) -> list[Leader]:
    overview = parsed.dossier.overview
    names = [leader.name for leader in overview.leaders if leader.name] if overview else []
    return [Leader(name, name, None, None) for name in names]


def _anchor(parsed: ParsedDossier, heading_line: int) -> int:
    """0-based index to insert before: the heading, above any comment attached to it
    (a `dossierlint-disable-next-line` must stay right above its line)."""
    index = heading_line - 1
    kinds = parsed.document.kinds
    while index > 0 and kinds[index - 1] == COMMENT:
        index -= 1
    return index


def _last_content_line(parsed: ParsedDossier) -> int:
    """1-based number of the last line above the footer that is not blank or a rule (0: none)."""
    footer = [item.line for item in parsed.footer.values()]
    kinds = parsed.document.kinds
    last = (min(footer) if footer else len(kinds) + 1) - 1
    while last > 0 and kinds[last - 1] in (BLANK, RULE):
        last -= 1
    return last


def _join(lines: list[tuple[str, str]], inserts: dict[int, list[str]], newline: str) -> str:
    out = []
    for index, (content, ending) in enumerate(lines):
        out += inserts.get(index, [])
        out.append(content + ending)
    tail = inserts.get(len(lines), [])
    if not tail:
        return "".join(out)
    unterminated = bool(lines) and not lines[-1][1]
    if unterminated:  # the file ends without a line ending: so does the result
        out.append(newline)
    result = "".join(out + tail)
    return result[: -len(newline)] if unterminated else result
