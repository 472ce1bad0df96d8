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

INTRO = "Pour vos démarches (France Travail, CAF, papiers…), une France services vous reçoit près de chez vous :"
INTRO_PLURAL = (
    "Pour vos démarches (France Travail, CAF, papiers…), des France services vous reçoivent près de chez vous :"
)
NO_COMMUNE = (
    "Dites-moi votre commune et je vous indiquerai la France services la plus proche, "
    "pour vos démarches (France Travail, CAF, papiers…)."
)
SOURCE_NOTE = f"({france_services.SOURCE})"


def time_text(hhmm: str) -> str:
    """« 09:00 » → « 9 h », « 13:30 » → « 13 h 30 »."""
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h" if minutes == "00" else f"{int(hours)} h {minutes}"


def hours_text(hours: DayHours) -> str:
    """« de 9 h à 12 h et de 13 h 30 à 17 h »; the source's text when it could not be read."""
    if not hours.intervals:
        return f"aux horaires « {hours.raw} »" if hours.raw else ""
    parts = [f"de {time_text(a)} à {time_text(b)}" for a, b in hours.intervals]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def distance_text(km: Optional[float]) -> str:
    if km is None:
        return ""
    if km < 0.05:
        return "dans votre commune"
    if km < 10:
        return f"à {km:.1f} km".replace(".", ",")
    return f"à {round(km)} km"


def opening_text(place: Place, today: dt.date) -> str:
    """« ouvert aujourd'hui de 9 h à 12 h », « fermé aujourd'hui — ouvert demain de … »."""
    open_today = place.ouvert_le(today)
    hours = place.horaires_le(today)
    if open_today:
        return f"ouvert aujourd'hui {hours_text(hours)}"
    if hours.raw:
        return f"aujourd'hui {hours_text(hours)}"
    if open_today is None:
        return "horaires non indiqués : appelez avant de passer" if place.telephone else "horaires non indiqués"
    following = place.prochaine_ouverture(today)
    if following is None:
        return "fermé aujourd'hui"
    day, day_hours = following
    when = "demain" if day == today + dt.timedelta(days=1) else DAYS[day.weekday()]
    return f"fermé aujourd'hui — ouvert {when} {hours_text(day_hours)}"


def address_text(place: Place) -> str:
    street = ", ".join(part for part in (place.adresse, place.complement_adresse) if part)
    town = " ".join(part for part in (place.code_postal, place.commune) if part)
    return ", ".join(part for part in (street, town) if part)


def place_text(place: Place, today: dt.date) -> str:
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
    contact.append(opening_text(place, today))
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


def places_text(places: Sequence[Place], today: dt.date) -> str:
    lines: List[str] = [INTRO if len(places) == 1 else INTRO_PLURAL]
    lines.extend(place_text(place, today) for place in places)
    lines.append(SOURCE_NOTE)
    return "\n".join(lines)


def nearest_places_message(code_insee: Optional[str], limit: int = 2, now: Optional[dt.datetime] = None) -> str:
    """The block that ends every suggestion answer: the nearest France services, or why none."""
    if not code_insee:
        return NO_COMMUNE
    places = france_services.nearest(code_insee, limit=limit)
    if not places:
        return no_place_text(code_insee)
    return places_text(places, france_services.local_today(code_insee, now))


# ------------------------------------------------------------------------ the next step (orientation/next_step.py)

# No URL beyond the UNML's own domain: the exact page of its map of missions locales may move.
FIND_MISSION_LOCALE = (
    "Votre mission locale : chaque commune est rattachée à une mission locale. Votre mairie ou une "
    "France services vous dit laquelle ; le site de l'Union nationale des missions locales (www.unml.info) "
    "les recense aussi."
)
ANY_MISSION_LOCALE_ADDRESSEE = "À transmettre à un conseiller ou une conseillère de votre mission locale."
NO_MISSION_LOCALE_ADDRESSEE = (
    "À transmettre à la personne qui vous accompagne (France Travail, France services, services sociaux…)."
)
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
        lines.append(f"  Ouvert aujourd'hui : {hours}")
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
