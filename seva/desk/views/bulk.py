"""HQ's bulk actions on its two queues: forward or reject the selected incoming complaints,
accept the selected closures. Each complaint goes through its own service call (see
seva.complaints.services.batch); the person is told what was done and what was refused."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from seva.complaints.services.batch import (
    MAX_BATCH,
    BatchOutcome,
    complaints_accept_many,
    complaints_forward_many,
    complaints_reject_many,
)
from seva.core.errors import InvalidInput, NotFound
from seva.desk.errors import desk_view, error_message
from seva.desk.selectors import suggested_units, unit_for_code
from seva.desk.views.common import acting_person, nav_context


def _codes(request: HttpRequest) -> list[str]:
    codes = [code.strip().upper() for code in request.POST.getlist("codes") if code.strip()]
    if not codes:
        raise InvalidInput("select at least one complaint", field="codes")
    if len(codes) > MAX_BATCH:
        raise InvalidInput(f"at most {MAX_BATCH} complaints at once", field="codes")
    return codes


def _tell(request: HttpRequest, outcome: BatchOutcome, done_message: str) -> None:
    if outcome.done:
        messages.success(request, done_message % {"count": len(outcome.done)})
    if outcome.refused:
        listed = "; ".join(f"{code} ({why})" for code, why in list(outcome.refused.items())[:10])
        messages.error(
            request,
            ngettext(
                "%(count)d could not be done: %(list)s",
                "%(count)d could not be done: %(list)s",
                len(outcome.refused),
            )
            % {"count": len(outcome.refused), "list": listed},
        )


@require_POST
@login_required
@desk_view
def triage_bulk(request: HttpRequest) -> HttpResponse:
    nav = nav_context(request)
    if not nav["can_triage"]:
        raise NotFound("the triage queue is HQ's")
    try:
        _triage_bulk(request)
    except InvalidInput as error:  # back to the queue (the bulk URL has no page of its own)
        messages.error(request, error_message(error))
    return HttpResponseRedirect(reverse("desk:triage"))


def _triage_bulk(request: HttpRequest) -> None:
    person = acting_person(request)
    codes = _codes(request)
    action = request.POST.get("action", "")
    if action == "reject":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            raise InvalidInput("a reason is needed to reject", field="reason")
        outcome = complaints_reject_many(actor=person, codes=codes, reason=reason[:2000])
        _tell(request, outcome, _("%(count)d rejected as not actionable."))
    elif action == "forward":
        unit = unit_for_code(request.POST.get("unit", "").strip().upper())
        if unit is None:
            raise InvalidInput("choose a unit to forward to", field="unit")
        outcome = complaints_forward_many(actor=person, targets=dict.fromkeys(codes, unit))
        _tell(request, outcome, _("%(count)d forwarded."))
    elif action == "forward_suggested":
        suggested = suggested_units(person, codes)
        outcome = complaints_forward_many(
            actor=person, targets={c: suggested[c] for c in codes if c in suggested}
        )
        outcome.refused.update(
            {c: _("triage suggests no district") for c in codes if c not in suggested}
        )
        _tell(request, outcome, _("%(count)d forwarded to the units triage suggests."))
    else:
        raise InvalidInput("choose what to do with the selected complaints", field="action")


@require_POST
@login_required
@desk_view
def review_bulk(request: HttpRequest) -> HttpResponse:
    nav = nav_context(request)
    if not nav["can_review"]:
        raise NotFound("the review queue is HQ's")
    try:
        outcome = complaints_accept_many(actor=acting_person(request), codes=_codes(request))
    except InvalidInput as error:
        messages.error(request, error_message(error))
    else:
        _tell(request, outcome, _("%(count)d closures accepted (Disposed)."))
    return HttpResponseRedirect(reverse("desk:review"))
