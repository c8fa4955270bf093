"""The command centre in a real browser (Playwright, Debian's Chromium, a live server): a
figure changes after an officer acts, the urgent feed refreshes itself, no CSP violation;
screenshots in English and Hindi, desktop and phone, go to test-artifacts/command/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seva.complaints import services
from tests.browser import BROWSER_MARKS
from tests.complaints.helpers import register
from tests.desk.test_browser import Desk

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "command"

pytestmark = BROWSER_MARKS


def _shot(desk: Desk, name: str) -> None:
    desk.artifacts = ARTIFACTS  # the command centre's screenshots, not the desk's
    desk.shot(name)


def _figure(desk: Desk, row: str, measure: str) -> str:
    return str(desk.page.inner_text(f"#{row} td[data-measure={measure}]")).strip()


def test_the_command_centre_follows_the_desk(
    world: Any, live_server: Any, browser: Any, settings: Any
) -> None:
    settings.SEVA_COMMAND_POLL_SECONDS = 2
    base = live_server.url
    code = register(world.hq).code
    services.complaint_forward(actor=world.hq_operator, code=code, to_unit=world.lucknow)

    officer = Desk(browser, base, "lucknow_officer")
    officer.page.click("header nav a[href='/command/']")
    officer.page.wait_for_selector("table.figures")
    row = "u-D-162-here"
    assert _figure(officer, row, "forwarded") == "1"
    assert _figure(officer, row, "in_process") == "0"

    officer.go(f"/desk/c/{code}/")
    officer.act("in_process", "")
    officer.go("/command/")
    assert _figure(officer, row, "in_process") == "1"
    assert _figure(officer, row, "forwarded") == "0"

    # Following a figure lands on the complaints behind it.
    officer.page.click(f"#{row} td[data-measure=in_process] a")
    officer.page.wait_for_selector("table.queue")
    assert code in officer.page.inner_text("table.queue")

    # The urgent feed refreshes itself while the tab is visible.
    officer.go("/command/")
    urgent = register(world.hazratganj, is_urgent=True, text="Turant madad chahiye").code
    officer.page.wait_for_selector(f"ol.feed a:has-text('{urgent}')", timeout=15_000)
    _shot(officer, "centre-district-en")

    # Sorting by keyboard: the header links are ordinary links.
    officer.page.focus("thead th[scope=col] a >> nth=1")
    officer.page.keyboard.press("Enter")
    officer.page.wait_for_url("**sort=received**")
    officer.close()

    hq = Desk(browser, base, "hq_operator")
    hq.go("/command/")
    hq.page.wait_for_selector("svg.upmap path")
    _shot(hq, "centre-hq-en")
    hq.switch_language()
    assert "कमान केंद्र" in hq.page.inner_text("h1")
    _shot(hq, "centre-hq-hi")
    hq.page.set_viewport_size({"width": 390, "height": 844})
    hq.go("/command/")
    _shot(hq, "centre-hq-hi-phone")
    hq.close()
