"""Complaints, their threads, their event log, and the tables that configure them.

Only the services in `seva.complaints.services` write these rows. `Complaint.status` in
particular is written by `complaint_set_status` alone, with a compare-and-swap.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from seva.complaints.statuses import LABELS, Status
from seva.complaints.vocabulary import EventType, ReplyPurpose
from seva.core.models import TimestampedModel
from seva.directory.models import Platform, Unit
from seva.routing.detect.lexicon import CATEGORY_PRIORITY, SENSITIVE_CATEGORIES

STATUS_CHOICES = [(status.value, LABELS[status]) for status in Status]


class Complainant(TimestampedModel):
    """A citizen as a channel knows them: one row per (platform, external user id)."""

    platform = models.CharField(max_length=20, choices=Platform.choices)
    external_user_id = models.CharField(max_length=64)
    handle = models.CharField(max_length=64, blank=True)
    display_name = models.CharField(max_length=200, blank=True)
    profile_location = models.CharField(max_length=200, blank=True)
    # Contact details a citizen gave on a web form; never shown publicly.
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "external_user_id"], name="uniq_complainant_identity"
            )
        ]

    def __str__(self) -> str:
        return f"@{self.handle}" if self.handle else self.display_name or self.external_user_id


class Complaint(TimestampedModel):
    code = models.CharField(max_length=24, unique=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.OPEN)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="complaints")
    complainant = models.ForeignKey(
        Complainant, on_delete=models.PROTECT, related_name="complaints"
    )
    channel = models.CharField(max_length=20, choices=Platform.choices)
    origin_message = models.OneToOneField(
        "Message", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(help_text="The originating post's text, kept here for search")
    category = models.CharField(max_length=40, blank=True)
    is_urgent = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="en")
    triage = models.JSONField(default=dict, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    reopen_count = models.PositiveSmallIntegerField(default=0)

    received_at = models.DateTimeField()
    registered_at = models.DateTimeField()
    forwarded_at = models.DateTimeField(null=True, blank=True)
    first_action_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)

    # The SLA clock: the due time of the next milestone (first action, then closure). While
    # paused (Incomplete information) `sla_paused_at` is set and the due time is moved on by
    # the paused span when the clock resumes.
    sla_due_at = models.DateTimeField(null=True, blank=True)
    sla_paused_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )

    class Meta:
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "sla_due_at"]),
            models.Index(fields=["registered_at"]),
            models.Index(fields=["complainant", "registered_at"]),
            # Open work by status and unit, with the queue's sort keys and the clock: the desk
            # queue's page, the command centre's "held now", overdue and urgent-feed reads
            # use only this index (not the rows) at a million complaints.
            models.Index(
                fields=[
                    "status",
                    "unit",
                    "is_urgent",
                    "sla_due_at",
                    "sla_paused_at",
                    "registered_at",
                    # Last, for PostgreSQL's index-only scans (SQLite has the rowid anyway).
                    "id",
                ],
                name="complaint_status_unit_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def status_enum(self) -> Status:
        return Status(self.status)


class MessageKind(models.TextChoices):
    INBOUND = "inbound", "Post from the citizen"
    # Someone other than the complainant wrote about the complaint (a witness, a relative, or
    # a hostile stranger): kept for officers, marked, and it changes nothing on the complaint.
    THIRD_PARTY = "third_party", "Post from someone other than the complainant"
    REPLY = "reply", "Reply to the citizen"
    PUBLIC_NOTE = "public_note", "Public note"
    INTERNAL_NOTE = "internal_note", "Internal note"


class Message(models.Model):
    """One entry of a complaint's thread."""

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=20, choices=Platform.choices)
    external_id = models.CharField(max_length=64, blank=True)
    conversation_id = models.CharField(max_length=64, blank=True)
    in_reply_to_external_id = models.CharField(max_length=64, blank=True)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A post's author as the platform knows them (a citizen, the complainant or not); officers'
    # replies and notes have `author_user` instead.
    author_external_id = models.CharField(max_length=64, blank=True)
    author_handle = models.CharField(max_length=64, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    # Reference to the raw record a channel stored first (e.g. "social.inbound:123"); a plain
    # string because complaints must not import channels.
    source_ref = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["channel", "conversation_id"]),
            models.Index(fields=["channel", "external_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id or self.pk}"

    @property
    def is_public(self) -> bool:
        """Shown beyond the officers who work the complaint: internal notes never are, and
        neither are a stranger's words about someone else's complaint."""
        return self.kind not in (MessageKind.INTERNAL_NOTE, MessageKind.THIRD_PARTY)


class AppendOnlyError(RuntimeError):
    pass


class Event(models.Model):
    """One line of a complaint's history. Never updated, never deleted.

    `type` is a stable dotted name (`status.changed`), `data` holds machine values; the words
    shown to people are rendered from them at display time (seva.complaints.events).
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=40, choices=[(t.value, t.value) for t in EventType])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["type", "at"]), models.Index(fields=["complaint", "at"])]

    def __str__(self) -> str:
        return f"{self.type} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The log's one invariant, held where every write passes: rows are only ever added.
        if self.pk is not None:
            raise AppendOnlyError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events are append-only")


class OutboxEntry(models.Model):
    """An event waiting for one of its consumers (see seva.complaints.outbox).

    Written in the event's own transaction, deleted in the transaction that handles it: an
    event reaches each consumer that wants it exactly once, whatever order transactions
    commit in (ids are handed out before commit, so "events after my last id" would skip one
    that commits late).
    """

    consumer = models.CharField(max_length=30)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consumer", "event"], name="uniq_outbox_entry")
        ]  # its index also serves each consumer's claim, oldest event first

    def __str__(self) -> str:
        return f"event {self.event_id} for {self.consumer}"


class CodeCounter(models.Model):
    """How many codes a prefix has been given on a day (see codes.py). Allocating a code
    increments it, which also locks the row until commit: allocations for one prefix and day
    take turns, so each sees the codes the others gave out (services/codes.py)."""

    prefix = models.CharField(max_length=4)
    day = models.DateField()
    issued = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="uniq_code_counter")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.issued}"


# The categories an administrator may mark: the taxonomy's (seva.routing) and "other" (none,
# or one the taxonomy does not know). The built-in sensitive ones always are, so not offered.
MARKABLE_CATEGORIES = [
    (name, name) for name in (*CATEGORY_PRIORITY, "other") if name not in SENSITIVE_CATEGORIES
]


class SensitiveCategory(TimestampedModel):
    """A complaint category an administrator marked sensitive: its complaints are never listed
    publicly, like the built-in sensitive ones (seva.routing.detect.lexicon
    SENSITIVE_CATEGORIES). Read through `seva.complaints.selectors.sensitive_categories`."""

    category = models.CharField(max_length=40, unique=True, choices=MARKABLE_CATEGORIES)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["category"]
        verbose_name_plural = "sensitive categories"

    def __str__(self) -> str:
        return self.category


class SlaTarget(TimestampedModel):
    """How fast a complaint must be handled. Blank category = any category."""

    category = models.CharField(max_length=40, blank=True)
    is_urgent = models.BooleanField(default=False)
    first_action_minutes = models.PositiveIntegerField()
    resolution_minutes = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "is_urgent"], name="uniq_sla_target")
        ]
        ordering = ["-is_urgent", "category"]

    def __str__(self) -> str:
        scope = self.category or "any category"
        return f"{scope}{' (urgent)' if self.is_urgent else ''}"


class ReplyTemplate(TimestampedModel):
    """The words of a message sent to citizens, per purpose and language.

    Placeholders: {code}, {unit}, {unit_hi}, {link}, {note}, {status}.
    """

    class Key(models.TextChoices):  # the templated reply purposes (vocabulary.ReplyPurpose)
        ACKNOWLEDGEMENT = ReplyPurpose.ACKNOWLEDGEMENT.value, "Acknowledgement with code"
        INCOMPLETE_INFO = ReplyPurpose.INCOMPLETE_INFO.value, "Incomplete information request"
        CLOSURE = ReplyPurpose.CLOSURE.value, "Closure notice"
        STATUS = ReplyPurpose.STATUS.value, "Status update"
        NEED_PLACE = ReplyPurpose.NEED_PLACE.value, "Ask for district and police station"

    key = models.CharField(max_length=30, choices=Key.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    body = models.TextField()
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="uniq_reply_template")
        ]
        ordering = ["key", "language"]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"
