"""Train the triage model on a labelled file's dev part and write the weights Seva ships."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seva.routing.detect.model import MODEL_PATH
from seva.routing.training import train_triage_model

DEFAULT_LABELS = Path(__file__).resolve().parents[4] / "data" / "triage" / "corpus.jsonl"


class Command(BaseCommand):
    help = "Train triage's model (grievance, urgency, category) on the labelled corpus's dev part."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--labels", default=str(DEFAULT_LABELS))
        parser.add_argument("--split", choices=["dev", "all"], default="dev")
        parser.add_argument("--output", default=str(MODEL_PATH))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            lines = Path(options["labels"]).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(f"cannot read {options['labels']}: {error}") from error
        posts = [json.loads(line) for line in lines if line.strip()]
        if options["split"] == "dev":
            posts = [p for p in posts if p.get("split") == "dev"]
        model = train_triage_model(posts)
        body = model.as_json()
        Path(options["output"]).write_text(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"trained on {len(posts)} posts: {len(model.grievance.weights)} grievance, "
            f"{len(model.urgency.weights)} urgency and {len(model.category.weights)} category "
            f"features → {options['output']}"
        )
