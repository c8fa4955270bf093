"""The complaint's thread: notes by officers and follow-ups from the citizen."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from seva.complaints import events
from seva.complaints.action_rules import complaint_for_action
from seva.complaints.models import Complaint, Message, MessageKind
from seva.complaints.services.status import complaint_set_status
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput
from seva.core.timeutil import now
from seva.directory.access import Action
from seva.directory.models import UnitKind


def note_store(complaint: Complaint, *, actor: User | None, text: str, public: bool) -> Message:
    message = Message.objects.create(
        complaint=complaint,
        kind=MessageKind.PUBLIC_NOTE if public else MessageKind.INTERNAL_NOTE,
        channel=complaint.channel,
        author_user=actor,
        author_name=actor.get_username() if actor else "",
        text=text,
        sent_at=now(),
    )
    events.note_added(complaint, actor=actor, message=message)
    return message


@transaction.atomic
def complaint_note(*, actor: User, code: str, text: str, public: bool = False) -> Message:
    """Add a note to the thread: internal (officers only) or public (the citizen sees it)."""
    if not text.strip():
        raise InvalidInput("a note needs text", field="text")
    complaint = complaint_for_action(actor, code, Action.NOTE)
    return note_store(complaint, actor=actor, text=text.strip(), public=public)


@transaction.atomic
def complaint_attach_followup(
    *,
    complaint: Complaint,
    text: str,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    received_at: dt.datetime | None = None,
) -> Message:
    """A citizen's later message on their complaint (the channel found the thread; no access
    check: the actor is the system). Resumes Incomplete information: back to In-process at a
    unit, or to Open when HQ had asked (no district was known yet)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complainant = complaint.complainant
    message = Message.objects.create(
        complaint=complaint,
        kind=MessageKind.INBOUND,
        channel=complaint.channel,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        author_handle=complainant.handle,
        author_name=complainant.display_name,
        text=text,
        source_ref=source_ref,
        sent_at=received_at or now(),
    )
    events.followup_attached(complaint, message=message)
    if complaint.status == Status.INCOMPLETE_INFO:
        back_to = Status.OPEN if complaint.unit.kind == UnitKind.STATE_HQ else Status.IN_PROCESS
        complaint_set_status(complaint=complaint, to=back_to, actor=None)
    return message
