"""The org directory: units in a tree, social handles mapped to units, and memberships.

A unit's `path` is the chain of codes from the root (``/UP/R-AGRA/D-118/``), so "this unit and
everything under it" is one indexed prefix query. Codes never change after creation, so a path
only changes when a unit moves, and `unit_move` rewrites the subtree in one statement.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from seva.core.models import TimestampedModel


class UnitKind(models.TextChoices):
    STATE_HQ = "state_hq", "State HQ"
    ZONE = "zone", "Zone"
    RANGE = "range", "Range"
    DISTRICT = "district", "District"
    POLICE_STATION = "police_station", "Police station"
    DEPARTMENT = "department", "Department"
    OFFICE = "office", "Office"


# Which kinds may sit directly under which. Police: HQ → zone → range → district → station
# (zones are optional: a range may sit under HQ). Departments: HQ → department → office(s).
ALLOWED_PARENT_KINDS: dict[str, set[str]] = {
    UnitKind.STATE_HQ: set(),
    UnitKind.ZONE: {UnitKind.STATE_HQ},
    UnitKind.RANGE: {UnitKind.STATE_HQ, UnitKind.ZONE},
    UnitKind.DISTRICT: {UnitKind.STATE_HQ, UnitKind.ZONE, UnitKind.RANGE},
    UnitKind.POLICE_STATION: {UnitKind.DISTRICT},
    UnitKind.DEPARTMENT: {UnitKind.STATE_HQ},
    UnitKind.OFFICE: {UnitKind.DEPARTMENT, UnitKind.OFFICE},
}


class Unit(TimestampedModel):
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    code = models.CharField(
        max_length=40, unique=True, help_text="Stable identifier; never changes after creation."
    )
    name_en = models.CharField("name (English)", max_length=120)
    name_hi = models.CharField("name (Hindi)", max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=512, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Prefix of the complaint codes registered for this unit (districts, state HQ). Letters and
    # digits from the code alphabet only; see seva/complaints/codes.py.
    code_prefix = models.CharField(max_length=4, blank=True)
    lgd_code = models.PositiveIntegerField(
        "LGD code", null=True, blank=True, unique=True, help_text="Local Government Directory code"
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names, Latin and Devanagari"
    )
    attributes = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "is_active"])]

    def __str__(self) -> str:
        return self.name_en

    def is_within(self, ancestor: Unit) -> bool:
        """True when this unit is `ancestor` or sits anywhere below it."""
        return self.path.startswith(ancestor.path)


class Platform(models.TextChoices):
    X = "x", "X (Twitter)"
    WEB = "web", "Web form"
    MANUAL = "manual", "Manual capture"
    API = "api", "API"
    OPEN311 = "open311", "Open311"


class SocialHandle(TimestampedModel):
    """An account on a platform that speaks for a unit (``@Uppolice`` → state HQ)."""

    platform = models.CharField(max_length=20, choices=Platform.choices, default=Platform.X)
    handle = models.CharField(max_length=50, help_text="Without @, stored lower-case")
    external_user_id = models.CharField(max_length=40, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="handles")
    # Accounts we operate and poll (mentions/DMs); others are only mapped for routing.
    is_monitored = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="uniq_handle_per_platform")
        ]
        ordering = ["platform", "handle"]

    def __str__(self) -> str:
        return f"@{self.handle} ({self.platform})"


class Role(models.TextChoices):
    HQ_OPERATOR = "hq_operator", "HQ operator"
    HQ_REVIEWER = "hq_reviewer", "HQ reviewer"
    SENIOR_OFFICER = "senior_officer", "Senior officer"
    UNIT_OFFICER = "unit_officer", "Unit officer"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


class Membership(TimestampedModel):
    """A person holds a role at a unit; the role reaches the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"


class PlaceNameKind(models.TextChoices):
    LOCALITY = "locality", "Locality, market, crossing or sector"
    ALIAS = "alias", "Another name or spelling of the district"
    TOWN = "town", "Town or village"


class PlaceName(TimestampedModel):
    """A place name officers know that no official list has (a market, a crossing, a colony,
    a local spelling), pointing at its district. Triage's gazetteer adds these to the shipped
    places (seva.routing.directory_places), so administrators teach it without a release."""

    name = models.CharField(max_length=120, help_text="As citizens write it, Latin or Devanagari")
    district = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="place_names",
        limit_choices_to={"kind": UnitKind.DISTRICT},
    )
    kind = models.CharField(
        max_length=20, choices=PlaceNameKind.choices, default=PlaceNameKind.LOCALITY
    )
    note = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "district"], name="uniq_place_name")]

    def __str__(self) -> str:
        return f"{self.name} → {self.district.name_en}"


class AuditAppendOnlyError(RuntimeError):
    pass


class AuditRecord(models.Model):
    """Who changed whose access, when: tokens issued and revoked, roles granted and withdrawn.

    Append-only like the complaint event log: `type` is a stable dotted name
    (`token.issued`), `data` holds machine values. Written by `seva.directory.audit` only.
    """

    type = models.CharField(max_length=40)
    # None: the server's own command line (whoever runs manage.py there holds the database).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whose access changed: the token's person, the member.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["type", "at"]), models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.type} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditAppendOnlyError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditAppendOnlyError("audit records are append-only")
