"""Codes stay unique when many registrations happen at once."""

import threading

import pytest
from django.db import connections

from seva.complaints.codes import parse_code
from seva.complaints.models import Complaint
from tests.complaints.helpers import register


def test_sequential_registrations_get_consecutive_serials(world):
    codes = [register(world.lucknow).code for _ in range(5)]
    assert [parse_code(code).serial for code in codes] == [1, 2, 3, 4, 5]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_on_postgresql_get_distinct_codes():
    from tests.personas import build_world

    world = build_world()
    threads, errors = 8, []
    per_thread = 10
    barrier = threading.Barrier(threads)

    def work(index: int) -> None:
        try:
            barrier.wait()
            for number in range(per_thread):
                register(world.lucknow, external_user_id=f"{index}-{number}")
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    codes = list(Complaint.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == threads * per_thread
    serials = sorted(parse_code(code).serial for code in codes)
    assert serials == list(range(1, threads * per_thread + 1))
