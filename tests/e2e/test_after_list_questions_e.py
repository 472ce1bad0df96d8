"""Questions after the list, play-test E (issue 14 item 6, issue 16), on the live stack over REST: a question the bot
cannot answer gets one honest sentence, never the entry of a word it merely contains; a network's name is a known
word; the legal ages answer « je peux travailler à … ans ? ». Written for the lead's e2e run (not run by the helper
who wrote it)."""

import pytest

from tests.e2e.test_after_suggestions import LIST_AGAIN, suggestions_in
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

HONEST = "Je ne sais pas répondre à cette question précise"
UNKNOWN_WORD = "Je ne connais pas encore ce mot"


def test_a_question_about_ones_own_case_gets_the_honest_sentence_not_a_definition(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "si je trouve pas de patron je perds mon CAP ? jai combien de temps ?"))
    assert HONEST in replies and "Certificat d'aptitude professionnelle" not in replies, replies
    assert not any(marker in replies for marker in LIST_AGAIN), replies


def test_the_permis_a_1_euro_is_a_known_word(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "cest quoi le permis a 1 euro ?"))
    assert "Aides pour payer le permis" in replies and UNKNOWN_WORD not in replies, replies


def test_working_at_14_is_answered_from_the_code_du_travail(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "je peux travailler a 14 ans ? genre babysitting ou au mcdo"))
    # The answer first; « Mes propositions restent… » may follow it (the list did not change), never stand alone.
    assert "L4153" in replies and not replies.startswith("Mes propositions restent"), replies
