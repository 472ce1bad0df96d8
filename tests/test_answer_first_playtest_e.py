"""Play-test E: a greeting with a smiley, a thank-you that names a term, and « non ça va » after a safety message
(reading/answer_first.py, aiguillage/rasa/answer_first.py, aiguillage/rasa/input_guard.py)."""

from types import SimpleNamespace

import pytest

from aiguillage.rasa.answer_first import corrected
from knowledge.text import without_smileys
from reading.answer_first import false_alarm, thanks_not_question
from tests.support.reading import reader_test

test_smileys_are_taken_off_what_the_nlu_reads = reader_test(
    {
        without_smileys: [
            ("coucou 😊", "coucou"),
            ("bonjour 🙂🙂", "bonjour"),
            ("salut ☺️", "salut"),
            ("merci ❤️ à demain", "merci à demain"),
        ],
    }
)


@pytest.mark.parametrize("text", ["😊", "👍", "coucou", "🙋"])
def test_a_message_of_signs_alone_or_without_smileys_is_unchanged(text):
    assert without_smileys(text) == text


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ok merci jvais voir la mission locale", "nlu_fallback"),
        ("merci beaucoup jvais appeler la mission locale", "ask_definition"),
        ("merci je vais regarder le CEJ", "out_of_scope"),
    ],
)
def test_a_thank_you_that_names_a_term_is_a_thank_you(text, intent):
    assert thanks_not_question(text, intent)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("merci, c'est quoi le CEJ ?", "ask_definition"),
        ("merci mais la mission locale elle peut m'aider ?", "nlu_fallback"),
        ("c'est quoi la mission locale", "ask_definition"),
        ("merci", "thank"),  # already a thank-you
    ],
)
def test_a_question_with_a_thank_you_stays_a_question(text, intent):
    assert not thanks_not_question(text, intent)


@pytest.mark.parametrize(
    "text", ["non ça va", "non ca va", "ça va", "non c'est bon", "non tout va bien merci", "je vais bien"]
)
def test_the_phrase_the_bot_offers_after_a_safety_message_is_a_false_alarm(text):
    assert false_alarm(text)


@pytest.mark.parametrize("text", ["non", "ça va pas du tout", "non ça va pas", "ca va mal"])
def test_not_a_false_alarm(text):
    assert not false_alarm(text)


def _tracker(last_action, slots=None, loop=None):
    slots = slots or {}
    events = [
        SimpleNamespace(type_name="action", action_name="action_listen"),
        SimpleNamespace(type_name="user", action_name=None),
        SimpleNamespace(type_name="action", action_name=last_action),
        SimpleNamespace(type_name="action", action_name="action_listen"),
    ]
    return SimpleNamespace(active_loop_name=loop, get_slot=lambda name: slots.get(name), events=events)


def test_non_ca_va_after_the_safety_message_resumes_the_questionnaire():
    parse = {"text": "non ça va", "intent": {"name": "deny", "confidence": 0.97}, "entities": []}
    assert corrected(parse, _tracker("action_safety", {"suggestions_shown": True}))["intent"]["name"] == "start"
    # Elsewhere « non ça va » after the list is still « non ».
    assert corrected(parse, _tracker("action_recommend", {"suggestions_shown": True})) is parse


def test_a_thank_you_naming_a_term_closes_after_the_list():
    parse = {"text": "ok merci jvais voir la mission locale", "intent": {"name": "nlu_fallback"}, "entities": []}
    assert corrected(parse, _tracker("action_define_term", {"suggestions_shown": True}))["intent"]["name"] == "thank"
