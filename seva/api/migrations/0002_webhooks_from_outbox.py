# Webhook deliveries are recorded from the event outbox instead of a cursor over event ids (ids
# are handed out before commit, so a late commit could be skipped). Events after the old cursor
# are handed over as outbox entries first. No cursor means the recorder never ran: it started
# at the log's end, so there is nothing to hand over.

from django.db import migrations


def hand_over(apps, schema_editor):
    NotifierCursor = apps.get_model("social", "NotifierCursor")
    Event = apps.get_model("complaints", "Event")
    OutboxEntry = apps.get_model("complaints", "OutboxEntry")
    cursor = NotifierCursor.objects.filter(name="webhooks").first()
    if cursor is None:
        return
    waiting = Event.objects.filter(pk__gt=cursor.last_event_id).values_list("pk", flat=True)
    OutboxEntry.objects.bulk_create(
        (OutboxEntry(consumer="webhooks", event_id=pk) for pk in waiting.iterator()),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("social", "0003_replies_from_outbox"),
        ("complaints", "0004_outbox"),
    ]

    operations = [migrations.RunPython(hand_over, migrations.RunPython.noop)]
