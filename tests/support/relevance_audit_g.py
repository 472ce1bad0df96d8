"""Play-test G checks of the relevance audit (issue 14): the lines a conseiller struck in round G, read from the
record's own fields, its displayed reasons and the profile only (no criteria table, no engine code):

- a pupil still at school is never offered an action for people out of school: a record for job seekers or
  workers (data·inclusion publics demandeurs-emploi, actifs) that names neither students nor everybody, or one
  reserved to the young people a mission locale follows (missions locales serve 16-25-year-olds who left
  school);
- an action whose only apprenticeship theme is discovering trades is no fit for an apprenticeship to someone
  who has already chosen a trade, and is never said to be « un premier pas vers un apprentissage » to them;
- an action for the quartiers prioritaires of one commune (reserved to QPV residents, its quartiers named, held
  in that commune only) is never proposed to someone from another commune;
- an FJT-only action is never said to be « votre cas »: the profile knows « en foyer », not which foyer; and
  its reason speaks of a foyer only when the person lives in one;
- a reason on the permis-or-mobility need says « ce que vous cherchez » only when the action does what the
  person wants: the permis when they have none (the action prepares it), a vehicle when they have the permis;
- one fact about the person opens one reason only (g19: « Vous n'avez pas de diplôme » twice).
"""

from __future__ import annotations

from typing import List, Optional

from knowledge import geo
from knowledge.profile import BESOINS, Profile
from orientation.matching import Suggestion
from tests.support.fit_cases import axis, combinations, profile_grid

_OUT_OF_SCHOOL_PUBLICS = frozenset({"demandeurs-emploi", "actifs"})
_SCHOOL_PUBLICS = frozenset({"etudiants", "tous-publics"})
_DISCOVER = "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"
_SITUATIONS = ("sans-domicile", "exiles", "qpv", "handicap", "mobilite", "sans-diplome")


def _out_of_school(s: Suggestion) -> bool:
    record = s.initiative
    publics = set(record.publics)
    job_seekers = bool(publics & _OUT_OF_SCHOOL_PUBLICS) and not publics & _SCHOOL_PUBLICS
    return job_seekers or "suivi-mission-locale" in record.eligibilite.reserve_a


def check_round_g(s: Suggestion, p: Profile, person: Optional[geo.Commune]) -> List[str]:
    problems: List[str] = []
    city = None if person is None else person.arrondissement_de or person.code_insee
    record = s.initiative
    themes = set(record.thematiques)
    if p.scolarite == "scolarise" and _out_of_school(s):
        problems.append("programme pour des personnes sorties de l'école proposé à un élève")
    if p.besoin == "apprentissage" and p.secteur is not None and p.secteur not in record.eligibilite.secteurs:
        if themes & BESOINS["apprentissage"][1] == {_DISCOVER} and not set(s.criteria) & set(_SITUATIONS):
            problems.append("découverte des métiers pour l'apprentissage à qui a déjà choisi son métier")
        if any("un premier pas vers un apprentissage" in r and "découvrir des métiers" in r for r in s.reasons):
            problems.append("« découvrir des métiers » dit à qui a déjà choisi son métier")
    zone = record.zone
    if (
        "qpv" in record.eligibilite.reserve_a
        and zone.quartiers
        and zone.niveau == "commune"
        and len(zone.communes) == 1
        and city not in zone.communes
    ):
        problems.append(f"action des quartiers d'une autre commune ({zone.communes[0]})")
    facts = [r.split(" : ")[0] for r in s.reasons if r.startswith("Vous") and " : " in r]
    problems.extend(f"« {fact} » dit deux fois" for fact in sorted(set(facts)) if facts.count(fact) > 1)
    for r in s.reasons:
        if "foyer de jeunes travailleurs" in r and "votre cas" in r:
            problems.append(f"« {r} » : le profil dit « en foyer », pas lequel")
        if r.startswith("Vous vivez en foyer") and p.logement != "foyer-fjt":
            problems.append(f"« {r} » sans foyer")
        if p.besoin == "mobilite-permis" and "ce que vous cherchez" in r:
            if p.permis is False and not ("permis" in r and "mobilite--preparer-un-permis" in themes):
                problems.append(f"« {r} » à qui veut le permis, l'action ne le prépare pas")
            if "véhicule" in r and p.permis is not True:
                problems.append(f"« {r} » : un véhicule n'est pas ce que cherche qui n'a pas le permis")
    return problems


# Places of play-test G: Valence (Fontbarlettes), Marseille 14e and 15e, Grenoble (La Villeneuve), Échirolles,
# Perpignan (Saint-Jacques), Strasbourg (Neuhof), Lyon 1er, Nantes (Bellevue), Besançon (Planoise), Saint-Flour,
# Limoges, Montélimar.
ROUND_G_PLACES = (
    "26362", "13214", "13215", "38185", "38151", "66136", "67482", "69381", "44109", "25056", "15187", "87085",
    "26198",
)  # fmt: skip


def round_g_profiles() -> List[Profile]:
    """The personas' ages (15, 17, 20, 22), needs (apprenticeship with or without a trade, job, the permis), a
    pupil or someone out of school without a diploma, at their parents' or in a foyer, with or without the
    permis, all from a quartier prioritaire."""
    situations = [
        *combinations(
            (
                {"besoin": "apprentissage"},
                {"besoin": "apprentissage", "secteur": "metiers-de-bouche"},
                {"besoin": "emploi"},
            ),
            ({"scolarite": "scolarise"}, {"scolarite": "sorti", "diplome": "aucun"}),
            axis("logement", ("chez-parents", "foyer-fjt")),
            axis("permis", (False, True)),
            ({"vehicule": False},),
        ),
        *combinations(({"besoin": "mobilite-permis"},), axis("permis", (False, True))),  # the permis or a vehicle (g04)
    ]
    return profile_grid(axis("code_insee", ROUND_G_PLACES), axis("age", (15, 17, 20, 22)), ({"qpv": True},), situations)
