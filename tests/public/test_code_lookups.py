"""Every door that tells whether a complaint code exists shares one limit per client (the
tracking limit), so switching doors guesses no faster."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.complaints.helpers import register


def doors(code: str) -> list[str]:
    return [
        f"/track/{code}/",
        f"/track/{code}.json",
        f"/api/track/{code}",
        f"/complain/done/{code}/",
        f"/open311/v2/requests/{code}.json",
        f"/open311/v2/requests.xml?service_request_id={code}",
    ]


def test_the_doors_share_one_tracking_limit(world: Any, settings: Any) -> None:
    settings.SEVA_TRACK_RATE_LIMIT = len(doors("x"))
    code = register(world.lucknow).code
    client = Client()
    assert [client.get(url).status_code for url in doors(code)] == [200] * len(doors(code))
    for url in doors(code):
        response = client.get(url)
        assert response.status_code == 429, url
        assert 1 <= int(response["Retry-After"]) <= 60, url
    other = Client(REMOTE_ADDR="10.0.0.9")  # another client has its own
    assert other.get(f"/api/track/{code}").status_code == 200


def test_a_look_up_of_many_codes_counts_each(world: Any, settings: Any) -> None:
    settings.SEVA_TRACK_RATE_LIMIT = 3
    codes = [register(world.lucknow, external_user_id=str(n)).code for n in range(4)]
    client = Client()
    asked = ",".join(codes)
    response = client.get("/open311/v2/requests.json", {"service_request_id": asked})
    assert response.status_code == 429
    assert client.get(f"/track/{codes[0]}.json").status_code == 429  # the same budget
