"""Tests for knowledge.geo.find_communes_in_text: communes found inside a whole sentence."""

from __future__ import annotations

import pytest

from knowledge import geo
from tests.support.geo import FOUGERES, LYON, PARIS, SAINT_DENIS_93, SAINT_DENIS_974, VAULX_EN_VELIN, codes, top_codes

# --------------------------------------------------------------------------- find_communes_in_text


@pytest.mark.parametrize(
    "text, code",
    [
        ("jai 19 ans jhabite a vaulx en velin g pa le permi", VAULX_EN_VELIN),
        ("j'habite à Lyon", LYON),
        ("je suis de fougeres", FOUGERES),
        ("35300", FOUGERES),
        ("mon cp c'est 69120", VAULX_EN_VELIN),
        ("je suis à la rochelle depuis 2 ans", "17300"),
        ("je vis au havre", "76351"),
        ("je cherche un stage à Grenoble", "38185"),
        ("Villeurbanne", "69266"),  # a bare name of 5+ letters is enough
        ("je bosse à Metz", "57463"),  # short name after a cue
        ("je suis sur paris", PARIS),  # common word (« paris ») but big city after a cue
        ("j'habite à Orange", "84087"),  # common word after a strong cue, town > 10,000
        ("je suis de tours", "37261"),
        ("je vis a marseille 13eme", "13213"),
        ("paris 18", "75118"),
        ("j'habite à Vitry", "94081"),  # short form of a compound name, after a strong cue
    ],
)
def test_find_in_text(text: str, code: str) -> None:
    found = geo.find_communes_in_text(text)
    assert found and found[0].commune.code_insee == code, [c.commune.label for c in found]


def test_find_prefers_longest_match() -> None:
    found = geo.find_communes_in_text("j'habite à Vaulx-en-Velin")
    assert codes(found) == [VAULX_EN_VELIN] and found[0].matched == "vaulx en velin"


def test_find_homonyms_and_qualifiers() -> None:
    assert {SAINT_DENIS_93, SAINT_DENIS_974} <= top_codes(geo.find_communes_in_text("j'habite a saint denis"))
    assert codes(geo.find_communes_in_text("jhabite a saint denis dans le 93")) == [SAINT_DENIS_93]
    assert codes(geo.find_communes_in_text("je vis a st denis 974")) == [SAINT_DENIS_974]
    assert codes(geo.find_communes_in_text("je suis à Saint-Denis (93)")) == [SAINT_DENIS_93]


def test_find_corrects_typos_only_after_a_strong_cue() -> None:
    assert geo.find_communes_in_text("jhabite vaux en velin")[0].commune.code_insee == VAULX_EN_VELIN
    assert geo.find_communes_in_text("j'habite a montpelier depuis 2 ans")[0].commune.code_insee == "34172"
    assert FOUGERES in codes(geo.find_communes_in_text("je suis de fougere"))
    assert geo.find_communes_in_text("vaux en velin c'est loin") == []


@pytest.mark.parametrize(
    "text",
    [
        "je sais pas",
        "pas le permis",
        "g pa le permi",
        "il y a eu un souci",
        "oo",
        "trop bien",
        "je suis de bonne humeur",
        "mon forfait orange",
        "j'ai fait 3 tours",
        "je gagne 35000 € par an",
        "35000 euros brut",
        "jhabite chez ma mere",
        "j'habite en ville",
        "jhabite a la campagne",
        "je suis en bus",
        "je viens de finir mes études",
        "bonjour je m'appelle Nancy",
        "je cherche une formation",
        "je vais à la mer",
        "la Villeneuve",  # a bare hamlet name: rather a quartier (Grenoble)
        "",
    ],
)
def test_find_rejects_common_words(text: str) -> None:
    assert geo.find_communes_in_text(text) == [], [c.commune.label for c in geo.find_communes_in_text(text)]


def test_find_where_the_person_lives_over_where_they_were_born() -> None:
    assert codes(geo.find_communes_in_text("je suis né à Rennes mais j'habite à Nantes")) == ["44109"]


def test_find_several_mentions_of_equal_weight_keep_text_order() -> None:
    found = geo.find_communes_in_text("entre Rennes et Nantes")
    assert codes(found)[:2] == ["35238", "44109"]


@pytest.mark.parametrize(
    "text, wrong",
    [("non celui du pas de calais, montreuil sur mer", "62193"), ("dans le pas de calais a arras", "62193")],
)
def test_a_departement_s_name_is_not_read_as_the_commune_inside_it(text, wrong):
    """Round C: « celui du pas de calais » answered « Habite à Calais »."""
    assert wrong not in {c.commune.code_insee for c in geo.find_communes_in_text(text)}
