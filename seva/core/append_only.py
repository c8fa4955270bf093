"""Append-only tables, held by the database itself: the complaint event log and the access
audit log.

Their models refuse `save()` of a stored row and `delete()`, but a queryset `update()` or
`delete()`, raw SQL or a database console would not pass through them. Triggers refuse any
UPDATE or DELETE of a row on SQLite and PostgreSQL (each table's app installs them in a
migration). What they do not stop: PostgreSQL's TRUNCATE and DROP, which need the table's
owner (run the application under a role that does not own its tables to take those away too;
docs/security.md).
"""

from __future__ import annotations

MESSAGE = "rows of this table are append-only"
TABLES = ("complaints_event", "directory_auditrecord")


def _sqlite_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]


def _postgres_create(table: str) -> list[str]:
    # restrict_violation (23001): drivers report it as an integrity error, as SQLite's ABORT.
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
        END $$""",
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
    ]


def _postgres_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_append_only()",
    ]


def guard_sql(vendor: str, table: str) -> list[str]:
    """Statements that make `table` append-only on this database vendor."""
    makers = {"sqlite": _sqlite_create, "postgresql": _postgres_create}
    return makers[vendor](table) if vendor in makers else []


def unguard_sql(vendor: str, table: str) -> list[str]:
    """Statements that lift the guard (a migration's reverse, a test database's flush)."""
    makers = {"sqlite": _sqlite_drop, "postgresql": _postgres_drop}
    return makers[vendor](table) if vendor in makers else []
