"""Signing in with a second factor in a real browser: an HQ reviewer's first sign-in sets up the
authenticator from the page's key and shows the recovery codes; the next sign-in takes a
recovery code. Screenshots go to test-artifacts/desk/ (signin-*.png)."""

from __future__ import annotations

import base64
import re

from django_otp.oath import totp

from tests.browser import BROWSER_MARKS, Window
from tests.desk.test_browser import ARTIFACTS, Desk
from tests.personas import PASSWORD, authenticator, current_code

pytestmark = BROWSER_MARKS


def _password(window, username: str) -> None:
    window.go("/desk/login/")
    window.page.fill("#id_username", username)
    window.page.fill("#id_password", PASSWORD)
    window.page.click("main button[type=submit]")


def test_first_sign_in_sets_up_the_authenticator_then_a_recovery_code_works(
    world, live_server, browser
):
    base = live_server.url
    window = Window(browser.new_context(viewport={"width": 1366, "height": 768}), base, ARTIFACTS)
    _password(window, "hq_reviewer")
    window.page.wait_for_url(f"{base}/desk/login/setup/")
    assert window.page.locator("img.qr").evaluate("img => img.naturalWidth") > 100
    window.shot("signin-setup")
    # The person's phone reads the key off the page (as an app would from the QR code).
    key = window.page.inner_text("code.key").replace(" ", "")
    code = f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"
    window.page.fill("#id_token", code)
    window.page.click("main button[type=submit]")
    window.page.wait_for_selector("ol.recovery-codes")
    codes = re.findall(r"[a-z2-7]{4}-[a-z2-7]{4}", window.page.inner_text("ol.recovery-codes"))
    assert len(codes) == 10
    window.shot("signin-recovery-codes")
    window.page.click("a.button.primary")
    window.page.wait_for_url(f"{base}/desk/")
    assert "hq_reviewer" in window.page.inner_text("header")

    # Signing out and in again: the phone is "lost", a recovery code opens the desk.
    window.page.click("header form[action='/desk/logout/'] button")
    window.page.wait_for_url(f"{base}/desk/login/")
    _password(window, "hq_reviewer")
    window.page.wait_for_url(f"{base}/desk/login/code/")
    window.shot("signin-code")
    window.page.fill("#id_token", codes[0].upper())
    window.page.click("main button[type=submit]")
    window.page.wait_for_url(f"{base}/desk/")
    assert not window.problems, window.problems  # no CSP violations, no script errors
    window.context.close()


def test_the_admin_signs_in_through_the_desk_with_the_code(world, live_server, browser):
    world.administrator.is_staff = True
    world.administrator.is_superuser = True
    world.administrator.save()
    base = live_server.url
    desk = Desk(browser, base, "administrator")  # password, then the authenticator's code
    desk.go("/admin/")
    assert "Site administration" in desk.page.inner_text("body")
    # (Not desk.close(): the admin's pages ask for /favicon.ico, which Seva does not serve.)
    desk.context.close()
    # Going to the admin first: the desk's sign-in, both steps, then back in the admin.
    fresh = Window(browser.new_context(), base, ARTIFACTS)
    fresh.go("/admin/")
    fresh.page.wait_for_url(f"{base}/desk/login/?next=/admin/")
    fresh.page.fill("#id_username", "administrator")
    fresh.page.fill("#id_password", PASSWORD)
    fresh.page.click("main button[type=submit]")
    fresh.page.wait_for_url(f"{base}/desk/login/code/")
    fresh.page.fill("#id_token", current_code(authenticator(world.administrator)))
    fresh.page.click("main button[type=submit]")
    fresh.page.wait_for_url(f"{base}/admin/")
    fresh.context.close()
