"""POST requests: an Open311 client files a complaint through the same intake as every
channel (`seva.channels.direct.submission_intake`)."""

from __future__ import annotations

import math

from django.http import QueryDict

from seva.api.models import ApiToken
from seva.api.open311.catalogue import SERVICES, UNIT_ATTRIBUTE
from seva.api.open311.formats import Open311Error
from seva.channels.direct import Submission, SubmissionHeld, submission_intake
from seva.core.errors import Conflict, InvalidInput
from seva.directory.models import Platform

MAX_DESCRIPTION = 4000  # the spec's limit on description


def _coordinate(params: QueryDict, name: str) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number (WGS84 degrees)") from None
    if not math.isfinite(value):
        raise Open311Error(400, f"{name} must be a number (WGS84 degrees)")
    return value


def _submission(token: ApiToken, params: QueryDict) -> Submission:
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided")
    if code not in SERVICES:
        raise Open311Error(404, f"service_code {code!r} not found")
    lat, long = _coordinate(params, "lat"), _coordinate(params, "long")
    address = params.get("address_string", "").strip()
    address_id = params.get("address_id", "").strip()
    if (lat is None) != (long is None):
        raise Open311Error(400, "lat and long must be sent together")
    if lat is None and not address and not address_id:
        raise Open311Error(400, "a location is required: lat & long, address_string or address_id")
    description = params.get("description", "")
    if not description.strip():
        raise Open311Error(400, "description was not provided: say what happened")
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, f"description is longer than {MAX_DESCRIPTION} characters")
    # The citizen's chosen service and address travel in the text, where officers and triage
    # read them (a submission has no fields of its own for them).
    lines = [description.strip(), f"Service: {SERVICES[code].name}"]
    if address:
        lines.append(f"Address: {address}")
    name = " ".join(p for p in (params.get("first_name", ""), params.get("last_name", "")) if p)
    return Submission(
        platform=Platform.OPEN311,
        text="\n".join(lines),
        unit_code=params.get(f"attribute[{UNIT_ATTRIBUTE}]", "").strip(),
        name=name.strip(),
        phone=params.get("phone", ""),
        email=params.get("email", ""),
        latitude=lat,
        longitude=long,
        submitter=token.name,
    )


def open311_submit(*, token: ApiToken, params: QueryDict) -> str:
    """File the request; returns its code (the service_request_id)."""
    submission = _submission(token, params)
    try:
        return submission_intake(submission).code
    except InvalidInput as exc:
        field = {"unit_code": f"attribute[{UNIT_ATTRIBUTE}]", "latitude": "lat"}.get(
            exc.field or "", exc.field
        )
        raise Open311Error(400, f"{field}: {exc}" if field else str(exc)) from exc
    except Conflict as exc:
        raise Open311Error(400, str(exc), code=409) from exc
    except SubmissionHeld as exc:
        raise Open311Error(
            400, f"received (record {exc.record_id}) but not registered yet; HQ will", code=503
        ) from exc
