"""The official list of QPV (knowledge/data/geo/qpv.tsv, ANCT 2024) and how a quartier named by the person is
matched to it (knowledge/geo/qpv.py, reading/quartier.py): play-test D, issue #16."""

import re

import pytest

from knowledge import geo
from knowledge.geo.index import DATA_DIR, _read_tsv
from knowledge.geo.qpv import official_qpv
from reading.facts import read_facts

MARSEILLE_13, LYON_8, LILLE, ABYMES, SAINT_DENIS_93 = "13213", "69388", "59350", "97101", "93066"
TOULOUSE, CORBEIL, SAINT_DENIS_974, MONTPELLIER, ROUBAIX = "31555", "91174", "97411", "34172", "59512"


def test_the_table_is_the_whole_official_list_with_its_source():
    header = (DATA_DIR / "qpv.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "ANCT" in header and "Licence Ouverte" in header and "data.gouv.fr" in header
    rows = _read_tsv("qpv")
    assert len(rows) == 1584  # 1,584 QPV 2024, métropole and outre-mer
    assert len({code for code, _, _ in rows}) == len(rows)
    for code, name, communes in rows:
        assert re.fullmatch(r"QN(?:\d{3}|02[AB])\d{2}[A-Z]", code), code  # département on 3: 013, 974, 02A
        assert name.strip() == name and name
        assert all(geo.get_commune(insee) is not None for insee in communes.split(",")), (code, communes)


@pytest.mark.parametrize(
    "quartier, code, official",
    [
        ("frais vallon", MARSEILLE_13, "Frais Vallon"),  # an arrondissement counts as its city
        ("Mermoz", LYON_8, "Mermoz"),
        ("Lille Sud", LILLE, "Secteur Sud"),  # the commune's own name is no distinctive word
        ("boissard", ABYMES, "Boissard-Morne Flory"),
        ("franc moisin", SAINT_DENIS_93, "Franc Moisin - Cosmonautes - Cristino Garcia - Landy"),
        ("les tarterets", CORBEIL, "Les Tarterêts"),  # accents aside
        ("le mirail", TOULOUSE, "Grand Mirail"),  # a short form
        ("Camélias", SAINT_DENIS_974, "Les Camélias"),
    ],
)
def test_a_listed_quartier_of_the_commune_is_a_qpv(quartier, code, official):
    found = official_qpv(quartier, code)
    assert found is not None and found.nom == official


@pytest.mark.parametrize(
    "quartier, code",
    [
        ("la Paillade", MONTPELLIER),  # inside « Mosson », not named so: asked, never guessed
        ("l'Alma", ROUBAIX),
        ("Frais Vallon", LILLE),  # a QPV of another commune
        ("sud", "06088"),  # a generic word matches only a whole name
        ("centre", TOULOUSE),
        ("quartier", LILLE),
        ("Lille", LILLE),
        ("", LILLE),
        ("Mermoz", None),
    ],
)
def test_no_qpv_is_guessed(quartier, code):
    assert official_qpv(quartier, code) is None


def test_the_qpv_found_is_said_back_with_its_source():
    result = read_facts("les tarterets", intent="inform", requested_slot="qpv", known={"code_insee": CORBEIL})
    assert result.slots.get("qpv") is True
    assert any("d'après la liste officielle des QPV" in note for note in result.notes)


def test_a_quartier_not_listed_leaves_the_qpv_unknown():
    result = read_facts("la Paillade", intent="inform", requested_slot="qpv", known={"code_insee": MONTPELLIER})
    assert result.slots == {"quartier": "la Paillade"} and not result.notes


def test_a_qpv_already_answered_is_not_changed():
    result = read_facts("la Paillade", intent="inform", known={"code_insee": LILLE, "qpv": False})
    assert "qpv" not in result.slots
    no = read_facts("non", intent="deny", requested_slot="qpv", known={"code_insee": CORBEIL, "quartier": "tarterets"})
    assert no.slots == {"qpv": False}


def test_the_commune_given_after_the_quartier_finds_the_qpv():
    result = read_facts("j'habite à Corbeil-Essonnes", intent="inform", known={"quartier": "les tarterets"})
    assert result.slots.get("code_insee") == CORBEIL and result.slots.get("qpv") is True
