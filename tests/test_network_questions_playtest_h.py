"""Play-test H item 10: follow-up questions about the bot's own network cards got non-answers — « cest quoi
lobligation de formation ? » (h16), « pourquoi les FJT ? » (h25), « la css cest gratuit ? » (h10), « pourquoi pas la
mission locale ? » (h08), « Pourquoi ? » after a list of cards only (h07). Each is answered with the card's own
text (orientation/network_questions.py), whatever intent the model gives the message. Written before the fix, on
the real knowledge base; real Tracker and dispatcher, no model.
"""

import pytest

from actions.after_list import ActionAnswerAfterList
from actions.conversation import ActionDefineTerm, ActionExplainQuestion
from actions.recommend import ActionSuggestionDetails, ActionSuggestionWhy
from knowledge.loader import default_knowledge
from orientation.after_list import networks_named
from orientation.matching import NetworkSuggestion
from orientation.network_questions import bare_why, network_answer
from reading.situation import parse_sujets
from tests.conftest import MARSEILLE, run_action, sdk_tracker
from tests.test_actions_after import first_list

NONE_ANSWERS = ("aucune action recensée", "Je ne connais pas encore ce mot", "Je ne sais pas répondre", "Je pose")

# Every route a follow-up can take, by the intent the model may give it.
ROUTES = [
    (ActionDefineTerm, "ask_definition"),
    (ActionSuggestionWhy, "ask_why_suggestion"),
    (ActionSuggestionDetails, "ask_details"),
    (ActionAnswerAfterList, "out_of_scope"),
    (ActionExplainQuestion, "ask_why_question"),
]

BASE = dict(MARSEILLE, permis=False, vehicule=False, handicap=False, qpv=False)
H16 = dict(BASE, age=16.0, commune="Saint-Affrique", code_insee="12208", departement="12", besoin="ne-sait-pas",
           scolarite="sorti", diplome="aucun", logement="chez-parents")  # fmt: skip
H25 = dict(BASE, age=23.0, commune="Paris 13e Arrondissement", code_insee="75113", departement="75",
           besoin="logement", logement="chez-parents", diplome="superieur")  # fmt: skip
NO_MUTUELLE = sorted(parse_sujets("jai pas de mutuelle"))
H10 = dict(BASE, age=20.0, commune="Lyon 9e Arrondissement", code_insee="69389", departement="69", qpv=True,
           besoin="mobilite-permis", sujets=NO_MUTUELLE, logement="heberge-tiers")  # fmt: skip
H08 = dict(BASE, age=28.0, commune="Orléans", code_insee="45234", departement="45", besoin="emploi", permis=True,
           logement="stable")  # fmt: skip
H07 = dict(BASE, age=26.0, commune="Toulouse", code_insee="31555", departement="31", besoin="creation-activite",
           permis=True, vehicule=True, logement="stable")  # fmt: skip


def network(network_id):
    return next(n for n in default_knowledge().networks if n.id == network_id)


def answer(profile, text, action, intent):
    state = first_list(profile)
    messages, _ = run_action(action(), sdk_tracker(state, text, intent))
    return state, "\n".join(m.get("text") or m.get("response") or "" for m in messages)


@pytest.mark.parametrize("action, intent", ROUTES)
@pytest.mark.parametrize(
    "profile, text, network_id",
    [
        (H16, "cest quoi lobligation de formation ? je dois retourner au lycee ?", "obligation-formation"),
        (H25, "pourquoi les FJT ?", "fjt-habitat-jeunes"),
        (H10, "la css cest gratuit ?", "complementaire-sante-solidaire"),
    ],
)
def test_a_question_on_a_card_shown_gets_the_card(profile, text, network_id, action, intent):
    state, said = answer(profile, text, action, intent)
    assert network_id in state["suggested_for"]["reseaux"]
    card = network(network_id)
    assert said.startswith(f"{card.nom} : {card.ce_qui_est_propose}")
    assert card.comment_trouver in said
    assert not any(bad in said for bad in NONE_ANSWERS)


def test_the_css_answer_says_its_price_from_the_card():
    _, said = answer(H10, "la css cest gratuit ?", ActionAnswerAfterList, "out_of_scope")
    assert "gratuite, ou 8 € par mois" in network("complementaire-sante-solidaire").ce_qui_est_propose
    assert "gratuite, ou 8 € par mois" in said


def test_why_a_card_shown_gives_its_reasons():
    _, said = answer(H25, "pourquoi les FJT ?", ActionSuggestionWhy, "ask_why_suggestion")
    assert "\nPourquoi : " in said


@pytest.mark.parametrize("action, intent", ROUTES)
def test_why_not_the_mission_locale_at_28_says_why_not(action, intent):
    state, said = answer(H08, "pourquoi pas la mission locale ?", action, intent)
    assert "mission-locale" not in state["suggested_for"]["reseaux"]
    assert said.startswith("Je ne vous ai pas proposé « Mission locale »")
    assert "25 ans" in said
    assert not any(bad in said for bad in NONE_ANSWERS)


@pytest.mark.parametrize("action, intent", ROUTES)
def test_a_bare_why_after_a_list_of_cards_answers_for_the_first_line(action, intent):
    state, said = answer(H07, "Pourquoi ?", action, intent)
    assert state["suggestions"] == []
    first = network(state["suggested_for"]["reseaux"][0])
    assert said.startswith(f"{first.nom} : ")
    assert "\nPourquoi : " in said
    assert not any(bad in said for bad in NONE_ANSWERS)


# --------------------------------------------------------------------------- the one lookup, on every card


@pytest.mark.parametrize(
    "text, network_id",
    [
        ("c quoi la CSS", "complementaire-sante-solidaire"),
        ("pk les fjt", "fjt-habitat-jeunes"),
        ("cest quoi le cej", "contrat-engagement-jeune"),
        ("l'E2C c'est gratuit ?", "e2c"),
        ("pourquoi lepide", "epide"),
        ("c quoi l IAE", "siae-iae"),
        ("le carif-oref c'est quoi", "offre-formation-region"),
        ("cest quoi lobligation de formation", "obligation-formation"),
    ],
)
def test_every_card_is_named_by_its_name_or_its_initials(text, network_id):
    assert [n.id for n in networks_named(text, default_knowledge().networks)] == [network_id]


def test_every_card_is_named_by_its_own_name():
    networks = default_knowledge().networks
    for card in networks:
        assert card in networks_named(f"c'est quoi {card.nom} ?", networks), card.id


@pytest.mark.parametrize("text", ["je cherche un emploi", "merci", "pourquoi le 2", "c'est loin ?"])
def test_messages_about_no_card_get_no_card(text):
    kb = default_knowledge()
    shown = [NetworkSuggestion(n, ()) for n in kb.networks[:3]]
    assert network_answer(text, shown, kb.networks, kb.glossary) is None


def test_a_bare_why_with_actions_listed_is_left_to_the_actions():
    kb = default_knowledge()
    shown = [NetworkSuggestion(n, ()) for n in kb.networks[:3]]
    assert bare_why("Pourquoi ?") and bare_why("mais pk")
    assert network_answer("Pourquoi ?", shown, kb.networks, kb.glossary, has_local=True) is None


def test_what_is_a_term_the_glossary_defines_keeps_the_glossary():
    kb = default_knowledge()
    cej = network("contrat-engagement-jeune")
    assert network_answer("c'est quoi le CEJ ?", [NetworkSuggestion(cej, ())], kb.networks, kb.glossary) is None


def test_the_card_is_said_of_the_person_to_a_conseiller():
    _, said = answer(dict(H10, interlocuteur="conseiller"), "la css cest gratuit ?", ActionAnswerAfterList,
                     "out_of_scope")  # fmt: skip
    assert "gratuite" in said and "Pourquoi : La personne n'a pas de mutuelle" in said
    assert "Vous n'avez" not in said


def test_during_the_questionnaire_a_card_s_name_is_a_known_word():
    t = sdk_tracker({"age": 16.0}, "cest quoi lobligation de formation ?", "ask_definition", requested="besoin")
    messages, _ = run_action(ActionDefineTerm(), t)
    said = "\n".join(m.get("text") or m.get("response") or "" for m in messages)
    assert said.startswith("Obligation de formation des 16-17 ans : ")
