"""The part of `bench dashboard` that runs on the benchmark's own database (python -m).

Usage: python -m bench.dashboard_child COMPLAINTS REQUESTS. Prints JSON as its last line.
"""

from __future__ import annotations

import json
import os
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.dashboard_data import bench_people, generate
    from bench.dashboard_measure import as_json, measure
    from seva.command.services import rollup_rebuild
    from seva.directory.loaders import load_uttar_pradesh

    complaints, requests = int(sys.argv[1]), int(sys.argv[2])
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_uttar_pradesh()
    hq_person, district_person, _ = bench_people()
    counts = generate(complaints)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    rows = rollup_rebuild()
    rolled = time.perf_counter() - started
    figures = measure({"HQ": hq_person, "district": district_person}, requests=requests)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "complaints": counts["complaints"],
                "events": counts["events"],
                "generate_seconds": round(generated, 1),
                "rollup_rows": rows,
                "rollup_seconds": round(rolled, 1),
                "requests_per_page": requests,
                "pages": as_json(figures),
            }
        )
    )


if __name__ == "__main__":
    main()
