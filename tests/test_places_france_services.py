"""Tests for the France services table (build_france_services.py), knowledge.places.france_services
and the French wording of orientation.place_wording. No Rasa needed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from knowledge import geo
from knowledge.places import build_france_services, build_places_data, distance, france_services
from knowledge.places.france_services import DayHours, parse_day
from orientation import place_wording

SEDAN, MAMOUDZOU, AURILLAC, CAYENNE = "08409", "97611", "15014", "97302"
MONDAY = dt.date(2026, 12, 7)


def _rows() -> list[list[str]]:
    lines = france_services.TABLE.read_text(encoding="utf-8").splitlines()
    assert "date=2024-08-01" in lines[0] and "licence=Licence Ouverte 2.0" in lines[0]
    assert tuple(lines[1].split("\t")) == france_services.COLUMNS
    return [line.split("\t") for line in lines[2:]]


# --------------------------------------------------------------------------- table


def test_table_counts_and_coordinates() -> None:
    rows = _rows()
    assert len(rows) == 2845  # every site of the ANCT list of 1 August 2024
    assert len({row[0] for row in rows}) == len(rows)
    places = france_services.all_places()
    assert all(-90 <= p.latitude <= 90 and -180 <= p.longitude <= 180 for p in places)
    assert all(geo.get_commune(p.code_insee) for p in places)  # former codes were remapped
    assert all(distance.commune_point(p.code_insee) for p in places)
    assert all(geo.get_commune(p.code_insee).departement == p.departement for p in places)
    assert sum(not p.telephone for p in places) <= 4
    assert all(p.telephone or p.adresse for p in places)


def test_hours_are_parsed() -> None:
    places = france_services.all_places()
    cells = [day for p in places for day in p.horaires[:6]]
    parsed = sum(bool(day.intervals) for day in cells)
    raw = [day.raw for day in cells if day.raw]
    assert parsed >= 13_800
    assert len(raw) <= 60  # overlapping ranges (several desks) are kept as text
    assert sum(not p.horaires_connus for p in places) <= 48
    assert all(not p.horaires[6].known for p in places)  # the source has no Sunday column
    for day in cells:
        for start, end in day.intervals:
            assert "00:00" <= start < end <= "24:00"


def test_build_is_reproducible_and_reports_counts(tmp_path: Path) -> None:
    source = build_places_data.DEFAULT_FRANCE_SERVICES
    if not source.is_file():
        pytest.skip(f"{source} absent: the shared open data is not here")
    path, counts = build_france_services.build(source, tmp_path)
    assert path.read_bytes() == france_services.TABLE.read_bytes()
    assert counts["sites"] == 2845
    assert counts["commune remapped"] == 3  # Orée d'Anjou's old code, Pierrefitte → Saint-Denis
    assert counts["day cells parsed"] + counts["day cells raw"] + counts["day cells empty"] == 6 * 2845
    assert counts["day cells raw"] <= 60


def test_build_rows_on_a_small_case() -> None:
    record = {
        "id_fs": "7",
        "lib_fs": "France services\tX",
        "adresse": "1 rue A",
        "complement_adresse": "",
        "code_postal": "93380",
        "insee_com": "93059",
        "lib_com": "Pierrefitte-sur-Seine",
        "latitude": "48.96",
        "longitude": "2.36",
        "mail": "a@b.fr",
        "telephone": "01 02 03 04 05",
        "h_lundi": "09:00 - 12:00 / 13:30 - 17:00",
        "h_mardi": "",
        "h_mercredi": "sur rendez-vous",
        "h_jeudi": "00:00 - 00:00 / 9h-12h",
        "h_vendredi": "",
        "h_samedi": "",
        "prise_rdv": "Oui",
        "commentaire": "",
        "type_fs": "Principal",
        "format_fs": "Fixe",
    }
    rows, counts = build_france_services.build_rows([record])
    row = dict(zip(france_services.COLUMNS, rows[0]))
    assert row["nom"] == "France services X"
    assert row["code_insee"] == "93066" and row["commune"] == "Saint-Denis"  # merged on 1 Jan 2025
    assert row["lundi"] == "09:00-12:00 13:30-17:00" and row["jeudi"] == "09:00-12:00"
    assert row["mercredi"] == "sur rendez-vous" and row["rendez_vous"] == "oui"
    assert counts["day cells raw"] == 1 and counts["commune remapped"] == 1
    with pytest.raises(ValueError):
        build_france_services.build_rows([{**record, "insee_com": "00000"}])


@pytest.mark.parametrize(
    "text, intervals",
    [
        ("09:00 - 12:00 / 13:30 - 17:00", (("09:00", "12:00"), ("13:30", "17:00"))),
        ("9h-12h et 14h à 16h30", (("09:00", "12:00"), ("14:00", "16:30"))),
        ("13:30 - 17:00 / 08:30 - 12:00", (("08:30", "12:00"), ("13:30", "17:00"))),
        ("08:30 - 11:30 / 08:30 - 11:30", (("08:30", "11:30"),)),
        ("00:00 - 00:00", ()),
        ("", ()),
    ],
)
def test_parse_day(text: str, intervals: tuple) -> None:
    hours = parse_day(text)
    assert hours.intervals == intervals and hours.raw is None
    assert parse_day(hours.stored()) == hours  # the table's form reads back the same


@pytest.mark.parametrize("text", ["sur rendez-vous", "09:00 - 16:30 / 09:00 - 11:30", "12:00 - 09:00", "25:00 - 26:00"])
def test_unreadable_hours_keep_their_text(text: str) -> None:
    assert parse_day(text) == DayHours(raw=text)


# --------------------------------------------------------------------------- places


def _place(**changes: Any) -> france_services.Place:
    base = france_services.nearest(SEDAN, limit=1)[0]
    return dataclasses.replace(base, **changes)


def test_open_on_a_day() -> None:
    week = (
        DayHours((("09:00", "12:00"),)),
        DayHours(),
        DayHours(),
        DayHours(),
        DayHours(),
        DayHours((("10:00", "12:00"),)),
        DayHours(),
    )
    place = _place(horaires=week)
    assert place.ouvert_le(MONDAY) is True
    assert place.ouvert_le(MONDAY + dt.timedelta(days=1)) is False
    assert place.prochaine_ouverture(MONDAY + dt.timedelta(days=1)) == (MONDAY + dt.timedelta(days=5), week[5])
    assert _place(horaires=(DayHours(),) * 7).ouvert_le(MONDAY) is None  # unknown, not « closed »


def test_nearest_in_sedan_and_mamoudzou() -> None:
    for code in (SEDAN, MAMOUDZOU, CAYENNE):
        places = france_services.nearest(code)
        assert len(places) == 2
        assert all(p.distance_km == 0.0 and p.code_insee == code for p in places)
        assert all(p.source == "données France services, août 2024" for p in places)


def test_nearest_is_sorted_and_prefers_fixed_sites() -> None:
    places = france_services.nearest(AURILLAC, limit=3)
    assert [p.distance_km for p in places] == sorted(p.distance_km for p in places)
    # Aurillac's only site is a bus: fixed sites 13-15 km away come first.
    assert not any(p.itinerant for p in places)
    assert places[0].distance_km <= france_services.CLOSE_KM


def test_itinerant_sites_only_when_nothing_fixed_is_close() -> None:
    """Checked against a plain computation over every commune of the Ariège: a fixed site within
    25 km of it can only be in the Ariège or a neighbouring département (31, 11, 66)."""
    fixed_sites = [
        p for p in france_services.all_places() if not p.itinerant and p.departement in ("09", "31", "11", "66")
    ]
    branches = {True: 0, False: 0}
    for commune in geo._read_tsv("communes"):
        if commune[3] != "09":
            continue
        code = commune[0]
        nearest_fixed = min(distance.distance_km(code, p.code_insee) for p in fixed_sites)
        shows_itinerant = any(p.itinerant for p in france_services.nearest(code, limit=2))
        if nearest_fixed <= france_services.CLOSE_KM:
            assert not shows_itinerant, code
        branches[shows_itinerant] += 1
    # Both cases happen: the Couserans (09) has villages 20+ km from any fixed site.
    assert branches[True] > 0 and branches[False] > 0


def test_nearest_keeps_one_site_of_the_departement_and_nothing_far() -> None:
    assert france_services.nearest("98735") == []  # Papeete: no site in Polynésie, none near
    assert france_services.nearest("97502") == []  # Saint-Pierre-et-Miquelon
    assert france_services.nearest("97701") == []  # Saint-Barthélemy: no point, no site
    assert france_services.nearest("00000") == []
    for code in ("57672", "59350", "67482", "08105"):  # border and big towns
        places = france_services.nearest(code)
        assert any(p.departement == france_services.departement_of(code) for p in places)


def test_local_today_uses_the_overseas_time_zone() -> None:
    late = dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.timezone.utc)
    assert france_services.local_today(MAMOUDZOU, late) == dt.date(2026, 12, 8)  # UTC+3
    assert france_services.local_today(SEDAN, late) == dt.date(2026, 12, 7)
    assert france_services.local_today(CAYENNE, dt.datetime(2026, 12, 8, 1, tzinfo=dt.timezone.utc)) == MONDAY


# --------------------------------------------------------------------------- wording


def test_time_and_distance_wording() -> None:
    assert place_wording.time_text("09:00") == "9 h" and place_wording.time_text("13:30") == "13 h 30"
    assert place_wording.hours_text(parse_day("09:00 - 12:00 / 13:30 - 17:00")) == "de 9 h à 12 h et de 13 h 30 à 17 h"
    assert place_wording.distance_text(0.0) == "dans votre commune"
    assert place_wording.distance_text(3.44) == "à 3,4 km"
    assert place_wording.distance_text(12.4) == "à 12 km"


def test_opening_wording() -> None:
    week = (
        DayHours((("09:00", "12:00"),)),
        DayHours(),
        DayHours((("14:00", "17:00"),)),
        DayHours(),
        DayHours(),
        DayHours(),
        DayHours(),
    )
    place = _place(horaires=week)
    assert place_wording.opening_text(place, MONDAY) == "ouvert aujourd'hui de 9 h à 12 h"
    assert (
        place_wording.opening_text(place, MONDAY + dt.timedelta(days=1))
        == "fermé aujourd'hui — ouvert demain de 14 h à 17 h"
    )
    assert (
        place_wording.opening_text(place, MONDAY + dt.timedelta(days=3))
        == "fermé aujourd'hui — ouvert lundi de 9 h à 12 h"
    )
    assert place_wording.opening_text(_place(horaires=(DayHours(),) * 7), MONDAY).startswith("horaires non indiqués")


def test_message_for_sedan_is_short_and_sourced() -> None:
    now = dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone.utc)
    text = place_wording.nearest_places_message(SEDAN, now=now)
    places = france_services.nearest(SEDAN)
    assert text.endswith("(données France services, août 2024)")
    for place in places:
        assert place.nom in text and place.telephone in text and place.adresse in text
    assert "dans votre commune" in text and "aujourd'hui" in text
    assert len(text) < 700 and max(map(len, text.splitlines())) < 110


def test_message_where_no_site_is_known_invents_nothing() -> None:
    text = place_wording.nearest_places_message("98735")
    assert "Je ne connais pas de France services" in text and "Tél." not in text
    assert place_wording.nearest_places_message(None) == place_wording.NO_COMMUNE


def test_cli_commune_shows_the_point_and_the_nearest_sites() -> None:
    from aiguillage.cli.commune import places_lines

    info = distance.point_info(SEDAN)
    lines = places_lines(SEDAN, "Sedan (08)")
    assert f"{info.latitude:.5f}, {info.longitude:.5f}" in lines[0] and "laposte" in lines[0]
    places = france_services.nearest(SEDAN)
    assert len(lines) == 1 + len(places)
    for line, place in zip(lines[1:], places):
        assert line.strip().startswith("0.0 km — ") and place.nom in line and place.telephone in line
    assert "aucune France services" in places_lines("98735", "Papeete (987)")[1]


def test_local_today_without_time_zone_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo

    def missing(key: str) -> None:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    late = dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.timezone.utc)
    assert france_services.local_today(MAMOUDZOU, late) == dt.date(2026, 12, 8)
    assert france_services.local_today(SEDAN, late) == dt.date(2026, 12, 7)
