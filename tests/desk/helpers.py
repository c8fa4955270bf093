"""Helpers for the desk's HTTP tests: people signed in through the real sign-in forms."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.personas import sign_in


def signed_in(user: Any, *, csrf: bool = False, language: str = "en") -> Client:
    """A browser-like client for `user`, signed in with their password (and their
    authenticator's code when they need a second factor)."""
    client = Client(enforce_csrf_checks=csrf)
    client.cookies["django_language"] = language
    extra = {}
    if csrf:
        # With CSRF enforced the login form itself needs the token first.
        client.get("/desk/login/")
        extra = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    response = sign_in(client, user, **extra)
    assert response.status_code == 302, "sign-in failed"
    assert not response["Location"].startswith("/desk/login/"), "sign-in stopped half-way"
    return client


def csrf_token(client: Client) -> str:
    return client.cookies["csrftoken"].value


def triage_json(district: str | None = "Lucknow", *, urgent: bool = False) -> dict[str, Any]:
    """A stored triage decision in the shape of routing's `TriageDecision.as_json`."""
    return {
        "id": None,
        "is_grievance": True,
        "district": district,
        "category": "theft_robbery",
        "urgent": urgent,
        "confidence": {"is_grievance": 1.0, "district": 1.0, "category": 0.9, "urgent": 0.7},
        "reasons": [
            "complaint word 'chori'",
            f"the post names '{(district or '').lower()}' (district of {district})",
            "'chori' suggests theft_robbery",
        ],
    }
