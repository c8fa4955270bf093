"""An officer's own reply to the citizen (the API's reply action; the desk may use it too).

The words are kept in the complaint's thread (the tracking page shows them) and, where the
complaint came from a channel thread we can answer in, recorded as an outbound reply in the
same transaction. The reply worker sends it later: no network here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from seva.channels.models import OutboundReply
from seva.channels.replies import reply_record
from seva.complaints import events
from seva.complaints.action_rules import complaint_for_action
from seva.complaints.models import Message, MessageKind
from seva.complaints.vocabulary import ReplyPurpose
from seva.core.errors import InvalidInput
from seva.core.postlength import MAX_POST_LENGTH, weighted_length
from seva.core.timeutil import now
from seva.directory.access import Action

PURPOSE = ReplyPurpose.OFFICER


@dataclass(frozen=True)
class WrittenReply:
    message: Message
    outbound: OutboundReply | None  # None: no channel thread to answer in (web, API, Open311)


@transaction.atomic
def reply_write(*, actor: User, code: str, text: str) -> WrittenReply:
    """Store the officer's reply in the thread and record it for sending. Emits reply.written.
    Raises NotFound/NotAllowed/IllegalAction (the action table, action `reply`) and
    InvalidInput (empty or too long for one post)."""
    text = text.strip()
    if not text:
        raise InvalidInput("a reply needs text", field="text")
    if weighted_length(text) > MAX_POST_LENGTH:
        raise InvalidInput(f"a reply must fit in one post ({MAX_POST_LENGTH})", field="text")
    complaint = complaint_for_action(actor, code, Action.REPLY)
    message = Message.objects.create(
        complaint=complaint,
        kind=MessageKind.REPLY,
        channel=complaint.channel,
        author_user=actor,
        author_name=actor.get_username(),
        text=text,
        sent_at=now(),
    )
    event = events.reply_written(complaint, actor=actor, message=message)
    outbound = reply_record(complaint, purpose=PURPOSE, event=event, text=text)
    return WrittenReply(message=message, outbound=outbound)
