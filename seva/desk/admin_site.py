"""The admin site: open only to staff whose session was verified by a second factor
(django-otp's OTPAdminSite), and with no sign-in form of its own: its sign-in page sends people
to the desk's, so there is one sign-in, with one lockout and one second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite


class SevaAdminSite(OTPAdminSite):  # type: ignore[misc]
    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.user.is_authenticated:
            # Signed in (with the second factor: the middleware ends any other session of a
            # staff member) but not staff: the admin is not theirs.
            raise PermissionDenied("the admin is for administrators")
        wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
        safe = url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect_to_login(wanted if safe else reverse("admin:index"))
