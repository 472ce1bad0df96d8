"""The names of the actions the bot shows are blanked before the safety layer reads a message
(reading/safety/shown_names.py): play-test E, « Pourquoi Lulu dans ma rue ? » got the crisis list."""

import pytest

from knowledge.loader import shown_names as names_of_the_base
from reading.safety import detect, shown_names
from reading.safety.detector import names_alarm, normalise
from reading.safety.evaluation import load_set


def test_the_names_come_from_the_knowledge_base_not_a_hand_list():
    names = names_of_the_base()
    assert "Lulu dans ma rue" in names  # an initiative
    assert any(name.startswith("Hébergement d'urgence") for name in names)  # a network
    assert len(names) > 100


def test_the_live_false_alarm_is_gone_and_the_rest_of_the_message_is_still_read():
    text = "Pourquoi Lulu dans ma rue ? Il parle peu français et veut le bâtiment"
    assert not detect(text).alarming
    assert shown_names.blank(normalise(text)) == "pourquoi il parle peu francais et veut le batiment"


def test_short_forms_are_blanked_and_one_word_names_are_not():
    pattern = shown_names.build_pattern(
        ["Plate-forme « Bougez vers l'emploi ! »", "Jobs d'urgence (Allo Boulot Services)", "HOPE"],
        normalise,
        names_alarm,
    )
    assert shown_names.blank("pourquoi bougez vers l emploi", pattern) == "pourquoi"
    assert shown_names.blank("les jobs d urgence c bien", pattern) == "les c bien"
    assert shown_names.blank("i hope you can help", pattern) == "i hope you can help"  # a word, not a name
    assert shown_names.blank("jobs d urgences", pattern) == "jobs d urgences"  # whole words only


def test_a_name_that_says_a_danger_by_itself_is_never_blanked():
    pattern = shown_names.build_pattern(["Je dors dehors (un nom inventé pour le test)"], normalise, names_alarm)
    assert pattern is not None and shown_names.blank("je dors dehors", pattern) == "je dors dehors"


@pytest.mark.parametrize("entry", load_set("live_e_names_danger"), ids=lambda e: e["text"][:40])
def test_a_danger_said_beside_a_shown_name_is_still_found(entry):
    assert detect(entry["text"]).signals


@pytest.mark.parametrize("entry", load_set("live_e_names_ordinary"), ids=lambda e: e["text"][:40])
def test_asking_about_a_shown_action_raises_no_alarm(entry):
    assert not detect(entry["text"]).alarming
