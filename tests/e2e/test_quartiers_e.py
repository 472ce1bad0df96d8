"""Play-test E over REST on the live stack (issue 16, session 6): the quartier of a first message written without
« quartier » is not asked again, an English opener keeps it, an English answer at the QPV question is no loop, and
a quartier the official list does not name still gets the QPV question, naming it. Written by the s6quart2 helper;
NOT run by it (the lead runs e2e after training: domain.yml has action_ask_qpv and utter_ask_qpv_quartier)."""

import uuid

import pytest

from tests.support.dialogue import reply_texts, say_ok

pytestmark = pytest.mark.e2e

QPV_QUESTION = "quartier prioritaire (QPV) ?"


def new_user() -> str:
    return f"e2e-quartier-e-{uuid.uuid4().hex[:10]}"


@pytest.mark.parametrize(
    "opener, code",
    [
        ("salut jai 20ans jsui a paris 18 vers la goutte dor, jveux passer le permis mais jai pas dargent", "75118"),
        ("j'ai 21 ans, j'habite à Strasbourg Neuhof, je cherche un emploi en restauration", "67482"),
    ],
)
def test_a_listed_quartier_of_the_first_message_is_not_asked_again(bot, opener, code):
    user = new_user()
    replies = reply_texts(say_ok(bot, user, opener))
    slots = bot.slots(user)
    assert slots["code_insee"] == code and slots["qpv"] is True, slots
    assert not any(QPV_QUESTION in text for text in replies), replies


def test_an_english_opener_keeps_its_quartier(bot):
    user = new_user()
    say_ok(bot, user, "hi, i'm 22 i live in Toulouse (Mirail) and i need a job, je parle un peu francais")
    replies = reply_texts(say_ok(bot, user, "Continuer en français"))
    slots = bot.slots(user)
    assert (slots["quartier"] or "").lower() == "mirail" and slots["qpv"] is True, slots
    assert not any(QPV_QUESTION in text for text in replies), replies


def test_a_quartier_the_list_does_not_name_gets_the_qpv_question_naming_it(bot):
    user = new_user()
    replies = reply_texts(
        say_ok(bot, user, "wesh jai 19 ans jsuis a marseille 14e a la busserine, jcherche un taf jai pas le permis")
    )
    assert any("busserine" in text and QPV_QUESTION in text for text in replies), replies
    replies = reply_texts(say_ok(bot, user, "oui"))
    assert bot.slots(user)["qpv"] is True
    assert not any(QPV_QUESTION in text for text in replies), replies
