"""Source reliability table: load ``schema/reliability.toml`` and look URLs up in it.

The file format is documented in the header of ``schema/reliability.toml``.
``tomllib`` is imported inside the loader, and ``os.path`` is used rather than
``pathlib``, so that importing this module stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from dossierlint.datacache import cached_data
from dossierlint.grammar.urls import registered_domain_candidates, url_host
from dossierlint.records import Record

__all__ = [
    "CATEGORIES",
    "STATUSES",
    "Reliability",
    "load_reliability",
    "lookup_reliability",
    "parse_reliability_entries",
    "shipped_reliability_path",
]

STATUSES = ("reliable", "marginal", "unreliable", "deprecated")
CATEGORIES = (
    "tertiary",
    "academic",
    "university",
    "archive",
    "news",
    "state-media",
    "government",
    "ngo",
    "user-generated",
    "film",
    "blog",
    "press-release",
    "predatory",
)
_KEYS = ("status", "category", "types", "note")


class Reliability(Record, hash=True):
    """What the house knows about one domain (and its subdomains)."""

    domain: str
    status: str
    category: str
    types: tuple[str, ...]
    note: str


def shipped_reliability_path() -> str:
    """The table shipped with dossierlint: in the wheel, or in a source checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "schema", "reliability.toml")
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(here)), "schema", "reliability.toml")


def load_reliability(path: str | os.PathLike[str]) -> dict[str, Reliability]:
    """Load a reliability table; ValueError("<path>: <what is wrong>") if malformed."""
    if os.path.abspath(path) == os.path.abspath(shipped_reliability_path()):
        data = cached_data(os.fspath(path), lambda: _read_toml(path))
    else:
        data = _read_toml(path)
    unknown = sorted(set(data) - {"domains"})
    if unknown:
        raise ValueError(f"{path}: unknown top-level key '{unknown[0]}' (expected only [domains])")
    domains = data.get("domains")
    if not isinstance(domains, dict) or not domains:
        raise ValueError(f'{path}: no [domains."example.org"] tables')
    return parse_reliability_entries(domains, str(path))


def _read_toml(path: str | os.PathLike[str]) -> dict:
    import tomllib  # only here: the hot path never pays for it

    with open(path, "rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: invalid TOML: {error}") from None


def parse_reliability_entries(entries: Mapping[str, object], origin: str) -> dict[str, Reliability]:
    """Validate ``{domain: {status, category, types, note}}`` from any source.

    Shared by the shipped file and an editor's ``[tool.dossierlint.reliability]``
    table; ``origin`` prefixes every error message.
    """
    return {
        domain.lower(): _entry(domain, value, f"{origin}: {domain!r}")
        for domain, value in entries.items()
    }


def _entry(domain: str, value: object, where: str) -> Reliability:
    if not _is_domain(domain):
        raise ValueError(f"{where}: not a domain name (write 'example.org', no scheme or path)")
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: must be a table with keys {', '.join(_KEYS)}")
    extra = sorted(set(value) - set(_KEYS))
    if extra:
        raise ValueError(f"{where}: unknown key '{extra[0]}' (expected {', '.join(_KEYS)})")
    missing = [key for key in _KEYS if key not in value]
    if missing:
        raise ValueError(f"{where}: missing key '{missing[0]}'")
    status = _choice(value["status"], STATUSES, f"{where}: status")
    category = _choice(value["category"], CATEGORIES, f"{where}: category")
    types = value["types"]
    if not isinstance(types, list):
        raise ValueError(f"{where}: types must be a list of strings, got {type(types).__name__}")
    if not all(isinstance(item, str) and item for item in types):
        raise ValueError(f"{where}: types must be a list of source types (strings)")
    note = value["note"]
    if not isinstance(note, str) or not note.strip():
        raise ValueError(f"{where}: note must be a non-empty string")
    return Reliability(domain.lower(), status, category, tuple(types), note.strip())


def _choice(value: object, allowed: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, got {type(value).__name__}")
    if value not in allowed:
        raise ValueError(f"{what} '{value}' is not one of: {', '.join(allowed)}")
    return value


def _is_domain(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and all(
        label and (label.replace("-", "").isalnum()) for label in labels
    )


def check_types(table: Mapping[str, Reliability], source_types: tuple[str, ...]) -> None:
    """ValueError naming the first entry whose `types` lists a type the house rules lack."""
    for entry in table.values():
        unknown = [item for item in entry.types if item not in source_types]
        if unknown:
            raise ValueError(
                f"{entry.domain!r}: types entry '{unknown[0]}' is not one of the house "
                f"source types: {', '.join(source_types)}"
            )


def lookup_reliability(url: str, table: Mapping[str, Reliability]) -> Reliability | None:
    """The entry for the most specific listed domain covering ``url``'s host, or None."""
    host = url_host(url)
    if host is None:
        return None
    for candidate in registered_domain_candidates(host):
        entry = table.get(candidate)
        if entry is not None:
            return entry
    return None
