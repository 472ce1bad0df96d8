"""France services lines of play-test D (issue 14): « ouvert aujourd'hui de 10 h à 12 h » shown at 21:40, the
hour of Paris used in Mayotte, and a site for the gens du voyage given as a young man's nearest service."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from knowledge.places import france_services
from knowledge.places.france_services import DayHours
from orientation import place_wording

SEDAN, MAMOUDZOU, SOTTEVILLE = "08409", "97611", "76681"
MONDAY = dt.date(2026, 12, 7)
MORNINGS = tuple(DayHours((("10:00", "12:00"),)) for _ in range(5)) + (DayHours(), DayHours())


def _place(**changes: Any) -> france_services.Place:
    return dataclasses.replace(france_services.nearest(SEDAN, limit=1)[0], **changes)


def test_a_site_closed_for_the_day_says_when_it_reopens() -> None:
    place = _place(horaires=MORNINGS)
    evening = place_wording.opening_text(place, MONDAY, at=dt.time(21, 40))
    assert "ouvert aujourd'hui" not in evening
    assert evening == "fermé à cette heure — ouvert demain de 10 h à 12 h"
    assert place_wording.opening_text(place, MONDAY, at=dt.time(9, 0)) == "ouvert aujourd'hui de 10 h à 12 h"
    friday = MONDAY + dt.timedelta(days=4)
    assert (
        place_wording.opening_text(place, friday, at=dt.time(18, 0))
        == "fermé à cette heure — ouvert lundi de 10 h à 12 h"
    )


def test_the_hour_is_the_places_own() -> None:
    # 21:40 in Paris is 23:40 in Mayotte: its sites are closed for the day
    paris_evening = dt.datetime(2026, 12, 7, 20, 40, tzinfo=dt.timezone.utc)
    local = france_services.local_now(MAMOUDZOU, paris_evening)
    assert (local.date(), local.hour, local.minute) == (MONDAY, 23, 40)
    assert france_services.local_now("97411", paris_evening).hour == 0  # La Réunion: already tomorrow
    assert france_services.local_now("97101", paris_evening).hour == 16  # Guadeloupe
    text = place_wording.nearest_places_message(MAMOUDZOU, now=paris_evening)
    assert "ouvert aujourd'hui" not in text


def test_a_site_reserved_to_one_public_is_never_the_nearest_service() -> None:
    reserved = [p for p in france_services.all_places() if france_services.reserved_public(p)]
    assert {p.nom for p in reserved} >= {
        "France services Relais accueil des gens du voyage de l'agglomération rouennaise",
        "France services Voyageurs 72",
    }
    for code in (SOTTEVILLE, "72181", "64129"):
        assert not any(france_services.reserved_public(p) for p in france_services.nearest(code, limit=3))
