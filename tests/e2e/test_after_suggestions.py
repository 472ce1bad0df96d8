"""After the suggestions (issue 14, item 6), on the live stack over REST: a « non merci » closes kindly without
the list again; a trade narrows the list or is answered honestly; « sans voiture » changes the fact and says so."""

import pytest

from tests.e2e.test_conversation import ANSWERS, answer_until_suggestions, new_user
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

NOT_UNDERSTOOD = "Pardon, je n'ai pas compris"
LIST_AGAIN = ("J'ai mis à jour mes propositions", "Voici ", "À contacter aussi")


def suggestions_in(bot, town: str, **answers):
    user = new_user()
    first = bot.say(user, f"je cherche du travail, j'ai 20 ans, j'habite à {town}")
    answer_until_suggestions(bot, user, first, {**ANSWERS, **answers})
    assert bot.slots(user)["suggestions_shown"] is True
    return user


@pytest.mark.parametrize("closing", ["non merci", "c'est tout", "merci", "ok merci c bon", "rien d'autre", "nn ça ira"])
def test_closing_after_the_list_is_kind_and_does_not_repeat_it(bot, closing):
    user = suggestions_in(bot, "Fougères")
    before = bot.slots(user)["suggestions"]
    replies = texts(bot.say(user, closing))
    assert "fiche" in replies and "bonjour" in replies, replies  # what to do next, how to come back
    assert not any(marker in replies for marker in LIST_AGAIN), replies
    assert NOT_UNDERSTOOD not in replies
    slots = bot.slots(user)
    assert slots["suggestions"] == before and slots["requested_slot"] is None
    # « écrivez fiche » works as said.
    assert "Fiche de liaison" in texts(bot.say(user, "fiche"))


@pytest.mark.parametrize("town", ["Marseille", "Fougères"])
def test_a_trade_after_the_list_narrows_it_or_says_honestly_there_is_nothing(bot, town):
    user = suggestions_in(bot, town)
    before = bot.slots(user)["suggestions"]
    replies = texts(bot.say(user, "je voudrais travailler dans la vente"))
    assert NOT_UNDERSTOOD not in replies
    assert "vous cherchez dans la vente et le commerce" in replies, replies
    narrowed = "Voici les actions qui concernent la vente et le commerce." in replies
    honest = "Je n'ai pas d'action recensée pour la vente et le commerce près de chez vous" in replies
    assert narrowed != honest, replies
    slots = bot.slots(user)
    assert slots["secteur"] == "vente"
    if honest:
        assert slots["suggestions"] == before and "Voici" not in replies  # not the same list again
    else:
        assert slots["suggestions"] and slots["suggestions"] != before


def test_without_a_car_after_the_list_changes_the_fact_and_says_it(bot):
    user = suggestions_in(bot, "Fougères", vehicule='/inform{"vehicule": "oui"}')
    assert bot.slots(user)["vehicule"] is True
    replies = texts(bot.say(user, "sans voiture"))
    # Said once (the correction note of the extraction, not again by the list's « what changed »).
    assert replies.count("C'est noté") == 1 and "véhicule" in replies, replies
    assert NOT_UNDERSTOOD not in replies
    assert bot.slots(user)["vehicule"] is False


def test_closer_after_the_list_reorders_it_or_says_it_already_is(bot):
    user = suggestions_in(bot, "Marseille")
    replies = texts(bot.say(user, "un truc à côté de chez moi"))
    assert NOT_UNDERSTOOD not in replies
    assert (
        "de la plus proche à la plus éloignée" in replies
        or "Ce sont déjà les actions les plus proches de chez vous" in replies
    ), replies
    assert bot.slots(user)["plus_pres"] is True
