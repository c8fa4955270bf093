"""The complaint's thread: notes by officers, follow-ups from the complainant, and what
anyone else wrote about it (third-party notes, which change nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from seva.complaints import events
from seva.complaints.action_rules import complaint_for_action
from seva.complaints.models import Complainant, Complaint, Message, MessageKind
from seva.complaints.selectors import complainant_identities
from seva.complaints.services.status import complaint_set_status
from seva.complaints.statuses import Status
from seva.core.errors import InvalidInput, NotAllowed
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


@dataclass(frozen=True)
class PostAuthor:
    """Who wrote a post, as the channel that brought it knows them. A post is stored under its
    own author, never under the complainant's name (they are often not the same person)."""

    platform: str
    external_id: str  # the platform's user id
    handle: str = ""
    name: str = ""

    @classmethod
    def of(cls, complainant: Complainant) -> PostAuthor:
        return cls(
            platform=complainant.platform,
            external_id=complainant.external_user_id,
            handle=complainant.handle,
            name=complainant.display_name,
        )


def _inbound(
    complaint: Complaint,
    *,
    kind: MessageKind,
    author: PostAuthor,
    text: str,
    external_id: str,
    conversation_id: str,
    in_reply_to_external_id: str,
    source_ref: str,
    received_at: dt.datetime | None,
) -> Message:
    return Message.objects.create(
        complaint=complaint,
        kind=kind,
        channel=author.platform,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        author_external_id=author.external_id,
        author_handle=author.handle,
        author_name=author.name,
        text=text,
        source_ref=source_ref,
        sent_at=received_at or now(),
    )


@transaction.atomic
def complaint_attach_followup(
    *,
    complaint: Complaint,
    author: PostAuthor,
    text: str,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    received_at: dt.datetime | None = None,
) -> Message:
    """The complainant's later message on their complaint (the channel found the thread; no
    officer acts). Stored under `author`, who must be the complaint's complainant or the
    complainant of a duplicate merged into it (`complainant_identities`); anyone else raises
    NotAllowed (their words go through `complaint_attach_third_party`). Emits
    followup.attached; resumes Incomplete information: back to In-process at a unit, or to
    Open when HQ had asked (no district was known yet)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    identities = complainant_identities([complaint.pk])[complaint.pk]
    if (author.platform, author.external_id) not in identities:
        raise NotAllowed(f"only the complainant continues {complaint.code}")
    message = _inbound(
        complaint,
        kind=MessageKind.INBOUND,
        author=author,
        text=text,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        source_ref=source_ref,
        received_at=received_at,
    )
    events.followup_attached(complaint, message=message)
    if complaint.status == Status.INCOMPLETE_INFO:
        back_to = Status.OPEN if complaint.unit.kind == UnitKind.STATE_HQ else Status.IN_PROCESS
        complaint_set_status(complaint=complaint, to=back_to, actor=None)
    return message


@transaction.atomic
def complaint_attach_third_party(
    *,
    complaint: Complaint,
    author: PostAuthor,
    text: str,
    external_id: str = "",
    conversation_id: str = "",
    in_reply_to_external_id: str = "",
    source_ref: str = "",
    received_at: dt.datetime | None = None,
) -> Message:
    """Someone other than the complainant wrote about this complaint (named its code, or
    answered our reply in its thread): keep their words under their own name for the officers,
    marked as someone else's. Emits followup.third_party and nothing else: the status, the
    unit, the SLA clock and the replies to the citizen stay as they are, so nobody can steer
    another person's case."""
    message = _inbound(
        complaint,
        kind=MessageKind.THIRD_PARTY,
        author=author,
        text=text,
        external_id=external_id,
        conversation_id=conversation_id,
        in_reply_to_external_id=in_reply_to_external_id,
        source_ref=source_ref,
        received_at=received_at,
    )
    events.followup_third_party(complaint, message=message)
    return message
