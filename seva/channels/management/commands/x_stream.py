from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from seva.channels.workers import Stop, run_stream


class Command(BaseCommand):
    help = "Consume X's filtered stream for mentions of our accounts (rules reconciled at start)."

    def handle(self, *args: Any, **options: Any) -> None:
        run_stream(Stop().install())
