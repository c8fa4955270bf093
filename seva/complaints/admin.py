"""Django admin for complaint configuration (SLA targets, reply templates: global, changed by
root administrators) and a read-only view of the complaints and event log in the
administrator's reach."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from seva.complaints.events import event_describe
from seva.complaints.models import (
    Complaint,
    Event,
    ReplyTemplate,
    SensitiveCategory,
    SlaTarget,
)
from seva.complaints.templates import template_retire_refusal
from seva.core.postlength import MAX_POST_LENGTH, weighted_length
from seva.directory.adminsite import SevaInline, SevaModelAdmin


@admin.register(SlaTarget)
class SlaTargetAdmin(SevaModelAdmin):
    """Global configuration: one clock for the whole state."""

    list_display = ["__str__", "first_action_minutes", "resolution_minutes"]


@admin.register(SensitiveCategory)
class SensitiveCategoryAdmin(SevaModelAdmin):
    """Categories never listed publicly (Open311's public list), beyond the built-in women's
    safety and police conduct, which always are. Global configuration: state HQ's to change."""

    list_display = ["category", "reason", "created_at"]


class ReplyTemplateForm(forms.ModelForm):  # type: ignore[type-arg]
    """Refuses unknown placeholders and bodies that cannot fit a post once filled in."""

    # Longest realistic values: a code, a long unit name, a link (X counts any URL as 23).
    SAMPLE = {
        "code": "LKN-261123-1042317-K",
        "unit": "Police Station Hazratganj Kotwali",
        "unit_hi": "थाना हजरतगंज कोतवाली",
        "link": "https://seva.example/track/LKN-261123-1042317-K",
        "note": "",
        "status": "Incomplete information",
    }

    class Meta:
        model = ReplyTemplate
        fields = ["key", "language", "body", "is_active"]

    def clean_body(self) -> str:
        body = str(self.cleaned_data["body"])
        try:
            filled = body.format_map(self.SAMPLE)
        except (KeyError, ValueError, IndexError) as exc:
            raise forms.ValidationError(
                f"unknown or broken placeholder {exc}; use {{code}}, {{unit}}, {{unit_hi}}, "
                "{link}, {note}, {status}"
            ) from exc
        length = weighted_length(filled)
        if length > MAX_POST_LENGTH - 40:  # leave room for the officer's note
            raise forms.ValidationError(
                f"filled in, this is {length} of X's {MAX_POST_LENGTH} characters; keep it "
                f"under {MAX_POST_LENGTH - 40} so a note fits"
            )
        return body

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        stored = self.instance
        leaving = stored.pk is not None and (
            not cleaned.get("is_active", True)
            or (cleaned.get("key"), cleaned.get("language")) != (stored.key, stored.language)
        )
        if leaving:
            refusal = template_retire_refusal(ReplyTemplate.objects.get(pk=stored.pk))
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(SevaModelAdmin):
    """Global configuration: the words every unit's citizens receive."""

    form = ReplyTemplateForm
    list_display = ["key", "language", "is_active", "body"]
    list_filter = ["key", "language", "is_active"]

    def delete_model(self, request: HttpRequest, obj: ReplyTemplate) -> None:
        self.delete_queryset(request, ReplyTemplate.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ReplyTemplate]) -> None:
        """Deletes, one by one, only what may go; says what was kept and why."""
        for template in queryset:
            refusal = template_retire_refusal(template)
            if refusal:
                self.message_user(request, f"{template} kept: {refusal}", messages.ERROR)
            else:
                template.delete()


class EventInline(SevaInline):
    model = Event
    extra = 0
    can_delete = False
    read_only = True
    fields = ["at", "type", "actor", "sentence"]
    readonly_fields = ["at", "type", "actor", "sentence"]

    @admin.display(description="what happened")
    def sentence(self, event: Event) -> str:
        return event_describe(event)


@admin.register(Complaint)
class ComplaintAdmin(SevaModelAdmin):
    """Read-only: complaints change through the services (the desk), never here."""

    unit_path = "unit__path"
    read_only = True
    list_display = [
        "code",
        "status",
        "unit",
        "category",
        "is_urgent",
        "registered_at",
        "sla_due_at",
    ]
    list_filter = ["status", "is_urgent", "category", "channel"]
    search_fields = ["code", "text", "complainant__handle"]
    list_select_related = ["unit"]
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(SevaModelAdmin):
    """The log of the complaints in reach. Append-only: no add, change or delete."""

    unit_path = "complaint__unit__path"
    read_only = True
    list_display = ["at", "type", "complaint", "actor"]
    list_filter = ["type"]
    search_fields = ["complaint__code"]
    list_select_related = ["complaint", "actor"]
    date_hierarchy = "at"
