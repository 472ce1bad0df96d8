"""Bad input fed to the parsers (reading.understanding) and to knowledge.geo: no failure, answers within vocabulary.

Property-based tests: every extraction and validation function, on any input a person (or a bot) can
type. Complements tests/test_understanding.py and tests/test_facts.py (which show the expected readings)
with what must hold for *all* inputs: no exception, values of the right type and range, kind answers.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from knowledge import geo
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES
from reading.understanding import (
    french_number,
    parse_age,
    parse_besoin,
    parse_diplome,
    parse_handicap,
    parse_logement,
    parse_permis,
    parse_quartier,
    parse_scolarite,
    parse_vehicule,
    parse_yes_no,
)
from tests.support.bad_input import PROPERTY, TODAY, messy_text

# --------------------------------------------------------------------------------------- understanding

_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_words(n: int, sep: str = "-") -> str:
    """A reference writer of French numbers 0–99 (« soixante et onze », « quatre-vingt-dix-neuf »)."""
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix{sep}{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        head = "soixante" if tens == 7 else f"quatre{sep}vingt"
        rest = french_words(10 + unit, sep)
        return f"{head} et onze" if n == 71 else f"{head}{sep}{rest}"
    head = (
        "quatre" + sep + "vingts"
        if tens == 8 and unit == 0
        else ("quatre" + sep + "vingt" if tens == 8 else _TENS[tens])
    )
    if unit == 0:
        return head
    if unit == 1 and tens != 8:
        return f"{head} et un"
    return f"{head}{sep}{_UNITS[unit]}"


@given(st.integers(0, 99), st.sampled_from(["-", " ", " - "]), st.sampled_from([str, str.upper, str.title]))
def test_every_french_number_up_to_99_is_read(n, sep, case):
    assert french_number(case(french_words(n, sep))) == n


@given(st.integers(2, 99), st.sampled_from(["j'ai {} ans", "{} ans", "J’AI {} ANS", "moi j ai {} ans et demi"]))
def test_ages_in_words(n, template):
    reading = parse_age(template.format(french_words(n)), today=TODAY)
    assert reading is not None and reading.value == n + (0.5 if "demi" in template else 0)


@given(st.integers(0, 999), st.sampled_from(["j'ai {} ans", "{} ans", "jai {}ans", "{} an", "g {} ans"]))
def test_ages_in_digits(n, template):
    assert parse_age(template.format(n), today=TODAY).value == n


@given(st.integers(0, 999))
def test_a_bare_number_is_an_age_only_when_asked(n):
    assert parse_age(str(n), expecting_age=True, today=TODAY).value == n
    assert parse_age(str(n), today=TODAY) is None


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["née le {}", "né le {}", "naissance {}"]),
)
def test_birth_dates(born, template):
    reading = parse_age(template.format(born.strftime("%d/%m/%Y")), today=TODAY)
    expected = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    assert reading.from_birth and reading.value == expected


@PROPERTY
@given(messy_text, st.booleans())
def test_any_age_reading_is_a_finite_number(text, expecting):
    reading = parse_age(text, expecting_age=expecting, today=TODAY)
    assert reading is None or isinstance(reading.value, (float, int)) and math.isfinite(reading.value)


@PROPERTY
@given(messy_text)
def test_parsers_answer_within_their_vocabulary(text):
    assert parse_permis(text) in (None, True, False)
    assert parse_vehicule(text) in (None, True, False)
    assert parse_yes_no(text) in (None, True, False)
    assert parse_logement(text) in (None, *LOGEMENTS)
    assert parse_handicap(text) in (None, *HANDICAPS)
    assert parse_besoin(text) in (None, *BESOINS)
    assert parse_besoin(text, expecting=True) in (None, *BESOINS)
    assert parse_scolarite(text) in (None, *SCOLARITES)
    assert parse_diplome(text) in (None, *DIPLOMES) and parse_diplome(text, expecting=True) in (None, *DIPLOMES)
    quartier = parse_quartier(text)
    assert quartier is None or (isinstance(quartier, str) and quartier.strip() and len(quartier) <= 40)


@PROPERTY
@given(messy_text)
def test_geography_never_fails(text):
    for candidates in (geo.resolve_commune(text[:80]), geo.find_communes_in_text(text)):
        assert len(candidates) <= 5
        for candidate in candidates:
            assert geo.get_commune(candidate.commune.code_insee) == candidate.commune
