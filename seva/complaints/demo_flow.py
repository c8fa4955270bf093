"""Play one sample complaint through the lifecycle to a random stage, as real people would."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from seva.complaints.statuses import Status
from seva.directory.models import Platform, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from seva.complaints.demo_samples import Sample

# How far each demo complaint gets: (stage, weight). Most are still being worked.
STAGES: tuple[tuple[str, int], ...] = (
    ("open", 8),
    ("forwarded", 20),
    ("in_process", 22),
    ("incomplete_info", 8),
    ("closed", 14),
    ("disposed", 20),
    ("reopened", 5),
    ("not_actionable", 3),
)


def _officer_for(unit: Unit, people: dict[str, User]) -> User:
    # The demo has officers for Lucknow, Hazratganj and Agra; elsewhere the range's senior
    # officer or HQ stands in, which access allows because roles reach whole subtrees.
    if unit.code == "PS-162-HAZRATGANJ":
        return people["officer.hazratganj"]
    if unit.path.startswith("/UP/R-LUCKNOW/D-162/"):
        return people["officer.lucknow"]
    if unit.path.startswith("/UP/R-AGRA/D-118/"):
        return people["officer.agra"]
    return people["hq.operator"]


def demo_complaint_play(
    *,
    people: dict[str, User],
    rng: random.Random,
    number: int,
    district: Unit,
    text: str,
    sample: Sample,
) -> None:
    from seva.complaints import services

    stage = rng.choices([s for s, _ in STAGES], weights=[w for _, w in STAGES])[0]
    complaint = services.complaint_register(
        platform=Platform.X,
        external_user_id=f"demo-{rng.randint(1, 120)}",
        handle=f"citizen{rng.randint(1, 120)}",
        display_name="Demo citizen",
        text=text,
        channel=Platform.X,
        language=sample.language,
        category=sample.category,
        is_urgent=sample.is_urgent,
        external_id=f"demo-post-{number}",
    )
    code = complaint.code
    hq, reviewer = people["hq.operator"], people["hq.reviewer"]
    if stage == "open":
        return
    if stage == "not_actionable":
        services.complaint_reject(actor=hq, code=code, reason="Not a police matter")
        return
    target = district
    if district.code == "D-162" and rng.random() < 0.4:
        # Some of Lucknow's go on to the Hazratganj station, where the demo has an officer.
        target = Unit.objects.filter(code="PS-162-HAZRATGANJ").first() or district
    services.complaint_forward(actor=hq, code=code, to_unit=target)
    officer = _officer_for(target, people)
    if stage == "forwarded":
        return
    if stage == "incomplete_info":
        services.complaint_act(
            actor=officer,
            code=code,
            to=Status.INCOMPLETE_INFO,
            note="Please share your police station and phone number",
        )
        return
    services.complaint_act(actor=officer, code=code, to=Status.IN_PROCESS)
    if stage == "in_process":
        return
    services.complaint_act(
        actor=officer, code=code, to=Status.CLOSED, note="Enquiry done; action taken as per law"
    )
    if stage == "closed":
        return
    if stage == "reopened":
        services.complaint_review(
            actor=reviewer, code=code, accept=False, reason="Citizen says no action taken"
        )
        return
    services.complaint_review(actor=reviewer, code=code, accept=True)
