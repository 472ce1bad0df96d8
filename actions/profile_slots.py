"""The slot contract (other tools read these from the tracker) and the Profile it maps to."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from knowledge.profile import AGE_MAX, AGE_MIN, DIPLOMES, SCOLARITES, Profile

PROFILE_SLOTS = ("besoin", "age", "commune", "code_insee", "departement", "quartier", "qpv", "permis",
                 "vehicule", "logement", "handicap", "rqth", "scolarite", "diplome")
# The order in which the form asks; some questions are dropped by `required_slots`. `scolarite` is never
# asked: it is read when the person says it.
QUESTION_ORDER = ("besoin", "age", "commune", "qpv", "permis", "vehicule", "logement", "handicap", "rqth", "diplome")
# Intents whose text may carry profile facts; everything else is a digression for the form.
FORM_INTENTS = frozenset({"inform", "affirm", "deny", "decline", "dont_know", "start", "greet", "nlu_fallback",
                          "refine_suggestions"})
# Answers a person may give that are sensitive: never logged, asked with care.
SENSITIVE_SLOTS = frozenset({"handicap", "rqth", "logement"})


def skipped(tracker: Tracker) -> List[str]:
    return list(tracker.get_slot("skipped_slots") or [])


def handicap_category(handicap: Optional[bool], rqth: Optional[bool]) -> Optional[str]:
    if handicap is None:
        return "rqth" if rqth else None
    if not handicap:
        return "non"
    return "rqth" if rqth else "oui-sans-rqth"


def profile_from_slots(slots: Dict[str, Any]) -> Profile:
    age = slots.get("age")
    age = float(age) if age is not None and AGE_MIN <= float(age) <= AGE_MAX else None
    return Profile(
        age=age,
        code_insee=slots.get("code_insee"),
        quartier=slots.get("quartier"),
        qpv=slots.get("qpv"),
        permis=slots.get("permis"),
        vehicule=slots.get("vehicule"),
        logement=slots.get("logement"),
        handicap=handicap_category(slots.get("handicap"), slots.get("rqth")),
        besoin=slots.get("besoin"),
        scolarite=slots.get("scolarite") if slots.get("scolarite") in SCOLARITES else None,
        diplome=slots.get("diplome") if slots.get("diplome") in DIPLOMES else None,
        declined=frozenset(slots.get("skipped_slots") or ()),
    )


def profile_from_tracker(tracker: Tracker) -> Profile:
    return profile_from_slots({name: tracker.get_slot(name) for name in (*PROFILE_SLOTS, "skipped_slots")})


def say_notes(dispatcher: Any, tracker: Tracker) -> List[Any]:
    """Says the sentences action_extract_profile left in `notes` (a correction, an age note) and clears them."""
    from rasa_sdk.events import SlotSet

    notes = tracker.get_slot("notes") or []
    for note in notes:
        dispatcher.utter_message(text=note.get("text"))
    return [SlotSet("notes", None)] if notes else []


def answered_in_last_message(tracker: Tracker) -> bool:
    """Whether the last user message set a profile fact (or offered communes to choose from)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return any(e.get("event") == "slot" and e.get("name") in (*PROFILE_SLOTS, "commune_candidates")
               and e.get("value") not in (None, [], "") for e in events[last_user + 1:])
