"""A question after the list that the NLU could not place (out of scope, not understood, an unknown word), and
the answer action_recommend gives when the list stays the same (orientation/after_list.py decides)."""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.profile_slots import voice_for
from knowledge.loader import default_knowledge
from knowledge.models import GlossaryTerm
from orientation import formatting, wording
from orientation.after_list import AfterListPlan, is_question, plan_after_list
from orientation.who_helps import cannot_answer_text, mission_locale_note
from reading.conversation_cues import is_reproach
from reading.glossary import definition_text
from reading.interlocutor import CONSEILLER
from reading.safety import numbers, plan_answer

AFTER_BUTTONS = [
    {"title": "Fiche pour mon conseiller", "payload": "/request_summary"},
    {"title": "Modifier une réponse", "payload": "/change_answer"},
    {"title": "Recommencer", "payload": "/start_over"},
]


def next_step_buttons(tracker: Tracker) -> List[Dict[str, Any]]:
    """When the bot has no better answer: the useful next steps, a person among them — but for a conseiller
    typing for a young person (the `interlocuteur` slot), who is that person already."""
    person = [] if tracker.get_slot("interlocuteur") == CONSEILLER else [wording.CONSEILLER_BUTTON]
    return [*AFTER_BUTTONS[:2], *person]


def _why_buttons(shown: List[str]) -> List[Dict[str, Any]]:
    return [
        {"title": wording.why_button_title(i), "payload": f'/ask_why_suggestion{{"suggestion": "{sid}"}}'}
        for i, sid in enumerate(shown, start=1)
    ]


def after_list_plan(tracker: Tracker) -> AfterListPlan:
    from actions.recommend import NETWORKS_SHOWN  # recommend imports this module

    shown = list(tracker.get_slot("suggestions") or [])
    knowledge = default_knowledge()
    networks_shown = (tracker.get_slot("suggested_for") or {}).get(NETWORKS_SHOWN)
    return plan_after_list(
        tracker.latest_message.get("text") or "", shown, knowledge.glossary, knowledge.networks, networks_shown
    )


def _age(tracker: Tracker) -> Optional[int]:
    age = tracker.get_slot("age")
    return int(age) if isinstance(age, (int, float)) else None


def say_cannot_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """One honest sentence, with who can answer for the person's age, and the useful buttons."""
    text = cannot_answer_text(_age(tracker), voice_for(tracker))
    dispatcher.utter_message(text=text, buttons=next_step_buttons(tracker))


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, plan: Optional[AfterListPlan] = None) -> bool:
    """Answers what the last message asks about the list, if the bot knows: a term's entry, why a suggestion;
    or asks which suggestion « pourquoi ? » is about. False when it said nothing."""
    # The list as shown, and « pourquoi le CEJ / la 2 » by name or number (import here: recommend imports this).
    from actions.recommend import _current, answer_about_shown, network_card

    if answer_about_shown(tracker, dispatcher):
        return True
    shown = list(tracker.get_slot("suggestions") or [])
    plan = plan or after_list_plan(tracker)
    if plan.ask_which:
        dispatcher.utter_message(text=wording.WHICH_WHY_TEXT, buttons=_why_buttons(shown))
        return True
    if plan.why:
        chosen = next((s for s in _current(tracker).local if s.initiative.id == plan.why), None)
        if chosen is not None:
            dispatcher.utter_message(text=formatting.suggestion_why(chosen, voice_for(tracker)))
            return True
    for network in plan.not_proposed:  # « pourquoi le CEJ ? » when it was not proposed: why not, for whom it is
        dispatcher.utter_message(text=wording.not_proposed_text(network.nom, network.quand))
    if plan.not_proposed:
        return True
    if plan.legal_age:  # « je peux travailler à 14 ans ? »: the legal ages table, with its article
        dispatcher.utter_message(text=plan.legal_age)
        return True
    said = say_terms(dispatcher, plan.terms, tracker)
    for network in plan.networks:  # a network named (« le permis à 1 euro »): its card
        dispatcher.utter_message(text=network_card(tracker, network))
        said = True
    if plan.cannot_answer:  # what is known was said; the rest of the question, honestly
        say_cannot_answer(dispatcher, tracker)
        said = True
    return said


def say_terms(
    dispatcher: CollectingDispatcher, terms: Sequence[GlossaryTerm], tracker: Optional[Tracker] = None
) -> bool:
    """The entries of the terms a message names, then the note one of them calls for (said once). The mission
    locale's entry to a person outside its public (14, 27) says first who helps them (play-test E e18, e21)."""
    age = _age(tracker) if tracker is not None else None
    voice = voice_for(tracker) if tracker is not None else None
    for term in terms:
        note = mission_locale_note(age, voice) if term.id == "mission-locale" and voice else None
        if note:
            dispatcher.utter_message(text=note)
        dispatcher.utter_message(text=definition_text(term))
    for note in dict.fromkeys(n for n in (wording.term_note(t.id) for t in terms) if n):
        dispatcher.utter_message(text=note)
    return bool(terms)


def _urgent_housing(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The 115 line (or the 119 under 18), as the safety layer words it, when housing is said to be urgent."""
    age = tracker.get_slot("age")
    answer = plan_answer({"sans_abri"}, None, float(age) if isinstance(age, (int, float)) else None)
    if answer is None:
        return []
    values = numbers.template_values()
    for response in answer.responses:
        dispatcher.utter_message(response=response, **values)
    return [SlotSet("urgence_donnee", True)]


def _with_slots(tracker: Tracker, events: List[EventType]) -> Tracker:
    """The tracker as it will be once `events` (SlotSet) are applied."""
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    updated = copy.copy(tracker)
    updated.slots = {**tracker.slots, **values}
    updated.events = [*tracker.events, *({"event": "slot", "name": k, "value": v} for k, v in values.items())]
    return updated


def say_after_list(
    dispatcher: CollectingDispatcher, tracker: Tracker, fallback: str = "utter_out_of_scope"
) -> List[EventType]:
    """The whole answer to a question after the list; before any list, the `fallback` response."""
    if not tracker.get_slot("suggestions_shown"):
        dispatcher.utter_message(response=fallback)
        return []
    text = tracker.latest_message.get("text") or ""
    if is_reproach(text) and not is_question(text):
        # « je vous l'ai dit au début » after the list (play-test G): what was said is kept, and the list used it.
        dispatcher.utter_message(text=wording.REPROACH_AFTER_LIST_TEXT, buttons=AFTER_BUTTONS)
        return []
    plan = after_list_plan(tracker)
    events: List[EventType] = []
    if plan.besoin is not None:
        # « et pour le logement tu as quoi ? c'est urgent » (play-test D d05): the need is taken, the 115 first
        # when it is urgent, and the list is made again for it (action_recommend says what changed).
        if plan.urgent and plan.besoin == "logement":
            events += _urgent_housing(dispatcher, tracker)
        if plan.besoin != tracker.get_slot("besoin"):
            # The new list in this same action, not as a FollowupAction: Rasa's policies had never seen
            # action_recommend after this question and fell back, and the fallback's rewind undid the need (e2e).
            from actions.recommend import ActionRecommend  # recommend imports this module

            events.append(SlotSet("besoin", plan.besoin))
            return events + ActionRecommend().say_list(dispatcher, _with_slots(tracker, events))
        dispatcher.utter_message(text=wording.UNCHANGED_TEXT, buttons=next_step_buttons(tracker))
        return events
    if not answer_question(dispatcher, tracker, plan):
        say_cannot_answer(dispatcher, tracker)
    return events


class ActionAnswerAfterList(Action):
    def name(self) -> str:
        return "action_answer_after_list"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        fallback = "utter_default" if intent == "nlu_fallback" else "utter_out_of_scope"
        return say_after_list(dispatcher, tracker, fallback)
