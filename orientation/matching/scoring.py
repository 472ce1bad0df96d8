"""Scores and selection inside one block (see orientation/matching/index.py). No French here.

Score = specific fit + closeness + small tie-breaking tiers, each worth more than everything below it:
  specific fit: the weights of orientation/matching/criteria.py (need 20, above all the rest together; no
    shelter 4, exiles 4, ...);
  closeness: 0.75 per level above national (commune 3); inside the région level
    (only used when nothing in the person's département fits), 0.19 per distance band closer than
    100 km (bands: under 50 km, under 100 km, farther or unknown), a région-wide record counting as near;
  still running (not historical): 0.1;
  general fit (young, woman, minima sociaux): 0.02 each, at most 3;
  quality: usable contact 0.01 + recency up to 0.0099.
Then id: equal inputs give equal outputs.

Place before padding: a record of another département of the région is only kept when no record of the
person's département or closer serves their need (or, without a stated need, fits at all); a record that
only serves a situation of the person is only kept in their département or closer. A record covering the
whole région is not "another département": it stays, ranked at the région's level.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

import numpy as np

from knowledge import geo
from knowledge.models import Initiative
from knowledge.profile import Profile
from orientation.matching import criteria, eligibility, quartiers, territory
from orientation.matching.places import (
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    LEVEL_RANK,
    NEAR_RANK,
    REGION,
    closest_km,
    epci_key,
)

if TYPE_CHECKING:
    from orientation.matching.index import Block, Columns

PROXIMITY_STEP = 0.75
CURRENT_BONUS = 0.1
QUALITY_CONTACT, QUALITY_RECENCY = 0.01, 0.0099
HISTORICAL_AFTER_YEARS = 10
# Within the région level: each band is worth more than all the tiers below it (0.1 + 0.06 + 0.02) and the
# two together less than a level (0.75), so distance orders région suggestions without overriding fit.
DISTANCE_BAND_STEP = 0.19
DISTANCE_BANDS_KM = (50.0, 100.0)
REGION_MAX_KM_WITHOUT_TRANSPORT = 60.0
# A town's or an intercommunalité's own action (zone commune/epci) serves that place: from elsewhere in the
# département, beyond this, nobody goes there even with a car (DKbus's job screens in Dunkerque's buses for
# Roubaix, 70 km, or Lille, 67 km). The first distance band: « near » for a région action ends here too.
TOWN_ACTION_MAX_KM = DISTANCE_BANDS_KM[0]
# Without a car or a licence (or a minor whose licence is not asked), closer still: play-testing conseillers
# struck a Montélimar action 43 km from Valence and Rennes ones 45 km from Fougères for people with no car.
TOWN_ACTION_MAX_KM_WITHOUT_TRANSPORT = 30.0
# Beyond this many région-level candidates, distance is not computed (synthetic bases only): fit decides.
DISTANCE_MAX_ROWS = 400

# (score, id, block, row, proximity rank) of one candidate.
Pick = Tuple[float, str, "Block", int, int]
Rule = Tuple[int, float, int, int]  # see criteria.active_rules


def is_historical(record: Initiative, today: Optional[date] = None) -> bool:
    """Ended, or last described more than ten years ago: we cannot vouch it still runs."""
    if record.statut == "historique":
        return True
    year = record.reference_year
    return year is not None and year < (today or date.today()).year - HISTORICAL_AFTER_YEARS


def shown_as_example(ended: bool, level: int) -> bool:
    """An action its text says has ended (statut historique: a one-off building site, a pilot over) is shown
    only as an example near home (« une action qui a existé près de chez vous ») or nationally: in another
    département there is nothing to go to (a finished site in Montpellier for someone in Nîmes). An old
    action not known to have ended stays, with its « demandez si elle existe encore »."""
    return not ended or level != LEVEL_RANK[REGION]


def record_quality(record: Initiative, historical: bool) -> float:
    recency = 0.0
    if record.reference_year:
        recency = min(max((record.reference_year - 2000) / 30, 0.0), 1.0)
    return (
        (0.0 if historical else CURRENT_BONUS)
        + (QUALITY_CONTACT if record.contact.is_usable and not historical else 0.0)
        + QUALITY_RECENCY * recency
    )


def town_reach_km(profile: Profile) -> float:
    """How far a town's own action elsewhere in the département may be (see TOWN_ACTION_MAX_KM)."""
    return TOWN_ACTION_MAX_KM if reach_km(profile) is None else TOWN_ACTION_MAX_KM_WITHOUT_TRANSPORT


def out_of_reach(
    block: Block, row: int, level: int, person: Optional[geo.Commune], max_km: float = TOWN_ACTION_MAX_KM
) -> bool:
    """A town's or an intercommunalité's own action, outside the person's own commune or EPCI, beyond `max_km`
    (town_reach_km): DKbus's job screens in Dunkerque's buses are no help from Roubaix, 70 km away, nor is
    a Montélimar permanence from Lyon (134 km) or a Nancy project from Strasbourg, however little else fits.
    Département-wide actions are everywhere in it and stay. An action a mission locale (or a town's service,
    territory.TERRITORIAL_PORTEURS) runs for its own territory follows the same rule from another département
    too (Rennes' mission locale is no way in from Quimper), and is out when the record does not say where it is.
    A town's action for its quartiers prioritaires is out from any other town (territory.for_own_quartiers)."""
    if person is None:
        return False
    record = block.entries[row]
    if record.zone.niveau not in (COMMUNE, EPCI):
        return False
    if territory.outside_quartiers(record, level):  # another town's quartiers, however close
        return True
    territorial = territory.outside_territory(record, level)
    if level > LEVEL_RANK[DEPARTEMENT] and not territorial:  # the person's own commune or EPCI
        return False
    km = closest_km(record, person)
    if km is None:  # a territory the record does not locate: never claimed to include the person
        return territorial
    return km > max_km


def reach_km(profile: Profile) -> Optional[float]:
    """How far another département's action may be: without a car or a licence, an action farther than this
    cannot be attended (the issue's « Nancy, 144 km » from Sedan); with transport, or unknown, no limit."""
    minor = profile.whole_age is not None and profile.whole_age < 18 and profile.permis is None  # not asked before 17
    # A vehicle of one's own without the car licence is a scooter or a moto (permis AM/A: reading/vehicles.py reads
    # « le permis A pour sa moto » as no car licence): it goes as far as a car.
    on_foot = profile.vehicule is not True and (profile.permis is False or minor)
    return REGION_MAX_KM_WITHOUT_TRANSPORT if profile.vehicule is False or on_foot else None


def region_distance_bonus(
    block: Block,
    rows: Sequence[int],
    person: Optional[geo.Commune],
    max_km: Optional[float] = None,
    town_km: Optional[float] = None,
) -> List[Optional[float]]:
    """The distance-band bonus of région-level rows (same Python arithmetic for the loop and numpy paths);
    None for a row beyond `max_km`, or another territory's own action beyond `town_km` or not located
    (out_of_reach's rule, applied here with the distance computed once), or one whose kind of structure exists
    closer (territory.same_kind_closer), which is not offered."""
    if person is None or len(rows) > DISTANCE_MAX_ROWS:
        return [0.0] * len(rows)
    bonus: List[Optional[float]] = []
    for row in rows:
        if block.regionwide[row]:
            km: Optional[float] = 0.0
        else:
            km = closest_km(block.entries[row], person)
        if max_km is not None and km is not None and km > max_km:
            bonus.append(None)
            continue
        record = block.entries[row]
        if territory.outside_quartiers(record, LEVEL_RANK[REGION]):
            bonus.append(None)  # another town's quartiers (out_of_reach's rule)
            continue
        if not block.regionwide[row] and territory.same_kind_closer(record):
            bonus.append(None)  # a mission locale, an IAE structure… of another département: one is closer
            continue
        # out_of_reach's rule: a town's or EPCI's own action beyond `town_km`, or another territory's not located.
        if town_km is None:
            far_town = lost = False
        else:
            far_town = km is not None and record.zone.niveau in (COMMUNE, EPCI) and km > town_km
            lost = km is None and territory.outside_territory(record, LEVEL_RANK[REGION])
        if far_town or lost:
            bonus.append(None)
            continue
        band = len(DISTANCE_BANDS_KM) if km is None else sum(km >= limit for limit in DISTANCE_BANDS_KM)
        bonus.append(DISTANCE_BAND_STEP * (len(DISTANCE_BANDS_KM) - band))
    return bonus


def pick_order(pick: Pick) -> Tuple[float, str]:
    return -pick[0], pick[1]


def closer_rows(block: Block, person: Optional[geo.Commune]) -> List[Tuple[Sequence[int], int]]:
    """Rows of a région block closer than the région, coarse to fine so the closest level is applied last."""
    if person is None:
        return []
    out = []
    for index, key, level in (
        (block.by_departement, person.departement, DEPARTEMENT),
        (block.by_epci, epci_key(person), EPCI),
        (block.by_commune, person.arrondissement_de or person.code_insee, COMMUNE),
    ):
        positions = index.get(key) if key else None
        if positions is not None and len(positions):
            out.append((positions, LEVEL_RANK[level]))
    return out


def resident_rows(block: Block, person: Optional[geo.Commune], profile: Profile) -> List[Sequence[int]]:
    """Rows of residents-only records whose places include the person's commune, département, région or QPV."""
    if person is None or not block.by_resident:
        return []
    keys = {person.code_insee, person.arrondissement_de or person.code_insee, person.departement, person.region}
    keys.update(quartiers.of_person(profile, person))
    return [block.by_resident[key] for key in keys if key in block.by_resident]


def select(
    block: Block, base_level: int, profile: Profile, person: Optional[geo.Commune], rules: List[Rule], limit: int
) -> List[Pick]:
    """The block's best rows for this profile: at least `limit`, plus any tied with the last one."""
    if not block.entries or not rules or limit <= 0:
        return []
    closer = closer_rows(block, person) if base_level == LEVEL_RANK[REGION] else []
    residents = resident_rows(block, person, profile)
    asked = _Asked(base_level, closer, residents, profile, person, rules, limit)
    if block.columns is not None:
        return _select_vector(block, block.columns, asked)
    return _select_rows(block, asked)


class _Asked(NamedTuple):
    """What `select` asks of a block, the same for its two paths."""

    base_level: int
    closer: Sequence[Tuple[Sequence[int], int]]
    residents: List[Sequence[int]]
    profile: Profile
    person: Optional[geo.Commune]
    rules: List[Rule]
    limit: int


def _select_rows(block: Block, asked: _Asked) -> List[Pick]:
    """Plain loop for small blocks (the real base): faster than numpy's per-call overhead there.
    Same arithmetic, in the same order, as `_select_vector`, so both give bit-identical scores."""
    base_level, closer, residents, profile, person, rules, limit = asked
    excluded = eligibility.excluded(profile)
    resident_ok = excluded & ~eligibility.R_RESIDENTS
    allowed: Set[int] = set()
    for positions in residents:
        allowed.update(positions)
    age = profile.whole_age
    levels: Dict[int, int] = {}
    for positions, level in closer:
        levels.update(dict.fromkeys(positions, level))
    features, restrictions, quality, zone_ranks = block.features, block.restrictions, block.quality, block.zone_rank
    age_min, age_max, legal_min = block.age_min, block.age_max, block.legal_min
    has_need = any(rule[2] == criteria.RELEVANT_ANYWHERE for rule in rules)
    town_km = town_reach_km(profile)
    found: List[Pick] = []
    anchored = False  # a pick in the person's département or closer that serves the need
    for row in range(len(block.entries)):
        if restrictions[row] & (resident_ok if row in allowed else excluded):
            continue
        if age is None:
            if age_min[row] != eligibility.NO_AGE_MIN or age_max[row] != eligibility.NO_AGE_MAX:
                continue
        elif not age_min[row] <= age <= age_max[row] or age < legal_min[row]:
            continue
        level = levels.get(row, base_level)
        if not shown_as_example(block.ended[row], level):
            continue
        near = level >= NEAR_RANK
        bits, fit, relevant, by_need = features[row], 0.0, False, False
        for bit, weight, relevance, reach in rules:
            if bits & bit and criteria.reaches(reach, level, zone_ranks[row]):
                fit += weight
                if relevance == criteria.RELEVANT_ANYWHERE:
                    relevant = by_need = True
                elif near and criteria.relevant_near(relevance, bits):
                    relevant = True
        if not relevant or out_of_reach(block, row, level, person, town_km):
            continue
        anchored = anchored or (near and (by_need or not has_need))
        found.append((fit + PROXIMITY_STEP * level + quality[row], block.ids[row], block, row, level))
    if anchored:
        found = [pick for pick in found if pick[4] != LEVEL_RANK[REGION] or block.regionwide[pick[3]]]
    else:
        at_region = [i for i, pick in enumerate(found) if pick[4] == LEVEL_RANK[REGION]]
        bonus = region_distance_bonus(block, [found[i][3] for i in at_region], person, reach_km(profile))
        for i, extra in zip(at_region, bonus):
            score, record_id, _, row, level = found[i]
            found[i] = (score + (extra or 0.0), record_id, block, row, level if extra is not None else -1)
        found = [pick for pick in found if pick[4] != -1]
    if len(found) > limit:
        found.sort(key=pick_order)
        found = found[:limit]
    return found


def _select_vector(block: Block, columns: Columns, asked: _Asked) -> List[Pick]:
    base_level, closer, residents, profile, person, rules, limit = asked
    size = len(block.entries)
    excluded = eligibility.excluded(profile)
    keep = (columns.restrictions & excluded) == 0
    for positions in residents:
        keep[positions] = (columns.restrictions[positions] & (excluded & ~eligibility.R_RESIDENTS)) == 0
    age = profile.whole_age
    if age is None:
        keep &= (columns.age_min == eligibility.NO_AGE_MIN) & (columns.age_max == eligibility.NO_AGE_MAX)
    else:
        keep &= (columns.age_min <= age) & (age <= columns.age_max) & (columns.legal_min <= age)
    level = np.full(size, base_level, dtype=np.int64)
    for positions, rank in closer:
        level[positions] = rank
    keep &= ~(columns.ended & (level == LEVEL_RANK[REGION]))  # see `shown_as_example`
    near = level >= NEAR_RANK
    fit = np.zeros(size, dtype=np.float64)
    relevant = np.zeros(size, dtype=bool)
    by_need = np.zeros(size, dtype=bool)
    has_need = False
    for bit, weight, relevance, reach in rules:
        hit = (columns.features & bit) != 0
        if reach != criteria.ANYWHERE:
            hit &= near
        if reach == criteria.IN_ZONE:
            hit &= level >= columns.zone_rank
        fit += weight * hit
        if relevance == criteria.RELEVANT_ANYWHERE:
            relevant |= hit
            by_need |= hit
            has_need = True
        elif relevance == criteria.RELEVANT_NEAR:
            relevant |= hit & near
        elif relevance == criteria.RELEVANT_NEAR_OWN_NEED:
            relevant |= hit & near & ((columns.features & criteria.NEEDS_ONLY_BIT) == 0)
    keep &= relevant
    if person is not None:
        # Région-level rows of another territory are checked with their distance bonus, once gating is known.
        nearby = np.flatnonzero(keep & (level == LEVEL_RANK[DEPARTEMENT]))
        if nearby.size <= DISTANCE_MAX_ROWS:  # synthetic bases only beyond: fit decides
            town_km = town_reach_km(profile)
            far = [row for row in nearby.tolist() if out_of_reach(block, row, int(level[row]), person, town_km)]
            keep[far] = False
    gated = bool((keep & near & (by_need if has_need else True)).any())
    if gated:
        keep &= (level != LEVEL_RANK[REGION]) | columns.regionwide
    rows = np.flatnonzero(keep)
    if rows.size == 0:
        return []
    score = fit[rows] + PROXIMITY_STEP * level[rows] + columns.quality[rows]
    if not gated:
        at_region = np.flatnonzero(level[rows] == LEVEL_RANK[REGION])
        if at_region.size:
            bonus = region_distance_bonus(
                block, rows[at_region].tolist(), person, reach_km(profile), town_reach_km(profile)
            )
            score[at_region] += np.array([extra or 0.0 for extra in bonus], dtype=np.float64)
            reachable = np.ones(rows.size, dtype=bool)
            reachable[at_region] = [extra is not None for extra in bonus]
            rows, score = rows[reachable], score[reachable]
            if rows.size == 0:
                return []
    if rows.size > limit:
        # Everything tied with the limit-th best stays in, so the id tie-break is exact.
        threshold = np.partition(score, rows.size - limit)[rows.size - limit]
        chosen = score >= threshold
        rows, score = rows[chosen], score[chosen]
    return [(float(s), block.ids[r], block, int(r), int(level[r])) for r, s in zip(rows.tolist(), score.tolist())]
