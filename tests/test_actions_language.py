"""After « Continuer en français », a message mixing French and English is not met with the English greeting
again (play-test D d06: « ok alors jai 21 ans, nantes, i want to do a service civique » looped)."""

from actions.safety import ActionSafety, chose_french
from tests.conftest import run_action, sdk_tracker, user_turn

ENGLISH = [{"entity": "langue", "value": "en"}, {"entity": "age", "value": 21.0}]
INTRO = {"event": "bot", "text": "Hello!", "metadata": {"utter_action": "utter_urgence_en_intro"}}


def history(*, french_chosen: bool):
    events = [*user_turn("hello, do you speak english?", "safety_alert"), INTRO]
    if french_chosen:
        events += [*user_turn("/start", "start"), {"event": "action", "name": "profile_form"}]
    return events + user_turn("/safety_alert", "safety_alert", ENGLISH)


def test_the_choice_of_french_is_read_from_the_conversation():
    assert chose_french(history(french_chosen=True))
    assert not chose_french(history(french_chosen=False))
    assert not chose_french(user_turn("/start", "start"))  # « Commencer » with no English before: no choice made


def test_after_choosing_french_a_mixed_message_goes_on_in_french_with_its_facts():
    t = sdk_tracker(text="/safety_alert", intent="safety_alert", entities=ENGLISH, events=history(french_chosen=True))
    messages, events = run_action(ActionSafety(), t)
    assert not any((m.get("response") or "").startswith("utter_urgence_en") for m in messages)
    assert {"event": "slot", "timestamp": None, "name": "age", "value": 21.0} in events
    assert any(e.get("event") == "followup" and e.get("name") == "profile_form" for e in events)


def test_before_any_choice_english_gets_the_english_greeting():
    t = sdk_tracker(text="/safety_alert", intent="safety_alert", entities=ENGLISH, events=history(french_chosen=False))
    messages, _ = run_action(ActionSafety(), t)
    assert messages[0]["response"] == "utter_urgence_en_intro"


def test_danger_in_english_is_answered_in_english_even_after_choosing_french():
    danger = [{"entity": "langue", "value": "en"}, {"entity": "danger", "value": "sans_abri"}]
    t = sdk_tracker(text="/safety_alert", intent="safety_alert", entities=danger, events=history(french_chosen=True))
    messages, _ = run_action(ActionSafety(), t)
    assert any((m.get("response") or "").startswith("utter_urgence_en") for m in messages)
