"""The event log is append-only in the database itself, not only in the model's save()."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from seva.complaints.models import Event
from tests.complaints.helpers import register


def test_a_queryset_update_is_refused(world: Any) -> None:
    complaint = register(world.lucknow)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Event.objects.filter(complaint=complaint).update(type="status.changed")
    assert set(complaint.events.values_list("type", flat=True)) >= {"complaint.registered"}


def test_a_queryset_delete_is_refused(world: Any) -> None:
    complaint = register(world.lucknow)
    before = complaint.events.count()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Event.objects.filter(complaint=complaint)._raw_delete(Event.objects.db)
    assert complaint.events.count() == before


def test_raw_sql_is_refused(world: Any) -> None:
    complaint = register(world.lucknow)
    event = complaint.events.first()
    assert event is not None
    for statement in (
        "UPDATE complaints_event SET data = '{}' WHERE id = %s",
        "DELETE FROM complaints_event WHERE id = %s",
    ):
        with (
            pytest.raises(IntegrityError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert Event.objects.filter(pk=event.pk, data=event.data).exists()


def test_adding_events_still_works(world: Any) -> None:
    complaint = register(world.lucknow)
    assert complaint.events.filter(type="complaint.registered").count() == 1


def test_the_access_audit_log_is_append_only_too(world: Any) -> None:
    from seva.directory.audit import AuditType, audit_record
    from seva.directory.models import AuditRecord

    audit_record(
        type=AuditType.TOKEN_ISSUED, actor=world.administrator, person=world.hq_reviewer, data={}
    )
    for change in (
        lambda rows: rows.update(type="token.revoked"),
        lambda rows: rows._raw_delete(AuditRecord.objects.db),
    ):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            change(AuditRecord.objects.all())
    assert AuditRecord.objects.get().type == "token.issued"
