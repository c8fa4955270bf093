"""Two-factor sign-in: required for HQ and administrators (a setting for the rest), set up on
the first sign-in, recovery codes that work once, wrong codes counted by the lockout, and a
new session key at each step."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.directory.twofactor import (
    check_two_factor_roles,
    recovery_codes_issue,
    recovery_codes_left,
)
from tests.desk.helpers import signed_in
from tests.personas import PASSWORD, authenticator, current_code

LIMIT = 5


def _password(client: Client, user) -> str:
    """The password step; where it sends the person next."""
    response = client.post("/desk/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response["Location"]


def _code(client: Client, token: str, step: str = "/desk/login/code/"):
    return client.post(step, {"token": token})


def _signed_in_as(client: Client) -> str | None:
    session = client.session
    return session.get("_auth_user_id")


def _wrong_code(device: TOTPDevice) -> str:
    """A code the device would not accept now (it takes its step and one either side)."""
    valid = {totp(device.bin_key, t0=shift * device.step) for shift in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1, 10) if n not in valid)


@pytest.mark.parametrize("person", ["hq_operator", "hq_reviewer", "administrator"])
def test_hq_and_administrators_reach_nothing_with_the_password_alone(world, person):
    user = getattr(world, person)
    user.is_staff = person == "administrator"
    user.save()
    authenticator(user)
    client = Client()
    assert _password(client, user) == "/desk/login/code/"
    assert _signed_in_as(client) is None
    for page in ("/desk/", "/desk/triage/", "/command/", "/desk/two-factor/"):
        assert client.get(page)["Location"].startswith("/desk/login/?next="), page
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/desk/login/?next=/admin/"


@pytest.mark.parametrize("person", ["hq_operator", "administrator"])
def test_a_session_signed_in_without_the_second_factor_is_ended(world, person):
    # A session from before two-factor sign-in, or one made some other way: the next request
    # ends it, whatever page it asks for.
    user = getattr(world, person)
    user.is_staff = person == "administrator"
    user.save()
    client = Client()
    client.force_login(user)
    target = "/admin/" if user.is_staff else "/desk/"
    assert client.get(target)["Location"] == f"/desk/login/?next={target}"
    assert _signed_in_as(client) is None


def test_the_code_signs_in_with_a_new_session_key_at_each_step(world):
    device = authenticator(world.hq_operator)
    planted = SessionStore()
    planted.create()  # a key an attacker made and planted in the victim's browser
    client = Client()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = str(planted.session_key)
    _password(client, world.hq_operator)
    halfway = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert halfway != planted.session_key
    response = _code(client, current_code(device))
    assert response["Location"] == "/desk/"
    signed = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert signed not in {halfway, planted.session_key}
    assert not SessionStore().exists(halfway)
    assert _signed_in_as(client) == str(world.hq_operator.pk)
    assert client.get("/desk/triage/").status_code == 200


def test_the_key_changes_for_people_without_a_second_factor_too(world):
    planted = SessionStore()
    planted.create()
    client = Client()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = str(planted.session_key)
    assert _password(client, world.lucknow_officer) == "/desk/"
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value != planted.session_key


def test_next_survives_the_second_step(world):
    device = authenticator(world.hq_reviewer)
    client = Client()
    response = client.post(
        "/desk/login/",
        {"username": "hq_reviewer", "password": PASSWORD, "next": "/desk/review/"},
    )
    assert response["Location"] == "/desk/login/code/"
    assert _code(client, current_code(device))["Location"] == "/desk/review/"


def test_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes_once(world):
    client = Client()
    assert _password(client, world.hq_reviewer) == "/desk/login/setup/"
    page = client.get("/desk/login/setup/")
    assert "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert re.search(r'<img class="qr" src="data:image/svg\+xml;charset=utf-8,%3Csvg', body)
    shown = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', body)
    assert shown is not None
    key = shown.group(1)
    device = TOTPDevice.objects.get(user=world.hq_reviewer)
    assert not device.confirmed
    assert key.replace(" ", "") in device.config_url
    # Reloading shows the same key; the device is not theirs until a code proves the scan.
    again = client.get("/desk/login/setup/").content.decode()
    assert f'<code class="key">{key}</code>' in again
    assert _signed_in_as(client) is None
    assert client.get("/desk/").status_code == 302

    refused = _code(client, _wrong_code(device), "/desk/login/setup/")
    assert refused.status_code == 200
    assert "That code did not work" in refused.content.decode()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):
        done = _code(client, current_code(device), "/desk/login/setup/")
        assert done.status_code == 200
        codes = re.findall(r"<code>([a-z2-7]{4})-([a-z2-7]{4})</code>", done.content.decode())
        assert len(codes) == 10
        assert "no-store" in done["Cache-Control"]
        assert _signed_in_as(client) == str(world.hq_reviewer.pk)
        assert client.get("/desk/review/").status_code == 200
        device.refresh_from_db()
        assert device.confirmed
        status = client.get("/desk/two-factor/").content.decode()
        assert "You have 10 recovery codes left." in status
        assert not any(first + "-" + second in status for first, second in codes)


def test_a_second_sign_in_starts_with_a_fresh_key(world):
    # A key shown to an abandoned sign-in (someone else with the password?) never becomes
    # the person's second factor.
    first = Client()
    _password(first, world.hq_reviewer)
    first.get("/desk/login/setup/")
    abandoned = TOTPDevice.objects.get(user=world.hq_reviewer)
    second = Client()
    _password(second, world.hq_reviewer)
    second.get("/desk/login/setup/")
    fresh = TOTPDevice.objects.get(user=world.hq_reviewer)
    assert fresh.pk != abandoned.pk
    assert fresh.key != abandoned.key
    # The abandoned sign-in cannot finish with the old key.
    response = _code(first, current_code(abandoned), "/desk/login/setup/")
    assert _signed_in_as(first) is None
    assert response.status_code == 200


def test_a_recovery_code_works_once(world):
    authenticator(world.hq_operator)
    codes = recovery_codes_issue(user=world.hq_operator)
    client = Client()
    _password(client, world.hq_operator)
    typed = f"{codes[3][:4].upper()}-{codes[3][4:].upper()}"  # as read off a printout
    assert _code(client, typed)["Location"] == "/desk/"
    assert recovery_codes_left(world.hq_operator) == 9
    client.post("/desk/logout/")
    again = Client()
    _password(again, world.hq_operator)
    refused = _code(again, codes[3])
    assert refused.status_code == 200
    assert "That code did not work" in refused.content.decode()
    assert _signed_in_as(again) is None


def test_an_accepted_code_is_refused_the_second_time(world):
    device = authenticator(world.hq_operator)
    code = current_code(device)
    client = Client()
    _password(client, world.hq_operator)
    assert _code(client, code)["Location"] == "/desk/"
    other = Client()
    _password(other, world.hq_operator)
    assert _code(other, code).status_code == 200  # refused: a replay
    assert _signed_in_as(other) is None


def test_wrong_codes_lock_the_account_like_wrong_passwords(world):
    device = authenticator(world.hq_operator)
    client = Client(REMOTE_ADDR="203.0.113.5")
    _password(client, world.hq_operator)
    answers = [_code(client, _wrong_code(device)).status_code for _ in range(LIMIT)]
    assert answers == [200] * (LIMIT - 1) + [429]
    # The right code no longer helps, nor does starting again from another address.
    assert _code(client, current_code(device)).status_code == 429
    assert _signed_in_as(client) is None
    elsewhere = Client(REMOTE_ADDR="203.0.113.6")
    response = elsewhere.post("/desk/login/", {"username": "hq_operator", "password": PASSWORD})
    assert response.status_code == 429
    call_command("axes_reset_username", "hq_operator")
    assert _password(elsewhere, world.hq_operator) == "/desk/login/code/"


def test_the_half_way_state_expires(world):
    device = authenticator(world.hq_operator)
    client = Client()
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        _password(client, world.hq_operator)
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        assert _code(client, current_code(device))["Location"] == "/desk/login/"
        assert _signed_in_as(client) is None


def test_other_roles_sign_in_with_the_password_alone_by_default(world):
    assert _password(Client(), world.lucknow_officer) == "/desk/"
    assert _password(Client(), world.auditor) == "/desk/"


def test_the_setting_requires_a_second_factor_of_more_roles(world, settings):
    settings.SEVA_2FA_REQUIRED_ROLES = ["unit_officer"]
    assert _password(Client(), world.lucknow_officer) == "/desk/login/setup/"
    assert _password(Client(), world.auditor) == "/desk/"
    # The HQ roles and administrators are not left out by a list that omits them.
    authenticator(world.administrator)
    assert _password(Client(), world.administrator) == "/desk/login/code/"
    settings.SEVA_2FA_REQUIRED_ROLES = ["all"]
    assert _password(Client(), world.auditor) == "/desk/login/setup/"


def test_a_person_with_an_authenticator_uses_it_even_when_not_required(world):
    device = authenticator(world.lucknow_officer)
    client = Client()
    assert _password(client, world.lucknow_officer) == "/desk/login/code/"
    assert _code(client, current_code(device))["Location"] == "/desk/"


def test_an_unknown_role_in_the_setting_stops_the_server(settings):
    settings.SEVA_2FA_REQUIRED_ROLES = ["unit_oficer"]
    errors = check_two_factor_roles()
    assert [error.id for error in errors] == ["directory.E001"]
    assert "unit_oficer" in errors[0].msg


def test_the_admin_needs_the_second_factor(world):
    world.administrator.is_staff = True
    world.administrator.is_superuser = True
    world.administrator.save()
    client = signed_in(world.administrator)
    assert client.get("/admin/").status_code == 200
    # Its sign-in page sends people to the desk's, and never to another site.
    anonymous = Client()
    assert anonymous.get("/admin/login/?next=//evil.example/")["Location"] == (
        "/desk/login/?next=/admin/"
    )
    # A verified officer who is not staff is refused, not sent round in circles.
    officer = signed_in(world.lucknow_officer)
    assert officer.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert officer.get("/admin/login/?next=/admin/").status_code == 403


def test_a_reset_ends_the_sessions_and_the_next_sign_in_sets_up_again(world):
    client = signed_in(world.hq_operator)
    recovery_codes_issue(user=world.hq_operator)
    assert client.get("/desk/").status_code == 200
    call_command("two_factor_reset", "hq_operator", stdout=io.StringIO())
    assert client.get("/desk/")["Location"] == "/desk/login/?next=/desk/"
    assert recovery_codes_left(world.hq_operator) == 0
    assert _password(Client(), world.hq_operator) == "/desk/login/setup/"


def test_the_admin_resets_a_second_factor_and_never_shows_a_key(world):
    device = authenticator(world.hq_reviewer)
    world.administrator.is_staff = True
    world.administrator.save()
    admin = signed_in(world.administrator)
    page = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert admin.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert admin.get("/admin/otp_static/staticdevice/").status_code == 404
    response = admin.post(
        "/admin/otp_totp/totpdevice/", {"action": "reset", "_selected_action": [device.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.hq_reviewer).exists()


def test_new_recovery_codes_replace_the_old_ones(world):
    old = recovery_codes_issue(user=world.hq_operator)
    client = signed_in(world.hq_operator)
    response = client.post("/desk/two-factor/")
    new = ["".join(pair) for pair in re.findall(r"<code>(\w{4})-(\w{4})</code>", response.text)]
    assert len(new) == 10
    assert not set(new) & set(old)
    assert recovery_codes_left(world.hq_operator) == 10
    # Only a session verified by its second factor may make new ones.
    assert signed_in(world.lucknow_officer).post("/desk/two-factor/").status_code == 403


@pytest.mark.parametrize("typed", ["ab\x00cdefg", "9" * 33, "", " - ", "١٢٣٤٥٦"])
def test_hostile_codes_are_refused_without_an_error(world, typed):
    authenticator(world.hq_operator)
    client = Client()
    _password(client, world.hq_operator)
    # The form again; a NUL never reaches the form (refused in one place, before any view).
    assert _code(client, typed).status_code == (400 if "\x00" in typed else 200)
    assert _signed_in_as(client) is None
