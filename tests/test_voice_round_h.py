"""Play-test H: professionals recognised without « un jeune », notes said to them of the person, the fiche's facts."""

from __future__ import annotations

import pytest

from reading.interlocutor import CONSEILLER, interlocutor


@pytest.mark.parametrize(
    "text",
    [
        # h19, h15, h22 (play-test H): a professional introduces themselves, then describes someone else
        "Bonjour, conseiller à la mission locale du Cotentin. Jeune homme de 19 ans, Cherbourg-en-Cotentin, cherche "
        "un emploi dans la soudure mais n'a pas le permis, ce qui bloque.",
        "Bonjour, assistante sociale au CCAS de Bourg-en-Bresse. Je reçois une jeune femme de 21 ans qui doit "
        "quitter son logement à la fin du mois.",
        "assistante sociale au CCAS, une jeune de 21 ans sans mutuelle",
        "Bonjour, conseillère ML à Laval. Je suis une maman de 18 ans, un bébé de 8 mois, qui veut reprendre une "
        "formation.",
        "conseillère à la mission locale, une jeune maman de 18 ans",
        "Éducateur PJJ, je suis un usager de 17 ans",
        "CIP au CHRS de Perpignan, ma jeune a 20 ans",
        "professeure principale au lycée Jean Moulin : un élève de 16 ans décroche",
        "animateur au foyer, il a 18 ans et cherche un apprentissage",
        "référente ASE, jeune femme 17 ans",
    ],
)
def test_a_professional_describing_someone_else_is_a_conseiller(text: str) -> None:
    assert interlocutor(text) == CONSEILLER


@pytest.mark.parametrize(
    "text",
    [
        "Je suis une maman de 19 ans, je cherche une formation",
        "je suis conseillère de vente, je cherche un autre emploi, j'ai 22 ans",
        "jsuis jeune maman de 18 ans",
        "je veux devenir éducatrice, j'ai 19 ans",
        "ma conseillère de la mission locale m'a dit de venir, j'ai 20 ans",
    ],
)
def test_a_young_person_speaking_of_themselves_is_not(text: str) -> None:
    assert interlocutor(text) != CONSEILLER
