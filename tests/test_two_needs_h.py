"""Two needs in play-test H (h01, h09, h14, h19, h22, h25): the second need is read (« et aussi faut que je passe le
permis », « + », a permis said to be blocking), added and never replacing the first, a question about distance sets
none, and the shown list (four lines, four cards) has something for every need said, on the real base."""

import dataclasses
from datetime import date

import pytest

from knowledge.profile import Profile
from orientation.formatting import split_networks
from orientation.liaison import situation_lines
from orientation.matching import criteria
from orientation.matching.engine import recommend
from orientation.matching.networks import trigger_holds
from reading.facts import read_facts
from tests.support.personas import persona

TODAY = date(2026, 12, 8)


def _read(text, **known):
    return read_facts(text, intent="inform", known=known, today=TODAY)


@pytest.mark.parametrize(
    "text, first, other",
    [
        (
            "slt jsuis a tourcoing jai 19 ans je cherche un apprentissage en plomberie "
            "et aussi faut que je passe le permis",
            "apprentissage",
            "mobilite-permis",
        ),
        ("je voudrais trouver un studio, et aussi un CDI stable", "logement", "emploi"),
        ("je veux un taf, faut aussi que je trouve un appart", "emploi", "logement"),
        ("je cherche un emploi + un logement", "emploi", "logement"),
        (
            "Jeune homme de 19 ans, Cherbourg-en-Cotentin, cherche un emploi dans la soudure mais n'a pas le permis, "
            "ce qui bloque.",
            "emploi",
            "mobilite-permis",
        ),
    ],
)
def test_the_second_need_of_one_message_is_kept(text, first, other):
    facts = _read(text)
    assert facts.slots["besoin"] == first
    assert facts.slots["besoins_autres"] == [other]


@pytest.mark.parametrize(
    "text, known, added",
    [
        ("et pour le permis ya rien ?", "apprentissage", "mobilite-permis"),
        ("il a pas le permis et c'est bloquant pour les chantiers", "emploi", "mobilite-permis"),
        ("et pour me loger vous avez rien ?", "emploi", "logement"),
    ],
)
def test_a_need_said_after_the_list_is_added_not_replacing(text, known, added):
    facts = _read(text, besoin=known)
    assert "besoin" not in facts.slots  # the first need stays
    assert facts.slots["besoins_autres"] == [added]


def test_a_correction_still_replaces_the_need():
    facts = _read("en fait plutôt le permis", besoin="apprentissage")
    assert facts.slots["besoin"] == "mobilite-permis"


@pytest.mark.parametrize(
    "text", ["c'est loin ris orangis non ?", "C'est pas trop loin de chez moi ?", "combien de km pour y aller ?"]
)
def test_a_question_about_distance_is_never_a_need(text):
    facts = _read(text, besoin="emploi")
    assert "besoin" not in facts.slots and "besoins_autres" not in facts.slots


def test_a_need_after_a_distance_question_is_still_read():
    facts = _read("c'est loin ris orangis non ? et je cherche aussi un appart", besoin="emploi")
    assert facts.slots["besoins_autres"] == ["logement"]


# The play-test H personas as the profile reached at the end of the questionnaire (facts from their transcripts).
# Where they live (and no handicap said), then the diploma of those who left school.
_AT_PARENTS = dict(logement="chez-parents", handicap="non")
_LODGED = dict(logement="heberge-tiers", handicap="non")
PROFILES = {
    name: Profile(**persona(*said, **facts))
    for name, said, facts in (
        ("h01", (19, "59599", "apprentissage"), dict(qpv=False, besoins_autres=("mobilite-permis",), **_AT_PARENTS)),
        ("h09", (23, "75118", "emploi"), dict(qpv=True, besoins_autres=("logement",), **_LODGED)),
        ("h14", (19, "13213", "logement"), dict(qpv=True, sujets=frozenset({"difficultes-argent"}), **_LODGED)),
        ("h19", (19, "50129", "emploi"), dict(besoins_autres=("mobilite-permis",))),
        ("h22", (18, "53130", "formation"), dict(sujets=frozenset({"garde-enfant"}), femme=True, **_AT_PARENTS)),
        ("h25", (23, "75113", "logement"), dict(qpv=False, besoins_autres=("emploi",), **_LODGED)),
    )
}
for _name, _diplome in (("h01", "aucun"), ("h09", "cap-bep"), ("h25", "superieur")):
    PROFILES[_name] = dataclasses.replace(PROFILES[_name], diplome=_diplome, scolarite="sorti")


def _answers(profile, need):
    """What in the shown list answers `need` (a need or a subject): the lines whose need criterion holds for it,
    the cards whose holding trigger names it."""
    result = recommend(profile)
    alone = Profile(**{**profile.__dict__, "besoin": need, "besoins_autres": None}) if need in profile.needs else None
    lines = [
        s.initiative.id
        for s in result.local
        if alone is not None and criteria.holds(f"besoin:{need}", s.initiative, alone, None, criteria_rank(s))
    ]
    shown, _ = split_networks(result.networks)
    key = "sujet" if need in profile.sujets else "besoin"
    cards = [
        ns.network.id
        for ns in shown
        if any(need in _list(t.get(key)) and trigger_holds(t, profile) for t in ns.network.declencheurs)
    ]
    return lines + cards


def criteria_rank(suggestion):
    from orientation.matching.places import LEVEL_RANK

    return LEVEL_RANK[suggestion.proximity]


def _list(value):
    return [] if value is None else value if isinstance(value, (list, tuple)) else [value]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_need_said_has_a_line_or_a_card_in_the_shown_list(name):
    profile = PROFILES[name]
    for need in (*profile.needs, *sorted(profile.sujets)):
        assert _answers(profile, need), f"{name}: nothing shown for {need}"


def test_the_fiche_says_every_need():
    lines = "\n".join(situation_lines(PROFILES["h01"]))
    assert "apprentissage" in lines and "permis" in lines


def test_the_fiche_says_the_subjects_said_in_passing():
    lines = "\n".join(situation_lines(PROFILES["h14"]))
    assert "trouver un logement" in lines and "difficultés d'argent" in lines


def test_the_card_most_its_own_answers_a_need_among_several():
    """h22: the formation's own card (the region's training offer) is shown, not only Information Jeunesse."""
    shown, _ = split_networks(recommend(PROFILES["h22"]).networks)
    assert "offre-formation-region" in [ns.network.id for ns in shown]
