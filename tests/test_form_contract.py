"""The form's questions and intents are defined once, in actions/profile_slots.py (QUESTION_ORDER, FORM_INTENTS);
Rasa needs domain.yml to list them too, so this test holds the domain to that table."""

from pathlib import Path

import yaml

from actions.profile_slots import FORM_INTENTS, PROFILE_SLOTS, QUESTION_ORDER

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
FORM = DOMAIN["forms"]["profile_form"]
# Intents Rasa itself predicts, without a line in the domain.
RASA_INTENTS = {"nlu_fallback"}


def _intents() -> set:
    return {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}


def test_domain_asks_the_questions_of_the_table_in_its_order():
    assert FORM["required_slots"] == list(QUESTION_ORDER)


def test_every_question_has_a_slot_and_a_way_to_be_asked():
    responses, actions = set(DOMAIN["responses"]), set(DOMAIN["actions"])
    for question in QUESTION_ORDER:
        assert question in DOMAIN["slots"] and question in PROFILE_SLOTS, question
        assert f"utter_ask_{question}" in responses or f"action_ask_{question}" in actions, question


def test_form_intents_exist_and_are_never_ignored_by_the_form():
    assert FORM_INTENTS.issubset(_intents() | RASA_INTENTS), FORM_INTENTS - _intents() - RASA_INTENTS
    assert not FORM_INTENTS & set(FORM["ignored_intents"]), FORM_INTENTS & set(FORM["ignored_intents"])
    assert set(FORM["ignored_intents"]) <= _intents()
