"""action_extract_profile: the custom slot mapping of every profile slot (see domain.yml)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import WELCOME_NOTE
from actions.profile_slots import pending_notes, skipped, welcome_due
from knowledge.loader import default_knowledge
from orientation.refine import wants_closer
from orientation.wording import (
    ACKNOWLEDGED,
    QUIET,
    REPROACH_TEXT,
    age_notes,
    correction_sentence,
    out_of_turn_sentence,
)
from reading.age import warm_up
from reading.conversation_cues import is_reproach, sector_wished, without_reproach
from reading.facts import FULL_TEXT, read_facts
from reading.glossary import definition_text, definitions_asked

warm_up()


def _full_text(tracker: Tracker) -> Optional[str]:
    """The longer text input_guard put in the last user message's metadata. Rasa's `latest_message` is the NLU
    result, which has no metadata: the user event itself carries it."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            text = (event.get("metadata") or {}).get(FULL_TEXT)
            return text if isinstance(text, str) else None
    return None


class ActionExtractProfile(Action):
    def name(self) -> str:
        return "action_extract_profile"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        asked = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        # A misspelt commune (« Marseile », « la réunion ») is often taken for out of scope: read only as a commune.
        if intent == "out_of_scope" and asked != "commune":
            return []
        # A long message reaches the NLU cut to its ends; the parsers read more of it (aiguillage/rasa/input_guard.py).
        full_text = _full_text(tracker)
        facts = read_facts(
            # « je te l'ai deja dit la duchere »: the reproach words hid the quartier (play-test H h10)
            text=without_reproach(full_text or message.get("text") or ""),
            entities=message.get("entities") or [],
            intent=intent,
            requested_slot=asked,
            known={
                name: tracker.get_slot(name)
                for name in (
                    *("commune_candidates", "departement", "code_insee", "attempts", "besoin", "besoins_autres"),
                    *("logement", "age"),
                    *("quartier", "qpv"),  # a quartier of the official list of QPV, once the commune is known
                    "sujets",  # subjects said before (reading/situation.py), kept when another is said
                )
            },
        )
        before = {name: tracker.get_slot(name) for name in (*ACKNOWLEDGED, *QUIET)}
        # Rasa 3.6 drops what a slot-mapping action utters (ActionExtractSlots keeps only SlotSet events through
        # validation): the sentences go into `notes`, said by the form's validation or action_recommend.
        # Rasa may run this mapping twice for one message (slot extraction, then the form): the second run sees the
        # facts already set, so it must add to the notes of the first, not replace them with the welcome alone.
        notes = pending_notes(tracker)
        correction = correction_sentence(before, facts.slots)
        if correction:
            notes.append({"kind": "correction", "text": correction})
        # A fact given while another question was asked, that question left open (« chez un pote » at the handicap
        # question): said back, then the form asks its question again.
        aside = out_of_turn_sentence(asked, before, facts.slots)
        if aside:
            notes.append({"kind": "fact", "text": aside})
        if "age" in facts.slots:
            notes += [{"kind": "age", "text": note} for note in age_notes(before.get("age"), facts.slots["age"])]
        notes += [{"kind": "fact", "text": note} for note in facts.notes]
        text = message.get("text") or ""
        # « oui, Bellevue, je l'ai dit au début », « je viens de l'écrire » (play-test G): any fact is kept, and the
        # reproach heard first. Without a fact, out of scope, action_hors_sujet says it (not twice).
        if asked and is_reproach(text) and (facts.slots or intent != "out_of_scope"):
            notes.insert(0, {"kind": "reproach", "text": REPROACH_TEXT})
        if facts.slots and asked:
            # « 17, grenoble. c'est quoi le CEJ ? » (play-test G g14): the answer is kept, the question answered.
            terms = definitions_asked(text, default_knowledge().glossary)
            notes += [{"kind": "definition", "text": definition_text(term)} for term in terms]
        if facts.slots and welcome_due(tracker):  # facts in the first message: the greeting rule did not run
            notes.insert(0, {"kind": "welcome", "text": WELCOME_NOTE})
        notes = [note for i, note in enumerate(notes) if note not in notes[:i]]  # each sentence once
        events = [SlotSet(name, value) for name, value in facts.slots.items()]
        if facts.interlocuteur and facts.interlocuteur != tracker.get_slot("interlocuteur"):
            events.append(SlotSet("interlocuteur", facts.interlocuteur))  # the questions then say « la personne »
        if notes and notes != pending_notes(tracker):
            events.append(SlotSet("notes", notes))
        if facts.skipped:
            events.append(SlotSet("skipped_slots", sorted(set(skipped(tracker)) | set(facts.skipped))))
        # A fact given again un-skips its question ("en fait si, j'ai le permis").
        answered = set(facts.slots) & set(skipped(tracker))
        if answered and not facts.skipped:
            events.append(SlotSet("skipped_slots", sorted(set(skipped(tracker)) - answered)))
        unknown = set(tracker.get_slot("unknown_slots") or ())
        if facts.unknown or unknown & (set(facts.slots) | set(facts.skipped)):
            # « je ne sais pas » is kept apart from a refusal; a later answer or refusal replaces it.
            kept = (unknown - set(facts.slots) - set(facts.skipped)) | set(facts.unknown)
            events.append(SlotSet("unknown_slots", sorted(kept)))
        events.append(SlotSet("rejected", facts.rejected))
        # Wishes about the list (a trade, closer places), kept for every list that follows (orientation/refine.py).
        # A question about one's rights (« jai droit a une aide pour la creche ? ») wishes no trade (play-test G).
        secteur = sector_wished(text, message.get("entities") or [])
        if secteur:
            events.append(SlotSet("secteur", secteur))
        if wants_closer(text):
            events.append(SlotSet("plus_pres", True))
        return events
