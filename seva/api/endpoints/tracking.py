"""Public tracking by code: the same facts as the tracking page (seva.public.selectors is the
one definition of what is public), for anyone, without a token, under the tracking page's
limit per client (not the API's per-token one: this door tells whether a code exists)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Router, Schema

from seva.api.auth import TrackingThrottle
from seva.api.endpoints.common import ERRORS
from seva.complaints.codes import CodeError
from seva.core.errors import NotFound
from seva.public.selectors import tracking_view
from seva.public.serialise import tracking_json

router = Router(tags=["tracking"])


class PublicUnitOut(Schema):
    code: str
    kind: str
    kind_label: str
    name_en: str
    name_hi: str


class PublicUpdateOut(Schema):
    at: str
    kind: str
    text: str


class PublicStepOut(Schema):
    at: str
    type: str
    status: str | None
    unit: PublicUnitOut | None
    code: str | None
    sentence: str


class TrackingOut(Schema):
    """The shape of /track/<code>.json (docs/public.md)."""

    schema_version: int
    language: str
    code: str
    status: str
    status_label: str
    meaning: str
    unit: PublicUnitOut
    channel: str
    received_at: str
    registered_at: str
    updated_at: str
    closed_at: str | None
    action_due_at: str | None
    merged_into: str | None
    text: str | None
    updates: list[PublicUpdateOut]
    steps: list[PublicStepOut]


@router.get(
    "/track/{code}",
    auth=None,
    throttle=[TrackingThrottle()],
    operation_id="complaint_track",
    response={200: TrackingOut, **ERRORS},
    summary="Track a complaint by its code (public, no token)",
)
def complaint_track(request: HttpRequest, code: Path[str]) -> TrackingOut:
    """Status in public wording, the unit handling it, the dates and the public replies;
    never internal notes or personal data. An unknown or mistyped code answers 404, like
    every endpoint that reads a code (the tracking page at /track/ explains a typing mistake
    to a person; a program gets the one not-found answer)."""
    try:
        view = tracking_view(code)
    except CodeError:
        raise NotFound("no such complaint") from None
    body = dict(tracking_json(view))
    body["schema_version"] = body.pop("schema")
    return TrackingOut.model_validate(body)
