"""The safety layer in front of Rasa (aiguillage/rasa/safety_layer.py, aiguillage/rasa/input_guard.py) and
action_safety: a message in danger becomes `safety_alert` with its words masked, before Rasa reads or logs it."""

import asyncio

from rasa.core.channels.channel import UserMessage

from actions.safety import answer_for
from aiguillage.rasa import input_guard, safety_layer


def test_a_message_in_danger_is_masked_and_carries_only_its_signals():
    message = UserMessage("j'ai 16 ans et mon père me frappe", sender_id="s")
    assert safety_layer.screen(message)
    assert message.text == "/safety_alert"
    assert message.parse_data["intent"]["name"] == "safety_alert"
    values = {(e["entity"], e["value"]) for e in message.parse_data["entities"]}
    assert values == {("danger", "violence"), ("danger_age", "mineur")}
    assert "frappe" not in repr(message.parse_data)


def test_an_ordinary_message_and_a_button_payload_are_left_alone():
    for text in ("j'ai 19 ans, je cherche un taf à Sedan", '/inform{"besoin": "logement"}'):
        message = UserMessage(text, sender_id="s")
        assert not safety_layer.screen(message)
        assert message.text == text and message.parse_data is None


def test_the_guard_screens_the_whole_message_before_cutting_it():
    seen = []

    async def original(self, message):
        seen.append(message)

    input_guard._original_handle_message = original
    long_text = "je vous raconte ma vie. " * 200 + "jveux en finir"
    assert len(long_text) > input_guard.MAX_MESSAGE_CHARS
    asyncio.run(input_guard.handle_bounded_message(None, UserMessage(long_text, sender_id="s")))
    assert seen[0].text == "/safety_alert"
    assert ("danger", "suicide") in {(e["entity"], e["value"]) for e in seen[0].parse_data["entities"]}


def test_action_answer_uses_the_age_known_when_the_message_does_not_say_it():
    entities = [{"entity": "danger", "value": "violence"}]
    assert answer_for(entities, known_age=15).kinds == ("violence_mineur",)
    assert answer_for(entities, known_age=22).kinds == ("violence_adulte",)
    assert answer_for(entities + [{"entity": "langue", "value": "en"}], known_age=None).language == "en"


def test_a_hand_typed_safety_alert_gets_the_kind_distress_answer():
    assert answer_for([], known_age=None).kinds == ("detresse",)


def test_an_age_said_in_figures_in_a_message_in_danger_chooses_the_help_but_is_not_kept():
    """Live: a 22-year-old sleeping in her car was told « si vous avez moins de 18 ans, appelez plutôt le 119 »."""
    message = UserMessage("jai 22 ans jsuis a villeneuve st georges je cherche du taf et je dors dans ma voiture", "s")
    assert safety_layer.screen(message)
    values = {(e["entity"], e["value"]) for e in message.parse_data["entities"]}
    assert ("danger_age", "majeur") in values
    assert not {name for name, _ in values} & {"age", "code_insee", "besoin"}  # issue 13: nothing stored


def test_an_english_message_keeps_its_plain_facts_for_the_french_conversation():
    """Live: « I'm 21, I live in Bordeaux and I'm looking for a job » lost the 21, Bordeaux and the job."""
    from reading.safety.kept_facts import slot_values

    message = UserMessage("I'm 21, I live in Bordeaux and I'm looking for a job", sender_id="s")
    assert safety_layer.screen(message)
    entities = message.parse_data["entities"]
    assert ("langue", "en") in {(e["entity"], e["value"]) for e in entities}
    assert slot_values(entities) == {
        "age": 21.0,
        "code_insee": "33063",
        "commune": "Bordeaux",
        "departement": "33",
        "commune_candidates": None,
        "besoin": "emploi",
    }


def test_an_english_message_in_danger_keeps_nothing():
    message = UserMessage("I'm 17 and my dad beats me, I live in Lyon", sender_id="s")
    assert safety_layer.screen(message)
    assert not {e["entity"] for e in message.parse_data["entities"]} & {"age", "code_insee", "besoin"}


def test_an_english_opener_is_no_emergency_on_the_fiche():
    """Round C: « I'm 22 … » alone wrote « Orientation urgence donnée » on the conseiller's fiche."""
    from actions.safety import ActionSafety
    from tests.conftest import run_action, sdk_tracker

    english = [{"entity": "langue", "value": "en"}, {"entity": "age", "value": 22.0}]
    _, events = run_action(ActionSafety(), sdk_tracker(text="/safety_alert", intent="safety_alert", entities=english))
    assert not any(e.get("name") == "urgence_donnee" for e in events)
    danger = [{"entity": "danger", "value": "sans_abri"}]
    _, events = run_action(ActionSafety(), sdk_tracker(text="/safety_alert", intent="safety_alert", entities=danger))
    assert any(e.get("name") == "urgence_donnee" and e.get("value") is True for e in events)


def test_a_conseillers_opener_in_danger_keeps_who_types_and_nothing_else():
    """Play-test E e20: « je suis conseiller… une jeune enceinte » got the pregnancy answer, then after « Reprendre »
    « Quel âge avez-vous ? »: who types is kept (never the message's facts), so the questions say « la personne »."""
    from actions.safety import ActionSafety
    from tests.conftest import run_action, sdk_tracker

    text = (
        "Bonjour, je suis conseiller en mission locale à Montpellier. Je teste pour une jeune de 22 ans, enceinte "
        "de 6 mois, hébergée chez sa sœur à Lunel"
    )
    message = UserMessage(text, "s")
    assert safety_layer.screen(message)
    entities = message.parse_data["entities"]
    values = {(e["entity"], e["value"]) for e in entities}
    assert ("interlocuteur", "conseiller") in values
    assert not {name for name, _ in values} & {"age", "code_insee", "besoin", "logement"}
    _, events = run_action(ActionSafety(), sdk_tracker(text="/safety_alert", intent="safety_alert", entities=entities))
    slots = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
    assert slots.get("interlocuteur") == "conseiller" and "age" not in slots
