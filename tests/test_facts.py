"""read_facts: one message → slot updates, as action_extract_profile applies them."""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.profile import BESOINS, LOGEMENTS, MESSAGE_SLOTS
from reading.facts import read_facts
from reading.quartier import should_ask_qpv

TODAY = date(2026, 11, 25)


def facts(text, **kwargs):
    return read_facts(text, today=TODAY, **kwargs)


def test_several_facts_in_one_message():
    result = facts("jai 19 ans jhabite a vaulx en velin g pa le permi", intent="inform")
    assert result.slots["age"] == 19
    assert result.slots["commune"] == "Vaulx-en-Velin"
    assert result.slots["code_insee"] == "69256"
    assert result.slots["departement"] == "69"
    assert result.slots["permis"] is False
    assert result.rejected is None


def test_everything_at_once():
    result = facts(
        "Bonjour, j'ai 20 ans, je cherche du travail, j'habite à Fougères chez mes parents, "
        "j'ai pas le permis ni de voiture et pas de handicap",
        intent="inform",
    )
    assert result.slots["besoin"] == "emploi"
    assert result.slots["age"] == 20
    assert result.slots["code_insee"] == "35115"
    assert result.slots["logement"] == "chez-parents"
    assert result.slots["permis"] is False
    assert result.slots["handicap"] is False and result.slots["rqth"] is False


def test_a_partial_commune_entity_does_not_hide_the_whole_answer():
    result = facts(
        "saint denis", entities=[{"entity": "commune", "value": "saint"}], intent="inform", requested_slot="commune"
    )
    assert {"93066", "97411"} <= set(result.slots["commune_candidates"])


def test_an_entity_that_is_not_yes_or_no_falls_back_to_the_text():
    result = facts(
        "j'ai pas le permis ni de voiture", entities=[{"entity": "vehicule", "value": "de voiture"}], intent="inform"
    )
    assert result.slots["permis"] is False and result.slots["vehicule"] is False


def test_button_payload_entities_are_trusted():
    result = facts('/inform{"besoin": "emploi"}', entities=[{"entity": "besoin", "value": "emploi"}], intent="inform")
    assert result.slots == {"besoin": "emploi"}


def test_homonyms_give_candidates_not_a_commune():
    result = facts("saint denis", intent="inform", requested_slot="commune")
    assert "commune" not in result.slots
    assert {"93066", "97411"} <= set(result.slots["commune_candidates"])


def test_homonym_button_gives_the_commune():
    result = facts(
        '/inform{"code_insee": "93066"}', entities=[{"entity": "code_insee", "value": "93066"}], intent="inform"
    )
    assert result.slots["commune"] == "Saint-Denis" and result.slots["departement"] == "93"


def test_departement_in_parentheses_settles_a_homonym():
    result = facts("Saint-Denis (93)", intent="inform", requested_slot="commune")
    assert result.slots["code_insee"] == "93066"


def test_postal_code_when_asked():
    assert facts("35300", intent="inform", requested_slot="commune").slots["commune"] == "Fougères"


def test_unknown_commune_is_rejected_kindly_only_when_asked():
    assert facts("Trifouillis-les-Oies", intent="inform", requested_slot="commune").rejected.startswith("commune:")
    assert facts("je cherche du taf", intent="inform").rejected is None


def test_yes_no_answers_the_question_asked():
    assert facts("oui", intent="affirm", requested_slot="permis").slots == {"permis": True}
    assert facts("nan", intent="deny", requested_slot="vehicule").slots == {"vehicule": False}
    assert facts("non", intent="deny", requested_slot="handicap").slots == {"handicap": False, "rqth": False}
    assert facts("oui", intent="affirm", requested_slot="rqth").slots == {"rqth": True}


def test_decline_and_dont_know_skip_the_question():
    assert facts("je préfère ne pas répondre", intent="decline", requested_slot="handicap").skipped == ["handicap"]
    assert facts("je sais pas", intent="dont_know", requested_slot="qpv").skipped == ["qpv"]
    assert facts("je sais pas", intent="dont_know", requested_slot="besoin").slots == {"besoin": "ne-sait-pas"}


def test_quartier_name_as_answer_to_the_qpv_question():
    result = facts("la Villeneuve", intent="inform", requested_slot="qpv")
    assert result.slots == {"quartier": "la Villeneuve"}


def test_corrections_are_plain_facts():
    assert facts("en fait j'ai 18 ans", intent="inform").slots == {"age": 18}
    assert facts("non j'habite à Lyon", intent="inform").slots["commune"] == "Lyon"


def test_nonsense_while_a_question_is_asked_is_rejected():
    assert facts("blablabla", intent="nlu_fallback", requested_slot="age").rejected == "age:?"


def test_qpv_question_only_for_towns():
    assert should_ask_qpv("69256")  # Vaulx-en-Velin
    assert not should_ask_qpv("01001")  # a village of a few hundred people
    assert not should_ask_qpv(None)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200),
    st.sampled_from([None, "besoin", "age", "commune", "qpv", "permis", "vehicule", "logement", "handicap", "rqth"]),
    st.sampled_from(["inform", "affirm", "deny", "decline", "dont_know", "nlu_fallback", None]),
)
def test_read_facts_never_crashes_and_only_sets_known_slots(text, requested, intent):
    result = facts(text, intent=intent, requested_slot=requested)
    assert set(result.slots) <= set(MESSAGE_SLOTS)


# ------------------------------------------------------------------ one extraction path (see reading/facts.py)


def _synonym_cases():
    """(fact, value, example) for every profile synonym of bot/nlu/synonyms.yml: the NLU keeps them for the
    model, the parsers must read them all, so that the two readings cannot drift apart."""
    import re
    from pathlib import Path

    lines = (
        (Path(__file__).resolve().parents[1] / "bot" / "nlu" / "synonyms.yml").read_text(encoding="utf-8").splitlines()
    )
    facts_of = {
        **{place: "logement" for place in LOGEMENTS},
        "rqth": "handicap",
        "oui-sans-rqth": "handicap",
        **{need: "besoin" for need in BESOINS},
    }
    cases, fact, value = [], None, None
    for line in lines:
        comment = re.match(r"# (\w+): ", line)
        synonym = re.match(r"- synonym: (\S+)", line)
        example = re.match(r"    - (.+)$", line)
        if comment:
            fact = comment.group(1)
        elif synonym:
            value = synonym.group(1)
            fact = facts_of.get(value, fact)
        elif example and value:
            cases.append((fact, value, example.group(1)))
    return cases


# Spans that only mean something inside the sentence the NLU tagged them in.
_SPANS_ONLY = {"j'ai eu le code et la conduite", "j'ai une vieille clio"}
_EXPECTED = {
    "permis": {"oui": {"permis": True}, "non": {"permis": False}},
    "vehicule": {"oui": {"vehicule": True}, "non": {"vehicule": False}},
    "handicap": {
        "non": {"handicap": False, "rqth": False},
        "rqth": {"handicap": True, "rqth": True},
        "oui-sans-rqth": {"handicap": True, "rqth": None},
    },
}


def test_every_nlu_synonym_is_read_by_the_parsers():
    cases = _synonym_cases()
    assert len(cases) > 300
    wrong = []
    for fact, value, example in cases:
        if example in _SPANS_ONLY:
            continue
        slots = facts(example, intent="inform", requested_slot=fact).slots
        expected = _EXPECTED.get(fact, {}).get(value, {fact: value})
        if value == "oui-sans-rqth" and re.search(r"\b(?:pas (?:de |la )?|sans )rqth\b", example.lower()):
            expected = {**expected, "rqth": False}  # « … mais pas de RQTH » said: not asked again (play-test D)
        if value == "oui-sans-rqth" and re.search(
            r"\b(?:demande|en cours|attente|attends|dossier mdph)\b", example.lower()
        ):
            expected = {**expected, "rqth": False}  # requested, not granted: not asked again (play-test G g20)
        if any(slots.get(name, "absent") != wanted for name, wanted in expected.items()):  # pragma: no branch
            wrong.append((fact, value, example, {k: slots.get(k) for k in expected}))
    assert wrong == []


# ------------------------------------------------------------------ issue 16: numbers, needs, emoji, long messages


def test_a_number_after_a_place_never_changes_the_age():
    assert "age" not in facts("paris 18", intent="inform").slots
    assert "age" not in facts("26", intent="inform", requested_slot="commune").slots
    assert "age" not in facts("93", intent="inform", requested_slot="commune").slots


def test_the_nlu_age_entity_is_not_read():
    # The model tagged « 26 » (a département, answering the commune question) as an age.
    result = facts("26", entities=[{"entity": "age", "value": "26"}], intent="inform", requested_slot="commune")
    assert "age" not in result.slots


def test_typed_text_is_read_by_the_parsers_not_by_the_entities():
    # The entity says « stable » for « un appart », the parser knows it is what the person looks for.
    result = facts("je cherche un appart", entities=[{"entity": "logement", "value": "stable"}], intent="inform")
    assert result.slots == {"besoin": "logement"}


def test_age_phrases_in_third_person_for_conseillers():
    result = facts("il a 19 ans, il vit chez ses parents, il a pas le permis", intent="inform")
    assert result.slots["age"] == 19 and result.slots["logement"] == "chez-parents" and result.slots["permis"] is False


def test_a_birth_date_gives_the_age_at_today():
    assert facts("je suis né le 3 mars 2006", intent="inform").slots["age"] == 20
    assert facts("03/03/2006", intent="inform", requested_slot="age").slots["age"] == 20


@pytest.mark.parametrize("intent", ["affirm", "deny", "goodbye", None])
def test_a_thumbs_up_answers_yes_whatever_the_intent(intent):
    assert facts("👍", intent=intent, requested_slot="permis").slots == {"permis": True}
    assert facts("👎", intent=intent, requested_slot="vehicule").slots == {"vehicule": False}


def test_a_3000_character_message_keeps_the_facts_of_its_last_sentence():
    story = (
        "Bonjour, je vous explique ma situation, c'est compliqué. "
        + "Ça fait longtemps que je galère avec tout ça. " * 65
    )
    text = story + "Bref : 20 ans, Grenoble, formation"
    assert len(text) >= 3000
    result = facts(text, intent="inform")
    assert result.slots["age"] == 20 and result.slots["besoin"] == "formation"
    assert result.slots.get("commune") == "Grenoble"


def test_schooling_and_diploma_from_any_message():
    result = facts("j'ai 17 ans, j'ai arrêté l'école en 1ère, pas de diplôme", intent="inform")
    assert result.slots["scolarite"] == "sorti" and result.slots["diplome"] == "aucun" and result.slots["age"] == 17
    assert facts("jsui en 2nde", intent="inform").slots == {"scolarite": "scolarise"}


def test_diploma_answer_and_button():
    assert facts("cap cuisine", intent="inform", requested_slot="diplome").slots == {"diplome": "cap-bep"}
    assert facts("BTS", intent="inform", requested_slot="diplome").slots == {"diplome": "superieur"}
    assert facts(
        '/inform{"diplome": "bac"}', entities=[{"entity": "diplome", "value": "bac"}], intent="inform"
    ).slots == {"diplome": "bac"}
    assert (
        facts(
            '/inform{"diplome": "licence"}', entities=[{"entity": "diplome", "value": "licence"}], intent="inform"
        ).slots
        == {}
    )
    assert facts("je préfère ne pas répondre", intent="decline", requested_slot="diplome").skipped == ["diplome"]
