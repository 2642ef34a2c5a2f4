"""`dossierlint report`: the site's structure, parsed (not compared to a golden file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project, reference_text, replace_once
from report_collection import PLANTED, dated_items, parse_html, write_collection

from dossierlint.reliability import load_reliability, lookup_reliability, shipped_reliability_path

pytest.importorskip("jinja2", reason="the report needs the [report] extra (Jinja2)")


@pytest.fixture
def site(project: Project) -> tuple[Project, dict[str, Path], Path]:
    files = write_collection(project)
    result = project.run("report", "--out", "site")
    assert result.exit_code == 0, result.stderr
    assert "wrote site/index.html (3 dossiers)" in result.stdout.replace(os.sep, "/")
    return project, files, project.root / "site"


def _rows(index) -> list:
    table = index.by_id("health")
    return table.find_all("tbody")[0].find_all("tr")


def test_index_lists_every_dossier_worst_first_with_working_links(site):
    _, files, out = site
    index = parse_html(out / "index.html")
    rows = _rows(index)
    assert len(rows) == 3
    links = [row.find_all("a")[0].attrs["href"] for row in rows]
    assert sorted(links) == sorted(f"dossiers/{slug}.html" for slug in files)
    for link in links:
        assert (out / link).is_file()
    errors = [int(row.find_all("td")[2].all_text()) for row in rows]
    assert errors == sorted(errors, reverse=True)
    assert errors[0] >= 1  # the planted impossible date is an error
    assert "soviet-union-stalin" in links[0]
    headers = [th.all_text().strip() for th in index.by_id("health").find_all("th")]
    assert {"Dossier", "Regime", "Errors", "Tertiary", "Confidence", "Grounding"} <= set(headers)
    grounding = headers.index("Grounding")
    assert {row.find_all("td")[grounding].all_text() for row in rows} == {"—"}


def test_index_summary_and_link_graph_mark_missing_back_links(site):
    _, _, out = site
    index = parse_html(out / "index.html")
    summary = {
        li.all_text().replace(li.find_all("b")[0].all_text(), "", 1): li.find_all("b")[0].all_text()
        for li in index.find_all("ul", "summary")[0].find_all("li")
    }
    assert summary["dossiers"] == "3"
    assert summary["missing back-links"] == "2"  # stalin -> mao, mao -> hitler
    graph = index.find_all("svg", "graph")[0]
    assert len(graph.find_all("circle")) == 3
    kinds = sorted(line.attrs["class"] for line in graph.find_all("line"))
    assert kinds == ["mutual", "mutual", "one-way", "one-way"]
    listed = {li.all_text() for li in index.by_id("links").find_all("li", "one-way")}
    assert listed == {
        "soviet-union-stalin → china-mao: no link back",
        "china-mao → germany-hitler: no link back",
    }


def test_timeline_has_one_mark_per_dated_item_each_linked_to_its_line(site):
    project, files, out = site
    for slug, path in files.items():
        page = parse_html(out / "dossiers" / f"{slug}.html")
        timeline = page.by_id("timeline")
        marks = timeline.find_all("a", "ev")
        assert len(marks) == dated_items(project, path) > 50
        assert timeline.find_all("title")[0].all_text().startswith("Timeline of")
        assert timeline.find_all("desc")
        for mark in marks:
            target = mark.attrs["href"].removeprefix("#")
            assert page.by_id(target) is not None, mark.attrs["href"]
            assert mark.find_all("title")[0].all_text()
        # The same events as a table, for screen readers and print.
        assert len(page.by_id("events").find_all("tbody")[0].find_all("tr")) == len(marks)


def test_planted_impossible_date_is_marked_with_its_message(site):
    _, _, out = site
    page = parse_html(out / "dossiers" / "soviet-union-stalin.html")
    flagged = [m for m in page.by_id("timeline").find_all("a", "ev") if "sev-error" in m.classes]
    planted = [m for m in flagged if PLANTED in m.all_text()]
    assert len(planted) == 1
    assert "p-impossible" in planted[0].classes
    title = planted[0].find_all("title")[0].all_text()
    assert "DL401 error:" in title and "February" in title
    line = planted[0].attrs["href"].removeprefix("#")
    assert PLANTED in page.by_id(line).all_text()
    assert "flagged" in page.by_id(line).classes
    findings = page.find_all("ol", "findings")[0].all_text()
    assert "DL401" in findings


def test_leaders_lives_regime_and_uncertain_end(site):
    _, _, out = site
    page = parse_html(out / "dossiers" / "china-mao.html")
    lives = page.by_id("timeline").find_all("g", "life")
    assert [life.find_all("title")[0].all_text() for life in lives] == ["Mao Zedong (1893–)"]
    assert lives[0].find_all("line", "uncertain")  # no death year: drawn fading out
    assert page.by_id("timeline").find_all("rect", "regime")
    stalin = parse_html(out / "dossiers" / "soviet-union-stalin.html")
    assert not stalin.by_id("timeline").find_all("line", "uncertain")


def test_sources_show_reliability_and_the_confidence_level(site):
    _, _, out = site
    page = parse_html(out / "dossiers" / "germany-hitler.html")
    assert "Overall: High" in page.all_text()
    table = load_reliability(shipped_reliability_path())
    rows = page.by_id("sources").find_all("tbody")[0].find_all("tr")
    assert len(rows) == 9
    for row in rows:
        url = row.find_all("a")[0].attrs["href"]
        entry = lookup_reliability(url, table)
        status = next(
            s for s in row.find_all("span") if s.attrs.get("class", "").startswith("status-")
        )
        assert status.all_text() == (entry.status if entry else "unlisted")


def test_dossier_text_is_escaped_and_nothing_is_fetched(project: Project):
    hostile = '<script>alert("x")</script><img src="https://example.org/x.png">'
    text = replace_once(
        reference_text(), "- **Vyacheslav Molotov** — Foreign Minister", f"- **M** — {hostile}"
    )
    project.write("soviet-union-stalin.md", text)
    assert project.run("report", "--out", "site").exit_code == 0
    for page in (project.root / "site").rglob("*.html"):
        tree = parse_html(page)
        assert len(tree.find_all("script")) == 1
        assert not tree.find_all("img") and not tree.find_all("link")
        assert not [e for e in tree.iter() if "src" in e.attrs]
    page = parse_html(project.root / "site" / "dossiers" / "soviet-union-stalin.html")
    assert hostile in page.all_text()  # shown as text


def test_refuses_a_folder_it_did_not_make_unless_forced(project: Project):
    write_collection(project)
    out = project.root / "notes"
    out.mkdir()
    (out / "todo.txt").write_text("mine")
    result = project.run("report", "--out", "notes")
    assert result.exit_code == 2
    assert "notes: folder is not empty and was not written by 'dossierlint report'" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["todo.txt"]
    assert project.run("report", "--out", "notes", "--force").exit_code == 0
    assert (out / "todo.txt").read_text() == "mine"
    assert (out / "index.html").is_file()


def test_rerun_replaces_its_own_pages_and_drops_stale_ones(project: Project):
    files = write_collection(project)
    assert project.run("report", "--out", "site").exit_code == 0
    files["china-mao"].unlink()
    result = project.run("report", "--out", "site")
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.name for p in (project.root / "site" / "dossiers").iterdir())
    assert pages == ["germany-hitler.html", "soviet-union-stalin.html"]


def test_never_writes_through_a_symbolic_link(project: Project, tmp_path_factory):
    write_collection(project)
    outside = tmp_path_factory.mktemp("outside")
    out = project.root / "site"
    out.mkdir()
    (out / ".dossierlint-report").write_text("")
    (out / "dossiers").symlink_to(outside, target_is_directory=True)
    result = project.run("report", "--out", "site")
    assert result.exit_code == 2
    assert "is a symbolic link; not writing through it" in result.stderr
    assert list(outside.iterdir()) == []


def test_never_replaces_a_linked_page_file(project: Project, tmp_path_factory):
    write_collection(project)
    outside = tmp_path_factory.mktemp("outside") / "keep.html"
    outside.write_text("keep")
    out = project.root / "site"
    assert project.run("report", "--out", "site").exit_code == 0
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(outside)
    result = project.run("report", "--out", "site")
    assert result.exit_code == 2
    assert "index.html: is a symbolic link; not writing through it" in result.stderr
    assert outside.read_text() == "keep"


def test_unreadable_dossier_is_named_and_the_rest_reported(project: Project):
    write_collection(project)
    project.write("broken.md", b"\xff\xfe# not utf-8 \x00")
    (project.dossiers / "fifo.md").unlink(missing_ok=True)
    os.mkfifo(project.dossiers / "fifo.md")
    result = project.run("report", "--out", "site")
    assert result.exit_code == 2
    assert "fifo.md: is a FIFO (named pipe), not a dossier" in result.stderr
    assert len(_rows(parse_html(project.root / "site" / "index.html"))) == 4


def test_open_without_a_desktop_says_where_the_report_is(project: Project, monkeypatch):
    write_collection(project)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    result = project.run("report", "--out", "site", "--open")
    assert result.exit_code == 0
    index = (project.root / "site" / "index.html").resolve()
    assert f"no desktop to open a browser on; open {index.as_uri()}" in result.stderr


def test_without_jinja2_the_command_says_what_to_install(project: Project):
    write_collection(project)
    hide_jinja = (
        "import sys; sys.modules['jinja2'] = None; from dossierlint.main import main; "
        "sys.argv = ['dossierlint', 'report', '--out', 'site']; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide_jinja], cwd=project.root, capture_output=True, text=True
    )
    assert result.returncode == 2
    expected = "dossierlint: error: the report needs Jinja2: pip install 'dossierlint[report]'"
    assert result.stderr.strip() == expected
    assert not (project.root / "site").exists()
