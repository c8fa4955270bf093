"""HQ captures a post by hand (one the channels did not bring in, or a phone call): it goes
through the channels' intake like every other post (`seva.channels.manual.inbound_capture`),
so it is stored raw first, triaged, and registered, attached as a follow-up, or kept as a
third-party note (a typed author is never taken for the complainant: see threads.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seva.channels.manual import inbound_capture
from seva.channels.models import InboundState
from seva.channels.x.adapter import x_client
from seva.core.errors import NotFound
from seva.desk import forms
from seva.desk.errors import desk_view
from seva.desk.views.common import acting_person, nav_context


def _lookup() -> Any:
    """The X lookup for a pasted address, when an X token is configured (else the typed text
    is used). The call happens before intake's transaction (house style: no network inside)."""
    return x_client().lookup_post if settings.SEVA_X_ACCESS_TOKEN else None


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
    record = inbound_capture(
        actor=acting_person(request),
        url=data["url"],
        text=data["text"],
        author_handle=data["author_handle"],
        author_name=data["author_name"],
        author_location=data["author_location"],
        lookup=_lookup() if data["url"].strip() else None,
    )
    code = record.complaint_code
    if record.state == InboundState.REGISTERED and code:
        messages.success(request, _("Registered as %(code)s.") % {"code": code})
    elif record.state == InboundState.ATTACHED and code:
        messages.success(request, _("Attached to %(code)s as a follow-up.") % {"code": code})
    elif record.state == InboundState.NOTED and code:
        messages.success(
            request,
            _("Kept on %(code)s as a note from someone other than the complainant.")
            % {"code": code},
        )
    elif record.state == InboundState.IGNORED:
        messages.error(request, _("Triage judged this not a grievance: nothing was registered."))
        return HttpResponseRedirect(reverse("desk:capture"))
    else:
        messages.error(
            request,
            _("The post was stored but not registered (%(state)s).")
            % {"state": record.get_state_display()},
        )
        return HttpResponseRedirect(reverse("desk:capture"))
    return HttpResponseRedirect(reverse("desk:complaint", args=[code]))
