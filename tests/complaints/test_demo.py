from io import StringIO

from django.contrib.auth.models import User
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


def test_in_the_demo_only_the_administrator_is_staff_and_nobody_is_a_superuser(db):
    # An older demo database made everyone staff and the administrator a superuser.
    User.objects.create_user(username="officer.agra", is_staff=True)
    User.objects.create_user(username="admin", is_staff=True, is_superuser=True)
    call_command("seed_demo", "--count", "0", stdout=StringIO())
    people = User.objects.filter(username__in=[name for name, *_ in DEMO_PEOPLE])
    assert set(people.filter(is_staff=True).values_list("username", flat=True)) == {"admin"}
    assert not people.filter(is_superuser=True).exists()
