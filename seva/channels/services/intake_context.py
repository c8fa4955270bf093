"""What intake knows about a post beyond its text, read once per batch: our own accounts and
handles, the districts' units, the gazetteer; and the evidence triage weighs with the text
(an author's earlier districts, the unit a citizen chose). Used by intake.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from seva.channels.base import InboundPost
from seva.channels.policy import IntakeDecision
from seva.complaints.models import Complaint
from seva.directory.models import SocialHandle, Unit, UnitKind
from seva.routing.detect.gazetteer import Gazetteer
from seva.routing.detect.triage import TriageDecision, triage
from seva.routing.directory_places import deployment_gazetteer

# The units a citizen may choose on a submission: the ones that work complaints on the ground.
CHOOSABLE_UNIT_KINDS = (UnitKind.DISTRICT, UnitKind.POLICE_STATION)


@dataclass(frozen=True)
class IntakeContext:
    """What every record of a batch needs from the database, read once per batch."""

    own_ids: frozenset[str]
    own_handles: frozenset[str]
    handle_districts: dict[str, str]
    district_units: dict[str, Unit]
    auto_forward_confidence: float
    gazetteer: Gazetteer


def intake_context() -> IntakeContext:
    handles = list(SocialHandle.objects.filter(is_active=True).select_related("unit"))
    districts = {u.name_en: u for u in Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True)}
    return IntakeContext(
        own_ids=frozenset(h.external_user_id for h in handles if h.external_user_id),
        own_handles=frozenset(h.handle for h in handles),
        handle_districts={
            h.handle: h.unit.name_en for h in handles if h.unit.kind == UnitKind.DISTRICT
        },
        district_units=districts,
        auto_forward_confidence=float(settings.SEVA_TRIAGE_AUTO_FORWARD_CONFIDENCE),
        gazetteer=deployment_gazetteer(),
    )


def earlier_districts(posts: list[InboundPost], context: IntakeContext) -> dict[str, list[str]]:
    """Each author's districts from their last complaints (one query for the batch)."""
    authors = {p.author_id for p in posts}
    if not authors:
        return {}
    rows = (
        Complaint.objects.filter(
            complainant__platform=posts[0].platform, complainant__external_user_id__in=authors
        )
        .exclude(unit__kind=UnitKind.STATE_HQ)
        .order_by("-registered_at")
        .values_list("complainant__external_user_id", "unit__path")
    )
    by_path = {unit.path: name for name, unit in context.district_units.items()}
    found: dict[str, list[str]] = {}
    for author, path in rows:
        names = found.setdefault(author, [])
        parts = path.strip("/").split("/")
        for depth in range(len(parts), 0, -1):
            name = by_path.get("/" + "/".join(parts[:depth]) + "/")
            if name and len(names) < 3:
                names.append(name)
                break
    return found


def chosen_units(posts: Iterable[InboundPost]) -> dict[str, Unit]:
    """The units the submissions among `posts` chose, by code (one query); a unit deactivated
    since the submission was checked is missing, and triage's district is used instead."""
    codes = {p.direct.unit_code for p in posts if p.direct is not None and p.direct.unit_code}
    if not codes:
        return {}
    units = Unit.objects.filter(code__in=codes, is_active=True, kind__in=CHOOSABLE_UNIT_KINDS)
    return {unit.code: unit for unit in units}


def target_unit(
    verdict: IntakeDecision,
    decision: TriageDecision,
    context: IntakeContext,
    chosen: dict[str, Unit],
) -> Unit | None:
    """Where a new complaint is registered: the unit the citizen chose, else the district
    triage is sure of, else None (state HQ)."""
    if verdict.unit_code in chosen:
        return chosen[verdict.unit_code]
    sure = decision.district.confidence >= context.auto_forward_confidence
    if verdict.auto_forward and (sure or not verdict.unit_code):
        return context.district_units.get(verdict.district or "")
    return None


def post_triage(
    post: InboundPost, context: IntakeContext, history: list[str] | None = None
) -> TriageDecision:
    """Triage with everything intake knows; `history` is the author's earlier districts when
    the caller read them for a whole batch."""
    text = post.text
    if post.place_name:
        text = f"{text}\n{post.place_name}"  # the place X attached is as good as words
    if history is None and post.direct is not None:
        history = []  # each submission is its own complainant: no history to read
    if history is None:
        history = earlier_districts([post], context).get(post.author_id, [])
    return triage(
        text=text,
        gazetteer=context.gazetteer,
        mentions=[m for m in post.mentions],
        author_location=post.author_location or None,
        handle_districts=context.handle_districts,
        earlier_districts=history,
    )
