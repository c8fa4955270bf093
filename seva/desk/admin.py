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
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.directory.access import admin_is_root, admin_people
from seva.directory.adminsite import SevaModelAdmin
from seva.directory.twofactor import two_factor_reset


def _reachable_usernames(request: HttpRequest) -> QuerySet[User, str]:
    return admin_people(request.user).values_list("username", flat=True)


class LockoutAdmin(SevaModelAdmin, AccessAttemptAdmin):  # type: ignore[misc]
    """Failed sign-ins still counting. Delete an account's (or an address's) rows to unlock.
    An administrator reaches the attempts on the accounts they administer; attempts on unknown
    names or by address alone are a root administrator's."""

    scoped = True

    def reach_q(self, request: HttpRequest) -> Q:
        if admin_is_root(request.user):
            return Q()
        return Q(username__in=_reachable_usernames(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SignInLogAdmin(SevaModelAdmin, AccessLogAdmin):  # type: ignore[misc]
    """The record of who signed in, from where: read by root administrators, kept."""

    root_only = True
    read_only = True


# django-otp's own pages show keys, QR codes and recovery codes, and let anyone with the
# permission create a device for someone else; Seva replaces them with the page below.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
admin.site.register(AccessAttempt, LockoutAdmin)
admin.site.register(AccessLog, SignInLogAdmin)


@admin.register(TOTPDevice)
class SecondFactorAdmin(SevaModelAdmin):
    """Who has an authenticator; "reset" (or delete) for a lost phone. Only for the people the
    administrator administers (`admin_people`: never a peer administrator)."""

    scoped = True
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    actions = ["reset"]

    def reach_q(self, request: HttpRequest) -> Q:
        return Q(user__in=admin_people(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

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
