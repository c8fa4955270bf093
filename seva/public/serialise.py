"""The JSON form of the tracking page (`/track/<code>.json`), documented in docs/public.md.

Keys are stable; machine values (`status`, `unit.kind`, `steps[].type`) never change with the
language, the `*_label` and `meaning` strings are in the request's language. Times are ISO 8601
in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.utils.translation import get_language

from seva.public.labels import (
    STEP_SENTENCES,
    UNIT_KIND_LABELS,
    public_status_label,
    public_status_meaning,
)
from seva.public.selectors import PublicStep, PublicUnit, TrackingView

SCHEMA_VERSION = 1


class UnitJSON(TypedDict):
    code: str
    kind: str
    kind_label: str
    name_en: str
    name_hi: str


class UpdateJSON(TypedDict):
    at: str
    kind: str  # "reply" or "note"
    text: str


class StepJSON(TypedDict):
    at: str
    type: str  # "received", "forwarded", "transferred", "status", "merged"
    status: str | None
    unit: UnitJSON | None
    code: str | None
    sentence: str


class TrackingJSON(TypedDict):
    schema: int
    language: str
    code: str
    status: str
    status_label: str
    meaning: str
    unit: UnitJSON
    channel: str
    received_at: str
    registered_at: str
    updated_at: str
    closed_at: str | None
    action_due_at: str | None
    merged_into: str | None
    text: str | None  # the citizen's own public post (X only); null otherwise
    updates: list[UpdateJSON]
    steps: list[StepJSON]


class ErrorJSON(TypedDict):
    error: str  # "not_a_code", "typing_mistake", "not_found", "rate_limited"
    message: str


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _maybe_time(value: dt.datetime | None) -> str | None:
    return _time(value) if value is not None else None


def unit_json(unit: PublicUnit) -> UnitJSON:
    label = UNIT_KIND_LABELS.get(unit.kind)
    return UnitJSON(
        code=unit.code,
        kind=unit.kind,
        kind_label=str(label) if label is not None else unit.kind,
        name_en=unit.name_en,
        name_hi=unit.name_hi,
    )


def unit_name(unit: PublicUnit) -> str:
    """The unit's name in the active language."""
    return unit.name_hi if (get_language() or "").startswith("hi") else unit.name_en


def step_sentence(step: PublicStep) -> str:
    values = {
        "unit": unit_name(step.unit) if step.unit else "",
        "status": public_status_label(step.status) if step.status else "",
        "code": step.code,
    }
    return str(STEP_SENTENCES[step.type]) % values


def tracking_json(view: TrackingView) -> TrackingJSON:
    return TrackingJSON(
        schema=SCHEMA_VERSION,
        language=get_language() or "en",
        code=view.code,
        status=view.status.value,
        status_label=public_status_label(view.status),
        meaning=public_status_meaning(view.status),
        unit=unit_json(view.unit),
        channel=view.channel,
        received_at=_time(view.received_at),
        registered_at=_time(view.registered_at),
        updated_at=_time(view.updated_at),
        closed_at=_maybe_time(view.closed_at),
        action_due_at=_maybe_time(view.action_due_at),
        merged_into=view.merged_into or None,
        text=view.text or None,
        updates=[UpdateJSON(at=_time(u.at), kind=u.kind, text=u.text) for u in view.updates],
        steps=[
            StepJSON(
                at=_time(s.at),
                type=s.type,
                status=s.status.value if s.status else None,
                unit=unit_json(s.unit) if s.unit else None,
                code=s.code or None,
                sentence=step_sentence(s),
            )
            for s in view.steps
        ],
    )
