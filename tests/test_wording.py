"""orientation.wording: the correction acknowledged, the age notes, and when the permis / diploma questions are
worth asking."""

import pytest

from orientation.wording import (
    _AGE_NOTES,
    age_notes,
    asks_diplome,
    asks_permis,
    changed_facts,
    correction_sentence,
    fact_text,
)


def test_a_changed_age_is_said_back():
    assert correction_sentence({"age": 20.0}, {"age": 22.0}) == "C'est noté : 22 ans."


def test_a_first_answer_is_no_correction():
    assert correction_sentence({"age": None}, {"age": 22.0}) is None
    assert correction_sentence({}, {"permis": False}) is None


def test_the_same_value_again_is_no_correction():
    assert correction_sentence({"age": 22.0, "permis": True}, {"age": 22, "permis": True}) is None


def test_several_changes_make_one_sentence():
    sentence = correction_sentence(
        {"age": 20.0, "commune": "Lyon", "permis": False}, {"age": 19.5, "commune": "Grenoble", "permis": True}
    )
    assert sentence == "C'est noté : 19,5 ans, Grenoble, vous avez le permis."


def test_an_absurd_age_is_left_to_the_validation():
    assert correction_sentence({"age": 20.0}, {"age": 150.0}) is None


def test_handicap_changes_are_acknowledged_without_repeating_them():
    assert correction_sentence({"handicap": False}, {"handicap": True, "rqth": None}) == "C'est noté."


@pytest.mark.parametrize(
    "name, value, text",
    [
        ("besoin", "logement", "trouver un logement"),
        ("logement", "chez-parents", "vous vivez chez vos parents"),
        ("diplome", "cap-bep", "CAP ou BEP"),
        ("scolarite", "sorti", "a quitté l'école"),
        ("vehicule", False, "pas de véhicule"),
        ("quartier", "Les Minguettes", None),
        ("diplome", "licence", None),
    ],
)
def test_fact_text(name, value, text):
    assert fact_text(name, value) == text


def test_changed_facts_lists_only_known_facts_that_changed():
    assert changed_facts(
        {"age": 20.0, "besoin": "emploi", "diplome": None}, {"age": 20.0, "besoin": "formation", "diplome": "bac"}
    ) == ["besoin"]


def test_a_fifteen_year_old_hears_about_school_and_conduite_accompagnee_once():
    notes = age_notes(None, 15.0)
    assert notes == [_AGE_NOTES["school"], _AGE_NOTES["permis"]]
    assert "CIO" in notes[0] and "16 ans" in notes[0] and "18 ans" in notes[0]
    assert "conduite accompagnée" in notes[1] and "15 ans" in notes[1]
    assert age_notes(15.0, 15.5) == []


def test_sixteen_hears_only_about_the_permis_and_seventeen_nothing():
    assert age_notes(None, 16.0) == [_AGE_NOTES["permis"]]
    assert age_notes(None, 17.0) == []
    assert age_notes(None, 25.0) == []


def test_twenty_six_and_over_hear_once_that_missions_locales_serve_16_25():
    assert age_notes(None, 28.0) == [_AGE_NOTES["over"]]
    assert "16-25 ans" in _AGE_NOTES["over"]
    assert age_notes(28.0, 29.0) == []
    assert age_notes(25.0, 26.0) == [_AGE_NOTES["over"]]


@pytest.mark.parametrize("age", [None, float("nan"), 150.0, 3.0, "vingt"])
def test_no_note_for_an_unknown_or_absurd_age(age):
    assert age_notes(None, age) == []


def test_permis_is_asked_from_17():
    # Permis B at 17 since 1 January 2024; under 17 the question cannot have a « oui ».
    assert [asks_permis(a) for a in (None, 15.0, 16.9, 17.0, 30.0)] == [True, False, False, True, True]


@pytest.mark.parametrize(
    "slots, asked",
    [
        ({"age": 19.0, "besoin": "emploi"}, True),
        ({"age": None, "besoin": "formation"}, True),
        ({"age": 25.0, "besoin": "apprentissage"}, True),
        ({"age": 18.0, "besoin": "ne-sait-pas"}, True),
        ({"age": 26.0, "besoin": "emploi"}, False),
        ({"age": 19.0, "besoin": "logement"}, False),
        ({"age": 19.0, "besoin": None}, False),
        ({"age": 17.0, "besoin": "formation", "scolarite": "scolarise"}, False),
        ({"age": 17.0, "besoin": "formation", "scolarite": "sorti"}, True),
    ],
)
def test_the_diploma_is_asked_only_when_it_changes_the_answer(slots, asked):
    assert asks_diplome(slots) is asked
