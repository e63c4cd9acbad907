"""The explorer in a real browser: ``repertoire serve`` in a subprocess, driven by Chromium.

Playwright drives the system's Chromium (never a browser of its own); the
test is skipped only when that Chromium is not installed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.store import load
from repertoire.store.official import import_official
from tests.test_explorer_sources import write_official_files

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 60

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; "
    "the Makefile's CI target installs it)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``repertoire serve`` on the sample, answering at the returned base URL."""
    db = tmp_path / "store.db"
    load([samples.path()], db)
    # Official files beside the sample: some of its decisions stated again, one otherwise.
    import_official([write_official_files(tmp_path / "official")], db)
    port = _free_port()
    command = [
        sys.executable, "-c", "from repertoire.cli import main; main()",
        "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1",
    ]  # fmt: skip
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"repertoire serve exited with {process.returncode}:\n{log.read()}")
            try:
                with urllib.request.urlopen(base + "/-/repertoire", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"repertoire serve did not answer within {STARTUP_SECONDS}s")
            time.sleep(0.2)
        log.seek(0)
        assert f"{base}/-/repertoire" in log.read()  # the command prints its URL
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_section_to_meeting_to_state(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = tmp_path / "screenshots"
    shots.mkdir()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # Anything not served by the explorer itself would be a dependency on the network.
            outside: list[str] = []
            page.on(
                "request",
                lambda request: (
                    None if request.url.startswith(server) else outside.append(request.url)
                ),
            )

            page.goto(server + "/-/repertoire")
            page.get_by_role("link", name="11. The situation in Mali").click()
            expect(page.locator("article.rp-section h1")).to_have_text("11. The situation in Mali")
            expect(page.locator("table.rp-meetings")).to_be_visible()
            page.screenshot(path=str(shots / "section.png"), full_page=True)

            # A footnote marker leads to its footnote.
            page.locator('sup.rp-fn a[href="#fn-416"]').first.click()
            expect(page).to_have_url(server + "/-/section/1#fn-416")

            # The meeting whose decisions failed: found by the table, not by its symbol.
            decided = page.locator("table.rp-meetings tr[data-decisions]").filter(
                has_text="not adopted"
            )
            expect(decided).to_have_count(1)
            link = decided.locator("a.rp-meeting-link")
            record = link.inner_text()
            link.click()
            expect(page.locator("h1")).to_have_text(record)
            assert record == "S/PV.9408"

            grid = page.locator("table.vote-grid")
            expect(grid).to_be_visible()
            russia = grid.locator('tr[data-member="Russian Federation"]')
            first_vote = russia.locator("td").first
            expect(first_vote).to_have_class("vote vote-N veto")
            expect(first_vote).to_contain_text("veto")
            colour = first_vote.evaluate("cell => getComputedStyle(cell).backgroundColor")
            assert colour == "rgb(179, 38, 30)"  # highlighted, not the plain grid colour
            expect(grid.locator("td.veto")).to_have_count(1)
            expect(grid.locator("span.seat")).to_have_count(5)
            expect(russia.locator("span.seat")).to_have_count(1)
            grid.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "meeting.png"), full_page=True)

            russia.get_by_role("link", name="Russian Federation").click()
            expect(page.locator("h1")).to_have_text("Russian Federation")
            # One voting record over every source: the Repertoire's veto and the official one.
            expect(page.locator("table.rp-record tr.veto-row")).to_have_count(2)
            expect(page.get_by_text("Terms on the Council")).to_be_visible()
            page.screenshot(path=str(shots / "state.png"), full_page=True)

            page.goto(server + "/-/charts")
            images = page.locator("figure.rp-chart img")
            expect(images).to_have_count(6)
            for index in range(6):
                width = images.nth(index).evaluate("img => img.naturalWidth")
                assert width > 100  # the SVG loaded and was drawn
            page.screenshot(path=str(shots / "charts.png"), full_page=True)
            assert outside == []
        finally:
            browser.close()
    for name in ("section", "meeting", "state", "charts"):
        assert (shots / f"{name}.png").stat().st_size > 10_000, name


# Every page the explorer adds, and the 404 page it makes for an unknown State.
CUSTOM_PAGES = {
    "home": "/-/repertoire",
    "section": "/-/section/1",
    "meeting-vote": "/-/meeting/S/PV.9408",
    "meeting-briefing": "/-/meeting/S/PV.9251",
    "state": "/-/state/Russian%20Federation",
    "state-invitee": "/-/state/Mali",
    "state-unknown": "/-/state/Rusia",
    "state-official": "/-/state/France",
    "decision": "/-/decision/S/RES/2690%20(2023)",
    "decision-draft": "/-/decision/S/2099/12",
    "disagreements": "/-/disagreements",
    "charts": "/-/charts",
}
# Datasette's own pages for the tables and queries people open first.
DATASETTE_PAGES = {
    "table-decisions": "/repertoire/decisions",
    "table-votes": "/repertoire/votes",
    "view-member-votes": "/repertoire/member_votes",
    "table-meetings": "/repertoire/meetings",
    "query-vetoes": "/repertoire/vetoes",
}
# Chart text drawn smaller than this, once the image is scaled to the page, is not legible.
LEGIBLE_PX = 10


def _screenshots(tmp_path: Path) -> Path:
    """Where the screenshots go: REPERTOIRE_SCREENSHOTS when set (to keep them), else a temp dir."""
    import os

    chosen = os.environ.get("REPERTOIRE_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_fit_the_screen_and_charts_are_legible(
    server: str, tmp_path: Path, width: int
) -> None:
    from playwright.sync_api import sync_playwright

    shots = _screenshots(tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": 844})
            for name, path in CUSTOM_PAGES.items():
                response = page.goto(server + path)
                assert response is not None
                assert response.status == (404 if name == "state-unknown" else 200), name
                page.wait_for_load_state("networkidle")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
                page.screenshot(path=str(shots / f"{width}-{name}.png"), full_page=True)

            # Datasette's pages: no sideways scroll (the vetoes query once made the page
            # 1,991 px wide), and the first row starts on the first screen.
            for name, path in DATASETTE_PAGES.items():
                page.goto(server + path)
                page.wait_for_load_state("networkidle")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
                first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
                assert first_row is not None and first_row["y"] < 844, (path, first_row)
                page.screenshot(path=str(shots / f"{width}-{name}.png"))
            page.goto(server + "/repertoire/vetoes")
            page.get_by_role("link", name="S/PV.9408", exact=True).click()
            assert page.url.endswith("/-/meeting/S/PV.9408")

            # The section's text keeps the width of the screen; its findings stand beside it
            # on a wide screen and below it on a narrow one.
            page.goto(server + "/-/section/1")
            block = page.locator(".rp-block").filter(has=page.locator(".rp-findings")).first
            text = block.locator("p").first.bounding_box()
            aside = block.locator(".rp-findings").bounding_box()
            assert text is not None and aside is not None
            if width < 600:
                assert aside["y"] >= text["y"] + text["height"] - 1
                assert text["width"] >= width * 0.8
            else:
                assert aside["x"] >= text["x"] + text["width"]
            block.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f"{width}-section-finding.png"))
            page.locator("table.rp-meetings").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f"{width}-section-table.png"))

            page.goto(server + "/-/charts")
            page.wait_for_load_state("networkidle")
            images = page.locator("figure.rp-chart img")
            for index in range(images.count()):
                smallest = images.nth(index).evaluate(
                    """async (img) => {
                        const svg = await (await fetch(img.currentSrc)).text();
                        const sizes = [...svg.matchAll(/font-size="([0-9.]+)/g)].map(m => +m[1]);
                        const scale = img.getBoundingClientRect().width / img.naturalWidth;
                        return Math.min(...sizes) * scale;
                    }"""
                )
                assert smallest >= LEGIBLE_PX, (width, index, smallest)
        finally:
            browser.close()
    for name in CUSTOM_PAGES:
        assert (shots / f"{width}-{name}.png").stat().st_size > 5_000, name
