"""`manage.py bench TARGET`: the shipped benchmarks. Each prints figures and, as its last
line, one JSON object. Targets: triage, intake, dashboard, xlsx (see docs/benchmarks.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Benchmarks (last line JSON). Targets: triage, intake, dashboard, xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", choices=["triage", "intake", "dashboard", "xlsx"])
        parser.add_argument("--posts", type=int, default=None, help="how many posts")
        parser.add_argument("--rounds", type=int, default=3, help="triage, xlsx: rounds")
        parser.add_argument("--rows", type=int, default=50_000, help="xlsx: rows to export")
        parser.add_argument(
            "--database-url",
            default="",
            help="intake: run on this database (e.g. PostgreSQL); default a fresh SQLite file",
        )
        parser.add_argument(
            "--latency-seconds", type=float, default=20.0, help="intake: latency phase length"
        )
        parser.add_argument("--skip-latency", action="store_true", help="intake: throughput only")
        parser.add_argument(
            "--complaints", type=int, default=1_000_000, help="dashboard: complaints to generate"
        )
        parser.add_argument(
            "--requests", type=int, default=30, help="dashboard: timed requests per page"
        )
        parser.add_argument(
            "--postgres", action="store_true", help="dashboard: on a throwaway PostgreSQL cluster"
        )

    def handle(self, *args: Any, target: str, **o: Any) -> None:
        if target == "triage":
            from bench.triage import run as run_triage

            result = run_triage(self.stdout, posts=o["posts"] or 20_000, rounds=o["rounds"])
        elif target == "xlsx":
            from bench.xlsx import run as run_xlsx

            result = run_xlsx(self.stdout, rows=o["rows"], rounds=o["rounds"])
        elif target == "dashboard":
            from bench.dashboard import run as run_dashboard

            result = run_dashboard(
                self.stdout,
                complaints=o["complaints"],
                requests=o["requests"],
                database_url=o["database_url"],
                postgres=o["postgres"],
            )
        else:
            from bench.intake import run as run_intake

            result = run_intake(
                self.stdout,
                posts=o["posts"] or 100_000,
                database_url=o["database_url"],
                latency_seconds=o["latency_seconds"],
                skip_latency=o["skip_latency"],
            )
        self.stdout.write(json.dumps(result))
