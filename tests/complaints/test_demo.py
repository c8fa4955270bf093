from io import StringIO

from django.core.management import call_command

from seva.complaints.demo import DEMO_PEOPLE
from seva.complaints.models import Complaint
from seva.complaints.statuses import Status


def test_seed_demo_registers_complaints_in_every_stage_and_is_idempotent(db):
    out = StringIO()
    call_command("seed_demo", "--count", "60", stdout=out)
    assert Complaint.objects.count() == 60
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {Status.FORWARDED, Status.IN_PROCESS, Status.DISPOSED} <= statuses
    for username, *_ in DEMO_PEOPLE:
        assert username in out.getvalue()
    call_command("seed_demo", "--count", "60", stdout=StringIO())
    assert Complaint.objects.count() == 60
