"""validate_profile_form and action_ask_commune: which questions remain, and kind reprompts."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import messages
from actions.profile_slots import FORM_INTENTS, PROFILE_SLOTS, QUESTION_ORDER, say_notes, skipped, voice_for
from knowledge import geo
from knowledge.profile import AGE_MAX, AGE_MIN
from orientation.voice import in_voice
from orientation.wording import asks_diplome, asks_permis, is_pupil_age
from reading.commune import COMMUNE_MAX_MISSES
from reading.quartier import should_ask_qpv

MAX_ATTEMPTS = 3


def remaining_questions(slots: Dict[str, Any], skipped_slots: List[str]) -> List[str]:
    """The questions still worth asking, in order. Pure: unit-tested without Rasa."""
    questions = []
    for slot in QUESTION_ORDER:
        if slot in skipped_slots:
            continue
        # A quartier named is no answer about the QPV unless the official list knows it (reading/quartier.py
        # then sets qpv): « Busserine » is not in the list's names, so the question is still asked (play-test E).
        if slot == "qpv" and not should_ask_qpv(slots.get("code_insee")):
            continue
        if slot == "rqth" and slots.get("handicap") is not True:
            continue
        if slot == "permis" and not asks_permis(slots.get("age")):
            continue  # under 17 the licence cannot be held; the age note speaks of conduite accompagnée
        if slot == "diplome" and not asks_diplome(slots):
            continue
        if slot == "vehicule" and is_pupil_age(slots.get("age")):
            continue  # under 16: the way to school is not what the bot orients (play-test D: mobility aids)
        questions.append(slot)
    return questions


def _user_just_answered(tracker: Tracker) -> bool:
    """True when the form runs on a fresh user message, not when it resumes after a digression.

    Rasa hands the validation action a tracker ending with the form's own ActionExecuted, so the
    action that matters is the one before it."""
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    if actions and actions[-1] == "profile_form":
        actions = actions[:-1]
    return bool(actions) and actions[-1] == "action_listen"


def _set_since_user_message(tracker: Tracker) -> Dict[str, Any]:
    """Slots set since the last user message (by action_extract_profile): « jsuis encore au lycée » at the
    diploma question sets the schooling, not the diploma, and the diploma is then no longer asked."""
    found: Dict[str, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") not in found:
            found[event["name"]] = event.get("value")
    return found


class ValidateProfileForm(FormValidationAction):
    def name(self) -> str:
        return "validate_profile_form"

    async def required_slots(
        self, domain_slots: List[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[str]:
        slots = {
            name: tracker.get_slot(name)
            for name in ("quartier", "code_insee", "handicap", "age", "besoin", "scolarite")
        }
        return remaining_questions(slots, skipped(tracker))

    def validate_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        try:
            age = float(value)
        except (TypeError, ValueError):
            return {"age": None}
        if not AGE_MIN <= age <= AGE_MAX:
            dispatcher.utter_message(text=messages.age_out_of_range(age))
            return {"age": None}
        return {"age": age}

    def validate_code_insee(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if value and geo.get_commune(str(value)) is None:
            return {"code_insee": None, "commune": None, "departement": None}
        return {"code_insee": value}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        said = say_notes(dispatcher, tracker)  # what the last message changed, before the next question
        events = said + await super().run(dispatcher, tracker, domain)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent not in FORM_INTENTS or not _user_just_answered(tracker):
            return events
        asked = tracker.get_slot("requested_slot")
        rejected = tracker.get_slot("rejected")
        updated = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
        answered = asked and (
            updated.get(asked) is not None
            or tracker.get_slot(asked) is not None
            or asked in skipped(tracker)
            or (asked == "commune" and tracker.get_slot("commune_candidates"))
        )
        # What this message set, the form's required slots or not (the schooling that drops the diploma question).
        given = {**_set_since_user_message(tracker), **updated}
        gave_other_facts = any(given.get(name) is not None for name in (*PROFILE_SLOTS, "commune_candidates"))
        if not asked or answered or gave_other_facts:
            return events + [SlotSet("rejected", None)]
        attempts = dict(tracker.get_slot("attempts") or {})
        attempts[asked] = attempts.get(asked, 0) + 1
        age_reply_sent = asked == "age" and "age" in updated  # validate_age already explained
        if not age_reply_sent:
            reason = (rejected or "").split(":", 1)[0]
            reprompt = messages.REPROMPT.get(reason or asked, messages.REPROMPT_GENERIC)
            dispatcher.utter_message(text=in_voice(reprompt, voice_for(tracker)))
        if (
            attempts[asked] >= MAX_ATTEMPTS and asked != "commune"
        ):  # action_ask_commune offers it after COMMUNE_MAX_MISSES
            dispatcher.utter_message(text=messages.OFFER_SKIP, buttons=[messages.SKIP_BUTTON])
        return events + [SlotSet("attempts", attempts), SlotSet("rejected", None)]


class ActionAskCommune(Action):
    """Asks for the commune: homonyms (« Saint-Denis ») as buttons, a name not typed exactly as a one-tap
    confirmation (« Esson (Calvados) ? »), after two misses the département only (messages.commune_question)."""

    def name(self) -> str:
        return "action_ask_commune"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        codes = tracker.get_slot("commune_candidates") or []
        communes = [c for c in (geo.get_commune(str(code)) for code in codes) if c is not None]
        # Homonyms differ by département: its code tells them apart; one commune to confirm gets its name.
        offered = [
            (
                c.code_insee,
                c.nom,
                c.departement if len(communes) > 1 else geo.departement_name(c.departement) or c.departement,
            )
            for c in communes
        ]
        departement = tracker.get_slot("departement") if not tracker.get_slot("code_insee") else None
        misses = (tracker.get_slot("attempts") or {}).get("commune", 0)
        text, buttons = messages.commune_question(
            offered,
            geo.departement_name(departement or "") if departement else None,
            misses,
            COMMUNE_MAX_MISSES,
            conseiller=tracker.get_slot("interlocuteur") == "conseiller",
        )
        dispatcher.utter_message(text=text, buttons=buttons or None)
        return []


class ActionAskHandicap(Action):
    """The handicap question: a pupil (under 16, or still at school) is asked about school, not work."""

    def name(self) -> str:
        return "action_ask_handicap"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        pupil = is_pupil_age(tracker.get_slot("age")) or tracker.get_slot("scolarite") == "scolarise"
        dispatcher.utter_message(response="utter_ask_handicap_eleve" if pupil else "utter_ask_handicap")
        return []


class ActionAskQpv(Action):
    """The QPV question: when the quartier is already known (« Lille Wazemmes » in the first message) but the official
    list does not name it, the question names it instead of asking for it again (play-test E)."""

    def name(self) -> str:
        return "action_ask_qpv"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_ask_qpv_quartier" if tracker.get_slot("quartier") else "utter_ask_qpv")
        return []
