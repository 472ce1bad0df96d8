"""Places misread in live play-test F (issue 16, notes/playtest-F.md f01, f08, f09 and the lead's conversations):
a commune with its article and hyphens typed loosely, « à pied » read as Pied-de-Borne, a quartier after the commune
in an SMS without commas, an unsure yes at a yes/no question, a misspelt city with its arrondissement."""

from __future__ import annotations

import re

import pytest

from knowledge import geo
from knowledge.geo.index import _geo
from knowledge.geo.quartiers import find_quartier, quartier_after_commune, quartier_answer
from reading.facts import read_facts
from reading.understanding import UNSURE_NOTE, says_unsure


def _codes(text: str) -> set:
    return {c.commune.code_insee for c in geo.find_communes_in_text(text)}


def _answer_codes(text: str) -> set:
    choice = geo.read_answer(text)
    return {c.code_insee for c in ((choice.commune,) if choice.commune else choice.candidates)}


# ----------------------------------------------------------------- article and hyphens, generalised


def _article_communes():
    """Every commune of 3,000 people or more whose official name starts with an article and has a hyphen."""
    return [
        c
        for c in _geo().communes
        if c.type == "COM" and re.match(r"(?:Le |La |Les |L')", c.nom) and "-" in c.nom and (c.population or 0) >= 3000
    ]


def _variants(name: str):
    low = name.lower()
    return (
        name,
        low.replace("-", " ").replace("'", " "),
        re.sub(r"^(?:le |la |les |l')", "", low),
        low.replace("-", " ", 1),
    )


def test_there_are_enough_article_names_to_generalise():
    assert len(_article_communes()) > 100


@pytest.mark.parametrize("mode", ["answer", "sentence"])
def test_every_article_name_resolves_with_hyphens_as_spaces_or_without_its_article(mode):
    missed = []
    for commune in _article_communes():
        for variant in _variants(commune.nom):
            found = _answer_codes(variant) if mode == "answer" else _codes(f"j'habite a {variant}")
            if commune.code_insee not in found:
                missed.append((variant, commune.code_insee))
    assert missed == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("le malzieu ville jlai dit", "48090"),
        ("jte dis le malzieu ville", "48090"),
        ("ben je te l'ai dit le malzieu ville", "48090"),
        ("les sables d olonne je te l'ai dit", "85194"),
        ("malzieu-ville", "48090"),
    ],
)
def test_a_commune_said_again_with_jlai_dit_is_read(text, code):
    choice = geo.read_answer(text)
    assert choice.commune is not None and choice.commune.code_insee == code


def test_a_name_starting_like_a_quartier_cue_is_the_commune():
    """« j'habite à la Roche sur Yon » is La Roche-sur-Yon, not the quartier « Roche »."""
    assert find_quartier("jhabite a la roche sur yon") is None
    assert find_quartier("j'habite à la Villeneuve à Grenoble")[0] == "Villeneuve"
    assert read_facts("jhabite a la roche sur yon", intent="inform").slots["code_insee"] == "85191"


# ----------------------------------------------------------------- ways of moving are no places

MOVING = [
    "nan rien jsuis a pied",
    "je vais partout a pied",
    "jsuis a velo",
    "je me deplace a moto",
    "jhabite juste a cote",
    "je suis a la maison",
    "jsuis a fond dans la recherche",
    "j'arrive a l'heure",
    "je suis a l'aise",
    "je bosse a mi temps",
    "je viens en bus",
    "en fait jsuis au chomage",
    "jsuis a la recherche d'un taf",
]
ORDINARY = ["alors", "mais", "plus", "tout", "bon", "rien", "juste", "j'en peux plus", "pied", "velo", "a fond"]


@pytest.mark.parametrize("text", MOVING + ORDINARY)
def test_no_commune_in_a_way_of_moving_or_an_ordinary_word(text):
    assert _codes(text) == set()
    slots = read_facts(text, intent="inform").slots
    assert not slots.get("code_insee") and not slots.get("commune_candidates")


@pytest.mark.parametrize("text", ["a pied", "jsuis a pied", "a velo", "a cote"])
def test_a_way_of_moving_answering_the_commune_question_is_no_commune(text):
    assert geo.read_answer(text).empty


def test_a_pied_answering_the_vehicle_question_is_no_vehicle_and_no_commune():
    slots = read_facts("nan rien jsuis a pied", intent="inform", requested_slot="vehicule", known={"age": 18}).slots
    assert slots == {"vehicule": False}


@pytest.mark.parametrize(("text", "code"), [("j'habite a cote de Lille", "59350"), ("jhabite pres de lille", "59350")])
def test_a_place_after_a_way_of_saying_near_is_still_read(text, code):
    assert code in _codes(text)


def test_a_commune_named_like_a_way_of_moving_stays_a_commune():
    """« à Côte-Saint-André »: a longer commune name that starts like « à côté » is that commune."""
    assert "38130" in _codes("j'habite a la cote saint andre")


# ----------------------------------------------------------------- the quartier after the commune


@pytest.mark.parametrize(
    "text",
    [
        "slt jai 17 ans jsuis a roubaix a l'alma jcherche un apprentissage en mecanique auto",
        "slt jai 19ans jsuis a roubaix a l'alma jcherche un taf dans la vente",
        "jsuis a roubaix a l'alma depuis 2 ans",
    ],
)
def test_a_quartier_after_the_commune_stops_before_the_next_clause(text):
    assert quartier_after_commune(text, ["roubaix"]) == "alma"
    slots = read_facts(text, intent="inform").slots
    assert slots["code_insee"] == "59512" and slots["quartier"] == "alma"


@pytest.mark.parametrize("text", ["ben jte dis l'alma", "je vous dis l'alma", "bah l'alma", "euh jdis l'alma"])
def test_a_quartier_said_again_with_filler_words(text):
    assert quartier_answer(text) == "alma"


def test_a_quartier_the_list_does_not_name_is_kept_as_ne_sait_pas_at_the_qpv_question():
    result = read_facts("ben jte dis l'alma", intent="inform", requested_slot="qpv", known={"code_insee": "59512"})
    assert result.slots == {"quartier": "alma"}
    assert result.skipped == ["qpv"] and result.unknown == ["qpv"]


def test_a_listed_quartier_said_again_answers_the_qpv_question():
    result = read_facts("jvous ai dit le tonkin", intent="inform", requested_slot="qpv", known={"code_insee": "69266"})
    assert result.slots["qpv"] is True and result.slots["quartier"].lower() == "tonkin"


# ----------------------------------------------------------------- an unsure yes


@pytest.mark.parametrize(
    "text",
    ["jsp jcrois que oui", "je crois", "jpense", "peut-etre", "peut-être", "je pense que oui", "ptet", "il me semble"],
)
@pytest.mark.parametrize("slot", ["qpv", "permis", "vehicule", "handicap"])
def test_an_unsure_yes_is_ne_sait_pas_said_back_at_any_yes_no_question(text, slot):
    result = read_facts(text, intent="inform", requested_slot=slot, known={"code_insee": "59512"})
    assert result.slots == {} and result.skipped == [slot] and result.unknown == [slot]
    assert result.notes == [UNSURE_NOTE] and not result.rejected


@pytest.mark.parametrize(
    "text", ["oui", "oui je crois", "jcrois pas", "je pense pas", "non", "jcrois que oui, jsuis au tonkin"]
)
def test_a_plain_yes_or_no_is_not_unsure(text):
    assert not says_unsure(text)


def test_an_unsure_yes_with_a_listed_quartier_keeps_the_quartier():
    result = read_facts(
        "jcrois que oui, jsuis au tonkin", intent="inform", requested_slot="qpv", known={"code_insee": "69266"}
    )
    assert result.slots["qpv"] is True and result.slots["quartier"].lower() == "tonkin"


def test_an_unsure_answer_elsewhere_is_no_fact():
    """« je crois » while the age is asked is no age and no « ne sait pas »."""
    result = read_facts("je crois", intent="inform", requested_slot="age")
    assert result.skipped == [] and "age" not in result.slots


# ----------------------------------------------------------------- a misspelt city with its arrondissement


@pytest.mark.parametrize(
    ("text", "asked", "code"),
    [
        ("yo g 22 ans jsuis a marseile 13eme jveux un taf", None, "13213"),
        ("jhabite a marseil dans le 3eme", None, "13203"),
        ("marseile 13eme", "commune", "13213"),
        ("marseile 13e arrondissement", "commune", "13213"),
        ("pari 18eme", "commune", "75118"),
    ],
)
def test_a_misspelt_city_keeps_its_arrondissement_to_confirm(text, asked, code):
    slots = read_facts(text, intent="inform", requested_slot=asked).slots
    assert slots["commune_candidates"] == [code] and not slots.get("code_insee")


def test_confirming_the_offered_arrondissement_takes_it():
    slots = read_facts("oui", intent="affirm", requested_slot="commune", known={"commune_candidates": ["13213"]}).slots
    assert slots["code_insee"] == "13213"


def test_a_pied_does_not_move_someone_whose_commune_is_known():
    """Live f08: the commune read in the first message (Le Malzieu-Ville) was replaced by « Pied-de-Borne ? »."""
    known = {"age": 18, "code_insee": "48090", "commune": "Le Malzieu-Ville", "departement": "48"}
    slots = read_facts("nan rien jsuis a pied", intent="inform", requested_slot="vehicule", known=known).slots
    assert slots == {"vehicule": False}
