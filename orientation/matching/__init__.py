"""Profile → ranked suggestions, each with the reasons it fits (see orientation/matching/engine.py).

Modules, by job: criteria (the table: hard rules, fit weights, one sentence key each), territory (whose
territory an action serves), places (where a record is, closeness; no French), index (records grouped per
région into column blocks), scoring (scores and selection in a block; no French), wording (every French
sentence), networks (standing networks), engine (Matcher, recommend). Callers import from here.
"""

from orientation.matching.eligibility import effective_age_bounds, is_offerable
from orientation.matching.engine import (
    DEFAULT_LIMIT,
    Matcher,
    Recommendation,
    Suggestion,
    describe_where,
    matcher_for,
    recommend,
)
from orientation.matching.networks import TRIGGER_KEYS, NetworkSuggestion, match_networks, trigger_holds
from orientation.matching.places import COMMUNE, DEPARTEMENT, EPCI, NATIONAL, REGION, RecordPlace, record_place
from orientation.matching.scoring import is_historical
from orientation.matching.wording import how_to_reach

__all__ = [
    "COMMUNE",
    "DEFAULT_LIMIT",
    "DEPARTEMENT",
    "EPCI",
    "NATIONAL",
    "REGION",
    "Matcher",
    "NetworkSuggestion",
    "Recommendation",
    "RecordPlace",
    "Suggestion",
    "TRIGGER_KEYS",
    "describe_where",
    "effective_age_bounds",
    "how_to_reach",
    "is_historical",
    "is_offerable",
    "match_networks",
    "matcher_for",
    "recommend",
    "record_place",
    "trigger_holds",
]
