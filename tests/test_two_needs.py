"""Two needs (issue 16, play-test F f13: « jdois trouver un appart et un taf »; « et aussi une formation » said
later): the first said is the need, the others are kept in `besoins_autres`, served by the matcher, in the fiche."""

from datetime import date

import pytest

from knowledge.profile import Profile
from orientation.liaison import situation_lines
from orientation.matching.criteria import CRITERIA
from reading.facts import read_facts

TODAY = date(2026, 12, 7)


def _read(text, **known):
    return read_facts(text, intent="inform", known=known, today=TODAY)


def test_two_needs_in_one_message_are_both_kept():
    facts = _read("je cherche un logement et un taf")
    assert facts.slots["besoin"] == "logement"
    assert facts.slots["besoins_autres"] == ["emploi"]
    assert any("trouver un emploi" in note for note in facts.notes)


@pytest.mark.parametrize("text", ["et aussi une formation", "je veux aussi une formation", "une formation en plus"])
def test_a_need_added_later_is_kept_beside_the_first(text):
    facts = _read(text, besoin="emploi")
    assert "besoin" not in facts.slots
    assert facts.slots["besoins_autres"] == ["formation"]
    assert facts.notes  # said back


def test_a_third_need_is_added_to_the_others():
    facts = _read("et aussi un logement", besoin="emploi", besoins_autres=["formation"])
    assert facts.slots["besoins_autres"] == ["formation", "logement"]


@pytest.mark.parametrize("text", ["en fait plutôt une formation", "une formation"])
def test_a_need_said_without_also_replaces_the_first(text):
    facts = _read(text, besoin="emploi")
    assert facts.slots["besoin"] == "formation" and "besoins_autres" not in facts.slots


def test_the_same_need_again_adds_nothing():
    facts = _read("et aussi un emploi", besoin="emploi")
    assert "besoins_autres" not in facts.slots and "besoin" not in facts.slots


def test_the_profile_holds_known_needs_only():
    assert Profile(besoin="logement", besoins_autres=("emploi",)).needs == ("logement", "emploi")
    assert Profile().needs == ()
    with pytest.raises(ValueError):
        Profile(besoin="logement", besoins_autres=("une maison",))


def test_the_matcher_serves_the_other_needs_too():
    criterion = next(c for c in CRITERIA if c.key == "besoin:emploi")
    assert criterion.concerns(Profile(besoin="logement", besoins_autres=("emploi",)))
    assert not criterion.concerns(Profile(besoin="logement"))


def test_the_fiche_lists_both_needs():
    lines = situation_lines(Profile(besoin="logement", besoins_autres=("emploi",)))
    assert "- Souhaite : trouver un logement" in lines
    assert "- Souhaite aussi : trouver un emploi" in lines
