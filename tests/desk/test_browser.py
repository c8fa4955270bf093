"""End to end in a real browser: Playwright driving Debian's Chromium against a live server.

The whole life of one complaint across HQ, the Lucknow desk and the citizen, with the Agra
officer as the outsider; screenshots of the main screens in English and Hindi are kept in
test-artifacts/desk/. Skipped, with the reason, where /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from seva.complaints import services
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status
from seva.directory.twofactor import two_factor_required
from tests.browser import BROWSER_MARKS, Window
from tests.complaints.helpers import register
from tests.desk.helpers import triage_json
from tests.personas import PASSWORD, authenticator, current_code

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "desk"

pytestmark = BROWSER_MARKS


class Desk(Window):
    """One person's browser window on the desk."""

    def __init__(self, browser: Any, base: str, username: str) -> None:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        super().__init__(context, base, ARTIFACTS)
        person = User.objects.get(username=username)
        device = authenticator(person) if two_factor_required(person) else None
        self.page.goto(f"{base}/desk/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        if device is not None:  # HQ: the second step, with the authenticator app's code
            self.page.wait_for_url(f"{base}/desk/login/code/")
            self.page.fill("#id_token", current_code(device))
            self.page.click("main button[type=submit]")
        self.page.wait_for_url(f"{base}/desk/")

    def act(self, to: str, note: str) -> None:
        self.page.check(f"input[name=to][value={to}]")
        if note:
            self.page.fill("#act-note", note)
        self.page.click("form[action$='/act/'] button[type=submit]")
        self.page.wait_for_selector(".messages li")

    def switch_language(self) -> None:
        self.page.click("header form[action='/i18n/setlang/'] button")
        self.page.wait_for_load_state()

    def close(self) -> None:
        assert not self.problems, self.problems  # no CSP violations, no script errors
        self.context.close()


def _status(code: str) -> str:
    return Complaint.objects.get(code=code).status


def test_a_complaints_life_across_hq_the_district_and_the_citizen(world, live_server, browser):
    base = live_server.url
    code = register(
        text="Hazratganj Lucknow me meri bike chori ho gayi, thana FIR nahi likh raha",
        category="theft_robbery",
        triage=triage_json("Lucknow"),
    ).code

    # HQ forwards it to the district the triage suggests, in one click.
    operator = Desk(browser, base, "hq_operator")
    operator.go("/desk/triage/")
    assert "complaint word" in operator.page.inner_text(f"#t-{code}")
    operator.shot("triage-en")
    operator.page.click(f"#t-{code} button:has-text('Forward to Lucknow')")
    operator.page.wait_for_selector(".messages li")
    assert f"{code} forwarded to Lucknow." in operator.page.inner_text(".messages")
    assert _status(code) == Status.FORWARDED

    # The Agra officer neither sees it nor reaches it.
    agra = Desk(browser, base, "agra_officer")
    assert code not in agra.page.content()
    assert agra.go(f"/desk/c/{code}/").status == 404
    agra.context.close()

    # The Lucknow officer finds it (the search runs through htmx) and asks for information.
    officer = Desk(browser, base, "lucknow_officer")
    officer.page.fill("#id_q", code)
    officer.page.wait_for_url(f"**/desk/?*q={code}*")
    officer.page.wait_for_selector(f"#results a:has-text('{code}')")
    officer.shot("queue-en")
    officer.page.click(f"#results a:has-text('{code}')")
    officer.page.wait_for_url(f"{base}/desk/c/{code}/")
    officer.act("incomplete_info", "Which thana, and when did it happen?")
    assert _status(code) == Status.INCOMPLETE_INFO

    # The citizen answers in the thread; the channel attaches it and the clock resumes.
    services.complaint_attach_followup(
        complaint=(complaint := Complaint.objects.get(code=code)),
        author=services.PostAuthor.of(complaint.complainant),
        text="Thana Hazratganj, kal raat 9 baje",
    )
    officer.go(f"/desk/c/{code}/")
    assert "In-process" in officer.page.inner_text(".complaint-head")
    assert "Thana Hazratganj, kal raat 9 baje" in officer.page.inner_text(".thread")
    officer.act("closed", "FIR lodged; bike traced")
    assert _status(code) == Status.CLOSED
    officer.shot("complaint-en")

    # HQ reviews: not good enough, reopen.
    reviewer = Desk(browser, base, "hq_reviewer")
    reviewer.go("/desk/review/")
    assert "FIR lodged; bike traced" in reviewer.page.inner_text(f"#r-{code}")
    reviewer.shot("review-en")
    reviewer.page.fill(f"#reopen-{code}", "Give the FIR number")
    reviewer.page.click(f"#r-{code} button[value=reopen]")
    reviewer.page.wait_for_selector(".messages li")
    assert _status(code) == Status.REOPENED

    officer.go(f"/desk/c/{code}/")
    officer.act("closed", "FIR 231/2026 at Hazratganj")
    assert _status(code) == Status.CLOSED

    reviewer.go("/desk/review/")
    reviewer.page.click(f"#r-{code} button[value=accept]")
    reviewer.page.wait_for_selector(".messages li")
    assert _status(code) == Status.DISPOSED
    reviewer.go(f"/desk/c/{code}/")
    timeline = reviewer.page.inner_text(".timeline")
    assert "HQ reopened it: Give the FIR number" in timeline
    assert "HQ accepted the closure" in timeline

    # The same screens in Hindi, with work on them to show.
    waiting = register(text="मेरा मोबाइल चोरी हो गया, लखनऊ", triage=triage_json("Lucknow"))
    closed = register(world.lucknow, text="रात भर डीजे बज रहा है", external_user_id="77")
    services.complaint_act(
        actor=world.lucknow_officer, code=closed.code, to=Status.CLOSED, note="डीजे बंद कराया"
    )
    officer.go("/desk/")
    officer.switch_language()
    assert "कतार" in officer.page.inner_text("header")
    officer.shot("queue-hi")
    officer.go(f"/desk/c/{code}/")
    assert "निस्तारित" in officer.page.inner_text(".complaint-head")  # Disposed
    officer.shot("complaint-hi")
    operator.go("/desk/triage/")
    operator.switch_language()
    assert "लखनऊ को अग्रेषित करें" in operator.page.inner_text(f"#t-{waiting.code}")
    operator.shot("triage-hi")
    reviewer.go("/desk/review/")
    reviewer.switch_language()
    assert "समीक्षा" in reviewer.page.inner_text("h1")
    reviewer.shot("review-hi")
    reviewer.go("/desk/")  # the choice is remembered across pages
    assert "कतार" in reviewer.page.inner_text("h1")

    for desk in (operator, officer, reviewer):
        desk.close()
    assert os.listdir(ARTIFACTS)


def test_hq_triages_by_keyboard(world, live_server, browser):
    first = register(text="Agra me chain snatching", triage=triage_json("Agra")).code
    second = register(text="Lucknow me chori", triage=triage_json("Lucknow")).code
    operator = Desk(browser, live_server.url, "hq_operator")
    operator.go("/desk/triage/")
    operator.page.keyboard.press("j")
    operator.page.keyboard.press("j")
    operator.page.keyboard.press("f")  # the second one, to its suggested district
    operator.page.wait_for_selector(".messages li")
    assert f"{second} forwarded to Lucknow." in operator.page.inner_text(".messages")
    assert Complaint.objects.get(code=second).unit == world.lucknow
    assert Complaint.objects.get(code=first).status == Status.OPEN
    operator.page.keyboard.press("j")
    operator.page.keyboard.press("r")  # the reject reason takes the keys now
    operator.page.keyboard.type("duplicate post")
    assert operator.page.input_value(f"#reject-{first}") == "duplicate post"
    operator.close()
