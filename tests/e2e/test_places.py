"""Issue 15 over REST on the live stack: a conversation in Sedan and one in Mamoudzou end with a
current place to call (the nearest France services, with its phone, address and today's hours)."""

import datetime as dt
import uuid

import pytest

from knowledge.places import france_services
from orientation import place_wording
from tests.e2e.test_conversation import ANSWERS, answer_until_suggestions
from tests.support.stack import texts

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("commune, code", [("Sedan", "08409"), ("Mamoudzou", "97611")])
def test_conversation_ends_with_a_place_to_call(bot, commune, code):
    user = f"e2e-{uuid.uuid4().hex[:10]}"
    bot.say(user, "bonjour")
    answers = {**ANSWERS, "commune": commune}
    replies = answer_until_suggestions(bot, user, bot.say(user, '/inform{"besoin": "emploi"}'), answers)
    assert bot.slots(user)["code_insee"] == code
    shown = texts(replies)
    places = france_services.nearest(code)
    assert places, f"no France services for {commune} in the table"
    assert "France services" in shown and "(données France services, août 2024)" in shown
    # At least one current place with its phone and address, in the person's own commune.
    assert any(p.telephone in shown and p.adresse in shown for p in places)
    assert "dans votre commune" in shown
    # Today's hours of a place in the commune, as said at whatever hour the test runs: before its last closing
    # « ouvert aujourd'hui de … » (or « fermé aujourd'hui — ouvert … »), after it « fermé à cette heure — … ».
    today = france_services.local_now(code).date()
    here = [p for p in places if p.distance_km is not None and p.distance_km < 0.05 and p.telephone in shown]
    said = {place_wording.opening_text(p, today, at) for p in here for at in (None, dt.time(23, 59))}
    assert any(line in shown for line in said), (said, shown)
    # It comes last, just before « Que voulez-vous faire maintenant ? ».
    note = "(données France services, août 2024)"
    between = shown[shown.rindex(note) + len(note) : shown.index("Que voulez-vous faire maintenant")]
    assert between.strip() == ""
