"""kill -9 the poller and the reply sender mid-run, restart them: every post is ingested
exactly once, no reply is sent twice, none is missing.

The workers run as real processes (manage.py x_poll / reply_send) against their own database
(a temporary SQLite file, or a fresh PostgreSQL database when the suite runs on PostgreSQL),
talking to the X double over HTTP.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection

from seva.channels.x.double.citizens import Citizens, Mix
from seva.channels.x.double.server import DoubleServer

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def worker_env(tmp_path: Path, double: DoubleServer) -> Iterator[dict[str, str]]:
    env = {
        **os.environ,
        "SEVA_X_API_BASE_URL": double.url,
        "SEVA_X_ACCESS_TOKEN": "kill-test",
        "SEVA_X_POLL_SECONDS": "0.3",
        "SEVA_X_TIMEOUT_SECONDS": "5",
        "SEVA_WORKER_LEASE_SECONDS": "2",
        "SEVA_REPLIES_PER_15_MIN": "1000",
        "SEVA_DATA_DIR": str(tmp_path),
        "SEVA_LOG_LEVEL": "WARNING",
    }
    database = ""
    if connection.vendor == "postgresql":
        import psycopg

        database = f"seva_kill_{uuid.uuid4().hex[:8]}"
        url = os.environ["DATABASE_URL"]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + database
    else:
        env.pop("DATABASE_URL", None)
        env["SEVA_SQLITE_PATH"] = str(tmp_path / "kill.sqlite3")
    yield env
    if database:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def query(env: dict[str, str], code: str) -> Any:
    out = manage(env, "shell", "-c", f"import json\n{code}")
    return json.loads(out.strip().splitlines()[-1])


SETUP = """
from seva.directory.loaders import load_uttar_pradesh
from seva.directory.models import SocialHandle, Unit
load_uttar_pradesh()
SocialHandle.objects.create(
    handle="uppolice", unit=Unit.objects.get(code="UP"), is_monitored=True, external_user_id="{id}"
)
print(json.dumps(1))
"""

STATE = """
from django.db.models import Count
from seva.channels.models import InboundRecord, OutboundReply
from seva.complaints.models import Complaint
print(json.dumps(default=str, obj={
  "records": list(InboundRecord.objects.values_list("external_id", flat=True)),
  "pending": InboundRecord.objects.filter(state="pending").count(),
  "complaints": Complaint.objects.count(),
  "replies": dict(OutboundReply.objects.values_list("state").annotate(n=Count("id"))),
  "stuck": list(
    OutboundReply.objects.exclude(state__in=["sent", "withheld"])
    .values_list("state", "attempts", "last_error", "next_attempt_at")[:5]
  ),
  "sent_ids": list(
    OutboundReply.objects.exclude(external_id="").values_list("external_id", flat=True)
  ),
}))
"""


def start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_mid_run_loses_nothing_and_sends_nothing_twice(
    double: DoubleServer, worker_env: dict[str, str]
) -> None:
    env = worker_env
    double.limits["POST /2/tweets"] = 1000  # X's 100 per 15 minutes is tested elsewhere
    manage(env, "migrate", "--noinput")
    ours = double.world.account("Uppolice")
    query(env, SETUP.format(id=ours["id"]))
    citizens = Citizens(double.world, seed=9, accounts=["Uppolice"])
    citizens.mix = Mix(
        complaint=0.8, not_grievance=0.1, followup=0.0, spam=0.05, repost=0.05, dm=0.0, long=0.0
    )
    for _ in range(150):
        citizens.step()
    mentions = {p["id"] for p in double.world.mentions_of(ours["id"])}

    # The poller is killed while fetching (X answers slowly), then restarted.
    httpx.post(
        f"{double.url}/_double/faults",
        json=[{"kind": "slow", "seconds": 0.4, "count": 6, "path": "/2/users/"}],
    )
    poller = start(env, "x_poll")
    time.sleep(1.5)
    poller.send_signal(signal.SIGKILL)
    poller.wait()
    time.sleep(2.5)  # the dead poller's lease on the account runs out
    manage(env, "x_poll", "--once")
    state = query(env, STATE)
    assert state["pending"] == 0
    assert Counter(state["records"]) == Counter(mentions)  # each post exactly once

    # The sender is killed while X is answering (after X has taken some replies).
    httpx.post(
        f"{double.url}/_double/faults",
        json=[{"kind": "slow", "seconds": 0.3, "count": 40, "path": "/2/tweets"}],
    )
    sender = start(env, "reply_send")
    time.sleep(2.0)
    sender.send_signal(signal.SIGKILL)
    sender.wait()
    time.sleep(2.5)  # the dead sender's lease runs out
    httpx.delete(f"{double.url}/_double/faults")
    for _ in range(10):
        manage(env, "reply_send", "--once")
        state = query(env, STATE)
        if set(state["replies"]) <= {"sent", "withheld", "failed"}:
            break
        time.sleep(2.5)
    replies = httpx.get(f"{double.url}/_double/replies").json()["data"]
    posted = Counter((r["in_reply_to_id"], r["text"]) for r in replies)
    assert max(posted.values()) == 1, "a reply went out twice"
    assert set(state["replies"]) <= {"sent", "withheld"}, state["stuck"]
    assert state["replies"]["sent"] == len(replies)
    assert sorted(state["sent_ids"]) == sorted(r["id"] for r in replies)
