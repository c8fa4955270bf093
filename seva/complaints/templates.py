"""Which reply templates must stay: the one each purpose falls back to.

A reply is written in the complaint's language, else in English (seva.channels.replies). A
purpose whose English template is gone has no words for some citizens, and every reply of
that purpose fails; so the English template of a purpose cannot be deactivated or deleted, only
edited, and another language's only while the English one is active.
"""

from __future__ import annotations

from seva.complaints.models import ReplyTemplate

FALLBACK_LANGUAGE = "en"


def template_retire_refusal(template: ReplyTemplate) -> str:
    """Why the stored `template` may not be deactivated or deleted ("" when it may): without
    it, complaints in its language would have no words for its purpose."""
    if template.pk is None or not template.is_active:
        return ""
    if template.language == FALLBACK_LANGUAGE:
        return (
            f"the English '{template.key}' template is what every language falls back to; "
            "edit it instead of switching it off"
        )
    fallback = ReplyTemplate.objects.filter(
        key=template.key, language=FALLBACK_LANGUAGE, is_active=True
    )
    if not fallback.exists():
        return f"there is no active English '{template.key}' template to fall back to"
    return ""
