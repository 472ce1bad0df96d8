"""action_safety: the help a message in danger calls for, before anything else (reading/safety)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from reading.safety import SafetyAnswer, numbers, plan_answer
from reading.safety.kept_facts import slot_values

# A « /safety_alert » typed by hand carries no signal: the distress answer asks how the person is.
FALLBACK = SafetyAnswer(("detresse",))


def _entity(entities: List[Dict[str, Any]], name: str) -> List[str]:
    return [str(e.get("value")) for e in entities if e.get("entity") == name and e.get("value") is not None]


def answer_for(entities: List[Dict[str, Any]], known_age: Optional[float]) -> SafetyAnswer:
    """Pure: the answer to the safety layer's entities, given the age already known."""
    hint = (_entity(entities, "danger_age") or [None])[0]
    english = "en" in _entity(entities, "langue")
    return plan_answer(_entity(entities, "danger"), hint, known_age, english) or FALLBACK


class ActionSafety(Action):
    def name(self) -> str:
        return "action_safety"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        entities = (tracker.latest_message or {}).get("entities") or []
        said = slot_values(entities)  # age, commune, need said in the same message (never its words)
        age = said.get("age", tracker.get_slot("age"))
        answer = answer_for(entities, float(age) if isinstance(age, (int, float)) else None)
        values = numbers.template_values()
        for response in answer.responses:
            dispatcher.utter_message(response=response, **values)
        dispatcher.utter_message(response=answer.closing_response)
        # The questionnaire stops here: the next « oui » must not answer its last question. Answers are kept.
        kept = [SlotSet(name, value) for name, value in said.items()]
        # The fiche says « orientation urgence donnée » only after a danger: an English opener is no emergency.
        in_danger = bool(_entity(entities, "danger"))
        events = [ActiveLoop(None), SlotSet("requested_slot", None), *kept]
        return events + [SlotSet("urgence_donnee", True)] if in_danger else events
