"""Helpers for the API's HTTP tests: tokens for the personas and a JSON client."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from seva.api.models import TokenKind
from seva.api.tokens import api_token_issue


def token_for(user: Any, name: str = "test") -> str:
    """A token the person issued for themself."""
    return api_token_issue(name=name, user=user, issued_by=user).secret


def submitter_key(name: str = "partner-app") -> str:
    """A key from the server's command line (no issuer)."""
    return api_token_issue(name=name, kind=TokenKind.SUBMITTER, user=None, issued_by=None).secret


class Api:
    """A client that speaks JSON with a Bearer token (or none)."""

    def __init__(self, secret: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return self.client.post(
            f"/api{path}", data, content_type="application/json", headers=self.headers
        )


def as_person(user: Any) -> Api:
    return Api(token_for(user))
