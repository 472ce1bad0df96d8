"""The reference matcher of the property tests (tests/test_matching_properties.py): no index, no numpy; the
same rules written the plain way, record by record, so that the index and the vector path can be compared
with it."""

from __future__ import annotations

from typing import List

from knowledge import geo
from knowledge.loader import KnowledgeBase
from knowledge.profile import BESOINS, Profile
from orientation.matching import criteria, eligibility, is_historical, record_place, territory
from tests.support.matching import TODAY


def scan(kb: KnowledgeBase, profile: Profile) -> List[str]:
    """Reference matcher: no index, no numpy; same rules, written the plain way, record by record."""
    from orientation.matching import places, scoring

    person = geo.get_commune(profile.code_insee) if profile.code_insee else None
    rules = criteria.active_rules(profile)
    scored = []
    for record in kb.initiatives:
        if not eligibility.passes_hard_rules(record, profile, person):
            continue
        level = places.proximity_rank(record_place(record), record.zone.niveau, person)
        if level is None:
            continue
        if not scoring.shown_as_example(record.statut == "historique", level):
            continue
        features = criteria.features(record)
        near = level >= places.NEAR_RANK
        hits = [
            (bit, weight, relevance)
            for bit, weight, relevance, reach in rules
            if features & bit and criteria.reaches(reach, level, territory.zone_rank(record))
        ]
        # The need makes a record worth it anywhere; a situation (or a general fit) only near home.
        by_need = any(relevance == criteria.RELEVANT_ANYWHERE for _, _, relevance in hits)
        # A situation that answers one need only (QPV, handicap) opens no record whose themes are all some other
        # need's, for someone who said what they look for; a roof, exile, mobility or no diploma do.
        other_need = set(record.thematiques) <= {
            t for b, (_, themes) in BESOINS.items() if b != "ne-sait-pas" for t in themes
        } and bool(record.thematiques)
        situation = any(
            relevance == criteria.RELEVANT_NEAR or (relevance == criteria.RELEVANT_NEAR_OWN_NEED and not other_need)
            for _, _, relevance in hits
        )
        if not (by_need or near and situation):
            continue
        # A town's or an intercommunalité's own action outside the person's commune or EPCI (in the département
        # or elsewhere in the région): not beyond 50 km, 30 km without transport (or a minor whose licence
        # is not asked).
        town_own = record.zone.niveau in ("commune", "epci") and level <= places.LEVEL_RANK["departement"]
        # An action a mission locale (or a town's service) runs for its own commune or EPCI, or one reserved
        # to the young people a mission locale follows there: for someone outside that zone, the same 50 / 30 km
        # from any département, and out when the record does not locate its territory.
        own_territory = record.zone.niveau in ("commune", "epci") and (
            record.porteur.type
            in {
                "mission-locale",
                "communes",
                "collectivite",
                "ccas-cias",
                "maisons-de-l-emploi",
                "plie",
                "france-travail",
            }
            or "suivi-mission-locale" in record.eligibilite.reserve_a
        )
        outside = own_territory and level < territory.zone_rank(record)
        no_car = profile.vehicule is False or (
            profile.vehicule is not True
            and (
                profile.permis is False
                or (profile.permis is None and profile.whole_age is not None and profile.whole_age < 18)
            )
        )
        if person is not None and territory.outside_quartiers(record, level):
            continue  # another town's own quartiers prioritaires, however close
        if person is not None and (town_own or outside):
            km = places.closest_km(record, person)
            if (km is None and outside) or (km is not None and km > (30 if no_car else 50)):
                continue
        historical = is_historical(record, TODAY)
        score = (
            sum(weight for _, weight, _ in hits)
            + scoring.PROXIMITY_STEP * level
            + scoring.record_quality(record, historical)
        )
        scored.append((level, -score, record.id, record.zone.niveau == "region", by_need))
    has_need = any(rule[2] == criteria.RELEVANT_ANYWHERE for rule in rules)
    anchored = any(item[0] >= places.NEAR_RANK and (item[4] or not has_need) for item in scored)
    scored = [item[:4] for item in scored]
    if anchored:
        scored = [item for item in scored if item[0] != places.LEVEL_RANK["region"] or item[3]]
    elif person is not None:
        # Région-level ones ordered by distance bands (under 50 km, under 100 km, farther or unknown).
        regional = [i for i, item in enumerate(scored) if item[0] == places.LEVEL_RANK["region"]]
        if len(regional) <= scoring.DISTANCE_MAX_ROWS:
            by_id = {r.id: r for r in kb.initiatives}
            no_transport = profile.vehicule is False or (
                profile.vehicule is not True
                and (
                    profile.permis is False
                    or (profile.permis is None and profile.whole_age is not None and profile.whole_age < 18)
                )
            )
            for i in regional:
                level, neg, record_id, whole = scored[i]
                km = 0.0 if whole else places.closest_km(by_id[record_id], person)
                band = 2 if km is None else (0 if km < 50 else 1 if km < 100 else 2)
                # a mission locale, an IAE structure… of another département: one of its kind is closer
                closer = not whole and territory.same_kind_closer(by_id[record_id])
                out_of_reach = closer or (no_transport and km is not None and km > 60)
                scored[i] = (None if out_of_reach else level, -((-neg) + 0.19 * (2 - band)), record_id, whole)
            scored = [item for item in scored if item[0] is not None]
    found = [item[2] for item in sorted(scored, key=lambda item: item[1:3])]
    # One employer's own recruitment (porteur entreprise, one trade) never stands alone for the need.
    by_id = {r.id: r for r in kb.initiatives}
    employer = {rid for rid in found if by_id[rid].porteur.type == "entreprise" and by_id[rid].eligibilite.secteurs}
    if employer and profile.besoin is not None:
        themes = BESOINS[profile.besoin][1]
        if not any(set(by_id[rid].thematiques) & themes for rid in found if rid not in employer):
            found = [rid for rid in found if rid not in employer]
    return found
