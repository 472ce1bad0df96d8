"""Answers to « Dans quel quartier ? / quartier prioritaire ? » as typed in the play-test (issue #16)."""

import pytest

from reading.facts import read_facts

TOULOUSE, LA_COURNEUVE, ROUBAIX, GRENOBLE, CORBEIL, NIMES = "31555", "93027", "59512", "38185", "91174", "30189"


def qpv_answer(text, code):
    return read_facts(text, intent="inform", requested_slot="qpv", known={"code_insee": code})


@pytest.mark.parametrize(
    "text, code, name",
    [
        ("je vous ai dit le mirail", TOULOUSE, "mirail"),
        ("(les 4000)", LA_COURNEUVE, "les 4000"),
        ("il habite à l'Alma", ROUBAIX, "alma"),
        ("Elle est à la Villeneuve", GRENOBLE, "villeneuve"),
    ],
)
def test_a_quartier_named_answers_the_question(text, code, name):
    result = qpv_answer(text, code)
    assert name in (result.slots.get("quartier") or "").lower()
    assert "code_insee" not in result.slots and "commune_candidates" not in result.slots


@pytest.mark.parametrize("text, code", [("corbeil essonnes", CORBEIL), ("nimes", NIMES), ("Nîmes", NIMES)])
def test_the_communes_own_name_is_no_quartier(text, code):
    assert "quartier" not in qpv_answer(text, code).slots
