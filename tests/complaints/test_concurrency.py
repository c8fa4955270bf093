"""Codes stay unique when many registrations happen at once, and say nothing of each other."""

import secrets
import threading

import pytest
from django.db import connections

from seva.complaints import codes as code_format
from seva.complaints.codes import make_code, parse_code
from seva.complaints.models import CodeCounter, Complaint
from tests.complaints.helpers import register


def test_one_code_does_not_reveal_its_neighbours(world):
    # Serials were the day's running count: LKN-…-041 gave away -040 and -042 (and how busy
    # the district was). Now each is drawn at random among five-digit numbers, nearly all free.
    complaints = [register(world.lucknow, external_user_id=str(n)) for n in range(12)]
    serials = [parse_code(c.code).serial for c in complaints]
    assert all(10_000 <= serial <= 99_999 for serial in serials)
    neighbours = set()
    for complaint in complaints:
        code = parse_code(complaint.code)
        for step in (-1, 1):
            neighbours.add(str(make_code(prefix="LKN", date=code.date, serial=code.serial + step)))
    found = Complaint.objects.filter(code__in=neighbours).count()
    # Running numbers: 22 of the 24 neighbours exist. At random, any one exists with a chance
    # of 11 in 90,000: even a quarter of them is beyond any plausible draw.
    assert found < len(neighbours) // 4
    assert CodeCounter.objects.get(prefix="LKN").issued == 12


def test_a_serial_already_taken_is_drawn_again(world, monkeypatch):
    taken = register(world.lucknow)
    serial = parse_code(taken.code).serial
    fresh = serial + 1 if serial < 99_999 else serial - 1
    draws = iter([serial - 10_000, serial - 10_000, fresh - 10_000])  # offsets into 5 digits
    monkeypatch.setattr(secrets, "randbelow", lambda _n: next(draws))
    again = register(world.lucknow, external_user_id="2")
    assert parse_code(again.code).serial == fresh
    assert again.code != taken.code


def test_serials_grow_a_digit_as_a_day_fills_up():
    assert code_format.serial_digits(1) == 5
    assert code_format.serial_digits(90) == 5  # 90 of 90,000: one in a thousand taken
    assert code_format.serial_digits(91) == 6
    assert code_format.serial_digits(900) == 6
    assert code_format.serial_digits(901) == 7
    assert code_format.serial_digits(10**12) == code_format.MAX_SERIAL_DIGITS
    assert code_format.serial_choices(5) == range(10_000, 100_000)


def test_codes_given_as_running_numbers_still_read(world):
    old = str(make_code(prefix="LKN", date=parse_code(register(world.lucknow).code).date, serial=7))
    assert old.split("-")[2] == "007"
    assert str(parse_code(old.lower().replace("-", ""))) == old


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
    assert CodeCounter.objects.get(prefix="LKN").issued == threads * per_thread
