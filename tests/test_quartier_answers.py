"""Answers to « Dans quel quartier ? / quartier prioritaire ? » as typed in the play-test (issue #16)."""

import pytest

from reading.facts import read_facts
from tests.support.reading import ORDINARY_WORDS

TOULOUSE, LA_COURNEUVE, ROUBAIX, GRENOBLE, CORBEIL, NIMES = "31555", "93027", "59512", "38185", "91174", "30189"


def qpv_answer(text, code):
    return read_facts(text, intent="inform", requested_slot="qpv", known={"code_insee": code})


@pytest.mark.parametrize("text, code", [("corbeil essonnes", CORBEIL), ("nimes", NIMES), ("Nîmes", NIMES)])
def test_the_communes_own_name_is_no_quartier(text, code):
    assert "quartier" not in qpv_answer(text, code).slots


# Play-test D (issue #16): the quartier said in a sentence at the QPV question, or in the first message.
MARSEILLE_13, LYON_8, LILLE, ABYMES, SAINT_DENIS_93 = "13213", "69388", "59350", "97101", "93066"
SAINT_DENIS_974, MONTPELLIER, VAULX = "97411", "34172", "69256"


@pytest.mark.parametrize(
    "text, code, name",
    [
        ("je vous ai dit le mirail", TOULOUSE, "mirail"),
        ("(les 4000)", LA_COURNEUVE, "les 4000"),
        ("il habite à l'Alma", ROUBAIX, "alma"),
        ("Elle est à la Villeneuve", GRENOBLE, "villeneuve"),
        # Play-test D (issue #16): the quartier said in a sentence.
        ("je vien de te dire frais vallon", MARSEILLE_13, "frais vallon"),
        ("Mermoz, c'est un QPV", LYON_8, "mermoz"),
        ("Lille Sud, oui c'est QPV", LILLE, "lille sud"),
        ("je sais pas trop, c'est a boissard", ABYMES, "boissard"),
        ("jsais pas c vers franc moisin", SAINT_DENIS_93, "franc moisin"),
        ("les tarterets", CORBEIL, "tarterets"),
    ],
)
def test_a_quartier_named_alone_or_in_a_sentence_answers_the_qpv_question(text, code, name):
    result = qpv_answer(text, code)
    assert (result.slots.get("quartier") or "").lower().endswith(name), result.slots
    assert result.rejected is None
    assert "code_insee" not in result.slots and "commune_candidates" not in result.slots


def test_a_quartier_said_to_be_a_qpv_is_both_kept():
    assert qpv_answer("Lille Sud, oui c'est QPV", LILLE).slots.get("qpv") is True
    assert qpv_answer("Mermoz, c'est un QPV", LYON_8).slots.get("qpv") is True


def test_dont_know_with_a_quartier_keeps_the_quartier():
    result = qpv_answer("je sais pas trop, c'est a boissard", ABYMES)
    assert "boissard" in (result.slots.get("quartier") or "").lower()
    assert result.slots.get("qpv") is not False


@pytest.mark.parametrize(
    "text, asked, code, name",
    [
        (
            "Salut ! Je suis étudiante en L3 à Montpellier, j'ai 22 ans, je vis à la Paillade et j'aimerais trouver "
            "un petit boulot à côté des cours",
            None,
            MONTPELLIER,
            "paillade",
        ),
        ("Toulouse, au Mirail (Bellefontaine)", "commune", TOULOUSE, "mirail"),
        ("vaulx en velin au mas du taureau", "commune", VAULX, "mas du taureau"),
        (
            "Il a 20 ans, il est en FJT à Lyon 8e (Mermoz), il a le bac pro, une RQTH, pas de permis. Il voudrait une "
            "formation qualifiante.",
            None,
            LYON_8,
            "mermoz",
        ),
        (
            "Bonjour, je suis conseillère. Ma jeune a 18 ans, elle vit avec son copain dans un appartement aux "
            "Camélias à Saint-Denis de La Réunion. Elle a un CAP vente, pas le permis, pas de handicap.",
            None,
            SAINT_DENIS_974,
            "camélias",
        ),
    ],
)
def test_a_quartier_in_the_first_message_is_kept_with_the_commune(text, asked, code, name):
    slots = read_facts(text, intent="inform", requested_slot=asked).slots
    assert slots.get("code_insee") == code, slots
    assert name in (slots.get("quartier") or "").lower(), slots


def test_a_quartier_before_its_commune_is_not_read_as_a_commune():
    slots = read_facts(
        "Bonjour 😊 j'ai 18 ans, je viens d'avoir mon bac pro gestion administration, je cherche une alternance pour "
        "un BTS, j'habite au Chaudron à Saint-Denis",
        intent="inform",
    ).slots
    assert "chaudron" in (slots.get("quartier") or "").lower()
    offered = set(slots.get("commune_candidates") or []) | {slots.get("code_insee")}
    assert SAINT_DENIS_974 in offered and not offered & {"28094", "43047"}, slots


@pytest.mark.parametrize(
    "text", ["slt jai 26 ans jsuis au rsa a bordeaux jveux faire une formation cariste", "jsuis au rsa ça compte pas ?"]
)
def test_a_benefit_is_never_a_quartier(text):
    assert "quartier" not in read_facts(text, intent="inform").slots
    assert "quartier" not in qpv_answer(text, "33063").slots


@pytest.mark.parametrize(
    "text",
    [
        "je suis à la rue",
        "je vis à la campagne",
        "j'habite à la maison de mes parents",
        "je vis au foyer",
        "je suis au chomage a lyon",
        "je suis à la recherche d'un emploi",
        "je vis au jour le jour",
        "j'habite au 3e étage",
        "j'habite au dessus de la boulangerie",
        "j'habite au calme a lyon",
        "je vis a la ferme",
        "j'habite au nord de lyon",
        "j'habite aux etats unis",
        "je vis au bled",
        "j'habite à la Rochelle",
        *ORDINARY_WORDS,
    ],
)
def test_no_quartier_in_ordinary_sentences(text):
    assert "quartier" not in read_facts(text, intent="inform").slots


@pytest.mark.parametrize(
    "text, code, name",
    [
        (
            "bonsoir je m'appelle ines j'ai 17 ans j'habite marseille 13eme a frais vallon et je cherche une "
            "alternance en coiffure",
            MARSEILLE_13,
            "frais vallon",
        ),
        (
            "Bonjour, conseiller ML Amiens. Cas test : jeune homme de 25 ans, quartier Amiens Nord, hébergé en CHRS, "
            "pas de permis.",
            "80021",
            "amiens nord",
        ),
    ],
)
def test_a_quartier_of_the_official_list_in_a_long_message(text, code, name):
    slots = read_facts(text, intent="inform").slots
    assert slots.get("code_insee") == code and (slots.get("quartier") or "").lower() == name, slots
    assert slots.get("qpv") is True


@pytest.mark.parametrize("text", ["j'habite lyon a cote de la gare", "j'habite toulouse a 20 min du centre"])
def test_after_a_bare_a_only_a_listed_name_is_a_quartier(text):
    assert "quartier" not in read_facts(text, intent="inform").slots


# Play-test E (issue #16): the quartier of a first message written without « quartier ».
STRASBOURG, PARIS_18, LE_HAVRE, BORDEAUX, MARSEILLE_14 = "67482", "75118", "76351", "33063", "13214"


@pytest.mark.parametrize(
    "text, code, name, qpv",
    [
        ("le test pour un jeune de 21 ans, à Strasbourg Neuhof, CAP cuisine obtenu", STRASBOURG, "neuhof", True),
        ("strasbourg neuhof", STRASBOURG, "neuhof", True),  # lower case: the official list knows it
        ("salut jai 20ans jsui a paris 18 vers la goutte dor, jai arreter l ecole", PARIS_18, "goutte dor", True),
        ("mission locale du Havre. Un jeune de 19 ans, Caucriauville, sans logement", LE_HAVRE, "caucriauville", True),
        ("I am 19, live in Lille Wazemmes, my mother is french", LILLE, "wazemmes", None),  # a proper name, not listed
        ("en foyer a Bordeaux Bastide, sans diplome", BORDEAUX, "bastide", None),
        ("jsuis a marseille 14e a la busserine", MARSEILLE_14, "busserine", None),  # not in the list's names
        ("j'habite Toulouse du côté de Bagatelle", TOULOUSE, "bagatelle", None),
    ],
)
def test_a_quartier_after_the_commune_without_the_word_quartier(text, code, name, qpv):
    slots = read_facts(text, intent="inform").slots
    assert slots.get("code_insee") == code and (slots.get("quartier") or "").lower() == name, slots
    assert slots.get("qpv") is qpv  # only the official list sets it


@pytest.mark.parametrize(
    "text",
    [
        "Lyon centre",
        "Lyon Centre",
        "Paris 18 jcherche",
        "Lille svp",
        "j'habite lyon vers la gare",
        "Lyon Villeurbanne",
        "Saint-Denis de la Réunion",
        "Rennes Bretagne",
    ],
)
def test_an_ordinary_word_after_the_commune_is_no_quartier(text):
    slots = read_facts(text, intent="inform").slots
    assert (slots.get("code_insee") or slots.get("commune_candidates")) and "quartier" not in slots, slots


def test_a_bare_item_not_in_the_official_list_is_no_quartier():
    slots = read_facts("conseillère à Lille. Un jeune de 19 ans, Fives, pas de diplôme", intent="inform").slots
    assert slots.get("code_insee") == LILLE and "quartier" not in slots, slots  # only a listed name as a bare item


@pytest.mark.parametrize(
    "text, code, name, qpv",
    [
        ("yes mirail i said", TOULOUSE, "mirail", True),
        ("ba oui la goutte dor", PARIS_18, "goutte dor", True),
        ("Oui, Neuhof, je l'ai écrit", STRASBOURG, "neuhof", True),
    ],
)
def test_a_yes_then_the_name_at_the_qpv_question(text, code, name, qpv):
    result = qpv_answer(text, code)
    assert (result.slots.get("quartier") or "").lower().endswith(name) and result.slots.get("qpv") is qpv, result


def test_the_named_quartier_wins_over_a_vague_area():
    result = qpv_answer("Je ne sais pas, il est rive droite, à la Bastide près de la Benauge", BORDEAUX)
    assert result.slots.get("quartier") == "Bastide près de la Benauge", result.slots
    assert result.slots.get("qpv") is None and "qpv" in result.skipped  # « près de » the QPV is not in it
    assert "quartier" not in qpv_answer("il est rive droite", BORDEAUX).slots


def test_a_name_the_list_does_not_know_closes_the_qpv_question_without_a_no():
    result = qpv_answer("Wazemmes", LILLE)
    # Not asked again, and not a refusal either: the fiche says « ne sait pas » (play-test F: « ben jte dis l'alma »
    # was stored as « préfère ne pas le dire »).
    assert result.slots == {"quartier": "Wazemmes"} and result.skipped == ["qpv"] and result.unknown == ["qpv"]


def test_an_own_qpv_named_at_the_qpv_question_does_not_move_the_person():
    # Play-test F: « non, je suis à Jas de Bouffan » at Aix moved him to Jas (Loire), quartier « Bouffan ».
    known = {"code_insee": "13001", "commune": "Aix-en-Provence", "departement": "13"}
    slots = read_facts("non, je suis à Jas de Bouffan", intent="inform", requested_slot="qpv", known=known).slots
    assert "code_insee" not in slots and slots.get("quartier") == "Jas de Bouffan", slots
    # A move said in so many words still moves.
    moved = read_facts("non en fait je suis à Marseille", intent="inform", requested_slot="qpv", known=known).slots
    assert moved.get("code_insee") == "13055", moved
