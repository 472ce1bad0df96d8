"""Play-test H, h24: « pourquoi les plateformes de mobilite jai 17 ans » after a list that showed the mobility card
printed the card without its « Pourquoi » line. A network card asked for after the list carries the reasons it
was proposed with (the same as in the list), whichever action answers. Real Tracker and dispatcher, no server."""

from typing import List

import pytest

from actions.after_list import ActionAnswerAfterList
from actions.conversation import ActionDefineTerm
from actions.recommend import ActionRecommend
from tests.conftest import MARSEILLE
from tests.support.personas import persona
from tests.test_actions_after import first_list, run, tracker

# h24: 17, Bastia (Lupino, QPV), no permis nor vehicle, at his parents', no diploma, an apprenticeship.
BASTIA = dict(
    MARSEILLE,
    commune="Bastia",
    departement="2B",
    quartier="lupino",
    **persona(17.0, "2B033", "apprentissage", qpv=True, logement="chez-parents", handicap="non", diplome="aucun"),
)
QUESTION = "pourquoi les plateformes de mobilite jai 17 ans"


def card(messages: List[str]) -> str:
    (text,) = [m for m in messages if m.startswith("Plateformes de mobilité")]
    return text


@pytest.mark.parametrize(
    "action, intent",
    [
        (ActionDefineTerm, "ask_definition"),
        (ActionAnswerAfterList, "ask_followup"),
        (ActionRecommend, "refine_suggestions"),
    ],
)
def test_a_proposed_network_card_keeps_its_reasons(action, intent) -> None:
    state = first_list(BASTIA)
    shown, _ = run(ActionRecommend(), tracker(BASTIA))
    assert any("Plateformes de mobilité" in m for m in shown)  # it was proposed
    messages, _ = run(action(), tracker(state, QUESTION, intent))
    text = card(messages)
    assert "Pourquoi : " in text
    assert "Vous n'avez pas le permis." in text
