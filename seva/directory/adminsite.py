"""The admin site and the base of every admin page: who may enter, which rows each
administrator reaches, and which query parameters a list accepts.

- Entry: only people who administer something (`seva.directory.access.admin_paths`): an
  active administrator membership, or a superuser made on the command line, signed in at the
  desk with their second factor (django-otp verifies the session). `is_staff` is not
  consulted; it mirrors the memberships (`person_staff_sync`).
- Rows: every list, change form, foreign-key choice and action is scoped by `admin_scope_q`,
  the administrator's subtree. Global configuration is seen by every administrator and changed
  by root administrators (at the state HQ) only; system records are root-only.
- Lists accept only their declared filters (`list_filter`), search, the date hierarchy,
  ordering and pagination. Any other lookup in the query string (`?text__regex=…`, which runs
  a regular expression of the caller's choosing over every row) is refused with 400.

Every ModelAdmin on the site gets these rules: ours subclass `SevaModelAdmin`, and the site
mixes it into any other app's admin on registration (root-only and read-only there).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite

from seva.directory.access import admin_is_root, admin_paths, admin_scope_q


class DisallowedLookup(DisallowedModelAdminLookup):
    """A SuspiciousOperation: Django answers 400 and logs it to `django.security`."""


class DeclaredFiltersChangeList(ChangeList):
    """A changelist that filters only through what its ModelAdmin declares.

    Django lets any lookup on a model's own fields through the query string; this refuses
    every parameter that no declared list filter or the date hierarchy consumed.
    """

    def get_filters(self, request: HttpRequest) -> Any:
        given = set(self.get_filters_params())
        specs, has_filters, remaining, duplicates, active = super().get_filters(request)
        generated: set[str] = set()
        hierarchy = self.date_hierarchy
        if hierarchy and f"{hierarchy}__year" in given:
            # Django turns the hierarchy's year/month/day into this bounded range.
            generated = {f"{hierarchy}__gte", f"{hierarchy}__lt"}
        undeclared = sorted(set(remaining) - generated)
        if undeclared:
            raise DisallowedLookup(f"filtering by {', '.join(undeclared)} is not offered here")
        return specs, has_filters, remaining, duplicates, active


def _scoped_field_queryset(
    admin_obj: admin.options.BaseModelAdmin,  # type: ignore[type-arg]
    db: str | None,
    db_field: Any,
    request: HttpRequest,
) -> QuerySet[Any]:
    """The choices of a foreign key: what the related model's own admin shows this person,
    or nothing when that model has no admin page (fail closed)."""
    model = db_field.remote_field.model
    if not admin_obj.admin_site.is_registered(model):
        return model._default_manager.none()  # type: ignore[no-any-return]
    related = admin_obj.admin_site.get_model_admin(model)
    queryset: QuerySet[Any] = related.get_queryset(request)
    if db:
        queryset = queryset.using(db)
    ordering = related.get_ordering(request)
    return queryset.order_by(*ordering) if ordering else queryset


class SevaModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The base of every admin page.

    `unit_path` names the path of the unit that holds a row (`"unit__path"`): administrators
    reach the rows held in their subtree (`scoped` with `reach_q` overridden: reached another
    way). Neither marks global configuration: every administrator reads it, only a root
    administrator changes it. `root_only` hides a table
    from everyone but root administrators; `read_only` refuses add, change and delete (rows
    kept by the services).
    """

    unit_path: str | None = None
    # Rows reached another way (`reach_q` overridden): not global configuration.
    scoped: bool = False
    root_only: bool = False
    read_only: bool = False

    def is_global(self) -> bool:
        return self.unit_path is None and not self.scoped

    # -- rows ---------------------------------------------------------------------------
    def reach_q(self, request: HttpRequest) -> Q:
        if self.unit_path is None:
            return Q() if self.may_enter(request) else Q(pk__in=[])
        return admin_scope_q(request.user, self.unit_path)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(self.reach_q(request))

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # Missing and out of reach are the same answer: 404.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    def get_field_queryset(self, db: Any, db_field: Any, request: Any) -> QuerySet[Any]:
        return _scoped_field_queryset(self, db, db_field, request)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return DeclaredFiltersChangeList

    # -- permissions --------------------------------------------------------------------
    def may_enter(self, request: HttpRequest) -> bool:
        if self.root_only:
            return admin_is_root(request.user)
        return bool(admin_paths(request.user))

    def may_change(self, request: HttpRequest) -> bool:
        if self.read_only or not self.may_enter(request):
            return False
        return not self.is_global() or admin_is_root(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may_enter(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_enter(request)  # an object was fetched through get_queryset

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.may_change(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_change(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_change(request)


def form_for_actor[F: BaseForm](form: type[F], request: HttpRequest) -> type[F]:
    """The form class, bound to the person using it (forms that check what they may give)."""
    return type(form.__name__, (form,), {"actor": request.user})


class SevaInline(admin.TabularInline):  # type: ignore[type-arg]
    """Rows shown inside another admin's page (reached through that page's object); foreign
    keys are chosen through the related admins too."""

    read_only: bool = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(admin_paths(request.user))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.read_only and bool(admin_paths(request.user))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.read_only and bool(admin_paths(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.read_only and self.can_delete and bool(admin_paths(request.user))

    def get_field_queryset(self, db: Any, db_field: Any, request: Any) -> QuerySet[Any]:
        return _scoped_field_queryset(self, db, db_field, request)


class SevaAdminSite(OTPAdminSite):  # type: ignore[misc]
    """Entry for people who administer something (whatever `is_staff` says) whose session was
    verified by a second factor (django-otp). The admin has no sign-in form of its own: its
    sign-in page sends people to the desk's, so there is one sign-in, with one lockout and one
    second factor."""

    site_header = "Seva administration"
    site_title = "Seva"

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)()  # set by OTPMiddleware
        return bool(user.is_active and admin_paths(user) and verified)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.user.is_authenticated:
            # Signed in (with the second factor: the desk's middleware ends any other session
            # of someone who needs one) but not an administrator: the admin is not theirs.
            raise PermissionDenied("the admin is for administrators")
        wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
        safe = url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect_to_login(wanted if safe else reverse("admin:index"))

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        # Another app's admin (Django's groups, the task results) gets the same rules: declared
        # filters only, root administrators only, read-only.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SevaModelAdmin):
            admin_class = type(
                admin_class.__name__,
                (SevaModelAdmin, admin_class),
                {"root_only": True, "read_only": True, "__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)
