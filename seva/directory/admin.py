"""Django admin for the directory. Administrators (the role, or a superuser) change it;
units are created and moved through the services so their paths stay right."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from seva.directory.access import access_roles
from seva.directory.models import (
    ALLOWED_PARENT_KINDS,
    Membership,
    PlaceName,
    Role,
    SocialHandle,
    Unit,
    UnitKind,
)
from seva.directory.services import unit_create, unit_move, unit_set_active


def is_administrator(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and (user.is_superuser or Role.ADMINISTRATOR in access_roles(user)))


class AdministratorOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Only administrators see and change the directory and the configuration tables."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)


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
class UnitAdmin(AdministratorOnly):
    form = UnitForm
    list_display = ["code", "name_en", "name_hi", "kind", "parent", "code_prefix", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_en", "name_hi"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]
    actions = ["deactivate", "activate"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A code is part of every path below it and of the complaint codes; it never changes.
        return [*self.readonly_fields, "code"] if obj else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: complaints and history point at units

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
        for unit in queryset:
            unit_set_active(unit=unit, is_active=False)
        messages.info(request, f"{queryset.count()} unit(s) deactivated")

    @admin.action(description="Reactivate the selected units")
    def activate(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        for unit in queryset:
            unit_set_active(unit=unit, is_active=True)


@admin.register(SocialHandle)
class SocialHandleAdmin(AdministratorOnly):
    list_display = ["handle", "platform", "unit", "is_monitored", "is_active"]
    list_filter = ["platform", "is_monitored", "is_active"]
    search_fields = ["handle", "unit__name_en"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(AdministratorOnly):
    list_display = ["user", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "unit__name_en", "unit__code"]
    autocomplete_fields = ["unit", "user"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]


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
class PlaceNameAdmin(AdministratorOnly):
    form = PlaceNameForm
    list_display = ["name", "district", "kind", "is_active", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "district__name_en", "district__name_hi"]
