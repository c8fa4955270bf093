"""Django admin for complaint configuration (SLA targets, reply templates) and a read-only,
access-scoped view of complaints and their event log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
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
from seva.core.postlength import MAX_POST_LENGTH, weighted_length
from seva.directory.access import access_complaints, access_grants
from seva.directory.admin import AdministratorOnly


@admin.register(SlaTarget)
class SlaTargetAdmin(AdministratorOnly):
    list_display = ["__str__", "first_action_minutes", "resolution_minutes"]


@admin.register(SensitiveCategory)
class SensitiveCategoryAdmin(AdministratorOnly):
    """Categories never listed publicly (Open311's public list), beyond the built-in women's
    safety and police conduct, which always are."""

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


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AdministratorOnly):
    form = ReplyTemplateForm
    list_display = ["key", "language", "is_active", "body"]
    list_filter = ["key", "language", "is_active"]


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Event
    extra = 0
    can_delete = False
    fields = ["at", "type", "actor", "sentence"]
    readonly_fields = ["at", "type", "actor", "sentence"]

    @admin.display(description="what happened")
    def sentence(self, event: Event) -> str:
        return event_describe(event)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyForAnyoneWithAReach(admin.ModelAdmin):  # type: ignore[type-arg]
    """Viewable by anyone with a membership (scoped by get_queryset); never changed here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(access_grants(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(access_grants(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyForAnyoneWithAReach):
    """Read-only: complaints change through the services (the desk), never here."""

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complaint]:
        return access_complaints(request.user)  # the same scope as every other screen


@admin.register(Event)
class EventAdmin(ReadOnlyForAnyoneWithAReach):
    """The log, across complaints, for auditors. Append-only: no add, change or delete."""

    list_display = ["at", "type", "complaint", "actor"]
    list_filter = ["type"]
    search_fields = ["complaint__code"]
    list_select_related = ["complaint", "actor"]
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        # The same reach as the complaints themselves: a person sees the events of complaints
        # they may see, nothing more.
        return Event.objects.filter(complaint__in=access_complaints(request.user))
