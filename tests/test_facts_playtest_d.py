"""Play-test D (issue 16): needs, free answers at button questions, the RQTH refused, bikes and cars by name.
Each case was a live misreading (/work/notes/playtest-D.md); the held-out set is tests/understanding/
messages_playtest_d.yaml."""

import pytest

from knowledge.text import emoji_meaning
from reading.answer_first import answers_asked_question
from reading.facts import parse_yes_no, read_facts
from reading.need import parse_besoin
from reading.understanding import parse_handicap, parse_vehicule


@pytest.mark.parametrize(
    "text, need",
    [
        ("un service civique", "ne-sait-pas"),  # the service civique card is served to « ne-sait-pas »
        ("je veux faire un service civique", "ne-sait-pas"),
        ("un stage de 3eme", "ne-sait-pas"),  # a stage d'observation: discovering trades
        ("une aide financière", "emploi"),
        ("j'ai besoin d'argent", "emploi"),
    ],
)
def test_needs_with_no_value_of_their_own_map_to_the_closest_served_one(text, need):
    assert parse_besoin(text, expecting=True, asked=True) == need


def test_money_is_a_need_only_when_the_need_is_asked():
    assert parse_besoin("et pour l'argent y a pas une aide pour les jeunes ?", expecting=True) is None


def test_the_permis_paid_by_a_job_is_its_goal_not_the_need():
    assert parse_besoin("en vrai jveux juste un job dété pour me payer le permis", expecting=True) == "emploi"
    assert parse_besoin("je veux passer le permis pour trouver du travail") == "mobilite-permis"


def test_an_apprentice_already_is_schooled_not_looking_for_an_apprenticeship():
    facts = read_facts("jsuis en cap maçon en alternance ca change qqch ?", known={"besoin": "mobilite-permis"})
    assert facts.slots.get("scolarite") == "scolarise"
    assert "besoin" not in facts.slots
    assert parse_besoin("je suis apprenti en boulangerie") is None
    assert parse_besoin("je cherche une alternance") == "apprentissage"


def test_a_greeting_that_states_the_need_is_information():
    assert answers_asked_question("bonjour jai besoin d'un logement", None, "greet")
    assert not answers_asked_question("bonjour j'ai 19 ans", None, "greet")  # the welcome asks the need


@pytest.mark.parametrize(
    "text, asked, slots",
    [
        ("jai pas le brevet", "diplome", {"diplome": "aucun"}),
        ("jai pas le brevet", "handicap", {"diplome": "aucun"}),
        ("Le brevet des collèges seulement", "diplome", {"diplome": "aucun"}),
        ("jsuis encore au lycée en 1ere", "diplome", {"scolarite": "scolarise"}),
        ("pas encore, je le passe en ce moment", "permis", {"permis": False}),
        ("my own flat, un studio", "logement", {"logement": "stable"}),
        ("25 (26 en janvier)", "age", {"age": 25}),
    ],
)
def test_free_answers_at_button_questions(text, asked, slots):
    facts = read_facts(text, intent="inform", requested_slot=asked)
    assert facts.rejected is None
    assert {k: facts.slots.get(k) for k in slots} == slots


def test_a_partner_s_flat_is_own_housing():
    text = "elle vit avec son copain dans un appartement aux Camélias"
    assert read_facts(text).slots.get("logement") == "stable"


@pytest.mark.parametrize(
    "text", ["jsuis dys mais bon", "je suis suivi pour une dépression mais ça va mieux", "mal au dos un peu"]
)
def test_a_health_answer_at_the_handicap_question_is_a_yes_without_rqth(text):
    facts = read_facts(text, intent="inform", requested_slot="handicap")
    assert facts.slots.get("handicap") is True and facts.slots.get("rqth") is None
    assert parse_handicap("mal au dos un peu") is None  # outside the question a backache says nothing


def test_rqth_denied_in_the_same_message_is_not_asked_again():
    text = "j'ai une maladie chronique mais j'ai pas de RQTH et je veux pas en parler plus"
    facts = read_facts(text, intent="inform", requested_slot="handicap")
    assert facts.slots.get("handicap") is True and facts.slots.get("rqth") is False


@pytest.mark.parametrize("text", ["je viens de dire non", "jtai dit non", "je vous ai dit que non"])
def test_no_said_again(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["un velo", "une trottinette", "🚲", "il se déplace à vélo"])
def test_a_bike_is_no_motor_vehicle(text):
    assert parse_vehicule(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "une vieille 206",
        "la clio de ma mere",
        "la 206 jtai dit",
        "bah la clio jte dis",
        "g une twingo",
        "un scooter 50",
    ],
)
def test_cars_named_by_their_model(text):
    assert parse_vehicule(text) is True


def test_a_car_model_is_not_read_from_any_number():
    assert parse_vehicule("j'habite au 206 rue de la paix") is None


@pytest.mark.parametrize("text, asked", [("🤷", "qpv"), ("🤷‍♂️", "permis"), ("🤷🏽‍♀️", "vehicule")])
def test_a_shrug_is_i_dont_know(text, asked):
    facts = read_facts(text, intent="inform", requested_slot=asked)
    assert facts.unknown == [asked] and facts.rejected is None


def test_emoji_meanings_for_the_nlu():
    assert emoji_meaning("🙋‍♂️") == "bonjour"
    assert emoji_meaning("👋") == "bonjour"
    assert emoji_meaning("🤷") == "je ne sais pas"
    assert emoji_meaning("👍") == "oui"
    assert emoji_meaning("👎🏽") == "non"
    assert emoji_meaning("🙋 bonjour") is None


@pytest.mark.parametrize("text", ["je suis suivi par la mission locale", "je suis mal à l'aise avec cette question"])
def test_ordinary_words_at_the_handicap_question_say_no_health_condition(text):
    assert read_facts(text, intent="inform", requested_slot="handicap").slots.get("handicap") is None


def test_a_second_need_in_the_same_message_is_said_not_lost():
    # The profile holds one need: the first is kept, the second is said back with how to get its list.
    text = (
        "Bonjour, j'ai 23 ans, je dors chez des potes à Saint-Denis depuis 3 mois, "
        "j'ai besoin d'un taf et d'un logement svp"
    )
    facts = read_facts(text)
    assert facts.slots["besoin"] == "emploi"
    assert any("logement" in note for note in facts.notes)
    assert read_facts("je cherche un emploi").notes == []
    assert read_facts("je cherche un emploi et j'ai 19 ans").notes == []
    assert read_facts("je veux un job et un appart").notes != []


def test_the_words_the_second_need_note_suggests_are_read_as_that_need():
    from reading.facts import NEED_WORDS

    for need, words in NEED_WORDS.items():
        assert parse_besoin(words, expecting=True) == need
