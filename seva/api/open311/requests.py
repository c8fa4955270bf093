"""Complaints as Open311 service requests: the query (GET requests) and each request's fields.

Who sees what: without a key, anyone reads the public facts of every complaint (code, status,
service, responsible unit, dates), as on the tracking page; the citizen's words, address and
location are left out. With a person's key (`api_key`, or a Bearer token) the caller reads the
complaints in their reach, in full, scoped by `seva.directory.access` as everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from seva.api.open311.catalogue import SERVICES, service_code_of
from seva.channels.models import InboundRecord
from seva.complaints.models import Complaint
from seva.complaints.statuses import LABELS, Status
from seva.core.timeutil import to_ist
from seva.directory.access import Action, access_complaints
from seva.directory.models import Unit

MAX_REQUESTS = 1000  # the spec's response volume
MAX_SPAN = dt.timedelta(days=90)
CLOSED = frozenset({Status.CLOSED, Status.DISPOSED, Status.NOT_ACTIONABLE, Status.DUPLICATE})
# Internal outcomes are not told as such to the public; they read as closed.
_PUBLIC_NOTES = {Status.NOT_ACTIONABLE: "Closed", Status.DUPLICATE: "Closed"}


@dataclass(frozen=True)
class RequestQuery:
    codes: tuple[str, ...] | None = None  # when asked for, overrides the rest (the spec says)
    service_codes: tuple[str, ...] = ()
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: tuple[str, ...] = ()  # "open", "closed"


def w3(value: dt.datetime | None) -> str | None:
    """The spec's date-time format, shown in India's time with its offset."""
    return to_ist(value).isoformat(timespec="seconds") if value else None


def requests_query(
    person: User | None, query: RequestQuery, *, at: dt.datetime
) -> QuerySet[Complaint]:
    complaints = (
        access_complaints(person, Action.VIEW) if person is not None else Complaint.objects.all()
    )
    complaints = complaints.select_related("unit", "unit__parent", "origin_message")
    if query.codes is not None:
        return complaints.filter(code__in=query.codes).order_by("-received_at", "-id")
    if query.service_codes:
        wanted = set(query.service_codes)
        matches = Q(category__in=wanted - {"other"})
        if "other" in wanted:  # no category, or one that is not a service
            matches |= ~Q(category__in=[code for code in SERVICES if code != "other"])
        complaints = complaints.filter(matches)
    end = query.end or at
    start = query.start or end - MAX_SPAN
    complaints = complaints.filter(received_at__gte=start, received_at__lte=end)
    if set(query.statuses) == {"open"}:
        complaints = complaints.exclude(status__in=[s.value for s in CLOSED])
    elif set(query.statuses) == {"closed"}:
        complaints = complaints.filter(status__in=[s.value for s in CLOSED])
    return complaints.order_by("-received_at", "-id")


def _locations(complaints: Iterable[Complaint]) -> dict[int, tuple[float, float]]:
    """(lat, long) a submitter gave, read from the stored submissions (one query)."""
    record_ids: dict[int, int] = {}
    for complaint in complaints:
        ref = complaint.origin_message.source_ref if complaint.origin_message else ""
        if ref.startswith("social.inbound:") and ref.split(":", 1)[1].isdigit():
            record_ids[int(ref.split(":", 1)[1])] = complaint.pk
    found: dict[int, tuple[float, float]] = {}
    for record_id, payload in InboundRecord.objects.filter(pk__in=record_ids).values_list(
        "pk", "payload"
    ):
        lat, lon = payload.get("latitude"), payload.get("longitude")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            found[record_ids[record_id]] = (float(lat), float(lon))
    return found


def _address(unit: Unit) -> str:
    """Most specific first, as the spec asks: the police station, then its district."""
    parent = unit.parent
    if parent is not None and unit.kind == "police_station":
        return f"{unit.name_en}, {parent.name_en}"
    return unit.name_en


def request_fields(complaints: list[Complaint], *, full: bool) -> list[dict[str, Any]]:
    locations = _locations(complaints) if full else {}
    rows: list[dict[str, Any]] = []
    for complaint in complaints:
        status = Status(complaint.status)
        service = SERVICES[service_code_of(complaint.category)]
        lat, long = locations.get(complaint.pk, (None, None))
        closed = status in CLOSED
        rows.append(
            {
                "service_request_id": complaint.code,
                "status": "closed" if closed else "open",
                "status_notes": _PUBLIC_NOTES.get(status, LABELS[status]),
                "service_name": service.name,
                "service_code": service.code,
                "description": complaint.text if full else None,
                "agency_responsible": complaint.unit.name_en,
                "service_notice": None,
                "requested_datetime": w3(complaint.received_at),
                "updated_datetime": w3(complaint.updated_at),
                "expected_datetime": (
                    None if closed or complaint.sla_paused_at else w3(complaint.sla_due_at)
                ),
                "address": _address(complaint.unit) if full else None,
                "address_id": None,
                "zipcode": None,
                "lat": lat,
                "long": long,
                "media_url": None,
            }
        )
    return rows
