"""Filing a complaint through the API: a submitter key, the same intake as every channel."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.responses import Status as Answer

from seva.api.auth import calling_token
from seva.api.endpoints.common import ERRORS
from seva.api.endpoints.complaints import router
from seva.api.models import TokenKind
from seva.api.schemas import ComplaintIn, ErrorOut, FiledOut
from seva.channels.direct import Submission, submission_intake
from seva.core.errors import NotAllowed
from seva.directory.models import Platform


# On the complaints router: GET and POST /complaints must share one URL pattern.
@router.post(
    "/complaints",
    operation_id="complaint_file",
    response={200: FiledOut, 201: FiledOut, **ERRORS, 409: ErrorOut, 503: ErrorOut},
    summary="File a complaint",
    tags=["filing"],
)
def complaint_file(request: HttpRequest, payload: ComplaintIn) -> Answer[FiledOut]:
    """Register a complaint from a submitter key (201; 200 with the same code when
    `client_ref` was seen before). A person's token is refused (403): people capture posts at
    the desk."""
    token = calling_token(request)
    if token.kind != TokenKind.SUBMITTER:
        raise NotAllowed("complaints are filed with a submitter key")
    filed = submission_intake(
        Submission(
            platform=Platform.API,
            text=payload.text,
            unit_code=payload.unit_code,
            name=payload.name,
            phone=payload.phone,
            email=payload.email,
            latitude=payload.latitude,
            longitude=payload.longitude,
            language=payload.language,
            submitter=token.name,
            client_ref=payload.client_ref,
        )
    )
    body = FiledOut(
        code=filed.code,
        created=filed.created,
        tracking_url=f"{settings.SITE_URL}/track/{filed.code}",
    )
    return Answer(201 if filed.created else 200, body)
