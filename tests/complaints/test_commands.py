import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command

from tests.complaints.helpers import register


def test_sla_sweep_command_escalates_overdue(world):
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        register(world.lucknow, is_urgent=True)
    out = StringIO()
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        call_command("sla_sweep", stdout=out)
    assert "escalated 1 overdue" in out.getvalue()
