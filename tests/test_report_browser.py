"""The report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Playwright runs the system's Chromium (`executable_path`), so nothing is
downloaded (`playwright install` is never needed). Skipped, with the reason,
when Playwright or Chromium is absent. `DOSSIERLINT_CHROMIUM` names another
Chromium binary than the `chromium` on PATH. Screenshots of both pages are saved to
tests/artifacts/ (ignored by git); README's images are copies of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, Project
from report_collection import PLANTED, dated_items, write_collection

pytest.importorskip("jinja2", reason="the report needs the [report] extra (Jinja2)")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)

CHROMIUM = os.environ.get("DOSSIERLINT_CHROMIUM") or shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install -y chromium)", allow_module_level=True
    )
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, page errors and failed or outside requests are kept."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("file:", "data:"))
                else self.problems.append(f"outside request: {r.url}")
            ),
        )

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def screenshot(self, name: str, *, full_page: bool = False) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


@pytest.fixture
def site(project: Project):
    files = write_collection(project)
    result = project.run("report", "--out", "site")
    assert result.exit_code == 0, result.stderr
    return project, files, project.root / "site"


def _titles(page) -> list[str]:
    return page.locator("#health tbody tr:not([hidden]) td:first-child a").all_inner_texts()


def test_index_sorts_filters_and_loads_cleanly(browser, site):
    _, _, out = site
    watched = Watched(browser)
    watched.open(out / "index.html")
    page = watched.page
    first = _titles(page)
    assert len(first) == 3 and first[0] == "The Soviet Union Under Joseph Stalin"  # worst first
    watched.screenshot("report-index.png", full_page=True)
    page.get_by_role("button", name="Dossier", exact=True).click()
    ascending = _titles(page)
    assert ascending == sorted(first, key=str.lower)
    assert page.locator("#health th[aria-sort]").get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="Dossier", exact=True).click()
    assert _titles(page) == ascending[::-1]
    page.get_by_role("button", name="Warnings").click()  # figures: largest first
    warnings = [int(n) for n in page.locator("#health tbody td:nth-child(4)").all_inner_texts()]
    assert warnings == sorted(warnings, reverse=True) and warnings[0] > warnings[-1]
    page.get_by_role("button", name="Warnings").click()
    warnings = [int(n) for n in page.locator("#health tbody td:nth-child(4)").all_inner_texts()]
    assert warnings == sorted(warnings)
    page.get_by_label("Filter rows").fill("mao")
    assert _titles(page) == ["China Under Mao Zedong"]
    assert page.locator("#health-pager [data-status]").inner_text() == "Rows 1–1 of 1"
    assert watched.problems == []


def test_dossier_timeline_marks_every_dated_event_and_the_planted_date(browser, site):
    project, files, out = site
    watched = Watched(browser)
    watched.open(out / "dossiers" / "soviet-union-stalin.html")
    page = watched.page
    marks = page.locator("#timeline a.ev")
    assert marks.count() == dated_items(project, files["soviet-union-stalin"])
    planted = page.locator("#timeline a.ev.sev-error", has_text=PLANTED)
    assert planted.count() == 1
    assert "DL401 error:" in planted.locator("title").text_content()
    # Keyboard: the mark takes focus and its message shows beside it.
    planted.focus()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "DL401 error:" in tip.inner_text() and PLANTED in tip.inner_text()
    watched.screenshot("report-timeline.png")
    # One click away: the line it was found on.
    planted.click()
    line = page.locator(":target")
    assert PLANTED in line.inner_text()
    assert watched.problems == []
