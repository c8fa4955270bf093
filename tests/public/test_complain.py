"""The web complaint form: a citizen files a complaint and sees its code at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seva.channels.models import InboundRecord
from seva.complaints.models import Complainant, Complaint
from seva.complaints.statuses import Status
from seva.public.forms import new_ref

THEFT = "Hazratganj market se meri bike chori ho gayi, kal raat 9 baje"


@pytest.fixture
def client() -> Client:
    return Client()


def fields(**extra: Any) -> dict[str, Any]:
    return {"text": THEFT, "district": "D-162", "ref": new_ref(), **extra}


def nothing_stored() -> bool:
    return not InboundRecord.objects.exists() and not Complaint.objects.exists()


def test_the_form_page_lists_the_districts_in_both_languages(client: Client, world: Any) -> None:
    response = client.get("/complain/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lucknow (लखनऊ)" in page
    assert "Agra (आगरा)" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="website"' in page  # the honeypot is there for robots


def test_district_options_carry_their_other_names(client: Client, world: Any) -> None:
    world.lucknow.aliases = ["lakhnau", "लखनौ"]
    world.lucknow.save()
    page = client.get("/complain/").content.decode()
    assert '<option value="D-162" data-aliases="lakhnau लखनौ">Lucknow (लखनऊ)</option>' in page


def test_a_complaint_is_filed_and_the_code_shown_at_once(client: Client, world: Any) -> None:
    response = client.post(
        "/complain/",
        fields(station="PS-162-HAZRATGANJ", name="Asha", phone="98765 43210", email="a@b.in"),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.select_related("complainant").get()
    assert response["Location"] == f"/complain/done/{complaint.code}/"
    assert complaint.unit == world.hazratganj
    assert complaint.status == Status.FORWARDED
    assert complaint.channel == "web"
    assert (complaint.complainant.phone, complaint.complainant.email) == ("9876543210", "a@b.in")
    page = client.get(response["Location"]).content.decode()
    assert complaint.code in page
    assert f"/track/{complaint.code}/" in page
    assert "What happens next" in page


def test_the_code_page_speaks_the_citizens_language(client: Client, world: Any) -> None:
    client.cookies["django_language"] = "hi"
    response = client.post("/complain/", fields(), follow=True)
    complaint = Complaint.objects.get()
    assert complaint.language == "hi"
    page = response.content.decode()
    assert complaint.code in page
    assert '<html lang="hi">' in page
    assert "आपकी शिकायत दर्ज हो गई है" in page


def test_sending_the_same_form_twice_gives_one_complaint(client: Client, world: Any) -> None:
    same = fields()
    first = client.post("/complain/", same)
    second = client.post("/complain/", same)
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1


def test_a_filled_honeypot_stores_nothing(client: Client, world: Any) -> None:
    response = client.post("/complain/", fields(website="http://spam.example"))
    assert response.status_code == 400
    assert nothing_stored()


def test_a_too_big_request_is_refused_before_it_is_read(
    client: Client, world: Any, settings: Any
) -> None:
    settings.SEVA_COMPLAIN_MAX_BODY_BYTES = 4096
    response = client.post("/complain/", fields(text="x" * 5000))
    assert response.status_code == 413
    assert nothing_stored()


def test_too_long_a_text_is_refused(client: Client, world: Any) -> None:
    response = client.post("/complain/", fields(text="चोरी " * 1001))
    assert response.status_code == 400
    assert "5000" in response.content.decode() or "5,000" in response.content.decode()
    assert nothing_stored()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"text": "   "}, "text"),
        ({"district": "D-999"}, "district"),
        ({"district": ""}, "district"),
        ({"station": "PS-162-HAZRATGANJ", "district": "D-118"}, "station"),  # not Agra's
        ({"phone": "12345"}, "phone"),
        ({"email": "nope"}, "email"),
        ({"latitude": "north", "longitude": "80.9"}, "latitude"),
        ({"latitude": "95", "longitude": "80.9"}, "latitude"),
        ({"latitude": "26.8"}, None),  # only one of the two
        ({"ref": "../../etc"}, None),  # not our token: the form gets a fresh one
    ],
)
def test_wrong_input_is_refused_with_nothing_half_made(
    client: Client, world: Any, bad: dict[str, Any], field: str | None
) -> None:
    response = client.post("/complain/", fields(**bad))
    assert response.status_code == 400
    assert nothing_stored()
    form = response.context["form"]
    assert (field or "__all__") in form.errors
    assert 'class="errorlist' in response.content.decode()  # and the citizen is told


def test_a_nul_character_is_refused_before_the_form(client: Client, world: Any) -> None:
    # PostgreSQL cannot store it; seva.core.middleware refuses it for every view, this one too.
    response = client.post("/complain/", fields(text="chori\x00hui"))
    assert response.status_code == 400
    assert nothing_stored()


def test_a_form_sent_faster_than_a_person_writes_is_refused(
    client: Client, world: Any, settings: Any
) -> None:
    settings.SEVA_COMPLAIN_MIN_SECONDS = 3
    response = client.post("/complain/", fields())
    assert response.status_code == 400
    assert "very quick" in response.content.decode()
    assert nothing_stored()


def test_an_expired_form_keeps_the_words_and_gets_a_fresh_token(
    client: Client, world: Any, monkeypatch: Any
) -> None:
    import time

    old = fields()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 24 * 3600)
    response = client.post("/complain/", old)
    assert response.status_code == 400
    page = response.content.decode()
    assert "out of date" in page
    assert THEFT in page
    assert response.context["form"].data["ref"] != old["ref"]
    assert nothing_stored()


def test_bad_utf8_is_read_with_replacement_characters(client: Client, world: Any) -> None:
    token = new_ref()
    body = b"text=chori+%ED%A0%80+hui+%FF%FE+bike&district=D-162&ref=" + token.encode()
    response = client.post("/complain/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    text = Complaint.objects.get().text
    assert text.startswith("chori ")
    assert text.endswith(" bike")
    assert "\ufffd" in text


def test_markup_is_stored_as_text_and_shown_escaped(client: Client, world: Any) -> None:
    hostile = '<script>alert("x")</script><b onmouseover=alert(1)>hi</b>'
    response = client.post("/complain/", fields(text=hostile, name="<i>Name</i>"))
    complaint = Complaint.objects.get()
    assert complaint.text == hostile
    assert Complainant.objects.get().display_name == "<i>Name</i>"
    # Shown back on an error page it is escaped too.
    again = client.post("/complain/", fields(text=hostile, email="nope"))
    page = again.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert response.status_code == 302


def test_csrf_is_enforced(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/complain/", fields())
    assert response.status_code == 403
    assert nothing_stored()
    client.get("/complain/")
    token = client.cookies["csrftoken"].value
    response = client.post("/complain/", fields(csrfmiddlewaretoken=token))
    assert response.status_code == 302


def test_without_javascript_the_stations_of_a_district_can_be_shown(
    client: Client, world: Any
) -> None:
    response = client.post("/complain/", fields(show_stations="1", text=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hazratganj (हजरतगंज)" in page
    assert "errorlist" not in page  # asking for stations is not a failed submission
    assert nothing_stored()


def test_the_stations_of_a_district_as_json(client: Client, world: Any) -> None:
    data = client.get("/complain/stations/", {"district": "D-162"}).json()
    assert data == {"stations": [{"code": "PS-162-HAZRATGANJ", "label": "Hazratganj (हजरतगंज)"}]}
    assert client.get("/complain/stations/", {"district": "D-118"}).json() == {"stations": []}
    assert client.get("/complain/stations/", {"district": "PS-162-HAZRATGANJ"}).json() == {
        "stations": []
    }


def test_the_code_page_of_an_unknown_code_is_a_404(client: Client, db: None) -> None:
    assert client.get("/complain/done/LKN-261122-042-7/").status_code == 404
