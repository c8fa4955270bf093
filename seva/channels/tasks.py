"""Background tasks (django.tasks): intake after a webhook delivery was stored."""

from __future__ import annotations

from django.tasks import task

from seva.channels.services.intake import intake_drain


@task()
def intake_drain_task() -> int:
    return intake_drain().processed
