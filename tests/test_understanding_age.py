"""Reading the age (reading/age.py): French number words, an age in a sentence or as the answer, birth
dates, and the numbers that are no age (places, postcodes, durations, counts)."""

from datetime import date

import pytest

from reading.understanding import french_number, parse_age

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "words, value",
    [
        ("vingt-deux", 22),
        ("dix sept", 17),
        ("dix-neuf", 19),
        ("seize", 16),
        ("vingt et un", 21),
        ("trente", 30),
        ("soixante et onze", 71),
        ("quatre-vingt", 80),
        ("quatre vingt dix neuf", 99),
        ("bonjour", None),
    ],
)
def test_french_numbers(words, value):
    assert french_number(words) == value


@pytest.mark.parametrize(
    "text, age",
    [
        ("jai 19 ans jhabite a vaulx en velin g pa le permi", 19),
        ("J'ai 22 ans", 22),
        ("vingt-deux ans", 22),
        ("j’ai dix sept ans", 17),
        ("17 ans et demi", 17.5),
        ("né en 2004", 22),
        ("née le 12/03/2005", 21),
        ("je suis née le 30/12/2005", 20),
        ("en fait j'ai 18 ans", 18),
        # Phrases and birth dates.
        ("21 ans", 21),
        ("jai 19", 19),
        ("g 20 ans", 20),
        ("age 18", 18),
        ("âge : 18", 18),
        ("il a 19 ans", 19),
        ("elle a 17 ans et demi", 17.5),
        ("vingt et un ans", 21),
        ("j'ai vingt-et-un ans", 21),
        ("dix-sept ans", 17),
        ("quatre-vingt-dix-neuf ans", 99),
        ("salut moi c'est Kevin 21 ans de Brive", 21),
        ("j'ai 18 piges", 18),
        ("né le 3 mars 2006", 20),
        ("née le 30 novembre 2006", 19),
        ("03/03/2006", 20),
        ("née en 2007", 19),
        ("je suis née le 1er janvier 2008", 18),
        ("jsuis de 2005", 21),
        ("né le trois mars deux mille six", 20),
        # A present age stated beside a past one, of a third person, or by the conseiller who types for them.
        ("j'ai 19 ans", 19),
        ("19 ans", 19),
        ("née en 2006", 20),
        ("Non ! Il a 25 ans. 14 ans c'était l'âge où il a quitté l'école.", 25),
        ("je teste pour une jeune de 17 ans, quartier Croix-Rouge", 17),
        ("la personne que j'accompagne a 20 ans", 20),
        ("un jeune homme de 25 ans", 25),
        ("mon fils a 16 ans il a arrete le lycee", 16),
        ("20 ans, Corbeil-Essonnes", 20),
        ("je viens d'avoir 18 ans", 18),
    ],
)
def test_age_in_a_sentence(text, age):
    assert parse_age(text, today=TODAY).value == age


def test_bare_numbers_are_ages_only_when_the_age_was_asked():
    assert parse_age("19", expecting_age=True, today=TODAY).value == 19
    assert parse_age("vingt deux", expecting_age=True, today=TODAY).value == 22
    assert parse_age("2004", expecting_age=True, today=TODAY).value == 22
    assert parse_age("19", today=TODAY) is None
    assert parse_age("35300", expecting_age=True, today=TODAY) is None


def test_absurd_ages_are_read_so_that_validation_can_answer_kindly():
    assert parse_age("j'ai 150 ans", today=TODAY).value == 150
    assert parse_age("3 ans", today=TODAY).value == 3


# ------------------------------------------------------------------ numbers in context (issue 16)


@pytest.mark.parametrize(
    "text",
    [
        "paris 18",
        "valence 26",
        "93",
        "35300",
        "j'habite dans le 93",
        "Lyon 8",
        "depuis 2 ans je galère",
        "j'ai 2 enfants",
        "j'ai un cap cuisine",
        "g 20 balles",
        "il y a 3 ans",
        "j'ai travaillé 2 ans en cuisine",
        "06 12 85 45 12",
    ],
)
def test_a_number_outside_an_age_phrase_is_no_age(text):
    assert parse_age(text, today=TODAY) is None


@pytest.mark.parametrize("text", ["paris 18", "valence 26", "35300", "lyon 3eme"])
def test_a_place_with_a_number_is_no_age_even_when_the_age_is_asked(text):
    assert parse_age(text, expecting_age=True, today=TODAY) is None


def test_a_bare_number_word_is_an_age_when_asked():
    assert parse_age("vingt et un", expecting_age=True, today=TODAY).value == 21
    assert parse_age("vingt et un", today=TODAY) is None


def test_a_date_that_is_not_a_birth_is_ignored():
    assert parse_age("j'ai arrêté l'école le 03/03/2025", today=TODAY) is None


# ------------------------------------------------------------------ issue 16, second round: what the set still missed


@pytest.mark.parametrize(
    "text, expecting, age",
    [
        ("g 16a", True, 16),
        ("18a", True, 18),
        ("slt jcherche une formation, 18a, a rennes", False, 18),
        ("I'm 20, living in Lille, looking for a job", False, 20),
        ("im 19", False, 19),
        ("20 years old", False, 20),
        ("jvais avoir 18 le mois prochain", True, 17),
        ("j'aurai 18 ans en mars", False, 17),
    ],
)
def test_ages_as_typed_on_a_phone_or_in_english(text, expecting, age):
    assert parse_age(text, expecting_age=expecting, today=TODAY).value == age


@pytest.mark.parametrize(
    "text",
    ["jvis a grenoble dpuis 2 ans", "j'habite au 12a rue Victor Hugo", "je vais avoir 2 enfants", "on est 20 a lyon"],
)
def test_no_age_in_durations_addresses_or_counts(text):
    assert parse_age(text, today=TODAY) is None


# ------------------------------------------------------------------ play-test E: only a stated present age is an age


@pytest.mark.parametrize(
    "text",
    [
        "Est-ce que je dois commencer le service civique avant mes 26 ans ou juste signer ?",
        "Aucun diplôme, il était scolarisé jusqu'à 14 ans en Afghanistan",
        "avant mes 26 ans",
        "à 14 ans",
        "jusqu'à 14 ans",
        "depuis mes 16 ans",
        "quand j'avais 15 ans",
        "à partir de 16 ans",
        "les 16-25 ans",
        "entre 16 et 25 ans",
        "moins de 26 ans",
        "je peux travailler a 14 ans ? genre babysitting ou au mcdo",
        "je peux commencer a 15 ans ?",
        "donc la mission locale cest pas pour moi a 28 ans ?",
        "il sort de l'ASE à ses 18 ans le mois prochain",
        "le foyer ma mis dehors le jour de mes 21 ans",
        "faire un service civique avant d'avoir 26 ans",
        "14 ans c'était l'âge où il a quitté l'école",
    ],
)
def test_a_number_in_a_question_or_a_story_is_no_age(text):
    assert parse_age(text, today=TODAY) is None


@pytest.mark.parametrize("text, age", [("jte lai dit 24", 24), ("je vous l'ai dit, 22", 22), ("19ans", 19)])
def test_an_age_repeated_at_the_age_question(text, age):
    assert parse_age(text, expecting_age=True, today=TODAY).value == age


def test_a_past_fact_before_a_present_age_does_not_hide_it():
    assert parse_age("elle était en foyer et elle a 19 ans", today=TODAY).value == 19
