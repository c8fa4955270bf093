"""The tracking page: /track/ (type a code) and /track/<code>/ (and its JSON form).

Anyone may look a code up; the page shows only what `tracking_view` calls public. Each look-up
counts against the client's tracking limit (`seva.core.ratelimit.tracking_limit`,
SEVA_TRACK_RATE_LIMIT per minute), which every door that tells whether a code exists shares.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from seva.complaints.codes import CodeCheckError, CodeError, format_code
from seva.core.errors import NotFound
from seva.core.ratelimit import RateVerdict, rate_limited, tracking_limit
from seva.public.labels import public_status_label, public_status_meaning
from seva.public.selectors import tracking_view
from seva.public.serialise import (
    ErrorJSON,
    step_sentence,
    tracking_json,
    unit_json,
    unit_name,
)


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json" or request.path.endswith(".json")


def code_error_message(error: CodeError) -> tuple[str, str]:
    """(error key, what the citizen reads) for a code that cannot be read."""
    if isinstance(error, CodeCheckError):
        return "typing_mistake", _(
            "This code has a typing mistake: check the characters against your reply."
        )
    return "not_a_code", _(
        "That is not a complaint code. A code looks like LKN-261122-042-7 (letters, the date, "
        "a number and one check character)."
    )


def too_many(request: HttpRequest, verdict: RateVerdict) -> HttpResponse:
    message = _("Too many requests from your connection. Please try again in %(n)s seconds.") % {
        "n": verdict.retry_after
    }
    if wants_json(request):
        return JsonResponse(ErrorJSON(error="rate_limited", message=message), status=429)
    context = {"message": message, "retry_after": verdict.retry_after}
    return render(request, "public/limited.html", context, status=429)


def _private(response: HttpResponse) -> HttpResponse:
    # A complaint's page is for the citizen who holds the code, not for search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
@rate_limited(tracking_limit, on_limit=too_many)
def track_start(request: HttpRequest) -> HttpResponse:
    """The form to type a code (a GET form: it works without JavaScript and without a
    session); a readable code goes to its page."""
    typed = request.GET.get("code")
    if typed is None:
        return render(request, "public/track_start.html", {"typed": ""})
    try:
        return redirect("public:track", code=format_code(typed))
    except CodeError as error:
        _key, message = code_error_message(error)
        context = {"typed": typed[:40], "error": message}
        return render(request, "public/track_start.html", context, status=400)


@never_cache
@require_safe
@rate_limited(tracking_limit, on_limit=too_many)
def track(request: HttpRequest, code: str) -> HttpResponse:
    as_json = wants_json(request)
    try:
        view = tracking_view(code)
    except CodeError as error:
        key, message = code_error_message(error)
        if as_json:
            return JsonResponse(ErrorJSON(error=key, message=message), status=400)
        context = {"typed": code[:40], "error": message}
        return _private(render(request, "public/track_start.html", context, status=400))
    except NotFound:
        message = _("No complaint has this code. Check it against the reply you received.")
        if as_json:
            return JsonResponse(ErrorJSON(error="not_found", message=message), status=404)
        context = {"typed": code[:40], "error": message}
        return _private(render(request, "public/not_found.html", context, status=404))
    if as_json:
        response = JsonResponse(tracking_json(view), json_dumps_params={"ensure_ascii": False})
        return _private(response)
    if code != view.code:  # typed in lower case or without dashes: show the printed form
        return redirect("public:track", code=view.code)
    page: dict[str, object] = {
        "view": view,
        "status_label": public_status_label(view.status),
        "meaning": public_status_meaning(view.status),
        "unit_name": unit_name(view.unit),
        "unit_kind": unit_json(view.unit)["kind_label"],
        "steps": [(step, step_sentence(step)) for step in reversed(view.steps)],
        "updates": list(reversed(view.updates)),
        "json_url": f"{request.path.rstrip('/')}.json",
    }
    return _private(render(request, "public/track.html", page))
