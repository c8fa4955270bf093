"""Administrators issue and revoke API tokens and configure webhook subscriptions here.

A token's secret is shown once, in the message after it is created; only its digest is kept.
Tokens are never edited or deleted (revoke instead), so the record of who had access stays.
An administrator sees and issues tokens only for people in their administration (and their
own); submitter keys and subscriptions to the whole state are root administrators'.
"""

from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from seva.api.models import (
    ApiToken,
    DeliveryState,
    TokenKind,
    WebhookDelivery,
    WebhookSubscription,
)
from seva.api.tokens import api_token_issue, api_token_issue_check, api_token_revoke
from seva.core.errors import NotAllowed
from seva.core.timeutil import now
from seva.directory.access import admin_is_root, admin_people
from seva.directory.adminsite import SevaModelAdmin, form_for_actor


class ApiTokenForm(forms.ModelForm):  # type: ignore[type-arg]
    actor: User | None = None  # set per request by the admin

    class Meta:
        model = ApiToken
        fields = ["name", "kind", "user"]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind, user = data.get("kind"), data.get("user")
        if kind == TokenKind.PERSON and not user:
            self.add_error("user", "A person token acts as a person: choose one.")
        elif kind:
            try:
                api_token_issue_check(kind=kind, user=user, issued_by=self.actor)
            except NotAllowed as exc:
                raise forms.ValidationError(str(exc)) from exc
        return data


class WebhookSubscriptionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "secret", "event_types", "unit", "is_active"]

    def clean_event_types(self) -> list[str]:
        value = self.cleaned_data.get("event_types") or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise forms.ValidationError('A list of event types, e.g. ["status.changed"].')
        return value


@admin.register(ApiToken)
class ApiTokenAdmin(SevaModelAdmin):
    form = ApiTokenForm
    scoped = True
    list_display = [
        "name",
        "kind",
        "user",
        "issued_by",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user", "issued_by"]
    actions = ["revoke"]

    def reach_q(self, request: HttpRequest) -> Q:
        if admin_is_root(request.user):
            return Q()
        return Q(kind=TokenKind.PERSON, user__in=admin_people(request.user))

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        return form_for_actor(super().get_form(request, obj, change, **kwargs), request)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "kind", "user"]
        return [
            "name",
            "kind",
            "user",
            "issued_by",
            "prefix",
            "created_at",
            "last_used_at",
            "revoked_at",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # tokens are not edited; revoke and issue a new one
        issued = api_token_issue(
            name=obj.name, kind=obj.kind, user=obj.user, issued_by=cast(User, request.user)
        )
        obj.pk, obj.user, obj.prefix = issued.token.pk, issued.token.user, issued.token.prefix
        messages.warning(
            request,
            f"The token for {obj.name!r} is {issued.secret} — copy it now: it is shown only once.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token_id=token.pk, actor=cast(User, request.user))
        messages.success(request, f"Revoked {queryset.count()} token(s).")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(SevaModelAdmin):
    """A subscription hears the complaints of its unit's subtree; one without a unit hears the
    whole state and is a root administrator's."""

    form = WebhookSubscriptionForm
    unit_path = "unit__path"
    list_display = ["name", "url", "is_active", "unit", "created_at"]
    list_filter = ["is_active"]
    fields = ["name", "url", "secret", "event_types", "unit", "is_active"]
    autocomplete_fields = ["unit"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change, **kwargs)
        if "unit" in form.base_fields and not admin_is_root(request.user):
            form.base_fields["unit"].required = True
        return form

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"secret": secrets.token_hex(32), "event_types": []}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(SevaModelAdmin):
    unit_path = "subscription__unit__path"
    read_only = True
    list_display = ["id", "event_type", "subscription", "state", "attempts", "last_status"]
    list_filter = ["state", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["retry"]

    @admin.action(description="Send the selected deliveries again")
    def retry(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = queryset.exclude(state=DeliveryState.SENT).update(
            state=DeliveryState.PENDING, attempts=0, next_attempt_at=now(), claimed_until=None
        )
        messages.success(request, f"{count} delivery(ies) will be sent again.")
