"""Seva's defaults are production's: debug only when asked for, HTTPS enforced (redirect and
HSTS) unless the proxy does it, `check --deploy` clean. The tests and the demo ask for debug.

The settings are read once per process, so each case runs in a fresh Python with the
environment it describes (nothing from this test run's own SEVA_* variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({name: getattr(settings, name, None) for name in ["
    "'DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_PROXY_SSL_HEADER']}))"
)
# A key as `check --deploy` wants one (50+ characters, varied); made up for this test only.
KEY = "t3st-only-" + "aZ9_" * 12


def _environment(tmp_path: Path, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEVA_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", SEVA_DATA_DIR=str(tmp_path))
    env.update(variables)
    return env


def _run(tmp_path: Path, args: list[str], **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=_environment(tmp_path, **variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, **variables: str) -> dict[str, Any]:
    result = _run(tmp_path, ["-c", PROBE], **variables)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_unset_debug_means_production_and_needs_a_secret_key(tmp_path: Path) -> None:
    refused = _run(tmp_path, ["-c", PROBE])
    assert refused.returncode != 0
    assert "SEVA_SECRET_KEY must be set" in refused.stderr
    production = _settings(tmp_path, SEVA_SECRET_KEY=KEY)
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SESSION_COOKIE_SECURE"] is production["CSRF_COOKIE_SECURE"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] is None


def test_debug_only_when_asked_for(tmp_path: Path) -> None:
    laptop = _settings(tmp_path, SEVA_DEBUG="true")
    assert laptop["DEBUG"] is True
    assert laptop["SECURE_SSL_REDIRECT"] is False
    assert laptop["SECURE_HSTS_SECONDS"] == 0


def test_behind_a_proxy_that_redirects_and_ends_tls(tmp_path: Path) -> None:
    proxied = _settings(
        tmp_path,
        SEVA_SECRET_KEY=KEY,
        SEVA_HTTPS_REDIRECT="false",
        SEVA_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert proxied["SECURE_SSL_REDIRECT"] is False
    assert proxied["SECURE_HSTS_SECONDS"] > 0  # still sent on the requests the proxy marks
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    other = _settings(tmp_path, SEVA_SECRET_KEY=KEY, SEVA_PROXY_SSL_HEADER="X-Forwarded-Ssl=on")
    assert other["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_SSL", "on"]
    bad = _run(tmp_path, ["-c", PROBE], SEVA_SECRET_KEY=KEY, SEVA_PROXY_SSL_HEADER="X: y")
    assert bad.returncode != 0
    assert "SEVA_PROXY_SSL_HEADER" in bad.stderr


def test_check_deploy_is_clean_with_a_production_environment(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SEVA_SECRET_KEY=KEY,
        SEVA_ALLOWED_HOSTS="seva.example.gov.in",
        SEVA_SITE_URL="https://seva.example.gov.in",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("proto", ["http", "https"])
def test_https_is_enforced_through_the_proxys_header(
    db: None, settings: Any, client: Any, proto: str
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/track/", headers={"X-Forwarded-Proto": proto})
    if proto == "http":
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/track/"
    else:
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_demo_and_the_tests_ask_for_debug() -> None:
    assert "export SEVA_DEBUG=true" in (ROOT / "scripts" / "demo").read_text(encoding="utf-8")
    assert os.environ.get("SEVA_DEBUG") == "true"  # pytest-env, from pyproject.toml
