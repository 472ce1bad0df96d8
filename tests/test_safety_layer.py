"""The safety layer in front of Rasa (aiguillage/rasa/safety_layer.py, aiguillage/rasa/input_guard.py) and
action_safety: a message in danger becomes `safety_alert` with its words masked, before Rasa reads or logs it."""

import asyncio

from rasa.core.channels.channel import UserMessage

from actions.safety import answer_for
from aiguillage.rasa import input_guard, safety_layer


def test_a_message_in_danger_is_masked_and_carries_only_its_signals_and_plain_facts():
    message = UserMessage("j'ai 16 ans et mon père me frappe", sender_id="s")
    assert safety_layer.screen(message)
    assert message.text == "/safety_alert"
    assert message.parse_data["intent"]["name"] == "safety_alert"
    values = {(e["entity"], e["value"]) for e in message.parse_data["entities"]}
    assert values == {("danger", "violence"), ("danger_age", "mineur"), ("age", 16.0)}
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


def _pairs(message):
    return {(e["entity"], e["value"]) for e in message.parse_data["entities"]}


def test_a_message_in_danger_keeps_its_plain_facts_but_nothing_sensitive_nor_its_words():
    """Live: a 22-year-old sleeping in her car was told « si vous avez moins de 18 ans, appelez plutôt le 119 »;
    play-test E: the age and commune of « … jdors dans ma voiture a grenoble jai 24 ans » were asked again."""
    from reading.safety.kept_facts import slot_values

    message = UserMessage("jai 22 ans jsuis a villeneuve st georges je cherche du taf et je dors dans ma voiture", "s")
    assert safety_layer.screen(message)
    assert message.text == "/safety_alert" and "voiture" not in repr(message.parse_data)
    assert ("danger_age", "majeur") in _pairs(message)
    assert slot_values(message.parse_data["entities"]) == {
        "age": 22.0,
        "code_insee": "94078",
        "commune": "Villeneuve-Saint-Georges",
        "departement": "94",
        "commune_candidates": None,
        "besoin": "emploi",
    }  # no `logement` (sleeping in a car), no `vehicule`: asked later, with care


def test_play_test_e_grenoble_keeps_age_and_commune_not_the_street():
    from reading.safety.kept_facts import slot_values

    message = UserMessage("bjr jsuis a la rue depuis 2 semaines jdors dans ma voiture a grenoble jai 24 ans", "s")
    assert safety_layer.screen(message)
    assert ("danger", "sans_abri") in _pairs(message)
    kept = slot_values(message.parse_data["entities"])
    assert kept["age"] == 24.0 and kept["commune"] == "Grenoble" and kept["code_insee"] == "38185"
    assert not kept.keys() & {"logement", "vehicule", "handicap", "rqth", "minima_sociaux"}


def test_play_test_e_a_conseiller_in_danger_keeps_the_voice_the_age_the_need_and_the_communes():
    from reading.safety.kept_facts import slot_values

    text = (
        "Bonjour, je suis conseiller en mission locale à Montpellier. Je teste pour une jeune de 22 ans, enceinte "
        "de 6 mois, hébergée chez sa sœur à Lunel, bac ES, elle veut trouver un logement et une aide financière"
    )
    message = UserMessage(text, "s")
    assert safety_layer.screen(message)
    assert ("danger", "grossesse") in _pairs(message)
    kept = slot_values(message.parse_data["entities"])
    assert kept["interlocuteur"] == "conseiller" and kept["age"] == 22.0 and kept["besoin"] == "logement"
    assert "34145" in (kept.get("commune_candidates") or [kept.get("code_insee")])  # Lunel, to confirm
    assert "logement" not in kept and "enceinte" not in repr(message.parse_data)


def test_a_kept_fact_never_replaces_a_known_one():
    """The layer reads the message without the conversation: a place named in a story must not move someone."""
    from reading.safety.kept_facts import slot_values

    message = UserMessage("mon père me frappe depuis qu'on est rentrés de Lyon, jai 17 ans", "s")
    assert safety_layer.screen(message)
    entities = message.parse_data["entities"]
    assert slot_values(entities)["commune"] == "Lyon"
    known = {"code_insee": "38185", "commune": "Grenoble", "age": 16.0}
    assert slot_values(entities, known) == {}


def test_hand_typed_entities_are_checked():
    from reading.safety.kept_facts import slot_values

    forged = [
        {"entity": "besoin", "value": "n'importe quoi"},
        {"entity": "logement", "value": "sans-domicile"},
        {"entity": "interlocuteur", "value": "admin"},
        {"entity": "age", "value": True},
    ]
    assert slot_values(forged) == {}


def test_action_safety_sets_the_kept_facts_and_the_form_asks_the_next_question():
    from actions.profile_form import remaining_questions
    from actions.safety import ActionSafety
    from tests.conftest import run_action, sdk_tracker, slots_set

    message = UserMessage("bjr jsuis a la rue depuis 2 semaines jdors dans ma voiture a grenoble jai 24 ans", "s")
    safety_layer.screen(message)
    tracker = sdk_tracker(text=message.text, intent="safety_alert", entities=message.parse_data["entities"])
    sent, events = run_action(ActionSafety(), tracker)
    assert any(m.get("response") == "utter_urgence_sans_abri" for m in sent)  # 24: the adult's 115, not the 119
    slots = slots_set(events)
    assert slots["age"] == 24.0 and slots["code_insee"] == "38185" and slots["urgence_donnee"] is True
    assert "logement" not in slots and "vehicule" not in slots
    profile = {**slots, "besoin": "logement"}  # « Chercher un hébergement »
    unanswered = [q for q in remaining_questions(profile, []) if profile.get(q) is None]
    assert unanswered[0] == "qpv"  # not the age nor the commune again


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


def test_an_english_message_in_danger_keeps_its_plain_facts_only():
    message = UserMessage("I'm 17 and my dad beats me, I live in Lyon", sender_id="s")
    assert safety_layer.screen(message)
    names = {e["entity"] for e in message.parse_data["entities"]}
    assert {"age", "code_insee", "danger", "langue"} <= names
    assert not names & {"logement", "handicap", "rqth", "minima_sociaux"}
    assert "beats" not in repr(message.parse_data)


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


def test_an_english_opener_keeps_its_quartier_and_the_listed_qpv():
    """Play-test E: « i live in Toulouse (Mirail) » then « Continuer en français » asked the QPV question."""
    from reading.safety.kept_facts import slot_values

    message = UserMessage("hi, i'm 22 i live in Toulouse (Mirail) and i need a job, je parle un peu francais", "s")
    assert safety_layer.screen(message)
    values = slot_values(message.parse_data["entities"])
    assert values["quartier"] == "Mirail" and values["qpv"] is True and values["code_insee"] == "31555"


def test_an_english_answer_to_the_qpv_question_after_french_was_chosen_is_the_answer():
    """Play-test E: « yes mirail i said » at the QPV question got the same question again (loop)."""
    from actions.safety import ActionSafety
    from tests.conftest import run_action, sdk_tracker

    message = UserMessage("yes mirail i said", "s")
    assert safety_layer.screen(message)
    from tests.conftest import user_turn

    history = [
        {"event": "bot", "metadata": {"utter_action": "utter_urgence_en_intro"}},
        {"event": "user", "parse_data": {"intent": {"name": "start"}}},
        *user_turn("/safety_alert", "safety_alert", message.parse_data["entities"], None),
    ]
    tracker = sdk_tracker(
        text="/safety_alert",
        intent="safety_alert",
        entities=message.parse_data["entities"],
        slots={"code_insee": "31555"},
        requested="qpv",
        events=history,
    )
    _, events = run_action(ActionSafety(), tracker)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("quartier") == "mirail" and slots.get("qpv") is True, events


def test_the_diploma_said_in_a_message_in_danger_is_kept():
    from reading.safety.kept_facts import slot_values

    message = UserMessage("je suis conseillère, elle a 22 ans, elle a le bac ES, elle est enceinte et vit à Lunel", "s")
    assert safety_layer.screen(message)
    kept = slot_values(message.parse_data["entities"])
    assert kept["diplome"] == "bac" and kept["commune"] == "Lunel" and kept["interlocuteur"] == "conseiller"
