"""action_recommend ends every answer with the nearest France services (rasa_sdk's real Tracker and
CollectingDispatcher, no server), also where the matcher finds no action (issue 15: Mayotte,
Guyane, Aurillac)."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.recommend import ActionRecommend
from knowledge.places import france_services
from orientation import place_wording
from orientation.next_step import FIND_MISSION_LOCALE
from tests.conftest import run_action, sdk_tracker

MAMOUDZOU, MARIPASOULA, AURILLAC, SEDAN = "97611", "97353", "15014", "08409"


def _run(slots: Dict[str, Any]) -> List[Dict[str, Any]]:
    return run_action(ActionRecommend(), sdk_tracker(slots))[0]


@pytest.mark.parametrize("code", [MAMOUDZOU, MARIPASOULA, AURILLAC, SEDAN])
@pytest.mark.parametrize(
    "profile",
    [
        {"besoin": "emploi", "age": 19},
        {"besoin": "formation", "age": 17, "permis": False, "vehicule": False},
        {},
    ],
)
def test_every_answer_ends_with_a_place_to_call(code: str, profile: Dict[str, Any]) -> None:
    messages = _run({**profile, "code_insee": code})
    assert messages[-1]["text"] == "Que voulez-vous faire maintenant ?"
    block = messages[-2]["text"]
    places = france_services.nearest(code)
    assert places, code
    assert block.endswith("(données France services, août 2024)")
    assert any(p.telephone and p.telephone in block for p in places)
    assert all(p.adresse in block for p in places)
    assert "aujourd'hui" in block or "fermé à cette heure" in block  # the place's hour: past closing, tomorrow's


def test_without_a_commune_the_bot_asks_for_it_and_invents_nothing() -> None:
    messages = _run({"besoin": "emploi", "age": 19})
    # Without a hosting mission locale (orientation/next_step.py), how to find one's own comes first.
    assert messages[-2]["text"] == f"{FIND_MISSION_LOCALE}\n{place_wording.NO_COMMUNE}"
