"""Whose territory an action serves: a mission locale, a town or another territorial porteur runs its action for
its own commune or intercommunalité (no way in for someone outside it, never said to be theirs), and the
structures found in every département (another département's one is never offered: the same kind is closer).
Used by the criteria table (criteria.py, the « territoire » reason), the scoring (scoring.out_of_reach) and the
wording. No French.
"""

from __future__ import annotations

from knowledge.models import Initiative


def zone_rank(record: Initiative) -> int:
    """The closeness at which the person is inside the record's own zone (a LEVEL_RANK value); a commune's
    service counts as serving its intercommunality (a permis course in Roubaix for someone in Lille)."""
    from orientation.matching.places import EPCI, LEVEL_RANK  # no cycle at import time

    return min(LEVEL_RANK[record.zone.niveau], LEVEL_RANK[EPCI])


# Porteurs whose actions serve their own territory's people: a mission locale its young people, a town, an
# intercommunalité, a CCAS, a maison de l'emploi, a PLIE or a France Travail agency the residents or job-seekers
# of its area. Such an action in a commune or an intercommunalité is no way in for someone outside that zone
# (scoring.out_of_reach), and is never said to be « dans votre département » as if it were theirs (round C).
TERRITORIAL_PORTEURS = frozenset(
    {"mission-locale", "communes", "collectivite", "ccas-cias", "maisons-de-l-emploi", "plie", "france-travail"}
)


# Porteurs of standing networks found in every département: missions locales, France Travail, Cap emploi, and the
# IAE structures (chantiers, entreprises, associations intermédiaires, intérim d'insertion: their posts near
# everyone are on the inclusion platform, the IAE card says so). Another département's action by one of them is
# never offered: the same kind exists closer (issue 14: « another département of the région only when nothing
# closer fits »). Play-test F, f18: the southern Loire's intérim d'insertion for a 19-year-old in Lyon 7e. A
# région-wide action stays (it covers the person's own département).
EVERYWHERE_PORTEURS = frozenset(
    {"mission-locale", "france-travail", "cap-emploi-reseau-cheops", "aci", "ai", "ei", "etti"}
)


def same_kind_closer(record: Initiative) -> bool:
    """From another département, this record's kind of structure exists closer to the person."""
    return record.porteur.type in EVERYWHERE_PORTEURS


def is_territorial(record: Initiative) -> bool:
    """An action run by a territorial porteur for its own commune or intercommunalité, or one reserved to the
    young people a mission locale follows, held there (Juby Intérim's permanences at Montélimar's)."""
    from orientation.matching.places import COMMUNE, EPCI  # no cycle at import time

    if record.zone.niveau not in (COMMUNE, EPCI):
        return False
    return record.porteur.type in TERRITORIAL_PORTEURS or "suivi-mission-locale" in record.eligibilite.reserve_a


def for_own_quartiers(record: Initiative) -> bool:
    """An action reserved to the residents of quartiers prioritaires, held in some towns (or intercommunalités):
    it serves those towns' quartiers, not a QPV elsewhere (play-test H: Rouen's « 100 Chances 100 Emplois » for
    a young person of Évreux, Aubervilliers' for a Parisian of the Goutte d'Or, both « ce qui est votre cas »)."""
    from orientation.matching.places import COMMUNE, EPCI  # no cycle at import time

    return record.zone.niveau in (COMMUNE, EPCI) and "qpv" in record.eligibilite.reserve_a


def outside_quartiers(record: Initiative, rank: int) -> bool:
    """The person lives outside the towns whose quartiers the action serves (rank: a LEVEL_RANK value)."""
    return for_own_quartiers(record) and rank < zone_rank(record)


def outside_territory(record: Initiative, rank: int) -> bool:
    """The person is outside the territory a territorial porteur's action serves."""
    return is_territorial(record) and rank < zone_rank(record)
