"""The event log's append-only rule, held by the database itself.

`Event.save()` and `Event.delete()` refuse changes, but a queryset `update()` or `delete()`,
raw SQL or a database console would not pass through them. Triggers refuse any UPDATE or
DELETE of an event row on SQLite and PostgreSQL (migration 0005 installs them). What they do
not stop: PostgreSQL's TRUNCATE and DROP, which need the table's owner (run the application
under a role that does not own its tables to take those away too; docs/security.md).
"""

from __future__ import annotations

TABLE = "complaints_event"
MESSAGE = "events are append-only"

_SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
]
_SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{verb}" for verb in ("update", "delete")]

# restrict_violation (23001): drivers report it as an integrity error, as SQLite's ABORT is.
_POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]


def guard_sql(vendor: str) -> list[str]:
    """Statements that install the guard on this database vendor."""
    return {"sqlite": _SQLITE_CREATE, "postgresql": _POSTGRES_CREATE}.get(vendor, [])


def unguard_sql(vendor: str) -> list[str]:
    """Statements that remove it (the migration's reverse, and a test database's flush)."""
    return {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}.get(vendor, [])
