"""`manage.py triage --input IN.jsonl --output OUT.jsonl`: the fixed interface evaluations use.

Each input line: {"id", "text", "author_location", "mentions"} (other keys ignored). Each
output line: {"id", "is_grievance", "district", "category", "urgent", "confidence", "reasons"}.
Needs nothing in the database beyond what the project ships.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seva.routing.detect.triage import triage
from seva.routing.gazetteer_data import shipped_gazetteer


class Command(BaseCommand):
    help = "Triage posts from a JSON-lines file into a JSON-lines file of decisions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", type=Path, required=True)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, input: Path, output: Path, **options: Any) -> None:
        gazetteer = shipped_gazetteer()
        count = 0
        with input.open(encoding="utf-8") as source, output.open("w", encoding="utf-8") as sink:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    post = json.loads(line)
                    text = str(post["text"])
                except (ValueError, KeyError, TypeError) as error:
                    raise CommandError(f"{input}:{number}: not a post ({error})") from error
                decision = triage(
                    text=text,
                    gazetteer=gazetteer,
                    mentions=[str(m) for m in post.get("mentions") or []],
                    author_location=post.get("author_location"),
                )
                sink.write(json.dumps(decision.as_json(post.get("id")), ensure_ascii=False) + "\n")
                count += 1
        self.stdout.write(f"triaged {count} post(s) into {output}")
