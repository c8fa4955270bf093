# The event log is append-only in the database: triggers refuse UPDATE and DELETE of an event
# row on SQLite and PostgreSQL (seva/core/append_only.py holds the statements).

from django.db import migrations

from seva.core.append_only import guard_sql, unguard_sql

TABLE = "complaints_event"


def guard(apps, schema_editor):
    for statement in guard_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


def unguard(apps, schema_editor):
    for statement in unguard_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_outbox")]

    operations = [migrations.RunPython(guard, unguard)]
