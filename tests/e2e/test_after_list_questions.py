"""Questions after the list, play-tests D and E (issue 14 item 6, issue 16), on the live stack over REST: a
follow-up never gets the same list back; a term it names gets its glossary entry, a network's name is a known word;
a question is never a goodbye; urgent housing takes the need and gives the 115; a question the bot cannot answer
gets one honest sentence, never the entry of a word it merely contains; the legal ages answer « je peux travailler
à … ans ? ». Written for the lead's e2e run (not run by the helpers who wrote it)."""

import pytest

from tests.e2e.test_after_suggestions import LIST_AGAIN, NOT_UNDERSTOOD, suggestions_in
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

CANNOT = "Désolé, je ne sais pas répondre à ça"
CLOSED = "bon courage pour la suite"
HONEST = "Je ne sais pas répondre à cette question précise"
UNKNOWN_WORD = "Je ne connais pas encore ce mot"

# (id, town of the list, question after it, every text the replies hold, no text they hold)
QUESTIONS = [
    (
        "cap-emploi-or-mission-locale-gets-both-entries-and-not-the-list",
        "Fougères",
        "Vaut-il mieux aller à Cap emploi ou à la mission locale ?",
        ("Cap emploi", "Mission locale"),
        (*LIST_AGAIN, NOT_UNDERSTOOD, CANNOT),
    ),
    (
        "a-network-asked-for-gets-its-entry-and-no-list-again",
        "Fougères",
        "Vous ne proposez pas le CEJ ?",
        ("Contrat d'engagement jeune",),
        ("À contacter aussi", "Je n'ai pas trouvé d'action"),
    ),
    (
        # (Guadeloupe may be read as a move: a new list is then right.)
        "a-question-read-as-no-thanks-does-not-close-the-conversation",
        "Fougères",
        "casino y en a plus ici je crois, t'as pas un truc en guadeloupe ?",
        (),
        (CLOSED,),
    ),
    (
        # Play-test E.
        "a-question-about-ones-own-case-gets-the-honest-sentence-not-a-definition",
        "Fougères",
        "si je trouve pas de patron je perds mon CAP ? jai combien de temps ?",
        (HONEST,),
        ("Certificat d'aptitude professionnelle", *LIST_AGAIN),
    ),
    (
        "the-permis-a-1-euro-is-a-known-word",
        "Fougères",
        "cest quoi le permis a 1 euro ?",
        ("Aides pour payer le permis",),
        (UNKNOWN_WORD,),
    ),
]


@pytest.mark.parametrize("town, question, present, absent", [pytest.param(*case[1:], id=case[0]) for case in QUESTIONS])
def test_a_question_after_the_list(bot, town, question, present, absent):
    user = suggestions_in(bot, town)
    replies = texts(bot.say(user, question))
    assert all(text in replies for text in present), replies
    assert not any(text in replies for text in absent), replies


def test_urgent_housing_after_the_list_gives_the_115_and_takes_the_need(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "et pour le logement tu as quoi ? c'est urgent mon pote va me virer"))
    assert "115" in replies and UNKNOWN_WORD not in replies, replies
    assert bot.slots(user)["besoin"] == "logement"


def test_why_without_a_number_is_understood(bot):
    user = suggestions_in(bot, "Marseille")
    replies = texts(bot.say(user, "pourquoi ?"))
    assert NOT_UNDERSTOOD not in replies, replies
    assert "Pourquoi je vous la propose" in replies or "Laquelle voulez-vous" in replies, replies


def test_working_at_14_is_answered_from_the_code_du_travail(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "je peux travailler a 14 ans ? genre babysitting ou au mcdo"))
    # The answer first; « Mes propositions restent… » may follow it (the list did not change), never stand alone.
    assert "L4153" in replies and not replies.startswith("Mes propositions restent"), replies
