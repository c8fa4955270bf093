"""Registering a complaint: its complainant, first message, code and SLA clock."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F

from seva.complaints import events, sla
from seva.complaints.codes import make_code, serial_choices, serial_digits
from seva.complaints.models import CodeCounter, Complainant, Complaint, Message, MessageKind
from seva.complaints.services.status import complaint_set_status
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput
from seva.core.timeutil import ist_date, now
from seva.directory.access import Action, access_require
from seva.directory.models import Unit, UnitKind


def complaint_codes_allocate(*, prefix: str, at: dt.datetime, count: int = 1) -> list[str]:
    """`count` new, distinct codes for `prefix` on the IST date of `at` (one registration is a
    batch of one). Each serial is drawn at random (`secrets`) among the numbers of
    `serial_digits(issued)` digits, and drawn again if a complaint has it already, so a code
    says nothing about its neighbours.

    Call inside the registering transaction and insert the complaints in it: the counter's
    increment holds the row's lock (PostgreSQL) or the database's write lock (SQLite) until
    commit, so allocations for one prefix and day take turns and each sees every code given
    before it. The unique constraint on `Complaint.code` backs this up."""
    day = ist_date(at)
    if not CodeCounter.objects.filter(prefix=prefix, day=day).exists():
        try:
            with transaction.atomic():
                CodeCounter.objects.create(prefix=prefix, day=day, issued=0)
        except IntegrityError:
            pass  # another registration created today's row first; use theirs
    CodeCounter.objects.filter(prefix=prefix, day=day).update(issued=F("issued") + count)
    issued = CodeCounter.objects.values_list("issued", flat=True).get(prefix=prefix, day=day)
    choices = serial_choices(serial_digits(issued))
    codes: list[str] = []
    while len(codes) < count:
        drawn = []
        for _ in range(count - len(codes)):
            serial = choices[secrets.randbelow(len(choices))]
            code = str(make_code(prefix=prefix, date=day, serial=serial))
            if code not in codes and code not in drawn:
                drawn.append(code)
        taken = set(Complaint.objects.filter(code__in=drawn).values_list("code", flat=True))
        codes.extend(code for code in drawn if code not in taken)
    return codes


def _code_prefix_for(unit: Unit) -> str:
    """The nearest code prefix up the tree: a police station's codes carry its district."""
    codes = unit.path.strip("/").split("/")
    prefixes = dict(
        Unit.objects.filter(code__in=codes)
        .exclude(code_prefix="")
        .values_list("code", "code_prefix")
    )
    for code in reversed(codes):
        if code in prefixes:
            return prefixes[code]
    return str(settings.SEVA_HQ_CODE_PREFIX)


def state_hq() -> Unit:
    return Unit.objects.get(kind=UnitKind.STATE_HQ, parent=None)


@transaction.atomic
def complaint_register(
    *,
    platform: str,
    external_user_id: str,
    text: str,
    channel: str,
    handle: str = "",
    display_name: str = "",
    profile_location: str = "",
    unit: Unit | None = None,
    category: str = "",
    is_urgent: bool = False,
    language: str = "en",
    triage: dict[str, Any] | None = None,
    received_at: dt.datetime | None = None,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    actor: User | None = None,
) -> Complaint:
    """Register a complaint from an inbound message, with its code and SLA clock.

    `unit` is where it goes (state HQ when not given); a complaint registered straight to a
    unit below HQ starts Forwarded. `actor` is the HQ operator capturing a post by hand (needs
    CAPTURE), or None for a channel. Emits complaint.registered (and status.changed).
    """
    if not text.strip():
        raise InvalidInput("a complaint needs its text", field="text")
    hq = state_hq()
    if actor is not None:
        access_require(actor, Action.CAPTURE, hq)
    target = unit or hq
    if not target.is_active:
        raise InvalidInput(f"unit {target.code} is deactivated", field="unit")
    at = now()
    complainant, _ = Complainant.objects.update_or_create(
        platform=platform,
        external_user_id=external_user_id,
        defaults={
            "handle": handle,
            "display_name": display_name,
            "profile_location": profile_location,
        },
    )
    message = Message.objects.create(
        kind=MessageKind.INBOUND,
        channel=channel,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        author_external_id=external_user_id,
        author_handle=handle,
        author_name=display_name,
        text=text,
        language=language,
        source_ref=source_ref,
        sent_at=received_at or at,
    )
    complaint = Complaint.objects.create(
        code=complaint_codes_allocate(prefix=_code_prefix_for(target), at=at)[0],
        status=Status.OPEN,
        unit=hq,
        complainant=complainant,
        channel=channel,
        origin_message=message,
        text=text,
        category=category,
        is_urgent=is_urgent,
        language=language,
        triage=triage or {},
        received_at=received_at or at,
        registered_at=at,
        sla_due_at=at + sla.first_action_window(category=category, is_urgent=is_urgent),
    )
    Message.objects.filter(pk=message.pk).update(complaint=complaint)
    events.complaint_registered(complaint, actor=actor)
    if target.pk != hq.pk:
        Complaint.objects.filter(pk=complaint.pk).update(unit=target)
        complaint.unit = target
        events.complaint_forwarded(complaint, actor=actor, from_unit=hq, to_unit=target)
        complaint_set_status(complaint=complaint, to=Status.FORWARDED, actor=actor)
    return complaint
