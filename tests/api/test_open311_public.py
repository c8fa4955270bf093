"""Open311 without a person's token: no bulk listing unless a setting allows it, never the
sensitive categories, and person tokens only in the Authorization header."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from seva.complaints.models import SensitiveCategory
from seva.core.timeutil import now
from tests.api.helpers import submitter_key, token_for
from tests.complaints.helpers import register

BASE = "/open311/v2"


def listed(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["service_request_id"] for r in json.loads(response.content)]


def bearer(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user)}"}


def test_nobody_lists_requests_without_a_persons_token_by_default(world: Any) -> None:
    code = register(world.lucknow, category="theft_robbery").code
    client = Client()
    anonymous = client.get(f"{BASE}/requests.json")
    assert anonymous.status_code == 403
    assert json.loads(anonymous.content)[0]["code"] == 403
    with_start_only = client.get(f"{BASE}/requests.json", {"start_date": "2000-01-01T00:00:00Z"})
    assert with_start_only.status_code == 403
    partner = client.get(f"{BASE}/requests.json", {"api_key": submitter_key()})
    assert partner.status_code == 403
    # A request asked for by its id is still answered (the tracking page's facts).
    assert listed(client.get(f"{BASE}/requests/{code}.json")) == [code]
    assert listed(client.get(f"{BASE}/requests.json", {"service_request_id": code})) == [code]
    # A person lists their reach, as everywhere.
    assert listed(client.get(f"{BASE}/requests.json", headers=bearer(world.lucknow_officer))) == [
        code
    ]


def test_a_persons_token_is_refused_as_api_key(world: Any) -> None:
    code = register(world.lucknow).code
    secret = token_for(world.lucknow_officer)
    client = Client()
    for url in [f"{BASE}/requests.json", f"{BASE}/requests/{code}.json"]:
        response = client.get(url, {"api_key": secret})
        assert response.status_code == 403, url
        assert "Authorization header" in json.loads(response.content)[0]["description"]
    headers = {"Authorization": f"Bearer {secret}"}
    full = json.loads(client.get(f"{BASE}/requests/{code}.json", headers=headers).content)
    assert full[0]["description"]  # the same token in the header reads in full


def test_the_public_list_never_holds_a_sensitive_category(world: Any, settings: Any) -> None:
    settings.SEVA_OPEN311_PUBLIC_LIST = True
    people = iter(range(100))

    def filed(category: str) -> str:
        return register(world.lucknow, category=category, external_user_id=str(next(people))).code

    theft = filed("theft_robbery")
    harassment = filed("women_safety")
    against_police = filed("police_conduct")
    fraud = filed("cyber_fraud")
    unknown = filed("")
    client = Client()
    everything = set(listed(client.get(f"{BASE}/requests.json")))
    assert everything == {theft, fraud, unknown}
    asked = listed(client.get(f"{BASE}/requests.json", {"service_code": "women_safety"}))
    assert asked == []
    SensitiveCategory.objects.create(category="cyber_fraud", reason="victims named")
    SensitiveCategory.objects.create(category="other")
    assert listed(client.get(f"{BASE}/requests.json")) == [theft]
    # A person still lists them in their reach.
    mine = set(listed(client.get(f"{BASE}/requests.json", headers=bearer(world.lucknow_officer))))
    assert mine == {theft, harassment, against_police, fraud, unknown}
    # Asked for by id, a sensitive request shows its status but not what it is about.
    one = json.loads(client.get(f"{BASE}/requests/{harassment}.json").content)[0]
    assert one["status"] == "open"
    assert (one["service_code"], one["service_name"]) == (None, None)
    other = json.loads(client.get(f"{BASE}/requests/{theft}.json").content)[0]
    assert other["service_code"] == "theft_robbery"


def test_a_start_date_alone_does_not_widen_the_window(world: Any, settings: Any) -> None:
    settings.SEVA_OPEN311_PUBLIC_LIST = True
    register(world.lucknow, category="theft_robbery")
    client = Client()
    long_ago = (now() - dt.timedelta(days=400)).isoformat()
    for headers in [{}, bearer(world.hq_operator)]:
        response = client.get(f"{BASE}/requests.json", {"start_date": long_ago}, headers=headers)
        assert response.status_code == 400
        assert b"90 days" in response.content
    recent = (now() - dt.timedelta(days=30)).isoformat()
    assert len(listed(client.get(f"{BASE}/requests.json", {"start_date": recent}))) == 1


@pytest.mark.parametrize("category", ["women_safety", "police_conduct"])
def test_the_built_in_sensitive_categories_cannot_be_offered_for_marking(category: str) -> None:
    from seva.complaints.models import MARKABLE_CATEGORIES

    assert category not in dict(MARKABLE_CATEGORIES)


def test_an_administrator_marks_a_category_sensitive_in_the_admin(world: Any) -> None:
    from seva.complaints.selectors import sensitive_categories
    from tests.personas import sign_in

    client = Client()
    assert sign_in(client, world.administrator).status_code == 302
    assert sensitive_categories() == {"women_safety", "police_conduct"}
    response = client.post(
        "/admin/complaints/sensitivecategory/add/",
        {"category": "missing_kidnapping", "reason": "children's names"},
    )
    assert response.status_code == 302
    assert sensitive_categories() == {"women_safety", "police_conduct", "missing_kidnapping"}
