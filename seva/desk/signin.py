"""The sign-in between its two steps, and its lockout.

After the right password, a person who needs a second factor is *not* signed in: the session
only remembers, for five minutes, who is half-way (their id, the digest of their password that
Django puts in sessions, and where to go next). Every page that needs a person still sees an
anonymous visitor. Only the second step calls `django.contrib.auth.login`, which gives the
session a new key, and then marks it verified by the device that accepted the code
(`django_otp.login`). The session key also changes when the password step succeeds, so a key
planted before the sign-in is worth nothing at any step.

Lockout (django-axes): a wrong password is counted by axes' backend; a wrong second-factor
code is counted here through the same `user_login_failed` signal, against the same account
and client. Either lock refuses both steps until it ends or an administrator lifts it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp.models import Device

from seva.core.ratelimit import client_address
from seva.core.timeutil import now

PENDING_KEY = "seva_signin_pending"
PENDING_SECONDS = 300  # long enough to open the app and type a code; short for a left-open tab


@dataclass(frozen=True)
class Pending:
    """A person who gave the right password and still owes the second factor."""

    user: User
    next_url: str
    backend: str
    device_id: int | None  # the authenticator shown to them for enrolment, if any


def signin_pending_start(request: HttpRequest, *, user: User, next_url: str) -> None:
    """Remember `user` as half-way through signing in, under a new session key."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "hash": user.get_session_auth_hash(),
        "at": int(now().timestamp()),
        "next": next_url,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "device": None,
    }


def signin_pending(request: HttpRequest) -> Pending | None:
    """The person half-way through signing in with this session, or None when there is none,
    it is older than PENDING_SECONDS, or the person changed (deactivated, new password)."""
    state = request.session.get(PENDING_KEY)
    if not isinstance(state, dict):
        return None
    if int(now().timestamp()) - int(state.get("at", 0)) > PENDING_SECONDS:
        signin_pending_clear(request)
        return None
    user = User.objects.filter(pk=int(state.get("user") or 0), is_active=True).first()
    if user is None or user.get_session_auth_hash() != state.get("hash"):
        signin_pending_clear(request)
        return None
    return Pending(
        user=user,
        next_url=str(state.get("next") or ""),
        backend=str(state["backend"]),
        device_id=state.get("device"),
    )


def signin_pending_remember_device(request: HttpRequest, device_id: int) -> None:
    """The authenticator being set up in this sign-in (shown again if the page reloads)."""
    state = dict(request.session[PENDING_KEY])
    state["device"] = device_id
    request.session[PENDING_KEY] = state


def signin_pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def signin_complete(request: HttpRequest, pending: Pending, device: Device) -> None:
    """Sign the person in: Django's login (a new session key; axes logs the sign-in), then the
    session is marked as verified by `device`."""
    signin_pending_clear(request)
    login(request, pending.user, backend=pending.backend)
    django_otp.login(request, device)


def signin_locked(request: HttpRequest, username: str) -> bool:
    """Is this account, or this client, locked out right now?"""
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def signin_failed(request: HttpRequest, username: str) -> None:
    """Count a wrong second-factor code as a failed sign-in of `username` from this client.
    When it reaches the limit, axes marks the request and its middleware answers with the
    lockout page instead of the view's."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def signin_client_address(request: HttpRequest) -> str | None:
    """The client's address for the lockout: the rate limits' own definition (the socket's
    address, or SEVA_CLIENT_IP_HEADER's right-most entry behind a proxy), or None when that is
    not an IP address (axes stores it in an address column)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
