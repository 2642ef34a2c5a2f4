"""Turn the gathered dossiers into HTML with Jinja2 (autoescaping on: dossier text is untrusted).

Jinja2 is the optional extra `dossierlint[report]`; importing this module
without it is a usage error that says how to install it.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import statistics
from importlib import resources

from dossierlint.errors import UsageError
from dossierlint.htmlreport.collect import DossierData, IndexRow
from dossierlint.htmlreport.graph import Graph, build_graph
from dossierlint.htmlreport.timeline import layout

try:
    import jinja2
    from markupsafe import Markup, escape
except ImportError:  # pragma: no cover - depends on the installed extras
    raise UsageError("the report needs Jinja2: pip install 'dossierlint[report]'") from None

_PACKAGE = "dossierlint.htmlreport"


def _static(name: str) -> str:
    return resources.files(_PACKAGE).joinpath("static", name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def listing(data: DossierData) -> Markup:
    """The dossier's text, each line escaped and anchored (`#L12`), lines with findings marked.

    Built here rather than in a template loop: it is the bulk of every page
    (BENCHMARKS.md, "Report")."""
    flagged = {finding.line for finding in data.findings}
    parts = []
    for number, line in enumerate(data.lines, 1):
        css = ' class="flagged"' if number in flagged else ""
        parts.append(
            f'<span id="L{number}"{css}><a class="ln" href="#L{number}">{number}</a>'
            f"{escape(line)}</span>\n"
        )
    return Markup("".join(parts))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Renderer:
    """The two page templates, loaded once per run."""

    def __init__(self) -> None:
        environment = jinja2.Environment(
            loader=jinja2.PackageLoader(_PACKAGE, "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        environment.filters["percent"] = _percent
        environment.filters["counted"] = _counted
        self._index = environment.get_template("index.html.j2")
        self._dossier = environment.get_template("dossier.html.j2")
        script = _static("report.js")
        environment.globals.update(
            css=Markup(_static("report.css")), script=Markup(script), script_hash=_csp_hash(script)
        )

    def dossier_page(self, data: DossierData, today: datetime.date) -> bytes:
        timeline = layout(data, today)
        html = self._dossier.render(
            d=data,
            tl=timeline,
            listing=listing(data),
        )
        return html.encode("utf-8")

    def index_page(self, datas: list[IndexRow], today: datetime.date) -> bytes:
        rows = sorted(datas, key=_worst_first)
        graph = build_graph({data.slug: data.links for data in datas})
        pages = {data.slug: data.page for data in datas}
        html = self._index.render(
            rows=rows,
            graph=graph,
            pages=pages,
            summary=_summary(datas, graph),
            today=today,
        )
        return html.encode("utf-8")


def _worst_first(data: IndexRow) -> tuple:
    return (-data.count("error"), -data.count("warning"), -data.count("info"), data.title)


def _summary(datas: list[IndexRow], graph: Graph) -> list[tuple[str, str]]:
    """The figures at the top of the index, as (label, value)."""
    shares = [d.tertiary_share for d in datas if d.tertiary_share is not None]
    sources = [d.sources for d in datas]
    return [
        ("dossiers", str(len(datas))),
        ("with errors", str(sum(1 for d in datas if d.count("error")))),
        ("errors", str(sum(d.count("error") for d in datas))),
        ("warnings", str(sum(d.count("warning") for d in datas))),
        ("infos", str(sum(d.count("info") for d in datas))),
        ("dated events", str(sum(d.events for d in datas))),
        ("median sources", str(round(statistics.median(sources))) if sources else "—"),
        ("median tertiary share", _percent(statistics.median(shares)) if shares else "—"),
        ("comparison links", str(len(graph.links))),
        ("missing back-links", str(graph.count("one-way"))),
        ("links to absent dossiers", str(graph.count("absent"))),
    ]
