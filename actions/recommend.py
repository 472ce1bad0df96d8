"""Suggestions: action_recommend and the follow-ups on one suggestion (details, why, fiche de liaison)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.after_list import AFTER_BUTTONS, answer_question, next_step_buttons, say_cannot_answer
from actions.profile_slots import noted_this_turn, profile_from_tracker, say_notes, voice_for
from knowledge.loader import Network, default_knowledge
from knowledge.places.france_services import local_today
from orientation import formatting, place_wording
from orientation.after_list import is_question
from orientation.matching import NetworkSuggestion, Recommendation, Suggestion, recommend
from orientation.named_choice import asked_position, asks_why, follow_up_problem, named_choice, ordinal_choice
from orientation.network_questions import network_answer
from orientation.next_step import networks_besides, next_step, next_step_text
from orientation.refine import (
    SNAPSHOT_KEYS,
    Refined,
    Wishes,
    describe_changes,
    refine,
    snapshot,
    unchanged_text,
    wants_closer,
)
from orientation.voice import in_voice
from reading.facts import RQTH_PENDING_NOTE

MAX_SUGGESTIONS = 4
# Candidates a trade or « plus près » chooses from (orientation/refine.py); the matcher ranks them all.
REFINE_POOL = 40
# The networks a list showed, kept beside its facts: the same local actions with other networks is a new answer.
NETWORKS_SHOWN = "reseaux"


def _refined(tracker: Tracker, previous: Optional[Tuple[str, ...]] = None) -> Tuple[Recommendation, Refined]:
    """The list as shown: the matcher's, narrowed or re-ordered by the person's wishes (trade, closer)."""
    profile = profile_from_tracker(tracker)
    pool = recommend(profile, limit=REFINE_POOL)
    wishes = Wishes(secteur=tracker.get_slot("secteur"), plus_pres=bool(tracker.get_slot("plus_pres")))
    refined = refine(
        pool.local,
        wishes,
        MAX_SUGGESTIONS,
        knows_place=profile.code_insee is not None,
        previous=previous,
        besoin=profile.besoin,
        age=profile.whole_age,
    )
    return replace(pool, local=refined.local), refined


def _current(tracker: Tracker) -> Recommendation:
    return _refined(tracker)[0]


def network_card(tracker: Tracker, network: Network) -> str:
    """A network's card asked for after the list: with the reasons it was proposed with, when it was (play-test H,
    h24: the mobility card without its « Pourquoi »); a network not proposed has none to give."""
    proposed = next((ns for ns in _current(tracker).networks if ns.network.id == network.id), None)
    return formatting.network_text(proposed or NetworkSuggestion(network, ()), voice_for(tracker))


def _card(s: Suggestion) -> Dict[str, Any]:
    """A suggestion as data, for the web chat's cards (links are drawn from these fields only)."""
    contact = s.initiative.contact
    return {
        "id": s.initiative.id,
        "nom": s.initiative.nom,
        "porteur": s.initiative.porteur.nom,
        "ou": s.where,
        "offre": s.initiative.description,
        "pourquoi": list(s.reasons),
        "historique": s.historical,
        "annee": s.year,
        "contact": {}
        if s.historical
        else {
            k: v
            for k, v in (
                ("telephone", contact.telephone),
                ("courriel", contact.courriel),
                ("site_web", contact.site_web),
                ("adresse", contact.adresse),
                ("horaires", contact.horaires),
            )
            if v
        },
    }


class ActionRecommend(Action):
    def name(self) -> str:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        return self.say_list(dispatcher, tracker)

    def say_list(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """The list for the tracker's facts; another action calls it to give a new list in its own turn."""
        shown_before = bool(tracker.get_slot("suggestions_shown"))
        previous = tuple(tracker.get_slot("suggestions") or ()) if shown_before else None
        result, refined = _refined(tracker, previous)
        facts = snapshot({key: tracker.get_slot(key) for key in SNAPSHOT_KEYS})
        before = tracker.get_slot("suggested_for") if shown_before else None
        facts[NETWORKS_SHOWN] = [ns.network.id for ns in result.networks]
        done = [
            SlotSet("suggestions", [s.initiative.id for s in result.local]),
            SlotSet("attempts", None),
            SlotSet("suggestions_shown", True),
            SlotSet("suggested_for", facts),
        ]
        # One sentence per change: the last message's own correction (« C'est noté : 27 ans. ») when there is one,
        # else what differs from the facts the list was made for — without what a « C'est noté » said already
        # (the form's validation may have said it before this action runs: one note per fact change).
        noted = noted_this_turn(tracker)
        corrected = bool(noted)
        change = describe_changes(before, facts, skip=noted)
        done += say_notes(dispatcher, tracker)
        voice = voice_for(tracker)  # « C'est noté : sa priorité… » to a conseiller
        if change:
            dispatcher.utter_message(text=in_voice(change, voice))
        for note in refined.notes:
            dispatcher.utter_message(text=in_voice(note, voice))
        # Same answer as above (the same actions, none at all included, and the same networks): repeating it
        # would read as if nothing had been heard. What the message asked is answered if the bot knows it.
        if refined.unchanged and (before or {}).get(NETWORKS_SHOWN) == facts[NETWORKS_SHOWN]:
            said = bool(change or corrected or refined.notes)
            before_answer = len(dispatcher.messages)
            answered = answer_question(dispatcher, tracker)
            if not (said or answered) and is_question(tracker.latest_message.get("text") or ""):
                # A question not understood is not answered by « Mes propositions restent celles… » alone
                # (play-test E): one honest sentence, with the useful buttons.
                say_cannot_answer(dispatcher, tracker)
                return done
            # The answer came with its buttons (« Je ne sais pas répondre… », play-test G g15, g17, g24): one row
            # per answer, and « Mes propositions restent celles… » adds nothing to it.
            with_buttons = [m for m in dispatcher.messages[before_answer:] if m.get("buttons")]
            if with_buttons:
                if said:  # « J'ai mis à jour mes propositions… » last, carrying the answer's buttons
                    buttons = with_buttons[-1].pop("buttons")
                    dispatcher.utter_message(text=unchanged_text(said), buttons=buttons)
                return done
            buttons = AFTER_BUTTONS if said or answered else next_step_buttons(tracker)
            dispatcher.utter_message(text=unchanged_text(said), buttons=buttons)
            return done
        updating = bool(tracker.get_slot("suggestions"))
        voice = voice_for(tracker)
        dispatcher.utter_message(text=formatting.intro_text(result, updating=updating, voice=voice))
        web = tracker.get_latest_input_channel() == "socketio"
        for index, suggestion in enumerate(result.local, start=1):
            buttons = [
                {"title": "Plus de détails", "payload": f'/ask_details{{"suggestion": "{suggestion.initiative.id}"}}'},
                {
                    "title": "Pourquoi ?",
                    "payload": f'/ask_why_suggestion{{"suggestion": "{suggestion.initiative.id}"}}',
                },
            ]
            if web:
                # Rasa's socketio channel emits the "data" object as the bot_uttered payload.
                dispatcher.utter_message(
                    json_message={
                        "data": {"type": "suggestion", "index": index, "card": _card(suggestion), "buttons": buttons}
                    }
                )
            else:
                dispatcher.utter_message(text=formatting.suggestion_text(suggestion, index, voice), buttons=buttons)
        # Always a place to call or walk into: the hosting mission locale's nearest site, or France services.
        step = next_step(result.profile.code_insee, age=result.profile.whole_age)
        networks = networks_besides(step, result.networks)
        if networks:
            shown, _ = formatting.split_networks(networks)  # the fiche lists the same ones (orientation/liaison.py)
            dispatcher.utter_message(text=formatting.networks_text(shown, voice=voice))
        closing = place_wording.with_named_mission_locale(
            next_step_text(step, voice=voice), formatting.named_mission_locale(result)
        )
        closing = in_voice(closing, voice)
        if closing:
            dispatcher.utter_message(text=closing)
        dispatcher.utter_message(text="Que voulez-vous faire maintenant ?", buttons=AFTER_BUTTONS)
        return done


_NETWORK = "reseau:"


def _named(tracker: Tracker, recommendation: Recommendation) -> Optional[str]:
    """The suggestion or network of the list that the message names (« pourquoi le CEJ »), as an id."""
    names = {s.initiative.id: (s.initiative.nom, s.initiative.porteur.nom) for s in recommendation.local}
    names.update({_NETWORK + ns.network.id: (ns.network.nom,) for ns in recommendation.networks})
    return named_choice(tracker.latest_message.get("text") or "", names)


def _named_network(tracker: Tracker, recommendation: Recommendation) -> Optional[NetworkSuggestion]:
    wanted = _named(tracker, recommendation) if tracker.get_slot("suggestions_shown") else None
    if not wanted or not wanted.startswith(_NETWORK):
        return None
    return next((ns for ns in recommendation.networks if _NETWORK + ns.network.id == wanted), None)


def answer_from_cards(
    tracker: Tracker, dispatcher: CollectingDispatcher, recommendation: Optional[Recommendation] = None
) -> bool:
    """« cest quoi lobligation de formation ? », « pourquoi les FJT ? », « la css cest gratuit ? », « Pourquoi ? »
    after a list of cards: the card's own text (orientation/network_questions.py, play-test H). False when the
    message is about no card, or names one of the actions listed."""
    if not tracker.get_slot("suggestions_shown"):
        return False
    recommendation = recommendation or _current(tracker)
    named = _named(tracker, recommendation)
    if named is not None and not named.startswith(_NETWORK):
        return False  # an action of the list, named (« pourquoi l'accompagnement vers l'apprentissage »)
    shown_ids = (tracker.get_slot("suggested_for") or {}).get(NETWORKS_SHOWN)
    shown = list(recommendation.networks)
    if shown_ids is not None:
        order = {sid: i for i, sid in enumerate(shown_ids)}
        shown = sorted((ns for ns in shown if ns.network.id in order), key=lambda ns: order[ns.network.id])
    knowledge = default_knowledge()
    answer = network_answer(
        tracker.latest_message.get("text") or "",
        shown,
        knowledge.networks,
        knowledge.glossary,
        has_local=bool(tracker.get_slot("suggestions")),
        voice=voice_for(tracker),
    )
    if answer:
        dispatcher.utter_message(text=answer)
    return bool(answer)


def answer_about_shown(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """« pourquoi le CEJ », « pk la 2 », « c quoi le 2eme » taken by the model for a definition or for « why this
    question »: answered about that suggestion. False (nothing said) when no list was shown or none is named."""
    if not tracker.get_slot("suggestions_shown"):
        return False
    text = tracker.latest_message.get("text") or ""
    if wants_closer(text):
        return False  # « plus près » wins over a number or a name it contains
    why = asks_why(text)
    recommendation = _current(tracker)
    if answer_from_cards(tracker, dispatcher, recommendation):
        return True
    named = _named(tracker, recommendation)
    if named is None and asked_position(text) is None:
        return False
    if named is None and ordinal_choice(text, tracker.get_slot("suggestions") or []) is None:
        return False  # « la 7 » of a list of four: left to the glossary or the question's explanation
    if named is not None and not why:
        return False  # « c'est quoi le CEJ »: the glossary defines it
    network = _named_network(tracker, recommendation)
    if network is not None:
        dispatcher.utter_message(text=formatting.network_text(network, voice_for(tracker)))
        return True
    suggestion = _chosen(tracker, dispatcher, recommendation)
    if suggestion is not None:
        voice = voice_for(tracker)
        text = formatting.suggestion_why(suggestion, voice) if why else formatting.suggestion_details(suggestion, voice)
        dispatcher.utter_message(text=text)
    return True


def _chosen(
    tracker: Tracker, dispatcher: CollectingDispatcher, recommendation: Optional[Recommendation] = None
) -> Optional[Suggestion]:
    """The suggestion a follow-up is about: a button's entity, « la 2e », or the first one; else says why not."""
    shown = tracker.get_slot("suggestions") or []
    wanted = next(tracker.get_latest_entity_values("suggestion"), None)
    problem = (
        None
        if wanted in shown
        else follow_up_problem(
            shown, bool(tracker.get_slot("suggestions_shown")), tracker.latest_message.get("text") or ""
        )
    )
    if problem:
        dispatcher.utter_message(text=problem)
        return None
    recommendation = recommendation or _current(tracker)
    if wanted not in shown:
        named = _named(tracker, recommendation)  # « pourquoi l'E2C »: by name, before « la 2 » by position
        wanted = (
            named if named in shown else ordinal_choice(tracker.latest_message.get("text") or "", shown) or shown[0]
        )
    for suggestion in recommendation.local:
        if suggestion.initiative.id == wanted:
            return suggestion
    return None


class _AboutChosen(Action, ABC):
    """A follow-up about one suggestion shown: says `text` of the one the person chose (abstract, so that
    rasa_sdk registers only its subclasses)."""

    @abstractmethod
    def text(self, suggestion: Suggestion, voice: str) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if wants_closer(tracker.latest_message.get("text") or ""):
            # « ya pas plus près ? jsuis à la Busserine » is no question about action 1 (play-test E e01): the list
            # is made again, closest first (orientation/refine.py).
            return [FollowupAction("action_recommend")]
        recommendation = _current(tracker)
        if answer_from_cards(tracker, dispatcher, recommendation):  # « pourquoi les FJT ? » (play-test H)
            return []
        network = _named_network(tracker, recommendation)  # « pourquoi le CEJ »: a network of the list
        if network is not None:
            dispatcher.utter_message(text=formatting.network_text(network, voice_for(tracker)))
            return []
        suggestion = _chosen(tracker, dispatcher, recommendation)
        if suggestion is not None:
            dispatcher.utter_message(text=self.text(suggestion, voice_for(tracker)))
        return []


class ActionSuggestionDetails(_AboutChosen):
    def name(self) -> str:
        return "action_suggestion_details"

    def text(self, suggestion: Suggestion, voice: str) -> str:
        return formatting.suggestion_details(suggestion, voice)


class ActionSuggestionWhy(_AboutChosen):
    def name(self) -> str:
        return "action_suggestion_why"

    def text(self, suggestion: Suggestion, voice: str) -> str:
        return formatting.suggestion_why(suggestion, voice)


def _rqth_pending_said(tracker: Tracker) -> bool:
    """A RQTH request under way, as the bot acknowledged it (« la demande de RQTH est en cours »): the slot `rqth`
    keeps only « not granted » (no domain change for a third value), the conversation keeps the rest."""
    return tracker.get_slot("rqth") is False and any(
        e.get("event") == "bot" and e.get("text") == RQTH_PENDING_NOTE for e in tracker.events
    )


class ActionSummary(Action):
    """The « fiche de liaison »: one message the person copies or forwards to a conseiller."""

    def name(self) -> str:
        return "action_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        profile = profile_from_tracker(tracker)
        # The day where the person lives, as the list's places have: the same hours in both (play-test F).
        today = local_today(profile.code_insee)
        sheet = formatting.liaison_sheet(
            profile,
            _current(tracker),
            today=today,
            urgence_donnee=bool(tracker.get_slot("urgence_donnee")),
            voice=voice_for(tracker),
            rqth_pending=_rqth_pending_said(tracker),
        )
        if tracker.get_latest_input_channel() == "socketio":
            # The web chat shows the same text with « Copier », « Imprimer » and « Télécharger ».
            dispatcher.utter_message(
                json_message={
                    "data": {
                        "type": "fiche",
                        "texte": sheet,
                        "titre": sheet.splitlines()[0],
                        "nom_fichier": f"fiche-de-liaison-{today.isoformat()}",
                    }
                }
            )
        else:
            dispatcher.utter_message(text=sheet)
        return []
