"""After the list, play-test E (issue 14 item 6): a question the bot cannot answer gets one honest sentence with
who can answer for the person's age, never « Mes propositions restent… » alone nor the entry of a word the question
merely contains; a network's name is a known word; « plus près » wins; the legal ages answer « je peux travailler
à 14 ans ? »; « Parler à un conseiller » before 16 and after 25 does not send to the mission locale. Real Tracker
and dispatcher (tests/conftest.py), no server."""

import pytest

from actions.after_list import ActionAnswerAfterList
from actions.conversation import ActionDefineTerm, ActionHumanHandoff
from actions.recommend import ActionRecommend, ActionSuggestionDetails
from knowledge.legal_ages import legal_ages
from orientation.who_helps import CANNOT_ANSWER
from tests.test_actions_after import MARSEILLE, first_list, run, tracker

UNCHANGED_START = "Mes propositions restent"


def _answers(profile, text, intent, action=ActionAnswerAfterList):
    messages, slots = run(action(), tracker(first_list(profile), text, intent))
    return messages, slots


@pytest.mark.parametrize(
    "text, intent, action",
    [
        ("si je trouve pas de patron je perds mon CAP ? jai combien de temps ?", "ask_definition", ActionDefineTerm),
        (
            "Pourquoi vous ne proposez pas la MLDS ? elle a 17 ans et a décroché",
            "ask_why_question",
            ActionAnswerAfterList,
        ),
        ("do you have IT companies or CFA for informatique in Lille?", "out_of_scope", ActionAnswerAfterList),
    ],
)
def test_a_question_beyond_the_bot_gets_the_honest_sentence_not_a_definition(text, intent, action):
    messages, _ = _answers(MARSEILLE, text, intent, action)
    assert messages == [f"{CANNOT_ANSWER} : un conseiller de la mission locale pourra vous répondre."]
    assert not any(m.startswith("Pourquoi je vous la propose") for m in messages)


def test_a_question_read_as_the_same_facts_is_not_answered_by_the_unchanged_sentence_alone():
    # « je peux commencer a 15 ans ? » at 19: the age is not a change; the question is answered or declined.
    messages, _ = _answers(MARSEILLE, "et ça c'est ouvert le samedi ?", "refine_suggestions", ActionRecommend)
    assert messages and not messages[0].startswith(UNCHANGED_START)
    assert messages[0].startswith(CANNOT_ANSWER)


def test_work_at_14_is_answered_from_the_legal_ages_table_with_its_article():
    rule = next(r for r in legal_ages() if r.id == "emploi")
    young = dict(MARSEILLE, age=14.0)
    messages, _ = _answers(young, "je peux travailler a 14 ans ? genre babysitting ou au mcdo", "out_of_scope")
    assert messages[0].startswith(rule.regle[:40]) and rule.source in messages[0]


def test_a_network_name_the_bot_showed_is_a_known_word():
    messages, _ = _answers(MARSEILLE, "cest quoi le permis a 1 euro ?", "ask_definition", ActionDefineTerm)
    assert messages[0].startswith("Aides pour payer le permis")
    assert not any("Je ne connais pas encore ce mot" in m for m in messages)


def test_what_is_known_is_answered_and_the_rest_declined_honestly():
    messages, _ = _answers(MARSEILLE, "cest quoi lacre ? et la BGE cest payant ?", "ask_definition", ActionDefineTerm)
    assert messages[0].startswith("BGE") and messages[-1].startswith(CANNOT_ANSWER)


def test_closer_wins_over_the_details_of_action_1():
    from tests.conftest import run_action

    t = tracker(first_list(MARSEILLE), "ya pas plus pres ? jsuis a la busserine", "ask_details")
    sent, events = run_action(ActionSuggestionDetails(), t)
    assert sent == []  # no details of action 1: the list is made again, closest first
    assert {"event": "followup", "name": "action_recommend"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


@pytest.mark.parametrize(
    "age, expected, absent",
    [
        (14.0, "Avant 16 ans", "contactez votre mission locale"),
        (27.0, "À partir de 26 ans, c'est France Travail", "contactez votre mission locale"),
    ],
)
def test_handoff_outside_the_mission_locale_public(age, expected, absent):
    messages, _ = run(
        ActionHumanHandoff(), tracker(dict(MARSEILLE, age=age), "Parler à un conseiller", "human_handoff")
    )
    assert expected in messages[0] and absent not in messages[0]


def test_handoff_for_the_16_25_is_the_mission_locale_response():
    from tests.conftest import run_action

    sent, _ = run_action(
        ActionHumanHandoff(), tracker(dict(MARSEILLE, age=19.0), "Parler à un conseiller", "human_handoff")
    )
    assert sent[0].get("response") == "utter_human_handoff"


def test_the_mission_locale_asked_about_at_28_says_first_who_helps_from_26():
    state = dict(MARSEILLE, age=28.0)
    messages, _ = _answers(state, "la mission locale peut m'aider ?", "ask_definition", ActionDefineTerm)
    assert messages[0].startswith("La mission locale accompagne les jeunes jusqu'à 25 ans. À partir de 26 ans")


def test_at_16_the_cannot_answer_sentence_names_the_mission_locale_and_at_15_the_school():
    messages, _ = _answers(dict(MARSEILLE, age=15.0), "et ça c'est ouvert le samedi ?", "out_of_scope")
    assert "collège" in messages[0] and "mission locale" not in messages[0]
