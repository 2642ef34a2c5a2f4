"""Source snapshots: the store format and reader, and the `dossierlint sources` commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from conftest import Project

from dossierlint import __version__
from dossierlint.config import load_config
from dossierlint.grammar.urls import normalise_url
from dossierlint.snapshots.store import (
    MAX_TEXT_BYTES,
    read_store,
    save_snapshot,
    snapshot_name,
    stamps,
)

DATA = Path(__file__).parent / "data" / "sources"
ENCYCLOPEDIA = DATA / "encyclopedia-joseph-stalin.txt"
STALIN_URL = "https://www.britannica.com/biography/Joseph-Stalin"


def _save(folder: Path, url: str = STALIN_URL, text: str = "Stalin died in 1953.\n") -> Path:
    text_path, _ = save_snapshot(
        folder,
        url,
        text,
        text.encode(),
        content_type="text/plain",
        extractor="plain",
        retrieved=date(2026, 1, 5),
    )
    return text_path


# -- the store format and its reader ------------------------------------------------------


def test_saved_snapshot_reads_back_keyed_by_normalised_url(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder, "http://www.britannica.com/biography/Joseph-Stalin/")
    store = read_store(folder, tmp_path)
    assert store.problems == []
    snapshot = store.snapshots[normalise_url(STALIN_URL)]
    assert snapshot.text == "Stalin died in 1953.\n"
    assert snapshot.text_path == text_path
    assert snapshot.meta_path == text_path.with_suffix(".json")
    assert snapshot.retrieved == date(2026, 1, 5)
    assert snapshot.content_type == "text/plain"
    assert snapshot.original_size == len(b"Stalin died in 1953.\n")
    meta = json.loads(snapshot.meta_path.read_text())
    assert meta["normalised_url"] == "https://britannica.com/biography/Joseph-Stalin"
    assert len(meta["sha256"]) == 64


def test_a_missing_folder_is_an_empty_store(tmp_path: Path) -> None:
    store = read_store(tmp_path / "sources", tmp_path)
    assert store.snapshots == {} and store.problems == []


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (b"{not json", "metadata is not valid JSON"),
        (b"\xff\xfe", "metadata is not UTF-8"),
        (b"[1, 2]", "metadata is not a JSON object"),
        (b'{"url": "no host"}', "metadata has no 'url' with a host"),
        (b"[" * 30_000 + b"]" * 30_000, "metadata is not valid JSON (nested too deeply)"),
        (b'{"url": "https://x.org/a", "format": 9}', "this dossierlint reads format 1"),
    ],
)
def test_malformed_metadata_is_skipped_with_a_reason(
    tmp_path: Path, meta: bytes, reason: str
) -> None:
    folder = tmp_path / "sources"
    _save(folder, "https://example.org/good")
    (folder / "bad.json").write_bytes(meta)
    (folder / "bad.txt").write_text("text")
    store = read_store(folder, tmp_path)
    assert list(store.snapshots) == ["https://example.org/good"]
    [problem] = store.problems
    assert problem.path.name == "bad.json"
    assert reason in problem.reason


def test_bad_text_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    missing = _save(folder, "https://example.org/missing")
    missing.unlink()
    not_utf8 = _save(folder, "https://example.org/latin1")
    not_utf8.write_bytes(b"caf\xe9")
    huge = _save(folder, "https://example.org/huge")
    huge.write_bytes(b"a" * (MAX_TEXT_BYTES + 1))
    reasons = {p.path.name: p.reason for p in read_store(folder, tmp_path).problems}
    assert reasons == {
        missing.name: "is missing",
        not_utf8.name: "text is not UTF-8",
        huge.name: "is larger than 4096 KiB; not read",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder)
    text_path.unlink()
    os.mkfifo(text_path)
    os.mkfifo(folder / "pipe.json")
    reasons = sorted(p.reason for p in read_store(folder, tmp_path).problems)
    assert reasons == ["is a FIFO (named pipe); not read"] * 2


def test_symbolic_links_out_of_the_project_are_not_followed(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    folder = project / "sources"
    text_path = _save(folder)
    _save(outside, "https://example.org/secret", "secret text")
    text_path.unlink()
    text_path.symlink_to(next(outside.glob("*.txt")))
    [problem] = read_store(folder, project).problems
    assert problem.reason == "is a symbolic link out of the project; not read"
    # a link inside the project is followed
    text_path.unlink()
    (project / "kept.txt").write_text("inside")
    text_path.symlink_to(project / "kept.txt")
    [snapshot] = read_store(folder, project).snapshots.values()
    assert snapshot.text == "inside"
    # the whole folder a link out of the project
    (project / "linked").symlink_to(outside, target_is_directory=True)
    store = read_store(project / "linked", project)
    assert store.snapshots == {}
    assert store.problems[0].reason == "is a symbolic link out of the project; not used"


def test_two_snapshots_of_one_page_keep_the_first(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    first = _save(folder, "https://example.org/page")
    for suffix in (".txt", ".json"):
        copy = folder / f"zz-copy{suffix}"
        copy.write_bytes(first.with_suffix(suffix).read_bytes())
    store = read_store(folder, tmp_path)
    assert [s.name for s in store.snapshots.values()] == [first.stem]
    assert store.problems[0].path.name == "zz-copy.json"
    assert "same URL as" in store.problems[0].reason


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (STALIN_URL, "britannica.com-biography-joseph-stalin-cf036be57c"),
        (
            "https://britannica.com/biography/Joseph-Stalin/",
            "britannica.com-biography-joseph-stalin-cf036be57c",
        ),
        ("https://con.example.com/aux", "_con.example.com-aux-"),
        ("https://пример.рф/статья", "xn--e1afmkfd.xn--p1ai-"),
        ("https://example.org/" + "a/" * 300, "example.org-a-a-a-"),
    ],
)
def test_names_are_safe_bounded_and_stable(url: str, name: str) -> None:
    made = snapshot_name(url)
    assert made.startswith(name)
    assert len(made) <= 80
    assert made.isascii() and all(c.isalnum() or c in "._-" for c in made)


def test_different_pages_never_share_a_name() -> None:
    urls = [f"https://example.org/{'x' * 200}{n}" for n in range(500)]
    assert len({snapshot_name(url) for url in urls}) == 500


def test_stamps_change_when_a_snapshot_changes(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    text_path = _save(folder)
    before = stamps(folder)
    assert [name for name, _, _ in before] == [text_path.stem + ".json", text_path.name]
    text_path.write_text("Stalin died on 5 March 1953.\n")
    assert stamps(folder) != before
    assert stamps(tmp_path / "nowhere") == []


def test_sources_folder_and_max_age_are_configurable(project: Project) -> None:
    config = load_config(project.root)
    assert config.sources == project.root / "sources"
    assert config.sources_max_age_days == 365
    (project.root / "pyproject.toml").write_text(
        '[tool.dossierlint]\nsources = "research/saved"\nsources-max-age-days = 30\n'
    )
    config = load_config(project.root)
    assert config.sources == project.root / "research" / "saved"
    assert config.sources_max_age_days == 30


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('sources = ""', "sources must be a non-empty string"),
        ("sources = 3", "sources must be a non-empty string"),
        ("sources-max-age-days = 0", "sources-max-age-days must be a whole number of days"),
        ('sources-max-age-days = "year"', "sources-max-age-days must be a whole number"),
    ],
)
def test_bad_sources_settings_are_one_line_and_exit_2(
    project: Project, setting: str, message: str
) -> None:
    (project.root / "pyproject.toml").write_text(f"[tool.dossierlint]\n{setting}\n")
    project.write_reference()
    result = project.run("check")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


# -- dossierlint sources add ----------------------------------------------------------------

ARTICLE = (
    "Nikolai Yezhov headed the NKVD from 1936 to 1938. He was arrested in April 1939 "
    "and shot in February 1940, after the purges he had run."
)
BOILERPLATE = "Subscribe to our newsletter for the best of history every Friday"


def article_page(paragraphs: list[str]) -> str:
    """A page as a browser saves it: menus, a cookie banner and a footer around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    menu = "".join(
        f'<li><a href="/{n}">{n}</a></li>' for n in ("Home", "World", "History", "Login")
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Yezhov | History</title>
<script>var tracking = "{BOILERPLATE}";</script></head><body>
<div class="cookies">We use cookies. Accept all cookies. Manage preferences.</div>
<header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>The fall of Yezhov</h1>{body}</article></main>
<aside class="newsletter"><p>{BOILERPLATE}</p><button>Sign up</button></aside>
<footer><p>Copyright 2025 History Media. Terms of use. Privacy policy. Contact us.</p></footer>
</body></html>"""


def _snapshot_files(project: Project) -> list[str]:
    folder = project.root / "sources"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_add_plain_text_stores_text_and_metadata(project: Project) -> None:
    saved = project.root / "stalin.txt"
    saved.write_bytes(ENCYCLOPEDIA.read_bytes())
    result = project.run("sources", "add", STALIN_URL, "stalin.txt", "--retrieved", "2026-01-05")
    assert result.exit_code == 0, result.stderr
    name = "britannica.com-biography-joseph-stalin-cf036be57c"
    assert result.stdout.startswith(f"saved {STALIN_URL}: sources/{name}.txt (")
    assert _snapshot_files(project) == [f"{name}.json", f"{name}.txt"]
    snapshot = read_store(project.root / "sources", project.root).snapshots[
        normalise_url(STALIN_URL)
    ]
    assert snapshot.text.strip() == ENCYCLOPEDIA.read_text(encoding="utf-8").strip()
    assert snapshot.content_type == "text/plain" and snapshot.extractor == "plain"
    assert snapshot.retrieved == date(2026, 1, 5)
    assert snapshot.original_size == ENCYCLOPEDIA.stat().st_size


def test_add_html_keeps_the_article_and_drops_the_boilerplate(project: Project) -> None:
    (project.root / "page.html").write_text(article_page([ARTICLE, "A second paragraph here."]))
    result = project.run("sources", "add", "https://example.org/yezhov", "page.html")
    assert result.exit_code == 0, result.stderr
    assert "trafilatura" in result.stdout
    [snapshot] = read_store(project.root / "sources", project.root).snapshots.values()
    assert ARTICLE in snapshot.text
    for noise in ("Subscribe", "cookies", "Copyright", "Login", "tracking"):
        assert noise not in snapshot.text
    assert snapshot.content_type == "text/html"
    assert snapshot.title == "The fall of Yezhov"  # trafilatura prefers the H1


def test_adding_the_same_page_again_replaces_it_and_says_so(project: Project) -> None:
    (project.root / "one.txt").write_text("First copy.\n")
    (project.root / "two.txt").write_text("Second copy.\n")
    assert project.run("sources", "add", "https://example.org/a", "one.txt").exit_code == 0
    result = project.run("sources", "add", "http://www.example.org/a/", "two.txt")
    assert result.exit_code == 0
    assert result.stdout.startswith("replaced the snapshot of http://www.example.org/a/:")
    [snapshot] = read_store(project.root / "sources", project.root).snapshots.values()
    assert snapshot.text == "Second copy.\n"
    assert len(_snapshot_files(project)) == 2


def test_the_configured_folder_is_used(project: Project) -> None:
    (project.root / "pyproject.toml").write_text('[tool.dossierlint]\nsources = "saved/pages"\n')
    (project.root / "a.txt").write_text("Some text.\n")
    result = project.run("sources", "add", "https://example.org/a", "a.txt")
    assert result.exit_code == 0
    assert "saved/pages/example.org-a-" in result.stdout
    assert len(list((project.root / "saved" / "pages").glob("*.txt"))) == 1


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "page: is empty"),
        (b"  \n\n", "page: is empty"),
        (PNG, "page: is a PNG image, not an HTML page or text"),
        (bytes(range(256)) * 64, "page: is binary data, not an HTML page or text"),
        (b"%PDF-1.7\n%\xe2\xe3", "page: is a PDF document; PDF is not read"),
        (b"caf\xe9 au lait\n", "page: is not UTF-8 text (byte 0xe9 at offset 3)"),
        (
            b"<!DOCTYPE html><html><head><title>T</title></head><body></body></html>",
            "page: is HTML without any main text to keep",
        ),
    ],
)
def test_add_refuses_a_file_that_is_no_page(project: Project, content: bytes, message: str) -> None:
    (project.root / "page").write_bytes(content)
    result = project.run("sources", "add", "https://example.org/a", "page")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dossierlint: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert _snapshot_files(project) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("https://example.org/a", "nowhere.txt"), "nowhere.txt: no such file"),
        (("https://example.org/a", "folder"), "folder: is a directory, not a saved page"),
        (("https://example.org/a", "huge.txt"), "huge.txt: is larger than 20 MiB"),
        (("ftp://example.org/a", "ok.txt"), "ftp://example.org/a: scheme 'ftp:' is not allowed"),
        (("example.org/a", "ok.txt"), "example.org/a: no scheme"),
        (("https://localhost/a", "ok.txt"), "host 'localhost' is not a public site"),
    ],
)
def test_add_bad_arguments_are_one_line_and_exit_2(
    project: Project, args: tuple[str, str], message: str
) -> None:
    (project.root / "folder").mkdir()
    (project.root / "ok.txt").write_text("Text.\n")
    with open(project.root / "huge.txt", "wb") as huge:  # sparse: no 20 MiB actually written
        huge.truncate(20 * 1024 * 1024 + 1)
    result = project.run("sources", "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert _snapshot_files(project) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_add_refuses_a_fifo_without_hanging(project: Project) -> None:
    os.mkfifo(project.root / "pipe")
    result = project.run("sources", "add", "https://example.org/a", "pipe")
    assert result.exit_code == 2
    assert "pipe: is not a regular file" in result.stderr


def test_add_rejects_a_bad_retrieved_date(project: Project) -> None:
    (project.root / "ok.txt").write_text("Text.\n")
    result = project.run(
        "sources", "add", "https://example.org/a", "ok.txt", "--retrieved", "2026-02-30"
    )
    assert result.exit_code == 2
    assert "'2026-02-30' is not a date (YYYY-MM-DD)" in result.stderr


WITHOUT = "import sys; sys.modules[{name!r}] = None; from dossierlint.main import main; main()"


def _run_without(module: str, project: Project, *args: str) -> subprocess.CompletedProcess:
    """The real CLI in a fresh process where `module` cannot be imported (not installed)."""
    code = WITHOUT.format(name=module)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_trafilatura_html_says_what_to_install_and_text_still_works(
    project: Project,
) -> None:
    (project.root / "page.html").write_text(article_page([ARTICLE]))
    (project.root / "page.txt").write_text(ARTICLE + "\n")
    html_run = _run_without(
        "trafilatura", project, "sources", "add", "https://x.org/a", "page.html"
    )
    assert html_run.returncode == 2
    assert html_run.stderr.strip() == (
        "dossierlint: error: page.html: is HTML, and extracting its main text needs "
        "trafilatura: pip install 'dossierlint[sources]'"
    )
    text_run = _run_without("trafilatura", project, "sources", "add", "https://x.org/a", "page.txt")
    assert text_run.returncode == 0, text_run.stderr
    assert text_run.stdout.startswith("saved https://x.org/a:")


def test_without_httpx_fetch_says_what_to_install(project: Project) -> None:
    project.write("d.md", dossier_citing(["https://example.org/a"]))
    result = _run_without("httpx", project, "sources", "fetch")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "dossierlint: error: sources fetch needs httpx: pip install 'dossierlint[sources]'"
    )


def dossier_citing(urls: list[str]) -> str:
    bullets = "".join(
        f"- [Page {n}]({url}) | type: secondary | accessed: 2026-01-01\n"
        for n, url in enumerate(urls)
    )
    return f"# A Test Dossier\n\n## Sources\n\n{bullets}"


# -- dossierlint sources fetch, against a real HTTP server on 127.0.0.1 ----------------------


class _Pages(BaseHTTPRequestHandler):
    """The local site: each path is one kind of page a cited URL can lead to."""

    stop = threading.Event()
    user_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Pages.user_agents.append(self.headers.get("User-Agent", ""))
        self.path = urlsplit(self.path).path  # absolute when the server acts as a proxy
        route = getattr(self, "page_" + self.path.strip("/").split("/")[0], None)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def page_article(self) -> None:
        self._send(article_page([ARTICLE]).encode(), "text/html; charset=utf-8")

    def page_notes(self) -> None:
        self._send("Notes on Yezhov, 1939.\n".encode("latin-1"), "text/plain; charset=latin-1")

    def page_slow(self) -> None:
        _Pages.stop.wait(5)  # ended at once when the test finishes
        self._send(b"too late", "text/plain")

    def page_loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_chain(self) -> None:
        step = int(self.path.rsplit("/", 1)[-1] or 0) if self.path.count("/") > 1 else 0
        self.send_response(301)
        self.send_header("Location", f"/chain/{step + 1}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_redirected(self) -> None:
        self.send_response(301)
        self.send_header("Location", "/article")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_to_private(self) -> None:
        self.send_response(302)
        self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/article")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_huge(self) -> None:  # no Content-Length: the size is only known by reading
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"a" * 1024 * 1024
        for _ in range(21):
            self.wfile.write(chunk)

    def page_declared(self) -> None:  # refused from its header, before any byte of the body
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()

    def page_image(self) -> None:
        self._send(PNG, "image/png")

    def page_archive(self) -> None:
        self._send(bytes(range(256)) * 8, "application/octet-stream")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local HTTP server in a thread; yields its base URL."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    _Pages.stop.clear()
    _Pages.user_agents.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Pages.stop.set()
        server.shutdown()
        server.server_close()


def _fetch_lines(project: Project, *args: str) -> tuple[int, dict[str, str]]:
    result = project.run("sources", "fetch", "--allow-private", "--timeout", "0.5", *args)
    assert result.stderr == ""
    outcomes = {}
    for line in result.stdout.splitlines():
        outcome, _, rest = line.partition(": ")
        url, _, detail = rest.partition(": ")
        outcomes[url] = f"{outcome}: {detail}"
    return result.exit_code, outcomes


def test_fetch_saves_pages_and_reports_each_failure(project: Project, site: str) -> None:
    paths = ["article", "notes", "missing", "slow", "loop", "chain", "huge", "declared", "image"]
    paths += ["archive", "redirected"]
    project.write("d.md", dossier_citing([f"{site}/{p}" for p in paths]))
    code, outcomes = _fetch_lines(project)
    assert code == 1
    assert outcomes[f"{site}/article"].startswith("saved: sources/127.0.0.1-article-")
    assert outcomes[f"{site}/notes"].startswith("saved: sources/127.0.0.1-notes-")
    assert outcomes[f"{site}/missing"] == "failed: HTTP 404 Not Found"
    assert outcomes[f"{site}/slow"] == "failed: timed out (no answer within 0.5 s)"
    assert outcomes[f"{site}/loop"] == f"failed: redirect loop (back to {site}/loop)"
    assert outcomes[f"{site}/chain"] == "failed: more than 5 redirects"
    assert outcomes[f"{site}/huge"] == "failed: page is larger than 20 MiB"
    assert outcomes[f"{site}/declared"] == "failed: page is larger than 20 MiB"
    assert outcomes[f"{site}/image"] == "failed: is a PNG image, not an HTML page or text"
    assert outcomes[f"{site}/archive"] == "failed: is binary data, not an HTML page or text"
    assert outcomes[f"{site}/redirected"].startswith("saved: sources/127.0.0.1-redirected-")
    snapshots = read_store(project.root / "sources", project.root).snapshots
    assert len(snapshots) == 3
    article = snapshots[normalise_url(f"{site}/article")]
    assert ARTICLE in article.text and BOILERPLATE not in article.text
    assert article.content_type == "text/html" and article.retrieved == date.today()
    assert snapshots[normalise_url(f"{site}/notes")].text == "Notes on Yezhov, 1939.\n"
    # the cited URL is the key, not where it redirected to
    assert ARTICLE in snapshots[normalise_url(f"{site}/redirected")].text
    assert set(_Pages.user_agents) == {
        f"dossierlint/{__version__} (saves the pages a dossier cites; "
        "+https://pypi.org/project/dossierlint/)"
    }


def test_fetch_skips_pages_that_have_a_snapshot(project: Project, site: str) -> None:
    project.write("d.md", dossier_citing([f"{site}/article", f"{site}/notes"]))
    assert _fetch_lines(project, "dossiers/d.md")[0] == 0
    _Pages.user_agents.clear()
    code, outcomes = _fetch_lines(project, "dossiers/d.md")
    assert code == 0
    assert all(o.startswith("skipped: has snapshot sources/127.0.0.1-") for o in outcomes.values())
    assert len(outcomes) == 2
    assert _Pages.user_agents == []  # nothing downloaded again


def test_fetch_refuses_private_addresses_unless_allowed(project: Project, site: str) -> None:
    project.write("d.md", dossier_citing([f"{site}/article"]))
    result = project.run("sources", "fetch")
    assert result.exit_code == 1
    assert result.stdout == (
        f"failed: {site}/article: not a public web address "
        "(host is an IP address, not a domain name)\n"
    )
    assert _Pages.user_agents == []


def test_fetch_never_follows_a_redirect_to_a_private_address(
    project: Project, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public page that redirects to a private address is refused at that hop.

    The local server also acts as the HTTP proxy (httpx honours HTTP_PROXY), so a
    public-looking URL reaches it without any DNS.
    """
    monkeypatch.setenv("HTTP_PROXY", site)
    project.write("d.md", dossier_citing(["http://public.example.org/to_private"]))
    result = project.run("sources", "fetch", "--timeout", "0.5")
    assert result.exit_code == 1
    assert result.stdout == (
        "failed: http://public.example.org/to_private: not a public web address "
        "(host is an IP address, not a domain name)\n"
    )
    assert len(_Pages.user_agents) == 1  # the public page, not the private one


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nowhere.md",), "nowhere.md: no such file or directory"),
        (("--timeout", "0"), "Invalid value for '--timeout'"),
        (("--timeout", "soon"), "Invalid value for '--timeout'"),
    ],
)
def test_fetch_bad_arguments_exit_2(project: Project, args: tuple[str, ...], message: str) -> None:
    project.write("d.md", dossier_citing(["https://example.org/a"]))
    result = project.run("sources", "fetch", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_fetch_without_cited_pages_says_so(project: Project) -> None:
    project.write("d.md", "# A Test Dossier\n\n## Sources\n\n- a book, no link\n")
    result = project.run("sources", "fetch")
    assert result.exit_code == 0
    assert result.stdout == "no cited web pages found\n"


# -- dossierlint sources status ---------------------------------------------------------------


def _status_project(project: Project) -> None:
    """Three cited pages: one fresh snapshot, one stale, one missing; one uncited snapshot."""
    (project.root / "pyproject.toml").write_text("[tool.dossierlint]\nsources-max-age-days = 30\n")
    project.write(
        "a.md",
        dossier_citing([STALIN_URL, "https://example.org/old", "https://example.org/none"]),
    )
    project.write("b.md", dossier_citing(["https://example.org/b-only"]))
    (project.root / "page.txt").write_text("Text.\n")
    today = date.today()
    for url, when in [
        (STALIN_URL, today - timedelta(days=3)),
        ("https://example.org/old", today - timedelta(days=40)),
        ("https://example.org/b-only", today),
        ("https://example.org/nobody", today),
    ]:
        result = project.run("sources", "add", url, "page.txt", "--retrieved", when.isoformat())
        assert result.exit_code == 0, result.stderr
    (project.root / "sources" / "broken.json").write_text("{")


def test_status_text_lists_each_dossier_then_uncited_and_broken_snapshots(
    project: Project,
) -> None:
    _status_project(project)
    result = project.run("sources", "status")
    assert result.exit_code == 0, result.stderr
    today = date.today()
    stalin = f"sources/{snapshot_name(STALIN_URL)}.txt"
    old = f"sources/{snapshot_name('https://example.org/old')}.txt"
    b_only = f"sources/{snapshot_name('https://example.org/b-only')}.txt"
    nobody = f"sources/{snapshot_name('https://example.org/nobody')}.txt"
    assert result.stdout.splitlines() == [
        "dossiers/a.md: 2 of 3 cited pages have a snapshot",
        f"  snapshot  {STALIN_URL}  {stalin} (retrieved {today - timedelta(days=3)})",
        f"  stale     https://example.org/old  {old} "
        f"(retrieved {today - timedelta(days=40)}, 40 days ago > 30)",
        "  missing   https://example.org/none",
        "dossiers/b.md: 1 of 1 cited pages have a snapshot",
        f"  snapshot  https://example.org/b-only  {b_only} (retrieved {today})",
        "snapshots no dossier cites: 1",
        f"  {nobody}  https://example.org/nobody",
        "files left out of sources:",
        "  sources/broken.json: metadata is not valid JSON (Expecting property name "
        "enclosed in double quotes at line 1)",
    ]


def test_status_of_one_dossier_counts_citations_of_the_whole_collection(
    project: Project,
) -> None:
    _status_project(project)
    data = project.run("sources", "status", "dossiers/a.md", "--format", "json").json()
    assert [d["path"] for d in data["dossiers"]] == ["dossiers/a.md"]
    # b-only is cited by b.md, which was not named: it is not reported as uncited
    assert [s["url"] for s in data["uncited"]] == ["https://example.org/nobody"]


def test_status_json_has_the_documented_shape(project: Project) -> None:
    _status_project(project)
    data = project.run("sources", "status", "--format", "json").json()
    assert set(data) == {"folder", "max_age_days", "dossiers", "uncited", "problems"}
    assert data["folder"] == "sources" and data["max_age_days"] == 30
    cited = data["dossiers"][0]["cited"]
    assert [(c["url"], c["line"], c["stale"], c["age_days"]) for c in cited] == [
        (STALIN_URL, 5, False, 3),
        ("https://example.org/old", 6, True, 40),
        ("https://example.org/none", 7, False, None),
    ]
    assert cited[0]["snapshot"] == {
        "name": snapshot_name(STALIN_URL),
        "url": STALIN_URL,
        "text": f"sources/{snapshot_name(STALIN_URL)}.txt",
        "retrieved": (date.today() - timedelta(days=3)).isoformat(),
    }
    assert data["problems"] == [
        {
            "path": "sources/broken.json",
            "reason": "metadata is not valid JSON "
            "(Expecting property name enclosed in double quotes at line 1)",
        }
    ]


def test_status_without_a_snapshot_folder(project: Project) -> None:
    project.write("a.md", dossier_citing(["https://example.org/a"]))
    result = project.run("sources", "status")
    assert result.exit_code == 0
    assert result.stdout == (
        "dossiers/a.md: 0 of 1 cited pages have a snapshot\n  missing   https://example.org/a\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nowhere.md",), "dossierlint: error: nowhere.md: no such file or directory"),
        (("--format", "xml"), "Invalid value for '--format'"),
    ],
)
def test_status_bad_arguments_exit_2(project: Project, args: tuple[str, ...], message: str) -> None:
    project.write("a.md", dossier_citing(["https://example.org/a"]))
    result = project.run("sources", "status", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_status_escapes_control_characters_in_urls(project: Project) -> None:
    project.write("a.md", dossier_citing(["https://example.org/a\x1b[31mred"]))
    result = project.run("sources", "status")
    assert "\x1b" not in result.stdout
    assert "https://example.org/a\\x1b[31mred" in result.stdout


def test_add_refuses_a_snapshot_folder_that_is_a_file_or_leads_out(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (project.root / "ok.txt").write_text("Text.\n")
    (project.root / "sources").write_text("not a folder")
    result = project.run("sources", "add", "https://example.org/a", "ok.txt")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossierlint: error: sources: is not a folder\n",
    )
    (project.root / "sources").unlink()
    outside = tmp_path_factory.mktemp("outside")
    (project.root / "sources").symlink_to(outside, target_is_directory=True)
    result = project.run("sources", "add", "https://example.org/a", "ok.txt")
    assert result.exit_code == 2
    assert "sources: is a symbolic link out of the project; not used" in result.stderr
    assert list(outside.iterdir()) == []


def test_an_html_fragment_saved_as_html_is_extracted_as_html(project: Project) -> None:
    (project.root / "part.html").write_text(f"<article><p>{ARTICLE}</p></article>\n")
    result = project.run("sources", "add", "https://example.org/a", "part.html")
    assert result.exit_code == 0, result.stderr
    [snapshot] = read_store(project.root / "sources", project.root).snapshots.values()
    assert snapshot.text == ARTICLE + "\n"
    assert snapshot.content_type == "text/html"


def test_check_never_imports_the_sources_extra(project: Project) -> None:
    project.write_reference()
    (project.root / "page.txt").write_text(ARTICLE + "\n")
    assert project.run("sources", "add", STALIN_URL, "page.txt").exit_code == 0
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from dossierlint.cli import cli\n"
        "result = CliRunner().invoke(cli, ['check', '--no-cache'])\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print(sorted(m for m in ('trafilatura', 'httpx', 'lxml') if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[]\n"
