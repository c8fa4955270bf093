"""Who may see what, and who may do what: the one place that answers.

A person's reach is the union of their active memberships: each role held at a unit reaches
that unit and its whole subtree. Every list and every action in Seva is scoped by these
functions, and listing and authorising share one definition (`complaint_scope_q`), so a
complaint that is missing from a list is also refused by id. "Missing" and "not yours" both
raise NotFound, so the answer does not reveal that a complaint exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from seva.core.errors import NotAllowed, NotFound
from seva.directory.models import Membership, Role, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from seva.complaints.models import Complaint

    AnyUser = User | AnonymousUser


class Action(StrEnum):
    VIEW = "view"
    FORWARD = "forward"  # send to a unit inside one's own subtree
    ACT = "act"  # In-process / Closed / Incomplete information
    REVIEW = "review"  # accept a closure or reopen it
    TRANSFER = "transfer"  # move to any other unit or department
    REJECT = "reject"  # not actionable
    MERGE = "merge"  # mark duplicate
    NOTE = "note"
    REPLY = "reply"
    CAPTURE = "capture"  # register a post by hand
    EXPORT = "export"
    ADMINISTER = "administer"


_READ = {Action.VIEW, Action.EXPORT}
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.HQ_OPERATOR: frozenset(
        _READ
        | {
            Action.FORWARD,
            Action.ACT,
            Action.TRANSFER,
            Action.REJECT,
            Action.MERGE,
            Action.NOTE,
            Action.REPLY,
            Action.CAPTURE,
        }
    ),
    Role.HQ_REVIEWER: frozenset(
        _READ
        | {
            Action.FORWARD,
            Action.REVIEW,
            Action.TRANSFER,
            Action.REJECT,
            Action.MERGE,
            Action.NOTE,
            Action.REPLY,
        }
    ),
    Role.SENIOR_OFFICER: frozenset(
        _READ | {Action.FORWARD, Action.ACT, Action.TRANSFER, Action.NOTE, Action.REPLY}
    ),
    Role.UNIT_OFFICER: frozenset(
        _READ | {Action.FORWARD, Action.ACT, Action.TRANSFER, Action.NOTE, Action.REPLY}
    ),
    Role.AUDITOR: frozenset(_READ),
    # Administrators run the system (org tree, people, templates); they do not work cases.
    Role.ADMINISTRATOR: frozenset(_READ | {Action.ADMINISTER}),
}


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    unit_path: str


def _is_active_person(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def access_grants(user: AnyUser | None) -> list[Grant]:
    """The person's active (role, unit) pairs; none for anonymous or deactivated people."""
    if not _is_active_person(user):
        return []
    cached: list[Grant] | None = getattr(user, "_seva_grants", None)
    if cached is not None:
        return cached
    assert user is not None
    assert not isinstance(user, AnonymousUser)
    rows = Membership.objects.filter(user=user, is_active=True, unit__is_active=True).values_list(
        "role", "unit__path"
    )
    grants = [Grant(role=Role(role), unit_path=path) for role, path in rows]
    # One query per request: the person object lives for one request or one service call.
    user._seva_grants = grants  # type: ignore[attr-defined]
    return grants


def forget_grants(user: AnyUser) -> None:
    """Drop the cached grants (after memberships change within the same request)."""
    if hasattr(user, "_seva_grants"):
        del user._seva_grants


def _paths_for(user: AnyUser | None, action: Action) -> list[str]:
    paths = {g.unit_path for g in access_grants(user) if action in ROLE_ACTIONS[g.role]}
    # A path inside another granted path adds nothing.
    return sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths))


def access_roles(user: AnyUser | None) -> set[Role]:
    return {g.role for g in access_grants(user)}


def access_can(user: AnyUser | None, action: Action, unit: Unit) -> bool:
    """May this person take `action` on something held by `unit`?"""
    return any(unit.path.startswith(path) for path in _paths_for(user, action))


def _path_q(field: str, paths: list[str]) -> Q:
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def unit_scope_q(user: AnyUser | None, action: Action = Action.VIEW) -> Q:
    """Filter for Unit querysets: the units where this person may take `action`."""
    return _path_q("path", _paths_for(user, action))


def complaint_scope_q(user: AnyUser | None, action: Action = Action.VIEW) -> Q:
    """Filter for Complaint querysets: those held by a unit in the person's reach.

    (An overdue complaint is escalated to its unit's parent, which already reaches it.)
    """
    return _path_q("unit__path", _paths_for(user, action))


def access_units(user: AnyUser | None, action: Action = Action.VIEW) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user, action))


def access_complaints(user: AnyUser | None, action: Action = Action.VIEW) -> QuerySet[Complaint]:
    from seva.complaints.models import Complaint

    return Complaint.objects.filter(complaint_scope_q(user, action))


def access_complaint(
    user: AnyUser | None, code: str, action: Action = Action.VIEW, *, for_update: bool = False
) -> Complaint:
    """The complaint with this code if the person may see it, checked for `action`.

    Raises NotFound when it is missing or outside the person's reach, and NotAllowed when the
    person sees it but their role does not allow `action` there.
    """
    from seva.complaints.models import Complaint

    queryset = Complaint.objects.select_related("unit").filter(
        complaint_scope_q(user, Action.VIEW), code=code
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    complaint = queryset.first()
    if complaint is None:
        raise NotFound(f"no complaint {code!r}")
    if action != Action.VIEW and not access_can(user, action, complaint.unit):
        raise NotAllowed(f"you may not {action} complaint {code}")
    return complaint


def access_unit(user: AnyUser | None, code: str, action: Action = Action.VIEW) -> Unit:
    """A unit the person may take `action` in (NotFound otherwise)."""
    unit = Unit.objects.filter(unit_scope_q(user, action), code=code).first()
    if unit is None:
        raise NotFound(f"no unit {code!r}")
    return unit


def access_require(user: AnyUser | None, action: Action, unit: Unit) -> None:
    if not access_can(user, action, unit):
        raise NotAllowed(f"you may not {action} at {unit.code}")


# -- Administration -------------------------------------------------------------------------
# An administrator runs the directory, people and channels of their unit's subtree, like every
# other role reaches its subtree. Global configuration (reply templates, SLA targets, place
# names that steer triage across districts, submitter keys, the system's own records) belongs
# to root administrators: those at a unit with no parent (the state HQ). A superuser, who can
# only be made on the server's command line (`createsuperuser`), administers everything; it is
# how the first administrator is appointed.

_EVERYTHING = "/"  # every path starts with it
# Roles whose work checks the districts' (HQ's triage and review of closures): only a root
# administrator grants them, so no district can appoint its own reviewer.
HQ_ROLES = frozenset({Role.HQ_OPERATOR, Role.HQ_REVIEWER})


def admin_paths(user: AnyUser | None) -> list[str]:
    """The subtrees this person administers (none for anyone else)."""
    if _is_active_person(user) and getattr(user, "is_superuser", False):
        return [_EVERYTHING]
    return _paths_for(user, Action.ADMINISTER)


def admin_is_root(user: AnyUser | None) -> bool:
    """Does this person administer a whole tree (and so its global configuration)?"""
    return any(path == _EVERYTHING or path.count("/") == 2 for path in admin_paths(user))


def admin_scope_q(user: AnyUser | None, field: str) -> Q:
    """Filter for rows held by a unit (`field` is the path to its `path`) in this person's
    administration. A root administrator also reaches rows held by no unit."""
    if admin_is_root(user):
        return Q()
    return _path_q(field, admin_paths(user))


def admin_units_changeable_q(user: AnyUser | None) -> Q:
    """Units this person may change: those strictly below a unit they administer. Their own
    unit (and everything above it) is changed by an administrator above them."""
    if admin_is_root(user):
        return Q()
    paths = admin_paths(user)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path) & ~Q(path=path)
    return q


def admin_people(user: AnyUser | None) -> QuerySet[User]:
    """The people this person may administer (edit, reset a password, grant roles to, issue a
    token for): those all of whose memberships, active or not, lie in their administration.
    Changing someone's password is acting as them, so a person with any membership outside
    that reach is out of reach. People with no membership at all are a root administrator's
    (an administrator below the root adds a person together with a role in reach).
    Superusers are reached by superusers alone, and another administrator only by an
    administrator above them."""
    from django.contrib.auth import get_user_model

    people: QuerySet[User] = get_user_model().objects.all()
    paths = admin_paths(user)
    if not paths:
        return people.none()
    within = _path_q("unit__path", paths)
    people = people.exclude(pk__in=Membership.objects.exclude(within).values("user_id"))
    if not admin_is_root(user):
        people = people.filter(pk__in=Membership.objects.filter(within).values("user_id"))
    if not getattr(user, "is_superuser", False):
        people = people.filter(is_superuser=False)
        # Another administrator's credentials are changed only from above: a peer at the same
        # unit (or a root administrator's fellow) could otherwise reset a password and a
        # second factor and act as them.
        above = Q()
        for path in paths:
            above |= Q(unit__path__startswith=path) & ~Q(unit__path=path)
        peers = Membership.objects.filter(role=Role.ADMINISTRATOR).exclude(above)
        others = peers.exclude(user_id=user.pk) if user is not None and user.pk else peers
        people = people.exclude(pk__in=others.values("user_id"))
    return people


def access_covers_person(actor: AnyUser | None, person: User) -> bool:
    """Is `person` the actor themself, or in the actor's administration (`admin_people`)?"""
    if not _is_active_person(actor):
        return False
    assert actor is not None
    return actor.pk == person.pk or admin_people(actor).filter(pk=person.pk).exists()


def access_may_act_for(actor: AnyUser | None, person: User) -> bool:
    """May `actor` hold a credential that acts as `person` (an API token)? Only the person
    themself, or an administrator whose reach covers all of the person's memberships; never
    for a deactivated person."""
    return person.is_active and access_covers_person(actor, person)


def access_membership_check(
    actor: AnyUser | None, *, person: User, unit: Unit, role: str, new_person: bool = False
) -> None:
    """May `actor` give `person` the `role` at `unit` (or change or withdraw it)?

    Raises NotAllowed when the unit lies outside the actor's administration, when the person
    is beyond it (`admin_people`; a person the actor is adding in the same form, `new_person`,
    holds nothing yet), when the role is an HQ role and the actor is not a root
    administrator, or when the person is the actor (nobody changes their own roles: another
    administrator does).
    """
    if not any(unit.path.startswith(path) for path in admin_paths(actor)):
        raise NotAllowed(f"you do not administer {unit.code}")
    assert actor is not None
    new_person = new_person or person.pk is None
    if person.pk is not None and person.pk == actor.pk:
        raise NotAllowed("another administrator changes your own roles")
    if not new_person and not admin_people(actor).filter(pk=person.pk).exists():
        raise NotAllowed(f"{person.get_username()} holds roles beyond your administration")
    if role in HQ_ROLES and not admin_is_root(actor):
        raise NotAllowed("only an administrator at the state HQ grants HQ roles")
