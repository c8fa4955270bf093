"""The admin: administrators manage the directory; officers work in the desk, not here."""

import json

import pytest
from django.test import Client

from seva.directory.models import PlaceName, Role, Unit, UnitKind
from seva.directory.services import membership_grant, membership_revoke, unit_create
from tests.complaints.helpers import register
from tests.personas import sign_in

ADMIN_PAGES = [
    "/admin/directory/unit/",
    "/admin/directory/unit/add/",
    "/admin/directory/socialhandle/",
    "/admin/directory/socialhandle/add/",
    "/admin/directory/membership/",
    "/admin/directory/membership/add/",
    "/admin/directory/placename/",
    "/admin/directory/placename/add/",
    "/admin/complaints/slatarget/",
    "/admin/complaints/slatarget/add/",
    "/admin/complaints/replytemplate/",
    "/admin/complaints/replytemplate/add/",
    "/admin/complaints/complaint/",
    "/admin/complaints/event/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/directory/auditrecord/",
    "/admin/api/apitoken/",
    "/admin/api/apitoken/add/",
    "/admin/api/webhooksubscription/",
    "/admin/social/inboundrecord/",
    "/admin/django_tasks_database/dbtaskresult/",
]


def _client_for(user) -> Client:
    client = Client()
    assert sign_in(client, user).status_code == 302
    return client


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_the_state_administrator_opens_every_admin_page(world, url):
    assert world.administrator.is_staff  # the membership made them staff
    assert not world.administrator.is_superuser
    assert _client_for(world.administrator).get(url).status_code == 200


def test_admin_creates_a_unit_through_the_service(world):
    client = _client_for(world.administrator)
    response = client.post(
        "/admin/directory/unit/add/",
        {
            "kind": "police_station",
            "code": "PS-162-MADIYAON",
            "name_en": "Madiyaon",
            "name_hi": "मड़ियांव",
            "parent": world.lucknow.pk,
            "code_prefix": "",
            "aliases": "[]",
            "attributes": "{}",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Unit.objects.get(code="PS-162-MADIYAON").path == "/UP/R-LUCKNOW/D-162/PS-162-MADIYAON/"


def test_only_administrators_are_staff_and_enter_the_admin(world):
    officers = [
        world.hq_operator,
        world.hq_reviewer,
        world.lucknow_officer,
        world.agra_officer,
        world.senior_officer,
        world.auditor,
    ]
    assert [person.is_staff for person in officers] == [False] * len(officers)
    assert world.administrator.is_staff
    assert world.lucknow_administrator.is_staff
    theirs = register(world.agra, text="Agra complaint")
    officer = world.agra_officer
    officer.is_staff = True  # set by hand: the memberships decide, not the flag
    officer.save()
    client = _client_for(officer)
    for url in ("/admin/", "/admin/complaints/complaint/", "/admin/directory/unit/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/")
    page = client.get("/admin/complaints/complaint/", follow=True).content.decode()
    assert theirs.code not in page
    # Signed in at the desk, and still not let in: the admin is not theirs.
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_is_staff_follows_the_administrator_membership(world):
    person = world.agra_officer
    membership_grant(user=person, unit=world.agra, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert person.is_staff
    assert _client_for(person).get("/admin/").status_code == 200
    membership_revoke(user=person, unit=world.agra, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert not person.is_staff
    assert _client_for(person).get("/admin/").status_code == 302


def _unit_form(unit: Unit, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "kind": unit.kind,
        "name_en": unit.name_en,
        "name_hi": unit.name_hi,
        "parent": unit.parent_id or "",
        "code_prefix": unit.code_prefix,
        "lgd_code": unit.lgd_code or "",
        "aliases": json.dumps(unit.aliases),
        "attributes": json.dumps(unit.attributes),
        "is_active": "on",
    }
    form.update(changes)
    return form


def test_admin_moves_a_range_under_a_zone_and_the_subtree_follows(world):
    client = _client_for(world.administrator)
    zone = unit_create(kind=UnitKind.ZONE, code="Z-LKO", name_en="Lucknow Zone", parent=world.hq)
    url = f"/admin/directory/unit/{world.lucknow_range.pk}/change/"
    response = client.post(url, _unit_form(world.lucknow_range, parent=zone.pk))
    assert response.status_code == 302, response.content[:2000]
    world.hazratganj.refresh_from_db()
    assert world.hazratganj.path == "/UP/Z-LKO/R-LUCKNOW/D-162/PS-162-HAZRATGANJ/"


def test_a_bad_placement_is_a_form_error_not_a_crash(world):
    client = _client_for(world.administrator)
    url = f"/admin/directory/unit/{world.hazratganj.pk}/change/"
    response = client.post(url, _unit_form(world.hazratganj, parent=world.agra_range.pk))
    assert response.status_code == 200
    assert "cannot sit under" in response.content.decode()
    world.hazratganj.refresh_from_db()
    assert world.hazratganj.parent == world.lucknow


def test_units_are_deactivated_not_deleted(world):
    client = _client_for(world.administrator)
    page = client.get("/admin/directory/unit/").content.decode()
    assert "delete_selected" not in page
    response = client.post(
        "/admin/directory/unit/",
        {"action": "deactivate", "_selected_action": [world.hazratganj.pk]},
    )
    assert response.status_code == 302
    world.hazratganj.refresh_from_db()
    assert not world.hazratganj.is_active
    assert client.get(f"/admin/directory/unit/{world.hazratganj.pk}/delete/").status_code == 403


def test_the_event_log_cannot_be_edited_in_the_admin(world):
    client = _client_for(world.administrator)
    complaint = register(world.lucknow)
    event = complaint.events.earliest("at")
    assert client.get("/admin/complaints/event/add/").status_code == 403
    page = client.get(f"/admin/complaints/event/{event.pk}/change/")
    assert page.status_code == 200  # view only
    assert 'name="_save"' not in page.content.decode()


def test_an_administrator_adds_a_place_name_for_a_district_only(world):
    client = _client_for(world.administrator)
    ok = client.post(
        "/admin/directory/placename/add/",
        {"name": "Bhagat Singh Tiraha", "district": world.agra.pk, "kind": "locality"},
    )
    assert ok.status_code == 302
    refused = client.post(
        "/admin/directory/placename/add/",
        {"name": "Somewhere", "district": world.hazratganj.pk, "kind": "locality"},
    )
    assert refused.status_code == 200  # the form again, with its error
    blank = client.post(
        "/admin/directory/placename/add/",
        {"name": "!!!", "district": world.agra.pk, "kind": "locality"},
    )
    assert "A place name needs letters." in blank.content.decode()
    assert list(PlaceName.objects.values_list("name", flat=True)) == ["Bhagat Singh Tiraha"]
