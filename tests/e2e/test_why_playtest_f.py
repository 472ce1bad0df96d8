"""Play-test F over REST on the live stack (issue 14): a conseillère typing for a 17-year-old in Corbeil-Essonnes
(session 6's last conversation). The network cards speak of the person, the « Votre mission locale : chaque
commune est rattachée… » paragraph is not said to her, and no mobility card comes where nobody spoke of
transport. Written with the change; run by the lead after training (not run by its author)."""

import uuid

import pytest

from tests.e2e.test_conversation import answer_until_suggestions
from tests.e2e.test_relevance import WITHOUT_CAR_AT_PARENTS
from tests.support.stack import texts

pytestmark = pytest.mark.e2e

ANSWERS = {**WITHOUT_CAR_AT_PARENTS, "qpv": "/decline"}


def test_a_conseillere_hears_of_the_person_and_no_mobility_card(bot):
    user = f"e2e-{uuid.uuid4().hex[:10]}"
    bot.say(user, "bonjour")
    first = (
        "Je suis conseillère. Il a 17 ans, il a quitté le lycée en seconde, il vit chez sa mère à "
        "Corbeil-Essonnes et cherche un apprentissage en boulangerie"
    )
    replies = answer_until_suggestions(bot, user, bot.say(user, first), ANSWERS)
    assert bot.slots(user)["interlocuteur"] == "conseiller"
    shown = texts(replies)
    assert "votre commune" not in shown and "chaque commune est rattachée" not in shown, shown
    assert "Plateformes de mobilité" not in shown and "Aides pour payer le permis" not in shown, shown
    sheet = texts(bot.say(user, "/request_summary"))
    assert "de votre commune" not in sheet and "chaque commune est rattachée" not in sheet, sheet
