"""Test-wide settings and fixtures. Tests run on SQLite, and on PostgreSQL when DATABASE_URL
points at one (scripts/test starts a throwaway cluster and runs the suite twice)."""

from __future__ import annotations

import socket
from ipaddress import ip_address
from typing import Any

import pytest
from django.db import connection

from tests.browser import browser  # noqa: F401 (the browser tests' Chromium fixture)


def _flush_past_the_append_only_guard() -> None:
    """Transactional tests end with a flush, which on SQLite is a DELETE of every table, and
    the append-only tables' triggers refuse that. The test database lifts the guard for the flush
    only. (PostgreSQL flushes with TRUNCATE, which the row triggers do not see.)"""
    import django.db.backends.sqlite3.base  # noqa: F401 (imports operations without a cycle)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    from seva.core.append_only import TABLES, guard_sql, unguard_sql

    plain = DatabaseOperations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        guarded = [table for table in TABLES if table in tables]
        return [
            *(statement for table in guarded for statement in unguard_sql("sqlite", table)),
            *plain(self, style, tables, **kwargs),
            *(statement for table in guarded for statement in guard_sql("sqlite", table)),
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


_flush_past_the_append_only_guard()


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    # Tasks run inline in tests; the worker path is exercised in its own tests.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SECURE_SSL_REDIRECT = False
    # Hashing passwords properly is slow by design; tests create many people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (scripts/test runs it)")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def world(db: None) -> Any:
    from tests.personas import build_world

    return build_world()


# Webhook URLs are looked up when saved and when sent; tests never ask a DNS server, in any
# test. Names resolve from this table; address literals and localhost resolve as usual.
TEST_DNS = {
    "example.com": ["93.184.215.14"],
    "hooks.partner.example": ["93.184.215.34"],
    "inside.partner.example": ["10.20.30.40"],
}


@pytest.fixture(autouse=True)
def _no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    from seva.api.webhooks import destinations

    real = destinations.resolve

    def resolve(host: str, port: int) -> Any:
        if host in TEST_DNS:
            return [ip_address(a) for a in TEST_DNS[host]]
        if host != "localhost":
            try:  # an address in any spelling the C library reads (127.1, 2130706433)
                socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST)
            except socket.gaierror:
                raise socket.gaierror(f"{host}: tests never ask a DNS server") from None
        return real(host, port)

    monkeypatch.setattr(destinations, "resolve", resolve)
