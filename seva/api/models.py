"""The open API's own tables: access tokens, webhook subscriptions and their deliveries.

Only `seva.api.tokens` and `seva.api.webhooks` write these rows (and administrators through
the admin). A token's secret is never stored: only its SHA-256 digest, so a copy of the
database does not hand out working tokens.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from seva.api.webhooks.destinations import webhook_url_validate
from seva.complaints.models import Event
from seva.directory.models import Unit


class TokenKind(models.TextChoices):
    # A person's token acts as that person: same reach and roles as at the desk.
    PERSON = "person", "Person (acts as the person)"
    # A submitter's key only files complaints (an app, a partner's portal, an Open311 client).
    SUBMITTER = "submitter", "Submitter (files complaints only)"


class ApiToken(models.Model):
    name = models.CharField(max_length=80, help_text="What the token is for (shown in logs)")
    kind = models.CharField(max_length=10, choices=TokenKind.choices, default=TokenKind.PERSON)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The person the token acts as (person tokens only)",
    )
    # Who issued it: the person themself or an administrator whose reach covers all of that
    # person's memberships (seva.directory.access.access_may_act_for). None: the server's
    # command line (`manage.py api_token`), whose operator holds the database anyway.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The first characters of the secret, to recognise a token in a list without storing it.
    prefix = models.CharField(max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person", user__isnull=False) | models.Q(kind="submitter")
                ),
                name="api_token_person_has_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class WebhookSubscription(models.Model):
    """Where to send complaint events, configured by administrators."""

    name = models.CharField(max_length=80)
    url = models.URLField(
        max_length=500,
        validators=[webhook_url_validate],
        help_text="A public http(s) address (loopback and private networks are refused)",
    )
    secret = models.CharField(
        max_length=128, help_text="Signs every delivery (HMAC-SHA256); share it with the receiver"
    )
    event_types = models.JSONField(
        default=list,
        blank=True,
        help_text='Event types to send, e.g. ["status.changed"]; empty = every type',
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only complaints held in this unit's subtree; empty = all",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent (2xx)"
    FAILED = "failed", "Failed, will retry"
    DEAD = "dead", "Gave up"


class WebhookDelivery(models.Model):
    """One event for one subscription. Recorded before it is sent; a sender claims it with a
    lease (compare-and-swap on `claimed_until`) so two senders never post it at once."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="+")
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event"], name="uniq_webhook_delivery")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription_id} ({self.state})"
