"""HQ's bulk actions: one service call per complaint, each in its own transaction, so one
refused complaint (someone else moved it, it is not HQ's to forward) never undoes the rest.
The outcome says, per code, what was done and what was refused and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from seva.complaints.services.actions import complaint_forward, complaint_reject, complaint_review
from seva.core.errors import InvalidInput, SevaError
from seva.directory.models import Unit

MAX_BATCH = 100  # a page of the queue, with room; more is a mistake, not a bulk action


@dataclass
class BatchOutcome:
    done: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # code → why, for the person


def _each(codes: Iterable[str], step: Callable[[str], object]) -> BatchOutcome:
    codes = list(dict.fromkeys(codes))  # once each, in the order given
    if len(codes) > MAX_BATCH:
        raise InvalidInput(f"at most {MAX_BATCH} complaints at once", field="codes")
    outcome = BatchOutcome()
    for code in codes:
        try:
            step(code)
        except SevaError as error:
            outcome.refused[code] = str(error)
        else:
            outcome.done.append(code)
    return outcome


def complaints_forward_many(*, actor: User, targets: dict[str, Unit]) -> BatchOutcome:
    """Forward each complaint (code → unit) with `complaint_forward`."""
    return _each(
        targets, lambda code: complaint_forward(actor=actor, code=code, to_unit=targets[code])
    )


def complaints_reject_many(*, actor: User, codes: Iterable[str], reason: str) -> BatchOutcome:
    """Reject each as not actionable, with the same reason, with `complaint_reject`."""
    return _each(codes, lambda code: complaint_reject(actor=actor, code=code, reason=reason))


def complaints_accept_many(*, actor: User, codes: Iterable[str]) -> BatchOutcome:
    """Accept each closure (Disposed) with `complaint_review`."""
    return _each(codes, lambda code: complaint_review(actor=actor, code=code, accept=True))
