"""Lines play-test H struck (issue 14), each asserted by its rule on the real base, then on the profile the
tester used (transcripts in notes/playtest-H.md):

1. h20: an action for the residents of named quartiers (zone.quartiers that are official QPV of its commune) is
   for those quartiers only — « Training job » (QPV Drouot-Jonquilles, Mulhouse) is not for Bourtzwiller, nor
   for someone of Mulhouse whose quartier is unknown; it is for Drouot-Jonquilles.
"""

from __future__ import annotations

from knowledge.loader import KnowledgeBase
from knowledge.profile import Profile
from orientation.matching import Matcher, eligibility, quartiers
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
