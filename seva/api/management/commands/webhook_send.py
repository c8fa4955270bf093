from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.api.webhooks.worker import run_webhook_sender
from seva.channels.workers import Stop


class Command(BaseCommand):
    help = "Record webhook deliveries from complaint events and send due ones (signed, retried)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--idle", type=float, default=1.0, help="seconds to wait when idle")

    def handle(self, *args: Any, once: bool, idle: float, **options: Any) -> None:
        run_webhook_sender(Stop().install(), once=once, idle=idle)
