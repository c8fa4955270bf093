# The rollup reads the event outbox instead of following event ids from a mark (ids are handed
# out before commit, so a late commit could be skipped). Events after the old mark are handed
# over as outbox entries first, so an upgrade folds in nothing twice and misses nothing.

from django.db import migrations

NO_FIGURES = {
    "note.added",
    "followup.attached",
    "sla.paused",
    "sla.resumed",
    "reply.queued",
    "reply.written",
    "reply.failed",
    "reply.withheld",
}


def hand_over(apps, schema_editor):
    RollupMark = apps.get_model("command", "RollupMark")
    Event = apps.get_model("complaints", "Event")
    OutboxEntry = apps.get_model("complaints", "OutboxEntry")
    mark = RollupMark.objects.filter(pk=1).values_list("last_event_id", flat=True).first() or 0
    waiting = Event.objects.filter(pk__gt=mark).exclude(type__in=NO_FIGURES)
    OutboxEntry.objects.bulk_create(
        (OutboxEntry(consumer="rollup", event_id=pk) for pk in waiting.values_list("pk", flat=True)),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("command", "0001_initial"),
        ("complaints", "0004_outbox"),
    ]

    operations = [
        migrations.RunPython(hand_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="rollupmark", name="last_event_id"),
    ]
