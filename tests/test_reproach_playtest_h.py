"""Play-test H h10/x03: « je te l'ai deja dit (la duchere) » at the QPV question printed the whole fiche de liaison
mid-questionnaire, then asked the same question again. A reproach never triggers the fiche nor any other action the
NLU may misread it as (restart, goodbye, privacy…): it is re-read as the answer it carries, or as a question (which
actions/ answer with REPROACH_TEXT). Written before the fix; no model, no server.
"""

import pytest

from reading.answer_first import QUESTION_INTENT, misread_control
from reading.conversation_cues import REPROACH_MISREADS, is_reproach, reproach_misread
from tests.test_dialogue_playtest_g import AFTER_LIST, intent_after, nlu_examples

# Twenty ways to say « I told you already », with and without a fact.
REPROACHES = [
    "je te l'ai deja dit",
    "je te l'ai deja dit la duchere",
    "jlai dit",
    "deja dit",
    "tu sais deja",
    "relis",
    "je viens de le dire",
    "c'est marqué plus haut",
    "jte l'ai dit",
    "je vous l'ai déjà dit",
    "j'ai déjà répondu",
    "je l'ai écrit au début",
    "comme je disais, 20 ans",
    "relis mon message",
    "c'est écrit au dessus",
    "jtai deja dit nantes",
    "je viens de vous le donner",
    "tu le sais deja",
    "je l'ai mis plus haut",
    "jlai deja ecrit",
]
# Every intent whose re-reading a reproach must pass: the fiche, a restart, a goodbye, the privacy answer, and the
# others that would act on it.
MISREAD_AS = ["request_summary", "start_over", "goodbye", "ask_privacy", "thank", "change_answer", "chitchat"]


def test_the_table_has_twenty_reproaches():
    assert len(set(REPROACHES)) == 20
    assert [t for t in REPROACHES if not is_reproach(t)] == []


@pytest.mark.parametrize("intent", MISREAD_AS)
@pytest.mark.parametrize("text", REPROACHES)
def test_a_reproach_never_triggers_another_action(text, intent):
    assert intent in REPROACH_MISREADS
    assert reproach_misread(text, intent)
    during_form = intent_after(text, intent, "qpv", code_insee="69389", departement="69")
    after_list = intent_after(text, intent, None, **AFTER_LIST)
    assert during_form in ("inform", QUESTION_INTENT)
    assert after_list == QUESTION_INTENT


def test_h10_the_quartier_said_with_the_reproach_is_kept():
    """Lyon 9e is known; « la duchere » answers the QPV question: the message is information, not the fiche."""
    assert intent_after("je te l'ai deja dit la duchere", "request_summary", "qpv", code_insee="69389") == "inform"


def test_x03_a_bare_reproach_at_the_qpv_question_is_a_question_not_the_fiche():
    assert intent_after("je te l'ai deja dit", "request_summary", "qpv", code_insee="44109") == QUESTION_INTENT


@pytest.mark.parametrize(
    "text, intent",
    [
        ("je t'ai deja dit que je voulais la fiche", "request_summary"),
        ("je te l'ai deja dit, je veux recommencer", "start_over"),
        ("je te l'ai deja dit, au revoir", "goodbye"),
        ("je te l'ai deja dit, merci", "thank"),
        ("je te l'ai deja dit : vous gardez mes données ?", "ask_privacy"),
        ("je l'ai dit, je veux modifier ma réponse", "change_answer"),
    ],
)
def test_a_reproach_that_names_the_request_keeps_it(text, intent):
    assert is_reproach(text)
    assert not reproach_misread(text, intent)
    assert misread_control(text, intent, None) is None


@pytest.mark.parametrize("intent", ["stop", "erase_data"])
def test_stopping_and_erasing_always_work(intent):
    assert misread_control("je te l'ai deja dit, stop", intent, "qpv") is None


def test_every_fiche_example_of_the_nlu_data_still_gets_the_fiche():
    examples = nlu_examples("bot/nlu/control.yml", "request_summary")
    assert len(examples) > 30
    assert [e for e in examples if reproach_misread(e, "request_summary")] == []


def test_the_action_keeps_the_quartier_said_with_the_reproach():
    """h10 through action_extract_profile: « la duchere » is kept as the quartier, and the reproach heard."""
    from actions.extract_profile import ActionExtractProfile
    from orientation.wording import REPROACH_TEXT
    from tests.conftest import run_action, sdk_tracker, slots_set

    slots = {"commune": "Lyon 9e Arrondissement", "code_insee": "69389", "departement": "69"}
    t = sdk_tracker(slots, "je te l'ai deja dit la duchere", "inform", requested="qpv")
    _, events = run_action(ActionExtractProfile(), t)
    got = slots_set(events)
    assert got.get("qpv") is True and "duchere" in got.get("quartier", "").lower()
    assert REPROACH_TEXT in [note["text"] for note in got["notes"]]
