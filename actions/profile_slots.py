"""The slot contract (other tools read these from the tracker) and the Profile it maps to."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from knowledge.profile import AGE_MAX, AGE_MIN, BESOINS, DIPLOMES, PROFILE_SLOTS, SCOLARITES, SUJETS, Profile
from knowledge.sectors import sectors_by_id
from orientation.voice import VOUS, in_voice, voice_of
from reading.interlocutor import CONSEILLER, speaks_of_a_man

# The order in which the form asks; some questions are dropped by `required_slots`. `scolarite` is never
# asked: it is read when the person says it. This table and FORM_INTENTS are the one definition: domain.yml
# repeats them because Rasa needs it, and tests/test_form_contract.py holds it to them.
QUESTION_ORDER = ("besoin", "age", "commune", "qpv", "permis", "vehicule", "logement", "handicap", "rqth", "diplome")
# Intents whose text may carry profile facts; everything else is a digression for the form.
FORM_INTENTS = frozenset(
    {"inform", "affirm", "deny", "decline", "dont_know", "start", "greet", "nlu_fallback", "refine_suggestions"}
)
# Answers a person may give that are sensitive: never logged, asked with care.
SENSITIVE_SLOTS = frozenset({"handicap", "rqth", "logement", "sujets"})  # sujets: health, money, family


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
        besoins_autres=tuple(need for need in slots.get("besoins_autres") or () if need in BESOINS) or None,
        scolarite=slots.get("scolarite") if slots.get("scolarite") in SCOLARITES else None,
        diplome=slots.get("diplome") if slots.get("diplome") in DIPLOMES else None,
        minima_sociaux=slots.get("minima_sociaux"),
        secteur=slots.get("secteur") if slots.get("secteur") in sectors_by_id() else None,
        sujets=frozenset(s for s in slots.get("sujets") or () if s in SUJETS),
        declined=frozenset(slots.get("skipped_slots") or ()),
        unknown=frozenset(slots.get("unknown_slots") or ()),
    )


def profile_from_tracker(tracker: Tracker) -> Profile:
    # The trade (« dans la vente ») is asked after the list, not by the form, but the matcher needs it too.
    names = (*PROFILE_SLOTS, "secteur", "sujets", "skipped_slots", "unknown_slots")
    return profile_from_slots({name: tracker.get_slot(name) for name in names})


_WELCOME_RESPONSES = ("utter_welcome", "utter_welcome_privacy")


def welcome_due(tracker: Tracker) -> bool:
    """True in a conversation Rasa opened (a session started) where neither the welcome (greeting rule) nor its
    short form (messages.WELCOME_NOTE, in `notes`) was said yet: a first message that carried facts."""
    from actions.messages import WELCOME_NOTE

    events = list(tracker.events)
    if not any(e.get("event") == "session_started" for e in events):
        return False
    # Only the first exchange: once the bot has spoken (the English opener, a safety answer, a reprompt), the short
    # welcome would come mid-conversation (play-test E e03, e04, e19, e20).
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    if any(e.get("event") == "bot" for e in events[:last_user]):
        return False
    return not any(
        (e.get("event") == "action" and e.get("name") in _WELCOME_RESPONSES)
        or (e.get("event") == "bot" and e.get("text") == WELCOME_NOTE)
        for e in events
    )


def pending_notes(tracker: Tracker) -> List[Dict[str, Any]]:
    """The notes set since the last user message and not said yet: those of an earlier message are not carried on."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    if not any(e.get("event") == "slot" and e.get("name") == "notes" for e in events[last_user + 1 :]):
        return []
    return list(tracker.get_slot("notes") or [])


def voice_for(tracker: Tracker) -> str:
    """Who the bot speaks to (orientation/voice.py): the young person, or a conseiller about the person — « il » of
    a young man, read from what the conseiller wrote (play-test H h05). Read from the messages, never stored."""
    from reading.facts import FULL_TEXT

    interlocuteur = tracker.get_slot("interlocuteur")
    if interlocuteur != CONSEILLER:
        return VOUS
    said = [
        (e.get("metadata") or {}).get(FULL_TEXT) or e.get("text") or ""
        for e in tracker.events
        if e.get("event") == "user"
    ]
    return voice_of(interlocuteur, man=speaks_of_a_man(str(text) for text in said))


# The notes said of the person to a conseiller: facts said back, corrections, age notes (not the welcome, which
# speaks to whoever types, nor a definition, written of anyone).
_VOICED = frozenset({"correction", "fact", "age"})


def say_notes(dispatcher: Any, tracker: Tracker) -> List[Any]:
    """Says the sentences action_extract_profile left in `notes` (the short welcome, a correction, an age note) and
    clears them."""
    from rasa_sdk.events import SlotSet

    notes = tracker.get_slot("notes") or []
    # Written in the « vous » form; to a conseiller, of the person (play-test H h05: « vous vivez chez vos parents »).
    voice = voice_for(tracker)
    for note in notes:
        if note.get("kind") == "welcome" and not welcome_due(tracker):
            continue  # the greeting rule welcomed the person meanwhile
        text = note.get("text")
        dispatcher.utter_message(text=in_voice(text, voice) if note.get("kind") in _VOICED else text)
    return [SlotSet("notes", None)] if notes else []


NOTED = "C'est noté"


def noted_this_turn(tracker: Tracker) -> frozenset:
    """The slots whose change a « C'est noté » already said since the last list (by the form's validation), or
    that one still in `notes` will say: action_recommend must not acknowledge them a second time. A commune
    corrected after the list is said at once, then the QPV of the new commune is asked: the list that follows
    the answer must not say the commune again."""
    events = list(tracker.events)
    last_list = max(
        (i for i, e in enumerate(events) if e.get("event") == "action" and e.get("name") == "action_recommend"),
        default=-1,
    )
    users = [i for i, e in enumerate(events) if e.get("event") == "user" and i > last_list] or [len(events)]
    names = set()
    for start, end in zip(users, [*users[1:], len(events)]):
        turn = events[start + 1 : end]
        pending = end == len(events) and any(
            note.get("kind") == "correction" for note in tracker.get_slot("notes") or []
        )
        said = any(e.get("event") == "bot" and str(e.get("text") or "").startswith(NOTED) for e in turn)
        if pending or said:
            names |= {e.get("name") for e in turn if e.get("event") == "slot"}
    if "commune" in names:
        names.add("code_insee")
    return frozenset(name for name in names if name)


def answered_in_last_message(tracker: Tracker) -> bool:
    """Whether the last user message set a profile fact (or offered communes to choose from)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return any(
        e.get("event") == "slot"
        and e.get("name") in (*PROFILE_SLOTS, "commune_candidates")
        and e.get("value") not in (None, [], "")
        for e in events[last_user + 1 :]
    )
