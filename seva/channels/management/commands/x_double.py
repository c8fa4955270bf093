from __future__ import annotations

import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.channels.workers import Stop
from seva.channels.x.double.citizens import Citizens
from seva.channels.x.double.server import DoubleServer
from seva.directory.models import SocialHandle


class Command(BaseCommand):
    help = (
        "Run the local X API double on 127.0.0.1 (for the demo and tests), with simulated citizens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--accounts",
            default="",
            help="our handles, comma-separated (default: monitored handles)",
        )
        parser.add_argument(
            "--citizens", type=float, default=0.0, help="citizen posts per second (0: none)"
        )
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument("--webhook", default="", help="deliver mentions to this URL (signed)")
        parser.add_argument("--webhook-secret", default="")
        parser.add_argument("--webhook-style", choices=["xaa", "aaa"], default="xaa")
        parser.add_argument(
            "--sync-handles",
            action="store_true",
            help="store the double's account ids on our handles",
        )

    def handle(self, *args: Any, **o: Any) -> None:
        names = (
            [n for n in o["accounts"].split(",") if n]
            or list(
                SocialHandle.objects.filter(is_monitored=True, platform="x").values_list(
                    "handle", flat=True
                )
            )
            or ["Uppolice"]
        )
        double = DoubleServer(port=o["port"], accounts=names).start()
        if o["sync_handles"]:
            for name, user_id in double.world.accounts.items():
                SocialHandle.objects.filter(platform="x", handle=name).update(
                    external_user_id=user_id
                )
        self.stdout.write(f"X double on {double.url} for {', '.join('@' + n for n in names)}")
        stop = Stop().install()
        if o["webhook"]:
            double.register_webhook(
                url=o["webhook"], secret=o["webhook_secret"], style=o["webhook_style"]
            )
        if o["citizens"] > 0:
            citizens = Citizens(double.world, seed=o["seed"], accounts=names)
            threading.Thread(
                target=citizens.run, kwargs={"rate": o["citizens"], "stop": stop.event}, daemon=True
            ).start()
        stop.event.wait()
        double.stop()
