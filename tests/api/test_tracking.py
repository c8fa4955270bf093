"""GET /api/track/{code}: the public tracking facts, for anyone, without a token."""

from __future__ import annotations

from typing import Any

from seva.complaints import services
from tests.api.helpers import Api
from tests.complaints.helpers import register


def test_anyone_tracks_a_code_without_a_token(world: Any) -> None:
    code = register(world.lucknow).code
    services.complaint_note(
        actor=world.lucknow_officer, code=code, text="SHO to visit", public=True
    )
    services.complaint_note(actor=world.lucknow_officer, code=code, text="suspect: neighbour")
    response = Api().get(f"/track/{code.lower().replace('-', '')}")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == code
    assert body["status"] == "forwarded"
    assert body["unit"]["name_en"] == "Lucknow"
    assert [u["text"] for u in body["updates"]] == ["SHO to visit"]
    assert "neighbour" not in response.content.decode()
    assert "Ram Kumar" not in response.content.decode()


def test_a_mistyped_or_unknown_code_is_a_404(world: Any) -> None:
    code = register(world.lucknow).code
    wrong_check = code[:-1] + ("A" if code[-1] != "A" else "B")
    mistyped = Api().get(f"/track/{wrong_check}")
    assert mistyped.status_code == 404  # the tracking page (/track/) explains the typing mistake
    assert Api().get("/track/not-a-code").status_code == 404


def test_the_schema_documents_tracking_without_a_token(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/track/{code}"]["get"]
    assert operation["operationId"] == "complaint_track"
    assert not operation.get("security")
