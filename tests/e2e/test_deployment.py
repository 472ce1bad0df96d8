"""A mission locale hosts the bot (AIGUILLAGE_DEPLOYMENT): conversations in its territory end with its nearest
site and the fiche is addressed to it; elsewhere, no invented contact. Real action server + Rasa, over REST."""

import tempfile
from pathlib import Path

import pytest

from tests.e2e.test_conversation import ANSWERS, answer_until_suggestions, new_user
from tests.support.stack import LOCAL_WEB_ORIGIN, BotStack, texts
from tests.test_deployment import EXAMPLE, FILLED

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def hosted_bot():
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in FILLED.items():
        text = text.replace(old, new, 1)
    folder = Path(tempfile.mkdtemp(prefix="aiguillage-deployment-"))
    (folder / "deployment.yml").write_text(text, encoding="utf-8")
    with BotStack(
        extra_rasa_args=["--cors", LOCAL_WEB_ORIGIN], env={"AIGUILLAGE_DEPLOYMENT": str(folder / "deployment.yml")}
    ) as stack:
        yield stack


def conversation(bot, commune):
    user = new_user()
    bot.say(user, "bonjour")
    replies = answer_until_suggestions(
        bot, user, bot.say(user, '/inform{"besoin": "emploi"}'), {**ANSWERS, "commune": commune}
    )
    return user, texts(replies)


def test_in_its_territory_the_conversation_ends_with_its_nearest_site(hosted_bot):
    user, shown = conversation(hosted_bot, "Sedan")
    assert "Votre mission locale : Mission locale d'essai des Ardennes" in shown
    assert "Siège de Sedan" in shown and "03 24 11 22 33" in shown
    sheet = texts(hosted_bot.say(user, "/request_summary"))
    assert "À l'attention de : Mission locale d'essai des Ardennes, Siège de Sedan" in sheet
    assert "Fiche de liaison Aiguillage — " in sheet and "Situation de la personne :" in sheet


def test_outside_its_territory_no_contact_is_invented(hosted_bot):
    user, shown = conversation(hosted_bot, "Fougères")
    assert "Mission locale d'essai des Ardennes" not in shown and "03 24 11 22 33" not in shown
    assert "chaque commune est rattachée à une mission locale" in shown
    sheet = texts(hosted_bot.say(user, "/request_summary"))
    assert "À transmettre à un conseiller ou une conseillère de votre mission locale." in sheet
