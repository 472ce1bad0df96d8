"""An answer to the asked question wins over an intent that would leave the form (reading/answer_first.py,
aiguillage/rasa/answer_first.py). Found live: « j'ai arrêté en première » at the diploma question ended the talk."""

from types import SimpleNamespace

import pytest

from aiguillage.rasa.answer_first import corrected
from reading.answer_first import LEAVING_INTENTS, answers_asked_question, question_not_goodbye


@pytest.mark.parametrize(
    "text, asked, intent, answer",
    [
        # An answer to the question asked is an answer.
        ("j'ai arrêté en première", "diplome", "stop", True),
        ("La Souterraine", "commune", "out_of_scope", True),
        ("corbeil-essonnes", "commune", "goodbye", True),
        ("chez ma mère", "logement", "greet", True),
        ("22 ans", "age", "chitchat", True),
        ("Mermoz, c'est un QPV", "qpv", "ask_why_suggestion", True),  # play-test D
        # Leaving stays leaving.
        ("stop", "diplome", "stop", False),
        ("j'arrête", "diplome", "stop", False),
        ("on arrête là", "commune", "stop", False),
        ("au revoir", "age", "goodbye", False),
        ("merci", "logement", "thank", False),
        ("bonjour", "diplome", "greet", False),
        ("la souterraine", None, "out_of_scope", False),  # no question asked: the NLU decides
        ("/stop", "commune", "stop", False),  # a button press is never re-read
        ("détails de la 2", "qpv", "ask_details", False),
        ("pourquoi la 1 ?", "permis", "ask_why_suggestion", False),
    ],
)
def test_an_answer_to_the_question_asked_wins_and_leaving_stays_leaving(text, asked, intent, answer):
    assert answers_asked_question(text, asked, intent) is answer


def test_a_listed_quartier_is_no_question_about_a_list():
    """Play-test D: « les tarterets » at the QPV question got « Je ne vous ai encore rien proposé »."""
    assert answers_asked_question("les tarterets", "qpv", "ask_details", known={"code_insee": "91174"})


@pytest.mark.parametrize("intent", ["affirm", "deny", "dont_know", "decline", "ask_definition", "inform"])
def test_the_person_s_own_ways_to_answer_are_not_re_read(intent):
    assert intent not in LEAVING_INTENTS
    assert not answers_asked_question("j'ai arrêté en première", "diplome", intent)


def tracker(loop, asked):
    slots = {"requested_slot": asked}
    return SimpleNamespace(active_loop_name=loop, get_slot=lambda name: slots.get(name))


def test_the_rasa_result_becomes_inform_and_keeps_the_rest():
    parse = {
        "text": "j'ai arrêté en première",
        "intent": {"name": "stop", "confidence": 0.91},
        "entities": [],
        "intent_ranking": [{"name": "stop", "confidence": 0.91}],
    }
    fixed = corrected(parse, tracker("profile_form", "diplome"))
    assert fixed["intent"] == {"name": "inform", "confidence": 0.91}
    assert fixed["intent_ranking"] == parse["intent_ranking"] and parse["intent"]["name"] == "stop"


def test_outside_the_form_only_a_goodbye_with_facts_is_re_read():
    stop = {"text": "j'ai arrêté en première", "intent": {"name": "stop", "confidence": 0.9}, "entities": []}
    assert corrected(stop, tracker(None, None))["intent"]["name"] == "inform"
    greeting = {"text": "bonjour j'ai 19 ans", "intent": {"name": "greet", "confidence": 0.9}, "entities": []}
    assert corrected(greeting, tracker(None, None)) is greeting  # the welcome and its notice come first
    goodbye = {"text": "au revoir", "intent": {"name": "goodbye", "confidence": 0.9}, "entities": []}
    assert corrected(goodbye, tracker(None, None)) is goodbye
    assert corrected(stop, None) is stop


def test_outside_the_form_an_off_topic_message_stating_a_situation_is_information():
    story = "Bonjour, je vous explique ma situation. " + "Ça fait longtemps que je galère. " * 60
    assert answers_asked_question(story + "Bref : 20 ans, Grenoble, formation", None, "out_of_scope")
    assert not answers_asked_question("il fait beau à Nice ?", None, "out_of_scope")
    assert not answers_asked_question("vous connaissez un bon kebab à Lille", None, "nlu_fallback")


# Play-test D: « casino y en a plus ici je crois, t'as pas un truc en guadeloupe ? » after the list was read as
# « non merci » and closed the conversation. A question is never a goodbye (reading/answer_first.py).
@pytest.mark.parametrize(
    "text, intent, after_list, question",
    [
        ("casino y en a plus ici je crois, t'as pas un truc en guadeloupe ?", "deny", True, True),
        ("non mais t'as pas autre chose", "deny", True, True),
        ("et pourquoi pas à Lyon", "goodbye", True, True),
        ("merci mais vous avez quoi pour le logement ?", "thank", True, True),
        ("merci, c'est quoi la suite ?", "thank", False, True),
        # Stopping always works, even asked as a question.
        ("on peut arrêter ?", "stop", False, False),
        ("on arrête ?", "stop", True, False),
        # Goodbyes stay goodbyes.
        ("non merci", "deny", True, False),
        ("non merci c bon", "deny", True, False),
        ("au revoir", "goodbye", False, False),
        ("ok merci", "thank", True, False),
        ("stop", "stop", False, False),
        # « non ? » at no list opens the questionnaire as before; a button is never re-read.
        ("non ?", "deny", False, False),
        ("/deny", "deny", True, False),
        # Other intents are not re-read here.
        ("tu as quoi ?", "ask_definition", True, False),
    ],
)
def test_a_question_is_never_a_goodbye(text, intent, after_list, question):
    assert question_not_goodbye(text, intent, after_list) is question


def test_the_rasa_result_of_a_question_read_as_a_goodbye_becomes_out_of_scope():
    slots = {"suggestions_shown": True}
    after = SimpleNamespace(active_loop_name=None, get_slot=lambda name: slots.get(name))
    parse = {"text": "casino y en a plus ici je crois, t'as pas un truc en guadeloupe ?", "intent": {"name": "deny"}}
    assert corrected(parse, after)["intent"]["name"] == "out_of_scope"
    bye = {"text": "non merci", "intent": {"name": "deny"}}
    assert corrected(bye, after) is bye
