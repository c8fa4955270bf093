from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from seva.channels.workers import Stop, run_poller


class Command(BaseCommand):
    help = "Poll each monitored X account's mentions and DMs, run intake, watch channel health."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one cycle, then exit")
        parser.add_argument("--interval", type=float, default=settings.SEVA_X_POLL_SECONDS)

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        run_poller(Stop().install(), interval=interval, once=once)
