"""Profile → at most four suggestions that fit, closest first, each with the reasons it fits; plus the
standing networks. One engine for the real base and the 100,000-service benchmark alike."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
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
        local = tuple(
            self._suggestion(block, row, level, score, profile, person)
            for score, _, block, row, level in picked[: max(limit, 0)]
        )
        local = keep_company(local)
        return Recommendation(profile, local, match_networks(self.kb.networks, profile))

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
