"""HQ's two queues: triage (the incoming stream at state HQ) and review (closures)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seva.complaints.action_rules import action_allowed
from seva.core.errors import NotFound
from seva.desk.errors import desk_view
from seva.desk.selectors import (
    closing_notes,
    district_choices,
    districts_by_name,
    review_complaints,
    triage_complaints,
)
from seva.desk.views.common import nav_context
from seva.desk.views.complaint import triage_view
from seva.directory.access import Action

PAGE_SIZE = 25


@require_GET
@login_required
@desk_view
def triage_queue(request: HttpRequest) -> HttpResponse:
    nav = nav_context(request)
    if not nav["can_triage"]:
        raise NotFound("the triage queue is HQ's")
    page = Paginator(triage_complaints(request.user, nav["hq"]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    decisions = {complaint.pk: triage_view(complaint) for complaint in page}
    suggested = districts_by_name(d["district"] for d in decisions.values())
    rows = [
        {
            "complaint": complaint,
            "triage": decisions[complaint.pk],
            "suggested": suggested.get(decisions[complaint.pk]["district"]),
            # A reopened complaint back at HQ is forwarded again, not rejected (the table).
            "can_reject": action_allowed(request.user, Action.REJECT, complaint),
        }
        for complaint in page
    ]
    context = {"page": page, "rows": rows, "units": district_choices(), **nav}
    return render(request, "desk/triage.html", context)


@require_GET
@login_required
@desk_view
def review_queue(request: HttpRequest) -> HttpResponse:
    nav = nav_context(request)
    if not nav["can_review"]:
        raise NotFound("the review queue is HQ's")
    page = Paginator(review_complaints(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    notes = closing_notes(page)
    rows = [{"complaint": c, "note": notes.get(c.pk, "")} for c in page]
    return render(request, "desk/review.html", {"page": page, "rows": rows, **nav})
