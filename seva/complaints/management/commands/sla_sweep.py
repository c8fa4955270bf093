from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from seva.complaints.sla import sla_escalate_overdue


class Command(BaseCommand):
    help = "Flag overdue complaints and escalate each to its unit's parent (once per deadline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep sweeping until stopped")
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.SEVA_SLA_SWEEP_SECONDS,
            help="seconds between sweeps with --loop",
        )

    def handle(self, *args: Any, loop: bool, interval: int, **options: Any) -> None:
        while True:
            escalated = sla_escalate_overdue()
            self.stdout.write(f"escalated {escalated} overdue complaint(s)")
            if not loop:
                return
            time.sleep(interval)
