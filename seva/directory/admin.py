"""Django admin for the directory: units, handles, memberships, people and place names.

Administrators run their unit's subtree (seva.directory.adminsite); units are created and
moved through the services so their paths stay right, and memberships are saved through
`membership_save`, which checks the administrator's reach and audits the change.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from seva.core.errors import NotAllowed
from seva.directory.access import (
    access_membership_check,
    admin_is_root,
    admin_people,
    admin_units_changeable_q,
)
from seva.directory.adminsite import SevaInline, SevaModelAdmin, form_for_actor
from seva.directory.models import (
    ALLOWED_PARENT_KINDS,
    AuditRecord,
    Membership,
    PlaceName,
    SocialHandle,
    Unit,
    UnitKind,
)
from seva.directory.services import membership_save, unit_create, unit_move, unit_set_active


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    """Checks the tree rules up front so a bad placement is a form error, not a server error
    from the service."""

    class Meta:
        model = Unit
        fields = [
            "kind",
            "code",
            "name_en",
            "name_hi",
            "parent",
            "code_prefix",
            "lgd_code",
            "aliases",
            "attributes",
            "is_active",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, parent = data.get("kind"), data.get("parent")
        allowed = ALLOWED_PARENT_KINDS.get(kind or "", set())
        if kind and parent is None and allowed:
            self.add_error("parent", f"a {kind} needs a parent unit")
        elif kind and parent is not None and parent.kind not in allowed:
            self.add_error("parent", f"a {kind} cannot sit under a {parent.kind}")
        elif parent is not None and self.instance.pk and parent.is_within(self.instance):
            self.add_error("parent", "a unit cannot move under itself")
        code = data.get("code")
        if code is not None and (not code.strip() or "/" in code or " " in code.strip()):
            self.add_error("code", "a unit code is one word without '/'")
        return data


@admin.register(Unit)
class UnitAdmin(SevaModelAdmin):
    form = UnitForm
    unit_path = "path"
    list_display = ["code", "name_en", "name_hi", "kind", "parent", "code_prefix", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_en", "name_hi"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]
    actions = ["deactivate", "activate"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(self.readonly_fields)
        # A code is part of every path below it and of the complaint codes; it never changes.
        if obj:
            fields.append("code")
        # Complaint-code prefixes and LGD codes identify units across the state.
        if not admin_is_root(request.user):
            fields += ["code_prefix", "lgd_code"]
        return fields

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change, **kwargs)
        if "parent" in form.base_fields and not admin_is_root(request.user):
            form.base_fields["parent"].required = True  # a new tree is the root's to start
        return form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not self.may_change(request):
            return False
        return obj is None or self._changeable(request).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: complaints and history point at units

    def _changeable(self, request: HttpRequest) -> QuerySet[Unit]:
        return self.get_queryset(request).filter(admin_units_changeable_q(request.user))

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        if not change:
            created = unit_create(
                kind=obj.kind,
                code=obj.code,
                name_en=obj.name_en,
                name_hi=obj.name_hi,
                parent=obj.parent,
                code_prefix=obj.code_prefix,
                lgd_code=obj.lgd_code,
                aliases=obj.aliases,
                attributes=obj.attributes,
            )
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            return
        fields = [name for name in form.changed_data if name != "parent"]
        if fields:
            obj.save(update_fields=[*fields, "updated_at"])
        if "parent" in form.changed_data and obj.parent is not None:
            unit_move(unit=obj, parent=obj.parent)  # rewrites the subtree's paths

    @admin.action(description="Deactivate the selected units")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        units = list(queryset.filter(admin_units_changeable_q(request.user)))
        for unit in units:
            unit_set_active(unit=unit, is_active=False)
        messages.info(request, f"{len(units)} unit(s) deactivated")

    @admin.action(description="Reactivate the selected units")
    def activate(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        units = list(queryset.filter(admin_units_changeable_q(request.user)))
        for unit in units:
            unit_set_active(unit=unit, is_active=True)
        messages.info(request, f"{len(units)} unit(s) reactivated")


@admin.register(SocialHandle)
class SocialHandleAdmin(SevaModelAdmin):
    unit_path = "unit__path"
    list_display = ["handle", "platform", "unit", "is_monitored", "is_active"]
    list_filter = ["platform", "is_monitored", "is_active"]
    search_fields = ["handle", "unit__name_en"]
    autocomplete_fields = ["unit"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Which accounts Seva operates and reads is the channels' configuration: root only.
        return [] if admin_is_root(request.user) else ["is_monitored"]


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    """Refuses, as a form error, a membership the administrator may not give
    (`access_membership_check`; `membership_save` checks again)."""

    actor: User | None = None  # set per request by the admin

    class Meta:
        model = Membership
        fields = ["user", "unit", "role", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = data.get("user") or (self.instance.user if self.instance.user_id else User())
        unit, role = data.get("unit"), data.get("role")
        if unit is None or not role:
            return data
        try:
            if self.instance.pk:
                before = Membership.objects.select_related("user", "unit").get(pk=self.instance.pk)
                access_membership_check(
                    self.actor, person=before.user, unit=before.unit, role=before.role
                )
            access_membership_check(self.actor, person=person, unit=unit, role=role)
        except NotAllowed as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


@admin.register(Membership)
class MembershipAdmin(SevaModelAdmin):
    form = MembershipForm
    unit_path = "unit__path"
    list_display = ["user", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "unit__name_en", "unit__code"]
    autocomplete_fields = ["unit", "user"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        return form_for_actor(super().get_form(request, obj, change, **kwargs), request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # withdraw instead (untick active): the record of who held what stays

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        membership_save(actor=cast(User, request.user), membership=obj)


class MembershipInline(SevaInline):
    model = Membership
    form = MembershipForm
    extra = 0
    can_delete = False
    autocomplete_fields = ["unit"]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        # Below the root, a new person comes with a role in reach (else they would be the
        # root's alone, and out of the administrator's sight at once).
        if obj is None and not admin_is_root(request.user):
            kwargs.update(min_num=1, validate_min=True)
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = form_for_actor(formset.form, request)
        return formset


# Seva's rights come from memberships; Django's groups and permissions are not used.
admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(SevaModelAdmin, UserAdmin):  # type: ignore[type-arg]
    """People whose every membership lies in the administrator's reach (`admin_people`).
    `is_staff` follows the memberships and superusers are made on the command line, so
    neither is edited here; Seva's rights come from memberships, not Django's permissions."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    readonly_fields = ["is_staff", "last_login", "date_joined"]

    scoped = True

    def reach_q(self, request: HttpRequest) -> Q:
        return Q(pk__in=admin_people(request.user).values("pk"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: events and audit records name people

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        for membership in formset.save(commit=False):
            # `change` False: the person was created by this administrator in this form.
            membership_save(
                actor=cast(User, request.user), membership=membership, new_person=not change
            )


class PlaceNameForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlaceName
        fields = ["name", "district", "kind", "note", "is_active"]

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("A place name needs letters.")
        return name

    def clean_district(self) -> Unit:
        district: Unit = self.cleaned_data["district"]
        if district.kind != UnitKind.DISTRICT:
            raise forms.ValidationError("Choose a district.")
        return district


@admin.register(PlaceName)
class PlaceNameAdmin(SevaModelAdmin):
    """Global configuration: a place name steers triage for the whole state (a name given to
    the wrong district would draw another district's complaints), so root administrators
    change them."""

    form = PlaceNameForm
    list_display = ["name", "district", "kind", "is_active", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "district__name_en", "district__name_hi"]


@admin.register(AuditRecord)
class AuditRecordAdmin(SevaModelAdmin):
    """Who issued or revoked tokens and granted or withdrew roles. Append-only."""

    root_only = True
    read_only = True
    list_display = ["at", "type", "actor", "person", "data"]
    list_filter = ["type"]
    search_fields = ["actor__username", "person__username"]
    list_select_related = ["actor", "person"]
    date_hierarchy = "at"
