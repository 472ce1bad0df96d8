"""Dialogue faults of play-test G, on the live stack over REST: ordinary words never restart the conversation, a
reproach keeps the facts, follow-up questions get neither the privacy answer nor a sector, one row of buttons per
answer. Written for the lead's e2e run (not run by the helper who wrote it: no stack on the helper's machine)."""

import pytest

from tests.e2e.test_after_suggestions import suggestions_in
from tests.e2e.test_conversation import new_user
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

RESTARTED = "on recommence depuis le début"
PRIVACY = "Vos réponses servent seulement à trouver des structures"
SECTOR_NOTED = "C'est noté : vous cherchez dans"
REPROACH = "Je garde bien tout ce que vous m'avez déjà dit"


def test_je_l_ai_dit_au_debut_keeps_the_conversation_and_the_quartier(bot):
    """g18: « oui, Bellevue, je l'ai dit au début » at the QPV question erased everything."""
    user = new_user()
    bot.say(user, "bonjour j'ai 18 ans et je cherche une formation")
    bot.say(user, "Nantes")
    slots = bot.slots(user)
    assert slots.get("requested_slot") == "qpv", slots
    replies = texts(bot.say(user, "oui, Bellevue, je l'ai dit au début"))
    assert RESTARTED not in replies, replies
    slots = bot.slots(user)
    assert slots["age"] == 18 and slots["besoin"] == "formation" and slots["qpv"] is True, slots


def test_je_viens_de_l_ecrire_is_no_commune(bot):
    """g18: « Une formation d'aide-soignante, je viens de l'écrire » → « Sa commune est-elle Échiré ? »."""
    user = new_user()
    bot.say(user, "bonjour")
    replies = texts(bot.say(user, "Une formation d'aide-soignante, je viens de l'écrire"))
    assert "Échiré" not in replies, replies
    assert bot.slots(user)["besoin"] == "formation"


def test_recommencer_still_restarts(bot):
    user = new_user()
    bot.say(user, "bonjour j'ai 18 ans et je cherche une formation")
    replies = texts(bot.say(user, "on reprend à zéro"))
    assert RESTARTED in replies, replies


@pytest.mark.parametrize(
    "question",
    [
        "et pour faire garder mon fils quand je travaille je fais comment ?",
        "est-ce que je peux garder le chomage si je cree ma boite ?",
        "Est-ce que je peux demander un logement social alors que je suis en intérim ?",
        "et sinon jai droit a une aide pour la creche ?",
    ],
)
def test_a_follow_up_question_gets_neither_privacy_nor_a_sector(bot, question):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, question))
    assert PRIVACY not in replies and SECTOR_NOTED not in replies, replies
    assert not bot.slots(user).get("secteur"), bot.slots(user)


def test_privacy_is_still_answered(bot):
    user = suggestions_in(bot, "Fougères")
    assert PRIVACY in texts(bot.say(user, "combien de temps vous gardez mes données ?"))


@pytest.mark.parametrize(
    "question",
    [
        "Est-ce que l'Agefiph peut financer ma formation en comptabilité ?",
        "et le permis je peux le payer avec mon cpf ? jai bossé 1 an",
    ],
)
def test_one_answer_has_one_row_of_buttons(bot, question):
    user = suggestions_in(bot, "Fougères")
    replies = bot.say(user, question)
    assert sum(1 for reply in replies if reply.get("buttons")) <= 1, replies


def test_a_cej_question_asked_mid_form_is_answered_and_the_form_goes_on(bot):
    """g14: « 17 et jsuis a grenoble a la villeneuve. cest quoi le cej au fait ? » at the age question."""
    user = new_user()
    bot.say(user, "jveux faire electricien en apprentissage")
    replies = texts(bot.say(user, "17 et jsuis a grenoble a la villeneuve. cest quoi le cej au fait ?"))
    assert "Contrat d'engagement jeune" in replies, replies
    assert bot.slots(user)["code_insee"] == "38185"
