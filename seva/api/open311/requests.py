"""Complaints as Open311 service requests: the query (GET requests) and each request's fields.

Who sees what: with a person's token (Bearer) the caller reads the complaints in their reach,
in full, scoped by `seva.directory.access` as everywhere. Anyone else (no key, or a submitter
key) reads the public facts (code, status, service, responsible unit, dates), as on the
tracking page, without the citizen's words, address or location: of the requests they name by
id, and, only where SEVA_OPEN311_PUBLIC_LIST allows, of the list, which never holds a sensitive
category (`seva.complaints.selectors.sensitive_categories`). A sensitive request read by id
shows no service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from seva.api.open311.catalogue import SERVICES, service_code_of
from seva.api.open311.formats import Open311Error
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


def request_window(query: RequestQuery, *, at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The received-at window a list covers: `end_date` (default now) back to `start_date`
    (default 90 days before the end). Either way it spans at most 90 days (400 otherwise)."""
    end = query.end or at
    start = query.start or end - MAX_SPAN
    if end < start:
        raise Open311Error(400, "end_date is before start_date")
    if end - start > MAX_SPAN:
        raise Open311Error(
            400, "start_date to end_date (now, when not given) may not span more than 90 days"
        )
    return start, end


def _services_q(services: set[str]) -> Q:
    """Complaints of these services; "other" is no category, or one that is not a service."""
    matches = Q(category__in=services - {"other"})
    if "other" in services:
        matches |= ~Q(category__in=[code for code in SERVICES if code != "other"])
    return matches


def requests_query(
    person: User | None,
    query: RequestQuery,
    *,
    at: dt.datetime,
    hidden: frozenset[str] = frozenset(),
) -> QuerySet[Complaint]:
    """The requests asked for, newest first: by id, or the list in `request_window`, without
    the categories in `hidden` (the sensitive ones, for a public list)."""
    complaints = (
        access_complaints(person, Action.VIEW) if person is not None else Complaint.objects.all()
    )
    complaints = complaints.select_related("unit", "unit__parent", "origin_message")
    if query.codes is not None:
        return complaints.filter(code__in=query.codes).order_by("-received_at", "-id")
    if hidden:
        complaints = complaints.exclude(_services_q(set(hidden)))
    if query.service_codes:
        complaints = complaints.filter(_services_q(set(query.service_codes)))
    start, end = request_window(query, at=at)
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


def request_fields(
    complaints: list[Complaint], *, full: bool, hidden: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Each complaint as the spec's request; `full` adds the citizen's words and location, and
    a service in `hidden` (a sensitive one, for a public reader) is left out."""
    locations = _locations(complaints) if full else {}
    rows: list[dict[str, Any]] = []
    for complaint in complaints:
        status = Status(complaint.status)
        service = SERVICES[service_code_of(complaint.category)]
        shown = service.code not in hidden
        lat, long = locations.get(complaint.pk, (None, None))
        closed = status in CLOSED
        rows.append(
            {
                "service_request_id": complaint.code,
                "status": "closed" if closed else "open",
                "status_notes": _PUBLIC_NOTES.get(status, LABELS[status]),
                "service_name": service.name if shown else None,
                "service_code": service.code if shown else None,
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
