"""Nobody obtains a credential that acts as someone else. The finding: a district
administrator minted a token for HQ's reviewer in the admin and disposed another district's
complaint, and the log blamed the reviewer."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from seva.api.models import ApiToken, TokenKind
from seva.api.tokens import api_token_issue, api_token_revoke
from seva.core.errors import NotAllowed, NotFound
from seva.directory.models import AuditRecord, Role
from seva.directory.services import membership_grant
from tests.api.helpers import Api
from tests.personas import sign_in


def _signed_in(user) -> Client:
    client = Client()
    assert sign_in(client, user).status_code == 302
    return client


def test_a_district_administrator_cannot_mint_a_token_for_hqs_reviewer(world):
    client = _signed_in(world.lucknow_administrator)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "review", "kind": "person", "user": world.hq_reviewer.pk},
        follow=True,
    )
    assert response.status_code == 200  # the form again, with its error
    assert not ApiToken.objects.exists()
    with pytest.raises(NotAllowed):
        api_token_issue(
            name="review", user=world.hq_reviewer, issued_by=world.lucknow_administrator
        )


def test_nor_a_token_for_a_submitter_or_anyone_beyond_the_district(world):
    client = _signed_in(world.lucknow_administrator)
    for form in (
        {"name": "app", "kind": "submitter"},
        {"name": "agra", "kind": "person", "user": world.agra_officer.pk},
        {"name": "state", "kind": "person", "user": world.administrator.pk},
    ):
        assert client.post("/admin/api/apitoken/add/", form).status_code == 200, form
    assert not ApiToken.objects.exists()


def test_a_district_administrator_issues_a_token_for_a_lucknow_officer(world):
    client = _signed_in(world.lucknow_administrator)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "district dashboard", "kind": "person", "user": world.lucknow_officer.pk},
    )
    assert response.status_code == 302
    token = ApiToken.objects.get()
    assert token.issued_by == world.lucknow_administrator
    assert token.user == world.lucknow_officer
    issued = AuditRecord.objects.get(type="token.issued")
    assert issued.actor == world.lucknow_administrator
    assert issued.person == world.lucknow_officer
    assert issued.data["token"] == token.pk
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    revoked = AuditRecord.objects.get(type="token.revoked")
    assert revoked.actor == world.lucknow_administrator
    assert revoked.person == world.lucknow_officer


def test_a_person_issues_their_own_and_the_state_administrator_anyones(world):
    own = api_token_issue(name="mine", user=world.hq_reviewer, issued_by=world.hq_reviewer)
    assert Api(own.secret).get("/complaints").status_code == 200
    for person in (world.hq_reviewer, world.agra_officer, world.lucknow_administrator):
        issued = api_token_issue(name="x", user=person, issued_by=world.administrator)
        assert issued.token.issued_by == world.administrator
    key = api_token_issue(
        name="112", kind=TokenKind.SUBMITTER, user=None, issued_by=world.administrator
    )
    assert key.token.user is None


def test_a_delegated_token_stops_when_its_person_outgrows_the_issuer(world):
    issued = api_token_issue(
        name="dashboard", user=world.lucknow_officer, issued_by=world.lucknow_administrator
    )
    api = Api(issued.secret)
    assert api.get("/complaints").status_code == 200
    # Promoted to HQ: the district administrator's copy must not become an HQ credential.
    membership_grant(user=world.lucknow_officer, unit=world.hq, role=Role.HQ_REVIEWER)
    assert api.get("/complaints").status_code == 401
    own = api_token_issue(name="own", user=world.lucknow_officer, issued_by=world.lucknow_officer)
    assert Api(own.secret).get("/complaints").status_code == 200


def test_others_tokens_are_revoked_by_those_who_could_issue_them(world):
    token = api_token_issue(name="r", user=world.hq_reviewer, issued_by=world.hq_reviewer).token
    with pytest.raises(NotFound):
        api_token_revoke(token_id=token.pk, actor=world.lucknow_administrator)
    token.refresh_from_db()
    assert token.revoked_at is None
    api_token_revoke(token_id=token.pk, actor=world.hq_reviewer)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_command_line_records_no_issuer_and_audits(world):
    out = io.StringIO()
    call_command(
        "api_token", "create", "--name", "cli", "--user", "auditor", stdout=out, stderr=out
    )
    token = ApiToken.objects.get()
    assert token.issued_by is None
    record = AuditRecord.objects.get(type="token.issued")
    assert record.actor is None
    assert record.person == world.auditor
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "issued by (command line)" in listing.getvalue()
