"""Play-test F and the session-6 last read (notes/playtest-F.md, notes/session6-note.md): facts of a first message
asked again, English answers, a trade denied then another wished, a status held that is no place, creating one's
activity, a fact given while another question was asked (said back, the question asked again)."""

from datetime import date

import pytest

from knowledge.sectors import find_sector, read_sector
from orientation.wording import out_of_turn_sentence
from reading.age import parse_age
from reading.facts import read_facts
from reading.understanding import (
    parse_besoin,
    parse_diplome,
    parse_logement,
    parse_permis,
    parse_vehicule,
    says_dont_know,
)
from tests.support.reading import reader_test

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("text", ["une jeune maman de 20 ans", "c pour une maman de 20 ans", "un jeune papa de 20 ans"])
def test_a_young_parent_of_n_years_is_an_age(text):
    reading = parse_age(text, today=TODAY)
    assert reading is not None and reading.value == 20


def test_a_mother_of_a_child_of_n_months_is_no_age():
    assert parse_age("maman d'un bébé de 8 mois", today=TODAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "j'ai le permis + une caisse",
        "permis + caisse",
        "oui jai le permis et une bagnole",
        "il a un CAP cuisine, permis et voiture",
        "g le permis et un scoot",
    ],
)
def test_licence_and_vehicle_said_together(text):
    assert parse_permis(text) is True
    assert parse_vehicule(text) is True


@pytest.mark.parametrize("text", ["je veux le permis et une voiture", "jaimerais avoir le permis et une voiture"])
def test_a_licence_and_vehicle_wished_are_not_held(text):
    assert parse_vehicule(text) is not True and parse_permis(text) is not True


def test_a_licence_and_vehicle_denied_together_stay_denied():
    assert parse_permis("pas de permis et pas de voiture") is False
    assert parse_vehicule("pas de permis et pas de voiture") is False


# What a first message says, reader by reader (the one test of tests/support/reading.py).
READS = {
    # The car licence is no car.
    parse_vehicule: [("j'ai le permis voiture", None), ("le permis B", None)],
    parse_diplome: [
        # Diplomas said in a first message.
        ("j'ai une RQTH (trouble bipolaire stabilisé) et un BTS SIO. Je cherche un emploi", "superieur"),
        ("Je teste pour une jeune maman de 20 ans, au RSA, CAP petite enfance, pas de permis.", "cap-bep"),
        ("i dont have any diploma", "aucun"),
        ("i don't have a diploma", "aucun"),
        ("no diploma", "aucun"),
        ("jai lacher la fac en L2", "bac"),
        # A diploma wished for is not held.
        ("je veux passer un CAP petite enfance", None),
        ("je cherche, un cap cuisine", None),
    ],
    # English answers.
    says_dont_know: [("i dont know", True), ("I don't know", True), ("idk", True), ("dunno", True)],
    parse_logement: [
        ("I live with my parents", "chez-parents"),
        ("i live with my mom", "chez-parents"),
        ("at my parents", "chez-parents"),
    ],
}

test_a_first_message_reader_by_reader = reader_test(READS)


@pytest.mark.parametrize("text", ["la vente jaime pas, plutot la logistique", "pas la vente, la logistique"])
def test_a_trade_denied_then_another_wished(text):
    assert find_sector(text) == "logistique-transport"
    # The model may tag « vente »: a trade the words deny is not taken from the entity.
    assert read_sector(text, [{"entity": "secteur", "value": "vente"}]) == "logistique-transport"


def test_an_entity_the_words_deny_is_dropped():
    assert read_sector("pas la vente", [{"entity": "secteur", "value": "vente"}]) is None


def test_the_trade_being_learnt_counts_the_one_held_not():
    assert find_sector("jsuis en cap maçon en alternance ca change qqch ?") == "batiment"
    assert find_sector("j'ai un cap cuisine") is None


def test_a_status_held_is_no_place_and_no_need():
    facts = read_facts(
        "jsuis en cap maçon en alternance ca change qqch ?",
        intent="inform",
        known={"age": 18, "code_insee": "76575", "besoin": "mobilite-permis"},
        today=TODAY,
    )
    assert facts.slots == {"scolarite": "scolarise"}


@pytest.mark.parametrize(
    "text",
    [
        "il veut créer son food truck",
        "jveux lancer mon food truck",
        "créer ma boite",
        "monter sa boîte",
        "créer mon activité",
    ],
)
def test_creating_ones_activity(text):
    assert parse_besoin(text, expecting=True) == "creation-activite"


def test_a_food_truck_is_a_restaurant_trade():
    assert find_sector("jveux lancer mon food truck") == "restauration"


@pytest.mark.parametrize(
    "text, slots",
    [
        ("chez un pote", {"logement": "heberge-tiers"}),
        ("cap cuisine", {"diplome": "cap-bep"}),
        ("jai un bac+2", {"diplome": "superieur"}),
    ],
)
def test_a_fact_given_while_the_handicap_is_asked_is_kept(text, slots):
    facts = read_facts(text, intent="inform", requested_slot="handicap", known={"age": 22}, today=TODAY)
    assert facts.slots == slots and facts.rejected is None


def test_a_bare_diploma_answering_the_need_question_is_still_the_need():
    facts = read_facts("cap cuisine", intent="inform", requested_slot="besoin", today=TODAY)
    assert facts.slots.get("besoin") == "formation" and "diplome" not in facts.slots


def test_a_fact_out_of_turn_is_said_back():
    sentence = out_of_turn_sentence("handicap", {}, {"logement": "heberge-tiers"})
    assert sentence == "C'est noté : vous êtes hébergé·e par un proche."
    assert out_of_turn_sentence("handicap", {}, {"diplome": "cap-bep"}) == "C'est noté : CAP ou BEP."


@pytest.mark.parametrize(
    "asked, before, after",
    [
        ("handicap", {}, {"handicap": False, "rqth": False}),  # the question answered
        ("logement", {}, {"logement": "heberge-tiers", "age": 20}),  # answered, with more: nothing to re-ask
        (None, {}, {"logement": "heberge-tiers"}),  # no question pending
        ("handicap", {"logement": "stable"}, {"logement": "heberge-tiers"}),  # a change: the correction says it
        ("commune", {}, {"commune_candidates": ["26362", "26281"]}),  # homonyms offered answer the commune
        ("diplome", {}, {"scolarite": "scolarise"}),  # the schooling drops the diploma question
    ],
)
def test_nothing_said_out_of_turn(asked, before, after):
    assert out_of_turn_sentence(asked, before, after) is None


def test_a_diploma_word_after_en_is_no_place():
    from knowledge import geo

    # « en cap » read as Cap-d'Ail / Cap d'Astarac, « maçon » as Mâcon (round D, play-test D d14)
    assert geo.find_communes_in_text("jsuis en cap") == []
    facts = read_facts("jsuis en cap maçon en alternance ca change qqch ?", intent="inform", known={"age": 18})
    assert "commune_candidates" not in facts.slots and facts.slots.get("scolarite") == "scolarise"
    assert [c.commune.code_insee for c in geo.find_communes_in_text("j'habite à Cap-d'Ail")][:1] == ["06032"]
