"""The web complaint form: what the citizen types, checked with messages in their language.

The form checks shape (required, lengths, choices, numbers); `submission_intake` checks the
rest (phone format, Unicode, the unit still active) and its InvalidInput is turned back into a
field error here, in the citizen's language (`add_intake_error`).
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from seva.channels.direct import MAX_NAME, MAX_TEXT, Submission
from seva.core.errors import InvalidInput
from seva.public.selectors import Choice, choosable_districts, choosable_stations

_REF = re.compile(r"^[0-9a-f]{32}$")
_REF_SALT = "seva.public.complain.ref"
# A form older than this is refused (its token could have been collected long ago by a robot);
# two days leave a citizen plenty of time to write.
REF_MAX_AGE = 2 * 24 * 60 * 60

# submission_intake's field names → this form's fields, and what to tell the citizen.
_INTAKE_FIELDS: dict[str, tuple[str | None, Any]] = {
    "text": ("text", _("This text cannot be accepted: remove unusual characters and try again.")),
    "unit_code": ("district", _("Choose your district again: that unit is not available.")),
    "name": ("name", _("This name cannot be accepted.")),
    "phone": ("phone", _("Enter a mobile number of 10 to 15 digits, e.g. 98765 43210.")),
    "email": ("email", _("Enter a valid email address.")),
    "latitude": (None, _("Your location could not be read; send the complaint without it.")),
    "longitude": (None, _("Your location could not be read; send the complaint without it.")),
}


def choice_label(choice: Choice) -> str:
    """Both names, the page's language first, so a citizen finds the place either way."""
    if choice.name_hi == choice.name_en:
        return choice.name_en
    if (get_language() or "").startswith("hi"):
        return f"{choice.name_hi} ({choice.name_en})"
    return f"{choice.name_en} ({choice.name_hi})"


def new_ref() -> str:
    """The form's token: a random id, used as the submission's client_ref, so a double click
    or a reload gives the same complaint, not two; signed with the time the form was made, so
    a robot must fetch the form first and wait SEVA_COMPLAIN_MIN_SECONDS before sending."""
    return signing.dumps({"ref": uuid.uuid4().hex, "at": int(time.time())}, salt=_REF_SALT)


def ref_is_fresh(token: str) -> bool:
    """Whether a token is ours and not expired (too early is still fresh: just wait)."""
    try:
        signing.loads(token, salt=_REF_SALT, max_age=REF_MAX_AGE)
    except signing.BadSignature:
        return False
    return True


class DistrictSelect(forms.Select):
    """A select whose options carry the district's other names (`data-aliases`), so the
    form's search box finds Prayagraj by "Allahabad" too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aliases: dict[str, str] = {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        aliases = self.aliases.get(str(option["value"]))
        if aliases:
            option["attrs"]["data-aliases"] = aliases
        return option


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("Your complaint"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT}),
        help_text=_("What happened, where and when. Up to 5,000 characters."),
    )
    district = forms.ChoiceField(label=_("District"), widget=DistrictSelect)
    station = forms.ChoiceField(label=_("Police station (if you know it)"), required=False)
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        # Django's own catalogue has "Email" too, and wins over an app listed after it.
        label=pgettext_lazy("complaint form", "Email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    # Honeypot: hidden from people by the stylesheet; a robot filling every field fills it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    ref = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = choosable_districts()
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ChoiceField)
        district_field.choices = [
            ("", _("Choose your district")),
            *((d.code, choice_label(d)) for d in districts),
        ]
        widget = district_field.widget
        assert isinstance(widget, DistrictSelect)
        widget.aliases = {d.code: " ".join(d.aliases) for d in districts if d.aliases}
        station_field = self.fields["station"]
        assert isinstance(station_field, forms.ChoiceField)
        station_field.choices = [
            ("", _("I don't know")),
            *((s.code, choice_label(s)) for s in choosable_stations(self.chosen_district())),
        ]

    def chosen_district(self) -> str:
        source = self.data if self.is_bound else self.initial
        value = source.get("district", "")
        return value if isinstance(value, str) else ""

    @property
    def is_spam(self) -> bool:
        """A filled honeypot (read before any other check)."""
        return bool(str(self.data.get("website", "")).strip())

    def clean_ref(self) -> str:
        """The token's random id, once the token is checked: ours, not expired, and the form
        shown at least SEVA_COMPLAIN_MIN_SECONDS ago (a person takes longer to write)."""
        try:
            value = signing.loads(self.cleaned_data["ref"], salt=_REF_SALT, max_age=REF_MAX_AGE)
        except signing.BadSignature as exc:  # expired, tampered with, or made up
            raise forms.ValidationError(_("This form is out of date: press Send again.")) from exc
        ref = value.get("ref") if isinstance(value, dict) else None
        at = value.get("at") if isinstance(value, dict) else None
        if not isinstance(ref, str) or not _REF.match(ref) or not isinstance(at, int):
            raise forms.ValidationError(_("This form is out of date: press Send again."))
        if time.time() - at < int(settings.SEVA_COMPLAIN_MIN_SECONDS):
            raise forms.ValidationError(
                _("That was very quick: check your complaint, then press Send again.")
            )
        return ref

    def submission(self, *, language: str) -> Submission:
        data = self.cleaned_data
        return Submission(
            platform="web",
            text=data["text"],
            unit_code=data["station"] or data["district"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            language="hi" if language.startswith("hi") else "en",
            submitter="form",
            client_ref=data["ref"],
        )

    def add_intake_error(self, error: InvalidInput) -> None:
        field, message = _INTAKE_FIELDS.get(error.field or "", (None, None))
        self.add_error(field, message or _("The complaint could not be accepted. Try again."))
