"""The relevance audit's checks for the lines play-testers struck in round C (issue 14), this file's own
reading of the rules, not the engine's:

- nobody is employed before 16 (Code du travail, L4153-1): an action that is only job placement (its themes:
  finding a job, plus preparing an application or choosing a trade) never goes to a 15-year-old unless its
  record states a lower age_min;
- one employer's own recruitment (porteur entreprise, one trade) is never the only line that serves the
  need, and says that it is one employer's;
- an action a mission locale, a town or another local public service runs for its own commune or
  intercommunalité (or one reserved to the young people a mission locale follows, held there) is, for someone
  outside that zone, never said « dans votre département », « près de chez vous » or « votre
  intercommunalité », says whose territory it is, and is within 50 km (30 km without a car or licence);
- EPIDE (20 centres, all in metropolitan France) is never proposed overseas.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from knowledge import geo
from knowledge.profile import BESOINS, Profile
from orientation import formatting
from orientation.matching import Suggestion
from orientation.matching.places import closest_km
from tests.support.fit_cases import axis, profile_grid

_JOB = ("trouver-un-emploi--",)
_WITH_JOB = ("preparer-sa-candidature--", "choisir-un-metier--")
_LOCAL_SERVICES = {"mission-locale", "communes", "collectivite", "ccas-cias", "maisons-de-l-emploi", "plie"}
_LOCAL_SERVICES |= {"france-travail"}
_OVERSEAS = {"01", "02", "03", "04", "06"}


def _job_only(s: Suggestion) -> bool:
    themes = s.initiative.thematiques
    return any(t.startswith(_JOB) for t in themes) and all(t.startswith(_JOB + _WITH_JOB) for t in themes)


def _text(s: Suggestion) -> str:
    return "\n".join((formatting.suggestion_text(s, 1), formatting.suggestion_details(s), *s.reasons))


def _for_its_territory(s: Suggestion) -> bool:
    record = s.initiative
    if record.zone.niveau not in ("commune", "epci"):
        return False
    return record.porteur.type in _LOCAL_SERVICES or "suivi-mission-locale" in record.eligibilite.reserve_a


def _inside(s: Suggestion, person: geo.Commune) -> bool:
    """The person lives in the action's own commune, or (for a commune's action too) its intercommunalité."""
    communes = [c for c in map(geo.get_commune, s.initiative.zone.communes) if c is not None]
    city = person.arrondissement_de or person.code_insee
    return any(c.code_insee == city or (c.epci and c.epci == person.epci) for c in communes)


def _no_transport(p: Profile) -> bool:
    minor = p.whole_age is not None and p.whole_age < 18 and p.permis is None
    return p.vehicule is False or p.permis is False or minor


def check_round_c(s: Suggestion, p: Profile, person: Optional[geo.Commune], shown: Sequence[Suggestion]) -> List[str]:
    problems: List[str] = []
    record = s.initiative
    age = p.whole_age
    if age is not None and age < 16 and _job_only(s) and (record.eligibilite.age_min or 16) >= 16:
        problems.append(f"placement dans l'emploi proposé à {age} ans (pas d'embauche avant 16 ans)")
    if record.porteur.type == "entreprise" and record.eligibilite.secteurs:
        if "un seul employeur" not in _text(s):
            problems.append("programme d'un employeur sans le dire")
        themes = BESOINS[p.besoin][1] if p.besoin else frozenset()
        others = [
            o
            for o in shown
            if o is not s and not (o.initiative.porteur.type == "entreprise" and o.initiative.eligibilite.secteurs)
        ]
        if not any(set(o.initiative.thematiques) & themes for o in others):
            problems.append("programme d'un seul employeur comme seule ligne pour le besoin")
    if person is not None and _for_its_territory(s) and not _inside(s, person):
        text = _text(s)
        for claim in ("dans votre département", "près de chez vous", "votre intercommunalité", "votre commune"):
            if claim in text:
                problems.append(f"action d'un territoire dont la personne n'est pas, dite « {claim} »")
        if "son territoire" not in text and "de là-bas" not in text:
            problems.append("action d'un autre territoire sans dire pour qui elle est menée")
        km = closest_km(record, person)
        if km is None or km > (30 if _no_transport(p) else 50):
            problems.append(f"action d'un autre territoire hors de portée ({km} km)")
    return problems


def check_networks_round_c(p: Profile, person: Optional[geo.Commune], networks: set) -> List[str]:
    if person is not None and person.region in _OVERSEAS and "epide" in networks:
        return [f"EPIDE proposé outre-mer ({person.region}) : ses centres sont en métropole"]
    return []


# Places of round C: Nantes (Adelis), Saint-Étienne, Lyon, Marseille (vente), Quimperlé, Chenôve (Dijon's
# mission locale), Fougères and Valence (other towns' actions 45 km away), Bully-les-Mines (Artois), La Réunion,
# Mayotte, Guadeloupe, and the cities with only networks (Paris 18e, Toulouse, Roubaix, Le Mans).
ROUND_C_PLACES = (
    "44109", "42218", "69123", "13055", "29103", "21054", "35115", "26362", "62160",
    "97411", "97611", "97101", "75118", "31555", "59512", "72181",
)  # fmt: skip


def round_c_profiles() -> List[Profile]:
    """Every age that matters (15, 17, 19, 23), a job, training or no stated need, the vente trade or none,
    no diploma (out of school) or unknown, in each of the round's places."""
    return profile_grid(
        axis("code_insee", ROUND_C_PLACES),
        axis("age", (15, 17, 19, 23)),
        axis("besoin", ("emploi", "formation", None)),
        axis("secteur", (None, "vente")),
        ({"diplome": None, "scolarite": None}, {"diplome": "aucun", "scolarite": "sorti"}),
    )
