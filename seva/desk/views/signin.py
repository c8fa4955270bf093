"""Signing in: the password, then the second factor (or setting one up on the first sign-in),
the page for new recovery codes, and the lockout page.

The state between the two steps and the lockout checks live in `seva.desk.signin`; who needs a
second factor and the device services in `seva.directory.twofactor`. Pages that show a key or
recovery codes are never cached.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.core.errors import Conflict
from seva.desk.forms import SecondFactorForm
from seva.desk.signin import (
    Pending,
    signin_complete,
    signin_failed,
    signin_locked,
    signin_pending,
    signin_pending_remember_device,
    signin_pending_start,
)
from seva.desk.views.common import acting_person, nav_context
from seva.directory.twofactor import (
    authenticator_confirm,
    authenticator_key_text,
    authenticator_start,
    recovery_codes_issue,
    recovery_codes_left,
    second_factor_needed,
    second_factor_verify,
    two_factor_enrolled,
    two_factor_required,
)


class SignInView(LoginView):
    """The password step. People who need no second factor are signed in here; the others
    are remembered as half-way and sent on to their code (or to set up an authenticator)."""

    template_name = "desk/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not second_factor_needed(user):
            return super().form_valid(form)
        signin_pending_start(self.request, user=user, next_url=self.get_success_url())
        return redirect("desk:second_factor" if two_factor_enrolled(user) else "desk:enrol")


def _start_again() -> HttpResponse:
    return redirect("desk:login")


def _next_url(pending: Pending) -> str:
    return pending.next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


def _locked(request: HttpRequest, pending: Pending) -> bool:
    """Is the account or the client locked? An attempt while locked still counts, as at the
    password step (axes' default): each one starts the wait again."""
    username = pending.user.get_username()
    if not signin_locked(request, username):
        return False
    signin_failed(request, username)
    return True


def _wrong_code(request: HttpRequest, form: SecondFactorForm, pending: Pending) -> None:
    signin_failed(request, pending.user.get_username())
    message = _("That code did not work. Check the app's current code and try again.")
    form.add_error("token", message)


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, or a recovery code."""
    pending = signin_pending(request)
    if pending is None:
        return _start_again()
    if not two_factor_enrolled(pending.user):
        return redirect("desk:enrol")
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if _locked(request, pending):
            return locked_out(request)
        device = second_factor_verify(user=pending.user, token=form.cleaned_data["token"])
        if device is not None:
            signin_complete(request, pending, device)
            return redirect(_next_url(pending))
        _wrong_code(request, form, pending)
    return render(request, "desk/second_factor.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """The first sign-in of someone who must use a second factor and has none: scan the key
    into an authenticator app, prove it with a code, then see the recovery codes once."""
    pending = signin_pending(request)
    if pending is None:
        return _start_again()
    if two_factor_enrolled(pending.user):
        return redirect("desk:second_factor")
    try:
        device = authenticator_start(user=pending.user, keep=pending.device_id)
    except Conflict:  # set up meanwhile in another tab: that one counts
        return redirect("desk:second_factor")
    if device.pk != pending.device_id:
        signin_pending_remember_device(request, device.pk)
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if _locked(request, pending):
            return locked_out(request)
        codes = authenticator_confirm(
            user=pending.user, device_id=device.pk, token=form.cleaned_data["token"]
        )
        if codes is not None:
            device.refresh_from_db()
            signin_complete(request, pending, device)
            return render(
                request,
                "desk/recovery_codes.html",
                {
                    **nav_context(request),
                    "codes": codes,
                    "next_url": _next_url(pending),
                    "enrolled": True,
                },
            )
        _wrong_code(request, form, pending)
    context = {"form": form, "qr": _qr_data_uri(device), "key": authenticator_key_text(device)}
    return render(request, "desk/enrol.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """The person's second factor: whether it is set up, how many recovery codes are left, and
    new recovery codes (which replace the old ones) for a session signed in with it."""
    user = acting_person(request)
    verified = bool(getattr(user, "is_verified", lambda: False)())
    if request.method == "POST":
        if not verified:
            raise PermissionDenied("only a session signed in with its second factor")
        codes = recovery_codes_issue(user=user)
        context: dict[str, Any] = {
            **nav_context(request),
            "codes": codes,
            "next_url": resolve_url("desk:two_factor"),
        }
        return render(request, "desk/recovery_codes.html", context)
    context = {
        **nav_context(request),
        "enrolled": two_factor_enrolled(user),
        "required": two_factor_required(user),
        "verified": verified,
        "codes_left": recovery_codes_left(user),
    }
    return render(request, "desk/two_factor.html", context)


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lockout page (django-axes calls this as AXES_LOCKOUT_CALLABLE): it says the same
    whether the account or the client is locked, and whether the account exists or not."""
    minutes = settings.SEVA_SIGNIN_LOCKOUT_MINUTES
    answer = render(request, "desk/locked.html", {"minutes": minutes}, status=429)
    if minutes:
        answer["Retry-After"] = str(minutes * 60)
    return answer


def _qr_data_uri(device: TOTPDevice) -> str:
    """The authenticator's key as a QR code, an SVG drawn here (no outside service sees it)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"))
