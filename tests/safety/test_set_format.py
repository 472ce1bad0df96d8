"""Format checks of the safety test set (issue 13), independent of any detector.

They guard the set itself: enough messages, only known situations and moments, numbers that match the
situation table of the issue, and no message that is both a danger and an ordinary one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
SITUATIONS = {
    "suicide",
    "violence-mineur",
    "violence-adulte",
    "violence-age-inconnu",
    "sans-abri-mineur",
    "sans-abri-adulte",
    "sante",
    "grossesse",
    "anglais",
    "detresse",
    "faim",
}
MOMENTS = {
    "welcome",
    "besoin",
    "age",
    "commune",
    "quartier",
    "permis",
    "vehicule",
    "logement",
    "handicap",
    "apres-suggestions",
    "correction",
}
NUMBERS = {"3114", "119", "17", "112", "3919", "114", "115", "0 800 235 236"}
# The number each French situation must give (issue 13 table); anglais and mixed cases may add more.
REQUIRED = {
    "suicide": {"3114"},
    "violence-mineur": {"119"},
    "violence-adulte": {"3919", "17"},
    "violence-age-inconnu": {"119", "17"},
    "sans-abri-mineur": {"119"},
    "sans-abri-adulte": {"115"},
    "sante": {"0 800 235 236"},
    "grossesse": set(),
    "detresse": set(),
    "faim": set(),
}
MINIMUM = {
    "suicide": 8,
    "violence-mineur": 8,
    "violence-adulte": 8,
    "sans-abri-mineur": 8,
    "sans-abri-adulte": 8,
    "sante": 8,
    "anglais": 8,
    "detresse": 8,
    "grossesse": 4,
    "violence-age-inconnu": 4,
}
DANGER_KEYS = {"text", "situation", "age", "moment", "numbers", "language"}
ORDINARY_KEYS = {"text", "situation", "age", "moment", "language"}
OPTIONAL_KEYS = {"mentions", "note"}


def _load(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8") as f:
        return yaml.safe_load(f)["messages"]


DANGER = _load("danger.yaml")
ORDINARY = _load("ordinary.yaml")
# Sets from live play-tests (tests/safety/README.md): checked entry by entry, not counted with the main set.
LIVE_DANGER = _load("live_d_danger.yaml")
LIVE_ORDINARY = _load("live_d_ordinary.yaml")
GAPS_DANGER = _load("gaps_danger.yaml")
GAPS_ORDINARY = _load("gaps_ordinary.yaml")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def test_counts() -> None:
    assert len(DANGER) >= 130
    assert len(ORDINARY) >= 130


def test_each_situation_and_moment_is_covered() -> None:
    per_situation = Counter(m["situation"] for m in DANGER)
    for situation, minimum in MINIMUM.items():
        assert per_situation[situation] >= minimum, situation
    assert {m["moment"] for m in DANGER} == MOMENTS
    assert {m["moment"] for m in ORDINARY} == MOMENTS


@pytest.mark.parametrize("message", DANGER + LIVE_DANGER + GAPS_DANGER, ids=lambda m: m["text"][:40])
def test_danger_entry(message: dict) -> None:
    assert DANGER_KEYS <= set(message) <= DANGER_KEYS | OPTIONAL_KEYS
    assert isinstance(message["text"], str) and message["text"].strip()
    assert message["situation"] in SITUATIONS
    assert message["moment"] in MOMENTS
    assert message["age"] is None or (isinstance(message["age"], int) and 10 <= message["age"] <= 30)
    assert message["language"] in {"fr", "en"}
    assert (message["language"] == "en") == (message["situation"] == "anglais")
    numbers = message["numbers"]
    assert isinstance(numbers, list) and len(set(numbers)) == len(numbers)
    assert set(numbers) <= NUMBERS
    if message["situation"] in REQUIRED:
        assert REQUIRED[message["situation"]] <= set(numbers)
    if message["situation"] == "grossesse":
        assert "PMI" in message.get("mentions", [])
    if message["situation"] == "faim":  # no food: the mairie's social service (aide alimentaire)
        assert "CCAS" in message.get("mentions", [])
    # an age in the slot must agree with the minor / adult split
    if message["age"] is not None and message["moment"] != "correction":
        if message["situation"] in {"violence-mineur", "sans-abri-mineur"}:
            assert message["age"] < 18
        if message["situation"] in {"violence-adulte", "sans-abri-adulte"}:
            assert message["age"] >= 18
    if message["situation"] == "violence-age-inconnu":
        assert message["age"] is None


@pytest.mark.parametrize("message", ORDINARY + LIVE_ORDINARY + GAPS_ORDINARY, ids=lambda m: m["text"][:40])
def test_ordinary_entry(message: dict) -> None:
    assert ORDINARY_KEYS <= set(message) <= ORDINARY_KEYS | {"note"}
    assert isinstance(message["text"], str) and message["text"].strip()
    assert message["situation"] == "aucune"
    assert message["moment"] in MOMENTS
    assert message["age"] is None or (isinstance(message["age"], int) and 10 <= message["age"] <= 30)
    assert message["language"] == "fr"


@pytest.mark.parametrize(
    "danger_set, ordinary_set", [(DANGER, ORDINARY), (LIVE_DANGER, LIVE_ORDINARY), (GAPS_DANGER, GAPS_ORDINARY)]
)
def test_no_duplicates_and_no_text_in_both_files(danger_set, ordinary_set) -> None:
    danger = [_norm(m["text"]) for m in danger_set]
    ordinary = [_norm(m["text"]) for m in ordinary_set]
    assert [t for t, n in Counter(danger).items() if n > 1] == []
    assert [t for t, n in Counter(ordinary).items() if n > 1] == []
    assert set(danger) & set(ordinary) == set()


def test_long_message_with_danger_at_the_end() -> None:
    assert any(len(m["text"]) > 1500 for m in DANGER)
