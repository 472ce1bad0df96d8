"""After the list (issue 14 item 6, play-test D): a term in a question → its glossary entry; « pourquoi ? »
without a number; only « c'est quoi X » reaches the unknown-word answer. Pure functions, no Rasa."""

import pytest

from knowledge.loader import default_knowledge
from orientation.after_list import plan_after_list
from reading.glossary import is_definition_question, terms_in


@pytest.fixture(scope="module")
def terms():
    return default_knowledge().glossary


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vaut-il mieux aller à Cap emploi ou à la mission locale ?", ["cap-emploi", "mission-locale"]),
        ("Vous ne proposez pas le CEJ ? Il a 25 ans, il est encore éligible.", ["cej"]),
        ("y a vraiment rien a roubaix ? meme pas la mission locale ?", ["mission-locale"]),
        ("Vous n'avez pas de CFA à proposer ?", ["cfa"]),
        ("je veux apprendre a bien lire et ecrire d'abord", ["illettrisme"]),
        ("j'ai pas été à l'école beaucoup, je parle pas bien français écrit", ["illettrisme"]),
        ("c'est pour ouvrir un food truck, vous avez des contacts à rennes ?", []),
    ],
)
def test_the_terms_a_question_names_are_all_found_in_order(terms, text, expected):
    assert [t.id for t in terms_in(text, terms)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le CEJ ?",
        "ça veut dire quoi RQTH",
        "qu'est-ce que l'IAE",
        "c koi un aci",
        "définition de PLIE",
        "zorglub ?",
    ],
)
def test_definition_questions(text):
    assert is_definition_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "et pour le logement tu as quoi ? c'est urgent mon pote va me virer",
        "pourquoi le 1 ? c'est pas du logement",
        "pourquoi ?",
    ],
)
def test_other_questions_are_not_definition_questions(text):
    assert not is_definition_question(text)


def test_a_term_named_is_answered_with_its_entry(terms):
    plan = plan_after_list("Vaut-il mieux aller à Cap emploi ou à la mission locale ?", ["a", "b"], terms)
    assert [t.id for t in plan.terms] == ["cap-emploi", "mission-locale"]
    assert plan.why is None and not plan.ask_which


def test_why_without_a_number_explains_the_only_suggestion(terms):
    plan = plan_after_list("pourquoi ?", ["a"], terms)
    assert plan.why == "a" and not plan.ask_which


def test_why_without_a_number_asks_which_among_several(terms):
    plan = plan_after_list("pourquoi ?", ["a", "b"], terms)
    assert plan.why is None and plan.ask_which


def test_why_with_a_number_explains_that_one(terms):
    assert plan_after_list("pourquoi le 2 ? c'est pas du logement", ["a", "b"], terms).why == "b"


def test_why_with_nothing_listed_is_said_honestly(terms):
    plan = plan_after_list("pourquoi ?", [], terms)
    assert plan.why is None and not plan.ask_which and not plan.terms


def test_nothing_known_is_nothing_to_answer(terms):
    plan = plan_after_list("c'est pour ouvrir un food truck ?", ["a"], terms)
    assert not plan.terms and plan.why is None and not plan.ask_which


@pytest.mark.parametrize(
    "text, besoin, urgent",
    [
        ("et pour le logement tu as quoi ? c'est urgent mon pote va me virer", "logement", True),
        ("et pour le logement vous avez quoi ?", "logement", False),
        ("et pour le permis ?", "mobilite-permis", False),
        ("et pour l'argent y a pas une aide pour les jeunes ?", None, False),
        ("pourquoi le 1 ? c'est pas du logement", None, False),  # a remark on a suggestion, no new need
    ],
)
def test_a_need_asked_for_after_the_list_is_taken(terms, text, besoin, urgent):
    plan = plan_after_list(text, ["a"], terms)
    assert plan.besoin == besoin and plan.urgent is urgent
