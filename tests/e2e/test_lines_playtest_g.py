"""Lines play-test G struck (issue 14), replayed over REST on the live stack with the testers' own messages
(notes/playtest-G.md): no paid missions for job seekers to a pupil in 3e (g23), no « avoir un véhicule, ce que vous
cherchez » to someone who wants the permis (g04). Written for the lead's e2e run (not run by the helper who wrote it:
no stack on the helper's machine). The unit tests of the same lines are in tests/test_struck_lines_g.py."""

import pytest

from tests.e2e.test_conversation import new_user
from tests.support.stack import texts

pytestmark = pytest.mark.e2e


ANSWERS = {"qpv": "oui", "permis": "non", "vehicule": "non", "handicap": "non", "diplome": "aucun"}


def answer_the_form(bot, user, housing: str, **answers: str) -> str:
    """Answer whatever the form asks next (the order may change with the reading), until the list comes."""
    replies = ""
    for _ in range(10):
        slot = bot.slots(user).get("requested_slot")
        if slot is None:
            break
        replies = texts(bot.say(user, {**ANSWERS, "logement": housing, **answers}.get(slot, "je ne sais pas")))
    return replies


def test_g23_a_pupil_in_3e_gets_no_paid_missions_for_job_seekers(bot):
    user = new_user()
    bot.say(user, "jai 15 ans jsuis a strasbourg au neuhof jveux faire un apprentissage en coiffure")
    replies = answer_the_form(bot, user, "chez mes parents", diplome="jai pas encore le brevet jsuis en 3e")
    assert bot.slots(user)["scolarite"] == "scolarise"
    assert "CIO" in replies, replies  # the list was given
    assert "Activités rémunérées à la carte" not in replies, replies


def test_g04_the_reason_says_the_permis_not_a_vehicle(bot):
    user = new_user()
    bot.say(user, "wesh jai 19 ans jsuis a marseille dans le 14e jveux passer le permis mais jai pas dargent")
    bot.say(user, "ah non jai 20 ans pardon. et oui jsuis a la busserine")
    answer_the_form(bot, user, "chez ma mere")
    why = texts(bot.say(user, "Pourquoi ?"))
    assert "Elle aide à avoir un véhicule, ce que vous cherchez" not in why, why
