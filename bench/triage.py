"""`manage.py bench triage [--posts N]`: triage throughput on one core; last line is JSON."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from django.conf import settings

from seva.routing.detect.triage import triage
from seva.routing.gazetteer_data import shipped_gazetteer


def _posts(count: int) -> list[dict[str, Any]]:
    """Corpus posts, each made distinct (a serial number) so no cache can help."""
    corpus = Path(settings.BASE_DIR) / "data" / "triage" / "corpus.jsonl"
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    return [
        {**rows[i % len(rows)], "text": f"{rows[i % len(rows)]['text']} #{i}"} for i in range(count)
    ]


def run(out: Any, *, posts: int, rounds: int) -> dict[str, Any]:
    gazetteer = shipped_gazetteer()
    rates = []
    for round_number in range(rounds):
        batch = _posts(posts)  # fresh texts each round: the normalisation cache stays cold
        for post in batch:
            post["text"] += f" r{round_number}"
        start = time.perf_counter()
        for post in batch:
            triage(
                text=post["text"],
                gazetteer=gazetteer,
                mentions=post["mentions"],
                author_location=post["author_location"],
            )
        rates.append(posts / (time.perf_counter() - start))
        out.write(f"round {round_number + 1}: {rates[-1]:,.0f} posts/s")
    return {
        "benchmark": "triage",
        "posts": posts,
        "rounds": rounds,
        "median_posts_per_second": round(statistics.median(rates)),
        "target_posts_per_second": 5000,
    }
