"""Domain errors to responses, in one place for every desk view.

NotFound is a 404 and NotAllowed a 403, whatever the view. The errors a person can fix or
understand (a missing note, a move the status table forbids, someone else's change first) come
back as a message on the page they were on; the complaint is left as it was.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from seva.core.errors import (
    Conflict,
    IllegalAction,
    IllegalTransition,
    InvalidInput,
    NotAllowed,
    NotFound,
)
from seva.desk.labels import status_label

View = Callable[..., HttpResponse]


def error_message(error: Exception) -> str:
    """What the person reads for a domain error they can act on."""
    if isinstance(error, IllegalAction):
        return _("That cannot be done while the complaint is %(status)s.") % {
            "status": status_label(error.status)
        }
    if isinstance(error, IllegalTransition):
        return _("A complaint that is %(old)s cannot be marked %(new)s.") % {
            "old": status_label(error.from_status),
            "new": status_label(error.to_status),
        }
    if isinstance(error, Conflict):
        return _("Someone else changed this complaint meanwhile. Here it is as it is now.")
    if isinstance(error, InvalidInput):
        if error.field in {"note", "reason"}:
            return _("This step needs a note or reason: please write one.")
        if error.field == "text":
            return _("Please write the text: it cannot be empty.")
        if error.field == "codes":
            return _("Tick at least one complaint (at most 100) first.")
        if error.field == "action":
            return _("Choose what to do with the ticked complaints.")
        if error.field == "unit":
            return _("That unit cannot take this complaint: %(detail)s") % {"detail": error}
        return _("That could not be done: %(detail)s") % {"detail": error}
    return _("That could not be done.")


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` the form carried, if it points back into this site; else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def desk_view(view: View) -> View:
    """Wrap a desk view: domain errors become 404, 403, or a message on the page.

    After a refused action the person goes back to the page the form came from (its `next`),
    else to the complaint's page, else to the same URL (screens without a code answer GET)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from error
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except (InvalidInput, IllegalTransition, Conflict) as error:
            messages.error(request, error_message(error))
            code = kwargs.get("code")
            fallback = reverse("desk:complaint", args=[code]) if code else request.path
            return HttpResponseRedirect(safe_next(request, fallback))

    return wrapped
