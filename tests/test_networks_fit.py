"""Standing network cards a conseiller would strike or miss, found by play-test D (issue 14, « Right
suggestions »): mobility cards for everyone, housing cards to people who did not ask, the apprenticeship /
CEJ / obligation de formation cards cut or absent. Each rule is asserted over a grid of profiles on the
real networks file, then on the profile the testers used."""

from __future__ import annotations

import itertools
from typing import Iterator, List

import pytest

from knowledge.loader import load_networks
from knowledge.profile import Profile
from orientation.formatting import BOT_NETWORKS_MAX
from orientation.matching.networks import dense_transit_area, match_networks
from tests.support.relevance_audit_f import mobility_cards_due

NETWORKS = load_networks()
MOBILITY = {"plateformes-mobilite", "aides-permis"}
HOUSING = {"fjt-habitat-jeunes", "action-logement"}
# Paris 20e, Lyon, Montpellier, Nantes, Roubaix: métropoles with dense transit; Saint-Moreil (Creuse),
# Valence, Amiens, Mamoudzou, Les Abymes: not.
# Métropoles' towns, and towns of 50 000 or more of an agglomeration (a transport authority by law): Amiens,
# Valence, Mulhouse, Corbeil-Essonnes (play-test F)
DENSE = ("75120", "69123", "34172", "44109", "59512", "80021", "26362", "68224", "91174")
# a village, small towns of an agglomeration (Guéret, Fougères), overseas agglomerations
NOT_DENSE = ("23223", "23096", "35115", "97611", "97101")


def ids(**profile: object) -> List[str]:
    return [ns.network.id for ns in match_networks(NETWORKS, Profile(**profile))]


def shown(**profile: object) -> List[str]:
    """What the bot lists: the mission locale has its own block, then the first BOT_NETWORKS_MAX."""
    return [i for i in ids(**profile) if i != "mission-locale"][:BOT_NETWORKS_MAX]


def grid() -> Iterator[Profile]:
    for place, age, besoin, permis, vehicule, logement in itertools.product(
        (*DENSE, *NOT_DENSE, None),
        (14, 15, 16, 17, 19, 24, 27, None),
        ("emploi", "formation", "apprentissage", "mobilite-permis", "logement", "ne-sait-pas", None),
        (True, False, None),
        (True, False, None),
        ("chez-parents", "heberge-tiers", "sans-domicile", "stable", None),
    ):
        yield Profile(age=age, code_insee=place, besoin=besoin, permis=permis, vehicule=vehicule, logement=logement)


# --------------------------------------------------------------------------- 1. mobility only as a barrier


def test_dense_transit_areas_are_the_metropoles_towns() -> None:
    assert all(dense_transit_area(code) for code in DENSE)
    assert not any(dense_transit_area(code) for code in NOT_DENSE)
    assert dense_transit_area(None) is None


def test_mobility_cards_only_when_mobility_blocks_the_stated_need() -> None:
    for p in grid():
        found = MOBILITY & set(ids(**p.__dict__))
        if not found:
            continue
        assert mobility_cards_due(p), (p, found)
        assert p.age is None or p.age >= 15, (p, found)
        if "aides-permis" in found:  # asked or not, only from 17 (conduite accompagnée is another thing)
            assert p.age is None or p.age >= 17, p
        if "plateformes-mobilite" in found:  # job seekers' platforms: France Travail registers from 16
            assert p.age is None or p.age >= 16, p


@pytest.mark.parametrize(
    "profile",
    [
        # a student in Montpellier who takes the tram, looking for a student job
        dict(age=22, code_insee="34172", permis=False, vehicule=False, scolarite="scolarise", besoin="emploi"),
        # a wheelchair user in Paris 20e, Master, looking for a job
        dict(age=24, code_insee="75120", permis=False, vehicule=False, handicap="rqth", besoin="emploi"),
        dict(age=21, code_insee="75119", permis=False, vehicule=False, besoin="emploi", diplome="aucun"),
        dict(age=14, code_insee="29019", permis=False, vehicule=False, besoin="apprentissage"),
        dict(age=15, code_insee="23223", permis=False, vehicule=False, besoin="formation"),
        # housing is the need: the mobility cards say nothing to it
        dict(age=23, code_insee="26362", permis=False, vehicule=False, besoin="logement"),
        # a licence holder in Nantes without a car
        dict(age=21, code_insee="44109", permis=True, vehicule=False, besoin="emploi"),
    ],
)
def test_the_play_tests_people_get_no_mobility_card(profile: dict) -> None:
    assert not MOBILITY & set(ids(**profile))


def test_mobility_cards_stay_where_mobility_blocks() -> None:
    rural = ids(age=19, code_insee="23223", permis=False, vehicule=False, besoin="emploi")
    assert set(rural) >= MOBILITY
    # in Paris too, for the person who asks for the permis
    assert set(ids(age=19, code_insee="75120", besoin="mobilite-permis")) >= MOBILITY
    assert "aides-permis" not in ids(age=15, code_insee="75120", besoin="mobilite-permis")  # never under 17
    assert "aides-permis" in ids(age=17, code_insee="75120", besoin="mobilite-permis")


# --------------------------------------------------------------------------- 2. housing cards


def test_housing_cards_only_for_a_housing_need_or_no_home() -> None:
    for p in grid():
        found = HOUSING & set(ids(**p.__dict__))
        if found:
            assert p.besoin == "logement" or p.logement == "sans-domicile", (p, found)
        if "action-logement" in found:  # renting aids: nothing to do with a night outside
            assert p.besoin == "logement" and p.logement != "sans-domicile", p


@pytest.mark.parametrize(
    "profile",
    [
        dict(age=20, code_insee="97611", besoin="formation", logement="heberge-tiers", diplome="aucun"),  # Mamoudzou
        dict(age=19, code_insee="97101", besoin="emploi", logement="heberge-tiers", diplome="bac"),  # Les Abymes
    ],
)
def test_no_foyer_for_a_young_person_living_with_family_who_asked_something_else(profile: dict) -> None:
    assert "fjt-habitat-jeunes" not in ids(**profile)


def test_housing_cards_stay_for_who_needs_them() -> None:
    assert set(ids(age=23, code_insee="93066", besoin="logement", logement="heberge-tiers")) >= HOUSING
    sleeping_out = ids(age=24, code_insee="67482", besoin="logement", logement="sans-domicile")
    assert "action-logement" not in sleeping_out
    assert shown(age=24, code_insee="67482", besoin="logement", logement="sans-domicile", diplome="aucun")[0] == (
        "siao-115"
    )


# --------------------------------------------------------------------------- 3. expected cards present and shown


def test_the_card_of_the_stated_need_is_among_those_shown() -> None:
    # 17, foyer ASE in Valence, left school, no diploma, wants an apprenticeship in a bakery
    valence = dict(
        age=17, code_insee="26362", permis=False, vehicule=False, besoin="apprentissage", logement="foyer-fjt"
    )
    assert "cfa-apprentissage" in shown(**valence, scolarite="sorti", diplome="aucun", handicap="non")
    for besoin, network in (("creation-activite", "adie"), ("mobilite-permis", "aides-permis")):
        for p in grid():  # sleeping outside, the 115 and housing come first
            if p.besoin == besoin and p.logement != "sans-domicile" and network in ids(**p.__dict__):
                assert network in shown(**p.__dict__), p


def test_the_cej_for_a_young_person_without_a_diploma_whose_schooling_is_not_said() -> None:
    # Amiens: 25, CHRS, no diploma, looking for a job
    amiens = dict(age=25, code_insee="80021", permis=False, vehicule=False, logement="foyer-fjt", diplome="aucun")
    assert "contrat-engagement-jeune" in shown(**amiens, besoin="emploi")
    # never to a pupil, nor past 25
    assert "contrat-engagement-jeune" not in ids(age=17, besoin="emploi", diplome="aucun", scolarite="scolarise")
    assert "contrat-engagement-jeune" not in ids(age=26, besoin="emploi", diplome="aucun")


def test_the_e2c_for_a_school_leaver_without_a_diploma_is_not_cut_by_two_mobility_cards() -> None:
    # live e2e: 19, Amiens (now Guéret: Amiens has its urban network, play-test F), left school, no diploma,
    # job, neither permis nor car: CEJ, mobility platforms, permis
    # aids, IAE filled the four lines and cut the École de la 2e chance, made for exactly this person
    amiens = dict(age=19, code_insee="23096", permis=False, vehicule=False, besoin="emploi", logement="chez-parents")
    listed = shown(**amiens, scolarite="sorti", diplome="aucun")
    assert "e2c" in listed and "plateformes-mobilite" in listed  # the barrier keeps one card
    assert "aides-permis" in ids(**amiens, scolarite="sorti", diplome="aucun")  # after the others, not dropped
    # the permis aids asked for by name are never pushed back
    assert shown(age=19, code_insee="23096", besoin="mobilite-permis")[:2] == ["plateformes-mobilite", "aides-permis"]


def test_the_obligation_de_formation_for_a_17_year_old_out_of_school() -> None:
    # Vaulx-en-Velin: 17, no diploma, job; « jsuis plus au lycée » never reached the profile
    vaulx = dict(age=17, code_insee="69256", permis=False, vehicule=False, besoin="emploi", diplome="aucun")
    assert "obligation-formation" in shown(**vaulx, logement="chez-parents", handicap="non")
    assert "obligation-formation" not in ids(**vaulx, scolarite="scolarise")
    assert "obligation-formation" not in ids(age=18, besoin="emploi", diplome="aucun")


# --------------------------------------------------------------------------- 5. ages of Information Jeunesse


def test_information_jeunesse_for_its_public_of_15_to_25() -> None:
    assert "information-jeunesse" not in ids(age=26, code_insee="33063", besoin="formation", minima_sociaux=True)
    assert "information-jeunesse" in ids(age=15, besoin="formation")
    assert "information-jeunesse" in ids(age=25, besoin="ne-sait-pas")


def test_past_25_the_list_sends_to_france_travail_cap_emploi_or_the_plie() -> None:
    from knowledge.loader import load_knowledge
    from orientation.formatting import intro_text
    from orientation.matching import Matcher
    from tests.support.fit_cases import TODAY

    matcher = Matcher(load_knowledge(), today=TODAY)
    for age, expected in ((27, "France Travail, Cap emploi ou du PLIE"), (20, "conseiller mission locale")):
        found = matcher.recommend(Profile(age=age, code_insee="13055", besoin="emploi"))
        assert found.local, age
        text = intro_text(found)
        assert expected in text, (age, text)
        if age > 25:
            assert "mission locale" not in text


def test_the_fiche_is_addressed_by_age() -> None:
    from knowledge.loader import load_knowledge
    from orientation.liaison import liaison_text
    from orientation.matching import Matcher
    from orientation.next_step import next_step
    from tests.support.fit_cases import TODAY

    matcher = Matcher(load_knowledge(), today=TODAY)

    def addressee(age: int) -> str:
        p = Profile(age=age, code_insee="91174", besoin="formation")
        step = next_step(p.code_insee, use_current=False, france_services=lambda code, limit: [], age=age)
        return liaison_text(p, matcher.recommend(p), today=TODAY, step=step).splitlines()[1]

    for age in (14, 15):  # still at school age: the collège, its psyEN, the CIO; the mission locale from 16
        line = addressee(age)
        assert "CIO" in line and "psychologue" in line and "à partir de 16 ans" in line, line
        assert "France Travail" not in line
    assert "France Travail, Cap emploi ou le PLIE" in addressee(27)
    assert "mission locale" in addressee(20)


def test_the_fonds_d_aide_aux_jeunes_for_18_25_year_olds_without_a_home() -> None:
    # money: the FAJ of the département (18-25 in difficulty, asked through a social worker or the mission locale)
    assert "faj" in ids(age=24, code_insee="67482", logement="sans-domicile", besoin="emploi")
    for age in (17, 26):
        assert "faj" not in ids(age=age, code_insee="67482", logement="sans-domicile")
    assert "faj" not in ids(age=20, code_insee="67482", logement="chez-parents", besoin="emploi")
    faj = next(n for n in NETWORKS if n.id == "faj")
    assert "travailleur social" in faj.comment_trouver and not any(ch.isdigit() for ch in faj.comment_trouver)
