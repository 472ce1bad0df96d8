"""Play-test round C over REST on the live stack (issue 16, session 6): a conseiller asked about « la personne »,
the short welcome after a first message full of facts, « sur aix » offered. Written by the s6understand helper;
NOT run by it (the lead runs e2e after training: domain.yml gained the slot `interlocuteur`)."""

import uuid

import pytest

from actions.messages import WELCOME_NOTE
from tests.support.dialogue import reply_texts, say_ok

pytestmark = pytest.mark.e2e


def new_user() -> str:
    return f"e2e-roundc-{uuid.uuid4().hex[:10]}"


def test_a_conseiller_is_asked_about_the_person(bot):
    user = new_user()
    replies = reply_texts(say_ok(bot, user, "bonjour je suis conseillère, mon jeune a 19 ans et cherche un emploi"))
    assert bot.slots(user)["interlocuteur"] == "conseiller"
    assert any("la personne" in text.lower() for text in replies), replies
    assert not any("habitez-vous" in text for text in replies), replies


def test_a_first_message_with_facts_gets_the_short_welcome_once(bot):
    user = new_user()
    first = reply_texts(say_ok(bot, user, "19 ans sur aix je cherche un taf"))
    assert first.count(WELCOME_NOTE) == 1, first
    assert bot.slots(user)["commune_candidates"][:2] == ["13001", "73008"]
    second = reply_texts(say_ok(bot, user, '/inform{"code_insee": "13001"}'))
    assert WELCOME_NOTE not in second


def test_a_greeting_then_facts_gets_no_second_welcome(bot):
    user = new_user()
    say_ok(bot, user, "bonjour")
    replies = reply_texts(say_ok(bot, user, "j'ai 19 ans, je cherche un emploi"))
    assert WELCOME_NOTE not in replies
