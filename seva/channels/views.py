"""The X webhook endpoint: the CRC challenge (GET) and signed deliveries (POST).

GET answers only CRC tokens of the shape X sends (400 otherwise) and counts against the
client's `SEVA_X_CRC_RATE_LIMIT` per hour (429 over it), so the answer can never serve as the
signature of a forged delivery. A POST is refused, with nothing stored, when its signature is
wrong or missing (403), when its body is not a JSON object (400), or when it is not for one
of our active monitored accounts (`for_user_id`, or `filter.user_id` in the X Activity API:
403, logged). The checks run in that order, so nobody without the secret learns which accounts
are monitored. An accepted delivery's items are stored raw under that account, and intake
runs in a task after the commit, so X gets its 200 at once.
"""

from __future__ import annotations

import json
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from seva.channels.models import InboundVia
from seva.channels.services.health import account_for_user
from seva.channels.services.store import inbound_store
from seva.channels.tasks import intake_drain_task
from seva.channels.x.parse import items_from_webhook
from seva.channels.x.webhook import (
    SIGNATURE_HEADER,
    crc_response,
    crc_token_valid,
    delivery_user_id,
    signature_valid,
)
from seva.core.middleware import nul_allowed_in_body
from seva.core.ratelimit import RateLimit, RateVerdict, rate_limited

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000


def crc_limit() -> RateLimit:
    return RateLimit(scope="x-crc", requests=int(settings.SEVA_X_CRC_RATE_LIMIT), seconds=3600)


def too_many_crc(request: HttpRequest, verdict: RateVerdict) -> HttpResponse:
    return JsonResponse({"error": "too many CRC checks"}, status=429)


@csrf_exempt  # X cannot send a CSRF token; the HMAC signature authenticates it instead
@nul_allowed_in_body  # signed as sent; the raw store replaces NUL in what it keeps
@require_http_methods(["GET", "POST"])
@rate_limited(crc_limit, methods=frozenset({"GET"}), on_limit=too_many_crc)
def x_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.SEVA_X_CONSUMER_SECRET
    if not secret:
        return JsonResponse({"error": "webhooks are not configured"}, status=503)
    if request.method == "GET":
        token = request.GET.get("crc_token", "")
        if not crc_token_valid(token):
            return JsonResponse({"error": "crc_token is missing or not a CRC token"}, status=400)
        return JsonResponse(crc_response(secret, token))
    body = request.body
    if len(body) > MAX_BODY:
        return JsonResponse({"error": "delivery too large"}, status=413)
    if not signature_valid(secret, body, request.headers.get(SIGNATURE_HEADER)):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        payload = json.loads(body)
    except ValueError:
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "the body is not a JSON object"}, status=400)
    user_id = delivery_user_id(payload)
    account = account_for_user(platform="x", user_id=user_id)
    if account is None:
        log.warning("X webhook: refused a delivery for user %r (not a monitored account)", user_id)
        return JsonResponse({"error": "not for a monitored account"}, status=403)
    items = items_from_webhook(payload)
    with transaction.atomic():
        stored = inbound_store(platform="x", items=items, via=InboundVia.WEBHOOK, account=account)
        if stored:
            transaction.on_commit(partial(intake_drain_task.enqueue))
    return JsonResponse({"stored": stored})
