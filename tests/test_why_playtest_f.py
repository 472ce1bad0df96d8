"""Issue 14, play-test F: the lines a conseiller struck, on the real knowledge base (transcripts in the notes of
session 6). Each test is one struck line and the rule that keeps it out, checked on the served matcher."""

from __future__ import annotations

import re

import pytest

from knowledge.profile import Profile
from orientation import formatting
from orientation.matching import Matcher
from orientation.matching.networks import dense_transit_area
from orientation.voice import PERSONNE, VOUS, in_voice

MARSEILLE_3E, NANCY, BRIVE, MULHOUSE, CORBEIL, LYON_7E = "13203", "54395", "19031", "68224", "91174", "69387"


def _ids(found) -> set:
    return {s.initiative.id for s in found.local}


def _networks(found) -> set:
    return {ns.network.id for ns in found.networks}


def test_f12_deaf_person_gets_no_psychiatric_action_and_no_false_training_reason(served: Matcher) -> None:
    """20, deaf, Marseille 3e, wants a compta training: Working first 13 is for psychiatric disability only
    (« personnes en situation de handicap psychique »), and the Gavotte-Peyret space is a documentation room
    and CV help, not help to find a training."""
    p = Profile(age=20, code_insee=MARSEILLE_3E, besoin="formation", handicap="oui-sans-rqth", diplome="bac")
    found = served.recommend(p)
    assert "marseille-working-first-13-handicap-psychique" not in _ids(found)
    for s in found.local:
        if s.initiative.id == "septemes-gavotte-peyret-espace-insertion":
            assert not any("formation" in reason for reason in s.reasons), s.reasons
    # known handicap kind or not, no record reserved to one kind of handicap is ever offered
    with_rqth = served.recommend(Profile(age=23, code_insee="13055", besoin="emploi", handicap="rqth"))
    assert "marseille-working-first-13-handicap-psychique" not in _ids(with_rqth)


def test_f19_cariste_seeker_gets_no_one_trade_mediation_ensemble(served: Matcher) -> None:
    """29, Nancy, RSA, cariste training: Prolepsis trains for social mediation only."""
    for secteur in (None, "logistique-transport"):
        p = Profile(age=29, code_insee=NANCY, besoin="formation", minima_sociaux=True, secteur=secteur)
        assert "grand-nancy-prolepsis-mediation-sociale" not in _ids(served.recommend(p))


def test_f02_permis_holder_gets_no_permis_course(served: Matcher) -> None:
    """22, Brive, permis B but no car, job in coiffure: the Brive permis course is for people without it."""
    p = Profile(age=22, code_insee=BRIVE, besoin="emploi", permis=True, vehicule=False, diplome="cap-bep")
    found = served.recommend(p)
    assert "brive-apprentissage-conduite-insertion" not in _ids(found)
    assert "aides-permis" not in _networks(found)
    # the same person without the permis may still be offered it (the rule is the permis, not the place)
    without = served.recommend(Profile(age=22, code_insee=BRIVE, besoin="mobilite-permis", permis=False))
    assert "brive-apprentissage-conduite-insertion" in _ids(without)


@pytest.mark.parametrize("code", [MULHOUSE, CORBEIL])
def test_f14_no_mobility_card_in_a_town_with_its_own_transit(served: Matcher, code: str) -> None:
    """17, in a foyer in Mulhouse / in Corbeil-Essonnes, apprenticeship, never spoke of transport: towns of an
    agglomeration (a transport authority by law) above the density threshold."""
    assert dense_transit_area(code) is True
    p = Profile(age=17, code_insee=code, besoin="apprentissage", permis=False, vehicule=False, scolarite="sorti")
    found = served.recommend(p)
    assert not _networks(found) & {"plateformes-mobilite", "aides-permis"}
    # said by the person, the mobility need still opens them
    asked = served.recommend(Profile(age=17, code_insee=code, besoin="mobilite-permis", permis=False))
    assert "plateformes-mobilite" in _networks(asked)


def test_no_permis_aid_card_under_17(served: Matcher) -> None:
    """The permis aids card never under 17 (conduite accompagnée is another thing), even when asked."""
    for age in (15, 16):
        found = served.recommend(Profile(age=age, code_insee="23096", besoin="mobilite-permis", permis=False))
        assert "aides-permis" not in _networks(found)
    found = served.recommend(Profile(age=18, code_insee="23096", besoin="mobilite-permis", permis=False))
    assert "aides-permis" in _networks(found)


def test_f18_no_action_of_another_departement_where_the_network_is_closer(served: Matcher) -> None:
    """19, Lyon 7e, restaurant work: Perm'IAE (an intérim d'insertion of the southern Loire) is an IAE
    structure; the IAE exist near everyone (the network card), so another département's is never offered."""
    p = Profile(age=19, code_insee=LYON_7E, besoin="emploi")
    found = served.recommend(p)
    assert "saint-etienne-idees-interim-perm-iae-sud-loire" not in _ids(found)


# --------------------------------------------------------------------------- voice of the network texts


def test_network_texts_for_a_conseiller_speak_of_the_person(served: Matcher) -> None:
    """Every network text of the list and of the fiche, said to a conseiller, speaks of « la personne »:
    no « votre commune », no « vous aident », no « avec vous » (play-test F, f04, f07, f14, f17)."""
    from knowledge.loader import load_knowledge

    second_person = re.compile(r"\b(?:vous|votre|vos|vôtre)\b", re.IGNORECASE)
    # a conseiller may still be told « adressez-vous » (they go), and « rendez-vous » is a noun
    allowed = ("adressez-vous", "rendez-vous", "que vous accompagnez")
    wrong_gender = re.compile(r"\b[Ss]on (?:mairie|santé|propre activité|commune|ville|famille)\b")
    for network in load_knowledge().networks:
        for text in (network.comment_trouver, network.quand, network.ce_qui_est_propose):
            said = in_voice(text or "", PERSONNE)
            kept = said.lower()
            for phrase in allowed:
                kept = kept.replace(phrase, "")
            assert not second_person.findall(kept), (network.id, said)
            assert not wrong_gender.search(said), (network.id, said)
    cej = next(n for n in load_knowledge().networks if n.id == "contrat-engagement-jeune")
    assert "la mission locale de sa commune" in in_voice(cej.comment_trouver, PERSONNE)
    assert in_voice(cej.comment_trouver, VOUS) == cej.comment_trouver


def test_list_and_fiche_in_the_conseiller_voice(served: Matcher) -> None:
    from orientation.liaison import liaison_text
    from orientation.next_step import next_step, next_step_text
    from orientation.place_wording import FIND_MISSION_LOCALE

    p = Profile(age=17, code_insee=CORBEIL, besoin="apprentissage", scolarite="sorti", diplome="aucun")
    found = served.recommend(p)
    shown, _ = formatting.split_networks(found.networks)
    to_conseiller = formatting.networks_text(shown, voice=PERSONNE)
    assert "votre commune" not in to_conseiller and "Votre" not in to_conseiller
    assert formatting.networks_text(shown) == formatting.networks_text(shown, voice=VOUS)
    for ns in found.networks:  # a card asked for by name (« pourquoi le CEJ ? »), its reasons included
        card = formatting.network_text(ns, PERSONNE)
        assert "votre" not in card.lower() and "Vous avez" not in card, card
    step = next_step(p.code_insee, age=17)
    if step.site is None:  # no hosting site known: the paragraph on finding one's mission locale
        assert FIND_MISSION_LOCALE in next_step_text(step)
        assert FIND_MISSION_LOCALE not in next_step_text(step, voice=PERSONNE)
    fiche = liaison_text(p, found, step=step, voice=PERSONNE)
    assert "de votre commune" not in fiche and "chaque commune est rattachée" not in fiche
    assert "de sa commune" in fiche
    assert "de votre commune" in liaison_text(p, found, step=step)  # to the young person, the list's words


def test_every_record_for_one_kind_of_handicap_says_so_in_its_restrictions() -> None:
    """The data audit of the fault class (all 124 records, not the three of play-test F): access conditions
    that name one kind of handicap go with `handicap-un-type`, so the record never opens on « handicap »."""
    from knowledge.loader import load_knowledge
    from tests.support.relevance_audit_f import ONE_KIND

    records = load_knowledge().initiatives
    named = {r.id for r in records if ONE_KIND.search(r.eligibilite.conditions_acces or "")}
    tagged = {r.id for r in records if "handicap-un-type" in r.eligibilite.reserve_a}
    assert named == tagged
    assert "marseille-working-first-13-handicap-psychique" in tagged and len(tagged) == 4
