"""Our services: the triage categories (seva.routing) as Open311 service types.

`service_code` is the category value stored on complaints; a complaint without a category is
served as "other". Every service takes one optional attribute, `unit`: the district where it
happened, a single-value list of the active districts (the spec's service definition).
"""

from __future__ import annotations

from dataclasses import dataclass

from seva.directory.models import Unit, UnitKind
from seva.routing.detect.lexicon import CATEGORY_PRIORITY


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    keywords: str


_WORDS: dict[str, tuple[str, str, str]] = {
    "missing_kidnapping": (
        "Missing person or kidnapping",
        "A person is missing, or has been taken away.",
        "missing, kidnapping, abduction, lapata",
    ),
    "women_safety": (
        "Women's safety",
        "Harassment, stalking, eve-teasing or any threat to a woman's safety.",
        "harassment, stalking, eve-teasing, molestation",
    ),
    "cyber_fraud": (
        "Cyber fraud",
        "Online or phone fraud: UPI, OTP, bank, social-media accounts.",
        "fraud, UPI, OTP, online, thagi",
    ),
    "assault_violence": (
        "Assault or violence",
        "Someone was beaten, threatened or attacked.",
        "assault, fight, maarpeet, threat",
    ),
    "theft_robbery": (
        "Theft or robbery",
        "Something was stolen or snatched.",
        "theft, chori, robbery, snatching",
    ),
    "land_property": (
        "Land or property",
        "Encroachment, illegal possession or a property dispute.",
        "land, kabza, encroachment, property",
    ),
    "illegal_activity": (
        "Illegal activity",
        "Illegal liquor, gambling, drugs or other illegal trade.",
        "liquor, gambling, drugs, sharab",
    ),
    "noise_nuisance": (
        "Noise or nuisance",
        "Loudspeakers, DJ noise, public nuisance.",
        "noise, DJ, loudspeaker, nuisance",
    ),
    "traffic_road": (
        "Traffic and roads",
        "Traffic jams, wrong parking, rash driving, road safety.",
        "traffic, jam, parking, challan",
    ),
    "police_conduct": (
        "Police conduct",
        "Police did not act, asked for a bribe or behaved badly.",
        "police, FIR, bribe, thana",
    ),
    "other": ("Other", "Any other complaint for the police.", "complaint, shikayat"),
}
assert set(_WORDS) == {*CATEGORY_PRIORITY, "other"}, "a triage category has no service"

SERVICES: dict[str, Service] = {
    code: Service(code, *_WORDS[code]) for code in (*CATEGORY_PRIORITY, "other")
}
GROUP = "police"
UNIT_ATTRIBUTE = "unit"


def service_code_of(category: str) -> str:
    return category if category in SERVICES else "other"


def district_choices() -> list[tuple[str, str]]:
    """(code, name) of the active districts, for the `unit` attribute."""
    return list(
        Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True)
        .order_by("name_en")
        .values_list("code", "name_en")
    )
