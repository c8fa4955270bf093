"""What intake does with a triage decision (the deployment's policy, from settings). Pure.

- not a grievance → not registered; kept for HQ to look at;
- a grievance whose district confidence reaches SEVA_TRIAGE_AUTO_FORWARD_CONFIDENCE → registered
  straight to that district (Forwarded);
- any other grievance → registered at HQ (Open): HQ's triage queue;
- no UP place at all → also asked for the district and police station (Incomplete
  information, the "need place" reply);
- urgent → an alert event; HQ's queue lists urgent complaints first.

A submission filed on purpose (web form, REST API, Open311: `post.direct`) is always
registered, whatever triage thinks of the text; triage still gives its category and urgency. A
unit the citizen chose wins over the district triage found. Nobody can be asked for the place
of a submission afterwards (no thread to reply in), so one without a place goes to HQ's triage
queue (Open), not to Incomplete information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seva.channels.base import InboundPost
from seva.routing.detect.triage import TriageDecision

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@dataclass(frozen=True)
class IntakeDecision:
    register: bool
    why_not: str
    district: str | None
    auto_forward: bool
    need_place: bool
    urgent: bool
    category: str
    language: str
    unit_code: str = ""  # the unit the citizen chose (a submission): registered straight there


def language_of(post: InboundPost) -> str:
    """Reply in Hindi to Devanagari or to what X tags as Hindi; otherwise in English
    (Hinglish is written in Latin letters, and its writers read English replies). A submission
    names the language to answer in (the page's language) and that wins."""
    if post.direct is not None and post.language in ("hi", "en"):
        return post.language
    if _DEVANAGARI.search(post.text) or post.language == "hi":
        return "hi"
    return "en"


def intake_decide(
    post: InboundPost, decision: TriageDecision, *, auto_forward_confidence: float
) -> IntakeDecision:
    grievance = bool(decision.is_grievance.value)
    filed = post.direct is not None  # a person filed this as a complaint on purpose
    district = decision.district.district
    register = grievance or filed
    why_not = "" if register else "triage: not a grievance"
    unit_code = post.direct.unit_code if post.direct is not None else ""
    return IntakeDecision(
        register=register,
        why_not=why_not,
        district=district,
        auto_forward=bool(unit_code)
        or (bool(district) and decision.district.confidence >= auto_forward_confidence),
        need_place=register and not district and not filed,
        urgent=bool(decision.urgent.value),
        category=str(decision.category.value or "") if register else "",
        language=language_of(post),
        unit_code=unit_code,
    )
