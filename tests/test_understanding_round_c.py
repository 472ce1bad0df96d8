"""Misreadings left from live play-test round C (issue 16, session 6), each written to fail before its fix."""

from datetime import date

import pytest

from knowledge import geo
from knowledge.sectors import find_sector
from reading.facts import read_facts
from reading.interlocutor import interlocutor
from tests.support.reading import reader_test

TODAY = date(2026, 12, 7)


def facts(text, **kwargs):
    kwargs.setdefault("intent", "inform")
    return read_facts(text, today=TODAY, **kwargs)


# --- 1. a conseiller typing in the third person ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "il a 19 ans",
        "elle habite chez ses parents",
        "bonjour, mon jeune cherche une formation",
        "ma jeune a 17 ans",
        "je suis conseillère mission locale",
        "Je suis conseiller en insertion, je teste pour un jeune",
        "la personne que j'accompagne a 20 ans",
        "elle a pas le permis",
        "il est en foyer",
        "elle a une RQTH",
        "22 ans, je vous l'ai dit. C'est pour une jeune, pas pour moi.",  # play-test E e20
    ],
)
def test_a_conseiller_is_recognised(text):
    assert interlocutor(text) == "conseiller"
    assert facts(text).interlocuteur == "conseiller"


@pytest.mark.parametrize(
    "text",
    [
        "j'ai 19 ans",
        "il y a une mission locale à Lyon ?",
        "elle est où la mission locale",
        "ma mère a une voiture",
        "je cherche un conseiller",
        "mon conseiller m'a dit de venir ici",
        "jsuis chez mes parents",
        # play-test E e09, a 16-year-old lycéen: no cue (his recap said « chez ses parents » by its label)
        "chez mes parents, je suis en terminale",
        "pourquoi france travail ? jsuis au lycée moi",
        "la vente c'est pas pour moi",
        "",
    ],
)
def test_a_young_person_is_not_taken_for_a_conseiller(text):
    assert interlocutor(text) != "conseiller"
    assert facts(text).interlocuteur is None


def test_a_person_saying_it_is_for_themselves_is_the_young_person():
    assert interlocutor("non c'est pour moi, j'ai 19 ans") == "jeune"


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("il a 19 ans", None, {"age": 19}),
        ("elle a pas le permis", None, {"permis": False}),
        ("chez ses parents", "logement", {"logement": "chez-parents"}),
        ("il est en foyer", None, {"logement": "foyer-fjt"}),
        ("elle a une RQTH", None, {"handicap": True, "rqth": True}),
    ],
)
def test_third_person_facts_are_read(text, asked, expected):
    got = facts(text, requested_slot=asked).slots
    assert {k: got.get(k) for k in expected} == expected


# --- 3. a QPV stated in a sentence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "j'habite dans un quartier prioritaire",
        "je vis dans une cité QPV",
        "bonjour j'ai 20 ans je vis à Amiens dans un quartier prioritaire et je cherche un emploi",
        "il habite en QPV",
        "jsuis dans un quartier politique de la ville",
    ],
)
def test_a_qpv_said_in_any_message_is_kept_and_is_no_quartier_name(text):
    got = facts(text).slots
    assert got.get("qpv") is True
    assert got.get("quartier") is None


@pytest.mark.parametrize("text", ["je suis pas dans un quartier prioritaire", "pas en QPV"])
def test_a_qpv_denied_is_no(text):
    assert facts(text).slots.get("qpv") is False


def test_not_knowing_whether_it_is_a_qpv_is_a_dont_know():
    got = facts("jsais pas si c'est un qpv", requested_slot="qpv", known={"code_insee": "80021"})
    assert got.skipped == ["qpv"] and got.unknown == ["qpv"] and "qpv" not in got.slots


def test_a_named_quartier_is_still_a_quartier():
    assert facts("j'habite le quartier Bellevue à Nantes").slots.get("quartier") == "Bellevue"


# --- 4. « aix » in an opener -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["19 ans sur aix je cherche un taf", "j'habite a aix", "jsuis sur aix"])
def test_aix_in_a_sentence_offers_the_aix(text):
    got = facts(text).slots
    assert got.get("code_insee") is None
    offered = got.get("commune_candidates") or []
    assert "13001" in offered and "73008" in offered  # Aix-en-Provence, Aix-les-Bains


@pytest.mark.parametrize(
    "text",
    ["je suis au bar", "je suis dans le bois", "j'habite au chateau", "je suis au salon", "on est sur le port"],
)
def test_common_words_short_of_a_smaller_town_stay_no_commune(text):
    assert geo.choose(geo.find_communes_in_text(text)).empty


# --- 5. a diploma not obtained ---------------------------------------------------------------------------------


def diploma_answered(text):
    """The diploma read from an answer to « Quel est votre diplôme le plus élevé ? »."""
    return facts(text, requested_slot="diplome").slots.get("diplome")


def diploma_in_a_sentence(text):
    return facts(text).slots.get("diplome")


test_a_diploma_failed_is_not_held = reader_test(
    {
        diploma_answered: [
            ("niveau CAP non validé", "aucun"),
            ("j'ai raté mon bac", "aucun"),
            ("j'ai pas eu le bac", "aucun"),
            ("CAP pas fini", "aucun"),
            ("j'ai un CAP mais j'ai raté mon bac pro", "cap-bep"),
            ("jai loupé mon bts", "bac"),
        ],
        diploma_in_a_sentence: [("bonjour j'ai 20 ans, j'ai raté mon bac, je cherche un emploi", "aucun")],
    }
)
test_a_diploma_obtained_is_still_held = reader_test(
    {diploma_answered: [("j'ai eu mon bac", "bac"), ("cap validé", "cap-bep"), ("jai le bac pas eu le permis", "bac")]}
)


# --- 6. the trade not wished ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "la vente jaime pas, plutot la logistique",
        "pas la vente, la logistique",
        "la vente j'aime pas trop, plutôt la logistique",
        "la vente c'est pas pour moi, la logistique oui",
    ],
)
def test_the_trade_disliked_is_not_the_wish(text):
    assert find_sector(text) == "logistique-transport"


@pytest.mark.parametrize(("text", "sector"), [("la vente", "vente"), ("j'aime la vente", "vente")])
def test_a_trade_liked_is_still_read(text, sector):
    assert find_sector(text) == sector
