"""Play-test D over REST on the live stack (issue 16, session 6): quartiers at the QPV question and in a first
message, the official list of QPV said back, a move dropping the old quartier. Written by the s6quartier helper;
NOT run by it (the lead runs e2e after training)."""

import uuid

import pytest

from tests.support.dialogue import reply_texts, say_ok

pytestmark = pytest.mark.e2e

OFFICIAL = "d'après la liste officielle des QPV"


def new_user() -> str:
    return f"e2e-quartier-{uuid.uuid4().hex[:10]}"


def test_a_quartier_in_a_sentence_answers_the_qpv_question(bot):
    user = new_user()
    say_ok(bot, user, "jcherche du taf")
    say_ok(bot, user, "19 ans")
    say_ok(bot, user, "Corbeil-Essonnes")
    replies = reply_texts(say_ok(bot, user, "les tarterets"))
    slots = bot.slots(user)
    assert "tarterets" in (slots["quartier"] or "").lower() and slots["qpv"] is True
    assert any(OFFICIAL in text for text in replies), replies
    assert not any("rien proposé" in text for text in replies), replies


def test_a_quartier_in_the_first_message_is_not_asked_again(bot):
    user = new_user()
    replies = reply_texts(
        say_ok(
            bot,
            user,
            "bonsoir j'ai 17 ans j'habite marseille 13eme a frais vallon et je cherche une alternance en coiffure",
        )
    )
    slots = bot.slots(user)
    assert slots["code_insee"] == "13213" and slots["qpv"] is True
    assert not any("quartier prioritaire (QPV) ?" in text for text in replies), replies


def test_a_quartier_before_its_commune_offers_the_right_homonyms(bot):
    user = new_user()
    say_ok(bot, user, "j'ai 18 ans, je cherche une alternance, j'habite au Chaudron à Saint-Denis")
    slots = bot.slots(user)
    assert "97411" in (slots["commune_candidates"] or []) and "28094" not in (slots["commune_candidates"] or [])


def test_a_move_drops_the_old_quartier(bot):
    user = new_user()
    say_ok(bot, user, "je cherche un logement, j'ai 20 ans")
    say_ok(bot, user, "Corbeil-Essonnes")
    say_ok(bot, user, "les tarterets")
    say_ok(bot, user, "en fait je cherche plutot sur lyon jvais y bouger")
    slots = bot.slots(user)
    assert slots["code_insee"] == "69123" and slots["quartier"] is None and slots["qpv"] is None
