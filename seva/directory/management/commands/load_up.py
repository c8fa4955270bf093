from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from seva.directory.loaders import load_uttar_pradesh


class Command(BaseCommand):
    help = "Load or refresh Uttar Pradesh: state HQ, 18 ranges, 75 districts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_uttar_pradesh()
        self.stdout.write(f"Uttar Pradesh: {report}")
