"""Complaint codes for new complaints, and where a code's prefix comes from (see codes.py for
the format). Used by the one registration service (registration.py)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from seva.complaints.codes import make_code, serial_choices, serial_digits
from seva.complaints.models import CodeCounter, Complaint
from seva.core.timeutil import ist_date
from seva.directory.models import Unit, UnitKind


def complaint_codes_allocate(*, prefix: str, at: dt.datetime, count: int = 1) -> list[str]:
    """`count` new, distinct codes for `prefix` on the IST date of `at` (one registration is a
    batch of one). Each serial is drawn at random (`secrets`) among the numbers of
    `serial_digits(issued)` digits, and drawn again if a complaint has it already, so a code
    says nothing about its neighbours.

    Call inside the registering transaction and insert the complaints in it: the counter's
    increment holds the row's lock (PostgreSQL) or the database's write lock (SQLite) until
    commit, so allocations for one prefix and day take turns and each sees every code given
    before it. The unique constraint on `Complaint.code` backs this up."""
    day = ist_date(at)
    if not CodeCounter.objects.filter(prefix=prefix, day=day).exists():
        try:
            with transaction.atomic():
                CodeCounter.objects.create(prefix=prefix, day=day, issued=0)
        except IntegrityError:
            pass  # another registration created today's row first; use theirs
    CodeCounter.objects.filter(prefix=prefix, day=day).update(issued=F("issued") + count)
    issued = CodeCounter.objects.values_list("issued", flat=True).get(prefix=prefix, day=day)
    choices = serial_choices(serial_digits(issued))
    codes: list[str] = []
    while len(codes) < count:
        drawn = []
        for _ in range(count - len(codes)):
            serial = choices[secrets.randbelow(len(choices))]
            code = str(make_code(prefix=prefix, date=day, serial=serial))
            if code not in codes and code not in drawn:
                drawn.append(code)
        taken = set(Complaint.objects.filter(code__in=drawn).values_list("code", flat=True))
        codes.extend(code for code in drawn if code not in taken)
    return codes


def code_prefix_for(unit: Unit) -> str:
    """The nearest code prefix up the tree: a police station's codes carry its district."""
    codes = unit.path.strip("/").split("/")
    prefixes = dict(
        Unit.objects.filter(code__in=codes)
        .exclude(code_prefix="")
        .values_list("code", "code_prefix")
    )
    for code in reversed(codes):
        if code in prefixes:
            return prefixes[code]
    return str(settings.SEVA_HQ_CODE_PREFIX)


def state_hq() -> Unit:
    return Unit.objects.get(kind=UnitKind.STATE_HQ, parent=None)
