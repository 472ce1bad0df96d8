"""The grid of profiles and the small look-ups of tests/test_suggestion_fit_cases.py (the play-test's places,
ages, housings, needs and diplomas, on the real base)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Iterator, List

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


def profiles() -> Iterator[Profile]:
    """Ages 15–30, every housing, every need, diploma known or not, with or without the permis."""
    for place, age, logement, besoin, diplome, permis in itertools.product(
        PLACES,
        (15, 16, 19, 23, 30),
        ("chez-parents", "heberge-tiers", "foyer-fjt", "sans-domicile", None),
        (*sorted(BESOINS), None),
        ("bac", "superieur", None),
        (False, None),
    ):
        yield Profile(age=age, code_insee=place, logement=logement, besoin=besoin, diplome=diplome, permis=permis)


def by_id(kb: KnowledgeBase, rid: str):
    return next(r for r in kb.initiatives if r.id == rid)


def ids(matcher: Matcher, **profile: object) -> List[str]:
    return [s.initiative.id for s in matcher.recommend(Profile(**profile)).local]
