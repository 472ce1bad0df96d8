"""Glossary answers, « pourquoi cette question ? », and the person's control over the conversation."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import messages
from actions.after_list import after_list_plan, answer_question, say_after_list, say_terms
from actions.profile_slots import answered_in_last_message, profile_from_tracker, voice_for
from actions.recommend import answer_about_shown, network_card
from knowledge.loader import default_knowledge
from orientation import formatting
from orientation.after_list import networks_named, specific_question
from orientation.who_helps import handoff_text
from orientation.wording import REPROACH_TEXT
from reading.conversation_cues import is_reproach
from reading.glossary import find_term, is_definition_question, question_term, terms_in

# Fixed texts are domain.yml responses; these are sent by name from the actions, never from a story or rule
# (tests/test_rasa_data.py tells Rasa's validator so).
RESPONSES_SENT_BY_NAME = (
    "utter_human_handoff",  # by action_human_handoff, for the 16-25
    "utter_term_unknown",
    "utter_how_to_change_answer",
    "utter_start_over_done",
    "utter_erase_data_done",
    "utter_ask_handicap_eleve",  # by actions/profile_form.py's action_ask_handicap
    "utter_ask_qpv_quartier",  # by actions/profile_form.py's action_ask_qpv
)


class ActionDefineTerm(Action):
    def name(self) -> str:
        return "action_define_term"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if answer_about_shown(tracker, dispatcher):  # « pourquoi le CEJ », « c quoi le 2eme » after the list
            return []
        terms = default_knowledge().glossary
        hint = next(tracker.get_latest_entity_values("terme"), None)
        text = tracker.latest_message.get("text") or ""
        after_list = bool(tracker.get_slot("suggestions_shown")) and not tracker.active_loop_name
        if after_list and (not is_definition_question(text) or specific_question(text)):
            # « je perds mon CAP ? jai combien de temps ? » names the CAP but asks something else (play-test E
            # e22): the after-list answerer decides (what is known, then one honest sentence).
            return say_after_list(dispatcher, tracker)
        term = find_term(text, terms, hint=hint)
        if term is None and tracker.active_loop_name:
            # « c quoi ? » with no word: the question being asked is what is not understood.
            term = question_term(tracker.get_slot("requested_slot"), terms)
        if term is None and not is_definition_question(text):
            # « et pour le logement tu as quoi ? », « pourquoi le 1 ? c'est pas du logement »: another question,
            # not an unknown word (play-test D). After the list it gets what the bot knows; during the form,
            # the out-of-scope sentence before the question is asked again.
            if tracker.active_loop_name:
                dispatcher.utter_message(response="utter_out_of_scope")
            else:
                return say_after_list(dispatcher, tracker)
        elif term is None:
            # A network's name (« le permis à 1 euro », shown by the bot itself) is a known word (play-test E e11).
            # Known during the questionnaire too (« c'est quoi l'obligation de formation ? », play-test H h16).
            named = networks_named(text, default_knowledge().networks)
            for network in named:
                dispatcher.utter_message(text=network_card(tracker, network))
            if not named:
                dispatcher.utter_message(response="utter_term_unknown")
        else:
            say_terms(dispatcher, [term], tracker)
        return []


class ActionExplainQuestion(Action):
    def name(self) -> str:
        return "action_explain_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        asked = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        if asked is None and answer_about_shown(tracker, dispatcher):  # « pk la mission locale » after the list
            return []
        if asked is None and tracker.get_slot("suggestions_shown"):
            plan = after_list_plan(tracker)
            if plan.not_proposed:  # « pourquoi le CEJ ? » when it was not proposed (play-test G)
                answer_question(dispatcher, tracker, plan)
                return []
        dispatcher.utter_message(text=messages.WHY_QUESTION.get(asked or "", messages.WHY_GENERIC))
        return []


class ActionChangeAnswer(Action):
    def name(self) -> str:
        return "action_change_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=formatting.profile_summary(profile_from_tracker(tracker), voice_for(tracker)))
        dispatcher.utter_message(response="utter_how_to_change_answer")
        return []


class ActionStartOver(Action):
    def name(self) -> str:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_start_over_done")
        return [ActiveLoop(None), AllSlotsReset()]


class ActionEraseData(Action):
    """Forgets everything. The tracker store (see aiguillage/rasa/tracker_store.py) deletes the stored
    conversation when it sees this action followed by a restart."""

    def name(self) -> str:
        return "action_erase_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_erase_data_done")
        return [ActiveLoop(None), AllSlotsReset(), Restarted()]


class ActionStop(Action):
    def name(self) -> str:
        return "action_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionHorsSujet(Action):
    """Out of scope during the questionnaire — unless the message did answer (a misspelt commune the NLU
    took for out of scope, read by action_extract_profile): then the form simply goes on."""

    def name(self) -> str:
        return "action_hors_sujet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if answered_in_last_message(tracker):
            return []
        text = tracker.latest_message.get("text") or ""
        if is_reproach(text):  # « je viens de l'écrire » (play-test G): heard, kept; the form asks again
            dispatcher.utter_message(text=REPROACH_TEXT)
            return []
        # A term named (« je parle pas bien le français » → FLE) gets its entry rather than « je ne sais pas ».
        if not say_terms(dispatcher, terms_in(tracker.latest_message.get("text") or "", default_knowledge().glossary)):
            dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionHumanHandoff(Action):
    """« Parler à un conseiller »: the mission locale for the 16-25 (utter_human_handoff); before 16 the collège and
    the CIO, from 26 France Travail, Cap emploi or the PLIE (orientation/who_helps.py; play-test E e18, e21)."""

    def name(self) -> str:
        return "action_human_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        age = tracker.get_slot("age")
        text = handoff_text(int(age) if isinstance(age, (int, float)) else None, voice_for(tracker))
        if text:
            dispatcher.utter_message(text=text)
        else:
            dispatcher.utter_message(response="utter_human_handoff")
        return []
