"""Tests for dossierlint.grammar.urls and the source reliability table."""

from __future__ import annotations

import pytest
from conftest import reference_text
from hypothesis import given
from hypothesis import strategies as st

from dossierlint.grammar.citations import parse_citation
from dossierlint.grammar.urls import (
    is_home_page,
    normalise_url,
    registered_domain_candidates,
    url_host,
    url_problem,
)
from dossierlint.reliability import (
    CATEGORIES,
    STATUSES,
    load_reliability,
    lookup_reliability,
    parse_reliability_entries,
    shipped_reliability_path,
)


def reference_citations() -> list:
    text = reference_text()
    section = text.split("## Sources\n", 1)[1].split("\n---", 1)[0]
    return [parse_citation(line) for line in section.splitlines() if line.startswith("- ")]


# --- url_problem ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Joseph_Stalin's_rise_to_power",
        "https://en.wikipedia.org/wiki/Cheka_(disambiguation)",
        "https://www.britannica.com/event/Great-Purge",
        "https://www.worldhistory.org/",
        "https://www.sciencespo.fr/mass-violence-war-massacre-resistance/en/document/x.html",
        "https://de.wikipedia.org/wiki/Gro%C3%9Fer_Terror",
        "https://www.google.com/search?q=stalin&hl=en",
        "http://example.org/page",
        "https://example.org:8443/page",
        "https://example.org./page",
        "https://пример.рф/страница",
        "https://xn--e1afmkfd.xn--p1ai/",
        "https://münchen.de/geschichte",
        "https://x.org/a#section-2",
        "HTTPS://EXAMPLE.ORG/Page",
        "https://sub_domain.example.org/",
    ],
)
def test_url_problem_accepts(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("javascript:alert(1)", "scheme"),
        ("data:text/html,<b>x</b>", "<"),
        ("data:text/plain,hello", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://ftp.example.org/file", "scheme"),
        ("mailto:someone@example.org", "scheme"),
        ("www.example.org/page", "no scheme"),
        ("example.org", "no scheme"),
        ("example.org:8080/page", "no scheme"),
        ("//example.org/page", "scheme-relative"),
        ("/wiki/Stalin", "no scheme"),
        ("https:example.org", "no '//host'"),
        ("https:/example.org/page", "no '//host'"),
        ("https://user:pw@example.org/", "credentials"),
        ("https://user@example.org/", "credentials"),
        ("https://example.org/a page", "whitespace"),
        (" https://example.org/", "whitespace"),
        ("https://example.org/\n", "whitespace"),
        ("https://example.org/a\tb", "whitespace"),
        ("https://exa\x00mple.org/", "control"),
        ("https:///path", "empty host"),
        ("https://", "empty host"),
        ("https://:443/", "empty host"),
        ("https://intranet/page", "no dot"),
        ("https://localhost/page", "localhost"),
        ("https://localhost:8000/", "localhost"),
        ("https://example.org:99999/", "invalid port"),
        ("https://example.org:0/", "invalid port"),
        ("https://example.org:http/", "invalid port"),
        ("https://example.org:/", "invalid port"),
        ("https://example.org:80:80/", "invalid port"),
        ("https://127.0.0.1/", "IP address"),
        ("https://[::1]/", "IP address"),
        ("https://exa mple.org/", "whitespace"),
        ("https://example..org/", "invalid host"),
        ("https://-example.org/", "invalid host"),
        ("https://example-.org/", "invalid host"),
        ("https://exa%6Dple.org/", "invalid host"),
        ("https://" + "a" * 64 + ".org/", "invalid host"),
        ('https://example.org/"quoted"', "percent-encode"),
        ("https://example.org/a\\b", "percent-encode"),
    ],
)
def test_url_problem_rejects(url: str, reason: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert reason in problem


def test_url_problem_on_reference_sources() -> None:
    for citation in reference_citations():
        assert url_problem(citation.url.text) is None


@pytest.mark.parametrize(
    ("url", "problem", "host"),
    [
        ("https://" + "a." * 100_000 + "org", "invalid host", "a." * 100_000 + "org"),
        ("https://x.org/" + "%41" * 100_000, None, "x.org"),
        ("https://x.org/?" + "a=1&" * 100_000, None, "x.org"),
        ("a" * 300_000 + ":", "scheme", None),
        ("https://" + "@" * 300_000, "contains credentials", None),
        ("https://x.org:" + "9" * 300_000, "invalid port", "x.org"),
    ],
    ids=["100k labels", "100k escapes", "100k parameters", "300k scheme", "300k @", "300k port"],
)
def test_url_functions_read_hostile_input(url: str, problem: str | None, host: str | None) -> None:
    """What they make of it; their cost is measured in benchmarks/hostile.py."""
    found = url_problem(url)
    assert found is None if problem is None else found.startswith(problem)
    assert url_host(url) == host
    assert normalise_url(url)


# --- normalise_url ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.ORG:80/Path/To/Page/", "https://example.org/Path/To/Page"),
        ("https://example.org:443/", "https://example.org"),
        ("https://example.org:8080/a", "https://example.org:8080/a"),
        ("https://example.org/a#frag", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        (
            "https://example.org/a?utm_source=x&id=3&fbclid=y&UTM_Medium=z&gclid=1",
            "https://example.org/a?id=3",
        ),
        (
            "https://example.org/a?ref=tw&ref_src=t&mc_cid=1&mc_eid=2&igshid=3",
            "https://example.org/a",
        ),
        ("https://example.org/a?", "https://example.org/a"),
        ("https://example.org/a?x=1&&y=2", "https://example.org/a?x=1&y=2"),
        ("https://example.org/Gro%c3%9f", "https://example.org/Gro%C3%9F"),
        ("https://www.org/page", "https://www.org/page"),
        ("https://example.org./page", "https://example.org/page"),
        ("https://en.wikipedia.org/wiki/Stalin", "https://en.wikipedia.org/wiki/Stalin"),
        ("mailto:x@example.org", "mailto:x@example.org"),
        ("not a url", "not a url"),
    ],
)
def test_normalise_url_examples(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_normalise_url_keeps_path_case() -> None:
    assert normalise_url("https://x.org/Gulag") != normalise_url("https://x.org/gulag")


labels = st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True).filter(lambda s: s != "www")
hosts = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(labels, min_size=1, max_size=3),
    st.sampled_from(["org", "com", "co.uk", "fr"]),
)
segments = st.from_regex(r"[A-Za-z0-9_'()~.-]{1,10}", fullmatch=True)
params = st.builds(
    "k{}={}".format,
    st.from_regex(r"[a-z0-9]{0,6}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9%]{0,6}", fullmatch=True),
)
tracking = st.sampled_from(
    [
        "utm_source=a",
        "utm_campaign=b",
        "fbclid=c",
        "gclid=d",
        "mc_cid=e",
        "mc_eid=f",
        "ref=g",
        "ref_src=h",
        "igshid=i",
        "UTM_Medium=j",
    ]
)


@given(
    hosts,
    st.lists(segments, max_size=4),
    st.lists(params, max_size=4),
    st.data(),
)
def test_normalise_url_variants_are_equal(host, path, query, data) -> None:
    path_text = "".join(f"/{s}" for s in path)
    base = f"https://{host}{path_text}" + (f"?{'&'.join(query)}" if query else "")
    scheme = data.draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host_variant = data.draw(st.sampled_from([host, host.upper(), host.title()]))
    www = data.draw(st.sampled_from(["", "www.", "WWW."]))
    port = data.draw(st.sampled_from(["", ":80", ":443"]))
    slash = data.draw(st.sampled_from(["", "/", "//"]))
    noise = data.draw(st.lists(tracking, max_size=3))
    mixed = data.draw(st.permutations([*query, *noise]))
    fragment = data.draw(st.sampled_from(["", "#", "#top", "#a?b=c"]))
    variant = f"{scheme}://{www}{host_variant}{port}{path_text}{slash}"
    variant += (f"?{'&'.join(mixed)}" if mixed else "") + fragment
    assert normalise_url(variant) == normalise_url(base)


@given(st.text(max_size=80))
def test_normalise_url_is_idempotent_on_any_text(text: str) -> None:
    once = normalise_url(text)
    assert normalise_url(once) == once


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.text(st.sampled_from("aB.w:@[]0-"), max_size=20),
    st.text(st.sampled_from("/aB%2f.()'"), max_size=20),
    st.text(st.sampled_from("a=&b_utm_ref"), max_size=20),
    st.text(max_size=5),
)
def test_normalise_url_is_idempotent_on_url_shapes(scheme, authority, path, query, frag) -> None:
    url = f"{scheme}://{authority}{path}?{query}#{frag}"
    once = normalise_url(url)
    assert normalise_url(once) == once


# --- is_home_page / hosts ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.worldhistory.org/",
        "https://x.org",
        "https://x.org/",
        "http://x.org/index.html",
        "https://x.org/index.htm",
        "https://x.org/index.php",
        "https://x.org/default.aspx",
        "https://x.org/#top",
        "https://x.org/?utm_source=newsletter",
    ],
)
def test_is_home_page(url: str) -> None:
    assert is_home_page(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.britannica.com/place/Gulag",
        "https://x.org/en/",
        "https://x.org/en/index.html",
        "https://x.org/?p=123",
        "https://x.org/index",
        "www.x.org/",
        "",
    ],
)
def test_is_not_home_page(url: str) -> None:
    assert not is_home_page(url)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("en.wikipedia.org", ["en.wikipedia.org", "wikipedia.org"]),
        ("wikipedia.org", ["wikipedia.org"]),
        ("WWW.BBC.CO.UK", ["www.bbc.co.uk", "bbc.co.uk", "co.uk"]),
        ("example.org.", ["example.org"]),
        ("example.org:8080", ["example.org"]),
        ("localhost", []),
        ("", []),
        ("127.0.0.1", []),
        ("[::1]", []),
    ],
)
def test_registered_domain_candidates(host: str, expected: list[str]) -> None:
    assert registered_domain_candidates(host) == expected


def test_url_host() -> None:
    assert url_host("https://User@WWW.Example.ORG.:8080/a") == "www.example.org"
    assert url_host("www.example.org/a") is None
    assert url_host("https:///a") is None


# --- reliability table ---------------------------------------------------------

REQUIRED_DOMAINS = [
    "britannica.com",
    "wikipedia.org",
    "worldhistory.org",
    "encyclopedia.com",
    "jstor.org",
    "cambridge.org",
    "oup.com",
    "tandfonline.com",
    "springer.com",
    "muse.jhu.edu",
    "sciencespo.fr",
    "news.stanford.edu",
    "ushmm.org",
    "yadvashem.org",
    "loc.gov",
    "archives.gov",
    "nationalarchives.gov.uk",
    "bbc.co.uk",
    "bbc.com",
    "nytimes.com",
    "theguardian.com",
    "reuters.com",
    "apnews.com",
    "washingtonpost.com",
    "economist.com",
    "rt.com",
    "sputniknews.com",
    "globaltimes.cn",
    "xinhuanet.com",
    "imdb.com",
    "fandom.com",
    "reddit.com",
    "quora.com",
    "medium.com",
    "rottentomatoes.com",
    "letterboxd.com",
    "findagrave.com",
    "answers.com",
    "dailymail.co.uk",
    "thesun.co.uk",
    "breitbart.com",
    "infowars.com",
    "history.com",
    "hrw.org",
    "amnesty.org",
    "un.org",
    "cia.gov",
]


@pytest.fixture(scope="module")
def table():
    return load_reliability(shipped_reliability_path())


def test_shipped_table_loads_with_enough_domains(table) -> None:
    assert len(table) >= 40
    assert set(REQUIRED_DOMAINS) <= set(table)


def test_shipped_table_uses_every_status_and_category(table) -> None:
    assert {entry.status for entry in table.values()} == set(STATUSES)
    assert {entry.category for entry in table.values()} == set(CATEGORIES)


@pytest.mark.parametrize(
    "domain",
    [
        "rt.com",
        "sputniknews.com",
        "globaltimes.cn",
        "cgtn.com",
        "dailymail.co.uk",
        "thesun.co.uk",
        "breitbart.com",
        "infowars.com",
    ],
)
def test_deprecated_on_wikipedia(table, domain: str) -> None:
    assert table[domain].status == "deprecated"


@pytest.mark.parametrize(
    ("domain", "category"),
    [
        ("imdb.com", "film"),
        ("rottentomatoes.com", "film"),
        ("fandom.com", "user-generated"),
        ("xinhuanet.com", "state-media"),
        ("hrw.org", "ngo"),
        ("un.org", "government"),
        ("news.stanford.edu", "university"),
        ("ushmm.org", "archive"),
    ],
)
def test_categories(table, domain: str, category: str) -> None:
    assert table[domain].category == category


def test_every_reference_source_is_known_and_consistent(table) -> None:
    citations = reference_citations()
    assert len(citations) == 9
    for citation in citations:
        entry = lookup_reliability(citation.url.text, table)
        assert entry is not None, citation.url.text
        assert entry.status in ("reliable", "marginal"), entry
        assert citation.type.text in entry.types, (citation.url.text, entry.types)


def test_university_types_include_academic(table) -> None:
    for entry in table.values():
        if entry.category == "university":
            assert "academic" in entry.types, entry.domain


def test_worldhistory_fits_secondary_and_encyclopedia(table) -> None:
    assert {"secondary", "encyclopedia"} <= set(table["worldhistory.org"].types)


def test_notes_are_single_sentences_of_text(table) -> None:
    for entry in table.values():
        assert entry.note and "\n" not in entry.note
        assert entry.domain == entry.domain.lower() and not entry.domain.startswith("www.")


def test_lookup_most_specific_wins(table) -> None:
    assert lookup_reliability("https://news.stanford.edu/stories/x", table).domain == (
        "news.stanford.edu"
    )
    assert lookup_reliability("https://plato.stanford.edu/entries/x", table).domain == (
        "plato.stanford.edu"
    )
    assert lookup_reliability("https://www.stanford.edu/", table).domain == "stanford.edu"
    assert lookup_reliability("https://academic.oup.com/ahr/x", table).domain == "oup.com"
    assert lookup_reliability("https://EN.Wikipedia.ORG/wiki/X", table).domain == "wikipedia.org"


def test_lookup_unknown_or_unparsable(table) -> None:
    assert lookup_reliability("https://unknown-site.example/page", table) is None
    assert lookup_reliability("www.britannica.com/place/Gulag", table) is None
    assert lookup_reliability("", table) is None
    assert lookup_reliability("https://notwikipedia.org/", table) is None


def test_parse_entries_from_a_config_mapping() -> None:
    entries = {
        "Example.org": {
            "status": "reliable",
            "category": "academic",
            "types": ["academic"],
            "note": "Trusted by the editors.",
        }
    }
    (entry,) = parse_reliability_entries(entries, "pyproject.toml").values()
    assert (entry.domain, entry.types) == ("example.org", ("academic",))


VALID = """
[domains."example.org"]
status = "reliable"
category = "academic"
types = ["academic"]
note = "A note."
"""


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (VALID.replace('"reliable"', '"trusted"'), "status 'trusted' is not one of"),
        (VALID.replace('"academic"\n', '"journal"\n'), "category 'journal' is not one of"),
        (VALID.replace('status = "reliable"\n', ""), "missing key 'status'"),
        (VALID.replace('note = "A note."\n', ""), "missing key 'note'"),
        (VALID.replace('["academic"]', '"academic"'), "types must be a list"),
        (VALID.replace('["academic"]', '["academic", 3]'), "types must be a list of source types"),
        (VALID.replace('"reliable"', "1"), "status must be a string, got int"),
        (VALID.replace('"A note."', '""'), "note must be a non-empty string"),
        (VALID.replace('"A note."', "true"), "note must be a non-empty string"),
        (VALID + 'colour = "red"\n', "unknown key 'colour'"),
        (VALID.replace('"example.org"', '"https://example.org/"'), "not a domain name"),
        (VALID.replace('"example.org"', '"localhost"'), "not a domain name"),
        (VALID.replace("[domains.", "[domain."), "unknown top-level key 'domain'"),
        ("", "no [domains"),
        ('domains = "x"\n', "no [domains"),
        ('[domains]\n"example.org" = "reliable"\n', "must be a table"),
        (VALID.replace("status =", "status"), "invalid TOML"),
    ],
)
def test_malformed_tables_raise_one_clear_line(tmp_path, text: str, fragment: str) -> None:
    path = tmp_path / "reliability.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_reliability(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert fragment in message


def test_valid_minimal_table(tmp_path) -> None:
    path = tmp_path / "reliability.toml"
    path.write_text(VALID, encoding="utf-8")
    assert load_reliability(path)["example.org"].status == "reliable"
