"""France services sites: the nearest ones to a commune, and whether they are open on a day.

France services (programme of the ANCT) help with every administrative step: France Travail,
CAF, papers, taxes… There is at least one in almost every département, so the bot can always
name a current place a young person can call or walk into, even where it knows no local action.

The table ``knowledge/data/places/france-services.tsv`` is built by
``build_france_services.py`` from the ANCT list of 1 August 2024 (Licence Ouverte 2.0).
Distances are between communes (:func:`knowledge.places.distance.distance_km`), so a site in the
person's own commune is at 0 km; the site's own coordinates only break ties.
Public holidays are not in the data: « open today » follows the weekly hours only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

from knowledge import geo
from knowledge.lazy import Lazy
from knowledge.places import distance

__all__ = [
    "CLOSE_KM",
    "DAYS",
    "NEIGHBOUR_KM",
    "DayHours",
    "Place",
    "SOURCE",
    "all_places",
    "departement_of",
    "load",
    "local_today",
    "local_now",
    "reserved_public",
    "nearest",
    "parse_day",
]

TABLE = Path(__file__).resolve().parents[1] / "data" / "places" / "france-services.tsv"
SOURCE = "données France services, août 2024"
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Itinerant sites and buses have a base address, not a door one can push: they are named only
# when no fixed site is this close.
CLOSE_KM = 25.0
# A site outside the person's département is named only this close: Saint-Martin's sites are no
# help in Polynésie, and one across a border 15 km away is.
NEIGHBOUR_KM = 50.0
ITINERANT_FORMATS = frozenset({"Itinérante", "Bus_équivalent"})

Interval = Tuple[str, str]  # ("09:00", "12:00")

# « 09:00 - 12:00 / 13:30 - 17:00 », also « 9h-12h », « 9h30 à 12h » and « et » between ranges.
_TIME = r"(\d{1,2})\s*[:hH]\s*(\d{2})?"
_RANGE = re.compile(rf"^\s*{_TIME}\s*(?:-|–|à|a)\s*{_TIME}\s*$")
_SEPARATORS = re.compile(r"\s*(?:/|;|,|\bet\b)\s*")
# The table's own form: « 09:00-12:00 13:30-17:00 ».
_STORED = re.compile(r"^\d\d:\d\d-\d\d:\d\d(?: \d\d:\d\d-\d\d:\d\d)*$")


@dataclass(frozen=True)
class DayHours:
    """Opening hours of one weekday: intervals, or the source's text when it could not be read."""

    intervals: Tuple[Interval, ...] = ()
    raw: Optional[str] = None

    @property
    def known(self) -> bool:
        return bool(self.intervals) or bool(self.raw)

    def stored(self) -> str:
        """Form written in the table (one cell)."""
        if self.intervals:
            return " ".join(f"{a}-{b}" for a, b in self.intervals)
        return self.raw or ""


def _hhmm(hours: str, minutes: Optional[str]) -> Optional[str]:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return f"{h:02d}:{m:02d}"


def parse_day(text: str) -> DayHours:
    """Hours of one day from the source's free text; unreadable text is kept as it is."""
    text = " ".join((text or "").split())
    if not text:
        return DayHours()
    if _STORED.match(text):
        return DayHours(tuple(tuple(part.split("-")) for part in text.split()))  # type: ignore[misc]
    intervals: List[Interval] = []
    for part in _SEPARATORS.split(text):
        found = _RANGE.match(part)
        start = end = None
        if found:
            start, end = _hhmm(found.group(1), found.group(2)), _hhmm(found.group(3), found.group(4))
        if found and start == end == "00:00":
            continue  # the source's empty placeholder (« 00:00 - 00:00 / 09:00 - 12:00 »)
        if start is None or end is None or start >= end:
            return DayHours(raw=text)
        intervals.append((start, end))
    intervals = sorted(set(intervals))  # the same range twice says it once
    if any(a[1] > b[0] for a, b in zip(intervals, intervals[1:])):
        return DayHours(raw=text)  # overlapping ranges: better show the text than guess
    return DayHours(tuple(intervals))


@dataclass(frozen=True)
class Place:
    """One France services site; ``distance_km`` is set by :func:`nearest`."""

    id: str
    nom: str
    adresse: str
    complement_adresse: str
    code_postal: str
    code_insee: str
    commune: str
    departement: str
    latitude: float
    longitude: float
    telephone: str
    courriel: str
    horaires: Tuple[DayHours, ...]  # 7 days, Monday first (Sunday is never open in the source)
    rendez_vous: bool  # « prise de rendez-vous » flag of the source
    commentaire: str
    type: str  # Principal | Antenne
    format: str  # Fixe | Fixe_antenne(s) | Multisites | Itinérante | Bus_équivalent
    distance_km: Optional[float] = None
    source: str = field(default=SOURCE)

    @property
    def itinerant(self) -> bool:
        return self.format in ITINERANT_FORMATS

    @property
    def horaires_connus(self) -> bool:
        return any(day.known for day in self.horaires)

    def horaires_le(self, day: dt.date) -> DayHours:
        return self.horaires[day.weekday()]

    def ouvert_le(self, day: dt.date) -> Optional[bool]:
        """True when the weekly hours open that weekday; None when they are unknown or unreadable."""
        hours = self.horaires_le(day)
        if hours.intervals:
            return True
        if hours.raw or not self.horaires_connus:
            return None
        return False

    def prochaine_ouverture(self, day: dt.date) -> Optional[Tuple[dt.date, DayHours]]:
        """The first day after ``day`` (within a week) with opening hours."""
        for ahead in range(1, 8):
            other = day + dt.timedelta(days=ahead)
            if self.horaires_le(other).intervals:
                return other, self.horaires_le(other)
        return None


# --------------------------------------------------------------------------- table

COLUMNS = (
    "id",
    "nom",
    "adresse",
    "complement_adresse",
    "code_postal",
    "code_insee",
    "commune",
    "departement",
    "latitude",
    "longitude",
    "telephone",
    "courriel",
    *DAYS[:6],
    "rendez_vous",
    "commentaire",
    "type",
    "format",
)


def _parse_row(row: Sequence[str]) -> Place:
    record = dict(zip(COLUMNS, row))
    return Place(
        id=record["id"],
        nom=record["nom"],
        adresse=record["adresse"],
        complement_adresse=record["complement_adresse"],
        code_postal=record["code_postal"],
        code_insee=record["code_insee"],
        commune=record["commune"],
        departement=record["departement"],
        latitude=float(record["latitude"]),
        longitude=float(record["longitude"]),
        telephone=record["telephone"],
        courriel=record["courriel"],
        horaires=tuple(parse_day(record[d]) for d in DAYS[:6]) + (DayHours(),),
        rendez_vous=record["rendez_vous"] == "oui",
        commentaire=record["commentaire"],
        type=record["type"],
        format=record["format"],
    )


@dataclass
class _Index:
    places: List[Place]
    lat: np.ndarray  # radians, of the site's commune point (its own point if the commune has none)
    lon: np.ndarray
    own_lat: np.ndarray  # radians, of the site itself: tie-breaks within a commune
    own_lon: np.ndarray
    itinerant: np.ndarray
    departements: np.ndarray


def _read() -> _Index:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert tuple(rows[0]) == COLUMNS, f"{TABLE}: unexpected columns {rows[0]}"
    places = [_parse_row(row) for row in rows[1:]]
    commune_points = [distance.commune_point(p.code_insee) or (p.latitude, p.longitude) for p in places]
    return _Index(
        places,
        np.radians([pt[0] for pt in commune_points]),
        np.radians([pt[1] for pt in commune_points]),
        np.radians([p.latitude for p in places]),
        np.radians([p.longitude for p in places]),
        np.array([p.itinerant for p in places]),
        np.array([p.departement for p in places]),
    )


_INDEX: Lazy[_Index] = Lazy(lambda: _read())


def _index() -> _Index:
    return _INDEX.get()


def load() -> None:
    """Load the table now (e.g. at action-server start) instead of on the first query."""
    _index()


def all_places() -> List[Place]:
    return list(_index().places)


# « Today » is the person's day: Mamoudzou is 2 hours ahead of Paris, Cayenne 4 or 5 behind.
_TIMEZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}


# Standard offsets, in hours, for a system without time-zone data (a slim container): only
# metropolitan France and Saint-Pierre-et-Miquelon have summer time, an hour off at worst.
_FALLBACK_OFFSETS = {
    "971": -4,
    "972": -4,
    "973": -3,
    "974": 4,
    "975": -3,
    "976": 3,
    "977": -4,
    "978": -4,
    "986": 12,
    "987": -10,
    "988": 11,
}


def local_now(code_insee: Optional[str], now: Optional[dt.datetime] = None) -> dt.datetime:
    """The date and hour in the commune's time zone (metropolitan France when unknown)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    dep = (departement_of(code_insee) if code_insee else None) or ""
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        zone: dt.tzinfo = ZoneInfo(_TIMEZONES.get(dep, "Europe/Paris"))
    except ZoneInfoNotFoundError:
        zone = dt.timezone(dt.timedelta(hours=_FALLBACK_OFFSETS.get(dep, 1)))
    return now.astimezone(zone)


def local_today(code_insee: Optional[str], now: Optional[dt.datetime] = None) -> dt.date:
    """The date in the commune's time zone (metropolitan France when unknown)."""
    return local_now(code_insee, now).date()


# The ANCT list has no field for a site's public; a few names say the site serves one public only (the
# gens du voyage's relais and buses). Those are never someone's « nearest service ». Matched on the name
# as published, lowercased.
RESERVED_PUBLIC_MARKERS = ("gens du voyage", "voyageurs")


def reserved_public(place: Place) -> bool:
    name = place.nom.lower()
    return any(marker in name for marker in RESERVED_PUBLIC_MARKERS)


@lru_cache(maxsize=1)
def _open_to_all() -> np.ndarray:
    return np.array([not reserved_public(p) for p in _index().places], dtype=bool)


def departement_of(code_insee: str) -> Optional[str]:
    commune = geo.get_commune(code_insee)
    if commune is None:
        info = distance.point_info(code_insee)  # a former code
        if info is not None and info.commune_actuelle:
            commune = geo.get_commune(info.commune_actuelle)
    return commune.departement if commune else None


def _haversine(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    h = np.sin((lats - lat) / 2) ** 2 + np.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
    return 2 * distance.EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def nearest(code_insee: str, limit: int = 2) -> List[Place]:
    """The ``limit`` France services nearest to a commune, nearest first, with ``distance_km``.

    Fixed sites first: itinerant ones and buses only when no fixed site is within
    :data:`CLOSE_KM`. Sites of other départements only within :data:`NEIGHBOUR_KM`, and one at
    least is in the person's département when it has any (procedures with the CAF or the
    département are organised by département). A commune with no point (Saint-Barthélemy, the
    Terres australes) gets its département's sites, undistanced. Empty where no site is known
    (Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie…).
    """
    index = _index()
    code = code_insee.strip().upper()
    dep = departement_of(code)
    origin = distance.commune_point(code)
    if origin is None:
        same = [p for p in index.places if dep and p.departement == dep and not reserved_public(p)]
        return sorted(same, key=lambda p: (p.itinerant, p.nom))[:limit]
    lat, lon = np.radians(origin[0]), np.radians(origin[1])
    km = np.round(_haversine(lat, lon, index.lat, index.lon), 1)
    tie = _haversine(lat, lon, index.own_lat, index.own_lon)
    order = np.lexsort((tie, km))  # by commune distance, then by the site's own distance
    order = order[(index.departements[order] == dep) | (km[order] <= NEIGHBOUR_KM)]
    order = order[_open_to_all()[order]]
    fixed = order[~index.itinerant[order]]
    pool = order if not len(fixed) or km[fixed[0]] > CLOSE_KM else fixed
    chosen = list(pool[:limit])
    if dep and limit and chosen and all(index.departements[i] != dep for i in chosen):
        local = next((i for i in pool if index.departements[i] == dep), None)
        if local is not None:
            chosen[-1] = local
    return [replace(index.places[i], distance_km=float(km[i])) for i in chosen]
