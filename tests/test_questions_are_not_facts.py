"""A question after the list keeps the person's commune and need (e2e and play-test H, session 7): « c'est loin
ris orangis non ? » moved a Parisian to the Essonne, « est-ce que l'Agefiph peut financer ma formation ? » turned
a job search into a training search. A clear move or a wish still counts."""

import pytest

from reading.facts import read_facts

KNOWN = {"code_insee": "75118", "age": 23, "besoin": "emploi"}


@pytest.mark.parametrize(
    "text",
    [
        "c'est loin ris orangis non ?",
        "combien de km pour aller a evry ?",
        "c est pres de aubervilliers ?",
        "Est-ce que l'Agefiph peut financer ma formation en comptabilité ?",
        "est ce que je peux faire une formation payée ?",
    ],
)
def test_a_question_moves_neither_commune_nor_need(text: str) -> None:
    slots = read_facts(text=text, entities=[], intent=None, requested_slot=None, known=KNOWN).slots
    assert not {"code_insee", "commune", "besoin"} & set(slots), slots


@pytest.mark.parametrize(
    "text, slot, value",
    [
        ("en fait jai demenage a villeurbanne c plus pres", "code_insee", "69266"),
        ("non c'est Arras", "code_insee", "62041"),
        ("et pour le permis ya rien ?", "besoins_autres", ["mobilite-permis"]),
        ("et pour me loger vous avez rien ?", "besoins_autres", ["logement"]),
    ],
)
def test_a_move_or_a_wish_still_counts(text: str, slot: str, value: object) -> None:
    slots = read_facts(text=text, entities=[], intent=None, requested_slot=None, known=KNOWN).slots
    assert slots.get(slot) == value, slots
