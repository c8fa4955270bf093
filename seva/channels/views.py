"""The X webhook endpoint: the CRC challenge (GET) and signed deliveries (POST).

A delivery is verified against the raw body before anything is stored (403 and nothing
stored when the signature is wrong); its items are stored raw, and intake runs in a task
after the commit, so X gets its 200 at once.
"""

from __future__ import annotations

import json
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from seva.channels.models import InboundVia
from seva.channels.services.store import inbound_store
from seva.channels.tasks import intake_drain_task
from seva.channels.x.parse import items_from_webhook
from seva.channels.x.webhook import SIGNATURE_HEADER, crc_response, signature_valid
from seva.core.middleware import nul_allowed_in_body

MAX_BODY = 1_000_000


@csrf_exempt  # X cannot send a CSRF token; the HMAC signature authenticates it instead
@nul_allowed_in_body  # signed as sent; the raw store replaces NUL in what it keeps
@require_http_methods(["GET", "POST"])
def x_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.SEVA_X_CONSUMER_SECRET
    if not secret:
        return JsonResponse({"error": "webhooks are not configured"}, status=503)
    if request.method == "GET":
        token = request.GET.get("crc_token", "")
        if not token:
            return JsonResponse({"error": "crc_token is missing"}, status=400)
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
    items = items_from_webhook(payload)
    with transaction.atomic():
        stored = inbound_store(platform="x", items=items, via=InboundVia.WEBHOOK)
        if stored:
            transaction.on_commit(partial(intake_drain_task.enqueue))
    return JsonResponse({"stored": stored})
