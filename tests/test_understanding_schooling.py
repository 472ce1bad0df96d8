"""Reading schooling and diplomas (reading/schooling.py): at school or not, the diploma held said in a
sentence or as the answer to its question, higher levels, leaving school in collège."""

import pytest

from reading.understanding import parse_diplome, parse_scolarite
from tests.support.reading import reader_test

# At school or not, and the diploma held, said in a sentence (no question asked).
READS = {
    parse_scolarite: [
        ("j'ai arrêté l'école", "sorti"),
        ("décroché", "sorti"),
        ("g décroché en 1ere", "sorti"),
        ("jai arreter les cours en 3eme", "sorti"),
        ("je suis plus au lycée", "sorti"),
        ("viré du lycée", "sorti"),
        ("je suis en terminale", "scolarise"),
        ("jsui en 2nde", "scolarise"),
        ("il est en 1ère", "scolarise"),
        ("je suis étudiante", "scolarise"),
        ("je cherche un emploi", None),
    ],
    parse_diplome: [
        ("pas de diplôme", "aucun"),
        ("j'ai aucun diplome", "aucun"),
        ("sans diplôme", "aucun"),
        ("j'ai que le brevet", "aucun"),
        ("j'ai un cap cuisine", "cap-bep"),
        ("g un BEP", "cap-bep"),
        ("j'ai un bac pro commerce", "bac"),
        ("j'ai le bac", "bac"),
        ("g eu mon bac", "bac"),
        ("j'ai une licence de psycho", "superieur"),
        ("j'ai un BTS", "superieur"),
        ("j'ai un bac+2", "superieur"),
        ("j'ai un CAP et un bac pro", "bac"),
        ("j'ai pas le bac", None),
        ("je suis en bac pro", None),
        ("je veux passer un cap", None),
        ("j'ai 19 ans", None),
    ],
}

test_schooling_said_in_a_sentence = reader_test(READS)


@pytest.mark.parametrize(
    "text, diplome",
    [
        ("bac pro", "bac"),
        ("licence", "superieur"),
        ("BTS", "superieur"),
        ("CAP", "cap-bep"),
        ("cap coiffure", "cap-bep"),
        ("aucun", "aucun"),
        ("rien", "aucun"),
        ("non", "aucun"),
        ("bonjour", None),
    ],
)
def test_diplome_as_the_answer_to_its_question(text, diplome):
    assert parse_diplome(text, expecting=True) == diplome
    if diplome in ("bac", "superieur", "cap-bep"):
        assert parse_diplome(text) is None  # out of context a word is not a diploma held


def test_a_higher_level_said_alone_is_a_diploma_held():
    from reading.schooling import parse_diplome

    assert parse_diplome("bac+2") == "superieur" and parse_diplome("niveau bac+3") == "superieur"
    assert parse_diplome("je suis en bac+2") is None  # studying for it


@pytest.mark.parametrize(
    "text, diplome",
    [
        ("j'ai arrêté l'école en 3eme", "aucun"),
        ("jai lache les cours au college", "aucun"),
        ("j'ai arrêté en terminale", None),
        ("j'ai arrêté le foot en 4eme", None),
    ],
)
def test_leaving_school_in_college_is_no_diploma(text, diplome):
    from reading.schooling import parse_diplome

    assert parse_diplome(text) == diplome


def test_a_message_opening_on_a_higher_level_and_leaving_in_4e():
    from reading.schooling import parse_diplome

    assert parse_diplome("bac+3 en compta") == "superieur"
    assert parse_diplome("j'ai arrêté en 4e") == "aucun" and parse_scolarite("j'ai arrêté en 4e") == "sorti"
