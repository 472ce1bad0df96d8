"""Bad input fed to reading.facts (read_facts) and should_ask_qpv: well-formed slots, in bounded time.

Property-based tests: every extraction and validation function, on any input a person (or a bot) can
type. Complements tests/test_understanding.py and tests/test_facts.py (which show the expected readings)
with what must hold for *all* inputs: no exception, values of the right type and range, kind answers.
"""

from __future__ import annotations

import math
import time
from typing import Optional

from hypothesis import example, given, settings
from hypothesis import strategies as st

from actions.profile_slots import QUESTION_ORDER, profile_from_slots
from knowledge import geo
from knowledge.profile import BESOINS, DIPLOMES, LOGEMENTS, SCOLARITES
from reading.facts import YES_NO_SLOTS, read_facts
from reading.quartier import should_ask_qpv
from tests.support.bad_input import INTENTS, PROFILE_SLOT_NAMES, PROPERTY, REQUESTED, TODAY, entities, messy_text

# --------------------------------------------------------------------------------------- facts


def check_facts(result, requested: Optional[str]) -> None:
    slots = result.slots
    assert set(slots) <= PROFILE_SLOT_NAMES
    if "age" in slots:
        assert isinstance(slots["age"], (int, float)) and math.isfinite(slots["age"])
    if slots.get("code_insee") is not None:
        commune = geo.get_commune(slots["code_insee"])
        assert commune is not None and slots["commune"] == commune.nom and slots["departement"] == commune.departement
    for code in slots.get("commune_candidates") or []:
        assert geo.get_commune(code) is not None
    for name in ("qpv", "permis", "vehicule", "handicap", "rqth"):
        assert slots.get(name) in (None, True, False)
    if slots.get("handicap") is False:
        assert slots.get("rqth") is False
    assert slots.get("logement") in (None, *LOGEMENTS)
    assert slots.get("besoin") in (None, *BESOINS)
    assert slots.get("scolarite") in (None, *SCOLARITES)
    assert slots.get("diplome") in (None, *DIPLOMES)
    if "quartier" in slots:
        assert isinstance(slots["quartier"], str) and 0 < len(slots["quartier"]) <= 60
    assert set(result.skipped) <= set(QUESTION_ORDER)
    if result.rejected is not None:
        reason, _, said = result.rejected.partition(":")
        # « commune-non », « handicap-emoji »: a question's name, with the kind of miss after a hyphen.
        assert reason.partition("-")[0] in QUESTION_ORDER and len(said) <= 60
    profile_from_slots(slots)  # what the matcher will build from them: must not raise


@PROPERTY
@given(messy_text, entities, st.sampled_from(INTENTS), st.sampled_from(REQUESTED))
def test_read_facts_gives_well_formed_slots_for_any_message(text, found, intent, requested):
    check_facts(read_facts(text, entities=found, intent=intent, requested_slot=requested, today=TODAY), requested)


@PROPERTY
@given(st.text(max_size=60), st.sampled_from(REQUESTED))
def test_a_button_payload_is_read_from_its_entities_only(text, requested):
    # The payload's text (« /inform{...} ») says nothing more than its entities.
    result = read_facts("/" + text, entities=[], intent="inform", requested_slot=requested, today=TODAY)
    assert result.slots == {} and result.skipped == []


@PROPERTY
@given(st.sampled_from([s for s in QUESTION_ORDER]), messy_text)
def test_declining_skips_exactly_the_question_asked(requested, text):
    result = read_facts(text, intent="decline", requested_slot=requested, today=TODAY)
    assert result.skipped == [requested] and result.slots == {}


@given(st.sampled_from(YES_NO_SLOTS), st.sampled_from(["oui", "ouais", "Oui !", "OK", "non", "nan", "Non merci"]))
def test_yes_or_no_answers_the_yes_no_question_asked(requested, text):
    result = read_facts(text, intent="inform", requested_slot=requested, today=TODAY)
    expected = not text.lower().startswith("n")
    assert result.slots.get(requested) is expected


@PROPERTY
@given(st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["69256", "01001", "35115", "2A004", "97411"])))
def test_should_ask_qpv_never_fails(code):
    assert should_ask_qpv(code) in (True, False)


def test_a_long_message_is_read_quickly_even_when_the_commune_is_asked():
    """One person's message must not block the action server (it serves everyone on one thread)."""
    text = " ".join(["saint", "denis", "la", "rue", "je", "suis", "lyon", "villeneuve", "sur", "le"] * 20)
    started = time.perf_counter()
    read_facts(text, intent="inform", requested_slot="commune", today=TODAY)
    assert time.perf_counter() - started < 0.5


@example("x" * 5000)
@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1000, max_size=10000))
def test_very_long_messages_are_read_in_bounded_time(text):
    started = time.perf_counter()
    read_facts(text, intent="inform", today=TODAY)
    assert time.perf_counter() - started < 1.0
