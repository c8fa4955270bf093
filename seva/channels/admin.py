"""Channel health and records in the admin: accounts with their health, inbound records (with
replay), replies (with retry) and alerts, each in the administrator's reach. Posts are captured
by hand at the desk (`/desk/capture/`), where HQ operators work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse

from seva.channels.models import (
    ChannelAccount,
    ChannelAlert,
    InboundRecord,
    OutboundReply,
    ReplyState,
)
from seva.channels.services.health import channel_health
from seva.channels.services.intake import inbound_replay
from seva.complaints.models import Complaint
from seva.core.timeutil import now
from seva.directory.access import admin_is_root, admin_scope_q
from seva.directory.adminsite import SevaModelAdmin


@admin.register(ChannelAccount)
class ChannelAccountAdmin(SevaModelAdmin):
    """One row per account we operate, with its health (the command centre will show it too)."""

    unit_path = "handle__unit__path"
    read_only = True
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


@admin.register(InboundRecord)
class InboundRecordAdmin(SevaModelAdmin):
    """Raw posts as they arrived. A record that became (or joined) a complaint is reached with
    that complaint; the rest (quarantined, not a grievance, held) are HQ's: root only."""

    read_only = True
    scoped = True
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

    def reach_q(self, request: HttpRequest) -> Q:
        if admin_is_root(request.user):
            return Q()
        codes = Complaint.objects.filter(admin_scope_q(request.user, "unit__path"))
        return Q(complaint_code__in=codes.values("code")) & ~Q(complaint_code="")


@admin.register(OutboundReply)
class OutboundReplyAdmin(SevaModelAdmin):
    unit_path = "complaint__unit__path"
    read_only = True
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
class ChannelAlertAdmin(SevaModelAdmin):
    unit_path = "account__handle__unit__path"  # alerts about no account: root only
    read_only = True
    list_display = ["at", "type", "account", "data"]
    list_filter = ["type"]
