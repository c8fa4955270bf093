"""An administrator reaches their unit's subtree, like every role: the Lucknow district's
administrator runs Lucknow and its police stations, sees nothing of Agra or HQ, cannot give
anyone more than Lucknow, and cannot act as anyone who holds more than Lucknow."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from seva.api.models import WebhookSubscription
from seva.complaints.models import ReplyTemplate, SlaTarget
from seva.directory.access import admin_people
from seva.directory.models import AuditRecord, Membership, Role, SocialHandle, Unit
from seva.directory.services import handle_map, membership_grant
from tests.complaints.helpers import register
from tests.personas import PASSWORD, sign_in


def _signed_in(user: User) -> Client:
    client = Client()
    assert sign_in(client, user).status_code == 302
    return client


@pytest.fixture
def lucknow_admin(world) -> Client:
    return _signed_in(world.lucknow_administrator)


def test_another_districts_pages_are_404_or_empty(world, lucknow_admin):
    ours = register(world.lucknow, text="Lucknow complaint")
    theirs = register(world.agra, text="Agra complaint")
    handle_map(handle="agrapolice", unit=world.agra)
    handle_map(handle="lucknowpolice", unit=world.lucknow)
    page = lucknow_admin.get("/admin/complaints/complaint/").content.decode()
    assert ours.code in page
    assert theirs.code not in page
    assert lucknow_admin.get(f"/admin/complaints/complaint/{theirs.pk}/change/").status_code == 404
    event = theirs.events.earliest("at")
    assert lucknow_admin.get(f"/admin/complaints/event/{event.pk}/change/").status_code == 404
    assert theirs.code not in lucknow_admin.get("/admin/complaints/event/").content.decode()
    units = lucknow_admin.get("/admin/directory/unit/").content.decode()
    assert "PS-162-HAZRATGANJ" in units
    assert "D-118" not in units
    assert lucknow_admin.get(f"/admin/directory/unit/{world.agra.pk}/change/").status_code == 404
    handles = lucknow_admin.get("/admin/directory/socialhandle/").content.decode()
    assert "lucknowpolice" in handles
    assert "agrapolice" not in handles
    memberships = lucknow_admin.get("/admin/directory/membership/").content.decode()
    assert ">hazratganj_officer<" in memberships
    assert ">agra_officer<" not in memberships
    assert ">hq_reviewer<" not in memberships


def test_people_beyond_the_district_are_out_of_reach(world, lucknow_admin):
    people = set(admin_people(world.lucknow_administrator).values_list("username", flat=True))
    assert people == {
        "lucknow_officer",
        "hazratganj_officer",
        "lucknow_administrator",
    }
    listing = lucknow_admin.get("/admin/auth/user/").content.decode()
    assert ">hazratganj_officer<" in listing
    assert ">hq_reviewer<" not in listing
    for person in (world.hq_reviewer, world.agra_officer, world.administrator):
        assert lucknow_admin.get(f"/admin/auth/user/{person.pk}/change/").status_code == 404
        response = lucknow_admin.post(
            f"/admin/auth/user/{person.pk}/password/",
            {"password1": "a new pass phrase 42", "password2": "a new pass phrase 42"},
        )
        assert response.status_code == 404
        person.refresh_from_db()
        assert person.check_password(PASSWORD)
    # A Lucknow officer who also audits the state is beyond Lucknow's administrator.
    membership_grant(user=world.lucknow_officer, unit=world.hq, role=Role.AUDITOR)
    url = f"/admin/auth/user/{world.lucknow_officer.pk}/change/"
    assert lucknow_admin.get(url).status_code == 404


def test_a_district_administrator_resets_a_station_officers_password(world, lucknow_admin):
    person = world.hazratganj_officer
    response = lucknow_admin.post(
        f"/admin/auth/user/{person.pk}/password/",
        {"password1": "a new pass phrase 42", "password2": "a new pass phrase 42"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a new pass phrase 42")


def _membership_form(person: User, unit: Unit, role: Role) -> dict[str, object]:
    return {"user": person.pk, "unit": unit.pk, "role": role, "is_active": "on"}


def test_memberships_are_granted_within_reach_only(world, lucknow_admin):
    newcomer = User.objects.create_user(username="newcomer", password=PASSWORD)
    membership_grant(user=newcomer, unit=world.lucknow, role=Role.AUDITOR)
    url = "/admin/directory/membership/add/"
    refused = [
        _membership_form(newcomer, world.agra, Role.UNIT_OFFICER),  # outside
        _membership_form(newcomer, world.hq, Role.AUDITOR),  # above
        _membership_form(newcomer, world.lucknow, Role.HQ_REVIEWER),  # an HQ role
        _membership_form(newcomer, world.lucknow, Role.HQ_OPERATOR),
        _membership_form(world.hq_reviewer, world.lucknow, Role.UNIT_OFFICER),  # their person
        _membership_form(world.lucknow_administrator, world.lucknow, Role.UNIT_OFFICER),  # self
    ]
    for form in refused:
        response = lucknow_admin.post(url, form)
        assert response.status_code == 200, form  # the form again, with its error
    assert list(Membership.objects.filter(user=newcomer).values_list("role", flat=True)) == [
        Role.AUDITOR
    ]
    assert not Membership.objects.filter(user=world.hq_reviewer, unit=world.lucknow).exists()
    assert not Membership.objects.filter(
        user=world.lucknow_administrator, role=Role.UNIT_OFFICER
    ).exists()
    granted = lucknow_admin.post(
        url, _membership_form(newcomer, world.hazratganj, Role.UNIT_OFFICER)
    )
    assert granted.status_code == 302
    membership = Membership.objects.get(user=newcomer, unit=world.hazratganj)
    assert membership.role == Role.UNIT_OFFICER
    record = AuditRecord.objects.get(type="membership.granted")  # membership_grant: setup
    assert record.actor == world.lucknow_administrator
    assert record.person == newcomer
    assert record.data["unit"] == "PS-162-HAZRATGANJ"
    # Giving someone the administrator role at Lucknow is within reach; they become staff.
    lucknow_admin.post(url, _membership_form(newcomer, world.lucknow, Role.ADMINISTRATOR))
    newcomer.refresh_from_db()
    assert newcomer.is_staff


def test_a_membership_cannot_be_moved_out_of_reach(world, lucknow_admin):
    membership = Membership.objects.get(user=world.hazratganj_officer)
    url = f"/admin/directory/membership/{membership.pk}/change/"
    response = lucknow_admin.post(
        url, _membership_form(world.hazratganj_officer, world.agra, Role.UNIT_OFFICER)
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.unit == world.hazratganj
    theirs = Membership.objects.get(user=world.agra_officer)
    assert lucknow_admin.get(f"/admin/directory/membership/{theirs.pk}/change/").status_code == 404
    withdrawn = _membership_form(world.hazratganj_officer, world.hazratganj, Role.UNIT_OFFICER)
    del withdrawn["is_active"]
    assert lucknow_admin.post(url, withdrawn).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    record = AuditRecord.objects.get(type="membership.changed")
    assert record.data["from"]["active"] is True
    assert record.data["to"]["active"] is False


def test_a_person_is_added_with_a_membership_in_reach(world, lucknow_admin):
    form = {
        "username": "new.sho",
        "usable_password": "true",
        "password1": "a new pass phrase 42",
        "password2": "a new pass phrase 42",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-unit": world.agra.pk,
        "memberships-0-role": Role.UNIT_OFFICER,
        "memberships-0-is_active": "on",
    }
    assert lucknow_admin.post("/admin/auth/user/add/", form).status_code == 200
    alone = {k: v for k, v in form.items() if not k.startswith("memberships-0-")}
    alone["memberships-TOTAL_FORMS"] = "0"
    assert lucknow_admin.post("/admin/auth/user/add/", alone).status_code == 200
    assert not User.objects.filter(username="new.sho").exists()
    form["memberships-0-unit"] = world.hazratganj.pk
    assert lucknow_admin.post("/admin/auth/user/add/", form).status_code == 302
    person = User.objects.get(username="new.sho")
    assert list(person.memberships.values_list("unit__code", flat=True)) == ["PS-162-HAZRATGANJ"]
    assert not person.is_staff


def _unit_form(unit: Unit, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "kind": unit.kind,
        "code": unit.code,
        "name_en": unit.name_en,
        "name_hi": unit.name_hi,
        "parent": unit.parent_id or "",
        "aliases": json.dumps(unit.aliases),
        "attributes": json.dumps(unit.attributes),
        "is_active": "on",
    }
    form.update(changes)
    return form


def test_units_below_the_district_are_its_administrators_own_unit_is_not(world, lucknow_admin):
    added = lucknow_admin.post(
        "/admin/directory/unit/add/",
        _unit_form(world.hazratganj, code="PS-162-MADIYAON", name_en="Madiyaon"),
    )
    assert added.status_code == 302
    assert Unit.objects.get(code="PS-162-MADIYAON").parent == world.lucknow
    elsewhere = lucknow_admin.post(
        "/admin/directory/unit/add/",
        _unit_form(world.hazratganj, code="PS-118-SADAR", parent=world.agra.pk),
    )
    assert elsewhere.status_code == 200
    assert not Unit.objects.filter(code="PS-118-SADAR").exists()
    rename = lucknow_admin.post(
        f"/admin/directory/unit/{world.lucknow.pk}/change/",
        _unit_form(world.lucknow, name_en="Renamed", parent=world.agra_range.pk),
    )
    assert rename.status_code == 403  # their own unit is changed from above
    world.lucknow.refresh_from_db()
    assert world.lucknow.name_en == "Lucknow"
    lucknow_admin.post(
        "/admin/directory/unit/",
        {"action": "deactivate", "_selected_action": [world.lucknow.pk, world.hazratganj.pk]},
    )
    world.lucknow.refresh_from_db()
    world.hazratganj.refresh_from_db()
    assert world.lucknow.is_active
    assert not world.hazratganj.is_active


def test_global_configuration_is_the_state_administrators(world, lucknow_admin):
    assert lucknow_admin.get("/admin/complaints/slatarget/").status_code == 200  # read
    assert lucknow_admin.get("/admin/complaints/replytemplate/").status_code == 200
    for url in (
        "/admin/complaints/slatarget/add/",
        "/admin/complaints/replytemplate/add/",
        "/admin/directory/placename/add/",
        "/admin/directory/auditrecord/",
        "/admin/django_tasks_database/dbtaskresult/",
    ):
        assert lucknow_admin.get(url).status_code == 403, url
    form = {"category": "cyber_fraud", "first_action_minutes": 1, "resolution_minutes": 2}
    assert lucknow_admin.post("/admin/complaints/slatarget/add/", form).status_code == 403
    state = _signed_in(world.administrator)
    assert state.post("/admin/complaints/slatarget/add/", form).status_code == 302
    assert SlaTarget.objects.filter(first_action_minutes=1).exists()
    template = ReplyTemplate.objects.get(key="closure", language="en")
    url = f"/admin/complaints/replytemplate/{template.pk}/change/"
    change = {"key": "closure", "language": "en", "body": "Gone {code}", "is_active": "on"}
    assert lucknow_admin.post(url, change).status_code == 403
    assert ReplyTemplate.objects.get(pk=template.pk).body == template.body


def test_monitored_handles_are_the_state_administrators(world, lucknow_admin):
    response = lucknow_admin.post(
        "/admin/directory/socialhandle/add/",
        {
            "platform": "x",
            "handle": "lkohazratganj",
            "unit": world.hazratganj.pk,
            "is_monitored": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    handle = SocialHandle.objects.get(handle="lkohazratganj")
    assert not handle.is_monitored  # read-only below the state HQ


def test_webhooks_below_the_state_name_a_unit_in_reach(world, lucknow_admin):
    form = {
        "name": "district app",
        "url": "https://example.com/hook",
        "secret": "s",
        "event_types": "[]",
        "is_active": "on",
    }
    url = "/admin/api/webhooksubscription/add/"
    assert lucknow_admin.post(url, form).status_code == 200  # the whole state: refused
    assert lucknow_admin.post(url, {**form, "unit": world.agra.pk}).status_code == 200
    assert not WebhookSubscription.objects.exists()
    assert lucknow_admin.post(url, {**form, "unit": world.lucknow.pk}).status_code == 302
    state_wide = WebhookSubscription.objects.create(name="state", url="https://e.x/", secret="s")
    listing = lucknow_admin.get("/admin/api/webhooksubscription/").content.decode()
    assert "district app" in listing
    assert f"/{state_wide.pk}/change/" not in listing


def test_autocomplete_offers_only_what_is_in_reach(world, lucknow_admin):
    def offered(model_name: str, field_name: str) -> set[str]:
        response = lucknow_admin.get(
            "/admin/autocomplete/",
            {"app_label": "directory", "model_name": model_name, "field_name": field_name},
        )
        assert response.status_code == 200
        return {row["text"] for row in response.json()["results"]}

    assert offered("membership", "unit") == {"Lucknow", "Hazratganj"}
    assert "hq_reviewer" not in offered("membership", "user")
    assert "hazratganj_officer" in offered("membership", "user")


def test_a_person_without_any_role_is_the_state_administrators(world, lucknow_admin):
    loner = User.objects.create_user(username="loner", password=PASSWORD)
    assert lucknow_admin.get(f"/admin/auth/user/{loner.pk}/change/").status_code == 404
    state = _signed_in(world.administrator)
    assert state.get(f"/admin/auth/user/{loner.pk}/change/").status_code == 200
