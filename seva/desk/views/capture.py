"""HQ captures a post by hand: a complaint the channels did not bring in (a post seen
elsewhere, a phone call). It is registered at state HQ and joins the triage queue."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seva.complaints.services import complaint_register
from seva.core.errors import NotFound
from seva.desk import forms
from seva.desk.errors import desk_view
from seva.desk.views.common import acting_person, nav_context


@require_http_methods(["GET", "POST"])
@login_required
@desk_view
def capture(request: HttpRequest) -> HttpResponse:
    nav = nav_context(request)
    if not nav["can_capture"]:
        raise NotFound("capture is HQ's")
    if request.method == "GET":
        return render(request, "desk/capture.html", {"form": forms.CaptureForm(), **nav})
    data = forms.parse(forms.CaptureForm, request)
    handle = data["handle"].strip().removeprefix("@")
    # The complainant's identity on the platform: the handle when there is one; otherwise a
    # fresh identity (a caller without a handle is not matched to anyone else).
    identity = f"handle:{handle.lower()}" if handle else f"capture:{uuid.uuid4().hex}"
    complaint = complaint_register(
        actor=acting_person(request),
        platform=data["platform"],
        channel=data["platform"],
        external_user_id=identity,
        handle=handle,
        display_name=data["display_name"].strip(),
        external_id=data["external_id"].strip(),
        text=data["text"],
        category=data["category"],
        is_urgent=data["is_urgent"],
    )
    messages.success(request, _("Registered as %(code)s.") % {"code": complaint.code})
    return HttpResponseRedirect(reverse("desk:complaint", args=[complaint.code]))
