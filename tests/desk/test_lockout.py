"""Password guessing: a lock per account (whatever the address) and per client address
(whatever the account), a clear page, the wait, and an administrator's unlock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from tests.desk.helpers import signed_in
from tests.personas import PASSWORD, sign_in

LIMIT = 5  # SEVA_SIGNIN_FAILURE_LIMIT's default
WRONG = "not the password"


def _from(address: str, **headers: Any) -> Client:
    """A client at `address` (documentation addresses: no traffic leaves the test)."""
    return Client(REMOTE_ADDR=address, **headers)


def _password(client: Client, username: str, password: str | None = None) -> int:
    """One password attempt (a wrong one unless `password` is given); its status code."""
    typed = password or WRONG
    return client.post("/desk/login/", {"username": username, "password": typed}).status_code


def _signs_in(client: Client, user) -> bool:
    response = sign_in(client, user)
    return bool(response.status_code == 302 and response["Location"] == "/desk/")


def test_one_account_locks_after_the_limit_whatever_the_address(world):
    answers = [_password(_from(f"203.0.113.{n}"), "lucknow_officer") for n in range(1, LIMIT + 1)]
    assert answers == [200] * (LIMIT - 1) + [429]
    # The right password, from yet another address, is refused too: the account is locked.
    late = _from("203.0.113.99")
    response = late.post("/desk/login/", {"username": "lucknow_officer", "password": PASSWORD})
    assert response.status_code == 429
    assert late.get("/desk/").status_code == 302  # not signed in
    # Each address made one attempt: another account signs in from the same address.
    assert _signs_in(_from("203.0.113.1"), world.agra_officer)


def test_one_client_locks_after_the_limit_whatever_the_accounts(world):
    guesser = _from("198.51.100.7")
    names = ["lucknow_officer", "agra_officer", "auditor", "nobody", "admin"]
    answers = [_password(guesser, name) for name in names]
    assert answers == [200] * (LIMIT - 1) + [429]
    # Now every account is refused from there, with its right password...
    assert not _signs_in(guesser, world.hazratganj_officer)
    assert _password(guesser, "senior_officer", PASSWORD) == 429
    # ...and the same accounts sign in from elsewhere (one failure each is below the limit).
    assert _signs_in(_from("198.51.100.8"), world.lucknow_officer)


def test_behind_a_proxy_the_client_is_the_address_the_proxy_wrote(world, settings):
    settings.SEVA_CLIENT_IP_HEADER = "X-Forwarded-For"

    def via_proxy(client_address: str) -> Client:
        # Everything arrives from the proxy's socket; the client can prepend what it likes,
        # the proxy appends the address it saw (the right-most entry).
        return _from("127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_address}")

    for name in ["lucknow_officer", "agra_officer", "auditor", "nobody", "admin"]:
        _password(via_proxy("198.51.100.20"), name)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    assert _password(via_proxy("198.51.100.20"), "senior_officer", PASSWORD) == 429
    assert _signs_in(via_proxy("198.51.100.21"), world.senior_officer)


def test_without_the_proxy_setting_the_header_is_ignored(world):
    # A client cannot dodge the per-client lock by sending its own X-Forwarded-For.
    for n, name in enumerate(["lucknow_officer", "agra_officer", "auditor", "nobody", "admin"]):
        _password(_from("198.51.100.30", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), name)
    dodge = _from("198.51.100.30", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert _password(dodge, "senior_officer", PASSWORD) == 429


def test_the_lockout_page_says_what_happened_and_what_to_do(world):
    client = _from("203.0.113.50")
    for _ in range(LIMIT - 1):
        _password(client, "lucknow_officer")
    response = client.post("/desk/login/", {"username": "lucknow_officer", "password": "x"})
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "Too many failed sign-ins for this account or from this network." in page
    assert "paused for 15 minutes" in page
    assert "ask your administrator to unlock your account" in page
    # The same page for an account that does not exist: it tells a guesser nothing.
    stranger = _from("203.0.113.51")
    for _ in range(LIMIT - 1):
        _password(stranger, "no_such_person")
    other = stranger.post("/desk/login/", {"username": "no_such_person", "password": "x"})
    assert other.status_code == 429
    assert "Too many failed sign-ins" in other.content.decode()


def test_a_lock_ends_after_the_wait(world):
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(LIMIT):
            _password(_from(f"203.0.113.{n + 60}"), "lucknow_officer")
        assert not _signs_in(_from("203.0.113.70"), world.lucknow_officer)
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert not _signs_in(_from("203.0.113.71"), world.lucknow_officer)
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        assert _signs_in(_from("203.0.113.72"), world.lucknow_officer)


def test_with_no_wait_set_the_lock_holds_until_an_administrator_lifts_it(world, settings):
    settings.AXES_COOLOFF_TIME = None  # what SEVA_SIGNIN_LOCKOUT_MINUTES=0 sets
    settings.SEVA_SIGNIN_LOCKOUT_MINUTES = 0
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(LIMIT):
            _password(_from(f"203.0.113.{n + 80}"), "lucknow_officer")
    with time_machine.travel(start + dt.timedelta(days=2), tick=False):
        locked = _from("203.0.113.90")
        response = locked.post(
            "/desk/login/", {"username": "lucknow_officer", "password": PASSWORD}
        )
        assert response.status_code == 429
        assert "until an administrator lifts the lock" in response.content.decode()
        call_command("axes_reset_username", "lucknow_officer")
        assert _signs_in(_from("203.0.113.90"), world.lucknow_officer)


def test_an_administrator_unlocks_an_account_with_the_command(world):
    for n in range(LIMIT):
        _password(_from(f"203.0.113.{n + 100}"), "lucknow_officer")
    assert not _signs_in(_from("203.0.113.110"), world.lucknow_officer)
    call_command("axes_reset_username", "lucknow_officer")
    assert _signs_in(_from("203.0.113.110"), world.lucknow_officer)


def test_an_administrator_unlocks_an_account_in_the_admin(world):
    for n in range(LIMIT):
        _password(_from(f"203.0.113.{n + 120}"), "lucknow_officer")
    assert not _signs_in(_from("203.0.113.130"), world.lucknow_officer)
    world.administrator.is_staff = True
    world.administrator.save()
    admin = signed_in(world.administrator)
    listing = admin.get("/admin/axes/accessattempt/?q=lucknow_officer")
    assert listing.status_code == 200
    assert "Locked Out" in listing.content.decode()
    rows = list(AccessAttempt.objects.filter(username="lucknow_officer").values_list("pk"))
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [pk for (pk,) in rows], "post": "yes"},
    )
    assert response.status_code == 302
    assert _signs_in(_from("203.0.113.130"), world.lucknow_officer)
    # The record of who signed in, from where, is kept and cannot be deleted.
    assert admin.get("/admin/axes/accesslog/").status_code == 200
    assert "delete_selected" not in admin.get("/admin/axes/accesslog/").content.decode()


@pytest.mark.parametrize("person", ["hq_operator", "lucknow_officer"])
def test_officers_do_not_see_the_lockout_records(world, person):
    user = getattr(world, person)
    user.is_staff = True
    user.save()
    client = signed_in(user)
    for page in ("/admin/axes/accessattempt/", "/admin/otp_totp/totpdevice/"):
        assert client.get(page, follow=True).status_code == 403  # via the admin's sign-in
