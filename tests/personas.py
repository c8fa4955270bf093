"""The people and places tests talk about: a small slice of Uttar Pradesh.

HQ at the top; Lucknow (with the Hazratganj police station) under the Lucknow range; Agra under
the Agra range; a health department with one office. One person per role, and the Agra officer
as the outsider who must never see Lucknow's complaints; the Lucknow district's administrator
runs its subtree only. Administrators are staff (the membership makes them so); nobody else is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from seva.directory.models import Role, Unit, UnitKind
from seva.directory.services import membership_grant, unit_create

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    hq: Unit
    lucknow_range: Unit
    lucknow: Unit
    hazratganj: Unit
    agra_range: Unit
    agra: Unit
    health: Unit
    health_office: Unit
    hq_operator: User
    hq_reviewer: User
    lucknow_officer: User
    hazratganj_officer: User
    agra_officer: User
    senior_officer: User  # Lucknow range
    auditor: User
    administrator: User  # at the state HQ: a root administrator
    lucknow_administrator: User


def make_person(username: str, role: Role, unit: Unit) -> User:
    user: User = get_user_model().objects.create_user(username=username, password=PASSWORD)
    membership_grant(user=user, unit=unit, role=role)
    return user


def build_world() -> World:
    hq = unit_create(
        kind=UnitKind.STATE_HQ,
        code="UP",
        name_en="UP Police HQ",
        name_hi="उ.प्र. पुलिस मुख्यालय",
        parent=None,
        code_prefix="UP",
    )
    lucknow_range = unit_create(
        kind=UnitKind.RANGE, code="R-LUCKNOW", name_en="Lucknow", name_hi="लखनऊ", parent=hq
    )
    lucknow = unit_create(
        kind=UnitKind.DISTRICT,
        code="D-162",
        name_en="Lucknow",
        name_hi="लखनऊ",
        parent=lucknow_range,
        code_prefix="LKN",
        lgd_code=162,
    )
    hazratganj = unit_create(
        kind=UnitKind.POLICE_STATION,
        code="PS-162-HAZRATGANJ",
        name_en="Hazratganj",
        name_hi="हजरतगंज",
        parent=lucknow,
    )
    agra_range = unit_create(kind=UnitKind.RANGE, code="R-AGRA", name_en="Agra", parent=hq)
    agra = unit_create(
        kind=UnitKind.DISTRICT,
        code="D-118",
        name_en="Agra",
        name_hi="आगरा",
        parent=agra_range,
        code_prefix="AGR",
        lgd_code=118,
    )
    health = unit_create(
        kind=UnitKind.DEPARTMENT, code="DEPT-HEALTH", name_en="Health Department", parent=hq
    )
    health_office = unit_create(
        kind=UnitKind.OFFICE, code="OFF-HEALTH-LKO", name_en="CMO Lucknow", parent=health
    )
    return World(
        hq=hq,
        lucknow_range=lucknow_range,
        lucknow=lucknow,
        hazratganj=hazratganj,
        agra_range=agra_range,
        agra=agra,
        health=health,
        health_office=health_office,
        hq_operator=make_person("hq_operator", Role.HQ_OPERATOR, hq),
        hq_reviewer=make_person("hq_reviewer", Role.HQ_REVIEWER, hq),
        lucknow_officer=make_person("lucknow_officer", Role.UNIT_OFFICER, lucknow),
        hazratganj_officer=make_person("hazratganj_officer", Role.UNIT_OFFICER, hazratganj),
        agra_officer=make_person("agra_officer", Role.UNIT_OFFICER, agra),
        senior_officer=make_person("senior_officer", Role.SENIOR_OFFICER, lucknow_range),
        auditor=make_person("auditor", Role.AUDITOR, hq),
        administrator=make_person("administrator", Role.ADMINISTRATOR, hq),
        lucknow_administrator=make_person("lucknow_administrator", Role.ADMINISTRATOR, lucknow),
    )


# --- Signing in -----------------------------------------------------------------------------
# HQ people and administrators sign in with a second factor. Tests sign in through the real
# forms: the password, then a code computed here from the person's authenticator key.


def authenticator(user: User) -> Any:
    """The person's confirmed authenticator (TOTP device), set up on first use."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: Any) -> str:
    """The authenticator app's code right now. An accepted code is refused the second time
    (django-otp remembers its time step), and tests sign the same person in many times within
    one 30-second step: the device forgets its last step first, as a new step would."""
    from django_otp.oath import totp

    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client: Client, user: User, *, password: str = PASSWORD, **extra: Any) -> Any:
    """Sign `user` in through the desk's forms, with the second factor when they need one.
    `extra` goes into each POST (a CSRF token). Returns the last response."""
    from seva.directory.access import forget_grants
    from seva.directory.twofactor import two_factor_required

    forget_grants(user)  # roles may have changed since this object last looked
    if two_factor_required(user):
        authenticator(user)  # set up already, as at an earlier sign-in
    response = client.post(
        "/desk/login/", {"username": user.username, "password": password, **extra}
    )
    if response.status_code == 302 and response["Location"].startswith("/desk/login/code/"):
        token = current_code(authenticator(user))
        response = client.post("/desk/login/code/", {"token": token, **extra})
    return response
