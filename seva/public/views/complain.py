"""The web complaint form: /complain/, the code page after it, and the police stations of a
district for the form's script.

Abuse controls, cheapest first: the request body's size (413 before anything is read), the
per-client limit on submissions (SEVA_COMPLAIN_RATE_LIMIT per hour), CSRF, the honeypot, the
form's signed token (fetched first, at least SEVA_COMPLAIN_MIN_SECONDS old), the form's checks.
A submission goes through `submission_intake` like the API's; the token's id is its client_ref,
so a double click or a reload gives the same code, not a second complaint.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from seva.channels.direct import SubmissionHeld, submission_intake
from seva.core.errors import Conflict, InvalidInput
from seva.core.ratelimit import RateLimit, RateVerdict, rate_limited, tracking_limit
from seva.public.forms import ComplaintForm, choice_label, new_ref, ref_is_fresh
from seva.public.selectors import choosable_stations, complaint_exists
from seva.public.views.track import too_many as too_many_lookups

View = Callable[..., HttpResponse]


def complain_limit() -> RateLimit:
    return RateLimit(
        scope="complain", requests=int(settings.SEVA_COMPLAIN_RATE_LIMIT), seconds=3600
    )


def too_many(request: HttpRequest, verdict: RateVerdict) -> HttpResponse:
    minutes = max(verdict.retry_after // 60, 1)
    message = _(
        "Too many complaints were sent from your connection. Please try again in %(n)s minutes, "
        "or call 112 in an emergency."
    ) % {"n": minutes}
    context = {"message": message, "retry_after": verdict.retry_after}
    return render(request, "public/limited.html", context, status=429)


def max_body_bytes() -> int:
    return int(settings.SEVA_COMPLAIN_MAX_BODY_BYTES)


def body_limit(view: View) -> View:
    """Refuse a request body larger than SEVA_COMPLAIN_MAX_BODY_BYTES by its declared length,
    before anything reads it (Django itself caps bodies at DATA_UPLOAD_MAX_MEMORY_SIZE; the
    NUL check in seva.core.middleware reads `body_limit_bytes` and leaves such bodies alone)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_body_bytes():
            message = _("The complaint is too long to send. Shorten it and try again.")
            return render(request, "public/refused.html", {"message": message}, status=413)
        return view(request, *args, **kwargs)

    wrapped.body_limit_bytes = max_body_bytes  # type: ignore[attr-defined]
    return wrapped


def _form_page(request: HttpRequest, form: ComplaintForm, *, status: int = 200) -> HttpResponse:
    return render(request, "public/complain.html", {"form": form}, status=status)


# The CSRF check runs inside (csrf_protect), after the size and rate checks, so that an
# oversized body is refused before the CSRF middleware would read it to find the token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@body_limit
@rate_limited(complain_limit, methods=frozenset({"POST"}), on_limit=too_many)
@csrf_protect
def complain(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ComplaintForm(initial={"ref": new_ref()}))
    if "show_stations" in request.POST:
        # Without JavaScript: the citizen chose a district and asks for its police stations.
        return _form_page(request, ComplaintForm(initial=request.POST.dict()))
    form = ComplaintForm(request.POST)
    if form.is_spam:
        message = _("The complaint could not be accepted.")
        return render(request, "public/refused.html", {"message": message}, status=400)
    if not form.is_valid():
        if not ref_is_fresh(str(request.POST.get("ref", ""))):
            # An expired or foreign token: keep what the citizen wrote, give the form a new one.
            form = ComplaintForm({**request.POST.dict(), "ref": new_ref()})
            form.is_valid()
            form.add_error(None, _("This form is out of date: press Send again."))
        return _form_page(request, form, status=400)
    try:
        done = submission_intake(form.submission(language=get_language() or "en"))
    except InvalidInput as error:
        form.add_intake_error(error)
        return _form_page(request, form, status=400)
    except Conflict:
        # The same form was sent before with other words: keep the new words, new token.
        form = ComplaintForm({**request.POST.dict(), "ref": new_ref()})
        form.is_valid()
        form.add_error(None, _("This form was already sent once. Check your words and send again."))
        return _form_page(request, form, status=409)
    except SubmissionHeld:
        message = _(
            "Your complaint was received but could not be given a code yet. The police will "
            "process it; if it is urgent, call 112."
        )
        return render(request, "public/refused.html", {"message": message}, status=503)
    return redirect("public:complained", code=done.code)


@never_cache
@require_safe
@rate_limited(tracking_limit, on_limit=too_many_lookups)
def complained(request: HttpRequest, code: str) -> HttpResponse:
    """The code, big, with the tracking link and what happens next. Shows nothing but the
    code, which its tracking page shows anyway; but it tells whether a code exists, so it
    counts against the tracking limit like the tracking page."""
    if not complaint_exists(code):
        raise Http404("no such complaint")
    link = f"{settings.SITE_URL}/track/{code}/"
    response = render(request, "public/complained.html", {"code": code, "link": link})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def stations(request: HttpRequest) -> JsonResponse:
    """The police stations of a district, for the form's script: [{code, label}]."""
    district = request.GET.get("district", "")[:40]
    found = [{"code": s.code, "label": choice_label(s)} for s in choosable_stations(district)]
    response = JsonResponse({"stations": found}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    response["Vary"] = "Accept-Language, Cookie"
    return response
