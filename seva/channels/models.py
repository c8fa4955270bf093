"""Raw inbound records, outbound replies, per-account state and channel alerts.

Only `seva.channels.services` writes these rows. An inbound record is stored before anything
reads it and is never changed except for its processing outcome; an outbound reply is stored
before it is sent, and its `state` says whether it went out.
"""

from __future__ import annotations

from django.db import models

from seva.complaints.models import Complaint, Event
from seva.core.models import TimestampedModel
from seva.directory.models import Platform, SocialHandle


class ChannelAccount(TimestampedModel):
    """Polling and health state of one account we operate (a monitored social handle)."""

    handle = models.OneToOneField(
        SocialHandle, on_delete=models.PROTECT, related_name="channel_account"
    )
    mentions_since_id = models.CharField(max_length=40, blank=True)
    dms_since_id = models.CharField(max_length=40, blank=True)
    # A poller claims the account for a while (compare-and-swap on these two), so several
    # pollers can run against PostgreSQL and no account is fetched twice at once.
    lease_owner = models.CharField(max_length=80, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    silent_alerted_at = models.DateTimeField(null=True, blank=True)
    # Sending pauses until then after the platform said so (429 with a reset time).
    send_paused_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["handle__handle"]

    def __str__(self) -> str:
        return str(self.handle)


class InboundState(models.TextChoices):
    PENDING = "pending", "Waiting for intake"
    REGISTERED = "registered", "Registered as a new complaint"
    ATTACHED = "attached", "Attached to a complaint as a follow-up"
    NOTED = "noted", "Kept on a complaint as someone else's note"
    IGNORED = "ignored", "Not a grievance"
    SKIPPED = "skipped", "Skipped (our own post, a repost, a duplicate)"
    QUARANTINED = "quarantined", "Quarantined: could not be read"


class InboundVia(models.TextChoices):
    POLL = "poll", "Polling"
    STREAM = "stream", "Filtered stream"
    WEBHOOK = "webhook", "Webhook"
    CAPTURE = "capture", "Captured by hand"
    FORM = "form", "Web form"
    API = "api", "REST API or Open311"


class InboundRecord(models.Model):
    """A post or message exactly as it arrived. Unique per (platform, external id), so a
    duplicate delivery is stored once and processed once."""

    platform = models.CharField(max_length=20, choices=Platform.choices)
    external_id = models.CharField(max_length=80)
    account = models.ForeignKey(
        ChannelAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="inbound"
    )
    format = models.CharField(max_length=20)
    payload = models.JSONField()
    via = models.CharField(max_length=10, choices=InboundVia.choices)
    received_at = models.DateTimeField()
    state = models.CharField(
        max_length=12, choices=InboundState.choices, default=InboundState.PENDING
    )
    reason = models.TextField(blank=True)
    complaint_code = models.CharField(max_length=24, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "external_id"], name="uniq_inbound_item")
        ]
        indexes = [models.Index(fields=["state", "id"])]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id} ({self.state})"

    @property
    def source_ref(self) -> str:
        return f"social.inbound:{self.pk}"


class ReplyState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed permanently"
    WITHHELD = "withheld", "Not sent (not allowed on this channel)"


class OutboundReply(models.Model):
    """A message to a citizen. Recorded before it is sent; sent at most once.

    `key` makes creation idempotent (one reply per event and purpose). A sender claims a row
    by moving it to SENDING with a lease; a row found in SENDING after its lease expired may
    have gone out before a crash, so the sender asks the platform before sending it again.
    """

    key = models.CharField(max_length=80, unique=True)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="replies")
    account = models.ForeignKey(
        ChannelAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    source_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField(max_length=20, choices=Platform.choices)
    purpose = models.CharField(max_length=30)
    language = models.CharField(max_length=8)
    text = models.TextField()
    in_reply_to_id = models.CharField(max_length=40, blank=True)
    dm_recipient_id = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=10, choices=ReplyState.choices, default=ReplyState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    external_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.purpose} for {self.complaint_id} ({self.state})"


class ChannelAlert(models.Model):
    """Something an administrator should know about a channel: silent, failing, recovered."""

    account = models.ForeignKey(
        ChannelAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    type = models.CharField(max_length=40)
    at = models.DateTimeField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["type", "at"])]

    def __str__(self) -> str:
        return f"{self.type} @ {self.at:%Y-%m-%d %H:%M}"
