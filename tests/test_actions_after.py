"""action_recommend after a first list, and the wishes action_extract_profile keeps (real Tracker, no server)."""

from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from actions.extract_profile import ActionExtractProfile
from actions.recommend import ActionRecommend
from knowledge.loader import default_knowledge
from knowledge.sectors import record_in_sector, sectors_by_id
from orientation.refine import UNCHANGED_TEXT, UPDATED_SAME_TEXT
from tests.conftest import MARSEILLE, run_action, sdk_tracker, slots_set

# Marseille has a sales action in the base (a boutique école); Fougères has none.
FOUGERES = dict(MARSEILLE, commune="Fougères", code_insee="35115", departement="35", qpv=None)


def tracker(
    slots: Dict[str, Any], text: str = "", intent: str = "inform", entities: Optional[List[dict]] = None
) -> Tracker:
    return sdk_tracker(slots, text, intent, entities)


def run(action, t: Tracker) -> Tuple[List[str], Dict[str, Any]]:
    messages, events = run_action(action, t)
    return [m.get("text") or "" for m in messages], slots_set(events)


def first_list(profile: Dict[str, Any]) -> Dict[str, Any]:
    """The slots after the first list, as the tracker holds them."""
    _, slots = run(ActionRecommend(), tracker(profile))
    return {**profile, **slots}


def listed(messages: List[str]) -> List[str]:
    return [m for m in messages if m[:2] in {f"{i}." for i in range(1, 10)}]


def test_first_list_marks_the_suggestions_as_shown():
    messages, slots = run(ActionRecommend(), tracker(MARSEILLE))
    assert listed(messages) and slots["suggestions_shown"] is True
    assert slots["suggested_for"]["code_insee"] == "13055"
    assert not any(m.startswith("C'est noté") for m in messages)  # nothing to say back the first time


def test_same_facts_again_do_not_repeat_the_list():
    state = first_list(MARSEILLE)
    messages, slots = run(ActionRecommend(), tracker(state))
    assert messages == [UNCHANGED_TEXT]
    assert slots["suggestions"] == state["suggestions"]


def test_a_trade_narrows_the_list_and_is_said_back():
    state = first_list(MARSEILLE)
    messages, slots = run(ActionRecommend(), tracker(dict(state, secteur="vente")))
    assert messages[0] == "C'est noté : vous cherchez dans la vente et le commerce."
    assert messages[1] == "Voici les actions qui concernent la vente et le commerce."
    assert listed(messages)
    kb, vente = default_knowledge(), sectors_by_id()["vente"]
    assert slots["suggestions"] and all(record_in_sector(kb.initiative(i), vente) for i in slots["suggestions"])


def test_a_trade_with_nothing_recorded_is_said_honestly_without_repeating_the_list():
    # (« la vente » has a national record now, the Casino group's recruitment: a trade with none at all)
    state = first_list(FOUGERES)
    messages, slots = run(ActionRecommend(), tracker(dict(state, secteur="mecanique-auto")))
    assert messages[0] == "C'est noté : vous cherchez dans la mécanique et l'automobile."
    assert messages[1].startswith("Je n'ai pas d'action recensée pour la mécanique et l'automobile près de chez vous")
    assert messages[-1] == UPDATED_SAME_TEXT and not listed(messages)
    assert slots["suggestions"] == state["suggestions"]


def test_a_changed_fact_is_said_before_the_new_list():
    state = first_list(FOUGERES)
    messages, _ = run(ActionRecommend(), tracker(dict(state, vehicule=False)))
    assert messages[0] == "C'est noté : vous n'avez pas de moyen de transport à vous."


def test_a_changed_fact_that_leaves_the_list_as_it_was_says_it_was_taken_into_account():
    state = first_list(MARSEILLE)
    messages, _ = run(ActionRecommend(), tracker(dict(state, age=21.0)))
    assert messages == ["C'est noté : vous avez 21 ans.", UPDATED_SAME_TEXT]


def test_extract_profile_keeps_the_trade_and_the_wish_to_be_closer():
    _, slots = run(ActionExtractProfile(), tracker({}, "je veux travailler dans la vente"))
    assert slots["secteur"] == "vente" and slots["besoin"] == "emploi"
    _, slots = run(
        ActionExtractProfile(),
        tracker({}, "plutôt le bâtiment", "refine_suggestions", [{"entity": "secteur", "value": "batiment"}]),
    )
    assert slots["secteur"] == "batiment"
    _, slots = run(ActionExtractProfile(), tracker({}, "t'as pas plus près ?", "refine_suggestions"))
    assert slots["plus_pres"] is True and "secteur" not in slots
    _, slots = run(ActionExtractProfile(), tracker({}, "sans voiture"))
    assert slots["vehicule"] is False and "secteur" not in slots and "plus_pres" not in slots


def test_a_correction_already_noted_by_the_form_is_not_said_twice():
    # The form's validation said « C'est noté : 22 ans. » in this turn, then action_recommend runs.
    state = first_list(MARSEILLE)
    t = tracker(dict(state, age=22.0), "en fait j'ai 22 ans")
    t.events.extend([{"event": "slot", "name": "age", "value": 22.0}, {"event": "bot", "text": "C'est noté : 22 ans."}])
    messages, _ = run(ActionRecommend(), t)
    assert not any(m.startswith("C'est noté") for m in messages)
    assert messages == [UPDATED_SAME_TEXT]


def test_a_noted_fact_does_not_hide_another_change_of_the_same_list():
    state = first_list(FOUGERES)
    t = tracker(dict(state, age=22.0, vehicule=False), "22 ans")
    t.events.extend([{"event": "slot", "name": "age", "value": 22.0}, {"event": "bot", "text": "C'est noté : 22 ans."}])
    messages, _ = run(ActionRecommend(), t)
    assert messages[0] == "C'est noté : vous n'avez pas de moyen de transport à vous."


def test_a_commune_noted_before_the_qpv_question_is_not_said_again_with_the_new_list():
    # Live e2e: « non en fait j'habite à Marseille » after the list → « C'est noté : Marseille. » and the QPV of
    # the new commune asked; the list after « non » said « C'est noté : vous habitez à Marseille. » a second time.
    state = first_list(dict(FOUGERES, qpv=False))  # « non » to Fougères' QPV question, « non » again
    t = tracker(dict(state, **{k: MARSEILLE[k] for k in ("commune", "code_insee", "departement")}, qpv=False), "non")
    user = t.events[-1]
    t.events[-1:] = [
        {"event": "action", "name": "action_recommend"},
        {"event": "user", "text": "non en fait j'habite à Marseille", "parse_data": {}},
        {"event": "slot", "name": "commune", "value": "Marseille"},
        {"event": "slot", "name": "code_insee", "value": "13055"},
        {"event": "bot", "text": "C'est noté : Marseille."},
        {"event": "bot", "text": "Habitez-vous dans un quartier prioritaire (QPV) ?"},
        user,
        {"event": "slot", "name": "qpv", "value": False},
    ]
    messages, _ = run(ActionRecommend(), t)
    assert not any(m.startswith("C'est noté") for m in messages), messages
    assert messages[0].startswith("J'ai mis à jour mes propositions"), messages
