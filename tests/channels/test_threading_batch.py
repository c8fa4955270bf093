"""Threading a batch gives what threading each post alone gives: the author rule exists once
(`thread_find` is `thread_find_many` of one post), and intake's batch path and its one-by-one
path (replays, captures, posts that answer a post of the same batch) store the same things."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from seva.channels.base import RawItem
from seva.channels.direct import Submission, submission_intake
from seva.channels.models import InboundRecord, InboundState, InboundVia
from seva.channels.platforms import parse_item
from seva.channels.services.intake import inbound_process, intake_drain
from seva.channels.services.polling import account_poll
from seva.channels.services.store import inbound_store
from seva.channels.threads import thread_find, thread_find_many
from seva.complaints import services
from seva.complaints.models import Complaint, Message
from seva.complaints.statuses import Status
from tests.channels.conftest import XWorld
from tests.channels.test_flow import poll_and_reply


def _scene(x: XWorld) -> list[int]:
    """Complaints in every state threading cares about, then a batch of posts (stored, not yet
    through intake) that exercises each rule for a complainant and for strangers."""
    first = x.post("@Uppolice Hazratganj Lucknow me meri bike chori ho gayi, FIR nahi likh rahe")
    poll_and_reply(x)
    x.post("@Uppolice mere ghar me chori ho gayi, koi sun nahi raha", username="citizen2")
    poll_and_reply(x)
    x.post("@Uppolice Hazratganj Lucknow me bike chori, meri bhi, FIR nahi", username="citizen3")
    poll_and_reply(x)
    main, asking, duplicate = Complaint.objects.order_by("id")
    services.complaint_merge(actor=x.world.hq_operator, code=duplicate.code, into_code=main.code)
    services.complaint_act(
        actor=x.world.lucknow_officer, code=main.code, to=Status.INCOMPLETE_INFO, note="Kab?"
    )
    web = submission_intake(
        Submission(platform="web", text="Hazratganj me chain chheen li", name="Sita")
    ).code
    ack, ask, ack_duplicate = x.replies()
    # A post an operator typed in, first in the batch and of another platform.
    inbound_store(
        platform="manual",
        items=[
            RawItem(
                "manual:scene",
                "manual.post",
                {"text": f"{main.code} kal raat", "author_handle": "citizen1"},
            )
        ],
        via=InboundVia.CAPTURE,
    )
    x.post("@Uppolice Agra, thana Tajganj", in_reply_to_id=ask["id"], username="stranger")
    x.post("@Uppolice Lucknow, thana Hazratganj", in_reply_to_id=ask["id"], username="citizen2")
    x.post("@Uppolice yeh jhooth hai", quoted_id=ack["id"], username="stranger")
    x.post(f"@Uppolice {main.code}: kal raat 9 baje")
    x.post(f"@Uppolice {web} band karo", username="stranger")
    x.post("@Uppolice FIR ab tak nahi", in_reply_to_id=ack_duplicate["id"], username="citizen3")
    x.post("@Uppolice Agra me mera phone chheen liya", in_reply_to_id=first["id"], username="s2")
    x.post(f"@Uppolice {asking.code} jaisa hi mera {main.code}", username="citizen3")
    x.dm(f"{main.code} jhoothi shikayat hai", username="stranger")
    x.dm("ghar Hazratganj Lucknow me hai", username="citizen2")
    account_poll(x.account, x.adapter())
    pending = InboundRecord.objects.filter(state=InboundState.PENDING).order_by("id")
    return list(pending.values_list("pk", flat=True))


def _outcome(run: Callable[[], Any], records: list[int]) -> dict[str, Any]:
    """What `run` stores, then undone, so the other path starts from the same scene. A new
    complaint's serial is drawn at random, so new codes are compared by their prefix."""
    with transaction.atomic():
        before = set(Complaint.objects.values_list("code", flat=True))
        run()

        def same(code: str) -> str:
            return code if not code or code in before else code.split("-")[0] + "-(new)"

        found = {
            "records": [
                (
                    external_id,
                    state,
                    reason.replace(code, same(code)) if code else reason,
                    same(code),
                )
                for external_id, state, reason, code in InboundRecord.objects.filter(pk__in=records)
                .order_by("id")
                .values_list("external_id", "state", "reason", "complaint_code")
            ],
            # A batch registers its new complaints together, after the posts on existing ones:
            # the same rows, stored in another order.
            "messages": sorted(
                (*row[:4], same(row[4] or ""))
                for row in Message.objects.filter(author_user=None).values_list(
                    "external_id", "kind", "author_external_id", "author_handle", "complaint__code"
                )
            ),
            "complaints": [
                (same(row[0]), *row[1:])
                for row in Complaint.objects.order_by("id").values_list(
                    "code", "status", "unit__code", "sla_paused_at", "complainant__handle"
                )
            ],
        }
        transaction.set_rollback(True)
    return found


def test_intake_in_a_batch_stores_what_intake_one_by_one_stores(x: XWorld) -> None:
    records = _scene(x)
    assert len(records) == 11

    batch = _outcome(intake_drain, records)
    one_by_one = _outcome(lambda: [inbound_process(pk) for pk in records], records)

    assert batch == one_by_one
    states = [state for _, state, _, _ in batch["records"]]
    assert states.count(InboundState.NOTED) == 5
    assert states.count(InboundState.ATTACHED) == 5
    assert states.count(InboundState.REGISTERED) == 1


def test_threading_a_batch_finds_what_threading_each_post_finds(x: XWorld) -> None:
    records = _scene(x)
    posts = [
        parse_item(RawItem(r.external_id, r.format, r.payload))
        for r in InboundRecord.objects.filter(pk__in=records).order_by("id")
    ]

    together = thread_find_many(posts)
    alone = {p.external_id: m for p in posts if (m := thread_find(p)) is not None}

    assert together == alone
    assert sorted(m.by_complainant for m in together.values()) == [False] * 5 + [True] * 5
