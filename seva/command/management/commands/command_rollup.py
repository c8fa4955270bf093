"""`manage.py command_rollup`: keep the command centre's rollup up to date, or rebuild it."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.command.services import rollup_rebuild, rollup_refresh


class Command(BaseCommand):
    help = (
        "Fold new events into the command centre's per-unit, per-day rollup; --rebuild "
        "recomputes every day (after an import)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="recompute every day")
        parser.add_argument("--loop", action="store_true", help="keep refreshing until stopped")
        parser.add_argument("--interval", type=int, default=10, help="seconds between refreshes")

    def handle(self, *args: Any, rebuild: bool, loop: bool, interval: int, **o: Any) -> None:
        if rebuild:
            self.stdout.write(f"rollup rebuilt: {rollup_rebuild()} row(s)")
            return
        while True:
            days = rollup_refresh()
            self.stdout.write(f"rollup refreshed: {days} day(s) from new events")
            if not loop:
                return
            time.sleep(interval)
