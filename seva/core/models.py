"""The base model every Seva table builds on."""

from __future__ import annotations

from django.db import models


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """Requests counted in one fixed window for one key (seva.core.ratelimit). Kept in the
    database so every web process shares the count; expired rows are removed as new windows
    open."""

    key = models.CharField(max_length=100)  # "<scope>:<keyed hash of the client>"
    window = models.BigIntegerField()  # the window's start, in seconds since the epoch
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="uniq_rate_counter")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"
