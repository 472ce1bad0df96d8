"""Answers to the form's questions as people type them (play-test of 35 conversations, issue #16)."""

from datetime import date

import pytest

from reading.facts import read_facts

TODAY = date(2026, 11, 25)


def facts(text, **kwargs):
    kwargs.setdefault("intent", "inform")
    return read_facts(text, today=TODAY, **kwargs)


@pytest.mark.parametrize("text", ["Je ne sais pas", "jsp", "jsais pas", "aucune idée", "chai pas"])
def test_dont_know_to_a_yes_no_question_is_unknown_not_a_refusal(text):
    result = facts(text, requested_slot="qpv", intent="nlu_fallback")
    assert result.unknown == ["qpv"] and result.skipped == ["qpv"]  # not asked again
    assert "qpv" not in result.slots and result.rejected is None


def test_dont_know_intent_is_unknown_not_a_refusal():
    result = facts("euh", requested_slot="qpv", intent="dont_know")
    assert result.unknown == ["qpv"]


def test_dont_know_to_the_need_is_the_need_ne_sait_pas():
    assert facts("jsp", requested_slot="besoin", intent="nlu_fallback").slots["besoin"] == "ne-sait-pas"


def test_a_refusal_is_still_a_refusal():
    result = facts("je prefere pas dire", requested_slot="qpv", intent="decline")
    assert result.skipped == ["qpv"] and result.unknown == []


@pytest.mark.parametrize("text", ["juste le bus", "que le bus", "le bus", "en bus"])
def test_the_bus_is_no_vehicle(text):
    assert facts(text, requested_slot="vehicule").slots["vehicule"] is False


@pytest.mark.parametrize("text", ["je roule en scooter", "🛵", "une vieille 206"])
def test_a_motor_vehicle_of_ones_own_is_a_vehicle(text):
    # A bike is not (play-test D): it leaves the distance limit in place (tests/test_facts_playtest_d.py).
    assert facts(text, requested_slot="vehicule").slots["vehicule"] is True


def test_licence_and_car_in_one_answer():
    result = facts("il a le permis et une voiture", requested_slot="permis")
    assert result.slots["permis"] is True and result.slots["vehicule"] is True


@pytest.mark.parametrize("text", ["jai le brevet", "il a eu son brevet", "brevet"])
def test_the_brevet_is_no_diploma_level(text):
    assert facts(text, requested_slot="diplome").slots["diplome"] == "aucun"


def test_sitting_the_brevet_is_still_at_school():
    result = facts("pas encore jpasse le brevet en juin", requested_slot="diplome")
    assert result.slots["diplome"] == "aucun" and result.slots["scolarite"] == "scolarise"


def test_college_pupil_is_at_school():
    result = facts("jsui encore au college en 3e", requested_slot="diplome")
    assert result.slots["scolarite"] == "scolarise"
    assert result.rejected is None


@pytest.mark.parametrize(
    "text, logement",
    [
        ("ché mes parent", "chez-parents"),
        ("che ses parents", "chez-parents"),
        ("Dans son logement", "stable"),
        ("dans son propre appart", "stable"),
    ],
)
def test_housing_as_typed(text, logement):
    assert facts(text, requested_slot="logement").slots["logement"] == logement


@pytest.mark.parametrize(
    "text",
    ["en cours", "demande en cours", "en attente", "j'ai fait la demande", "c'est en cours", "elle est en attente"],
)
def test_rqth_requested_is_not_granted_yet(text):
    # A request filed: the handicap is known, the RQTH not granted yet, and the person is told so.
    result = facts(text, requested_slot="rqth")
    assert result.slots == {"handicap": True, "rqth": False} and result.rejected is None
    assert any("en cours" in note for note in result.notes)


def test_a_thumbs_up_records_no_handicap():
    result = facts("👍", requested_slot="handicap", intent="goodbye")
    assert "handicap" not in result.slots and "rqth" not in result.slots
    assert result.rejected is not None  # asked again, in words


def test_a_thumbs_up_still_answers_a_plain_question():
    assert facts("👍", requested_slot="permis", intent="goodbye").slots["permis"] is True


def test_foyer_ase_is_not_a_fjt():
    from knowledge.profile import LOGEMENTS
    from orientation.wording import fact_text

    logement = facts("foyer ASE", requested_slot="logement").slots["logement"]
    assert "FJT" not in LOGEMENTS[logement] and "FJT" not in (fact_text("logement", logement) or "")


def test_a_bare_age_while_the_need_is_asked_is_the_age_when_unknown():
    assert facts("19", requested_slot="besoin").slots == {"age": 19}


@pytest.mark.parametrize(
    "text, asked, known",
    [
        ("19", "commune", {}),  # a département (Corrèze)
        ("19", "besoin", {"age": 22}),  # the age is known: not changed by a bare number
        ("3", "besoin", {}),  # no age
        ("75", "besoin", {}),
    ],
)
def test_a_bare_number_is_no_age_when_it_may_be_something_else(text, asked, known):
    assert "age" not in facts(text, requested_slot=asked, known=known).slots


@pytest.mark.parametrize("text", ["j'ai arrêté en première", "jai arreter en 1ere", "jai arrete en terminale"])
def test_where_one_left_the_lycee_answers_the_diploma_question_with_none(text):
    """Live: « j'ai arrêté en première » at the diploma question got « Choisissez un bouton… »."""
    from reading.schooling import parse_diplome

    assert parse_diplome(text, expecting=True) == "aucun"
    assert parse_diplome(text) is None  # said unprompted, it names no level
    assert parse_diplome(text + ", j'ai un CAP", expecting=True) == "cap-bep"
