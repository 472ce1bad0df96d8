"""Lines play-test H struck (issue 14), each asserted by its rule on the real base, then on the profile the
tester used (transcripts in notes/playtest-H.md):

1. h20: an action for the residents of named quartiers (zone.quartiers that are official QPV of its commune) is
   for those quartiers only — « Training job » (QPV Drouot-Jonquilles, Mulhouse) is not for Bourtzwiller, nor
   for someone of Mulhouse whose quartier is unknown; it is for Drouot-Jonquilles.
"""

from __future__ import annotations

from typing import List

from knowledge.loader import KnowledgeBase
from knowledge.profile import Profile
from orientation.formatting import suggestion_details
from orientation.matching import Matcher, eligibility, quartiers, territory
from tests.support.fit_cases import by_id, ids

TRAINING_JOB = "mulhouse-training-job-drouot-jonquilles"
MULHOUSE = "68224"
# h20: 20 years old, Mulhouse Bourtzwiller (QPV), formation aide-soignante, bac, at her parents'.
H20 = dict(age=20, code_insee=MULHOUSE, qpv=True, besoin="formation", diplome="bac", logement="chez-parents")


def test_named_quartiers_bind_the_record_to_their_qpv(served_kb: KnowledgeBase) -> None:
    record = by_id(served_kb, TRAINING_JOB)
    keys = set(quartiers.resident_keys(record))
    assert MULHOUSE not in keys  # the whole town no longer opens it
    assert keys & set(quartiers.person_keys("Drouot", MULHOUSE, MULHOUSE))
    assert not keys & set(quartiers.person_keys("Bourtzwiller", MULHOUSE, MULHOUSE))


def test_hard_rule_opens_a_quartier_action_to_its_quartier_only(served_kb: KnowledgeBase) -> None:
    record = by_id(served_kb, TRAINING_JOB)
    from orientation.matching.engine import person_of

    for quartier, allowed in (("Drouot Jonquilles", True), ("Bourtzwiller", False), (None, False)):
        profile = Profile(**H20, quartier=quartier)
        person = person_of(profile)
        assert eligibility.passes_hard_rules(record, profile, person) is allowed, quartier


def test_h20_bourtzwiller_is_not_offered_training_job(served: Matcher) -> None:
    assert TRAINING_JOB not in ids(served, **H20, quartier="Bourtzwiller")
    assert TRAINING_JOB not in ids(served, **H20)  # quartier unknown: not a resident as far as we know


def test_drouot_jonquilles_is_offered_training_job(served: Matcher) -> None:
    # the same young woman living in Drouot: the action is hers (the test fails if the rule shuts it for all)
    assert TRAINING_JOB in ids(served, **{**H20, "besoin": "emploi"}, quartier="Drouot")


# --------------------------------------------------------------------------- 2-3. another town's quartiers (h18, h09)

CENT_CHANCES = "100-chances-100-emplois"
RIS_ORANGIS_COACHING = "ris-orangis-attribut-conseil-coaching-entreprise-fictive"
EVREUX, PARIS_18, LE_HAVRE = "27229", "75118", "76351"


def test_a_town_qpv_action_is_for_its_own_quartiers(served_kb: KnowledgeBase) -> None:
    assert territory.for_own_quartiers(by_id(served_kb, CENT_CHANCES))  # its sites' quartiers
    assert territory.for_own_quartiers(by_id(served_kb, RIS_ORANGIS_COACHING))
    assert not territory.for_own_quartiers(by_id(served_kb, "seine-maritime-10000-batisseurs"))  # département-wide


def test_h18_evreux_is_not_sent_to_rouens_quartiers(served: Matcher) -> None:
    # h18: 25, Évreux La Madeleine (QPV), RQTH, looking for an office job
    h18 = dict(age=25, code_insee=EVREUX, qpv=True, quartier="La Madeleine", handicap="rqth", besoin="emploi")
    assert CENT_CHANCES not in ids(served, **h18)


def test_h09_paris_is_not_sent_to_other_towns_quartiers(served: Matcher) -> None:
    # h09: 23, Paris 18e Goutte d'Or (QPV), hébergé, restauration and a roof
    h09 = dict(age=23, code_insee=PARIS_18, qpv=True, quartier="Goutte d'Or", besoin="emploi", logement="heberge-tiers")
    found = ids(served, **h09)
    assert CENT_CHANCES not in found  # Aubervilliers, 3 km, another town's quartiers
    assert RIS_ORANGIS_COACHING not in found
    assert RIS_ORANGIS_COACHING not in ids(served, **{**h09, "besoin": "ne-sait-pas"})


def test_a_town_qpv_action_stays_for_its_own_town(served: Matcher) -> None:
    # the rule does not shut the action: Le Havre's site for a Havrais of a QPV (h04)
    assert CENT_CHANCES in ids(served, age=20, code_insee=LE_HAVRE, qpv=True, besoin="emploi")


# --------------------------------------------------------------------------- 4. details of another place (h04)


def test_h04_details_describe_the_action_where_it_is(served: Matcher) -> None:
    """h04: « Plus de détails » of Le Havre's « 100 Chances 100 Emplois » read « (à Grenoble : ZUS Villeneuve…) »:
    the « Pour qui » says who the action is for wherever it is held, not another site's quartiers."""
    h04 = Profile(age=20, code_insee=LE_HAVRE, qpv=True, quartier="Caucriauville", besoin="emploi", parent_isole=True)
    (line,) = [s for s in served.recommend(h04).local if s.initiative.id == CENT_CHANCES]
    details = suggestion_details(line)
    assert "Pour qui : " in details
    assert "Grenoble" not in details and "Villeneuve" not in details
    assert "quartiers prioritaires" in details


# --------------------------------------------------------------------------- h21: undecided, age refused


def networks(served: Matcher, **facts: object) -> List[str]:
    return [ns.network.id for ns in served.recommend(Profile(**facts)).networks]


def test_h21_undecided_with_age_refused_gets_information_jeunesse(served: Matcher) -> None:
    """h21: undecided, age refused, Châlons-en-Champagne, at her parents', no permis: only France Travail. The
    Information Jeunesse receives anonymously, without asking an age (15-25, and a second circle beyond:
    networks.yaml sources_web), so an unknown age does not keep it out; a known age outside does."""
    h21 = dict(code_insee="51108", besoin="ne-sait-pas", logement="chez-parents", permis=False, vehicule=False)
    assert "information-jeunesse" in networks(served, **h21)
    assert "information-jeunesse" not in networks(served, **h21, age=28)
    assert "information-jeunesse" in networks(served, **h21, age=19)
