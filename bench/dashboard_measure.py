"""Server time of the command centre and the desk pages, through the real views and
middleware (Django's test Client in process), per persona: median, p95, query count."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from seva.directory.access import Action, access_complaints
from seva.directory.twofactor import AUTHENTICATOR, two_factor_required


@dataclass(frozen=True)
class PageFigures:
    persona: str
    page: str
    median_ms: float
    p95_ms: float
    queries_min: int
    queries_max: int


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(client: Client, urls: list[str], requests: int) -> tuple[list[float], list[int]]:
    for url in urls[:3]:  # warm caches (templates, the map's paths)
        assert client.get(url, secure=True).status_code == 200, url
    timings, queries = [], []
    for n in range(requests):
        url = urls[n % len(urls)]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    return timings, queries


def _second_factor_verified(client: Client, person: User) -> None:
    """HQ people's sessions are verified by a second factor, as after the sign-in's code step
    (what `django_otp.login` stores), so the pages are measured with the device lookup that
    every such request makes."""
    if not two_factor_required(person):
        return
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name=AUTHENTICATOR, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def measure(people: dict[str, User], *, requests: int = 30, seed: int = 3) -> list[PageFigures]:
    rng = random.Random(seed)
    figures = []
    for persona, person in people.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(person)
        _second_factor_verified(client, person)
        ids = list(access_complaints(person, Action.VIEW).values_list("id", flat=True)[:5000])
        picked = rng.sample(ids, min(len(ids), 30))
        codes = list(
            access_complaints(person, Action.VIEW)
            .filter(id__in=picked)
            .values_list("code", flat=True)
        )
        pages = {
            "command centre": ["/command/"],
            "desk queue": ["/desk/"],
            "complaint page": [f"/desk/c/{code}/" for code in codes],
        }
        for page, urls in pages.items():
            timings, queries = _time(client, urls, requests)
            figures.append(
                PageFigures(
                    persona=persona,
                    page=page,
                    median_ms=round(statistics.median(timings), 1),
                    p95_ms=round(_p95(timings), 1),
                    queries_min=min(queries),
                    queries_max=max(queries),
                )
            )
    return figures


def as_json(figures: list[PageFigures]) -> list[dict[str, Any]]:
    return [asdict(figure) for figure in figures]
