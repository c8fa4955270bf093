"""Channel health and records in the admin: accounts with their health, inbound records (with
replay), replies (with retry), alerts, and a form to capture a post by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from seva.channels.manual import inbound_capture
from seva.channels.models import (
    ChannelAccount,
    ChannelAlert,
    InboundRecord,
    InboundState,
    OutboundReply,
    ReplyState,
)
from seva.channels.services.health import channel_health
from seva.channels.services.intake import inbound_replay
from seva.channels.x.adapter import x_client
from seva.complaints.services import state_hq
from seva.core.errors import SevaError
from seva.core.timeutil import now
from seva.directory.access import Action, access_can
from seva.directory.admin import AdministratorOnly


class ReadOnly(AdministratorOnly):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ChannelAccount)
class ChannelAccountAdmin(ReadOnly):
    """One row per account we operate, with its health (the command centre will show it too)."""

    list_display = [
        "handle",
        "last_success_at",
        "silent",
        "backlog",
        "quarantined",
        "replies_pending",
        "replies_failed",
        "last_error_at",
        "last_error",
    ]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        silent_after = dt.timedelta(minutes=settings.SEVA_CHANNEL_SILENT_MINUTES)
        self._health = {h.account.pk: h for h in channel_health(silent_after=silent_after)}
        return super().changelist_view(request, extra_context)

    def _get(self, obj: ChannelAccount, name: str) -> Any:
        health = getattr(self, "_health", {}).get(obj.pk)
        return getattr(health, name, None)

    @admin.display(boolean=True)
    def silent(self, obj: ChannelAccount) -> Any:
        return self._get(obj, "silent")

    def backlog(self, obj: ChannelAccount) -> Any:
        return self._get(obj, "backlog")

    def quarantined(self, obj: ChannelAccount) -> Any:
        return self._get(obj, "quarantined")

    def replies_pending(self, obj: ChannelAccount) -> Any:
        return self._get(obj, "replies_pending")

    def replies_failed(self, obj: ChannelAccount) -> Any:
        return self._get(obj, "replies_failed")


class CaptureForm(forms.Form):
    url = forms.URLField(required=False, label="Post URL", assume_scheme="https")
    text = forms.CharField(required=False, widget=forms.Textarea, max_length=10_000)
    author_handle = forms.CharField(required=False, max_length=50)
    author_name = forms.CharField(required=False, max_length=200)
    author_location = forms.CharField(required=False, max_length=200)


@admin.register(InboundRecord)
class InboundRecordAdmin(ReadOnly):
    list_display = [
        "id",
        "platform",
        "external_id",
        "via",
        "state",
        "complaint_code",
        "reason",
        "received_at",
    ]
    list_filter = ["state", "via", "platform"]
    search_fields = ["external_id", "complaint_code"]
    actions = ["replay"]
    readonly_fields = ["payload"]

    @admin.action(description="Put back through intake (quarantined or not a grievance)")
    def replay(self, request: HttpRequest, queryset: QuerySet[InboundRecord]) -> None:
        states = [inbound_replay(record_id=r.pk) for r in queryset]
        self.message_user(request, f"replayed {len(states)}: {', '.join(sorted(set(states)))}")

    def get_urls(self) -> list[URLPattern]:
        capture = self.admin_site.admin_view(self.capture_view)
        return [path("capture/", capture, name="social_inboundrecord_capture"), *super().get_urls()]

    def capture_view(self, request: HttpRequest) -> HttpResponse:
        """Paste a post's URL (looked up on X when it answers) or its text and author. Open to
        any staff login; the capture service lets only those with CAPTURE (HQ operators)."""
        if not access_can(request.user, Action.CAPTURE, state_hq()):
            raise PermissionDenied("only HQ operators capture posts")
        form = CaptureForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                record = inbound_capture(
                    actor=cast(User, request.user),  # admin_view lets only people in
                    lookup=x_client().lookup_post,
                    **form.cleaned_data,
                )
            except SevaError as exc:
                form.add_error(None, str(exc))
            else:
                outcome = record.get_state_display()
                code = f" as {record.complaint_code}" if record.complaint_code else ""
                self.message_user(request, f"{outcome}{code}", messages.SUCCESS)
                return redirect("admin:social_inboundrecord_capture")
        context = {**self.admin_site.each_context(request), "form": form, "title": "Capture a post"}
        return TemplateResponse(request, "admin/social/capture.html", context)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra = {
            **(extra_context or {}),
            "pending": InboundRecord.objects.filter(state=InboundState.PENDING).count(),
        }
        return super().changelist_view(request, extra)


@admin.register(OutboundReply)
class OutboundReplyAdmin(ReadOnly):
    list_display = [
        "id",
        "complaint",
        "purpose",
        "language",
        "state",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = ["state", "purpose", "language"]
    search_fields = ["complaint__code", "external_id"]
    actions = ["retry_now"]

    @admin.action(description="Send again now (failed or waiting)")
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundReply]) -> None:
        # Only replies that certainly did not go out: never SENDING (it may have) or SENT.
        count = queryset.filter(state__in=[ReplyState.FAILED, ReplyState.PENDING]).update(
            state=ReplyState.PENDING, next_attempt_at=now(), attempts=0
        )
        self.message_user(request, f"{count} repl{'y' if count == 1 else 'ies'} queued again")


@admin.register(ChannelAlert)
class ChannelAlertAdmin(ReadOnly):
    list_display = ["at", "type", "account", "data"]
    list_filter = ["type"]
