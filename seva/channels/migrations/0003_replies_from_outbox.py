# The reply notifier reads the event outbox instead of following event ids from a cursor (ids
# are handed out before commit, so a late commit could be skipped). Events after the old cursor
# that call for a reply are handed over as outbox entries first.

from django.db import migrations


def hand_over(apps, schema_editor):
    NotifierCursor = apps.get_model("social", "NotifierCursor")
    Event = apps.get_model("complaints", "Event")
    OutboxEntry = apps.get_model("complaints", "OutboxEntry")
    last = NotifierCursor.objects.filter(name="replies").values_list("last_event_id", flat=True)
    waiting = Event.objects.filter(
        pk__gt=last.first() or 0, type="status.changed", actor__isnull=False
    )
    rows = []
    for pk, data in waiting.values_list("pk", "data").iterator():
        to, note = data.get("to"), data.get("note", "")
        if to == "closed" or (to == "incomplete_info" and note != "need_place"):
            rows.append(OutboxEntry(consumer="replies", event_id=pk))
    OutboxEntry.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("social", "0002_inbound_via_api"),
        ("complaints", "0004_outbox"),
    ]

    operations = [migrations.RunPython(hand_over, migrations.RunPython.noop)]
