"""Under 16 (play-test D d28: a 14-year-old in 3e got the adult questionnaire, « un handicap… qui gêne votre
travail » and the vehicle question included). remaining_questions and the handicap question's wording."""

import pytest

from actions.profile_form import ActionAskHandicap, remaining_questions
from tests.conftest import run_action, sdk_tracker


@pytest.mark.parametrize("age", [14.0, 15.0, 15.5])
def test_under_16_no_licence_nor_vehicle_question(age):
    asked = remaining_questions({"age": age, "besoin": "ne-sait-pas"}, [])
    assert "permis" not in asked and "vehicule" not in asked
    assert "handicap" in asked and "logement" in asked


@pytest.mark.parametrize("age", [16.0, 19.0, None])
def test_from_16_the_vehicle_question_stays(age):
    assert "vehicule" in remaining_questions({"age": age, "besoin": "emploi"}, [])


@pytest.mark.parametrize(
    "slots, response",
    [
        ({"age": 14.0}, "utter_ask_handicap_eleve"),
        ({"age": 17.0, "scolarite": "scolarise"}, "utter_ask_handicap_eleve"),
        ({"age": 20.0}, "utter_ask_handicap"),
        ({}, "utter_ask_handicap"),
    ],
)
def test_a_pupil_is_asked_about_school_not_work(slots, response):
    messages, _ = run_action(ActionAskHandicap(), sdk_tracker(slots, requested="handicap"))
    assert [m.get("response") for m in messages] == [response]


def test_the_pupil_wording_speaks_of_school_and_keeps_the_buttons():
    import yaml

    from tests.test_rasa_data import ROOT

    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    pupil, adult = responses["utter_ask_handicap_eleve"][0], responses["utter_ask_handicap"][0]
    assert "scolarité" in pupil["text"] and "travail" not in pupil["text"]
    assert pupil["buttons"] == adult["buttons"]
    # The conseiller's wording (session 6, interlocuteur slot) exists for the pupil's question too.
    conditions = [v.get("condition") for v in responses["utter_ask_handicap_eleve"]]
    assert conditions[1:] == [v.get("condition") for v in responses["utter_ask_handicap"]][1:]
