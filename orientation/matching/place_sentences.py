"""Where a suggestion is, in French: the short « où » of a suggestion (`where_text`, or
`where_without_person` when the person's commune is unknown) and the place reason of its « Pourquoi ? »
(`place_reason`). The other reasons and the network facts are in orientation/matching/wording.py.
"""

from __future__ import annotations

from typing import Optional

from knowledge import geo
from knowledge.models import Initiative
from orientation.matching.places import COMMUNE, DEPARTEMENT, EPCI, NATIONAL, REGION, PlaceChoice


def commune_name(code: str) -> str:
    commune = geo.get_commune(code)
    return commune.nom if commune is not None else code


def departement_name(code: str) -> str:
    return geo.departement_name(code) or code


def region_name(code: str) -> str:
    return geo.region_name(code) or code


def a_commune(name: str) -> str:
    """« à Fougères », « au Puy-en-Velay », « aux Mureaux » (French contracts à + le / les)."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return "à " + name


def _km(choice: PlaceChoice) -> str:
    return f", {choice.km:.0f} km" if choice.km is not None else ""


def where_text(record: Initiative, choice: PlaceChoice) -> str:
    """« à Fougères (Ille-et-Vilaine) », « dans tout le département (Nord) », « dans votre région, à
    Charleville-Mézières (Ardennes), 80 km », « partout en France ». Never « près de chez vous » here."""
    if choice.level == NATIONAL:
        return _NATIONAL_WHERE[record.zone.certaines_villes]
    if choice.commune is not None:
        around = " et alentours" if record.zone.niveau == EPCI else ""
        place = f"{a_commune(commune_name(choice.commune))}{around} ({departement_name(choice.departement or '')})"
        # the distance is said at every level (« à Tourcoing et alentours (Nord), 12 km »), not only in the région
        return f"dans votre région, {place}{_km(choice)}" if choice.level == REGION else place + _km(choice)
    if choice.level == EPCI and choice.epci:
        epci = geo.get_epci(choice.epci)
        return f"dans toute l'intercommunalité ({epci.nom if epci else choice.epci})"
    if choice.departement is not None:
        whole = f"dans tout le département ({departement_name(choice.departement)})"
        return f"dans votre région, {whole}" if choice.level == REGION else whole
    return f"dans toute votre région ({region_name(choice.region or '')})"


def where_without_person(record: Initiative) -> str:
    """Where a record is when the person's commune is unknown (or the record is not in their région)."""
    zone = record.zone
    if zone.niveau == NATIONAL:
        return _NATIONAL_WHERE[zone.certaines_villes]
    commune = next((c for c in map(geo.get_commune, zone.communes) if c is not None), None)
    if commune is not None and zone.niveau in (COMMUNE, EPCI):
        return where_text(record, PlaceChoice(COMMUNE, commune=commune.code_insee, departement=commune.departement))
    if zone.departements:
        return where_text(record, PlaceChoice(DEPARTEMENT, departement=zone.departements[0]))
    if zone.regions:
        return f"dans toute la région ({region_name(zone.regions[0])})"
    return zone.precisions or "lieu non précisé"


# A national network present in some towns only (zone.certaines_villes) is never « partout en France ».
_NATIONAL_WHERE = {False: "partout en France", True: "dans certaines villes de France"}


def place_reason(
    person: Optional[geo.Commune], choice: PlaceChoice, some_towns: bool = False, outside_territory: bool = False
) -> str:
    """`outside_territory`: a mission locale's (or a town's) action for its own territory, the person outside it:
    where it is and how far, never « dans votre département » as if it were theirs."""
    if outside_territory and person is not None and choice.commune is not None:
        name = commune_name(choice.commune)
        return f"Elle a lieu {a_commune(name)} ({departement_name(choice.departement or '')}){_km(choice)}."
    if some_towns and choice.level == NATIONAL:
        return "Elle existe dans certaines villes de France : demandez si elle existe dans la vôtre."
    if choice.level == NATIONAL or person is None:
        return "Elle est ouverte partout en France."
    if choice.commune is not None:
        name = commune_name(choice.commune)
        if choice.level == COMMUNE:
            if choice.commune == person.code_insee or person.arrondissement_de is None:
                return f"Elle a lieu {a_commune(name)}, votre commune."
            return f"Elle a lieu {a_commune(name)}, dans votre ville."
        if choice.level == EPCI:
            return f"Elle a lieu {a_commune(name)}, dans votre intercommunalité."
        if choice.level == DEPARTEMENT:
            return f"Elle a lieu {a_commune(name)}, dans votre département ({departement_name(person.departement)})."
        return (
            f"Elle a lieu dans votre région mais pas dans votre département : {a_commune(name)} "
            f"({departement_name(choice.departement or '')}){_km(choice)}."
        )
    if choice.level == EPCI and choice.epci:
        epci = geo.get_epci(choice.epci)
        return f"Elle couvre votre intercommunalité ({epci.nom if epci else choice.epci})."
    if choice.level == DEPARTEMENT:
        return f"Elle couvre votre département ({departement_name(person.departement)})."
    if choice.departement is not None:
        return (
            f"Elle couvre un autre département de votre région ({departement_name(choice.departement)}), pas le vôtre."
        )
    return f"Elle couvre toute votre région ({region_name(person.region)})."
