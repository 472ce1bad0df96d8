"""A negated mention (« pas un apprentissage », « jveux pas X ») never sets X; the affirmed one wins."""

import pytest

from knowledge.negation import affirmed_search, negated_spans
from knowledge.sectors import find_sector
from knowledge.text import normalize
from reading.facts import read_facts
from reading.understanding import parse_besoin, parse_logement


@pytest.mark.parametrize(
    "text, word",
    [
        ("mdr jcherche un appart pas un apprentissage", "apprentissage"),
        ("jsuis pas en foyer moi", "foyer"),
        ("je ne veux pas de vente", "vente"),
        ("jveux pas creer de boite jveux du btp", "boite"),
    ],
)
def test_the_object_of_a_negation_is_in_a_negated_span(text, word):
    t = normalize(text)
    start = t.index(word)
    assert any(a <= start < b for a, b in negated_spans(t))


def test_a_clause_after_the_negation_is_affirmed():
    t = normalize("jveux pas creer de boite jveux du btp")
    assert affirmed_search(r"\bbtp\b", t) is not None
    assert affirmed_search(r"\bboite\b", t) is None


def test_not_only_is_no_negation():
    assert affirmed_search(r"\bbus\b", normalize("pas que le bus")) is not None


def test_negated_need_is_not_read_and_the_affirmed_one_wins():
    assert parse_besoin("mdr jcherche un appart pas un apprentissage") == "logement"
    assert parse_besoin("jveux pas creer de boite") is None
    assert parse_besoin("je veux pas de formation je veux du travail") == "emploi"


def test_a_need_said_with_its_negation_word_is_still_read():
    # The negation is part of what is said: « je sais pas quoi faire » is a need.
    assert parse_besoin("je sais pas quoi faire") == "ne-sait-pas"
    assert parse_logement("pas de logement") == "sans-domicile"


def test_negated_housing_is_not_read():
    assert parse_logement("jsuis pas en foyer moi") is None
    assert parse_logement("pas chez mes parents, chez un pote") == "heberge-tiers"


def test_negated_sector_is_not_read():
    assert find_sector("je veux faire du social pas de la vente") != "vente"
    assert find_sector("je veux pas de vente, plutot le btp") == "batiment"


def test_negating_the_known_need_clears_it_so_it_is_asked_again():
    result = read_facts("jveux pas creer de boite jveux du btp", intent="inform", known={"besoin": "creation-activite"})
    assert "besoin" in result.slots and result.slots["besoin"] is None


def test_negating_another_need_keeps_the_known_one():
    result = read_facts("pas d apprentissage", intent="inform", known={"besoin": "emploi"})
    assert "besoin" not in result.slots


def test_negating_the_known_housing_clears_it():
    result = read_facts(
        "jsuis pas en foyer moi", intent="inform", requested_slot="permis", known={"logement": "foyer-fjt"}
    )
    assert result.slots.get("logement", "unset") is None


@pytest.mark.parametrize(
    "text, besoin",
    [
        ("je trouve pas de boulot", "emploi"),
        ("j'ai pas de travail", "emploi"),
        ("j'arrive pas à trouver un logement", "logement"),
    ],
)
def test_a_lack_is_not_a_refusal(text, besoin):
    assert parse_besoin(text) == besoin
