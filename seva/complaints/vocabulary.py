"""The words of the logs: every event type and every reply purpose, with what each means.

Pure module (no Django): the event log stores these values, the outbox's consumers and the
public pages filter by them, and `docs/lifecycle.md` lists them (a test keeps the two in step).
The access audit log's types (`token.issued`, …) are in `seva.directory.audit`.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """One line of a complaint's history (`Event.type`). Values never change once shipped."""

    REGISTERED = "complaint.registered"  # data: code, channel
    STATUS_CHANGED = "status.changed"  # data: from, to, note?
    FORWARDED = "complaint.forwarded"  # data: from_unit, to_unit
    TRANSFERRED = "complaint.transferred"  # data: from_unit, to_unit, reason
    MERGED = "complaint.merged"  # on the duplicate; data: into
    DUPLICATE_MERGED = "complaint.duplicate_merged"  # on the main one; data: duplicate
    URGENT = "complaint.urgent"  # triage found danger now; data: reasons
    NOTE_ADDED = "note.added"  # data: message_id, public
    FOLLOWUP_ATTACHED = "followup.attached"  # the complainant wrote again; data: message_id
    FOLLOWUP_THIRD_PARTY = "followup.third_party"  # someone else wrote about it; data: message_id
    SLA_PAUSED = "sla.paused"  # waiting for the citizen
    SLA_RESUMED = "sla.resumed"  # data: paused_seconds
    SLA_ESCALATED = "sla.escalated"  # overdue, flagged to the parent unit; data: to_unit, due_at
    REVIEW_ACCEPTED = "review.accepted"  # HQ accepted the closure
    REVIEW_REOPENED = "review.reopened"  # HQ sent the closure back; data: reason
    REPLY_QUEUED = "reply.queued"  # data: purpose, reply_id
    REPLY_WRITTEN = "reply.written"  # an officer wrote to the citizen; data: message_id
    REPLY_FAILED = "reply.failed"  # data: purpose, reason
    REPLY_WITHHELD = "reply.withheld"  # not allowed on the channel; data: purpose, reason


class ReplyPurpose(StrEnum):
    """Why Seva writes to a citizen (`OutboundReply.purpose`); the templated ones are also
    `ReplyTemplate.key`s."""

    ACKNOWLEDGEMENT = "acknowledgement"  # the code, the unit, the tracking link
    NEED_PLACE = "need_place"  # registered at HQ: which district and police station?
    INCOMPLETE_INFO = "incomplete_info"  # an officer asks for more, with their note
    CLOSURE = "closure"  # an officer closed it, with their note
    STATUS = "status"  # a status update (a template an officer may pick)
    OFFICER = "officer"  # an officer's own words (no template)
