"""Whole conversations on the live Rasa + action servers, through REST, slots read from the tracker."""

import uuid

import pytest

from actions.profile_slots import profile_from_slots
from knowledge.loader import default_knowledge
from orientation import formatting
from orientation.matching import recommend
from tests.support.stack import texts

pytestmark = pytest.mark.e2e


def new_user() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def answer_until_suggestions(bot, user, first_replies, answers, max_turns=12):
    """Answers each question the bot asks with the answer for that slot, until it makes suggestions."""
    replies = first_replies
    for _ in range(max_turns):
        if "À contacter aussi" in texts(replies) or "Je n'ai pas trouvé" in texts(replies):
            return replies
        asked = bot.slots(user).get("requested_slot")
        assert asked in answers, f"unexpected question {asked!r}: {texts(replies)}"
        replies = bot.say(user, answers[asked])
    raise AssertionError(f"no suggestions after {max_turns} turns: {texts(replies)}")


ANSWERS = {
    "besoin": '/inform{"besoin": "emploi"}',
    "age": "j'ai 20 ans",
    "commune": "Fougères",
    "qpv": "non",
    "permis": '/inform{"permis": "non"}',
    "vehicule": '/inform{"vehicule": "non"}',
    "logement": '/inform{"logement": "chez-parents"}',
    "diplome": '/inform{"diplome": "cap-bep"}',
    "handicap": "/decline",
    "rqth": "/decline",
}


def test_greeting_is_french_and_says_what_the_bot_is(bot):
    replies = texts(bot.say(new_user(), "Bonjour"))
    assert "Bonjour" in replies
    assert "assistant automatique" in replies
    assert "effacer mes données" in replies
    assert "[Trouver un emploi]" in replies


def test_bot_challenge(bot):
    assert "assistant automatique" in texts(bot.say(new_user(), "t'es un robot ?"))


def test_full_conversation_to_suggestions(bot):
    user = new_user()
    bot.say(user, "bonjour")
    replies = answer_until_suggestions(bot, user, bot.say(user, '/inform{"besoin": "emploi"}'), ANSWERS)
    slots = bot.slots(user)
    assert slots["age"] == 20.0
    assert slots["commune"] == "Fougères" and slots["code_insee"] == "35115" and slots["departement"] == "35"
    assert slots["permis"] is False and slots["vehicule"] is False
    assert slots["logement"] == "chez-parents"
    assert slots["handicap"] is None and "handicap" in slots["skipped_slots"]
    shown = texts(replies)
    # Without a car, the mission locale's own driving school in the person's town (Rennes' actions, 45 km
    # away, are beyond reach): every suggestion kept for « plus de détails » is the one shown, by name.
    assert slots["suggestions"], "the suggestions shown are kept for « plus de détails »"
    records = {r.id: r for r in default_knowledge().initiatives}
    assert all(records[i].nom in shown for i in slots["suggestions"]), shown
    assert "Fougères" in shown and "39 49" in shown


def test_everything_in_the_first_message(bot):
    user = new_user()
    replies = bot.say(user, "jai 19 ans jhabite a vaulx en velin g pa le permi et je cherche du taf")
    slots = bot.slots(user)
    assert slots["age"] == 19.0 and slots["commune"] == "Vaulx-en-Velin" and slots["permis"] is False
    assert slots["besoin"] == "emploi"
    assert slots["requested_slot"] not in ("age", "commune", "permis", "besoin")
    answer_until_suggestions(bot, user, replies, ANSWERS)


def test_correction_after_suggestions_updates_them(bot):
    user = new_user()
    answer_until_suggestions(
        bot, user, bot.say(user, "je cherche du travail, j'ai 20 ans, j'habite à Fougères"), ANSWERS
    )
    before = bot.slots(user)["suggestions"]
    replies = texts(bot.say(user, "non en fait j'habite à Marseille"))
    slots = bot.slots(user)
    assert slots["commune"] == "Marseille" and slots["departement"] == "13"
    # Marseille has QPVs: the quartier said for Fougères does not hold there, the new one is asked first.
    assert "C'est noté : Marseille." in replies and slots["requested_slot"] == "qpv", replies
    replies = texts(bot.say(user, "non"))
    assert "J'ai mis à jour mes propositions" in replies
    assert "Marseille" not in replies.split("J'ai mis à jour")[0]  # the commune was said back once, above
    assert bot.slots(user)["suggestions"] != before
    replies = texts(bot.say(user, "en fait j'ai 18 ans"))
    assert bot.slots(user)["age"] == 18.0 and "mis à jour" in replies


def test_glossary_question_mid_form_then_same_question(bot):
    user = new_user()
    bot.say(user, "je cherche du travail")
    asked = bot.slots(user)["requested_slot"]
    replies = texts(bot.say(user, "c'est quoi un ACI ?"))
    assert "insertion" in replies.lower()
    assert bot.slots(user)["requested_slot"] == asked


def test_absurd_age_gets_a_kind_reprompt(bot):
    user = new_user()
    bot.say(user, "je cherche du travail")
    replies = texts(bot.say(user, "j'ai 150 ans"))
    assert "150 ans" in replies
    assert bot.slots(user)["age"] is None and bot.slots(user)["requested_slot"] == "age"


def test_homonym_commune_asks_which_one(bot):
    user = new_user()
    bot.say(user, "je cherche du travail, j'ai 20 ans")
    replies = bot.say(user, "saint denis")
    assert "Saint-Denis (93)" in texts(replies)
    bot.say(user, '/inform{"code_insee": "93066"}')
    assert bot.slots(user)["departement"] == "93"


def test_details_why_and_liaison_sheet(bot):
    user = new_user()
    answer_until_suggestions(
        bot, user, bot.say(user, "je cherche du travail, j'ai 20 ans, j'habite à Fougères"), ANSWERS
    )
    first = bot.slots(user)["suggestions"][0]
    details = texts(bot.say(user, f'/ask_details{{"suggestion": "{first}"}}'))
    assert "Source" in details
    why = texts(bot.say(user, f'/ask_why_suggestion{{"suggestion": "{first}"}}'))
    # The same reasons the matcher gives for this profile and this suggestion (same code and data as the bot).
    shown = {s.initiative.id: s for s in recommend(profile_from_slots(bot.slots(user)), limit=40).local}
    assert shown[first].reasons and formatting.suggestion_why(shown[first]) in why
    sheet = texts(bot.say(user, "/request_summary"))
    assert "20 ans" in sheet and "Fougères" in sheet
