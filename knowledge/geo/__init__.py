"""French geography for the bot: communes, départements, régions, EPCI. Pure Python, no Rasa import.

Modules by job: ``records`` (the dataclasses), ``names`` (normalising what people type, edit
distances), ``index`` (tables loaded once into dict indexes, lookups by code), ``resolution`` (an
answer to « Dans quelle commune habitez-vous ? »), ``text`` (communes mentioned in a free sentence),
``choice`` (what to do with the candidates: take one, ask which, or ask to confirm). Word lists are
data: knowledge/data/lexicon/places.yaml.

Both readers return ranked :class:`Candidate` lists; several candidates sharing the top score mean
"ambiguous, ask the user", e.g. Saint-Denis (93) and Saint-Denis (974).
"""

from __future__ import annotations

from knowledge.geo.choice import Choice, choose, departement_only, narrow, read_answer
from knowledge.geo.index import (
    DATA_DIR,  # noqa: F401 (tests patch these through the package)
    _Geo,  # noqa: F401
    _geo,  # noqa: F401
    _read_tsv,  # noqa: F401
    communes_by_postal_code,
    departement_name,
    get_commune,
    get_departement,
    get_epci,
    get_region,
    load,
    region_name,
    resolve_departement,
)
from knowledge.geo.names import normalize
from knowledge.geo.records import Candidate, Commune, Departement, Epci, Region
from knowledge.geo.resolution import resolve_commune
from knowledge.geo.text import find_communes_in_text

__all__ = [
    "Candidate",
    "Choice",
    "Commune",
    "Departement",
    "Epci",
    "Region",
    "choose",
    "communes_by_postal_code",
    "departement_only",
    "read_answer",
    "departement_name",
    "find_communes_in_text",
    "get_commune",
    "get_departement",
    "get_epci",
    "get_region",
    "load",
    "narrow",
    "normalize",
    "region_name",
    "resolve_commune",
    "resolve_departement",
]
