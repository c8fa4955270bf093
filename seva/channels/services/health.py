"""Channel health, per account: what an administrator (later the command centre) watches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from seva.channels.models import (
    ChannelAccount,
    ChannelAlert,
    InboundRecord,
    InboundState,
    OutboundReply,
    ReplyState,
)
from seva.core.timeutil import now


@dataclass(frozen=True)
class AccountHealth:
    account: ChannelAccount
    last_success_at: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None
    backlog: int  # stored, not yet through intake
    quarantined: int
    replies_pending: int
    replies_failed: int
    silent: bool


def channel_health(*, silent_after: dt.timedelta) -> list[AccountHealth]:
    at = now()
    inbound = {
        row["account"]: row
        for row in InboundRecord.objects.values("account").annotate(
            backlog=Count("id", filter=Q(state=InboundState.PENDING)),
            quarantined=Count("id", filter=Q(state=InboundState.QUARANTINED)),
        )
    }
    replies = {
        row["account"]: row
        for row in OutboundReply.objects.values("account").annotate(
            pending=Count("id", filter=Q(state__in=[ReplyState.PENDING, ReplyState.SENDING])),
            failed=Count("id", filter=Q(state=ReplyState.FAILED)),
        )
    }
    report = []
    empty: dict[str, int] = {}
    for account in ChannelAccount.objects.select_related("handle"):
        seen = account.last_success_at or account.created_at
        report.append(
            AccountHealth(
                account=account,
                last_success_at=account.last_success_at,
                last_error=account.last_error,
                last_error_at=account.last_error_at,
                backlog=inbound.get(account.pk, empty).get("backlog", 0),
                quarantined=inbound.get(account.pk, empty).get("quarantined", 0),
                replies_pending=replies.get(account.pk, empty).get("pending", 0),
                replies_failed=replies.get(account.pk, empty).get("failed", 0),
                silent=seen < at - silent_after,
            )
        )
    return report


def channel_watch(*, silent_after: dt.timedelta) -> list[ChannelAlert]:
    """Raise one `channel.silent` alert per silence: an account with no successful fetch for
    longer than `silent_after` (cleared by the next success)."""
    at = now()
    raised = []
    for account in ChannelAccount.objects.filter(
        handle__is_monitored=True, handle__is_active=True, silent_alerted_at__isnull=True
    ):
        seen = account.last_success_at or account.created_at
        if seen < at - silent_after:
            ChannelAccount.objects.filter(pk=account.pk).update(silent_alerted_at=at)
            raised.append(
                ChannelAlert.objects.create(
                    account=account,
                    type="channel.silent",
                    at=at,
                    data={
                        "since": seen.isoformat(),
                        "minutes": int((at - seen).total_seconds() // 60),
                    },
                )
            )
    return raised


def accounts_ensure() -> list[ChannelAccount]:
    """A ChannelAccount for every monitored handle (created on first use)."""
    from seva.directory.models import SocialHandle

    for handle in SocialHandle.objects.filter(is_monitored=True, is_active=True):
        ChannelAccount.objects.get_or_create(handle=handle)
    return list(
        ChannelAccount.objects.filter(
            handle__is_monitored=True, handle__is_active=True
        ).select_related("handle")
    )


def account_for_user(*, platform: str, user_id: str) -> ChannelAccount | None:
    """The channel account of the active monitored handle whose platform user id this is
    (created on first use, as `accounts_ensure` does), or None: not one of ours."""
    from seva.directory.models import SocialHandle

    if not user_id:
        return None
    handle = (
        SocialHandle.objects.filter(
            platform=platform, external_user_id=user_id, is_monitored=True, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if handle is None:
        return None
    account, _ = ChannelAccount.objects.get_or_create(handle=handle)
    return account
