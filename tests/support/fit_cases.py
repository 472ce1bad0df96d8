"""The grid of profiles and the small look-ups of tests/test_suggestion_fit_cases.py (the play-test's places,
ages, housings, needs and diplomas, on the real base); `profile_grid`, the grids of the relevance audit's rounds
too."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Sequence, Tuple

from knowledge.loader import KnowledgeBase
from knowledge.profile import BESOINS, Profile
from orientation.matching import Matcher

TODAY = date(2026, 6, 1)
# Places of the play-test: Bordeaux, Mérignac, Arcachon; Saint-Denis, Paris 19e, Les Mureaux, Vitry; Lille,
# Roubaix, Villeneuve-d'Ascq, Tourcoing, Dunkerque; Lyon, Saint-Étienne; Marseille 15e, Marseille; Nîmes; Brest.
PLACES = (
    "33063",
    "33281",
    "33009",
    "93066",
    "75119",
    "78440",
    "94081",
    "59350",
    "59512",
    "59009",
    "59599",
    "59183",
    "59271",  # Grande-Synthe, in Dunkerque's agglomeration but a small town: buses do not lift the barrier
    "69123",
    "42218",
    "13215",
    "13055",
    "30189",
    "29019",
)
NEVER_OPEN = {"orientes-par-structure", "allophones", "entreprises"}


Axis = Sequence[Mapping[str, Any]]


def axis(name: str, values: Iterable[object]) -> Tuple[Dict[str, Any], ...]:
    """One fact's values, as the facts of a grid's axis: axis("age", (15, 17)) is ({"age": 15}, {"age": 17})."""
    return tuple({name: value} for value in values)


def combinations(*axes: Axis) -> List[Dict[str, Any]]:
    """Every way to take one entry of each axis, the facts merged; the first axis varies slowest (nested loops)."""
    return [{k: v for part in parts for k, v in part.items()} for parts in itertools.product(*axes)]


def profile_grid(*axes: Axis) -> List[Profile]:
    """One profile per combination of the axes (`combinations`); an axis entry may hold several facts that go
    together (a pupil and no diploma known), a single entry a fact all the grid shares."""
    return [Profile(**facts) for facts in combinations(*axes)]


def profiles() -> Iterator[Profile]:
    """Ages 15–30, every housing, every need, diploma known or not, with or without the permis."""
    yield from profile_grid(
        axis("code_insee", PLACES),
        axis("age", (15, 16, 19, 23, 30)),
        axis("logement", ("chez-parents", "heberge-tiers", "foyer-fjt", "sans-domicile", None)),
        axis("besoin", (*sorted(BESOINS), None)),
        axis("diplome", ("bac", "superieur", None)),
        axis("permis", (False, None)),
    )


def by_id(kb: KnowledgeBase, rid: str):
    return next(r for r in kb.initiatives if r.id == rid)


def ids(matcher: Matcher, **profile: object) -> List[str]:
    return [s.initiative.id for s in matcher.recommend(Profile(**profile)).local]
