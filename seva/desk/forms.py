"""Input of the desk's screens. Forms only check shape; services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from seva.complaints.statuses import OFFICER_ACTIONS
from seva.core.days import DayField, date_errors
from seva.core.errors import InvalidInput
from seva.desk.labels import CATEGORY_LABELS, STATUS_LABELS
from seva.desk.selectors import QueueFilters
from seva.directory.models import Unit

NOTE_MAX = 2000


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    age = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[
            ("", _("Any age")),
            ("1", _("Older than a day")),
            ("3", _("Older than 3 days")),
            ("7", _("Older than a week")),
            ("30", _("Older than 30 days")),
        ],
    )
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    # Set by the command centre's links (not shown as controls): the unit alone, and a range
    # of registration (or disposal) days. `from`/`to` are added in __init__ (keywords).
    here = forms.BooleanField(required=False, widget=forms.HiddenInput)
    by = forms.ChoiceField(
        required=False,
        choices=[("registered", "registered"), ("disposed", "disposed")],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, units: list[Unit], unit_label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.code: unit for unit in units}
        status_field: Any = self.fields["status"]
        status_field.choices = [
            ("", _("Work to do")),
            ("all", _("All")),
            *[(value, label) for value, label in STATUS_LABELS.items()],
        ]
        category_field: Any = self.fields["category"]
        category_field.choices = [("", _("All")), *CATEGORY_LABELS.items()]
        unit_field: Any = self.fields["unit"]
        unit_field.choices = [("", _("All"))] + [(unit.code, unit_label(unit)) for unit in units]
        self.fields["from"] = DayField(label=_("From"), required=False, widget=forms.HiddenInput)
        self.fields["to"] = DayField(label=_("To"), required=False, widget=forms.HiddenInput)

    def date_problem(self) -> str:
        """What is wrong with the range of days (the command centre's links), for the reader;
        "" when nothing. The queue then shows without filters and says why (a 400)."""
        return date_errors(self, "from", "to")

    def filters(self) -> QueueFilters:
        """The filters to apply: the valid ones (a bad value is dropped, not an error page)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = self.units.get(data.get("unit") or "")
        return QueueFilters(
            status=data.get("status") or "",
            category=data.get("category") or "",
            urgent=bool(data.get("urgent")),
            overdue=bool(data.get("overdue")),
            unit_path=unit.path if unit else "",
            search=data.get("q") or "",
            older_than_days=int(data.get("age") or 0),
            unit_here=bool(data.get("here")) and unit is not None,
            date_from=data.get("from"),
            date_to=data.get("to"),
            dated_by=data.get("by") or "registered",
        )


class ActForm(forms.Form):
    to = forms.ChoiceField(choices=[(s.value, s.value) for s in OFFICER_ACTIONS])
    note = forms.CharField(required=False, max_length=NOTE_MAX)


class UnitForm(forms.Form):
    unit = forms.CharField(max_length=40)


class TransferForm(forms.Form):
    unit = forms.CharField(max_length=40)
    reason = forms.CharField(required=False, max_length=NOTE_MAX)


class NoteForm(forms.Form):
    text = forms.CharField(required=False, max_length=NOTE_MAX)
    public = forms.BooleanField(required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reopen", "reopen")])
    reason = forms.CharField(required=False, max_length=NOTE_MAX)


class MergeForm(forms.Form):
    into = forms.CharField(max_length=24)


class CaptureForm(forms.Form):
    url = forms.CharField(label=_("Address of the post on X"), required=False, max_length=300)
    text = forms.CharField(
        label=_("Text of the complaint"), required=False, max_length=10_000, widget=forms.Textarea
    )
    author_handle = forms.CharField(label=_("Handle"), required=False, max_length=64)
    author_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    author_location = forms.CharField(label=_("Place"), required=False, max_length=200)


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=NOTE_MAX)


def parse[F: forms.Form](form_class: type[F], request: HttpRequest) -> dict[str, Any]:
    """The form's cleaned data, or InvalidInput naming the first bad field."""
    form = form_class(request.POST)
    if not form.is_valid():
        field = next(iter(form.errors))
        raise InvalidInput(f"{field}: {form.errors[field][0]}", field="form")
    return form.cleaned_data


class ReplyForm(forms.Form):
    text = forms.CharField(required=False, max_length=NOTE_MAX)


class SecondFactorForm(forms.Form):
    """A code from the authenticator app or a recovery code (the service tells them apart)."""

    token = forms.CharField(label=_("Code"), max_length=32)
