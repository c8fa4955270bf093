"""The complaint page and its actions. Each action checks that the person sees the complaint
(404 otherwise, before any input is read), parses its form, calls one service and goes back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from seva.complaints.action_rules import COMPLAINT_ACTIONS, actions_available
from seva.complaints.models import Complaint
from seva.complaints.selectors import complaint_timeline
from seva.complaints.services import (
    complaint_act,
    complaint_forward,
    complaint_merge,
    complaint_note,
    complaint_reject,
    complaint_review,
    complaint_transfer,
)
from seva.complaints.statuses import OFFICER_ACTIONS, TRANSITIONS, Status
from seva.core.errors import InvalidInput
from seva.core.postlength import MAX_POST_LENGTH
from seva.desk import forms
from seva.desk.errors import desk_view, safe_next
from seva.desk.labels import reply_template_choices, status_label
from seva.desk.selectors import (
    districts_by_name,
    forward_targets,
    thread_messages,
    transfer_targets,
    unit_for_code,
)
from seva.desk.templatetags.desk import unit_name
from seva.desk.views.common import acting_person, nav_context
from seva.directory.access import Action, access_complaint


def _allowed(request: HttpRequest, complaint: Complaint) -> dict[str, bool]:
    """Action → whether this person may take it now: the action table (role, reach, status)
    that every service checks, so the page offers exactly what the services accept."""
    available = actions_available(request.user, complaint)
    return {action.value: action in available for action in COMPLAINT_ACTIONS}


def triage_view(complaint: Complaint) -> dict[str, Any]:
    """The triage decision as stored with the complaint (routing's TriageDecision.as_json)."""
    triage: dict[str, Any] = complaint.triage if isinstance(complaint.triage, dict) else {}
    confidence = triage.get("confidence") or {}
    return {
        "present": bool(triage),
        "is_grievance": triage.get("is_grievance"),
        "district": triage.get("district") or "",
        "category": triage.get("category") or "",
        "urgent": bool(triage.get("urgent")),
        "confidence": confidence if isinstance(confidence, dict) else {},
        "reasons": [str(reason) for reason in triage.get("reasons") or []],
    }


@require_GET
@login_required
@desk_view
def complaint_page(request: HttpRequest, code: str) -> HttpResponse:
    complaint = access_complaint(request.user, code, Action.VIEW)
    can = _allowed(request, complaint)
    status = Status(complaint.status)
    # Which move each form may make is the transition table's (the service's one writer).
    moves = TRANSITIONS[status]
    triage = triage_view(complaint)
    suggested = None
    if can["forward"] and status in (Status.OPEN, Status.REOPENED) and triage["district"]:
        suggested = districts_by_name([triage["district"]]).get(triage["district"])
    context = {
        "complaint": complaint,
        "complainant": complaint.complainant,
        "thread": thread_messages(complaint, include_internal=True),
        "timeline": complaint_timeline(complaint),
        "triage": triage,
        "suggested": suggested,
        "can": can,
        "act_choices": [
            (s.value, status_label(s))
            for s in (Status.IN_PROCESS, Status.INCOMPLETE_INFO, Status.CLOSED)
            if s in OFFICER_ACTIONS and s in moves
        ]
        if can["act"]
        else [],
        "forward_targets": forward_targets(request.user, complaint) if can["forward"] else [],
        "transfer_targets": transfer_targets(complaint) if can["transfer"] else [],
        # A closure is accepted or reopened; a disposed complaint can only be reopened.
        "can_accept": can["review"] and Status.DISPOSED in moves,
        "can_reopen": can["review"] and Status.REOPENED in moves,
        "can_reject": can["reject"],
        "can_merge": can["merge"],
        "reply_templates": reply_template_choices() if can["reply"] else [],
        "reply_limit": MAX_POST_LENGTH,
        **nav_context(request),
    }
    return render(request, "desk/complaint.html", context)


def _back(request: HttpRequest, code: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request, reverse("desk:complaint", args=[code])))


def _unit(code: str) -> Any:
    unit = unit_for_code(code)
    if unit is None:
        raise InvalidInput(f"no active unit {code!r}", field="unit")
    return unit


@require_POST
@login_required
@desk_view
def complaint_act_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.ActForm, request)
    complaint = complaint_act(actor=person, code=code, to=Status(data["to"]), note=data["note"])
    messages.success(
        request,
        _("%(code)s is now %(status)s.") % {"code": code, "status": status_label(complaint.status)},
    )
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_forward_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.UnitForm, request)
    unit = _unit(data["unit"])
    complaint_forward(actor=person, code=code, to_unit=unit)
    messages.success(
        request, _("%(code)s forwarded to %(unit)s.") % {"code": code, "unit": unit_name(unit)}
    )
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_transfer_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.TransferForm, request)
    unit = _unit(data["unit"])
    complaint_transfer(actor=person, code=code, to_unit=unit, reason=data["reason"])
    messages.success(
        request, _("%(code)s transferred to %(unit)s.") % {"code": code, "unit": unit_name(unit)}
    )
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_note_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.NoteForm, request)
    complaint_note(actor=person, code=code, text=data["text"], public=data["public"])
    messages.success(request, _("Note added to %(code)s.") % {"code": code})
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_review_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.ReviewForm, request)
    accept = data["decision"] == "accept"
    complaint = complaint_review(actor=person, code=code, accept=accept, reason=data["reason"])
    messages.success(
        request,
        _("%(code)s is now %(status)s.") % {"code": code, "status": status_label(complaint.status)},
    )
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_reject_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.ReasonForm, request)
    complaint_reject(actor=person, code=code, reason=data["reason"])
    messages.success(request, _("%(code)s rejected as not actionable.") % {"code": code})
    return _back(request, code)


@require_POST
@login_required
@desk_view
def complaint_merge_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code)
    data = forms.parse(forms.MergeForm, request)
    into = data["into"].strip().upper()
    complaint_merge(actor=person, code=code, into_code=into)
    messages.success(
        request, _("%(code)s merged into %(into)s as a duplicate.") % {"code": code, "into": into}
    )
    return _back(request, code)
