"""Default SLA targets and reply templates, so a fresh install works before anyone edits them.

Administrators change these in the admin; this migration only creates rows that are missing.
"""

from django.db import migrations

SLA_TARGETS = [
    # (category, is_urgent, first action minutes, resolution minutes)
    ("", True, 15, 24 * 60),
    ("", False, 4 * 60, 7 * 24 * 60),
    ("women_safety", False, 60, 2 * 24 * 60),
    ("missing_kidnapping", False, 30, 24 * 60),
]

TEMPLATES = {
    ("acknowledgement", "en"): "Your complaint is registered as {code} and sent to {unit}. Track it: {link}",
    ("acknowledgement", "hi"): "आपकी शिकायत {code} के रूप में दर्ज कर {unit_hi} को भेजी गई है। स्थिति देखें: {link}",
    ("incomplete_info", "en"): "About {code}: {note} Please reply in this thread.",
    ("incomplete_info", "hi"): "शिकायत {code}: {note} कृपया इसी थ्रेड में उत्तर दें।",
    ("closure", "en"): "Complaint {code} is closed by {unit}: {note} Details: {link}",
    ("closure", "hi"): "शिकायत {code} का निस्तारण {unit_hi} द्वारा किया गया: {note} विवरण: {link}",
    ("status", "en"): "Complaint {code} is now: {status}. {link}",
    ("status", "hi"): "शिकायत {code} की स्थिति: {status}। {link}",
    ("need_place", "en"): "Your complaint {code} is registered. Please reply with your district and police station.",
    ("need_place", "hi"): "आपकी शिकायत {code} दर्ज है। कृपया अपना जनपद और थाना इसी थ्रेड में बताएं।",
}


def create_defaults(apps, schema_editor):
    SlaTarget = apps.get_model("complaints", "SlaTarget")
    ReplyTemplate = apps.get_model("complaints", "ReplyTemplate")
    for category, urgent, first_action, resolution in SLA_TARGETS:
        SlaTarget.objects.get_or_create(
            category=category,
            is_urgent=urgent,
            defaults={"first_action_minutes": first_action, "resolution_minutes": resolution},
        )
    for (key, language), body in TEMPLATES.items():
        ReplyTemplate.objects.get_or_create(key=key, language=language, defaults={"body": body})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
