"""Play-test F checks of the relevance audit (issue 14): the lines a conseiller struck in round F, this file's
own reading of the rules (not the engine's criteria table):

- an action for one kind of handicap (its access conditions name it: psychique, mental, sourds…) is never shown:
  the profile does not record the kind, and « handicap » is not one public (Working first 13 for a deaf person);
- an action of another département run by a structure found in every département (mission locale, France
  Travail, Cap emploi, an IAE structure) is never shown: the same kind is closer (Perm'IAE sud Loire in Lyon);
- the mobility cards (platforms, permis aids) only for someone who asked for the permis, or without permis nor
  vehicle, looking for a job, a training or an apprenticeship, outside a large town with its own network; the
  permis aids never under 17 (Mulhouse, Corbeil-Essonnes).
"""

from __future__ import annotations

import re
from typing import List

from knowledge.profile import Profile
from orientation.matching import Suggestion
from orientation.matching.networks import dense_transit_area

ONE_KIND = re.compile(r"psychique|mental|cognitif|sourd|malentendant|autis|aveugle|malvoyant|visuel|moteur", re.I)
EVERYWHERE = frozenset({"mission-locale", "france-travail", "cap-emploi-reseau-cheops", "aci", "ai", "ei", "etti"})


def check_round_f(s: Suggestion, p: Profile) -> List[str]:
    problems: List[str] = []
    record = s.initiative
    if ONE_KIND.search(record.eligibilite.conditions_acces or ""):
        problems.append("réservée à un type de handicap que le profil ne dit pas")
    if s.proximity == "region" and record.zone.niveau != "region" and record.porteur.type in EVERYWHERE:
        problems.append(f"{record.porteur.type} d'un autre département : il en existe un plus près")
    return problems


def mobility_cards_due(p: Profile) -> bool:
    """The mobility cards' rule, this file's reading: the permis asked for, or neither permis nor vehicle for a
    job, a training or an apprenticeship outside a large town with its own network."""
    asked = p.besoin == "mobilite-permis"
    barrier = (
        p.permis is False
        and p.vehicule is False
        and p.besoin in ("emploi", "formation", "apprentissage")
        and not dense_transit_area(p.code_insee)
    )
    return asked or barrier


def check_networks_round_f(p: Profile, networks: set) -> List[str]:
    problems: List[str] = []
    mobility = networks & {"plateformes-mobilite", "aides-permis"}
    if mobility and not mobility_cards_due(p):
        problems.append(f"{', '.join(sorted(mobility))} sans frein de mobilité")
    age = p.whole_age
    if "aides-permis" in networks and age is not None and age < 17:
        problems.append(f"aides pour payer le permis à {age} ans")
    return problems
