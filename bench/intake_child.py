"""The part of `bench intake` that runs inside the database's own process (python -m).

Phases: `setup` (migrate, load UP, our handle), `throughput` (N generated posts: store raw,
intake, acknowledgement recorded; prints JSON), `handle` (point our handle at the double).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from seva.channels.models import InboundVia, OutboundReply
    from seva.channels.services.intake import intake_drain
    from seva.channels.services.store import inbound_store
    from seva.channels.x.double.citizens import Citizens, Mix
    from seva.channels.x.double.state import World
    from seva.channels.x.parse import items_from_v2_posts
    from seva.directory.loaders import load_uttar_pradesh
    from seva.directory.models import SocialHandle, Unit

    phase = sys.argv[1]
    if phase == "setup":
        call_command("migrate", verbosity=0)
        load_uttar_pradesh()
        SocialHandle.objects.update_or_create(
            platform="x",
            handle="uppolice",
            defaults={"unit": Unit.objects.get(code="UP"), "is_monitored": True},
        )
        print(json.dumps({"ok": True}))
    elif phase == "handle":
        SocialHandle.objects.filter(handle="uppolice").update(external_user_id=sys.argv[2])
        # The throughput phase's acknowledgements answer posts the double never saw: keep
        # them out of the latency phase (they would spend X's 100 posts per 15 minutes).
        OutboundReply.objects.exclude(state="sent").update(
            state="withheld", last_error="bench: throughput phase"
        )
        print(json.dumps({"ok": True}))
    elif phase == "throughput":
        count = int(sys.argv[2])
        world = World()
        ours = world.account("Uppolice")
        SocialHandle.objects.filter(handle="uppolice").update(external_user_id=ours["id"])
        citizens = Citizens(world, seed=2016, accounts=["Uppolice"])
        # New posts only (no follow-ups: they need replies from a live double).
        citizens.mix = Mix(0.78, 0.12, 0.0, 0.04, 0.04, 0.0, 0.02)
        for _ in range(count):
            citizens.step()
        posts = world.mentions_of(ours["id"])
        pages = [posts[i : i + 100] for i in range(0, len(posts), 100)]
        bodies = [{"data": page, "includes": world.includes_for(page)} for page in pages]
        start = time.perf_counter()
        for body in bodies:
            with transaction.atomic():
                inbound_store(platform="x", items=items_from_v2_posts(body), via=InboundVia.POLL)
        stored = time.perf_counter()
        report = intake_drain()
        done = time.perf_counter()
        print(
            json.dumps(
                {
                    "posts": len(posts),
                    "seconds": round(done - start, 2),
                    "store_seconds": round(stored - start, 2),
                    "posts_per_second": round(len(posts) / (done - start)),
                    "outcomes": dict(report.outcomes),
                    "acknowledgements_recorded": OutboundReply.objects.count(),
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                }
            )
        )


if __name__ == "__main__":
    main()
