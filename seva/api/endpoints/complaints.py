"""Reading complaints: the list (filtered, paginated, with a total) and one complaint's page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Query, Router

from seva.api.auth import acting_person
from seva.api.endpoints.common import ERRORS, complaint_code
from seva.api.render import complaint_fields, complaint_out, message_out, timeline_out
from seva.api.schemas import ComplaintDetail, ComplaintFilters, ComplaintPage
from seva.api.selectors import allowed_actions, api_complaints, api_thread, sees_internal_notes
from seva.complaints.selectors import complaint_timeline
from seva.directory.access import Action, access_complaint

router = Router(tags=["complaints"])


@router.get(
    "/complaints",
    operation_id="complaints_list",
    response={200: ComplaintPage, **ERRORS},
    summary="List complaints",
)
def complaints_list(request: HttpRequest, filters: Query[ComplaintFilters]) -> ComplaintPage:
    """The complaints in the caller's reach, newest received first. `total` counts every
    match; page with `limit` and `offset`."""
    person = acting_person(request)
    queryset = api_complaints(person, filters)
    total = queryset.count()
    page = queryset[filters.offset : filters.offset + filters.limit]
    return ComplaintPage(
        total=total,
        limit=filters.limit,
        offset=filters.offset,
        items=[complaint_out(complaint) for complaint in page],
    )


@router.get(
    "/complaints/{code}",
    operation_id="complaint_detail",
    response={200: ComplaintDetail, **ERRORS},
    summary="One complaint",
)
def complaint_detail(request: HttpRequest, code: Path[str]) -> ComplaintDetail:
    """The complaint with its thread (internal notes only for those who may see them, as at
    the desk), its timeline and the actions the caller may take."""
    person = acting_person(request)
    complaint = access_complaint(person, complaint_code(code), Action.VIEW)
    internal = sees_internal_notes(person, complaint)
    return ComplaintDetail.model_validate(
        {
            **complaint_fields(complaint),
            "thread": [message_out(m) for m in api_thread(complaint, include_internal=internal)],
            "timeline": [timeline_out(entry) for entry in complaint_timeline(complaint)],
            "allowed_actions": allowed_actions(person, complaint),
        }
    )


__all__ = ["complaint_out", "router"]
