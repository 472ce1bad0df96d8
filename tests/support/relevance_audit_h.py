"""Play-test H checks of the relevance audit (issue 14), read from the record's own fields and the profile:

- an action whose access conditions name the quartiers of its `zone.quartiers` (« habitant le QPV Drouot
  Jonquilles ») is for the residents of those quartiers: never proposed in its town to someone whose quartier is
  unknown or another one (h20: « Training job » to Bourtzwiller, with « ce qui est votre cas »). A quartier said by
  the person counts as one of them when a distinctive word is shared, by the name said or by the official QPV it
  is in (knowledge/geo/qpv.py: « Drouot » is in « Drouot-Jonquilles »). Quartiers named as examples (« surtout les
  Tarterets ») limit nothing.
- an action reserved to the residents of quartiers prioritaires and held in some towns (zone at the commune or
  intercommunalité level) is for those towns' quartiers: never proposed to someone of a town outside them and
  their intercommunalités, however close (h18: Rouen's « 100 Chances 100 Emplois » to Évreux, 47 km; h09:
  Aubervilliers' and Ris-Orangis' to Paris 18e), whatever « ce qui est votre cas » says.
"""

from __future__ import annotations

import re
import unicodedata
from typing import FrozenSet, List, Optional

from knowledge import geo
from knowledge.geo.qpv import official_qpv, qpvs_of
from knowledge.loader import load_knowledge
from knowledge.models import Initiative
from knowledge.profile import Profile
from orientation.matching import Suggestion
from tests.support.fit_cases import axis, profile_grid

_EXAMPLES = ("surtout", "notamment", "en particulier", "par exemple")
_NOT_A_NAME = frozenset(
    {"quartier", "quartiers", "cite", "saint", "sainte", "nord", "centre", "ville", "village", "les", "des", "aux"}
    | {"ans", "qpv", "zus", "qui", "une", "sur", "par", "est", "pas", "ont", "dans", "plus", "tous", "jeunes"}
)


def _words(text: str) -> FrozenSet[str]:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return frozenset(w for w in re.findall(r"[a-z]+", plain) if len(w) >= 3 and w not in _NOT_A_NAME)


def quartiers_named_as_limit(record: Initiative) -> List[str]:
    """The record's quartiers that its access conditions name as who it is for (empty: no quartier limit)."""
    elig = record.eligibilite
    conditions = (elig.conditions_acces or "").lower()
    if not elig.residents.restricted or any(word in conditions for word in _EXAMPLES):
        return []
    said = _words(conditions)
    return [name for name in record.zone.quartiers if _words(name) & said]


def _another_towns_quartiers(record: Initiative, person: Optional[geo.Commune]) -> bool:
    if person is None or "qpv" not in record.eligibilite.reserve_a or record.zone.niveau not in ("commune", "epci"):
        return False
    towns = [geo.get_commune(code) for code in record.zone.communes]
    city = person.arrondissement_de or person.code_insee
    return not any(t is not None and (t.code_insee == city or (t.epci and t.epci == person.epci)) for t in towns)


def check_round_h(s: Suggestion, p: Profile, person: Optional[geo.Commune]) -> List[str]:
    record = s.initiative
    if _another_towns_quartiers(record, person):
        return [f"action des quartiers prioritaires d'autres villes ({', '.join(record.zone.communes)})"]
    named = quartiers_named_as_limit(record)
    city = None if person is None else person.arrondissement_de or person.code_insee
    if not named or city not in record.eligibilite.residents.communes:
        return []
    if not p.quartier:
        return [f"action des quartiers {named} à qui n'a pas dit son quartier"]
    mine = _words(p.quartier)
    qpv = official_qpv(p.quartier, p.code_insee)
    if qpv is not None:
        mine |= _words(qpv.nom)
    if not any(_words(name) & mine for name in named):
        return [f"action des quartiers {named} à qui habite « {p.quartier} »"]
    return []


# The QPV of play-test H's personas: Évreux La Madeleine (h18), Paris 18e Goutte d'Or (h09), Le Havre Caucriauville
# (h04), Mulhouse Bourtzwiller (h20), and Ris-Orangis' neighbour Évry-Courcouronnes.
ROUND_H_QUARTIERS = (
    ("27229", "La Madeleine"), ("75118", "Goutte d'Or"), ("76351", "Caucriauville"), ("68224", "Bourtzwiller"),
    ("91228", None),
)  # fmt: skip


def round_h_profiles() -> List[Profile]:
    """In the town of each quartier-limited action: its own quartiers, another QPV of the town, no quartier said;
    and the personas' quartiers; a QPV resident, ages 17 and 22, every need of the grid."""
    places = [{"code_insee": code, "quartier": quartier} for code, quartier in ROUND_H_QUARTIERS]
    for record in load_knowledge().initiatives:
        if not quartiers_named_as_limit(record):
            continue
        for commune in record.eligibilite.residents.communes:
            others = [q.nom for q in qpvs_of(commune)]
            for quartier in (*record.zone.quartiers, *others[:3], None):
                places.append({"code_insee": commune, "quartier": quartier})
    return profile_grid(
        tuple(places),
        axis("age", (17, 22)),
        ({"qpv": True, "logement": "chez-parents", "handicap": "non"},),
        axis("besoin", ("emploi", "formation", "apprentissage", None)),
    )
