"""The reply composer on the complaint page: a template to start from, the length as X counts
it while the officer types (an HTMX partial, so the count is X's own rule, not a guess in
JavaScript), and the reply itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from seva.channels.officer_replies import reply_write
from seva.channels.replies import active_templates, reply_text
from seva.core.postlength import MAX_POST_LENGTH, weighted_length
from seva.desk import forms
from seva.desk.errors import desk_view
from seva.desk.views.common import acting_person
from seva.directory.access import Action, access_complaint


def length_context(text: str) -> dict[str, object]:
    length = weighted_length(text) if text else 0
    return {"length": length, "limit": MAX_POST_LENGTH, "too_long": length > MAX_POST_LENGTH}


@require_POST
@login_required
@desk_view
def reply_length(request: HttpRequest, code: str) -> HttpResponse:
    access_complaint(request.user, code, Action.REPLY)
    text = request.POST.get("text", "")[: forms.NOTE_MAX]
    return render(request, "desk/_reply_length.html", length_context(text))


@require_GET
@login_required
@desk_view
def reply_draft(request: HttpRequest, code: str) -> HttpResponse:
    """The reply box filled from a template in the complaint's language (code, unit and the
    tracking link filled in), for the officer to edit before sending."""
    complaint = access_complaint(request.user, code, Action.REPLY)
    key = request.GET.get("template", "")
    text = ""
    if key:
        try:
            text = reply_text(complaint, purpose=key, templates=active_templates())
        except LookupError:
            text = ""
    return render(
        request,
        "desk/_reply_box.html",
        {"complaint": complaint, "text": text, **length_context(text)},
    )


@require_POST
@login_required
@desk_view
def reply_send_view(request: HttpRequest, code: str) -> HttpResponse:
    person = acting_person(request)
    access_complaint(person, code, Action.REPLY)
    text = forms.parse(forms.ReplyForm, request)["text"].strip()
    length = weighted_length(text) if text else 0
    back = reverse("desk:complaint", args=[code])
    if length > MAX_POST_LENGTH:
        messages.error(
            request,
            _("The reply is %(length)s long as X counts it; at most %(limit)s fit in a post.")
            % {"length": length, "limit": MAX_POST_LENGTH},
        )
        return HttpResponseRedirect(back)
    reply_write(actor=person, code=code, text=text)
    messages.success(request, _("Reply to the citizen saved; it is sent shortly."))
    return HttpResponseRedirect(back)
