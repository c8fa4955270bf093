"""The desk's reads. Every list starts from `seva.directory.access`; these add filters,
order and what each screen shows, in a fixed number of queries whatever the page size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q, QuerySet

from seva.complaints.models import Complaint, Event, Message, MessageKind
from seva.complaints.sla import overdue_q
from seva.complaints.statuses import ACTIVE, Status
from seva.complaints.vocabulary import EventType
from seva.core.timeutil import IST, now
from seva.directory.access import Action, access_complaints, access_grants, access_units
from seva.directory.models import Unit, UnitKind

if TYPE_CHECKING:
    from seva.directory.access import AnyUser

# Unit kinds a complaint is sent to (zones and ranges supervise; they do not work complaints).
WORKING_KINDS = (
    UnitKind.DISTRICT,
    UnitKind.POLICE_STATION,
    UnitKind.DEPARTMENT,
    UnitKind.OFFICE,
)


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # "" = work still to do (ACTIVE), "all", or one Status value
    category: str = ""
    urgent: bool = False
    overdue: bool = False
    unit_path: str = ""  # this unit and below
    search: str = ""
    older_than_days: int = 0  # received more than this many days ago (0 = any age)
    unit_here: bool = False  # only the unit itself, not the units below it
    # IST calendar days (inclusive) of registration, or of disposal when dated_by="disposed"
    # (the command centre's figures link here with these).
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    dated_by: str = "registered"


def _search_q(text: str) -> Q:
    text = text.strip()
    handle = text.removeprefix("@")
    # icontains: LIKE on SQLite, UPPER(..) LIKE on PostgreSQL; both match Devanagari as written.
    return (
        Q(text__icontains=text)
        | Q(code__iexact=text)
        | Q(code__icontains=text)
        | Q(complainant__handle__icontains=handle)
        | Q(complainant__display_name__icontains=text)
    )


def _dated(queryset: QuerySet[Complaint], filters: QueueFilters) -> QuerySet[Complaint]:
    field = "disposed_at" if filters.dated_by == "disposed" else "registered_at"
    if filters.date_from:
        start = dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=IST)
        queryset = queryset.filter(**{f"{field}__gte": start})
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=IST)
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


# Urgent first, then the nearest deadline.
QUEUE_ORDER = ("-is_urgent", F("sla_due_at").asc(nulls_last=True), "id")


def queue_complaints(user: AnyUser, filters: QueueFilters) -> QuerySet[Complaint]:
    """The complaints a person may see, filtered, in queue order (no joins for display: page
    with `queue_page_rows`, so the sort reads an index rather than a million rows)."""
    queryset = access_complaints(user, Action.VIEW)
    if filters.status == "all":
        pass
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.filter(status__in=[s.value for s in ACTIVE])
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.urgent:
        queryset = queryset.filter(is_urgent=True)
    if filters.overdue:
        queryset = queryset.filter(overdue_q(now()))
    if filters.older_than_days:
        queryset = queryset.filter(
            received_at__lt=now() - dt.timedelta(days=filters.older_than_days)
        )
    if filters.unit_path and filters.unit_here:
        queryset = queryset.filter(unit__path=filters.unit_path)
    elif filters.unit_path:
        queryset = queryset.filter(unit__path__startswith=filters.unit_path)
    queryset = _dated(queryset, filters)
    if filters.search.strip():
        queryset = queryset.filter(_search_q(filters.search))
    return queryset.order_by(*QUEUE_ORDER)


def queue_page_rows(page_ids: QuerySet[Complaint, int]) -> list[Complaint]:
    """One page's complaints for display, from a slice of the queue's ids (one query).

    Sorting full rows joined to their unit and complainant made SQLite read every open
    complaint at a million rows (and pick a plan through the complainants); sorting ids reads
    the status-unit index only, and the page's 25 rows are then fetched by id.
    """
    return list(
        Complaint.objects.filter(pk__in=page_ids)
        .select_related("unit", "complainant")
        .order_by(*QUEUE_ORDER)
    )


def queue_unit_choices(user: AnyUser) -> list[Unit]:
    """Units for the queue's unit filter: the person's reach, two levels down from the top of
    it (HQ sees ranges and districts, a district sees its police stations)."""
    grants = access_grants(user)
    if not grants:
        return []
    top_depth = min(grant.unit_path.count("/") - 2 for grant in grants)
    return list(access_units(user, Action.VIEW).filter(is_active=True, depth__lte=top_depth + 2))


def thread_messages(complaint: Complaint, *, include_internal: bool) -> list[Message]:
    messages = complaint.messages.select_related("author_user").order_by("sent_at", "id")
    if not include_internal:
        # A stranger's words about someone's complaint are for the officers who work it.
        messages = messages.exclude(kind__in=[MessageKind.INTERNAL_NOTE, MessageKind.THIRD_PARTY])
    return list(messages)


def forward_targets(user: AnyUser, complaint: Complaint) -> list[Unit]:
    """Units this person may forward the complaint to: working units below the complaint's
    unit (up to two levels down), inside the person's forwarding reach."""
    unit = complaint.unit
    return list(
        access_units(user, Action.FORWARD)
        .filter(
            path__startswith=unit.path,
            depth__lte=unit.depth + 2,
            kind__in=WORKING_KINDS,
            is_active=True,
        )
        .exclude(pk=unit.pk)
    )


def transfer_targets(complaint: Complaint) -> list[Unit]:
    """Any other active district, department or office (a transfer goes across the tree), or
    back to the state HQ unit, where it is Open in HQ's triage queue again."""
    return list(
        Unit.objects.filter(
            is_active=True,
            kind__in=[UnitKind.STATE_HQ, UnitKind.DISTRICT, UnitKind.DEPARTMENT, UnitKind.OFFICE],
        )
        .exclude(pk=complaint.unit_id)
        .order_by("name_en")
    )


def unit_for_code(code: str, *, kinds: Iterable[str] | None = None) -> Unit | None:
    units = Unit.objects.filter(code=code, is_active=True)
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    return units.first()


def state_hq_unit() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.STATE_HQ, parent=None).first()


def triage_complaints(user: AnyUser, hq: Unit) -> QuerySet[Complaint]:
    """HQ's incoming stream: complaints at the state HQ unit still to be sent on."""
    return (
        access_complaints(user, Action.FORWARD)
        .filter(unit=hq, status__in=[Status.OPEN.value, Status.REOPENED.value])
        .select_related("unit", "complainant")
        .order_by("-is_urgent", "registered_at", "id")
    )


def districts_by_name(names: Iterable[str]) -> dict[str, Unit]:
    """Active districts by their English name (the triage decision names a district)."""
    wanted = {name for name in names if name}
    if not wanted:
        return {}
    units = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True, name_en__in=wanted)
    return {unit.name_en: unit for unit in units}


def district_choices() -> list[Unit]:
    return list(
        Unit.objects.filter(
            is_active=True, kind__in=[UnitKind.DISTRICT, UnitKind.DEPARTMENT, UnitKind.OFFICE]
        ).order_by("name_en")
    )


def review_complaints(user: AnyUser) -> QuerySet[Complaint]:
    """Closures awaiting HQ's review, oldest closure first."""
    return (
        access_complaints(user, Action.REVIEW)
        .filter(status=Status.CLOSED.value)
        .select_related("unit", "complainant")
        .order_by("closed_at", "id")
    )


def closing_notes(complaints: Iterable[Complaint]) -> dict[int, str]:
    """The note each complaint was last closed with (one query for the page)."""
    ids = [complaint.pk for complaint in complaints]
    if not ids:
        return {}
    notes: dict[int, str] = {}
    closures = Event.objects.filter(
        complaint_id__in=ids, type=EventType.STATUS_CHANGED, data__to=Status.CLOSED.value
    ).order_by("at", "id")
    for event in closures:
        data: dict[str, Any] = event.data
        notes[event.complaint_id] = str(data.get("note", ""))
    return notes


def suggested_units(user: AnyUser, codes: Iterable[str]) -> dict[str, Unit]:
    """Code → the district triage suggested, for the complaints this person sees (two
    queries whatever the number)."""
    rows = access_complaints(user).filter(code__in=list(codes)).values_list("code", "triage")
    districts = {
        code: str(triage.get("district") or "") for code, triage in rows if isinstance(triage, dict)
    }
    units = districts_by_name(districts.values())
    return {code: units[name] for code, name in districts.items() if name in units}
