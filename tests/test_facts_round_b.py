"""Answers of play-test round B against the running bot (the diploma asked last, after the results for some needs)."""

from datetime import date

import pytest

from reading.facts import read_facts
from reading.understanding import parse_besoin

TODAY = date(2026, 12, 7)


def facts(text, **kwargs):
    kwargs.setdefault("intent", "inform")
    return read_facts(text, today=TODAY, **kwargs)


@pytest.mark.parametrize(
    ("text", "diplome"),
    [
        ("cap cuisine", "cap-bep"),
        ("bac pro", "bac"),
        ("bac+2", "superieur"),
        ("un bts compta", "superieur"),
        ("bep", "cap-bep"),
    ],
)
@pytest.mark.parametrize("besoin", ["logement", "mobilite-permis", "creation-activite"])
def test_a_diploma_typed_after_the_results_is_the_diploma_not_a_need(text, diplome, besoin):
    result = facts(text, requested_slot=None, known={"besoin": besoin})
    assert result.slots == {"diplome": diplome}  # the need is kept


@pytest.mark.parametrize("text", ["je veux passer un CAP", "je voudrais préparer un bac pro", "faire un bts"])
def test_a_diploma_with_a_wish_verb_is_a_need(text):
    assert facts(text, requested_slot=None).slots.get("besoin") == "formation"


def test_a_diploma_answering_the_need_question_is_the_need():
    assert parse_besoin("un bac pro", expecting=True, asked=True) == "formation"
    assert parse_besoin("un bac pro", expecting=True) is None


@pytest.mark.parametrize("text", ["parents", "🏠 parents", "mes parents", "chez mes darons", "avec ma mère", "famille"])
def test_family_alone_answers_the_housing_question(text):
    assert facts(text, requested_slot="logement").slots == {"logement": "chez-parents"}


def test_family_alone_is_no_housing_when_another_question_is_asked():
    assert "logement" not in facts("parents", requested_slot="besoin").slots


@pytest.mark.parametrize("text", ["le permis", "ben le permis", "permis", "bah le code", "euh le permis svp"])
def test_the_licence_alone_answers_the_need_question(text):
    result = facts(text, requested_slot="besoin")
    assert result.slots == {"besoin": "mobilite-permis"}  # the need, not « has the licence »


@pytest.mark.parametrize("text", ["aprantisage", "apprentisage", "aprentisage", "aprentissage"])
def test_apprentissage_misspelt_at_the_need_question(text):
    assert facts(text, requested_slot="besoin").slots == {"besoin": "apprentissage"}


@pytest.mark.parametrize("word", ["entrainement", "environnement", "enseignement"])
def test_long_words_are_not_guessed_as_needs(word):
    assert parse_besoin(word, expecting=True) is None


@pytest.mark.parametrize(
    "text", ["a le permis et une voiture", "oui j'ai le permis et une voiture", "oui a le permis et une voiture"]
)
@pytest.mark.parametrize("intent", ["inform", "affirm", "nlu_fallback"])
def test_licence_and_car_in_one_answer(text, intent):
    result = facts(text, requested_slot="permis", intent=intent)
    assert result.slots == {"permis": True, "vehicule": True} and result.rejected is None


@pytest.mark.parametrize("text", ["jai rien", "j'ai rien", "c tout", "c'est tout", "g rien", "rien du tout"])
def test_nothing_at_the_diploma_question(text):
    assert facts(text, requested_slot="diplome").slots == {"diplome": "aucun"}


@pytest.mark.parametrize("text", ["en terminale", "en 1ère", "en seconde", "encore au lycée", "en bac pro"])
def test_a_class_at_the_diploma_question_is_still_at_school(text):
    # Still at school: the diploma is below that class, not asked again (orientation.wording.asks_diplome).
    assert facts(text, requested_slot="diplome").slots == {"scolarite": "scolarise"}


@pytest.mark.parametrize(
    ("text", "asked", "code"),
    [
        ("jsuis dans le 18eme a paris", None, "75118"),
        ("j'habite le 3e arrondissement de lyon", None, "69383"),
        ("dans le 1er a marseille", None, "13201"),
        ("18e arrondissement", "commune", "75118"),
        ("le 20e", "commune", "75120"),
    ],
)
def test_an_arrondissement_said_with_or_without_its_city(text, asked, code):
    assert facts(text, requested_slot=asked).slots["code_insee"] == code


def test_a_rank_shared_by_three_cities_is_asked_unless_the_departement_is_known():
    assert len(facts("8e arrondissement", requested_slot="commune").slots["commune_candidates"]) == 3
    known = {"departement": "13"}
    assert facts("8e arrondissement", requested_slot="commune", known=known).slots["code_insee"] == "13208"


@pytest.mark.parametrize("text", ["je suis en 3e a paris", "jsuis en 2e année à lyon"])
def test_a_class_is_no_arrondissement(text):
    assert facts(text).slots["code_insee"] in ("75056", "69123")


# Bellevue (Nantes) and Frais-Vallon are in the official list of QPV (knowledge/data/geo/qpv.tsv): QPV = oui.
# L'Alma and la Paillade lie in QPV named otherwise (« Nouveau Roubaix », « Mosson »): the QPV stays unknown.
@pytest.mark.parametrize(
    ("text", "code", "quartier", "qpv"),
    [
        ("bellevue", "44109", "bellevue", True),
        ("l'Alma", "59512", "l'Alma", None),
        ("l’Alma", "59512", "l'Alma", None),
        ("Frais-Vallon", "13055", "Frais-Vallon", True),
        ("la Paillade", "34172", "la Paillade", None),
    ],
)
def test_a_quartier_named_alone_at_the_qpv_question(text, code, quartier, qpv):
    expected = {"quartier": quartier, **({"qpv": qpv} if qpv is not None else {})}
    assert facts(text, requested_slot="qpv", known={"code_insee": code}).slots == expected


@pytest.mark.parametrize(("text", "quartier"), [("oui, Étouvie", "Étouvie"), ("ouais c'est Bellevue", "Bellevue")])
@pytest.mark.parametrize("intent", ["affirm", "inform"])
def test_yes_and_the_quartier_are_both_kept(text, quartier, intent):
    result = facts(text, requested_slot="qpv", intent=intent, known={"code_insee": "80021"})
    assert result.slots == {"qpv": True, "quartier": quartier}


@pytest.mark.parametrize("text", ["oui je crois", "oui merci", "oui amiens"])
def test_yes_followed_by_no_name_keeps_only_the_yes(text):
    assert facts(text, requested_slot="qpv", intent="affirm", known={"code_insee": "80021"}).slots == {"qpv": True}


@pytest.mark.parametrize("text", ["13", "26", "75"])
def test_a_bare_number_at_the_commune_question_is_a_departement_not_an_arrondissement(text):
    """Issue 16: while the commune is asked, a 2–3 digit number is a département (« 13 » is not Paris 13e)."""
    slots = read_facts(text=text, intent="inform", requested_slot="commune", known={"attempts": {"commune": 2}}).slots
    assert slots.get("departement") == text and not slots.get("commune_candidates")
