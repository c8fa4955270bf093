"""The Quick start demo: people for every role and a few hundred sample complaints.

Everything goes through the same services officers and channels use, so the demo's history
(events, SLA clocks, codes) is real. Idempotent: people are updated, complaints are added only
to an empty database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.complaints.demo_samples import SAMPLES
from seva.complaints.models import Complaint
from seva.core.errors import SevaError
from seva.directory.models import Role, Unit, UnitKind
from seva.directory.services import membership_grant
from seva.directory.twofactor import (
    AUTHENTICATOR,
    RECOVERY,
    RECOVERY_CODE_COUNT,
    authenticator_key_text,
    two_factor_required,
)

DEMO_PASSWORD = "seva-demo-2016"  # noqa: S105 - printed for the demo; not a real account

# (user name, role, unit code, what they do)
DEMO_PEOPLE: tuple[tuple[str, Role, str, str], ...] = (
    ("hq.operator", Role.HQ_OPERATOR, "UP", "HQ social media cell: triage, forward, capture"),
    ("hq.reviewer", Role.HQ_REVIEWER, "UP", "HQ IT cell: review closures, reopen"),
    ("senior.lucknow", Role.SENIOR_OFFICER, "R-LUCKNOW", "Lucknow range: its districts"),
    ("officer.lucknow", Role.UNIT_OFFICER, "D-162", "Lucknow district desk"),
    ("officer.hazratganj", Role.UNIT_OFFICER, "PS-162-HAZRATGANJ", "Hazratganj police station"),
    ("officer.agra", Role.UNIT_OFFICER, "D-118", "Agra district desk"),
    ("auditor", Role.AUDITOR, "UP", "command centre, read-only"),
    ("admin", Role.ADMINISTRATOR, "UP", "administrator (Django admin)"),
)


# Recovery codes printed per person each time the demo is seeded (it tops them up again).
DEMO_RECOVERY_CODES_SHOWN = 3


@dataclass(frozen=True)
class DemoSecondFactor:
    username: str
    key: str  # the authenticator key, base32 in groups of four
    recovery_codes: list[str]


@dataclass
class DemoReport:
    people: list[tuple[str, str, str]] = field(default_factory=list)
    second_factors: list[DemoSecondFactor] = field(default_factory=list)
    complaints_created: int = 0
    complaints_existing: int = 0
    refused: int = 0


def demo_people_ensure(report: DemoReport) -> dict[str, User]:
    people: dict[str, User] = {}
    for username, role, unit_code, description in DEMO_PEOPLE:
        unit = Unit.objects.get(code=unit_code)
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        # Officers work in the desk; the administrator's membership (at the state HQ) is what
        # opens the admin, and membership_grant keeps is_staff in step with it. Nobody in the
        # demo is a superuser (an older demo database made the administrator one).
        user.is_superuser = False
        user.save()
        membership_grant(user=user, unit=unit, role=role)
        people[username] = user
        report.people.append((username, role.label, f"{unit.name_en} — {description}"))
        demo_second_factor_ensure(user, report)
    return people


def demo_second_factor_ensure(user: User, report: DemoReport) -> None:
    """A demo person who must use a second factor gets an authenticator and recovery codes
    here, so the demo opens without a phone: seed_demo prints the key (for any authenticator
    app, or `oathtool --totp -b KEY`) and a few recovery codes. The key stays the same across
    runs; used recovery codes are replaced. Real people set theirs up at their first sign-in."""
    if not two_factor_required(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=True)
    recovery, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    missing = RECOVERY_CODE_COUNT - recovery.token_set.count()
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=StaticToken.random_token()) for _ in range(missing)
    )
    codes = recovery.token_set.order_by("pk").values_list("token", flat=True)
    report.second_factors.append(
        DemoSecondFactor(
            username=user.username,
            key=authenticator_key_text(device),
            recovery_codes=list(codes[:DEMO_RECOVERY_CODES_SHOWN]),
        )
    )


def _place(unit: Unit, script: str) -> str:
    return unit.name_hi if script == "devanagari" and unit.name_hi else unit.name_en


def demo_directory_ensure() -> None:
    from seva.directory.loaders import load_handles_csv, load_units_csv, load_uttar_pradesh

    load_uttar_pradesh()
    examples = Path(settings.BASE_DIR) / "data" / "examples"
    load_units_csv(examples / "police_stations.csv")
    load_handles_csv(examples / "social_handles.csv")


def demo_complaints_create(
    people: dict[str, User], report: DemoReport, *, count: int, seed: int
) -> None:
    from seva.complaints.demo_flow import demo_complaint_play

    existing = Complaint.objects.count()
    if existing:
        report.complaints_existing = existing
        return
    rng = random.Random(seed)  # noqa: S311 - sample data, not security
    districts = list(Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True))
    # The demo officers' districts get more, so their queues have work in them.
    favoured = [unit for unit in districts if unit.code in {"D-162", "D-118"}]
    for number in range(count):
        district = rng.choice(favoured) if rng.random() < 0.3 else rng.choice(districts)
        sample = rng.choice(SAMPLES)
        try:
            demo_complaint_play(
                people=people,
                rng=rng,
                number=number,
                district=district,
                text=sample.text.format(place=_place(district, sample.script)),
                sample=sample,
            )
        except SevaError:
            report.refused += 1
            continue
        report.complaints_created += 1


def seed_demo(*, count: int = 300, seed: int = 2016) -> DemoReport:
    report = DemoReport()
    demo_directory_ensure()
    people = demo_people_ensure(report)
    demo_complaints_create(people, report, count=count, seed=seed)
    return report
