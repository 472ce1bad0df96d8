"""Where a record is, how close it is to the person, and which of its places to name. No French here:
orientation/matching/wording.py turns a `PlaceChoice` into sentences.

A record's presence is where it takes place: the communes it names for a commune or EPCI action (the
départements and régions it lists are derived from them, never wider), the départements of a
département action, the régions of a régional one. The matcher only ever offers a record that is
present in the person's région, or national.
"""

from __future__ import annotations

from typing import Callable, Dict, NamedTuple, Optional, Tuple

from knowledge import geo
from knowledge.models import Initiative

COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL = "commune", "epci", "departement", "region", "national"
# Higher is closer. National sits below every local level: "ranked after local ones of equal fit".
LEVEL_RANK: Dict[str, int] = {NATIONAL: 0, REGION: 1, DEPARTEMENT: 2, EPCI: 3, COMMUNE: 4}
LEVEL_NAME: Tuple[str, ...] = (NATIONAL, REGION, DEPARTEMENT, EPCI, COMMUNE)
# « Près de chez vous » means this rank or closer (same département); the région is said plainly.
NEAR_RANK = LEVEL_RANK[DEPARTEMENT]

from knowledge.places import distance as _distance  # noqa: E402 (after the levels it is read with)

distance_km: Optional[Callable[[str, str], Optional[float]]] = _distance.distance_km


def preload() -> None:
    """Read the distance table now (at index build), not during the first query that needs a km."""
    _distance.load()


class RecordPlace(NamedTuple):
    """Codes where a record is present at each level, sorted. Tuples, not sets: at 100,000 services the
    build holds one per record, and a one-element tuple is a quarter of a frozenset's size."""

    communes: Tuple[str, ...]  # arrondissements counted as their city
    epcis: Tuple[str, ...]
    departements: Tuple[str, ...]
    regions: Tuple[str, ...]


def _city(commune: geo.Commune) -> str:
    return commune.arrondissement_de or commune.code_insee


def epci_key(commune: geo.Commune) -> Optional[str]:
    """An EPCI counts as closer than the département only within the département: the Métropole du Grand
    Paris spans four, and Clichy-sous-Bois is not « votre intercommunalité » for Paris 18e."""
    return f"{commune.epci}@{commune.departement}" if commune.epci else None


def record_place(record: Initiative) -> RecordPlace:
    """Where a record is present (see the module docstring)."""
    zone = record.zone
    if zone.niveau == NATIONAL:
        return RecordPlace((), (), (), ())
    known = [c for c in map(geo.get_commune, zone.communes) if c is not None]
    communes = {_city(c) for c in known}
    epcis = {key for key in map(epci_key, known) if key}
    departements = {c.departement for c in known}
    regions = {c.region for c in known}
    if zone.niveau in (DEPARTEMENT, REGION) or not known:
        # The action covers whole départements: those listed (a commune named is only its seat).
        departements.update(zone.departements)
    if zone.niveau == REGION or not (known or departements):
        regions.update(zone.regions)
    for code in departements:
        dep = geo.get_departement(code)
        if dep is not None:
            regions.add(dep.region)
    return RecordPlace(
        tuple(sorted(communes)), tuple(sorted(epcis)), tuple(sorted(departements)), tuple(sorted(regions))
    )


def proximity_rank(place: RecordPlace, niveau: str, person: Optional[geo.Commune]) -> Optional[int]:
    """How close a record is to the person (a LEVEL_RANK value), or None when it is not present in their
    région. The single definition of closeness; the index (orientation/matching/index.py) computes the same
    with code → rows maps."""
    if niveau == NATIONAL:
        return LEVEL_RANK[NATIONAL]
    if person is None:
        return None
    if _city(person) in place.communes:
        return LEVEL_RANK[COMMUNE]
    if person.epci and epci_key(person) in place.epcis:
        return LEVEL_RANK[EPCI]
    if person.departement in place.departements:
        return LEVEL_RANK[DEPARTEMENT]
    if person.region in place.regions:
        return LEVEL_RANK[REGION]
    return None


class PlaceChoice(NamedTuple):
    """What to name for one suggestion: the record's place closest to the person, at the level matched."""

    level: str
    commune: Optional[str] = None  # a COG code of the record, in the person's area for that level
    departement: Optional[str] = None
    region: Optional[str] = None
    epci: Optional[str] = None  # the person's EPCI when the record covers it as a whole
    km: Optional[float] = None  # from the person's commune to the named commune, when known
    whole_zone: bool = False  # the record covers the named area as a whole (no commune named)


def _within(commune: geo.Commune, person: geo.Commune, level: str) -> bool:
    if level == COMMUNE:
        return _city(commune) == _city(person)
    if level == EPCI:
        return bool(person.epci) and epci_key(commune) == epci_key(person)
    if level == DEPARTEMENT:
        return commune.departement == person.departement
    return commune.region == person.region


def _km(person: geo.Commune, code: str) -> Optional[float]:
    if distance_km is None:
        return None
    try:
        return distance_km(person.code_insee, code)
    except Exception:  # a missing point must not break a suggestion: the level still says how far
        return None


def closest_km(record: Initiative, person: geo.Commune) -> Optional[float]:
    """Distance from the person to the record's nearest commune in their région (None: no commune named
    there, or no distance table)."""
    kms = [
        _km(person, c.code_insee)
        for c in map(geo.get_commune, record.zone.communes)
        if c is not None and c.region == person.region
    ]
    known = [km for km in kms if km is not None]
    return min(known) if known else None


def choose_place(record: Initiative, level: str, person: Optional[geo.Commune]) -> PlaceChoice:
    """The place to name: a commune of the record inside the person's commune, EPCI, département or région
    (the closest one), else the area the record covers as a whole, always inside that same area."""
    if level == NATIONAL or person is None:
        return PlaceChoice(NATIONAL)
    niveau = record.zone.niveau
    inside = [c for c in map(geo.get_commune, record.zone.communes) if c is not None and _within(c, person, level)]
    if inside and (niveau in (COMMUNE, EPCI) or level in (COMMUNE, EPCI)):
        if distance_km is not None:
            best = min(
                inside,
                key=lambda c: (_km(person, c.code_insee) is None, _km(person, c.code_insee) or 0.0, c.code_insee),
            )
        else:
            best = min(
                inside,
                key=lambda c: (
                    _city(c) != _city(person),
                    c.code_insee != person.code_insee,
                    epci_key(c) != epci_key(person),
                    c.code_insee,
                ),
            )
        km = None if _city(best) == _city(person) else _km(person, best.code_insee)
        return PlaceChoice(level, commune=best.code_insee, departement=best.departement, region=best.region, km=km)
    if level == EPCI:
        return PlaceChoice(
            level, epci=person.epci, departement=person.departement, region=person.region, whole_zone=True
        )
    if level in (COMMUNE, DEPARTEMENT):
        return PlaceChoice(DEPARTEMENT, departement=person.departement, region=person.region, whole_zone=True)
    # Région only: a département of the record inside the région, else the whole région.
    deps = [
        d
        for d in record_place(record).departements
        if (geo.get_departement(d) is not None and geo.get_departement(d).region == person.region)
    ]
    if deps and niveau == DEPARTEMENT:
        return PlaceChoice(REGION, departement=deps[0], region=person.region, whole_zone=True)
    return PlaceChoice(REGION, region=person.region, whole_zone=True)
