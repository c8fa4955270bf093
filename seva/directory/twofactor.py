"""Two-factor sign-in: who must use a second factor, and the services that manage one.

A person's second factor is two django-otp devices:

- an *authenticator* (`TOTPDevice`): six-digit codes from an app on their phone (RFC 6238,
  30-second steps; one step either side is accepted for a slow clock, and a code that was
  accepted once is never accepted again);
- *recovery codes* (`StaticDevice`): ten single-use codes for the day the phone is lost.

Who must: administrators and the HQ roles always; anyone who can open the admin (staff or
superuser); and the roles listed in SEVA_2FA_REQUIRED_ROLES ("all" for everyone). A person who
has set up an authenticator is asked for it whether their role requires one or not.

django-otp keeps authenticator keys and recovery codes as they are (a key must be read to check
a code), so the database and its backups are as sensitive as the people's passwords.
"""

from __future__ import annotations

import re
from base64 import b32encode
from typing import TYPE_CHECKING, Any

import django_otp
from django.conf import settings
from django.core import checks
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.core.errors import Conflict
from seva.directory.access import access_roles
from seva.directory.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"
RECOVERY_CODE_COUNT = 10
# Required whatever SEVA_2FA_REQUIRED_ROLES says: these roles run the system or see the state.
ALWAYS_REQUIRED = frozenset({Role.ADMINISTRATOR, Role.HQ_OPERATOR, Role.HQ_REVIEWER})
EVERYONE = "all"

_TOTP_CODE = re.compile(r"[0-9]{6}")


def two_factor_required_roles() -> frozenset[Role] | None:
    """The roles that must sign in with a second factor; None when everyone must."""
    names = {name.strip().lower() for name in settings.SEVA_2FA_REQUIRED_ROLES}
    if EVERYONE in names:
        return None
    return ALWAYS_REQUIRED | {Role(name) for name in names}


def two_factor_required(user: User | AnonymousUser) -> bool:
    """Must this person sign in with a second factor?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True  # the admin reaches people, handles and settings for the whole force
    roles = two_factor_required_roles()
    return roles is None or bool(access_roles(user) & roles)


def two_factor_enrolled(user: User) -> bool:
    """Has this person set up an authenticator app?"""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def second_factor_needed(user: User) -> bool:
    """After the right password: must this person give a second factor before they are in?"""
    return two_factor_required(user) or two_factor_enrolled(user)


def authenticator_key_text(device: TOTPDevice) -> str:
    """The authenticator's key in base32 groups of four, for an app that cannot scan."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def authenticator_start(*, user: User, keep: int | None = None) -> TOTPDevice:
    """An unconfirmed authenticator for `user` to scan: the one with id `keep` when it is still
    theirs and unconfirmed (the same sign-in shows the same key again), otherwise a new one
    with a fresh key; any other unconfirmed authenticator of theirs is removed, so a key shown
    to an earlier, abandoned sign-in can never become their second factor.

    Raises Conflict when the person already has a confirmed authenticator."""
    with transaction.atomic():
        if two_factor_enrolled(user):
            raise Conflict("this person already has an authenticator")
        unconfirmed = TOTPDevice.objects.filter(user=user, confirmed=False)
        kept = unconfirmed.filter(pk=keep).first() if keep is not None else None
        unconfirmed.exclude(pk=kept.pk if kept else None).delete()
        return kept or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def authenticator_confirm(*, user: User, device_id: int, token: str) -> list[str] | None:
    """Confirm `user`'s unconfirmed authenticator `device_id` if `token` is its current code:
    it becomes their second factor and they get new recovery codes, returned here (shown once,
    to them). Returns None when the code is wrong (django-otp then throttles the device)."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device_id, user=user, confirmed=False)
            .first()
        )
        code = _normalised(token)
        if device is None or not _TOTP_CODE.fullmatch(code) or not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return recovery_codes_issue(user=user)


def recovery_codes_issue(*, user: User) -> list[str]:
    """Replace `user`'s recovery codes with RECOVERY_CODE_COUNT new ones and return them."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def second_factor_verify(*, user: User, token: str) -> Device | None:
    """The device of `user` that accepts `token`, or None. Six digits are checked against the
    authenticator, anything else against the recovery codes (a recovery code that matches is
    used up). Each device is checked under a row lock, so one code cannot be used twice at
    once; django-otp slows a device down after each failure, and the sign-in's lockout counts
    the failure too (seva.desk.signin)."""
    code = _normalised(token)
    kind: Any = TOTPDevice if _TOTP_CODE.fullmatch(code) else StaticDevice
    for device in kind.objects.filter(user=user, confirmed=True):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def two_factor_reset(*, user: User) -> int:
    """Remove `user`'s authenticator and recovery codes (a lost phone). A session they had
    signed in with it loses its second factor at its next request and is ended; their next
    sign-in sets up a new authenticator. Returns how many devices were removed."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        static, _ = StaticDevice.objects.filter(user=user).delete()
    return int(removed + static)


def _normalised(token: str) -> str:
    """People type codes with spaces or a dash ("123 456", "abcd-efgh") and in any case."""
    return re.sub(r"[\s-]+", "", token).lower()


def check_two_factor_roles(**kwargs: Any) -> list[checks.CheckMessage]:
    """A system check: every name in SEVA_2FA_REQUIRED_ROLES is a role (or "all"), so a typo
    stops the server at start instead of failing every sign-in."""
    known = {str(role) for role in Role} | {EVERYONE}
    unknown = sorted(
        name
        for name in (name.strip().lower() for name in settings.SEVA_2FA_REQUIRED_ROLES)
        if name not in known
    )
    if not unknown:
        return []
    return [
        checks.Error(
            f"SEVA_2FA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}",
            hint=f"use {', '.join(sorted(known))}",
            id="directory.E001",
        )
    ]
