"""What every desk screen needs: the acting person and the navigation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from seva.desk.selectors import state_hq_unit
from seva.directory.access import Action, access_can, access_grants


def acting_person(request: HttpRequest) -> User:
    """The signed-in person (desk views are behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


def nav_context(request: HttpRequest) -> dict[str, Any]:
    """Which HQ queues this person's menu shows (one query: the state HQ unit)."""
    hq = state_hq_unit()
    user = request.user
    return {
        "hq": hq,
        "can_triage": hq is not None and access_can(user, Action.FORWARD, hq),
        "can_review": hq is not None and access_can(user, Action.REVIEW, hq),
        "can_capture": hq is not None and access_can(user, Action.CAPTURE, hq),
        "can_command": bool(access_grants(user)),  # anyone with a reach (grants are cached)
    }


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware (for the type checker)."""

    htmx: HtmxDetails
