"""action_safety: the help a message in danger calls for, before anything else (reading/safety)."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.messages import WELCOME_NOTE
from actions.profile_slots import welcome_due
from reading.safety import SafetyAnswer, numbers, plan_answer
from reading.safety.kept_facts import COMMUNE_SLOTS, qpv_answer_values, slot_values

# A « /safety_alert » typed by hand carries no signal: the distress answer asks how the person is.
FALLBACK = SafetyAnswer(("detresse",))


def _entity(entities: List[Dict[str, Any]], name: str) -> List[str]:
    return [str(e.get("value")) for e in entities if e.get("entity") == name and e.get("value") is not None]


def answer_for(entities: List[Dict[str, Any]], known_age: Optional[float]) -> SafetyAnswer:
    """Pure: the answer to the safety layer's entities, given the age already known."""
    hint = (_entity(entities, "danger_age") or [None])[0]
    english = "en" in _entity(entities, "langue")
    return plan_answer(_entity(entities, "danger"), hint, known_age, english) or FALLBACK


# The English greeting, and the button that answers it (« Continuer en français », /start): together they are
# the person's choice of language, read from the conversation itself (no slot: nothing else needs it).
ENGLISH_GREETING = "utter_urgence_en_intro"
FRENCH_CHOSEN_INTENT = "start"


def _intent(event: Mapping[str, Any]) -> Optional[str]:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def chose_french(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the person was greeted in English and then chose to go on in French."""
    greeted = False
    for event in events:
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == ENGLISH_GREETING:
            greeted = True
        elif greeted and event.get("event") == "user" and _intent(event) == FRENCH_CHOSEN_INTENT:
            return True
    return False


class ActionSafety(Action):
    def name(self) -> str:
        return "action_safety"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        entities = (tracker.latest_message or {}).get("entities") or []
        # The plain facts said in the same message (age, commune, need, diploma, who types; never its words nor
        # anything sensitive): kept, so that « Reprendre » goes on with the next question unanswered.
        known = {name: tracker.get_slot(name) for name in (*COMMUNE_SLOTS, "age", "besoin", "scolarite", "diplome")}
        known["interlocuteur"] = tracker.get_slot("interlocuteur")
        said = slot_values(entities, known)
        age = said.get("age", tracker.get_slot("age"))
        answer = answer_for(entities, float(age) if isinstance(age, (int, float)) else None)
        in_danger = bool(_entity(entities, "danger"))
        if answer.language == "en" and not in_danger and chose_french(tracker.events):
            # Play-test D: after « Continuer en français », « jai 21 ans, nantes, i want to do a service civique »
            # got the English greeting again. The choice stands: the facts are kept and the questions go on.
            unknown: List[EventType] = []
            if tracker.get_slot("requested_slot") == "qpv":  # « yes mirail i said »: the answer, not a loop
                said.update(qpv_answer_values(entities, said.get("code_insee") or tracker.get_slot("code_insee")))
                if said.get("quartier") and said.get("qpv") is None:  # a name the official list does not know
                    unknown = [SlotSet("skipped_slots", sorted({*(tracker.get_slot("skipped_slots") or []), "qpv"}))]
            kept = [SlotSet(name, value) for name, value in said.items()]
            return [ActiveLoop(None), *kept, *unknown, FollowupAction("profile_form")]
        values = numbers.template_values()
        for response in answer.responses:
            dispatcher.utter_message(response=response, **values)
        dispatcher.utter_message(response=answer.closing_response)
        # The questionnaire stops here: the next « oui » must not answer its last question. Answers are kept.
        kept = [SlotSet(name, value) for name, value in said.items()]
        if said and welcome_due(tracker):  # facts kept from a first message: the welcome (and « effacer ») first
            welcome = {"kind": "welcome", "text": WELCOME_NOTE}
            kept.append(SlotSet("notes", [*(tracker.get_slot("notes") or []), welcome]))
        # The fiche says « orientation urgence donnée » only after a danger: an English opener is no emergency.
        events = [ActiveLoop(None), SlotSet("requested_slot", None), *kept]
        return events + [SlotSet("urgence_donnee", True)] if in_danger else events
