"""Signing in and out, changing the password, and the remembered language switch."""

from django.test import Client

from tests.desk.helpers import signed_in
from tests.personas import PASSWORD


def test_root_goes_to_the_desk_and_the_desk_asks_for_a_sign_in(world):
    client = Client()
    assert client.get("/")["Location"] == "/desk/"
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == "/desk/login/?next=/desk/"


def test_sign_in_page_works_under_the_content_security_policy(world):
    response = Client().get("/desk/login/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    body = response.content.decode()
    # htmx comes from our own static files (django-htmx's copy), with the request's nonce.
    assert f'<script src="/static/django_htmx/htmx-2.min.js" defer nonce="{nonce}">' in body
    assert "style=" not in body
    assert " onclick=" not in body


def test_sign_in_with_the_right_password_lands_on_the_queue(world):
    client = Client()
    response = client.post(
        "/desk/login/", {"username": "lucknow_officer", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/desk/"
    assert b"lucknow_officer" in response.content


def test_a_wrong_password_is_refused_with_a_message(world):
    response = Client().post("/desk/login/", {"username": "lucknow_officer", "password": "nope"})
    assert response.status_code == 200
    assert b"did not match" in response.content


def test_sign_out_is_a_post_and_ends_the_session(world):
    client = signed_in(world.lucknow_officer)
    assert client.get("/desk/logout/").status_code == 405
    response = client.post("/desk/logout/")
    assert response["Location"] == "/desk/login/"
    assert client.get("/desk/").status_code == 302


def test_password_change(world):
    client = signed_in(world.lucknow_officer)
    assert client.get("/desk/password/").status_code == 200
    new = "a new and longer passphrase 2026"
    response = client.post(
        "/desk/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/desk/password/done/"
    world.lucknow_officer.refresh_from_db()
    assert world.lucknow_officer.check_password(new)


def test_the_language_switch_is_remembered(world):
    client = signed_in(world.lucknow_officer)
    response = client.post("/i18n/setlang/", {"language": "hi", "next": "/desk/"})
    assert response["Location"] == "/desk/"
    cookie = client.cookies["django_language"]
    assert cookie.value == "hi"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    page = client.get("/desk/").content.decode()
    assert '<html lang="hi">' in page
    assert "कतार" in page  # "Queue"
    assert "साइन आउट" in page  # "Sign out"
    client.post("/i18n/setlang/", {"language": "en", "next": "/desk/"})
    assert "Sign out" in client.get("/desk/").content.decode()
