"""The X double speaks X's wire format: its answers validate against X's official OpenAPI
spec (v2.166, in ../shared; the test skips where ../shared is absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS30Validator

from seva.channels.x.client import POST_PARAMS
from seva.channels.x.double.citizens import Citizens
from seva.channels.x.double.server import DoubleServer

SPEC = (
    Path(__file__).resolve().parents[3]
    / "shared/fixtures/x-api/openapi/x-api-v2-openapi-2.166.json"
)
pytestmark = pytest.mark.skipif(not SPEC.exists(), reason="../shared (X's OpenAPI spec) absent")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC.read_text()))


def check(spec: dict[str, Any], path: str, method: str, response: httpx.Response) -> None:
    operation = spec["paths"][path][method]
    status = str(response.status_code)
    answer = operation["responses"].get(status) or operation["responses"]["default"]
    media = response.headers["content-type"].split(";")[0]
    schema = answer["content"][media]["schema"]
    validator = OAS30Validator({**schema, "components": spec["components"]})
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, (
        f"{method.upper()} {path} {status}: {errors[0].message} at {list(errors[0].path)}"
    )


def test_every_endpoint_we_use_answers_in_the_documented_shape(spec: dict[str, Any]) -> None:
    double = DoubleServer(accounts=["Uppolice"]).start()
    try:
        world = double.world
        ours = world.account("Uppolice")
        citizens = Citizens(world, seed=7, accounts=["Uppolice"])
        for _ in range(60):
            citizens.step()
        http = httpx.Client(base_url=double.url, headers={"Authorization": "Bearer t"})
        mention = world.mentions_of(ours["id"])[0]
        reply = http.post(
            "/2/tweets",
            json={
                "text": "Registered as LKN-261123-001-7",
                "reply": {"in_reply_to_tweet_id": mention["id"]},
            },
        )
        check(spec, "/2/tweets", "post", reply)
        check(
            spec,
            "/2/users/{id}/mentions",
            "get",
            http.get(f"/2/users/{ours['id']}/mentions", params={**POST_PARAMS, "max_results": 20}),
        )
        check(spec, "/2/users/{id}/tweets", "get", http.get(f"/2/users/{ours['id']}/tweets"))
        check(
            spec,
            "/2/tweets/{id}",
            "get",
            http.get(f"/2/tweets/{mention['id']}", params=POST_PARAMS),
        )
        check(spec, "/2/tweets/{id}", "get", http.get("/2/tweets/1"))  # not found: partial error
        check(spec, "/2/users/me", "get", http.get("/2/users/me"))
        check(
            spec,
            "/2/users/by/username/{username}",
            "get",
            http.get("/2/users/by/username/Uppolice"),
        )
        citizen = world.users[mention["author_id"]]
        dm = http.post(f"/2/dm_conversations/with/{citizen['id']}/messages", json={"text": "hello"})
        check(spec, "/2/dm_conversations/with/{participant_id}/messages", "post", dm)
        check(spec, "/2/dm_events", "get", http.get("/2/dm_events"))
        check(
            spec,
            "/2/dm_conversations/with/{participant_id}/dm_events",
            "get",
            http.get(f"/2/dm_conversations/with/{citizen['id']}/dm_events"),
        )
        added = http.post(
            "/2/tweets/search/stream/rules", json={"add": [{"value": "@Uppolice", "tag": "seva"}]}
        )
        check(spec, "/2/tweets/search/stream/rules", "post", added)
        check(
            spec, "/2/tweets/search/stream/rules", "get", http.get("/2/tweets/search/stream/rules")
        )
        duplicate = http.post("/2/tweets", json={"text": "Registered as LKN-261123-001-7"})
        assert duplicate.status_code == 403
        check(spec, "/2/tweets", "post", duplicate)
        httpx.post(f"{double.url}/_double/faults", json=[{"kind": "429", "path": "/2/users"}])
        limited = http.get(f"/2/users/{ours['id']}/mentions")
        assert limited.status_code == 429
        assert limited.headers["x-rate-limit-remaining"] == "0"
        check(spec, "/2/users/{id}/mentions", "get", limited)
    finally:
        double.stop()
