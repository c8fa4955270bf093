"""`manage.py bench intake`: intake throughput, acknowledgement latency, worker memory.

1. Throughput: N generated posts (Hinglish, Hindi, English; complaints, chatter, spam,
   reposts) are stored raw, put through intake (thread, triage, register with a code), and
   their acknowledgements recorded, in one worker process on a fresh database.
2. Latency through the X double, post created → reply received, by polling (x_poll +
   reply_send) and by webhook (the web server + the task worker + reply_send), as real
   processes; citizens post at a steady rate.
Peak memory is the worker process's maximum resident set size.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings

from bench.children import run_child
from seva.channels.x.double.citizens import Citizens, Mix
from seva.channels.x.double.server import DoubleServer

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def _latency(env: dict[str, str], mode: str, seconds: float, out: Any) -> dict[str, Any]:
    double = DoubleServer(accounts=["Uppolice"]).start()
    env = {**env, "SEVA_X_API_BASE_URL": double.url, "SEVA_X_ACCESS_TOKEN": "bench"}
    processes = []
    try:
        run_child("bench.intake_child", env, "handle", double.world.account("Uppolice")["id"])
        if mode == "poll":
            processes.append(_start(env, "x_poll", "--interval", env["SEVA_X_POLL_SECONDS"]))
        else:
            port = _free_port()
            env["SEVA_X_CONSUMER_SECRET"] = "bench-secret"
            processes.append(_start(env, "runserver", "--noreload", f"127.0.0.1:{port}"))
            processes.append(
                _start(env, "db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay")
            )
            url = f"http://127.0.0.1:{port}/channels/x/webhook"
            for _ in range(100):
                try:
                    double.register_webhook(url=url, secret="bench-secret")
                    break
                except (OSError, ValueError, httpx.HTTPError):
                    time.sleep(0.2)
        processes.append(_start(env, "reply_send", "--idle", "0.1"))
        time.sleep(2)  # let the workers start before citizens post
        citizens = Citizens(double.world, seed=7, accounts=["Uppolice"])
        citizens.mix = Mix(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        stop = threading.Event()
        # 2 posts a second keeps a phase's replies under X's 100 posts per 15 minutes.
        rate = 2.0
        runner = threading.Thread(
            target=citizens.run, kwargs={"rate": rate, "stop": stop}, daemon=True
        )
        runner.start()
        time.sleep(seconds)
        stop.set()
        runner.join()
        posted = len(double.world.posts) - len(double.world.replies)
        deadline = time.time() + 20
        while len(double.world.replies) < posted * 0.9 and time.time() < deadline:
            time.sleep(0.5)
        latencies = [
            r.received_at - r.replied_post_created_at
            for r in double.world.replies
            if r.replied_post_created_at is not None
        ]
    finally:
        _stop(processes)
        double.stop()
    result = {
        "mode": mode,
        "posts": posted,
        "replies": len(latencies),
        "p50_seconds": round(statistics.median(latencies), 2) if latencies else None,
        "p95_seconds": round(_percentile(latencies, 0.95), 2) if latencies else None,
    }
    out.write(f"latency by {mode}: {result}")
    return result


def run(
    out: Any, *, posts: int, database_url: str, latency_seconds: float, skip_latency: bool
) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="seva-bench-intake-"))
    env = {
        **os.environ,
        "SEVA_DATA_DIR": str(workdir),
        "SEVA_LOG_LEVEL": "WARNING",
        "SEVA_X_POLL_SECONDS": "1",
        # The X double delivers webhooks to runserver on 127.0.0.1 over plain HTTP, which a
        # production environment (debug off) would redirect to HTTPS.
        "SEVA_HTTPS_REDIRECT": "false",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
        env["SEVA_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    database = "postgresql" if database_url else "sqlite"
    try:
        run_child("bench.intake_child", env, "setup")
        out.write(f"generating {posts:,} posts and running intake on {database} ...")
        throughput = run_child("bench.intake_child", env, "throughput", str(posts))
        out.write(
            f"throughput: {throughput['posts_per_second']:,} posts/s "
            f"({throughput['posts']:,} posts in {throughput['seconds']} s; outcomes "
            f"{throughput['outcomes']}; "
            f"{throughput['acknowledgements_recorded']:,} acknowledgements); "
            f"worker peak RSS {throughput['peak_rss_mb']} MB"
        )
        latency = {}
        if not skip_latency:
            latency = {
                mode: _latency(env, mode, latency_seconds, out) for mode in ("poll", "webhook")
            }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "benchmark": "intake",
        "database": database,
        "posts": throughput["posts"],
        "posts_per_second": throughput["posts_per_second"],
        "target_posts_per_second": 6000,
        "acknowledgements_recorded": throughput["acknowledgements_recorded"],
        "worker_peak_rss_mb": throughput["peak_rss_mb"],
        "poll_interval_seconds": float(env["SEVA_X_POLL_SECONDS"]),
        "ack_latency": latency,
        "targets": {
            "webhook_p95_seconds": 2.0,
            "poll_p95_seconds": float(env["SEVA_X_POLL_SECONDS"]) + 1,
        },
    }
