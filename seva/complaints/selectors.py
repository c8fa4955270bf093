"""Reads of complaints. Lists are scoped by `seva.directory.access`; these add what to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language

from seva.complaints.events import UNIT_KEYS, event_describe
from seva.complaints.models import Complaint, SensitiveCategory
from seva.directory.models import Unit
from seva.routing.detect.lexicon import SENSITIVE_CATEGORIES

# (platform, the platform's user id): a citizen as a channel knows them (`Complainant`).
Identity = tuple[str, str]


def complainant_identities(complaint_ids: Iterable[int]) -> dict[int, frozenset[Identity]]:
    """Who counts as the complainant of each complaint: its own complainant and the
    complainant of every complaint merged into it as a duplicate, at any depth (a citizen
    whose complaint was merged still follows their case on the main one). The only definition
    of "the complainant" for continuing a complaint: threading asks it, and
    `complaint_attach_followup` refuses anyone else. A query per level of merging, plus one."""
    root = {pk: pk for pk in complaint_ids}
    frontier = set(root)
    while frontier:
        rows = (
            Complaint.objects.filter(merged_into_id__in=frontier)
            .exclude(pk__in=list(root))
            .values_list("pk", "merged_into_id")
        )
        frontier = set()
        for pk, parent in rows:
            root[pk] = root[parent]
            frontier.add(pk)
    found: dict[int, set[Identity]] = {pk: set() for pk in set(root.values())}
    people = Complaint.objects.filter(pk__in=list(root)).values_list(
        "pk", "complainant__platform", "complainant__external_user_id"
    )
    for pk, platform, user_id in people:
        found[root[pk]].add((platform, user_id))
    return {pk: frozenset(identities) for pk, identities in found.items()}


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    type: str
    actor: str  # the person's user name, or "system"
    sentence: str


def complaint_timeline(complaint: Complaint) -> list[TimelineEntry]:
    """The complaint's history, oldest first, rendered from the event log in the active
    language (events store values; the words are made here)."""
    events = list(complaint.events.select_related("actor").order_by("at", "id"))
    names = _unit_names({e.data[key] for e in events for key in UNIT_KEYS if key in e.data})
    return [
        TimelineEntry(
            at=event.at,
            type=event.type,
            actor=event.actor.get_username() if event.actor else "system",
            sentence=event_describe(event, unit_names=names),
        )
        for event in events
    ]


def _unit_names(codes: set[str]) -> dict[str, str]:
    """Unit code → its name in the active language (one query; none when no unit is named)."""
    if not codes:
        return {}
    hindi = (get_language() or "en").startswith("hi")
    rows = Unit.objects.filter(code__in=codes).values_list("code", "name_en", "name_hi")
    return {code: (name_hi if hindi and name_hi else name_en) for code, name_en, name_hi in rows}


def sensitive_categories() -> frozenset[str]:
    """The categories whose complaints are never listed publicly: the built-in ones (women's
    safety, police conduct) and those administrators marked; "other" stands for complaints
    with no category or one the taxonomy does not know (one query)."""
    marked = SensitiveCategory.objects.values_list("category", flat=True)
    return frozenset({*SENSITIVE_CATEGORIES, *marked})
