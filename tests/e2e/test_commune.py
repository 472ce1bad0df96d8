"""Homonyms and confirmation of the commune (issue 16), on the live Rasa + action servers, over REST."""

import uuid

import pytest

from tests.support.stack import texts

pytestmark = pytest.mark.e2e


def user_at_commune_question(bot) -> str:
    """A new conversation that has just been asked for its commune."""
    user = f"e2e-commune-{uuid.uuid4().hex[:10]}"
    bot.say(user, "bonjour")
    bot.say(user, '/inform{"besoin": "emploi"}')
    bot.say(user, "j'ai 17 ans")
    assert bot.slots(user).get("requested_slot") == "commune"
    return user


def buttons(replies):
    return [b for reply in replies for b in reply.get("buttons") or []]


def test_homonyms_are_offered_then_a_departement_picks_one_and_keeps_the_age(bot):
    user = user_at_commune_question(bot)
    replies = bot.say(user, "Valence")
    titles = [b["title"] for b in buttons(replies)]
    assert "Valence (26)" in titles and "Valence (82)" in titles, texts(replies)
    assert bot.slots(user).get("code_insee") is None
    bot.say(user, "26")
    slots = bot.slots(user)
    assert slots["code_insee"] == "26362" and slots["departement"] == "26"
    assert slots["age"] == 17.0  # « 26 » answered the commune question: it is the Drôme, not an age


def test_saint_denis_then_la_reunion(bot):
    user = user_at_commune_question(bot)
    bot.say(user, "saint denis")
    assert "97411" in (bot.slots(user).get("commune_candidates") or [])
    bot.say(user, "la réunion")
    assert bot.slots(user)["code_insee"] == "97411"


def test_saint_denis_93_in_one_sentence(bot):
    user = f"e2e-commune-{uuid.uuid4().hex[:10]}"
    bot.say(user, "J'ai 25 ans et j'habite à Saint-Denis (93)")
    slots = bot.slots(user)
    assert slots["age"] == 25.0 and slots["code_insee"] == "93066"


def test_a_misspelt_commune_is_confirmed_in_one_tap(bot):
    user = user_at_commune_question(bot)
    replies = bot.say(user, "Marseile")
    assert "Votre commune est-elle Marseille (Bouches-du-Rhône) ?" in texts(replies)
    assert [b["title"] for b in buttons(replies)] == ["Oui", "Non, une autre commune"]
    assert bot.slots(user).get("code_insee") is None
    bot.say(user, buttons(replies)[0]["payload"])
    assert bot.slots(user)["code_insee"] == "13055"


def test_a_typed_yes_confirms_too(bot):
    user = user_at_commune_question(bot)
    bot.say(user, "strasbour")
    assert bot.slots(user).get("commune_candidates") == ["67482"]
    bot.say(user, "oui")
    assert bot.slots(user)["code_insee"] == "67482"


def test_two_misses_then_the_departement_only(bot):
    user = user_at_commune_question(bot)
    bot.say(user, "Marseile")
    bot.say(user, "/deny")  # « Non, une autre commune »: first miss
    assert bot.slots(user).get("commune_candidates") in (None, [])
    replies = bot.say(user, "xqzwv")  # second miss
    assert "département" in texts(replies) and "/decline" in [b["payload"] for b in buttons(replies)]
    bot.say(user, "13")
    slots = bot.slots(user)
    assert slots["departement"] == "13" and "commune" in (slots.get("skipped_slots") or [])
    assert slots.get("requested_slot") != "commune" and slots["age"] == 17.0


def test_ordinary_words_never_become_a_commune(bot):
    user = f"e2e-commune-{uuid.uuid4().hex[:10]}"
    for text in ("alors", "j'en peux plus", "bon", "rien"):
        bot.say(user, text)
        slots = bot.slots(user)
        assert slots.get("code_insee") is None and not slots.get("commune_candidates"), (text, slots)
