"""`manage.py triage_score --labels FILE [--split dev|test|all]`: triage a labelled file and
print the metrics of the triage targets (last line: one JSON object)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.routing.detect.triage import triage
from seva.routing.evaluation import score
from seva.routing.gazetteer_data import shipped_gazetteer


class Command(BaseCommand):
    help = "Score triage against a labelled JSON-lines file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--labels", type=Path, default=Path("data/triage/corpus.jsonl"))
        parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")

    def handle(self, *args: Any, labels: Path, split: str, **options: Any) -> None:
        rows = [
            json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line
        ]
        if split != "all":
            rows = [row for row in rows if row.get("split") == split]
        gazetteer = shipped_gazetteer()
        decided = {
            row["id"]: triage(
                text=row["text"],
                gazetteer=gazetteer,
                mentions=row.get("mentions") or [],
                author_location=row.get("author_location"),
            ).as_json(row["id"])
            for row in rows
        }
        self.stdout.write(json.dumps(score(rows, decided), ensure_ascii=False))
