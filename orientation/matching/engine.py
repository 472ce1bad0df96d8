"""Profile → at most four suggestions that fit, closest first, each with the reasons it fits; plus the
standing networks. One engine for the real base and the 100,000-service benchmark alike."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import Dict, List, Optional, Tuple

from knowledge import geo
from knowledge.loader import KnowledgeBase, default_knowledge
from knowledge.models import Initiative
from knowledge.profile import Profile
from orientation.matching import criteria, place_sentences, wording
from orientation.matching.index import Block, build_index
from orientation.matching.networks import NetworkSuggestion, match_networks
from orientation.matching.places import (
    LEVEL_NAME,
    LEVEL_RANK,
    NATIONAL,
    REGION,
    PlaceChoice,
    choose_place,
    preload,
    proximity_rank,
    record_place,
)
from orientation.matching.scoring import Pick, pick_order, select

# Fewer good suggestions beat four weak ones: never more than this, and no padding to reach it.
DEFAULT_LIMIT = 4
# Blocks with at least this many rows are matched with numpy; smaller ones with a plain loop.
VECTOR_FROM = 256


@dataclass(frozen=True)
class Suggestion:
    initiative: Initiative
    proximity: str  # commune | epci | departement | region | national
    score: float
    reasons: Tuple[str, ...]
    historical: bool
    where: str
    how_to_reach: Tuple[str, ...]
    year: Optional[int]
    criteria: Tuple[str, ...] = ()  # the criterion key behind each reason, same order
    place: PlaceChoice = PlaceChoice(NATIONAL)  # what `where` and the place reason name


@dataclass(frozen=True)
class Recommendation:
    profile: Profile
    local: Tuple[Suggestion, ...]
    networks: Tuple[NetworkSuggestion, ...]

    @property
    def empty(self) -> bool:
        """No initiative found: the answer is the networks only, said honestly."""
        return not self.local


def person_of(profile: Profile) -> Optional[geo.Commune]:
    return geo.get_commune(profile.code_insee) if profile.code_insee else None


def describe_where(record: Initiative, person: Optional[geo.Commune] = None) -> str:
    """Where a record is, for this person (any record, even one the matcher would not offer them)."""
    rank = proximity_rank(record_place(record), record.zone.niveau, person)
    if person is None or rank is None:
        return place_sentences.where_without_person(record)
    return place_sentences.where_text(record, choose_place(record, LEVEL_NAME[rank], person))


class Matcher:
    """Built once per knowledge base; `recommend` is then read-only and thread-safe."""

    def __init__(self, kb: KnowledgeBase, today: Optional[date] = None, vector_from: int = VECTOR_FROM) -> None:
        self.kb = kb
        self.today = today or date.today()
        # Building creates many long-lived, acyclic objects: the cyclic collector would rescan them over and
        # over for nothing (about 40 % of the build time at 100,000 services).
        collecting = gc.isenabled()
        gc.disable()
        try:
            preload()
            index = build_index(kb.initiatives, self.today, vector_from)
        finally:
            if collecting:
                gc.enable()
        self._regions: Dict[str, Block] = index.regions
        self._national = index.national

    def candidates_count(self, region: Optional[str]) -> int:
        block = self._regions.get(region or "")
        return (len(block.entries) if block else 0) + len(self._national.entries)

    def recommend(self, profile: Profile, limit: int = DEFAULT_LIMIT) -> Recommendation:
        person = person_of(profile)
        blocks: List[Tuple[Block, int]] = [(self._national, LEVEL_RANK[NATIONAL])]
        if person is not None and person.region in self._regions:
            blocks.insert(0, (self._regions[person.region], LEVEL_RANK[REGION]))
        rules = criteria.active_rules(profile)
        picked: List[Pick] = []
        for block, base_level in blocks:
            picked.extend(select(block, base_level, profile, person, rules, limit))
        picked.sort(key=pick_order)
        shown = [(pick, profile) for pick in picked[: max(limit, 0)]]
        for need in profile.needs[1:]:
            shown = self._one_for(need, shown, blocks, profile, person, limit)
        local = tuple(
            self._suggestion(block, row, level, score, said, person) for (score, _, block, row, level), said in shown
        )
        local = keep_company(local)
        return Recommendation(profile, local, match_networks(self.kb.networks, profile))

    def _one_for(
        self,
        need: str,
        shown: List[Tuple[Pick, Profile]],
        blocks: List[Tuple[Block, int]],
        profile: Profile,
        person: Optional[geo.Commune],
        limit: int,
    ) -> List[Tuple[Pick, Profile]]:
        """Each need said gets a line of its own when one exists (play-test H h01: the apprenticeship's lines
        pushed the permis out): the best line for `need` alone, read as if it were the only need (its reasons
        then say that need), takes the place of the last line no other need depends on."""
        alone = replace(profile, besoin=need, besoins_autres=None)
        if limit <= 0 or any(_serves(pick, need, alone, person) for pick, _ in shown):
            return shown
        rules = criteria.active_rules(alone)
        found = sorted(
            (pick for block, base in blocks for pick in select(block, base, alone, person, rules, 1)), key=pick_order
        )
        best = next((pick for pick in found if _serves(pick, need, alone, person)), None)
        if best is None or any(pick[2:4] == best[2:4] for pick, _ in shown):
            return shown
        if len(shown) < limit:
            return [*shown, (best, alone)]
        for index in range(len(shown) - 1, -1, -1):
            others = shown[:index] + shown[index + 1 :]
            if all(_still_served(other_need, shown[index], others, profile, person) for other_need in profile.needs):
                return [*others, (best, alone)]
        return shown

    def _suggestion(
        self, block: Block, row: int, rank: int, score: float, profile: Profile, person: Optional[geo.Commune]
    ) -> Suggestion:
        record = block.entries[row]
        historical = block.historical[row]
        choice = choose_place(record, LEVEL_NAME[rank], person)
        keys = tuple(criteria.reason_keys(record, profile, person, rank))
        return Suggestion(
            initiative=record,
            proximity=LEVEL_NAME[rank],
            score=round(score, 4),
            reasons=tuple(
                wording.reason(key, record, profile, person, choice)
                for key in keys
                if not criteria.said_by_reservation(key, keys)
            ),
            historical=historical,
            where=place_sentences.where_text(record, choice),
            how_to_reach=() if historical else wording.how_to_reach(record),
            year=record.published or record.annee,
            criteria=keys,
            place=choice,
        )


def keep_company(local: Tuple[Suggestion, ...]) -> Tuple[Suggestion, ...]:
    """A record that may not stand alone (criteria.needs_company: one employer's own recruitment) stays only
    when another line shown serves the stated need; else the standing networks carry that need."""
    if not any(criteria.needs_company(s.initiative) for s in local):
        return local
    serving = [s for s in local if not criteria.needs_company(s.initiative) and _serves_need(s)]
    return local if serving else tuple(s for s in local if not criteria.needs_company(s.initiative))


def _serves(pick: Pick, need: str, alone: Profile, person: Optional[geo.Commune]) -> bool:
    """Does the picked line serve `need`, for a profile where it is the only need (`alone`)?"""
    _, _, block, row, level = pick
    return criteria.holds(f"besoin:{need}", block.entries[row], alone, person, level)


def _still_served(
    need: str, dropped: Tuple[Pick, Profile], others: List[Tuple[Pick, Profile]], profile: Profile, person
) -> bool:
    """Dropping `dropped` leaves `need` served, or it did not serve it in the first place."""
    alone = replace(profile, besoin=need, besoins_autres=None)
    return not _serves(dropped[0], need, alone, person) or any(_serves(p, need, alone, person) for p, _ in others)


def _serves_need(suggestion: Suggestion) -> bool:
    return any(criteria.is_need(criteria.BY_KEY[key]) for key in suggestion.criteria)


_MATCHERS: Dict[int, Tuple[KnowledgeBase, Matcher]] = {}
_LOCK = threading.Lock()


def matcher_for(kb: Optional[KnowledgeBase] = None) -> Matcher:
    """One Matcher per knowledge base, built on first use (the index costs more than a match)."""
    kb = kb if kb is not None else default_knowledge()
    cached = _MATCHERS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    with _LOCK:
        cached = _MATCHERS.get(id(kb))
        if cached is None or cached[0] is not kb:
            cached = (kb, Matcher(kb))
            _MATCHERS[id(kb)] = cached
    return cached[1]


def recommend(profile: Profile, kb: Optional[KnowledgeBase] = None, limit: int = DEFAULT_LIMIT) -> Recommendation:
    return matcher_for(kb).recommend(profile, limit=limit)
