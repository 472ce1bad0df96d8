"""Bad input fed to the actions (extract_profile, the profile form's validation, ask_commune): kind French answers.

Property-based tests: every extraction and validation function, on any input a person (or a bot) can
type. Complements tests/test_understanding.py and tests/test_facts.py (which show the expected readings)
with what must hold for *all* inputs: no exception, values of the right type and range, kind answers.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any, Dict, List, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.extract_profile import ActionExtractProfile
from actions.profile_form import MAX_ATTEMPTS, ActionAskCommune, ValidateProfileForm, remaining_questions
from actions.profile_slots import QUESTION_ORDER
from knowledge import geo
from knowledge.profile import AGE_MAX, AGE_MIN
from reading.understanding import parse_age
from tests.conftest import run_action, sdk_tracker, user_turn
from tests.support.bad_input import DOMAIN_SLOTS, INTENTS, PROPERTY, REQUESTED, TODAY, entities, messy_text

# --------------------------------------------------------------------------------------- actions


def run(action, tracker: Tracker, domain: Optional[Dict[str, Any]] = None):
    return run_action(action, tracker, domain or DOMAIN)


DOMAIN: Dict[str, Any] = {"forms": {"profile_form": {"required_slots": list(QUESTION_ORDER)}}, "slots": DOMAIN_SLOTS}
FRENCH = re.compile(r"\b(?:vous|votre|je|pas|de|la|le|les|un|une|ou|et|en|à|avez|pouvez|quel|quelle)\b", re.IGNORECASE)


def make_tracker(
    text: str,
    intent: Optional[str],
    requested: Optional[str],
    slots: Dict[str, Any],
    set_now: Dict[str, Any],
    found: List[dict],
) -> Tracker:
    events = user_turn(text, intent, found) + [{"event": "slot", "name": k, "value": v} for k, v in set_now.items()]
    return sdk_tracker(
        {**slots, **set_now}, text, intent, found, requested=requested, events=events, sender_id="fuzz", confidence=0.9
    )


def slot_value_fits(name: str, value: Any) -> bool:
    if value is None:
        return True
    kind = DOMAIN_SLOTS[name]["type"]
    return {
        "text": lambda: isinstance(value, str),
        "float": lambda: isinstance(value, (int, float)) and math.isfinite(value),
        "bool": lambda: isinstance(value, bool),
        "list": lambda: isinstance(value, list),
        "any": lambda: True,
        "categorical": lambda: value in DOMAIN_SLOTS[name]["values"],
    }[kind]()


@PROPERTY
@given(
    messy_text,
    entities,
    st.sampled_from(INTENTS),
    st.sampled_from(REQUESTED),
    st.lists(st.sampled_from(QUESTION_ORDER), max_size=3, unique=True),
)
def test_extract_profile_sets_only_domain_slots_with_values_of_their_type(text, found, intent, requested, skipped):
    _, events = run(
        ActionExtractProfile(), make_tracker(text, intent, requested, {"skipped_slots": skipped}, {}, found)
    )
    for event in events:
        assert event["event"] == "slot" and event["name"] in DOMAIN_SLOTS, event
        assert slot_value_fits(event["name"], event["value"]), event


# What the age slot can hold: action_extract_profile's readings (finite numbers), or anything a text slot
# value could be turned into by mistake.
ages = st.one_of(
    st.floats(-200, 1000),
    st.integers(-200, 1000),
    st.text(alphabet="0123456789 .,-eabc", max_size=10),
    st.none(),
    st.sampled_from(["19", "abc", "", "1e3", "-0", "  20 "]),
)


@PROPERTY
@given(ages)
def test_validate_age_keeps_only_plausible_ages_and_explains_the_others(value):
    dispatcher = CollectingDispatcher()
    result = ValidateProfileForm().validate_age(
        value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN
    )
    age = result["age"]
    assert age is None or (AGE_MIN <= age <= AGE_MAX)
    for message in dispatcher.messages:
        assert message["text"] and FRENCH.search(message["text"])
        assert not re.search(r"\b(?:nan|inf)\b", message["text"], re.IGNORECASE)


@pytest.mark.parametrize("value", [float("nan"), "inf", "-INFINITY"])
def test_validate_age_on_not_a_number(value):
    dispatcher = CollectingDispatcher()
    ValidateProfileForm().validate_age(value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN)
    assert not any(re.search(r"nan|inf", m["text"], re.IGNORECASE) for m in dispatcher.messages)


@given(st.dates(min_value=TODAY + timedelta(days=400), max_value=date(2099, 1, 1)))
def test_a_birth_year_in_the_future_is_answered_kindly(born):
    # « né en 2050 » is read as a negative age; validation must refuse it with a kind, sensible question.
    reading = parse_age(f"né en {born.year}", today=TODAY)
    dispatcher = CollectingDispatcher()
    result = ValidateProfileForm().validate_age(
        reading.value, dispatcher, make_tracker("", "inform", "age", {}, {}, []), DOMAIN
    )
    assert result["age"] is None and dispatcher.messages and FRENCH.search(dispatcher.messages[0]["text"])


@PROPERTY
@given(
    st.one_of(
        st.text(max_size=10),
        st.sampled_from(["69256", "35115", "2A004", "97411", "00000", ""]),
        st.none(),
        st.integers(),
    )
)
def test_validate_code_insee_keeps_only_known_communes(value):
    result = ValidateProfileForm().validate_code_insee(
        value, CollectingDispatcher(), make_tracker("", "inform", "commune", {}, {}, []), DOMAIN
    )
    code = result["code_insee"]
    if code:
        assert geo.get_commune(str(code)) is not None
    else:
        assert result.get("commune") is None or code == value


attempts_strategy = st.one_of(
    st.none(), st.dictionaries(st.sampled_from(QUESTION_ORDER), st.integers(0, 5), max_size=3)
)


@PROPERTY
@given(
    messy_text,
    st.sampled_from(INTENTS),
    st.sampled_from(QUESTION_ORDER),
    attempts_strategy,
    st.one_of(st.none(), st.sampled_from(["age:?", "commune:Trifouillis", "qpv:?", "besoin:?", "logement:?", "zzz"])),
    st.dictionaries(
        st.sampled_from(["age", "commune", "permis", "logement"]),
        st.one_of(st.none(), st.floats(-5, 200), st.booleans(), st.text(max_size=10)),
        max_size=2,
    ),
)
def test_the_form_validation_always_answers_kindly_and_counts_tries(
    text, intent, requested, attempts, rejected, set_now
):
    set_now = {k: v for k, v in set_now.items() if slot_value_fits(k, v)}
    tracker = make_tracker(text, intent, requested, {"attempts": attempts, "rejected": rejected}, set_now, [])
    sent, events = run(ValidateProfileForm(), tracker)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    for message in sent:
        assert (message.get("text") or "").strip() and FRENCH.search(message["text"]), message
    before = (attempts or {}).get(requested, 0)
    after = (slots.get("attempts") or attempts or {}).get(requested, 0) if "attempts" in slots else before
    assert after in (before, before + 1)
    offered_skip = any(b.get("payload") == "/decline" for m in sent for b in m.get("buttons") or [])
    # The commune question offers its own way out (département only, then « passer »: action_ask_commune).
    assert offered_skip == (after == before + 1 and after >= MAX_ATTEMPTS and requested != "commune")
    for name, value in slots.items():
        assert name == "requested_slot" or (name in DOMAIN_SLOTS and slot_value_fits(name, value))


@PROPERTY
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "quartier": st.one_of(st.none(), st.text(max_size=20)),
            "code_insee": st.one_of(st.none(), st.sampled_from(["69256", "01001", "2A004", "00000", ""])),
            "handicap": st.one_of(st.none(), st.booleans()),
        },
    ),
    st.lists(st.sampled_from(QUESTION_ORDER), unique=True),
)
def test_remaining_questions_keep_the_order_and_drop_skipped_ones(slots, skipped):
    questions = remaining_questions(slots, skipped)
    assert questions == [q for q in QUESTION_ORDER if q in questions]
    assert not set(questions) & set(skipped)
    if "rqth" in questions:
        assert slots.get("handicap") is True


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(["93066", "97411", "69256", "35115"]), st.text(max_size=8)), max_size=6))
def test_ask_commune_always_asks_something(candidates):
    sent, events = run(
        ActionAskCommune(), make_tracker("", "inform", "commune", {"commune_candidates": candidates}, {}, [])
    )
    assert events == [] and len(sent) == 1 and "commune" in sent[0]["text"].lower()
    for button in sent[0].get("buttons") or []:  # a commune, or « Non, une autre commune » / « Passer »
        assert re.fullmatch(r'/inform\{"code_insee": "[0-9AB]{5}"\}|/deny|/decline', button["payload"])
