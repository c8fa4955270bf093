"""Administrators issue and revoke API tokens and configure webhook subscriptions here.

A token's secret is shown once, in the message after it is created; only its digest is kept.
Tokens are never edited or deleted (revoke instead), so the record of who had access stays.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from seva.api.models import (
    ApiToken,
    DeliveryState,
    TokenKind,
    WebhookDelivery,
    WebhookSubscription,
)
from seva.api.tokens import api_token_revoke, token_digest, token_secret_new
from seva.core.timeutil import now
from seva.directory.admin import AdministratorOnly


class ApiTokenForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ApiToken
        fields = ["name", "kind", "user"]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("kind") == TokenKind.PERSON and not data.get("user"):
            self.add_error("user", "A person token acts as a person: choose one.")
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
class ApiTokenAdmin(AdministratorOnly):
    form = ApiTokenForm
    list_display = ["name", "kind", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["name", "user__username", "prefix"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "kind", "user"]
        return ["name", "kind", "user", "prefix", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # tokens are not edited; revoke and issue a new one
        secret = token_secret_new()
        obj.prefix, obj.digest, obj.created_at = secret[:12], token_digest(secret), now()
        if obj.kind == TokenKind.SUBMITTER:
            obj.user = None
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The token for {obj.name!r} is {secret} — copy it now: it is shown only once.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token_id=token.pk)
        messages.success(request, f"Revoked {queryset.count()} token(s).")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(AdministratorOnly):
    form = WebhookSubscriptionForm
    list_display = ["name", "url", "is_active", "unit", "created_at"]
    list_filter = ["is_active"]
    fields = ["name", "url", "secret", "event_types", "unit", "is_active"]
    autocomplete_fields = ["unit"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"secret": secrets.token_hex(32), "event_types": []}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(AdministratorOnly):
    list_display = ["id", "event_type", "subscription", "state", "attempts", "last_status"]
    list_filter = ["state", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send the selected deliveries again")
    def retry(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = queryset.exclude(state=DeliveryState.SENT).update(
            state=DeliveryState.PENDING, attempts=0, next_attempt_at=now(), claimed_until=None
        )
        messages.success(request, f"{count} delivery(ies) will be sent again.")
