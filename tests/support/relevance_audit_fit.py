"""Round E checks of the relevance audit (play-test E, issue 14): what a conseiller struck in a list whose
lines were each allowed by the hard rules. Written apart from the matcher's code (no criteria table): the
record's own fields and the profile only."""

from __future__ import annotations

from typing import List

from knowledge.profile import BESOINS, Profile
from orientation.matching import Suggestion

# Situations that answer any need: a roof, exile, getting about, no diploma (a second-chance school for a job
# seeker). The others (a quartier prioritaire, a handicap, being young…) open no action of another need only.
_OPEN_ANY_NEED = frozenset({"sans-domicile", "exiles", "mobilite", "sans-diplome"})
_NEED_THEMES = frozenset(t for b, (_, themes) in BESOINS.items() if b != "ne-sait-pas" for t in themes)


def check_round_e(s: Suggestion, p: Profile) -> List[str]:
    problems: List[str] = []
    record = s.initiative
    if record.evenement_ponctuel and record.statut == "historique":
        problems.append("événement d'un jour passé depuis longtemps : plus rien où aller")
    if p.besoin not in (None, "ne-sait-pas"):
        own = BESOINS[p.besoin][1]
        themes = set(record.thematiques)
        other_need_only = bool(themes) and themes <= _NEED_THEMES and not themes & own
        if other_need_only and not set(s.criteria) & _OPEN_ANY_NEED:
            problems.append(f"sert un autre besoin que « {p.besoin} », ouverte par une situation seulement")
    if "residents-du-porteur" in record.eligibilite.reserve_a:
        problems.append("réservée aux résidents du foyer qui la porte : le profil ne peut pas le dire")
    return problems


def check_networks_round_e(p: Profile, networks: set) -> List[str]:
    problems: List[str] = []
    if p.scolarite == "scolarise" and "france-travail" in networks:
        problems.append("France Travail à un élève ou un étudiant")
    if "action-logement" in networks and p.besoin != "logement":
        problems.append("Action Logement sans besoin de logement")
    age = p.whole_age
    out_of_school = p.scolarite != "scolarise" and p.besoin in ("emploi", "formation", "apprentissage", "ne-sait-pas")
    ceiling = 29 if p.handicap == "rqth" else 25
    if out_of_school and age is not None and 16 <= age <= ceiling and "contrat-engagement-jeune" not in networks:
        problems.append(f"{age} ans, ni élève ni en emploi, sans le CEJ")
    return problems
