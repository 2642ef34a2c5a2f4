"""URL checks and normalisation for dossier sources.

A hand-written RFC 3986 split with ``re`` rather than ``urllib.parse``, because it
is stricter: ``urlsplit`` silently strips whitespace and raises on some malformed
ports, where a source check wants a reason to report.
"""

from __future__ import annotations

import re

from dossierlint import regex

__all__ = [
    "TRACKING_PARAMETERS",
    "is_home_page",
    "normalise_url",
    "registered_domain_candidates",
    "url_host",
    "url_problem",
]

# RFC 3986 appendix B, anchored; every group is a negated class, so it is linear.
_SPLIT_RE = regex.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S)
_SCHEME_RE = regex.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_LABEL_RE = regex.compile(r"[\w-]+")
_PORT_RE = regex.compile(r"[0-9]{1,5}")
_IPV4_RE = regex.compile(r"[0-9.]+")
_ESCAPE_RE = regex.compile(r"%[0-9a-fA-F]{2}")
_HOME_FILE_RE = regex.compile(r"/(?:index|default)\.(?:html?|php|aspx?|shtml|jsp)", re.I)
_SUSPECT_CHAR = regex.compile(r'[\s\x00-\x1f\x7f<>"\\]')
"""Whitespace, a control character or a forbidden one: one search clears most URLs."""

TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src", "igshid"})
"""Query keys dropped by :func:`normalise_url` (plus every ``utm_*`` key)."""

_WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = ("80", "443")


def _split(url: str) -> tuple[str | None, str | None, str, str | None, str | None]:
    """Split into (scheme, authority, path, query, fragment); absent parts are None."""
    m = _SPLIT_RE.match(url)
    assert m is not None  # every group is optional: the pattern matches any string
    scheme, authority, path, query, fragment = m.groups()
    return scheme, authority, path, query, fragment


def _split_authority(authority: str) -> tuple[str | None, str, str | None]:
    """Split ``user@host:port`` into (userinfo, host, port); absent parts are None."""
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("["):  # IPv6 literal: [::1]:8080
        end = hostport.find("]")
        host, rest = (hostport, "") if end == -1 else (hostport[: end + 1], hostport[end + 1 :])
        port = rest[1:] if rest.startswith(":") else (rest or None)
    else:
        host, colon, port_text = hostport.partition(":")
        port = port_text if colon else None
    return (userinfo if at else None), host, port


def url_host(url: str) -> str | None:
    """The lowercased host of an absolute ``scheme://host/...`` URL, else None."""
    _, authority, _, _, _ = _split(url.strip())
    if not authority:
        return None
    host = _split_authority(authority)[1].lower().rstrip(".")
    return host or None


def url_problem(url: str) -> str | None:
    """None when ``url`` is an absolute public http(s) URL; else a short reason."""
    if not url:
        return "empty URL"
    if _SUSPECT_CHAR.search(url):
        return _character_problem(url)
    scheme, authority, _, _, _ = _split(url)
    if scheme is None or not _SCHEME_RE.fullmatch(scheme) or "." in scheme:
        if url.startswith("//"):
            return "scheme-relative URL ('//host'); write 'https://host/...'"
        return "no scheme; write 'https://...'"
    if scheme.lower() not in _WEB_SCHEMES:
        return f"scheme '{scheme}:' is not allowed; use http or https"
    if authority is None:
        return f"no '//host' after '{scheme}:'"
    return _authority_problem(authority)


def _character_problem(url: str) -> str:
    """Which kind of character `_SUSPECT_CHAR` found."""
    if any(c.isspace() for c in url):
        return "contains whitespace"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return "contains a control character"
    return 'contains one of < > " \\; percent-encode it'


def _authority_problem(authority: str) -> str | None:
    userinfo, host, port = _split_authority(authority)
    if userinfo is not None:
        return "contains credentials (user@host)"
    if port is not None and (not _PORT_RE.fullmatch(port) or not 0 < int(port) < 65536):
        return f"invalid port '{port}'"
    return _host_problem(host)


def _host_problem(host: str) -> str | None:
    if not host:
        return "empty host"
    if host.startswith("["):
        return "host is an IP address, not a domain name"
    name = host[:-1] if host.endswith(".") else host
    if name.lower() == "localhost":
        return "host 'localhost' is not a public site"
    if "." not in name:
        return f"host '{host}' has no dot; not a public domain"
    if _IPV4_RE.fullmatch(name):
        return "host is an IP address, not a domain name"
    if len(name) > 253 or not all(_label_ok(label) for label in name.split(".")):
        return f"invalid host '{host}'"
    return None


def _label_ok(label: str) -> bool:
    """A DNS label; non-ASCII letters allowed (IDN), underscores tolerated."""
    if not _LABEL_RE.fullmatch(label) or label[0] == "-" or label[-1] == "-":
        return False
    return len(label) <= 63 or not label.isascii()


def _is_tracking(param: str) -> bool:
    key = param.partition("=")[0].lower()
    return key.startswith("utm_") or key in TRACKING_PARAMETERS


def _clean_query(query: str | None) -> str:
    """Query without empty and tracking parameters, remaining ones sorted."""
    if not query:
        return ""
    return "&".join(sorted(p for p in query.split("&") if p and not _is_tracking(p)))


def _normal_host(host: str) -> str:
    host = host.lower().rstrip(".")
    while host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    return host


def _normal_port(port: str | None) -> str:
    """'' for no port or a web default (80/443: http and https are merged anyway)."""
    if port is None or not port.isascii() or not port.isdigit():
        return f":{port}" if port else ""
    number = port.lstrip("0") or "0"  # not int(): no digit-count limit to trip over
    return "" if number in _DEFAULT_PORTS else f":{number}"


def normalise_url(url: str) -> str:
    """A key for duplicate detection: equal keys mean "the same page".

    Lowercases scheme and host, treats http as https and ``www.`` as absent, drops
    the default port, the fragment, trailing slashes and tracking parameters, sorts
    the query and uppercases percent-escapes. Path case is kept (paths are
    case-sensitive). Strings that are not http(s) URLs with a host come back
    unchanged. Idempotent. Pass the URL as written (already stripped); surrounding
    whitespace is not removed, ``url_problem`` reports it.
    """
    scheme, authority, path, query, _ = _split(url)
    if scheme is None or scheme.lower() not in _WEB_SCHEMES or authority is None:
        return url
    userinfo, host, port = _split_authority(authority)
    user = f"{userinfo}@" if userinfo is not None else ""
    path = _ESCAPE_RE.sub(lambda m: m.group().upper(), path.rstrip("/"))
    clean = _clean_query(query)
    return f"https://{user}{_normal_host(host)}{_normal_port(port)}{path}" + (
        f"?{clean}" if clean else ""
    )


def is_home_page(url: str) -> bool:
    """True only for a site's root: ``https://x.org``, ``https://x.org/``, ``/index.html``.

    A non-tracking query string makes it a specific page (``/?p=123`` is a post);
    a fragment does not.
    """
    scheme, authority, path, query, _ = _split(url.strip())
    if scheme is None or not authority or _clean_query(query):
        return False
    return path.rstrip("/") == "" or _HOME_FILE_RE.fullmatch(path) is not None


def registered_domain_candidates(host: str) -> list[str]:
    """Suffixes of ``host`` from most to least specific, stopping before the bare TLD.

    ``"en.wikipedia.org"`` -> ``["en.wikipedia.org", "wikipedia.org"]``. Without a
    public-suffix list, ``bbc.co.uk`` also yields ``co.uk``; callers look the
    candidates up in a table of known domains, so that is harmless. IP addresses
    and single-label hosts have no candidates.
    """
    host = _split_authority(host.strip())[1].lower().rstrip(".")
    if not host or host.startswith("[") or _IPV4_RE.fullmatch(host):
        return []
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]
