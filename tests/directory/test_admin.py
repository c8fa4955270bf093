"""The admin: administrators manage the directory; officers see only their own complaints."""

import pytest
from django.test import Client

from tests.complaints.helpers import register
from tests.personas import PASSWORD

ADMIN_PAGES = [
    "/admin/directory/unit/",
    "/admin/directory/unit/add/",
    "/admin/directory/socialhandle/",
    "/admin/directory/socialhandle/add/",
    "/admin/directory/membership/",
    "/admin/directory/membership/add/",
    "/admin/complaints/slatarget/",
    "/admin/complaints/replytemplate/",
    "/admin/complaints/complaint/",
    "/admin/auth/user/",
]


def _client_for(user) -> Client:
    user.is_staff = True
    user.save()
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_administrator_opens_every_admin_page(world, url):
    world.administrator.is_superuser = True
    assert _client_for(world.administrator).get(url).status_code == 200


def test_admin_creates_a_unit_through_the_service(world):
    client = _client_for(world.administrator)
    response = client.post(
        "/admin/directory/unit/add/",
        {
            "kind": "police_station",
            "code": "PS-162-MADIYAON",
            "name_en": "Madiyaon",
            "name_hi": "मड़ियांव",
            "parent": world.lucknow.pk,
            "code_prefix": "",
            "aliases": "[]",
            "attributes": "{}",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    from seva.directory.models import Unit

    assert Unit.objects.get(code="PS-162-MADIYAON").path == "/UP/R-LUCKNOW/D-162/PS-162-MADIYAON/"


def test_officers_see_only_their_complaints_and_not_the_directory(world):
    mine = register(world.lucknow)
    theirs = register(world.agra, text="Agra complaint")
    client = _client_for(world.agra_officer)
    page = client.get("/admin/complaints/complaint/").content.decode()
    assert theirs.code in page
    assert mine.code not in page
    assert client.get(f"/admin/complaints/complaint/{mine.pk}/change/").status_code in (302, 404)
    assert client.get("/admin/directory/unit/").status_code == 403
