"""Posts are hostile input: markup, handlers, javascript: links, bidi overrides and endless
lines must render as inert text on every screen, under the Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from seva.complaints import services
from seva.complaints.statuses import Status
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in, triage_json

LONG = "अ" * 3000 + "x" * 7000  # one 10,000-character line, no spaces
HOSTILE = (
    "<script>alert('xss')</script> "
    '<img src=x onerror="alert(1)"> '
    '<a href="javascript:alert(2)">click</a> '
    "javascript:alert(3) "
    "\u202eevil reversed\u202c "
    f"{LONG}"
)
# Our own tags carry no handler and no inline style; hostile ones must not appear as tags.
TAG_WITH_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _hostile_complaints(world):
    at_hq = register(
        text=HOSTILE,
        handle="<b>evil</b>",
        display_name="<script>name()</script>",
        triage={**triage_json("Lucknow"), "reasons": ["<script>reason()</script>", LONG]},
    ).code
    closed = register(world.lucknow, text=HOSTILE, external_user_id="666").code
    services.complaint_note(actor=world.lucknow_officer, code=closed, text=HOSTILE)
    services.complaint_act(actor=world.lucknow_officer, code=closed, to=Status.CLOSED, note=HOSTILE)
    return at_hq, closed


@pytest.fixture
def screens(world):
    at_hq, closed = _hostile_complaints(world)
    operator, reviewer = signed_in(world.hq_operator), signed_in(world.hq_reviewer)
    return {
        "queue": operator.get("/desk/?status=all"),
        "search": operator.get("/desk/", {"q": "<script>", "status": "all"}),
        "triage": operator.get("/desk/triage/"),
        "complaint at HQ": operator.get(f"/desk/c/{at_hq}/"),
        "closed complaint": reviewer.get(f"/desk/c/{closed}/"),
        "review": reviewer.get("/desk/review/"),
    }


def test_hostile_text_renders_inert_on_every_screen(screens):
    for name, response in screens.items():
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "<script>alert" not in body, name
        assert "<script>name()" not in body, name
        assert "<script>reason()" not in body, name
        assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in body, name
        assert "<img src=x" not in body, name
        assert "<b>evil</b>" not in body, name
        assert not TAG_WITH_HANDLER.search(body), name
        assert 'href="javascript:' not in body.lower(), name
        assert "style=" not in body, name
        # Every <script> on the page is ours: from our origin and carrying the nonce.
        for tag in re.findall(r"<script[^>]*>", body):
            assert 'src="/static/' in tag, (name, tag)
            assert "nonce=" in tag, (name, tag)


def test_bidi_overrides_stay_inside_their_text(screens):
    for name in ["complaint at HQ", "closed complaint", "triage"]:
        body = screens[name].content.decode()
        # The post is isolated (dir="auto" + unicode-bidi: isolate), so an override cannot
        # flip the words around it.
        match = re.search(r'<p class="post" dir="auto">([^<]*)</p>', body)
        assert match, name
        assert "\u202e" in match.group(1), name


def test_a_ten_thousand_character_line_is_shown_whole_on_the_complaint_page(screens):
    assert LONG in screens["complaint at HQ"].content.decode()
    # The queue shows an excerpt, not the whole line.
    assert LONG not in screens["queue"].content.decode()


def test_the_stylesheet_wraps_long_lines_and_isolates_bidi():
    path = finders.find("desk/desk.css")
    assert isinstance(path, str)
    css = Path(path).read_text(encoding="utf-8")
    assert "overflow-wrap: anywhere" in css
    assert "unicode-bidi: isolate" in css
