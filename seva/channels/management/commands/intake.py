from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.channels.models import InboundRecord, InboundState
from seva.channels.services.intake import inbound_replay, intake_drain


class Command(BaseCommand):
    help = "Run intake on stored inbound records now, or replay quarantined ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replay-quarantined",
            action="store_true",
            help="put quarantined records through again",
        )

    def handle(self, *args: Any, replay_quarantined: bool, **options: Any) -> None:
        if replay_quarantined:
            ids = InboundRecord.objects.filter(state=InboundState.QUARANTINED).values_list(
                "pk", flat=True
            )
            for record_id in list(ids):
                self.stdout.write(f"record {record_id}: {inbound_replay(record_id=record_id)}")
        report = intake_drain()
        self.stdout.write(f"processed {report.processed}: {dict(report.outcomes)}")
