"""Property-based checks of the served OpenAPI document (schemathesis, on the WSGI app):
no 5xx, and every answer conforms to the document, for anonymous, officer and HQ callers.
Bounded (a few examples per operation) so it runs in well under two minutes, and
derandomized so a run is repeatable (a failure here is a bug, never bad luck)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from config.wsgi import application
from seva.complaints.models import Complaint
from tests.api.helpers import token_for
from tests.complaints.helpers import register

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    # Requests go straight to the WSGI handler, which closes the database connection after a
    # request as in production; the test's transaction needs it kept (Django's test client
    # does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept")
def test_every_operation_keeps_its_document(world: Any) -> None:
    lucknow = register(world.lucknow)
    register(world.agra, external_user_id="2")
    callers = {
        "anonymous": {},
        "officer": {"Authorization": f"Bearer {token_for(world.lucknow_officer)}"},
        "hq": {"Authorization": f"Bearer {token_for(world.hq_operator)}"},
    }
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_document(case: Any) -> None:
            if "code" in (case.path_parameters or {}) and case.path_parameters["code"] == "":
                case.path_parameters["code"] = lucknow.code
            for headers in callers.values():
                case.call_and_validate(headers=headers)

        keeps_document()
    assert Complaint.objects.filter(pk=lucknow.pk).exists()
