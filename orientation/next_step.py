"""Where to go this week: the hosting mission locale's nearest site, or, without one, how to find one's
mission locale and the nearest France services. Every conversation ends with this block, and the fiche
de liaison carries it, so that a young person always leaves with a place to call or walk into.

Nothing here invents a contact: the mission locale comes from the deployment file (knowledge/deployment.py),
France services from the « places » table (knowledge/places/france_services.py). This module decides what the
block holds; its sentences are in orientation/place_wording.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, List, Optional, Sequence

from knowledge.deployment import MissionLocale, Site, current_deployment
from orientation import place_wording as wording
from orientation.place_wording import FIND_MISSION_LOCALE
from orientation.voice import VOUS, in_voice, of_person

# Missions locales serve people aged 16 to 25: past that age, neither the hosting one nor « find yours ».
MISSION_LOCALE_AGES = (16, 25)
FRANCE_SERVICES_MAX = 2


@dataclass(frozen=True)
class NextStep:
    """The block's parts, for the text (bot, CLI, fiche) and for the web chat."""

    mission_locale: Optional[MissionLocale]  # the hosting one, when the person lives in its territory
    site: Optional[Site]
    site_km: Optional[float]
    france_services: Sequence[Any]  # knowledge.places.france_services.Place
    code_insee: Optional[str] = None
    mission_locale_age: bool = True  # False when the person is known to be outside 16-25


def _distance(a: Optional[str], b: str) -> Optional[float]:
    if not a:
        return None
    try:  # owned by the « places » work; absent until it lands
        from knowledge.places.distance import distance_km
    except ImportError:  # pragma: no cover - depends on the merge order
        return None
    return distance_km(a, b)


def _nearest_france_services(code_insee: Optional[str], limit: int) -> Sequence[Any]:
    if not code_insee:
        return ()
    try:
        from knowledge.places.france_services import nearest
    except ImportError:  # pragma: no cover - depends on the merge order
        return ()
    return tuple(nearest(code_insee, limit=limit))


def next_step(
    code_insee: Optional[str],
    deployment: Optional[MissionLocale] = None,
    use_current: bool = True,
    france_services: Any = None,
    age: Optional[int] = None,
) -> NextStep:
    """The block for a person living in `code_insee` (None when unknown), aged `age` (None when unknown).

    `deployment` defaults to $AIGUILLAGE_DEPLOYMENT (use_current=False to ignore it); `france_services`
    (a function like `nearest`) is for tests.
    """
    young = age is None or MISSION_LOCALE_AGES[0] <= age <= MISSION_LOCALE_AGES[1]
    hosting = deployment if deployment is not None else (current_deployment() if use_current else None)
    if young and hosting is not None and hosting.serves(code_insee):
        site = hosting.nearest_site(code_insee)
        return NextStep(hosting, site, _distance(code_insee, site.code_insee), (), code_insee)
    if france_services is not None:
        places = tuple(france_services(code_insee, limit=FRANCE_SERVICES_MAX)) if code_insee else ()
    else:
        places = _nearest_france_services(code_insee, FRANCE_SERVICES_MAX)
    return NextStep(None, None, None, places, code_insee, young)


def networks_besides(step: NextStep, networks: Sequence[Any]) -> List[Any]:
    """The standing networks to list beside the block: the mission locale's own line would say twice how
    to reach it when the block already names it (the hosting one, or how to find one's own)."""
    return [
        ns
        for ns in networks
        if not (ns.network.id == "mission-locale" and (step.mission_locale or step.mission_locale_age))
    ]


# --------------------------------------------------------------------------- text


def next_step_text(step: NextStep, today: Optional[date] = None, voice: str = VOUS) -> str:
    """The closing message of a conversation; `today` defaults to the day where the person lives. Said in
    `voice`; to a conseiller (PERSONNE), without how to find one's mission locale: a conseiller knows it."""
    return in_voice(_next_step_text(step, today, voice), voice)


def _next_step_text(step: NextStep, today: Optional[date], voice: str) -> str:
    today = today or _local_today(step.code_insee)
    if step.site is not None:
        assert step.mission_locale is not None
        return "\n".join(wording.site_lines(step.mission_locale.nom, step.site, step.site_km, today))
    lines = [FIND_MISSION_LOCALE] if step.mission_locale_age and not of_person(voice) else []
    if step.france_services and all(hasattr(p, "horaires_le") for p in step.france_services):
        lines.append(wording.places_text(step.france_services, today))  # sites read from the ANCT table
    elif step.france_services:  # places without the ANCT table's day-by-day hours (a caller's own list)
        lines.extend(wording.plain_places_lines(step.france_services, today))
    else:  # no commune yet, or no site known near it
        lines.append(wording.no_place_text(step.code_insee) if step.code_insee else wording.NO_COMMUNE)
    return "\n".join(lines)


def _local_today(code_insee: Optional[str]) -> date:
    """Mayotte or Polynésie may already (or still) be another day than Paris."""
    try:
        from knowledge.places.france_services import local_today
    except ImportError:  # pragma: no cover - before the « places » work is merged
        return date.today()
    return local_today(code_insee)


def addressee_lines(step: NextStep) -> List[str]:
    """The fiche's « À l'attention de » lines: the hosting mission locale's site, or any mission locale."""
    if step.site is None or step.mission_locale is None:
        if not step.mission_locale_age:
            return [wording.NO_MISSION_LOCALE_ADDRESSEE]
        return [wording.ANY_MISSION_LOCALE_ADDRESSEE]
    return wording.site_addressee_lines(step.mission_locale.nom, step.site)
