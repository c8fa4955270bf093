"""Every request: a session whose person must use a second factor and that was not verified
by one is ended.

The sign-in never creates such a session (seva.desk.signin), so this catches the others: a
session from before two-factor sign-in was switched on, a person given an HQ role or made
staff while signed in, a setting that now covers their role, and a session whose device an
administrator removed (django-otp's middleware then finds no device). Ending the session sends
the person to sign in again; there is no page a half-verified session can still open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from seva.directory.twofactor import two_factor_required


class TwoFactorMiddleware:
    """Install after django-otp's OTPMiddleware (it gives `request.user.is_verified`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user  # django-otp's middleware gave it `is_verified`
        if user.is_authenticated and not user.is_verified() and two_factor_required(user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
