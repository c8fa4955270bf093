# The access audit log is append-only in the database: triggers refuse UPDATE and DELETE of a
# record on SQLite and PostgreSQL (seva/core/append_only.py holds the statements).

from django.db import migrations

from seva.core.append_only import guard_sql, unguard_sql

TABLE = "directory_auditrecord"


def guard(apps, schema_editor):
    for statement in guard_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


def unguard(apps, schema_editor):
    for statement in unguard_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_audit_record")]

    operations = [migrations.RunPython(guard, unguard)]
