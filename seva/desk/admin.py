"""The admin's sign-in pages: lockouts (django-axes) and second factors (django-otp).

Administrators see who is locked out and lift a lock by deleting its attempt records (the same
as `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS`), and read every sign-in in
the access log. They see who has set up an authenticator and reset a person's second factor
(a lost phone): the person's sessions end and their next sign-in sets up a new one. Nobody sees
a key or a recovery code here, and nobody adds or edits a device: a second factor is set up by
its own person only, so no administrator can hold someone else's.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.directory.admin import is_administrator
from seva.directory.twofactor import two_factor_reset


class _ReadAndDelete:
    """Administrators may look and delete; nobody adds or edits these records by hand."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)


@admin.register(AccessAttempt)
class LockoutAdmin(_ReadAndDelete, AccessAttemptAdmin):  # type: ignore[misc]
    """Failed sign-ins still counting. Delete an account's (or an address's) rows to unlock."""


@admin.register(AccessLog)
class SignInLogAdmin(_ReadAndDelete, AccessLogAdmin):  # type: ignore[misc]
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of who signed in, from where, is kept


# django-otp's own pages show keys, QR codes and recovery codes, and let anyone with the
# permission create a device for someone else; Seva replaces them with the page below.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice)
class SecondFactorAdmin(_ReadAndDelete, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    actions = ["reset"]

    @admin.action(description="Reset the second factor of the selected people")
    def reset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        people = User.objects.filter(pk__in=queryset.values("user"))
        for person in people:
            two_factor_reset(user=person)
        messages.info(request, f"Second factor reset for {len(people)} person(s).")

    # Deleting here is a reset too: the recovery codes go with the authenticator.
    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        two_factor_reset(user=obj.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        for person in User.objects.filter(pk__in=queryset.values("user")):
            two_factor_reset(user=person)
