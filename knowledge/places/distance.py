"""Points of communes and distances between them (great circle), without Rasa.

The table ``knowledge/data/places/communes-coordonnees.tsv`` is built by
``build_places_data.py`` from La Poste's postal-code base (March 2022) and the COG: one point per
current commune and municipal arrondissement, and per former code COG still knows (communes
déléguées / associées), so that an old code found in a directory still gets a point.
Six communes have no point, and :func:`commune_point` returns None for them rather than a wrong
one: the five districts of the Terres australes (nobody lives there, no source gives one) and
Saint-Barthélemy (La Poste gives it Saint-Pierre-et-Miquelon's point; no other source here).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

from knowledge.lazy import Lazy

__all__ = ["PointInfo", "commune_point", "distance_km", "haversine_km", "point_info", "load"]

TABLE = Path(__file__).resolve().parents[1] / "data" / "places" / "communes-coordonnees.tsv"
# Mean Earth radius (IUGG), in km: the usual value for great-circle distances.
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class PointInfo:
    """A point and how it was found (``methode`` column of the table)."""

    code_insee: str
    latitude: float
    longitude: float
    methode: str
    commune_actuelle: Optional[str]  # for a former code: the commune it merged into


_POINTS: Lazy[Dict[str, PointInfo]] = Lazy(lambda: _read())


def _read() -> Dict[str, PointInfo]:
    points: Dict[str, PointInfo] = {}
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    for code, lat, lon, method, parent in rows:
        if lat and lon:
            points[code] = PointInfo(code, float(lat), float(lon), method, parent or None)
    return points


def _points() -> Dict[str, PointInfo]:
    return _POINTS.get()


def load() -> None:
    """Load the table now (e.g. at action-server start) instead of on the first query."""
    _points()


def point_info(code_insee: str) -> Optional[PointInfo]:
    """The point of a commune with its method, or None when the code has none."""
    return _points().get(code_insee.strip().upper())


def commune_point(code_insee: str) -> Optional[Tuple[float, float]]:
    """(latitude, longitude) of a commune, arrondissement or former commune; None if unknown."""
    info = point_info(code_insee)
    return None if info is None else (info.latitude, info.longitude)


def haversine_km(a: Tuple[float, float], b: Tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points, unrounded."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(code_a: str, code_b: str) -> Optional[float]:
    """Great-circle distance between two communes in km, rounded to 0.1; None if one has no point."""
    a, b = commune_point(code_a), commune_point(code_b)
    if a is None or b is None:
        return None
    return round(haversine_km(a, b), 1)
