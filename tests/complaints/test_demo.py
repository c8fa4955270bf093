import base64
import re
from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp

from seva.complaints.demo import DEMO_PASSWORD, DEMO_PEOPLE
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


def test_demo_people_who_need_a_second_factor_sign_in_with_what_seed_demo_prints(db):
    out = StringIO()
    call_command("seed_demo", "--count", "0", stdout=out)
    printed = out.getvalue()
    found = re.search(r"^  hq\.operator +key ([A-Z2-7 ]+)$", printed, re.MULTILINE)
    assert found is not None
    key = found.group(1)
    codes = re.findall(r"recovery codes (.+)$", printed, re.MULTILINE)[-1].split()
    assert len(codes) == 3
    # The key, as an authenticator app would use it.
    client = Client()
    response = client.post("/desk/login/", {"username": "hq.operator", "password": DEMO_PASSWORD})
    assert response["Location"] == "/desk/login/code/"
    code = f"{totp(base64.b32decode(key.replace(' ', ''))):06d}"
    assert client.post("/desk/login/code/", {"token": code})["Location"] == "/desk/"
    # A printed recovery code (the last person printed: the administrator).
    admin = Client()
    admin.post("/desk/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert admin.post("/desk/login/code/", {"token": codes[0]})["Location"] == "/desk/"
    assert admin.get("/admin/").status_code == 200
    # Seeding again keeps the key (an app set up earlier still works) and tops the codes up.
    again = StringIO()
    call_command("seed_demo", "--count", "0", stdout=again)
    assert f"key {key}" in again.getvalue()
    assert codes[0] not in again.getvalue()
