from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.understanding import (
    french_number,
    parse_age,
    parse_besoin,
    parse_handicap,
    parse_logement,
    parse_permis,
    parse_quartier,
    parse_vehicule,
    parse_yes_no,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("words, value", [
    ("vingt-deux", 22), ("dix sept", 17), ("dix-neuf", 19), ("seize", 16), ("vingt et un", 21),
    ("trente", 30), ("soixante et onze", 71), ("quatre-vingt", 80), ("quatre vingt dix neuf", 99), ("bonjour", None),
])
def test_french_numbers(words, value):
    assert french_number(words) == value


@pytest.mark.parametrize("text, age", [
    ("jai 19 ans jhabite a vaulx en velin g pa le permi", 19),
    ("J'ai 22 ans", 22),
    ("vingt-deux ans", 22),
    ("j’ai dix sept ans", 17),
    ("17 ans et demi", 17.5),
    ("né en 2004", 22),
    ("née le 12/03/2005", 21),
    ("je suis née le 30/12/2005", 20),
    ("en fait j'ai 18 ans", 18),
])
def test_age_in_a_sentence(text, age):
    assert parse_age(text, today=TODAY).value == age


def test_bare_numbers_are_ages_only_when_the_age_was_asked():
    assert parse_age("19", expecting_age=True, today=TODAY).value == 19
    assert parse_age("vingt deux", expecting_age=True, today=TODAY).value == 22
    assert parse_age("2004", expecting_age=True, today=TODAY).value == 22
    assert parse_age("19", today=TODAY) is None
    assert parse_age("35300", expecting_age=True, today=TODAY) is None


def test_absurd_ages_are_read_so_that_validation_can_answer_kindly():
    assert parse_age("j'ai 150 ans", today=TODAY).value == 150
    assert parse_age("3 ans", today=TODAY).value == 3


@pytest.mark.parametrize("text, permis, vehicule", [
    ("g pa le permi", False, None),
    ("j'ai pas le permis", False, None),
    ("sans permis", False, None),
    ("je passe le permis en ce moment", False, None),
    ("j'ai le permis B", True, None),
    ("permis B ok", True, None),
    ("jai le permis mais pas de voiture", True, False),
    ("j'ai un scooter", None, True),
    ("je suis véhiculé", None, True),
    ("pas véhiculé", None, False),
    ("j'ai pas de voiture", None, False),
    ("je cherche du travail", None, None),
])
def test_permis_and_vehicule(text, permis, vehicule):
    assert parse_permis(text) is permis
    assert parse_vehicule(text) is vehicule


@pytest.mark.parametrize("text, logement", [
    ("je vis chez mes parents", "chez-parents"),
    ("chez ma mère", "chez-parents"),
    ("hébergé chez un pote", "heberge-tiers"),
    ("je dors chez des amis de gauche a droite", "heberge-tiers"),
    ("je suis a la rue", "sans-domicile"),
    ("sdf depuis 1 mois", "sans-domicile"),
    ("en foyer jeunes travailleurs", "foyer-fjt"),
    ("j'ai mon appart", "stable"),
    ("je cherche du boulot", None),
])
def test_logement(text, logement):
    assert parse_logement(text) == logement


@pytest.mark.parametrize("text, handicap", [
    ("j'ai la RQTH", "rqth"),
    ("je suis reconnu travailleur handicapé", "rqth"),
    ("pas de handicap", "non"),
    ("je suis dyslexique", "oui-sans-rqth"),
    ("j'ai un handicap mais pas de rqth", "oui-sans-rqth"),
    ("j'ai 19 ans", None),
])
def test_handicap(text, handicap):
    assert parse_handicap(text) == handicap


@pytest.mark.parametrize("text, besoin", [
    ("je cherche du taf", "emploi"),
    ("une alternance", "apprentissage"),
    ("je veux creer ma boite", "creation-activite"),
    ("passer le permis", "mobilite-permis"),
    ("je cherche une formation", "formation"),
    ("je cherche un logement", "logement"),
    ("je sais pas quoi faire de ma vie", "ne-sait-pas"),
    ("bonjour", None),
])
def test_besoin(text, besoin):
    assert parse_besoin(text) == besoin


def test_quartier_after_a_cue_word():
    assert parse_quartier("j'habite le quartier de la Villeneuve") == "Villeneuve"
    assert parse_quartier("à la cité des Bosquets et j'ai 19 ans") == "Bosquets"
    assert parse_quartier("j'habite à Grenoble") is None


@pytest.mark.parametrize("text, answer", [("oui", True), ("ouais", True), ("Non", False), ("nan", False), ("peut-être", None)])
def test_yes_no(text, answer):
    assert parse_yes_no(text) is answer


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parsers_never_crash_on_any_text(text):
    parse_age(text, expecting_age=True, today=TODAY)
    parse_permis(text)
    parse_vehicule(text)
    parse_logement(text)
    parse_handicap(text)
    parse_besoin(text)
    parse_quartier(text)
    parse_yes_no(text)
