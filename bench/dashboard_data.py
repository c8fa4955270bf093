"""Bulk generation for `bench dashboard`: a year of complaints across UP, fast.

Rows are written with executemany (SQLite) or COPY (PostgreSQL), bypassing model instances:
the ORM would spend minutes building a million objects. The history is plausible rather than
replayed through the services: most complaints are disposed, recent ones are still being
worked, some are reopened, incomplete or overdue; each has its events (registered,
forwarded, each status change).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import connection, transaction

from seva.complaints.models import Complainant, Complaint, Event
from seva.complaints.vocabulary import EventType
from seva.core.timeutil import now
from seva.directory.models import Role, Unit, UnitKind
from seva.directory.services import membership_grant, unit_create

STATIONS_PER_DISTRICT = 2
COMPLAINANTS = 20_000
CHUNK = 20_000
TEXTS = (
    "Mere ghar me chori ho gayi, thana FIR nahi likh raha",
    "मोहल्ले में रोज़ शराब पीकर झगड़ा होता है, पुलिस कुछ नहीं करती",
    "Chain snatching near the market yesterday evening, please help",
    "Ladki ko raste me pareshan kiya ja raha hai, turant madad chahiye",
    "ज़मीन पर दबंगों ने कब्ज़ा कर लिया है, शिकायत पर कार्रवाई नहीं",
)
CATEGORIES = ("theft_robbery", "women_safety", "land_dispute", "traffic", "other")


def bench_people() -> tuple[User, User, Unit]:
    """An HQ operator and the Lucknow district officer (creating police stations once)."""
    hq = Unit.objects.get(kind=UnitKind.STATE_HQ, parent=None)
    districts = list(Unit.objects.filter(kind=UnitKind.DISTRICT).order_by("code"))
    for district in districts:
        if not Unit.objects.filter(parent=district).exists():
            for n in range(STATIONS_PER_DISTRICT):
                unit_create(
                    kind=UnitKind.POLICE_STATION,
                    code=f"PS-{district.code[2:]}-{n + 1}",
                    name_en=f"{district.name_en} station {n + 1}",
                    parent=district,
                )
    lucknow = Unit.objects.get(code="D-162")
    people = get_user_model().objects
    hq_person, made = people.get_or_create(username="bench_hq")
    if made:
        membership_grant(user=hq_person, unit=hq, role=Role.HQ_OPERATOR)
    district_person, made = people.get_or_create(username="bench_lucknow")
    if made:
        membership_grant(user=district_person, unit=lucknow, role=Role.UNIT_OFFICER)
    return hq_person, district_person, lucknow


def _columns(model: Any, exclude: Sequence[str] = ("id",)) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column not in exclude]


def _write(model: Any, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    table = model._meta.db_table
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        # Table and column names come from the models' own metadata, never from input.
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _ts(value: dt.datetime | None) -> Any:
    if value is None:
        return None
    if connection.vendor == "postgresql":
        return value
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _plan(rng: random.Random, at: dt.datetime, age_days: float) -> dict[str, Any]:
    """Times and final status of one complaint registered age_days ago."""
    reg = at - dt.timedelta(days=age_days)
    forwarded = reg + dt.timedelta(minutes=rng.uniform(2, 90))
    first = forwarded + dt.timedelta(hours=rng.lognormvariate(0.5, 1.0))
    closed = first + dt.timedelta(days=rng.lognormvariate(0.3, 0.8))
    disposed = closed + dt.timedelta(hours=rng.uniform(1, 48))
    done = rng.random() < (0.995 if age_days > 30 else min(0.95, age_days / 25))
    plan: dict[str, Any] = {"reg": reg, "forwarded": forwarded, "first": None}
    plan.update(closed=None, disposed=None, status="forwarded", reopens=0)
    if done and disposed < at:
        roll = rng.random()
        if roll < 0.9:
            plan.update(status="disposed", first=first, closed=closed, disposed=disposed)
        elif roll < 0.97:
            plan.update(status="not_actionable", forwarded=None)
        else:
            plan.update(status="duplicate", forwarded=None)
        return plan
    roll = rng.random()
    if roll < 0.05:
        plan.update(status="open", forwarded=None)
    elif roll < 0.35 or first > at:
        plan.update(status="forwarded")
    elif roll < 0.70 or closed > at:
        plan.update(status="in_process", first=first)
    elif roll < 0.80:
        plan.update(status="incomplete_info", first=first)
    elif roll < 0.95:
        plan.update(status="closed", first=first, closed=closed)
    else:
        plan.update(status="reopened", first=first, reopens=1)
    return plan


def generate(complaints: int, *, seed: int = 7) -> dict[str, int]:
    """Write `complaints` complaints over the last year with their events. Returns counts."""
    rng = random.Random(seed)
    at = now()
    hq = Unit.objects.get(kind=UnitKind.STATE_HQ, parent=None)
    districts = list(Unit.objects.filter(kind=UnitKind.DISTRICT).values_list("id", "code"))
    stations: dict[int, list[int]] = {}
    for pk, parent in Unit.objects.filter(kind=UnitKind.POLICE_STATION).values_list(
        "id", "parent_id"
    ):
        stations.setdefault(parent, []).append(pk)
    codes = dict(Unit.objects.values_list("id", "code"))
    with transaction.atomic():
        first_person = Complainant.objects.order_by("-id").values_list("id", flat=True).first()
        base_person = (first_person or 0) + 1
        _write(
            Complainant,
            _columns(Complainant),
            _complainant_rows(base_person, at),
        )
        base = (Complaint.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        plans: list[tuple[int, dict[str, Any], int, int]] = []
        for n in range(complaints):
            age = rng.random() * 365
            plan = _plan(rng, at, age)
            district_id, _ = districts[rng.randrange(len(districts))]
            unit_id = district_id
            if plan["status"] in ("open", "not_actionable", "duplicate"):
                unit_id = hq.pk
            elif stations.get(district_id) and rng.random() < 0.15:
                unit_id = rng.choice(stations[district_id])
            plans.append((base + n, plan, unit_id, base_person + rng.randrange(COMPLAINANTS)))
        written = _write(Complaint, ["id", *_columns(Complaint)], _complaint_rows(rng, plans, at))
        events = _write(Event, _columns(Event), _event_rows(plans, hq.pk, codes))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('complaints_complaint', 'id'), "
                "(SELECT MAX(id) FROM complaints_complaint))"
            )
            # Autovacuum would get there in time; the bench measures the settled state
            # (statistics, and the visibility map that index-only scans need).
            # (VACUUM cannot run inside a transaction, as in the smoke test.)
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"complaints": written, "events": events}


def _complainant_rows(base: int, at: dt.datetime) -> Iterator[tuple[Any, ...]]:
    columns = _columns(Complainant)
    for n in range(COMPLAINANTS):
        values = {
            "created_at": _ts(at),
            "updated_at": _ts(at),
            "platform": "x",
            "external_user_id": f"bench-{base + n}",
            "handle": f"citizen_{base + n}",
            "display_name": f"Citizen {base + n}",
            "profile_location": "",
            "phone": "",
            "email": "",
        }
        yield tuple(values[c] for c in columns)


def _complaint_rows(
    rng: random.Random, plans: list[tuple[int, dict[str, Any], int, int]], at: dt.datetime
) -> Iterator[tuple[Any, ...]]:
    columns = ["id", *_columns(Complaint)]
    for pk, plan, unit_id, person in plans:
        urgent = rng.random() < 0.05
        status = plan["status"]
        running = status in ("open", "forwarded", "in_process", "reopened")
        due = None
        if running or status == "incomplete_info":
            start = plan["first"] or plan["reg"]
            due = start + (dt.timedelta(hours=4) if plan["first"] is None else dt.timedelta(days=7))
        values = {
            "id": pk,
            "created_at": _ts(plan["reg"]),
            "updated_at": _ts(plan["disposed"] or plan["reg"]),
            "code": f"BX{pk:010d}",
            "status": status,
            "unit_id": unit_id,
            "complainant_id": person,
            "channel": "x",
            "origin_message_id": None,
            "text": rng.choice(TEXTS),
            "category": rng.choice(CATEGORIES),
            "is_urgent": urgent,
            "language": "hi",
            "triage": "{}",
            "merged_into_id": None,
            "reopen_count": plan["reopens"],
            "received_at": _ts(plan["reg"] - dt.timedelta(seconds=30)),
            "registered_at": _ts(plan["reg"]),
            "forwarded_at": _ts(plan["forwarded"]),
            "first_action_at": _ts(plan["first"]),
            "closed_at": _ts(plan["closed"]),
            "disposed_at": _ts(plan["disposed"]),
            "sla_due_at": _ts(due),
            "sla_paused_at": _ts(at) if status == "incomplete_info" else None,
            "escalated_at": None,
            "escalated_to_id": None,
        }
        yield tuple(values[c] for c in columns)


def _event_rows(
    plans: list[tuple[int, dict[str, Any], int, int]], hq_id: int, codes: dict[int, str]
) -> Iterator[tuple[Any, ...]]:
    columns = _columns(Event)

    def row(pk: int, kind: str, when: dt.datetime, data: dict[str, Any]) -> tuple[Any, ...]:
        values = {
            "complaint_id": pk,
            "type": kind,
            "actor_id": None,
            "at": _ts(when),
            "data": json.dumps(data),
        }
        return tuple(values[c] for c in columns)

    for pk, plan, unit_id, _person in plans:
        yield row(pk, EventType.REGISTERED, plan["reg"], {"code": f"BX{pk:010d}"})
        if plan["forwarded"]:
            moved = {"from_unit": codes[hq_id], "to_unit": codes[unit_id]}
            yield row(pk, EventType.FORWARDED, plan["forwarded"], moved)
        previous = "forwarded"
        for status, key in (
            ("in_process", "first"),
            ("closed", "closed"),
            ("disposed", "disposed"),
        ):
            if plan[key]:
                yield row(pk, EventType.STATUS_CHANGED, plan[key], {"from": previous, "to": status})
                previous = status
