"""Shared by the whole suite: the environment every test runs in, and the builders the action tests share.

The builders are plain functions (``from tests.conftest import sdk_tracker, run_action``): they make what the
action server receives from Rasa — rasa_sdk's real Tracker and CollectingDispatcher, no server, no model.

The matching fixtures (the shipped base and its matchers, loaded once per test module) serve
tests/test_matching_*.py and tests/test_suggestion_*.py; their builders are in tests/support/matching.py.
"""

import asyncio
import os
from typing import Any, Dict, List, Optional, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.loader import load_knowledge
from tests.support import matching

# Every Rasa process the tests start inherits this: a public-service bot sends nothing to a third party.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


# A whole profile in Marseille, which has a sales action in the base (a boutique école): the slots the
# action tests start from.
MARSEILLE = {
    "besoin": "emploi",
    "age": 20.0,
    "commune": "Marseille",
    "code_insee": "13055",
    "departement": "13",
    "qpv": False,
    "permis": False,
    "vehicule": True,
    "logement": "chez-parents",
    "handicap": False,
    "rqth": False,
}


def user_turn(
    text: str = "",
    intent: Optional[str] = "inform",
    entities: Optional[List[dict]] = None,
    channel: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """The events of one user message, as Rasa records them: `action_listen`, then the message."""
    user: Dict[str, Any] = {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": intent}, "entities": entities or []},
    }
    if channel:
        user["input_channel"] = channel
    return [{"event": "action", "name": "action_listen"}, user]


def sdk_tracker(
    slots: Optional[Dict[str, Any]] = None,
    text: str = "",
    intent: Optional[str] = "inform",
    entities: Optional[List[dict]] = None,
    requested: Optional[str] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    channel: Optional[str] = None,
    sender_id: str = "test",
    confidence: float = 0.99,
) -> Tracker:
    """The tracker an action gets after the person's message `text` (intent, entities); `requested`: the
    question the form is asking (the form is then active); `events`: the whole history, when the test needs
    another shape than one user turn."""
    events = user_turn(text, intent, entities, channel) if events is None else events
    actions = [e["name"] for e in events if e.get("event") == "action"]
    return Tracker(
        sender_id=sender_id,
        slots={"requested_slot": requested, **(slots or {})},
        latest_message={"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": entities or []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "profile_form"} if requested else {},
        latest_action_name=actions[-1] if actions else "action_listen",
    )


def run_action(
    action: Any, tracker: Tracker, domain: Optional[Dict[str, Any]] = None
) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Runs a custom action as the action server would: (messages sent, events returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events


def slots_set(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The slots an action's events set, by name (the last value wins, as in Rasa)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


# --------------------------------------------------------------------------- matching on the shipped base


@pytest.fixture(scope="module")
def real_kb():
    """The shipped initiatives and networks (tests/support/matching.py, `real_knowledge_base`)."""
    return matching.real_knowledge_base()


@pytest.fixture(scope="module")
def real(real_kb):
    return matching.pinned_matcher(real_kb)


@pytest.fixture(scope="module")
def real_vector(real_kb):
    """Same base, every block through the numpy path (the real base is small enough for the plain loop)."""
    return matching.pinned_matcher(real_kb, vector_from=0)


@pytest.fixture(scope="module")
def served_kb():
    """The base the bot serves: the shipped initiatives with the imported offers, glossary and networks."""
    return load_knowledge()


@pytest.fixture(scope="module")
def served(served_kb):
    return matching.pinned_matcher(served_kb)


@pytest.fixture(scope="module")
def fixture_kb():
    return load_knowledge(matching.FIXTURES)
