"""The API's reads. Every list starts from `seva.directory.access`, as the desk's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from seva.api.schemas import ComplaintFilters
from seva.complaints.action_rules import actions_available
from seva.complaints.models import Complaint, Message, MessageKind
from seva.directory.access import Action, access_can, access_complaints, access_unit

if TYPE_CHECKING:
    from seva.directory.access import AnyUser

# The actions the API has an endpoint for (reject and merge are the desk's), in its words.
API_ACTIONS = (
    Action.FORWARD,
    Action.ACT,
    Action.REVIEW,
    Action.TRANSFER,
    Action.NOTE,
    Action.REPLY,
)


def api_complaints(user: AnyUser, filters: ComplaintFilters) -> QuerySet[Complaint]:
    """The complaints this person may see, filtered, newest received first (stable order)."""
    queryset = access_complaints(user, Action.VIEW).select_related(
        "unit", "complainant", "merged_into"
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.unit:
        # The same reach rule as everywhere: a unit outside it is "not found".
        unit = access_unit(user, filters.unit, Action.VIEW)
        queryset = queryset.filter(unit__path__startswith=unit.path)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.urgent is not None:
        queryset = queryset.filter(is_urgent=filters.urgent)
    if filters.received_after:
        queryset = queryset.filter(received_at__gte=filters.received_after)
    if filters.received_before:
        queryset = queryset.filter(received_at__lt=filters.received_before)
    return queryset.order_by("-received_at", "-id")


def api_thread(complaint: Complaint, *, include_internal: bool) -> list[Message]:
    messages = complaint.messages.order_by("sent_at", "id")
    if not include_internal:
        # A stranger's words about someone's complaint are for the officers who work it.
        messages = messages.exclude(kind__in=[MessageKind.INTERNAL_NOTE, MessageKind.THIRD_PARTY])
    return list(messages)


def sees_internal_notes(user: AnyUser, complaint: Complaint) -> bool:
    """The desk's rule: whoever may open the complaint's page (view it) reads its internal
    notes; citizens and submitter keys never reach a complaint's page."""
    return access_can(user, Action.VIEW, complaint.unit)


def allowed_actions(user: AnyUser, complaint: Complaint) -> list[str]:
    """The API's actions this person may take on the complaint now: the action table (role,
    reach, status) that the services enforce, so a listed action is one the API accepts."""
    available = actions_available(user, complaint)
    return [action.value for action in API_ACTIONS if action in available]
