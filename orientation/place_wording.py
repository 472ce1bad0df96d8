"""The French sentences that present the places to go: France services sites, and the next step's block
(the hosting mission locale's site, or how to find one's own; orientation/next_step.py decides which).

Short, phone-sized, vouvoiement. Nothing here is invented: every address, phone number and
hour comes from the ANCT table, and each block says where it comes from (« données France
services, août 2024 »). Used by the bot (actions/recommend.py) and the conseillers' CLI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional, Sequence

from knowledge import geo
from knowledge.deployment import WEEKDAYS, Site
from knowledge.places import france_services
from knowledge.places.france_services import DAYS, DayHours, Place
from knowledge.places.hours import day_text, hours_phrase, time_text  # noqa: F401  (time_text: callers' name)

INTRO = "Pour vos démarches (France Travail, CAF, papiers…), une France services vous reçoit près de chez vous :"
INTRO_PLURAL = (
    "Pour vos démarches (France Travail, CAF, papiers…), des France services vous reçoivent près de chez vous :"
)
NO_COMMUNE = (
    "Dites-moi votre commune et je vous indiquerai la France services la plus proche, "
    "pour vos démarches (France Travail, CAF, papiers…)."
)
SOURCE_NOTE = f"({france_services.SOURCE})"


def hours_text(hours: DayHours) -> str:
    """« de 9 h à 12 h et de 13 h 30 à 17 h », through the one formatter of hours (knowledge/places/hours.py)."""
    return day_text(hours)


def distance_text(km: Optional[float]) -> str:
    if km is None:
        return ""
    if km < 0.05:
        return "dans votre commune"
    if km < 10:
        return f"à {km:.1f} km".replace(".", ",")
    return f"à {round(km)} km"


def _next_opening(place: Place, today: dt.date, closed: str) -> str:
    following = place.prochaine_ouverture(today)
    if following is None:
        return closed
    day, day_hours = following
    when = "demain" if day == today + dt.timedelta(days=1) else DAYS[day.weekday()]
    return f"{closed} — ouvert {when} {hours_text(day_hours)}"


def opening_text(place: Place, today: dt.date, at: Optional[dt.time] = None) -> str:
    """« ouvert aujourd'hui de 9 h à 12 h », « fermé aujourd'hui — ouvert demain de … »; at `at` (the
    place's local hour) past today's last closing, « fermé à cette heure — ouvert demain de … »."""
    open_today = place.ouvert_le(today)
    hours = place.horaires_le(today)
    if open_today and at is not None and at.strftime("%H:%M") >= hours.intervals[-1][1]:
        return _next_opening(place, today, "fermé à cette heure")
    if open_today:
        return f"ouvert aujourd'hui {hours_text(hours)}"
    if hours.raw:
        return f"aujourd'hui {hours_text(hours)}"
    if open_today is None:
        return "horaires non indiqués : appelez avant de passer" if place.telephone else "horaires non indiqués"
    return _next_opening(place, today, "fermé aujourd'hui")


def address_text(place: Place) -> str:
    street = ", ".join(part for part in (place.adresse, place.complement_adresse) if part)
    town = " ".join(part for part in (place.code_postal, place.commune) if part)
    return ", ".join(part for part in (street, town) if part)


def _hour_if_today(place: Place, today: dt.date) -> Optional[dt.time]:
    """The place's local hour when `today` is its current day (a fiche dated another day has no hour)."""
    now = france_services.local_now(place.code_insee)
    return now.time() if now.date() == today else None


def place_text(place: Place, today: dt.date, at: Optional[dt.time] = None) -> str:
    """Three short lines: name and distance, address, phone and today's hours."""
    head = place.nom
    where = distance_text(place.distance_km)
    if where:
        head += f" — {where}"
    if place.itinerant:
        head += " (itinérante : appelez pour connaître ses passages)"
    contact = [
        f"Tél. {place.telephone}" if place.telephone else (f"Courriel : {place.courriel}" if place.courriel else "")
    ]
    contact.append(opening_text(place, today, at if at is not None else _hour_if_today(place, today)))
    if place.rendez_vous:
        contact.append("rendez-vous possible")
    lines = [f"• {head}", f"  {address_text(place)}", "  " + " · ".join(c for c in contact if c)]
    return "\n".join(lines)


def no_place_text(code_insee: str) -> str:
    """Where the data knows no site: say so, invent nothing."""
    commune = geo.get_commune(code_insee)
    where = commune.label if commune else "votre commune"
    return (
        f"Je ne connais pas de France services près de {where} "
        f"{SOURCE_NOTE}. Votre mairie peut vous indiquer où faire vos démarches."
    )


def places_text(places: Sequence[Place], today: dt.date, at: Optional[dt.time] = None) -> str:
    lines: List[str] = [INTRO if len(places) == 1 else INTRO_PLURAL]
    lines.extend(place_text(place, today, at) for place in places)
    lines.append(SOURCE_NOTE)
    return "\n".join(lines)


def nearest_places_message(code_insee: Optional[str], limit: int = 2, now: Optional[dt.datetime] = None) -> str:
    """The block that ends every suggestion answer: the nearest France services, or why none."""
    if not code_insee:
        return NO_COMMUNE
    places = france_services.nearest(code_insee, limit=limit)
    if not places:
        return no_place_text(code_insee)
    local = france_services.local_now(code_insee, now)
    return places_text(places, local.date(), local.time())


# ------------------------------------------------------------------------ the next step (orientation/next_step.py)

# No URL beyond the UNML's own domain: the exact page of its map of missions locales may move.
FIND_MISSION_LOCALE = (
    "Votre mission locale : chaque commune est rattachée à une mission locale. Votre mairie ou une "
    "France services vous dit laquelle ; le site de l'Union nationale des missions locales (www.unml.info) "
    "les recense aussi."
)


def with_named_mission_locale(closing: str, named: Optional[str]) -> str:
    """The closing block after a list that named the person's town's mission locale (a guide's action it
    carries there): « votre mairie vous dit laquelle » would contradict it. The guides give no current
    contact, so the mairie or a France services still gives it; nothing is invented."""
    if not named:
        return closing
    said = (
        f"Votre mission locale est sans doute celle citée plus haut ({named}) : votre mairie ou une France "
        "services vous le confirme et vous donne ses coordonnées à jour."
    )
    return closing.replace(FIND_MISSION_LOCALE, said)


ANY_MISSION_LOCALE_ADDRESSEE = "À transmettre à un conseiller ou une conseillère de votre mission locale."
# Past 25 (the missions locales' last age): France Travail, Cap emploi with a RQTH, the PLIE (networks.yaml).
NO_MISSION_LOCALE_ADDRESSEE = "À transmettre à la personne qui vous accompagne : France Travail, Cap emploi ou le PLIE."
# Before 16, school is compulsory: the collège, its psychologue de l'Éducation nationale, the CIO (networks.yaml).
SCHOOL_AGE_ADDRESSEE = (
    "À transmettre au professeur principal, au psychologue de l'Éducation nationale (psyEN) du collège ou au "
    "CIO ; à partir de 16 ans, à la mission locale."
)
SCHOOL_AGE_MAX = 15
FRANCE_SERVICES_HEAD = "France services (aide pour toutes les démarches : France Travail, CAF, papiers…)"


def _km(value: Optional[float]) -> str:
    if value is None:
        return ""
    return " (dans votre commune)" if value < 1 else f" (à {value:.0f} km)"


def site_lines(mission_locale: str, site: Site, km: Optional[float], today: dt.date) -> List[str]:
    """The hosting mission locale's nearest site: its name, kind and distance, then how to reach it."""
    kind = "" if site.type == "siege" else f" ({'permanence' if site.type == 'permanence' else 'antenne'})"
    lines = [f"Votre mission locale : {mission_locale}", f"Le lieu le plus proche : {site.nom}{kind}{_km(km)}"]
    lines.extend(site.contact_lines(today))
    return lines


def site_addressee_lines(mission_locale: str, site: Site) -> List[str]:
    """The fiche's « À l'attention de » lines for the hosting mission locale's site."""
    contact = " — ".join(part for part in (site.telephone, site.courriel) if part)
    lines = [f"À l'attention de : {mission_locale}, {site.nom}", f"  {site.adresse}"]
    if contact:
        lines.append(f"  {contact}")
    return lines


def _plain_hours(place: Any, day: dt.date) -> Optional[str]:
    """Today's hours of a place of another shape, whatever the shape of its `horaires` (per weekday)."""
    hours = getattr(place, "horaires", None) or {}
    value = None
    if isinstance(hours, dict):
        value = hours.get(WEEKDAYS[day.weekday()], hours.get(day.weekday()))
    if isinstance(value, (list, tuple)):
        value = " / ".join(str(part) for part in value)
    return str(value) if value else None


def plain_place_lines(place: Any, today: dt.date) -> List[str]:
    """One place of another shape: name and distance, address, phone, whether it is open today."""
    lines = [f"• {place.nom}{_km(getattr(place, 'distance_km', None))}"]
    town = " ".join(part for part in (getattr(place, "code_postal", None), getattr(place, "commune", None)) if part)
    address = ", ".join(part for part in (getattr(place, "adresse", None), town) if part)
    if address:
        lines.append(f"  Adresse : {address}")
    if getattr(place, "telephone", None):
        lines.append(f"  Téléphone : {place.telephone}")
    hours = _plain_hours(place, today)
    is_open = place.ouvert_le(today) if hasattr(place, "ouvert_le") else None
    if is_open is False:
        lines.append("  Fermé aujourd'hui.")
    elif hours:
        lines.append(f"  Ouvert aujourd'hui {hours_phrase(hours)}")
    return lines


def plain_places_lines(places: Sequence[Any], today: dt.date) -> List[str]:
    """France services sites of another shape than the ANCT table's (no `horaires_le`), with their source."""
    lines = [f"{FRANCE_SERVICES_HEAD} près de chez vous :"]
    for place in places:
        lines.extend(plain_place_lines(place, today))
    source = getattr(places[0], "source", None)
    if source:
        lines.append(f"Source : {source}.")
    return lines
