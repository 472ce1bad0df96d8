"""A fact given while another question is asked (session-6 last read: « chez un pote », « cap cuisine » typed at the
handicap question) is stored, said back (« C'est noté : … »), and the question is asked again without a reprompt."""

from typing import Any, Dict, List

from actions.extract_profile import ActionExtractProfile
from actions.profile_form import ValidateProfileForm
from tests.conftest import run_action, sdk_tracker, slots_set, user_turn

KNOWN = {"age": 22.0, "code_insee": "13213", "commune": "Marseille", "besoin": "emploi", "logement": None}


def _texts(sent: List[Dict[str, Any]]) -> List[str]:
    return [m.get("text") or "" for m in sent]


def _answer(text: str, asked: str = "handicap"):
    events = [*user_turn(text, "inform")]
    _, slots = run_action(ActionExtractProfile(), sdk_tracker(KNOWN, text, requested=asked, events=events))
    slots = slots_set(slots)
    after = {**KNOWN, **slots}
    events += [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
    events += [{"event": "action", "name": "profile_form"}]
    sent, form_events = run_action(ValidateProfileForm(), sdk_tracker(after, text, requested=asked, events=events))
    return slots, _texts(sent), slots_set(form_events)


def test_housing_typed_at_the_handicap_question_is_kept_and_said_back():
    slots, said, form = _answer("chez un pote")
    assert slots["logement"] == "heberge-tiers"
    assert said[0] == "C'est noté : vous êtes hébergé·e par un proche."
    assert not any("pas bien compris" in text for text in said)
    assert "attempts" not in form  # not counted as a miss: the question is simply asked again


def test_a_diploma_typed_at_the_handicap_question_is_kept_and_said_back():
    slots, said, _ = _answer("cap cuisine")
    assert slots["diplome"] == "cap-bep"
    assert said[0] == "C'est noté : CAP ou BEP."


def test_the_answer_to_the_question_is_not_said_back():
    slots, said, _ = _answer("non")
    assert slots["handicap"] is False
    assert not any(text.startswith("C'est noté") for text in said)
