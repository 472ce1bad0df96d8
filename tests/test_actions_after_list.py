"""After the list, play-test D (issue 14 item 6): a follow-up question never gets the same list back as if it
had been answered; a term it names gets its entry; « pourquoi ? » without a number; the unknown-word answer only
for « c'est quoi X ». Real Tracker and dispatcher (tests/conftest.py), no server."""

from typing import Any, Dict, List

import pytest

from actions.after_list import ActionAnswerAfterList
from actions.conversation import ActionDefineTerm
from actions.recommend import ActionRecommend
from orientation.wording import CONSEILLER_BUTTON, UNCHANGED_TEXT, WHICH_WHY_TEXT
from tests.test_actions_after import MARSEILLE, first_list, listed, run, tracker

# Amiens Nord, 25, in a CHRS: the base has no local action for this profile, only networks (d30).
AMIENS = dict(
    MARSEILLE,
    commune="Amiens",
    code_insee="80021",
    departement="80",
    age=25.0,
    logement="foyer-fjt",
    qpv=True,
    quartier="Amiens Nord",
)


def buttons_of(action, t) -> List[Dict[str, Any]]:
    from tests.conftest import run_action

    messages, _ = run_action(action, t)
    return [b for m in messages for b in m.get("buttons") or []]


def test_an_empty_list_is_not_resent_when_nothing_changed():
    state = first_list(AMIENS)
    assert state["suggestions"] == []
    messages, _ = run(ActionRecommend(), tracker(state, "Vous ne proposez pas le CEJ ?", "refine_suggestions"))
    assert not any(m.startswith("Je n'ai pas trouvé d'action") for m in messages)
    assert not any(m.startswith("À contacter aussi") for m in messages)
    assert messages[-1] == UNCHANGED_TEXT


CEJ_ENTRY, WHY_ANSWER = "CEJ (Contrat d'engagement jeune)", "Pourquoi je vous la propose"


@pytest.mark.parametrize(
    "profile, action, text, intent, first",
    [
        # A term named in a follow-up gets its entry before the honest sentence.
        (AMIENS, ActionRecommend, "Vous ne proposez pas le CEJ ?", "refine_suggestions", CEJ_ENTRY),
        # « pourquoi le 1 » with a remark is a why, not an unknown word.
        (MARSEILLE, ActionDefineTerm, "pourquoi le 1 ? c'est pas du logement", "ask_definition", WHY_ANSWER),
    ],
)
def test_a_follow_up_is_answered_first_with(profile, action, text, intent, first):
    messages, _ = run(action(), tracker(first_list(profile), text, intent))
    assert messages[0].startswith(first)


def test_the_honest_sentence_offers_the_next_steps_and_a_conseiller():
    state = first_list(AMIENS)
    titles = [b["title"] for b in buttons_of(ActionRecommend(), tracker(state, "et alors ?", "refine_suggestions"))]
    assert "Fiche pour mon conseiller" in titles and CONSEILLER_BUTTON["title"] in titles


def test_a_new_need_still_shows_the_new_networks():
    # The same (empty) local list, but other networks: the new answer is shown, not « restent les mêmes ».
    state = first_list(AMIENS)
    messages, _ = run(ActionRecommend(), tracker(dict(state, besoin="creation-activite"), "créer ma boîte"))
    assert any(m.startswith("À contacter aussi") for m in messages)


def test_cap_emploi_or_mission_locale_gets_both_entries():
    state = first_list(AMIENS)
    t = tracker(state, "Vaut-il mieux aller à Cap emploi ou à la mission locale ?", "nlu_fallback")
    messages, _ = run(ActionAnswerAfterList(), t)
    assert messages[0].startswith("Cap emploi") and messages[1].startswith("Mission locale")
    assert not listed(messages)


def test_why_without_a_number_among_several_asks_which_with_buttons():
    state = first_list(MARSEILLE)
    assert len(state["suggestions"]) >= 2
    t = tracker(state, "pourquoi ?", "nlu_fallback")
    messages, _ = run(ActionAnswerAfterList(), t)
    assert messages == [WHICH_WHY_TEXT]
    payloads = [b["payload"] for b in buttons_of(ActionAnswerAfterList(), t)]
    assert payloads[0] == f'/ask_why_suggestion{{"suggestion": "{state["suggestions"][0]}"}}'


def test_a_question_the_bot_cannot_answer_is_said_honestly_with_next_steps():
    state = first_list(AMIENS)
    t = tracker(state, "et pour l'argent y a pas une aide pour les jeunes ?", "out_of_scope")
    messages, _ = run(ActionAnswerAfterList(), t)
    assert messages and not messages[0].startswith("Désolé, je ne sais pas répondre")
    assert CONSEILLER_BUTTON in buttons_of(ActionAnswerAfterList(), t)


def test_a_real_question_is_not_answered_with_the_unknown_word_sentence():
    state = first_list(AMIENS)
    t = tracker(state, "et pour le logement tu as quoi ? c'est urgent mon pote va me virer", "ask_definition")
    from tests.conftest import run_action

    sent, _ = run_action(ActionDefineTerm(), t)
    assert not any(m.get("response") == "utter_term_unknown" for m in sent)


def test_c_est_quoi_an_unknown_word_still_says_so():
    from tests.conftest import run_action

    sent, _ = run_action(ActionDefineTerm(), tracker({}, "c'est quoi un zorglub ?", "ask_definition"))
    assert [m.get("response") for m in sent] == ["utter_term_unknown"]


def test_a_person_who_finds_french_hard_is_answered_kindly_in_french_during_the_questionnaire():
    from actions.conversation import ActionHorsSujet
    from orientation.wording import term_note

    t = tracker({"age": 20.0}, "je parle pas bien le francais", "out_of_scope")
    t.active_loop = {"name": "profile_form"}
    messages, _ = run(ActionHorsSujet(), t)
    assert messages[0].startswith("FLE") and messages[-1] == term_note("fle")


def test_a_definition_of_a_reading_term_comes_with_the_kind_note():
    from orientation.wording import term_note

    messages, _ = run(ActionDefineTerm(), tracker({}, "c'est quoi l'illettrisme ?", "ask_definition"))
    assert messages == [messages[0], term_note("illettrisme")] and messages[0].startswith("Illettrisme")


def test_urgent_housing_after_the_list_takes_the_need_and_gives_the_115_first():
    from tests.conftest import run_action

    state = first_list(AMIENS)
    t = tracker(state, "et pour le logement tu as quoi ? c'est urgent mon pote va me virer", "ask_definition")
    sent, events = run_action(ActionDefineTerm(), t)
    assert sent[0]["response"] == "utter_urgence_sans_abri" and sent[0]["num_115"] == "115"
    assert {"besoin": "logement", "urgence_donnee": True}.items() <= slots_of(events).items()
    # The new list in the same action (a FollowupAction met the policies' fallback, whose rewind undid the need)
    assert not any(e.get("event") == "followup" for e in events)
    assert slots_of(events)["suggested_for"]["besoin"] == "logement"
    texts = [m.get("text") or "" for m in sent]
    assert any(t.startswith("Que voulez-vous faire maintenant") for t in texts), texts


def slots_of(events):
    from tests.conftest import slots_set

    return slots_set(events)


def test_closer_with_no_action_listed_says_the_places_given_are_the_closest_known():
    # Play-test D d21/d25: « plus près » after a list with no local action sent it all again.
    from orientation.wording import NOTHING_CLOSER_TEXT

    state = first_list(AMIENS)
    messages, _ = run(ActionRecommend(), tracker(dict(state, plus_pres=True), "rien plus près ?", "refine_suggestions"))
    assert NOTHING_CLOSER_TEXT in messages and not listed(messages)
    assert not any(m.startswith("À contacter aussi") for m in messages)


def test_a_conseiller_is_not_offered_to_talk_to_a_conseiller():
    state = first_list(AMIENS)
    t = tracker(dict(state, interlocuteur="conseiller"), "et pour l'argent ?", "out_of_scope")
    assert CONSEILLER_BUTTON not in buttons_of(ActionAnswerAfterList(), t)
