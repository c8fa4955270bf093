"""Administrators issue tokens in the admin or with `manage.py api_token`; the secret is shown
once and only its digest is stored; officers never see the token tables."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from seva.api.models import ApiToken, WebhookSubscription
from seva.api.tokens import token_digest
from tests.api.helpers import Api, token_for
from tests.complaints.helpers import register
from tests.personas import sign_in

SECRET = re.compile(r"seva_[A-Za-z0-9_-]{43}")


def _admin(user) -> Client:
    client = Client()
    assert sign_in(client, user).status_code == 302
    return client


def test_the_command_issues_lists_and_revokes(world):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api_token", "create", "--name", "dashboard", "--user", "auditor", stdout=out, stderr=err
    )
    secret = out.getvalue().strip()
    assert SECRET.fullmatch(secret)
    assert "shown only once" in err.getvalue()
    token = ApiToken.objects.get()
    assert token.digest == token_digest(secret)
    assert secret not in str(token.__dict__)  # only the digest and a short prefix are kept
    assert Api(secret).get("/complaints").status_code == 200
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "dashboard" in listing.getvalue()
    assert secret not in listing.getvalue()
    call_command("api_token", "revoke", str(token.pk), stdout=io.StringIO())
    assert Api(secret).get("/complaints").status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "create", "--name", "x", "--user", "nobody")
    with pytest.raises(CommandError):
        call_command("api_token", "create", "--name", "x")
    submitter = io.StringIO()
    call_command(
        "api_token", "create", "--name", "112", "--submitter", stdout=submitter, stderr=err
    )
    assert ApiToken.objects.get(name="112").user is None


def test_the_admin_shows_a_new_secret_once(world):
    client = _admin(world.administrator)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "district dashboard", "kind": "person", "user": world.lucknow_officer.pk},
        follow=True,
    )
    assert response.status_code == 200
    shown = SECRET.search(response.content.decode())
    assert shown is not None
    assert Api(shown.group()).get("/complaints").status_code == 200
    page = client.get(f"/admin/api/apitoken/{ApiToken.objects.get().pk}/change/").content.decode()
    assert shown.group() not in page
    assert client.get("/admin/api/webhooksubscription/add/").status_code == 200
    assert client.get("/admin/api/webhookdelivery/").status_code == 200


def test_officers_do_not_reach_the_token_tables(world):
    client = _admin(world.lucknow_officer)
    assert client.get("/admin/api/apitoken/").status_code == 302  # to the admin's sign-in
    assert client.get("/admin/api/webhooksubscription/").status_code == 302
    assert not WebhookSubscription.objects.exists()


def test_the_list_costs_the_same_queries_whatever_its_length(world, django_assert_max_num_queries):
    for n in range(30):
        register(world.lucknow, external_user_id=str(n))
    api = Api(token_for(world.hq_operator))
    api.get("/complaints", limit=1)  # opens this token's rate-limit window
    # 8 for the list, 2 for the rate limit (count, read back): the same for any length.
    with django_assert_max_num_queries(10):
        page = api.get("/complaints", limit=30).json()
    assert len(page["items"]) == 30


def test_the_admin_refuses_a_person_token_without_a_person_and_a_bad_webhook(world):
    client = _admin(world.administrator)
    response = client.post("/admin/api/apitoken/add/", {"name": "x", "kind": "person"})
    assert response.status_code == 200  # the form again, with the error
    assert not ApiToken.objects.exists()
    bad = client.post(
        "/admin/api/webhooksubscription/add/",
        {"name": "x", "url": "ftp://example.com/", "secret": "s", "event_types": '"all"'},
    )
    assert bad.status_code == 200
    assert not WebhookSubscription.objects.exists()
    good = client.post(
        "/admin/api/webhooksubscription/add/",
        {
            "name": "district app",
            "url": "https://example.com/hook",
            "secret": "s",
            "event_types": '["status.changed"]',
            "is_active": "on",
        },
    )
    assert good.status_code == 302, good.content[:3000]
    assert WebhookSubscription.objects.get().event_types == ["status.changed"]
