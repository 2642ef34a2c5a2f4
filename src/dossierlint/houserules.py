"""The house rules: required sections, overview fields and vocabularies, read from TOML.

The file is data the editors tune (`schema/house-rules.toml`); every consumer
(rules, scaffolder, docs, JSON Schema) reads it through `load_house_rules`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dossierlint.datacache import cached_data
from dossierlint.errors import UsageError
from dossierlint.files import read_toml
from dossierlint.records import Record

VOCABULARIES = (
    "source_types",
    "tertiary_source_types",
    "confidence_levels",
    "relationship_kinds",
    "tags",
    "required_tags",
)
OPTIONAL_VOCABULARIES = ("death_toll_terms",)
"""Vocabularies a house-rules file may leave out (they are then empty)."""


SECTION_CONTENTS = ("overview", "key-figures", "comparisons", "sources", "confidence")
FIELD_ROLES = ("country", "dates", "leaders", "type", "duration", "death-toll")
TIMELINES = ("before", "after")


class SectionRule(Record, hash=True):
    title: str
    guide: str
    """The placeholder text `dossierlint new` writes into the fresh section."""
    content: str | None
    """Which structured content the parser reads from the section; None for prose."""
    rule_before: bool = False
    """Whether a `---` rule separates the section from the one above (as in the reference)."""
    timeline: str | None = None
    """`before` or `after`: the section tells of events before or after the regime."""


class FieldRule(Record, hash=True):
    name: str
    role: str
    example: str


class HouseRules(Record, hash=True):
    path: str
    sections: tuple[SectionRule, ...]
    optional_sections: tuple[str, ...]
    overview_fields: tuple[FieldRule, ...]
    vocabularies: dict[str, tuple[str, ...]]
    placeholder_marker: str

    @property
    def section_titles(self) -> tuple[str, ...]:
        return tuple(section.title for section in self.sections)

    def vocabulary(self, name: str) -> tuple[str, ...]:
        return self.vocabularies[name]

    def section_with(self, content: str) -> str | None:
        """Title of the section that holds `content` (e.g. "sources")."""
        return next((s.title for s in self.sections if s.content == content), None)

    def sections_with_timeline(self, timeline: str) -> tuple[str, ...]:
        """Titles of the sections about events `timeline` ("before"/"after") the regime."""
        return tuple(s.title for s in self.sections if s.timeline == timeline)

    def field_with(self, role: str) -> str | None:
        """Name of the Overview row that plays `role` (e.g. "dates")."""
        return next((f.name for f in self.overview_fields if f.role == role), None)


def bundled_schema_dir() -> Path:
    """`schema/` shipped in the wheel, or the source tree's in an editable install."""
    packaged = Path(__file__).parent / "schema"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "schema"


@cache
def load_house_rules(path: str | None = None) -> HouseRules:
    """Read and validate a house-rules file; raise UsageError naming what is wrong."""
    file = Path(path) if path else bundled_schema_dir() / "house-rules.toml"
    what = "a house-rules file"
    data = (
        cached_data(str(file), lambda: read_toml(file, what)) if not path else read_toml(file, what)
    )
    return _house_rules_from(str(file), data)


def _house_rules_from(path: str, data: dict) -> HouseRules:
    def fail(what: str) -> UsageError:
        return UsageError(f"{path}: {what}")

    sections = _table(data, "sections", fail)
    required = sections.get("required")
    if not isinstance(required, list) or not required:
        raise fail("[sections] required must be a non-empty list")
    section_rules = [_section_rule(item, fail) for item in required]
    titles = [rule.title for rule in section_rules]
    if len(set(titles)) != len(titles):
        raise fail("[sections] required lists a section twice")
    fields = _table(data, "overview", fail).get("fields")
    if not isinstance(fields, list) or not fields:
        raise fail("[overview] fields must be a non-empty list")
    vocabularies_table = _table(data, "vocabularies", fail)
    vocabularies = {
        name: _string_list(vocabularies_table, name, fail, "vocabularies") for name in VOCABULARIES
    }
    for name in OPTIONAL_VOCABULARIES:
        vocabularies[name] = (
            _string_list(vocabularies_table, name, fail, "vocabularies", allow_empty=True)
            if name in vocabularies_table
            else ()
        )
    marker = _table(data, "placeholders", fail).get("marker")
    if not _is_text(marker):
        raise fail("[placeholders] marker must be a non-empty string")
    return HouseRules(
        path=path,
        sections=tuple(section_rules),
        optional_sections=_string_list(sections, "optional", fail, "sections", allow_empty=True),
        overview_fields=tuple(_field_rule(item, fail) for item in fields),
        vocabularies=vocabularies,
        placeholder_marker=marker,
    )


def _section_rule(item: object, fail) -> SectionRule:
    if not isinstance(item, dict) or not _is_text(item.get("title")):
        raise fail('each [sections] required entry needs title = "..."')
    title = item["title"]
    content = item.get("content")
    if content is not None and content not in SECTION_CONTENTS:
        raise fail(f"section {title!r}: content must be one of {', '.join(SECTION_CONTENTS)}")
    guide = item.get("guide", "")
    # The Overview's placeholders are its rows' examples; every other section shows its guide.
    if content != "overview" and not _is_text(guide):
        raise fail(
            f'section {title!r} needs guide = "..." (the placeholder `dossierlint new` writes)'
        )
    if "\n" in str(guide).strip():
        raise fail(f"section {title!r}: guide must be one line")
    rule_before = item.get("rule_before", False)
    if not isinstance(rule_before, bool):
        raise fail(f"section {title!r}: rule_before must be true or false")
    timeline = item.get("timeline")
    if timeline is not None and timeline not in TIMELINES:
        raise fail(f"section {title!r}: timeline must be one of {', '.join(TIMELINES)}")
    return SectionRule(title, str(guide).strip(), content, rule_before, timeline)


def _field_rule(item: object, fail) -> FieldRule:
    if not isinstance(item, dict) or not _is_text(item.get("name")):
        raise fail('each [overview] fields entry needs name = "..."')
    role = item.get("role")
    if role not in FIELD_ROLES:
        raise fail(f"overview field {item['name']!r}: role must be one of {', '.join(FIELD_ROLES)}")
    return FieldRule(item["name"], role, str(item.get("example", "")))


def _table(data: dict, name: str, fail) -> dict:
    table = data.get(name)
    if not isinstance(table, dict):
        raise fail(f"missing [{name}] table")
    return table


def _string_list(
    table: dict, key: str, fail, where: str, *, allow_empty: bool = False
) -> tuple[str, ...]:
    value = table.get(key)
    if not isinstance(value, list) or not all(_is_text(item) for item in value):
        raise fail(f"[{where}] {key} must be a list of strings")
    if not value and not allow_empty:
        raise fail(f"[{where}] {key} must not be empty")
    return tuple(value)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
