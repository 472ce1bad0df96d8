"""Questions after the list, play-test D (issue 14 item 6, issue 16), on the live stack over REST: a follow-up
never gets the same list back; a term it names gets its glossary entry; a question is never a goodbye; urgent
housing takes the need and gives the 115. Written for the lead's e2e run (not run by the helper who wrote it)."""

import pytest

from tests.e2e.test_after_suggestions import LIST_AGAIN, NOT_UNDERSTOOD, suggestions_in
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

CANNOT = "Désolé, je ne sais pas répondre à ça"
CLOSED = "bon courage pour la suite"


def test_cap_emploi_or_mission_locale_gets_both_entries_and_not_the_list(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "Vaut-il mieux aller à Cap emploi ou à la mission locale ?"))
    assert "Cap emploi" in replies and "Mission locale" in replies, replies
    assert not any(marker in replies for marker in LIST_AGAIN), replies
    assert NOT_UNDERSTOOD not in replies and CANNOT not in replies


def test_a_network_asked_for_gets_its_entry_and_no_list_again(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "Vous ne proposez pas le CEJ ?"))
    assert "Contrat d'engagement jeune" in replies, replies
    assert "À contacter aussi" not in replies and "Je n'ai pas trouvé d'action" not in replies, replies


def test_a_question_read_as_no_thanks_does_not_close_the_conversation(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "casino y en a plus ici je crois, t'as pas un truc en guadeloupe ?"))
    assert CLOSED not in replies, replies  # (Guadeloupe may be read as a move: a new list is then right)


def test_urgent_housing_after_the_list_gives_the_115_and_takes_the_need(bot):
    user = suggestions_in(bot, "Fougères")
    replies = texts(bot.say(user, "et pour le logement tu as quoi ? c'est urgent mon pote va me virer"))
    assert "115" in replies and "Je ne connais pas encore ce mot" not in replies, replies
    assert bot.slots(user)["besoin"] == "logement"


def test_why_without_a_number_is_understood(bot):
    user = suggestions_in(bot, "Marseille")
    replies = texts(bot.say(user, "pourquoi ?"))
    assert NOT_UNDERSTOOD not in replies, replies
    assert "Pourquoi je vous la propose" in replies or "Laquelle voulez-vous" in replies, replies
