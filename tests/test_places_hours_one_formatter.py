"""Play-test F: France services hours shown raw (« aujourd'hui aux horaires « 08:30 - 16:30 / 08:30 - 16:00 » »), and
other hours in the list than in the fiche for the same place at the same moment. Every hours string now goes through
knowledge/places/hours.py, and the fiche reads the day where the person lives, as the list does."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from actions.recommend import ActionRecommend, ActionSummary
from knowledge.deployment import Site
from knowledge.places import france_services
from knowledge.places.france_services import DayHours, parse_day
from knowledge.places.hours import VARIABLE, day_text, hours_phrase
from orientation import place_wording
from tests.test_actions_next_step import not_hosted, run, tracker  # noqa: F401  (fixture)

_RAW = re.compile(r"\d\d:\d\d|«|»")


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("08:30 - 16:30 / 08:30 - 16:00", f"de 8 h 30 à 16 h 30 ({VARIABLE})"),
        ("00:00 - 00:00 / 08:00 - 16:00 / 08:00 - 15:00 / 08:00 - 16:00", f"de 8 h à 16 h ({VARIABLE})"),
        ("09:00 - 12:00 / 09:00 - 11:30 / 14:00 - 17:00", f"de 9 h à 12 h et de 14 h à 17 h ({VARIABLE})"),
        ("09:00 - 12:00 / 13:30 - 17:00", "de 9 h à 12 h et de 13 h 30 à 17 h"),
    ],
)
def test_overlapping_ranges_are_said_as_the_hours_they_span(raw, said):
    assert hours_phrase(raw) == said == day_text(parse_day(raw))


def test_no_hours_of_the_table_are_shown_raw():
    """All 2,845 sites, every weekday: French hours only, in the list's line and in the next day's line."""
    monday = dt.date(2026, 12, 7)
    shown = []
    for place in france_services.all_places():
        for ahead in range(7):
            day = monday + dt.timedelta(days=ahead)
            shown.append(place_wording.opening_text(place, day, dt.time(9, 0)))
            shown.append(place_wording.hours_text(place.horaires_le(day)))
    raw = [text for text in shown if _RAW.search(text)]
    assert raw == [] and any(VARIABLE in text for text in shown)


def test_a_sentence_of_the_source_is_kept_without_quotes():
    assert day_text(DayHours(raw="sur rendez-vous")) == "sur rendez-vous (appelez avant de passer)"


def test_a_mission_locale_site_hours_go_through_the_same_formatter():
    site = Site(
        nom="Siège",
        type="siege",
        adresse="1 rue X",
        code_insee="08409",
        horaires=(("lundi", "09:00-12:00 / 13:30-17:00"),),
    )
    assert "Ouvert aujourd'hui de 9 h à 12 h et de 13 h 30 à 17 h." in site.contact_lines(dt.date(2026, 12, 7))


def _places_block(text: str) -> list:
    lines = text.splitlines()
    return [
        line
        for i, line in enumerate(lines)
        if line.startswith("• France services") or (i and lines[i - 1].startswith("  ") and line.startswith("  Tél."))
    ]


def test_the_list_and_the_fiche_show_the_same_hours(not_hosted, monkeypatch):  # noqa: F811
    """At 23:30 UTC on a Monday it is already Tuesday in Sedan: the list and the fiche both say Tuesday's hours."""
    moment = dt.datetime(2030, 6, 3, 23, 30, tzinfo=dt.timezone.utc)  # a Monday, never the test's real day
    real = france_services.local_now
    monkeypatch.setattr(france_services, "local_now", lambda code, now=None: real(code, now or moment))
    listed = "\n".join(m.get("text") or "" for m in run(ActionRecommend(), tracker()))
    fiche = run(ActionSummary(), tracker("rest"))[0]["text"]
    assert _places_block(listed) and _places_block(listed) == _places_block(fiche)
    assert "4 juin 2030" in fiche.splitlines()[0]
