"""The reply composer: an officer's words reach the citizen's thread on X, measured as X
counts length, started from a template if they like."""

from __future__ import annotations

from typing import Any

from seva.complaints.models import Complaint, MessageKind
from seva.core.postlength import MAX_POST_LENGTH
from tests.complaints.helpers import register
from tests.desk.helpers import signed_in


def test_a_reply_longer_than_a_post_is_refused_with_its_length(world: Any) -> None:
    code = register(world.lucknow).code
    # An emoji weighs two on X: 141 of them are 282 long, though 141 characters.
    text = "🙏" * 141
    page = signed_in(world.lucknow_officer).post(
        f"/desk/c/{code}/reply/", {"text": text}, follow=True
    )
    assert f"The reply is 282 long as X counts it; at most {MAX_POST_LENGTH}" in (
        page.content.decode()
    )
    assert not Complaint.objects.get(code=code).messages.filter(kind=MessageKind.REPLY).exists()


def test_the_counter_counts_as_x_does(world: Any) -> None:
    code = register(world.lucknow).code
    client = signed_in(world.lucknow_officer)
    link = "https://example.org/" + "a" * 100
    counter = client.post(f"/desk/c/{code}/reply/length/", {"text": f"see {link}"})
    assert "27 of 280" in counter.content.decode()  # 'see ' + a link counted as 23
    too_long = client.post(f"/desk/c/{code}/reply/length/", {"text": "🙏" * 141})
    assert "too long for one post" in too_long.content.decode()


def test_a_template_fills_the_reply_box_in_the_complaints_language(world: Any) -> None:
    code = register(world.lucknow, language="hi").code
    box = signed_in(world.lucknow_officer).get(f"/desk/c/{code}/reply/draft/?template=status")
    html = box.content.decode()
    assert f"शिकायत {code} की स्थिति" in html
    assert f"/track/{code}" in html


def test_the_composer_is_for_people_who_may_reply(world: Any) -> None:
    code = register(world.lucknow).code
    assert (
        "Reply to the citizen"
        in signed_in(world.lucknow_officer).get(f"/desk/c/{code}/").content.decode()
    )
    assert (
        "Reply to the citizen"
        not in signed_in(world.auditor).get(f"/desk/c/{code}/").content.decode()
    )
    outsider = signed_in(world.agra_officer)
    assert outsider.post(f"/desk/c/{code}/reply/length/", {"text": "x"}).status_code == 404
    assert outsider.get(f"/desk/c/{code}/reply/draft/?template=status").status_code == 404
