"""Main-text extraction from saved HTML pages: which library `dossierlint sources add` uses.

Builds three realistic pages around real article text (tests/data/sources): an
encyclopedia page, a magazine article and a film-database page, each with the
navigation, menus, sidebars, teasers, cookie banners, scripts and footers such
pages carry. Then runs each extractor on each page and reports

- kept: the share of the article's words found in the output (recall),
- noise: the share of the output's words that are not the article's (boilerplate kept),
- time: the median of --repeat runs, in milliseconds.

Words are compared as multisets of lowercase word tokens. Run from the repository
root, with the candidates installed (`pip install trafilatura readability-lxml
justext beautifulsoup4`); a missing one is reported as such.

    python benchmarks/extraction.py [--repeat 5] [--markdown]
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "sources"
_WORD = re.compile(r"\w+")


def _heading(line: str) -> bool:
    return len(line) < 70 and not line.rstrip().endswith((".", ":", ")", '"')) and "\t" not in line


HATNOTES = ("Main article", "Main articles", "See also", "Further information")
"""Lines that point to other articles: navigation, not the article's text."""


def _article_html(lines: list[str], interrupt: Callable[[int], str] | None = None) -> str:
    """Paragraphs as <p> with reference marks, short title-like lines as <h2> with an edit
    link, hatnotes as <div class=hatnote>; `interrupt(n)` is inserted after paragraph n."""
    parts = []
    for number, line in enumerate(line.strip() for line in lines if line.strip()):
        escaped = html.escape(line)
        if line.startswith(HATNOTES):
            parts.append(f'<div role="note" class="hatnote">{escaped}</div>')
        elif _heading(line):
            parts.append(
                f'<h2><span class="mw-headline">{escaped}</span>'
                '<span class="mw-editsection">[<a href="?action=edit">edit</a>]</span></h2>'
            )
        else:
            marked = escaped.replace(
                ". ", f'.<sup class="reference"><a href="#cite-{number}">[{number}]</a></sup> ', 1
            )
            parts.append(f"<p>{marked}</p>")
        if interrupt is not None:
            parts.append(interrupt(number))
    return "\n".join(parts)


def _gold(text: str) -> str:
    """The article's own text: every line but the hatnotes."""
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith(HATNOTES))


NAV = [
    "Main page",
    "Contents",
    "Current events",
    "Random article",
    "About us",
    "Contact us",
    "Donate",
    "Help",
    "Learn to edit",
    "Community portal",
    "Recent changes",
    "Upload file",
    "Special pages",
    "Permanent link",
    "Page information",
    "Cite this page",
    "Download as PDF",
    "Printable version",
    "Deutsch",
    "Español",
    "Français",
    "Italiano",
    "Polski",
    "Русский",
]
SIDEBAR = [
    "Lenin",
    "Trotsky",
    "Khrushchev",
    "Molotov",
    "Beria",
    "Kirov",
    "Zhukov",
    "Great Purge",
    "Gulag",
    "Holodomor",
    "Five-Year Plans",
    "Eastern Bloc",
    "Yalta Conference",
    "Potsdam Conference",
    "Cold War",
    "De-Stalinization",
    "NKVD",
    "Politburo",
]
FOOTER = (
    "This page was last edited on 14 November 2025, at 09:12. Text is available under the "
    "Creative Commons Attribution-ShareAlike License; additional terms may apply. By using "
    "this site, you agree to the Terms of Use and Privacy Policy. Privacy policy About "
    "Disclaimers Code of Conduct Developers Statistics Cookie statement Mobile view"
)
COOKIES = (
    "We use cookies to personalise content and ads, to provide social media features and to "
    "analyse our traffic. We also share information about your use of our site with our "
    "social media, advertising and analytics partners. Accept all cookies Manage preferences"
)


def _links(names: list[str], prefix: str) -> str:
    items = "".join(
        f'<li><a href="{prefix}{html.escape(n)}">{html.escape(n)}</a></li>' for n in names
    )
    return f"<ul>{items}</ul>"


def _figure(number: int) -> str:
    """Every 25th paragraph: a thumbnail with a 'click to enlarge' link, as encyclopedias have."""
    if number % 25 != 24:
        return ""
    return (
        '<figure class="thumb"><a href="/File:Portrait.jpg"><img src="/portrait.jpg" alt=""></a>'
        '<figcaption><a href="/File:Portrait.jpg" title="Enlarge">Enlarge</a></figcaption></figure>'
    )


def _inline_promo(number: int) -> str:
    """Every 4th paragraph of a magazine article: an ad slot or a 'read more' teaser."""
    if number % 8 == 3:
        return '<div class="ad-slot">Advertisement · Continue reading below</div>'
    if number % 8 == 7:
        return '<p class="read-more"><strong>Read more:</strong> <a href="/story/9">How the archives were opened</a></p>'
    return ""


def encyclopedia_page(text: str) -> str:
    lines = text.splitlines()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Joseph Stalin - Encyclopedia</title>
<style>body{{font-family:sans-serif}} .hatnote{{font-style:italic}}</style>
<script>window.RLQ=window.RLQ||[];var wgPageName="Joseph_Stalin";</script></head>
<body>
<div id="cookie-banner" class="banner"><p>{COOKIES}</p><button>Accept</button></div>
<header id="mw-head"><a href="/" class="logo">The Free Encyclopedia</a>
<form action="/search"><input name="q" placeholder="Search the encyclopedia"><button>Search</button></form>
<nav id="p-navigation">{_links(NAV, "/wiki/")}</nav></header>
<div id="mw-panel"><h3>Navigation</h3>{_links(["Main page", "Contents", "Current events", "Random article"], "/wiki/")}
<h3>Tools</h3>{_links(["What links here", "Related changes", "Upload file", "Special pages"], "/wiki/Special:")}</div>
<main id="content"><h1 id="firstHeading">Joseph Stalin</h1>
<div id="siteSub">From the Free Encyclopedia</div>
<div class="mw-parser-output">
<table class="infobox"><tr><th colspan="2">General Secretary of the Communist Party</th></tr>
<tr><th>In office</th><td>3 April 1922 – 16 October 1952</td></tr>
<tr><th>Preceded by</th><td>Position established</td></tr>
<tr><th>Succeeded by</th><td>Nikita Khrushchev</td></tr></table>
<div id="toc" class="toc"><h2>Contents</h2>{_links(["1 Early life", "2 Revolution and early wars", "3 Rise to power", "4 Changes to Soviet society", "5 World War II", "6 Post-war era", "7 Death", "8 References"], "#")}</div>
{_article_html(lines, _figure)}
<h2>References</h2><ol class="references">
<li>Service, Robert (2004). Stalin: A Biography. Macmillan. ISBN 978-0-330-41913-0.</li>
<li>Kotkin, Stephen (2014). Stalin: Paradoxes of Power, 1878–1928. Penguin. ISBN 978-1-59420-379-4.</li>
<li>Montefiore, Simon Sebag (2003). Stalin: The Court of the Red Tsar. Knopf.</li></ol>
<div class="navbox"><h3>Leaders of the Soviet Union</h3>{_links(SIDEBAR, "/wiki/")}</div>
</div>
<div id="catlinks">Categories: 1878 births | 1953 deaths | General Secretaries | Soviet politicians</div>
</main>
<footer id="footer"><p>{FOOTER}</p></footer>
<script>(function(){{var s=document.createElement('script');s.src='/load.js';document.body.appendChild(s)}})();</script>
</body></html>"""


def magazine_page(text: str) -> str:
    """A long-read magazine article: one section of the article, with teasers and comments."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Purges and deportations")
    end = next(i for i, line in enumerate(lines) if line.strip() == "Collectivization")
    teasers = "".join(
        f'<article class="teaser"><a href="/story/{n}"><h3>{html.escape(t)}</h3></a>'
        f"<p>{html.escape(s)}</p></article>"
        for n, (t, s) in enumerate(
            [
                (
                    "The archive that changed how we see 1937",
                    "Newly opened files tell a grimmer story.",
                ),
                (
                    "Ten books to understand the Soviet century",
                    "Our critics pick the essential reading.",
                ),
                ("Why Khrushchev's secret speech still matters", "Sixty years on, a reckoning."),
                ("Podcast: the show trials, episode 4", "Listen now on all platforms."),
            ]
        )
    )
    comments = "".join(
        f'<div class="comment"><b>{u}</b> <time>2 days ago</time><p>{html.escape(c)}</p>'
        "<button>Reply</button> <button>Like</button></div>"
        for u, c in [
            (
                "reader_1984",
                "Great piece, my grandfather lived through this and never spoke of it.",
            ),
            ("histbuff", "You forgot to mention the role of the regional quotas, which were key."),
            ("anon", "Subscribe to read more? No thanks."),
        ]
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>The Terror, Revisited | History Monthly</title>
<meta property="og:title" content="The Terror, Revisited"></head><body>
<div class="paywall-banner">You have 2 free articles left this month. Subscribe for unlimited access.</div>
<header><nav>{_links(["World", "Politics", "History", "Culture", "Books", "Podcasts", "Newsletters", "Subscribe", "Sign in"], "/section/")}</nav></header>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a> <a href="#">Print</a></div>
<article><h1>The Terror, Revisited</h1><p class="byline">By A. Historian · 12 min read · Updated March 3, 2025</p>
<blockquote class="pullquote">"Nobody was safe, not even the executioners."</blockquote>
{_article_html(lines[start:end], _inline_promo)}
</article>
<aside class="newsletter"><h2>Get the History Monthly newsletter</h2><p>The best of our long reads, every Friday, free.</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form></aside>
<section class="related"><h2>More from History Monthly</h2>{teasers}</section>
<section id="comments"><h2>Comments (3)</h2>{comments}</section>
<footer><p>© 2025 History Monthly Ltd. All rights reserved. About us · Careers · Advertise · Contact · Terms · Privacy · Cookie settings</p></footer>
</body></html>"""


def film_page(text: str) -> str:
    """The film synopsis inside a film-database page."""
    body = _article_html(text.splitlines())
    cast = _links(
        ["Robert Duvall", "Julia Ormond", "Maximilian Schell", "Jeroen Krabbé", "Joan Plowright"],
        "/name/",
    )
    more = _links(
        [
            "Citizen X",
            "Rasputin",
            "Stalingrad",
            "Enemy at the Gates",
            "Child 44",
            "The Death of Stalin",
        ],
        "/title/",
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Stalin (TV Movie 1992) - Plot - FilmBase</title>
<script type="application/ld+json">{{"@type":"Movie","name":"Stalin"}}</script></head><body>
<div class="ad" id="top-ad">Advertisement · Stream the best dramas now with FilmBase Plus. Free trial.</div>
<header><a href="/">FilmBase</a><nav>{_links(["Menu", "Movies", "TV Shows", "Watch", "Awards & Events", "Celebs", "Community", "Watchlist", "Sign In", "Use app"], "/")}</nav></header>
<main><div class="subnav"><a href="/title/tt0105456/">Stalin (1992)</a> · Plot</div>
<h1>Stalin</h1><section class="plot">
{body}
</section>
<aside><h2>Top cast</h2>{cast}<h2>More like this</h2>{more}</aside>
<div class="contribute"><h3>Contribute to this page</h3><p>Suggest an edit or add missing content</p><a href="/help">Learn more about contributing</a><button>Edit page</button></div>
</main>
<footer><p>Get the FilmBase app · Help · Site Index · FilmBase Pro · Box Office Mojo · License FilmBase Data · Press Room · Advertising · Jobs · Conditions of Use · Privacy Policy · Your Ads Privacy Choices. © 1990-2025 by FilmBase.com, Inc.</p></footer>
</body></html>"""


def pages() -> dict[str, tuple[str, str]]:
    """name -> (HTML, the article text a perfect extractor would keep)."""
    encyclopedia = (DATA / "encyclopedia-joseph-stalin.txt").read_text(encoding="utf-8")
    film = (DATA / "film-synopsis-stalin.txt").read_text(encoding="utf-8")
    lines = encyclopedia.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Purges and deportations")
    end = next(i for i, line in enumerate(lines) if line.strip() == "Collectivization")
    return {
        "encyclopedia": (encyclopedia_page(encyclopedia), _gold(encyclopedia)),
        "magazine": (magazine_page(encyclopedia), _gold("\n".join(lines[start:end]))),
        "film database": (film_page(film), _gold(film)),
    }


def _trafilatura() -> Callable[[str], str]:
    import trafilatura

    return lambda page: trafilatura.extract(page, include_comments=False, favor_recall=True) or ""


def _trafilatura_default() -> Callable[[str], str]:
    import trafilatura

    return lambda page: trafilatura.extract(page, include_comments=False) or ""


def _readability() -> Callable[[str], str]:
    import lxml.html
    from readability import Document

    return lambda page: lxml.html.fromstring(Document(page).summary()).text_content()


def _justext() -> Callable[[str], str]:
    import justext

    stop = justext.get_stoplist("English")

    def run(page: str) -> str:
        paragraphs = justext.justext(page.encode("utf-8"), stop)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _beautifulsoup() -> Callable[[str], str]:
    from bs4 import BeautifulSoup

    def run(page: str) -> str:
        soup = BeautifulSoup(page, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        return soup.get_text("\n")

    return run


EXTRACTORS = {
    "trafilatura (favor_recall)": _trafilatura,
    "trafilatura (default)": _trafilatura_default,
    "readability-lxml": _readability,
    "justext": _justext,
    "BeautifulSoup get_text": _beautifulsoup,
}


def _words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def score(extracted: str, article: str) -> tuple[float, float]:
    """(share of the article's words kept, share of the output's words that are not the article's)."""
    got, want = _words(extracted), _words(article)
    common = sum((got & want).values())
    total = sum(got.values())
    return common / sum(want.values()), (total - common) / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    cases = pages()
    rows = []
    for name, factory in EXTRACTORS.items():
        try:
            extract = factory()
        except ImportError as error:
            rows.append((name, f"not installed ({error.name})"))
            continue
        extract("<html><body><p>warm up</p></body></html>")
        for page_name, (page, article) in cases.items():
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                out = extract(page)
                times.append(time.perf_counter() - started)
            kept, noise = score(out, article)
            rows.append(
                (
                    name,
                    page_name,
                    f"{kept:.1%}",
                    f"{noise:.1%}",
                    f"{statistics.median(times) * 1000:.1f}",
                )
            )
    header = ("extractor", "page", "kept", "noise", "ms")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in [header, *rows]:
            print(
                "  ".join(f"{cell:<26}" if i == 0 else f"{cell:>14}" for i, cell in enumerate(row))
            )


if __name__ == "__main__":
    main()
