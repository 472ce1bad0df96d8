"""Play-test E misreadings (notes/playtest-E.md): an objection is no change of need, a motorbike licence is not
the car licence (permis B) the `permis` slot means."""

from datetime import date

import pytest

from reading.facts import read_facts
from reading.understanding import parse_besoin, parse_permis, parse_vehicule

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "pourquoi france travail ? jsuis au lycée moi",
        "pourquoi france travail",
        "pk l'apprentissage ?",
        "pourquoi le service civique ? cest payé ?",
    ],
)
def test_a_why_question_names_no_need(text):
    assert parse_besoin(text, expecting=True) is None


def test_a_need_said_after_the_why_question_is_read():
    assert parse_besoin("Pourquoi le 1 ? moi je veux une formation, pas un emploi", expecting=True) == "formation"


def test_the_objection_of_a_pupil_sets_the_schooling_not_the_need():
    facts = read_facts("pourquoi france travail ? jsuis au lycée moi", intent="inform", today=TODAY)
    assert facts.slots == {"scolarite": "scolarise"}


@pytest.mark.parametrize(
    "text, asked",
    [
        ("Non, il a seulement le permis A pour sa moto", "permis"),
        ("Erreur : il n'a PAS le permis B, seulement le permis moto", None),
        ("j'ai juste le permis AM", None),
        ("seulement le BSR pour mon scooter", None),
        ("le permis A", "permis"),
        ("que le permis moto", "permis"),
    ],
)
def test_a_motorbike_licence_alone_is_no_car_licence(text, asked):
    facts = read_facts(text, intent="inform", requested_slot=asked, today=TODAY)
    assert facts.slots.get("permis") is False


@pytest.mark.parametrize(
    "text",
    ["j'ai le permis B", "oui j'ai le permis", "j'ai le permis A et B", "j'ai le permis moto et le permis B"],
)
def test_the_car_licence_is_still_read(text):
    assert parse_permis(text) is True


@pytest.mark.parametrize(
    "text", ["cest quoi le permis a 1 euro ?", "je veux passer le permis a 17 ans", "le permis a un euro par jour"]
)
def test_the_permis_a_un_euro_is_no_motorbike_licence(text):
    assert parse_permis(text) in (None, False)
    assert parse_permis(text) is not True


def test_a_motorbike_is_a_vehicle_though():
    assert parse_vehicule("Non, il a seulement le permis A pour sa moto") is True


def test_the_car_jaune_is_a_bus():
    facts = read_facts("Non, pas de permis, je prends le car jaune", intent="inform", requested_slot="permis")
    assert facts.slots == {"permis": False, "vehicule": False}


def test_only_a_motorbike_licence_without_a_comma():
    assert parse_permis("non il a seulement le permis A pour sa moto") is False
    assert parse_permis("non j'ai pas le permis moto") is None  # the car licence is not said
