"""`manage.py bench dashboard`: the command centre and the desk at scale.

On its own database (a fresh SQLite file under var/bench/, the PostgreSQL at
--database-url, or with --postgres a throwaway cluster from scripts/pg-cluster), it generates
N complaints over a year across UP's 75 districts and two police stations each (with their
events), rebuilds the command centre's rollup, and then measures server time through the real
views and middleware for the command centre, the desk queue and the complaint page, as HQ and
as the Lucknow district officer: median and p95 over the requests, and the query counts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from bench.children import run_child

ROOT = Path(settings.BASE_DIR)


def run(
    out: Any, *, complaints: int, requests: int, database_url: str, postgres: bool
) -> dict[str, Any]:
    env = {**os.environ, "SEVA_DEBUG": "false", "SEVA_SECRET_KEY": "bench-dashboard"}
    env["SEVA_HTTPS_REDIRECT"] = "false"  # requests are made in process, over plain HTTP
    cluster = ""
    if postgres:
        home = Path(tempfile.mkdtemp(prefix="seva-bench-pg-"))
        home.chmod(0o755)  # the cluster runs as the postgres user, which must reach it
        cluster = str(home / "c")
        database_url = subprocess.run(
            ["scripts/pg-cluster", "start", cluster],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
        path = ROOT / "var" / "bench" / f"dashboard-{complaints}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["SEVA_SQLITE_PATH"] = str(path)
    try:
        result = run_child("bench.dashboard_child", env, str(complaints), str(requests))
    finally:
        if cluster:
            subprocess.run(["scripts/pg-cluster", "stop", cluster], cwd=ROOT, check=False)
            shutil.rmtree(Path(cluster).parent, ignore_errors=True)
    out.write(
        f"{result['database']}: {result['complaints']:,} complaints, {result['events']:,} events "
        f"generated in {result['generate_seconds']} s; rollup {result['rollup_rows']:,} rows "
        f"in {result['rollup_seconds']} s; {requests} requests per page\n"
    )
    out.write(f"{'persona':<10} {'page':<16} {'median ms':>10} {'p95 ms':>8} {'queries':>8}\n")
    for page in result["pages"]:
        queries = f"{page['queries_min']}–{page['queries_max']}"
        out.write(
            f"{page['persona']:<10} {page['page']:<16} {page['median_ms']:>10} "
            f"{page['p95_ms']:>8} {queries:>8}\n"
        )
    return result
