"""Polling one account: claim it, fetch since the cursor, store every page, then move on.

The cursor moves only after every page of a fetch is stored, so a crash or an error part-way
leaves it where it was: the next poll fetches the same window again, and the duplicates are
dropped by the raw store's unique key. A lease (compare-and-swap on `lease_until`) lets many
pollers share the accounts on PostgreSQL without fetching one twice at once, and without
holding a transaction open across the network call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from seva.channels.base import Adapter, ChannelError, FetchWindow, Page
from seva.channels.models import ChannelAccount, ChannelAlert, InboundVia
from seva.channels.services.store import inbound_store
from seva.core.leases import lease_claim
from seva.core.timeutil import now

FAILURES_BEFORE_ALERT = 3


@dataclass
class PollReport:
    stored: int = 0
    pages: int = 0
    error: str = ""


def account_claim(account: ChannelAccount, *, owner: str) -> bool:
    """Take the account for this poller (free, its lease run out, or already this poller's)."""
    at = now()
    free = account.lease_until is None or account.lease_until < at or account.lease_owner == owner
    return free and lease_claim(
        account, lease_field="lease_until", compare=["lease_owner"], at=at, lease_owner=owner
    )


def account_release(account: ChannelAccount, *, owner: str) -> None:
    ChannelAccount.objects.filter(pk=account.pk, lease_owner=owner).update(
        lease_owner="", lease_until=None
    )


def _store_pages(account: ChannelAccount, pages: Iterable[Page], report: PollReport) -> str:
    newest = ""
    for page in pages:
        with transaction.atomic():
            report.stored += inbound_store(
                platform="x", items=page.items, via=InboundVia.POLL, account=account
            )
        report.pages += 1
        newest = newest or page.newest_id
    return newest


def account_poll(account: ChannelAccount, adapter: Adapter, *, max_pages: int = 20) -> PollReport:
    """Fetch mentions and direct messages since the cursors; record success or the error."""
    report = PollReport()
    try:
        newest = _store_pages(
            account,
            adapter.fetch_mentions(FetchWindow(account.mentions_since_id, max_pages)),
            report,
        )
        if newest:
            ChannelAccount.objects.filter(pk=account.pk).update(mentions_since_id=newest)
            account.mentions_since_id = newest
        newest_dm = _store_pages(
            account,
            adapter.fetch_direct_messages(FetchWindow(account.dms_since_id, max_pages)),
            report,
        )
        if newest_dm:
            ChannelAccount.objects.filter(pk=account.pk).update(dms_since_id=newest_dm)
            account.dms_since_id = newest_dm
    except ChannelError as exc:
        report.error = str(exc)
        account_failed(account, str(exc))
        return report
    account_succeeded(account)
    return report


def account_succeeded(account: ChannelAccount) -> None:
    at = now()
    if account.consecutive_failures >= FAILURES_BEFORE_ALERT:
        ChannelAlert.objects.create(account=account, type="channel.recovered", at=at)
    ChannelAccount.objects.filter(pk=account.pk).update(
        last_success_at=at, consecutive_failures=0, silent_alerted_at=None
    )
    account.consecutive_failures = 0


def account_failed(account: ChannelAccount, error: str) -> None:
    at = now()
    failures = account.consecutive_failures + 1
    ChannelAccount.objects.filter(pk=account.pk).update(
        last_error=error[:1000], last_error_at=at, consecutive_failures=failures
    )
    account.consecutive_failures = failures
    if failures == FAILURES_BEFORE_ALERT:
        ChannelAlert.objects.create(
            account=account, type="channel.failing", at=at, data={"error": error[:300]}
        )
