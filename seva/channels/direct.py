"""Complaints filed on purpose: the web form, the REST API and Open311, through the same intake.

`submission_intake` checks a `Submission`, stores it raw (an `InboundRecord`, format
"<platform>.submission") and puts it through intake like any post, so nothing is lost and
everything can be replayed. Unlike a post, a submission is always registered as a complaint
(see `seva.channels.policy`), is never threaded onto another complaint, goes straight to the
unit the citizen chose, and keeps the phone and email on the `Complainant` (never shown
publicly). No reply is queued: the citizen sees the code in the answer to the request.

Each submission is its own complainant ((platform, external id of the record)): a web form has
no account, and tying submissions together by a phone number anyone can type would let one
person's details overwrite another's.

Idempotency: a `client_ref` makes the external id (a hash of the submitter and the reference),
so a retried request finds the record already stored and gets the same code back
(`Submitted.created` is False). Reusing a reference for different text raises `Conflict`.
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from seva.channels.base import DirectDetails, InboundPost, PostKind, RawItem, UnreadableItem
from seva.channels.models import InboundRecord, InboundState, InboundVia
from seva.channels.services.intake import inbound_process
from seva.channels.services.intake_context import CHOOSABLE_UNIT_KINDS
from seva.channels.services.store import inbound_store
from seva.core.errors import Conflict, InvalidInput, SevaError
from seva.directory.models import Platform, Unit

MAX_TEXT = 5_000
MAX_NAME = 200  # Complainant.display_name
MAX_SUBMITTER = 80
MAX_CLIENT_REF = 200
DIRECT_PLATFORMS = frozenset({Platform.WEB.value, Platform.API.value, Platform.OPEN311.value})
FORMAT_SUFFIX = ".submission"

# Control characters other than tab and line feed (C0, DEL, C1), and the Unicode line and
# paragraph separators: invisible in a page, and NUL cannot be stored by PostgreSQL at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = re.compile(r"[\t\n]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Phone numbers as people type them: digits with spaces, dots, dashes, brackets, a leading +.
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^\+?\d{10,15}$")


@dataclass(frozen=True)
class Submission:
    platform: str  # "web", "api" or "open311" (seva.directory.models.Platform values)
    text: str
    unit_code: str = ""  # Unit.code of the district or police station chosen; "" = triage decides
    name: str = ""
    phone: str = ""
    email: str = ""
    latitude: float | None = None
    longitude: float | None = None
    language: str = ""  # "hi" or "en": the language to answer in
    submitter: str = ""  # who filed it: "form", an API client's or Open311 key's name
    client_ref: str = ""  # the submitter's own id for this request, for idempotency


@dataclass(frozen=True)
class Submitted:
    code: str  # the complaint's code
    record_id: int
    created: bool  # False when (platform, submitter, client_ref) was seen before


class SubmissionHeld(SevaError):
    """The submission is stored but intake could not register it (it is quarantined for HQ to
    replay). The citizen's words are safe; there is no code to give yet."""

    status_code = 503

    def __init__(self, message: str, *, record_id: int) -> None:
        super().__init__(message)
        self.record_id = record_id


def _string(raw: Any, field: str, *, limit: int, single_line: bool = True) -> str:
    """A cleaned string: control characters removed (line breaks kept in long text only),
    surrounding space stripped. Unpaired surrogates are not Unicode: refused."""
    if not isinstance(raw, str):
        raise InvalidInput(f"{field} must be text", field=field)
    if _SURROGATE.search(raw):
        raise InvalidInput(f"{field} is not valid Unicode text", field=field)
    value: str = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if single_line:
        value = _LINE_BREAKS.sub(" ", value)
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters", field=field)
    return value


def _phone(value: Any) -> str:
    phone = _PHONE_SEPARATORS.sub("", _string(value, "phone", limit=40))
    if phone and not _PHONE.match(phone):
        raise InvalidInput("phone must be a number of 10 to 15 digits", field="phone")
    return phone


def _email(value: Any) -> str:
    email = _string(value, "email", limit=254)
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvalidInput("email is not an email address", field="email") from exc
    return email


def _coordinate(value: Any, field: str, bound: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{field} must be a number", field=field)
    number = float(value)
    if not math.isfinite(number) or not -bound <= number <= bound:
        raise InvalidInput(f"{field} must be between -{bound:g} and {bound:g}", field=field)
    return number


def _unit_code(value: Any) -> str:
    code = _string(value, "unit_code", limit=40)
    if (
        code
        and not Unit.objects.filter(
            code=code, is_active=True, kind__in=CHOOSABLE_UNIT_KINDS
        ).exists()
    ):
        raise InvalidInput(
            "unit_code must be an active district or police station", field="unit_code"
        )
    return code


def submission_clean(submission: Submission) -> Submission:
    """The submission with every field checked and cleaned; raises InvalidInput (with the
    field's name) on the first bad one. Reads the unit table; writes nothing."""
    if submission.platform not in DIRECT_PLATFORMS:
        raise InvalidInput("platform must be web, api or open311", field="platform")
    text = _string(submission.text, "text", limit=MAX_TEXT, single_line=False)
    if not text:
        raise InvalidInput("text is required", field="text")
    latitude = _coordinate(submission.latitude, "latitude", 90)
    longitude = _coordinate(submission.longitude, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise InvalidInput("give both latitude and longitude, or neither", field="latitude")
    language = _string(submission.language, "language", limit=8)
    if language not in ("", "hi", "en"):
        raise InvalidInput("language must be hi or en", field="language")
    return Submission(
        platform=submission.platform,
        text=text,
        unit_code=_unit_code(submission.unit_code),
        name=_string(submission.name, "name", limit=MAX_NAME),
        phone=_phone(submission.phone),
        email=_email(submission.email),
        latitude=latitude,
        longitude=longitude,
        language=language,
        submitter=_string(submission.submitter, "submitter", limit=MAX_SUBMITTER),
        client_ref=_string(submission.client_ref, "client_ref", limit=MAX_CLIENT_REF),
    )


def _external_id(submission: Submission) -> str:
    """Derived from (submitter, client_ref) when given, so a retry finds the same record;
    hashed, so any reference fits the column and none is echoed back in ids."""
    if not submission.client_ref:
        return f"sub-{uuid.uuid4().hex}"
    key = f"{submission.submitter}\x00{submission.client_ref}".encode()
    return f"ref-{hashlib.sha256(key).hexdigest()[:48]}"


def _payload(submission: Submission) -> dict[str, Any]:
    return {
        "text": submission.text,
        "unit_code": submission.unit_code,
        "name": submission.name,
        "phone": submission.phone,
        "email": submission.email,
        "latitude": submission.latitude,
        "longitude": submission.longitude,
        "language": submission.language,
        "submitter": submission.submitter,
        "client_ref": submission.client_ref,
    }


def parse_submission(item: RawItem) -> InboundPost:
    """Read a stored submission (format "<platform>.submission") for intake."""
    platform = item.format.removesuffix(FORMAT_SUFFIX)
    payload = item.payload
    text = payload.get("text")
    if platform not in DIRECT_PLATFORMS or not isinstance(text, str) or not text.strip():
        raise UnreadableItem(f"not a readable submission ({item.format})")
    latitude, longitude = payload.get("latitude"), payload.get("longitude")
    coordinates = None
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        coordinates = (float(longitude), float(latitude))  # GeoJSON order, as InboundPost has it
    return InboundPost(
        platform=platform,
        kind=PostKind.POST,
        external_id=item.external_id,
        text=text,
        author_id=item.external_id,  # each submission is its own complainant
        author_name=str(payload.get("name", "")),
        language=str(payload.get("language", "")),
        coordinates=coordinates,
        direct=DirectDetails(
            unit_code=str(payload.get("unit_code", "")),
            phone=str(payload.get("phone", "")),
            email=str(payload.get("email", "")),
            submitter=str(payload.get("submitter", "")),
        ),
    )


def submission_intake(submission: Submission) -> Submitted:
    """Check, store raw, and register a complaint filed on purpose; returns its code.

    Raises InvalidInput (nothing stored) for a bad field, Conflict when `client_ref` was used
    before for different text or unit, and SubmissionHeld when the stored record could not be
    registered (it stays quarantined for a replay). Runs its own transactions: call it outside
    one."""
    clean = submission_clean(submission)
    item = RawItem(
        external_id=_external_id(clean),
        format=f"{clean.platform}{FORMAT_SUFFIX}",
        payload=_payload(clean),
    )
    via = InboundVia.FORM if clean.platform == Platform.WEB else InboundVia.API
    with transaction.atomic():
        created = inbound_store(platform=clean.platform, items=[item], via=via) == 1
    record = InboundRecord.objects.get(platform=clean.platform, external_id=item.external_id)
    if not created and _differs(record.payload, item.payload):
        raise Conflict("this client_ref was already used for a different complaint")
    state = inbound_process(record.pk)
    record.refresh_from_db(fields=["state", "complaint_code", "reason"])
    if state != InboundState.REGISTERED or not record.complaint_code:
        raise SubmissionHeld(
            "the complaint was received but could not be registered yet", record_id=record.pk
        )
    return Submitted(code=record.complaint_code, record_id=record.pk, created=created)


def _differs(stored: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """A retry must repeat the request: compared on what decides the complaint."""
    return any(stored.get(key) != wanted.get(key) for key in ("text", "unit_code"))
