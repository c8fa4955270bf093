"""Registering in bulk gives the same complaints, messages, clocks and events as registering
one by one (what intake did before it batched)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from seva.complaints.models import CodeCounter, Complaint
from seva.complaints.services import complaint_register
from seva.complaints.services.registration import (
    NewComplaint,
    complaints_register_many,
)


def entries(world: Any) -> list[NewComplaint]:
    base: dict[str, Any] = {"platform": "x", "channel": "x", "language": "en"}
    return [
        NewComplaint(
            **base,
            external_user_id="1",
            text="bike chori Hazratganj",
            unit=world.lucknow,
            category="theft_robbery",
            handle="a",
            external_id="p1",
        ),
        NewComplaint(
            **base,
            external_user_id="2",
            text="help now, he has a knife",
            unit=world.agra,
            category="assault_violence",
            is_urgent=True,
            urgent_reasons=("knife",),
            external_id="p2",
        ),
        NewComplaint(
            **base,
            external_user_id="3",
            text="ghar me chori",
            category="theft_robbery",
            need_place=True,
            external_id="p3",
        ),
        NewComplaint(
            **base,
            external_user_id="1",
            text="again, Hazratganj",
            unit=None,
            category="other",
            handle="a2",
            display_name="A",
            external_id="p4",
        ),
    ]


def one_by_one(entry: NewComplaint) -> Complaint:
    """The single form: a batch of one, with every field of the entry (urgency and the
    request for the place included)."""
    return complaint_register(**{f.name: getattr(entry, f.name) for f in fields(entry)})


def shape(complaint: Complaint) -> dict[str, Any]:
    complaint.refresh_from_db()
    assert complaint.origin_message is not None
    assert complaint.sla_due_at is not None
    return {
        "prefix": complaint.code.split("-")[0],
        "status": complaint.status,
        "unit": complaint.unit.code,
        "complainant": (complaint.complainant.external_user_id, complaint.complainant.handle),
        "urgent": complaint.is_urgent,
        "forwarded": complaint.forwarded_at is not None,
        "first_action": complaint.first_action_at is not None,
        "paused": complaint.sla_paused_at is not None,
        "due_minutes": round((complaint.sla_due_at - complaint.registered_at).total_seconds() / 60),
        "message": (
            complaint.origin_message.external_id,
            complaint.origin_message.complaint_id == complaint.pk,
        ),
        "events": [
            (e.type, {k: v for k, v in e.data.items() if k != "code"}, e.actor_id)
            for e in complaint.events.order_by("id")
        ],
    }


def test_bulk_registration_matches_one_by_one(world: Any) -> None:
    singles = [one_by_one(entry) for entry in entries(world)]
    bulk = [item.complaint for item in complaints_register_many(entries(world))]
    # Both sets live side by side; the complainant rows are shared, so compare at the end.
    assert [shape(c) for c in bulk] == [shape(c) for c in singles]


def test_bulk_codes_are_distinct_and_counted_with_the_days_others(world: Any) -> None:
    first = one_by_one(entries(world)[0])
    more = complaints_register_many(entries(world) * 3)
    codes = [first.code] + [item.complaint.code for item in more]
    assert len(set(codes)) == len(codes)
    lucknow = [c for c in codes if c.startswith("LKN-")]
    counter = CodeCounter.objects.get(prefix="LKN")
    assert counter.issued == len(lucknow)  # one count for both paths: they share the allocator
    assert all(len(c.split("-")[2]) == 5 for c in lucknow)
