"""Lines play-testers still struck in round C (issue 14), each asserted by its rule over a grid of profiles on
the real base, then on the profile the testers used:

1. a job-placement action for a 15-year-old (nobody is employed before 16: knowledge/data/ages-legaux.yaml);
2. one employer's own recruitment (Casino) as the only job line for a vente seeker;
3. another mission locale's (or a town's) action « dans votre département » for someone outside its territory;
4. EPIDE (all its centres in metropolitan France) proposed overseas;
5. cities with only networks still get a concrete place to go (France services), truthfully placed.
"""

from __future__ import annotations

import dataclasses
from typing import List

import pytest

from knowledge import geo
from knowledge.legal_ages import legal_ages
from knowledge.loader import KnowledgeBase
from knowledge.profile import Profile
from orientation import formatting
from orientation.matching import Matcher, criteria, eligibility, territory
from orientation.matching.places import closest_km
from orientation.next_step import next_step
from tests.support.fit_cases import by_id, ids, profiles
from tests.support.relevance_audit_reach import check_networks_round_c, check_round_c


@pytest.fixture(scope="module")
def answers(served: Matcher) -> List[tuple]:
    return [(p, s) for p in profiles() for s in served.recommend(p).local]


# --------------------------------------------------------------------------- 1. legal working age

ADELIS = "nantes-adelis-emploi-intermediation-fjt"


def test_the_legal_age_is_data_with_its_article() -> None:
    (rule,) = [r for r in legal_ages() if r.id == "emploi"]
    assert rule.age_min == 16 and "L4153-1" in rule.source


def test_adelis_states_no_age_of_its_own(served_kb: KnowledgeBase) -> None:
    """Checked first: the record admits nobody younger; the law decides."""
    adelis = by_id(served_kb, ADELIS)
    assert adelis.eligibilite.age_min is None and eligibility.legal_floor(adelis) == 16


def test_no_job_placement_before_16(served: Matcher, answers: List[tuple]) -> None:
    assert ADELIS not in ids(served, age=15, code_insee="44109", besoin="emploi")
    assert ADELIS in ids(served, age=16, code_insee="44109", besoin="emploi")
    assert ADELIS in ids(served, code_insee="44109", besoin="emploi")  # an unknown age is not « under 16 »
    for p, s in answers:
        if p.whole_age < 16:
            assert eligibility.legal_floor(s.initiative) <= p.whole_age, (p, s.initiative.id)


def test_a_record_that_admits_younger_people_keeps_its_word(served_kb: KnowledgeBase) -> None:
    adelis = by_id(served_kb, ADELIS)
    younger = dataclasses.replace(adelis, eligibilite=dataclasses.replace(adelis.eligibilite, age_min=14))
    assert eligibility.passes_hard_rules(younger, Profile(age=15, besoin="emploi"), None)
    assert not eligibility.passes_hard_rules(adelis, Profile(age=15, besoin="emploi"), None)


def test_training_or_orientation_themes_keep_an_action_open_at_15(served_kb: KnowledgeBase) -> None:
    adelis = by_id(served_kb, ADELIS)
    mixed = dataclasses.replace(adelis, thematiques=(*adelis.thematiques, "se-former--trouver-sa-formation"))
    assert eligibility.legal_floor(mixed) == 0


# --------------------------------------------------------------------------- 2. one employer's programme

CASINO = "groupe-casino-recrutement-diversite-quartiers"
VENTE_PLACES = ("42218", "69123", "13055", "29103", "44109", "59512", "75118", "31555", "72181", "97411")


def test_an_employers_programme_is_never_the_only_job_line(served: Matcher) -> None:
    for place in VENTE_PLACES:
        for age in (17, 19, 23):
            for diplome in (None, "aucun", "bac"):
                found = served.recommend(
                    Profile(age=age, code_insee=place, besoin="emploi", secteur="vente", diplome=diplome)
                ).local
                if CASINO in [s.initiative.id for s in found]:
                    others = [s for s in found if s.initiative.id != CASINO]
                    assert any("besoin:emploi" in s.criteria for s in others), (place, age, diplome)
    # Quimperlé: nothing else serves the need there, so the networks carry it and Casino is not shown
    assert CASINO not in ids(served, age=19, code_insee="29103", besoin="emploi", secteur="vente", diplome="bac")


def test_an_employers_programme_says_it_is_one_employers(served: Matcher) -> None:
    found = served.recommend(Profile(age=19, code_insee="42218", besoin="emploi", secteur="vente", diplome="bac"))
    (casino,) = [s for s in found.local if s.initiative.id == CASINO]
    assert "employeur" in casino.criteria
    assert any("un seul employeur (Groupe Casino)" in reason for reason in casino.reasons)
    assert found.local[-1].initiative.id == CASINO  # below the line that serves every employer's jobs
    assert {"mission-locale", "france-travail"} <= {n.network.id for n in found.networks}


def test_the_employer_rule_is_one_entry_of_the_criteria_table() -> None:
    (entry,) = [c for c in criteria.CRITERIA if not c.shown_alone]
    assert entry.key == "employeur"


# --------------------------------------------------------------------------- 3. another territory's action


def test_another_mission_locales_action_is_not_offered_far_from_its_territory(served: Matcher) -> None:
    rennes = "rennes-mission-locale-conseillers-issus-des-quartiers"
    assert rennes not in ids(served, age=20, code_insee="29103", besoin="emploi")  # Quimperlé, 195 km
    assert rennes not in ids(served, age=20, code_insee="35115", besoin="emploi", vehicule=False)  # Fougères
    juby = "montelimar-juby-interim-permanences-mission-locale"
    assert juby not in ids(served, age=19, code_insee="69123", besoin="emploi")  # Lyon, 134 km


def test_an_action_whose_territory_the_record_does_not_locate_is_not_claimed(served_kb: KnowledgeBase, served: Matcher):
    artois = by_id(served_kb, "artois-mission-locale-mobilite-bretagne")
    assert not artois.zone.communes and territory.is_territorial(artois)
    for place in ("62041", "62160", "62193", "62498"):
        assert artois.id not in ids(served, age=19, code_insee=place, besoin="emploi", secteur="industrie")


def test_another_territorys_action_says_whose_it_is_never_dans_votre_departement(served: Matcher) -> None:
    found = served.recommend(Profile(age=20, code_insee="21054", besoin="emploi"))
    (dijon,) = [s for s in found.local if s.initiative.id == "dijon-mission-locale-job-board"]
    assert "territoire" in dijon.criteria
    text = " ".join(dijon.reasons)
    assert "dans votre département" not in text and "pour les jeunes de son territoire" in text
    assert "Dijon (Côte-d'Or), 36 km" in text


def test_an_ended_action_of_another_territory_is_not_near_home(served: Matcher) -> None:
    found = served.recommend(Profile(age=19, code_insee="35115", besoin="emploi"))  # Fougères, Rennes at 45 km
    (rennes,) = [s for s in found.local if s.initiative.id == "rennes-ateliers-itineraire-emploi"]
    text = formatting.suggestion_text(rennes, 1) + formatting.suggestion_details(rennes)
    assert rennes.historical and "territoire" in rennes.criteria and "près de chez vous" not in text


def test_inside_its_territory_it_is_said_as_before(served: Matcher) -> None:
    found = served.recommend(Profile(age=20, code_insee="21231", besoin="emploi"))
    (dijon,) = [s for s in found.local if s.initiative.id == "dijon-mission-locale-job-board"]
    assert "territoire" not in dijon.criteria


def test_territorial_actions_over_the_grid(answers: List[tuple]) -> None:
    for p, s in answers:
        person = geo.get_commune(p.code_insee)
        if "territoire" in s.criteria:
            km = closest_km(s.initiative, person)
            assert km is not None and km <= 50, (p, s.initiative.id, km)
            assert not any("dans votre département" in r for r in s.reasons), (p, s.initiative.id)


# --------------------------------------------------------------------------- 4. EPIDE overseas

OVERSEAS = ("97411", "97101", "97209", "97302", "97611")


def test_epide_coverage_is_data_with_its_source(served_kb: KnowledgeBase) -> None:
    (epide,) = [n for n in served_kb.networks if n.id == "epide"]
    assert epide.couverture is not None and epide.couverture.territoire == "metropole"
    assert "France métropolitaine" in epide.couverture.texte and epide.couverture.source.startswith("https://")


def test_epide_is_never_proposed_overseas(served: Matcher) -> None:
    for place in OVERSEAS:
        for age in (17, 20, 25):
            profile = Profile(age=age, code_insee=place, diplome="aucun", scolarite="sorti", besoin="formation")
            assert "epide" not in {n.network.id for n in served.recommend(profile).networks}, place
    metropole = Profile(age=20, code_insee="93066", diplome="aucun", scolarite="sorti", besoin="formation")
    assert "epide" in {n.network.id for n in served.recommend(metropole).networks}
    unknown = Profile(age=20, diplome="aucun", scolarite="sorti", besoin="formation")  # where is unknown: said
    assert "epide" in {n.network.id for n in served.recommend(unknown).networks}


# --------------------------------------------------------------------------- 5. a place to go


@pytest.mark.parametrize("place", ["75118", "75120", "31555", "59512", "72181"])
def test_a_city_with_only_networks_gets_a_france_services_nearby(served: Matcher, place: str) -> None:
    step = next_step(place, use_current=False, age=20)
    assert step.france_services, place
    person = geo.get_commune(place)
    for site in step.france_services:
        assert site.distance_km is not None and site.distance_km <= 15, (place, site.nom, site.distance_km)
        assert site.departement == person.departement, (place, site.nom)


# --------------------------------------------------------------------------- the audit's new checks are not blind


def test_the_audit_catches_round_c_lines(served_kb: KnowledgeBase, served: Matcher) -> None:
    nantes = geo.get_commune("44109")
    p16 = Profile(age=16, code_insee="44109", besoin="emploi")
    (adelis,) = [s for s in served.recommend(p16).local if s.initiative.id == ADELIS]
    p15 = dataclasses.replace(p16, age=15)
    assert any("16 ans" in x for x in check_round_c(adelis, p15, nantes, [adelis]))
    st_etienne = geo.get_commune("42218")
    vente = Profile(age=19, code_insee="42218", besoin="emploi", secteur="vente", diplome="bac")
    (casino,) = [s for s in served.recommend(vente).local if s.initiative.id == CASINO]
    assert any("seule ligne" in x for x in check_round_c(casino, vente, st_etienne, [casino]))
    dijon_p = Profile(age=20, code_insee="21054", besoin="emploi")
    (dijon,) = [s for s in served.recommend(dijon_p).local if s.initiative.id == "dijon-mission-locale-job-board"]
    lie = dataclasses.replace(dijon, reasons=("Elle a lieu à Dijon, dans votre département (Côte-d'Or).",))
    assert check_round_c(lie, dijon_p, geo.get_commune("21054"), [lie])
    far = geo.get_commune("29103")
    assert any("hors de portée" in x for x in check_round_c(dijon, dijon_p, far, [dijon]))
    assert check_networks_round_c(Profile(age=20), geo.get_commune("97411"), {"epide"})
