"""Lines play-test G struck (issue 14), each asserted by its rule on the real base, then on the profile the
tester used (transcripts in notes/playtest-G.md):

1. g23: a pupil still at school is not offered an insertion programme for people out of school (job seekers,
   workers, the young people a mission locale follows) — « Activités rémunérées à la carte » to a 15-year-old
   in 3e;
2. g01: an action whose only link to an apprenticeship is discovering trades does not serve someone who has
   already chosen their trade — « Rallye pour l'emploi » to a would-be apprentice baker;
3. g14: an outreach action for Échirolles' quartiers is for the residents of Échirolles, not of Grenoble;
4. g21: an action reserved to FJT residents opens only on the housing « en foyer », and its reason says what
   is known (a foyer), not « ce qui est votre cas »;
5. g04: a mobility reason names what the person wants (the permis, a vehicle) and what the action does, and
   says « ce que vous cherchez » only when the two meet.
"""

from __future__ import annotations

import dataclasses
from typing import List

import pytest

from knowledge import geo
from knowledge.loader import KnowledgeBase
from knowledge.profile import LOGEMENTS, Profile
from orientation.matching import Matcher, criteria, eligibility
from tests.support.fit_cases import by_id, ids
from tests.support.personas import persona

ACTIVITES_A_LA_CARTE = "strasbourg-activites-remunerees-a-la-carte"
RALLYE = "montelimar-emploi-solidaire-rallye-pour-lemploi"
ALLER_VERS = "echirolles-aller-vers-mission-locale-sud-isere"
PARRAINAGE_FJT = "languedoc-roussillon-urhaj-parrainage-fjt"
BOUGEZ = "la-ciotat-bougez-vers-l-emploi-voiture-and-co"


# The apprentices of round G (g23, g01, g19): from a quartier prioritaire, at their parents', no handicap.
APPRENTICE_OF_A_QUARTIER = dict(qpv=True, logement="chez-parents", handicap="non", besoin="apprentissage")


def _apprentice(age: int, code_insee: str, **facts) -> Profile:
    """An apprentice of a quartier with no diploma nor licence (g01, g19), and what differs."""
    return Profile(**persona(age, code_insee, **APPRENTICE_OF_A_QUARTIER, diplome="aucun", **facts))


def reasons(served: Matcher, record_id: str, profile: Profile) -> List[str]:
    (line,) = [s for s in served.recommend(profile).local if s.initiative.id == record_id]
    return list(line.reasons)


# --------------------------------------------------------------------------- 1. a pupil (g23)


def test_out_of_school_rule_reads_the_publics(served_kb: KnowledgeBase) -> None:
    """Job seekers (demandeurs-emploi) and workers (actifs) are publics a pupil is not in; a record that also
    names students or everybody stays open, and so does one made for young people in general."""
    out = eligibility.for_people_out_of_school
    assert out(by_id(served_kb, ACTIVITES_A_LA_CARTE))  # « demandeurs d'emploi très éloignés de l'emploi »
    assert out(by_id(served_kb, RALLYE))  # « jeunes demandeurs d'emploi en parcours d'insertion »
    assert out(by_id(served_kb, "dijon-mission-locale-job-board"))  # the mission locale's young people
    assert not out(by_id(served_kb, "saint-malo-forum-batissons-notre-avenir"))  # « ouvert à tous : scolaires… »
    assert not out(by_id(served_kb, "tours-cfa-douets-apprentissage-nouvelle-chance"))  # étudiants too
    assert not out(by_id(served_kb, "laval-cad-acces-apprentissage-quartiers"))  # jeunes des quartiers
    assert not out(by_id(served_kb, "dunkerque-dkbus-offres-alternance-dans-le-bus"))


def test_a_pupil_in_3e_is_not_offered_paid_missions_for_job_seekers(served: Matcher) -> None:
    # g23: « jai 15 ans jsuis a strasbourg au neuhof jveux faire un apprentissage en coiffure », in 3e
    pupil = Profile(
        **APPRENTICE_OF_A_QUARTIER, age=15, code_insee="67482", secteur="coiffure-esthetique", scolarite="scolarise"
    )
    assert ACTIVITES_A_LA_CARTE not in ids(served, **dataclasses.asdict(pupil))
    # the same young man out of school at 17 may go (the QPV is his)
    left = dataclasses.replace(pupil, age=17, scolarite="sorti")
    assert ACTIVITES_A_LA_CARTE in ids(served, **dataclasses.asdict(left))
    # and the schooling unknown does not close it (most people never say it)
    assert ACTIVITES_A_LA_CARTE in ids(served, **dataclasses.asdict(dataclasses.replace(left, scolarite=None)))


def test_the_pupil_rule_is_one_criterion_of_the_table() -> None:
    assert criteria.BY_KEY["hors-ecole"].kind == "filter"
    assert criteria.BY_KEY["hors-ecole"].answers is eligibility.for_people_out_of_school


# --------------------------------------------------------------------------- 2. a chosen trade (g01)


def test_a_trade_discovery_does_not_serve_a_chosen_apprenticeship(served: Matcher) -> None:
    # g01: 17, Valence (Fontbarlettes), scooter without a licence, apprenticeship in a bakery, brevet
    baker = _apprentice(17, "26362", vehicule=True, secteur="metiers-de-bouche")
    assert RALLYE not in ids(served, **dataclasses.asdict(baker))
    # someone who has not chosen yet is still shown it: discovering trades is their first step
    undecided = dataclasses.replace(baker, secteur=None)
    assert RALLYE in ids(served, **dataclasses.asdict(undecided))
    assert "Elle aide à découvrir des métiers, un premier pas vers un apprentissage." in reasons(
        served, RALLYE, undecided
    )


# --------------------------------------------------------------------------- 3. one town's quartiers (g14)


def test_aller_vers_is_for_the_residents_of_echirolles(served_kb: KnowledgeBase, served: Matcher) -> None:
    """Seed 003 l. 941-951: « La ville d'Échirolles, en lien avec son service prévention, et l'APASE […]
    remontent […] le constat d'une présence accrue de jeunes, dans les quartiers prioritaires, déscolarisés »;
    the conseillère walks « dans le quartier » with the town's educators: Échirolles' own quartiers."""
    record = by_id(served_kb, ALLER_VERS)
    assert record.eligibilite.residents.communes == ("38151",)
    # g14: 17, Grenoble (La Villeneuve), apprenticeship as an electrician
    grenoble = dict(age=17, code_insee="38185", qpv=True, permis=False, vehicule=False, logement="chez-parents")
    assert ALLER_VERS not in ids(served, **grenoble, besoin="apprentissage", secteur="batiment", diplome="aucun")
    assert ALLER_VERS not in ids(served, age=19, code_insee="38185", qpv=True, besoin="emploi")
    assert ALLER_VERS in ids(served, age=19, code_insee="38151", qpv=True, besoin="emploi")


# --------------------------------------------------------------------------- 4. a foyer, not known an FJT (g21)


def test_only_the_foyer_housing_opens_an_fjt_action(served_kb: KnowledgeBase) -> None:
    opens = eligibility.MEMBERSHIP["foyer-fjt"]
    assert [value for value in (*LOGEMENTS, None) if opens(Profile(logement=value))] == ["foyer-fjt"]
    perpignan = geo.get_commune("66136")
    for logement in (*LOGEMENTS, None):
        profile = Profile(age=22, code_insee="66136", logement=logement, besoin="emploi")
        passes = eligibility.passes_hard_rules(by_id(served_kb, PARRAINAGE_FJT), profile, perpignan)
        assert passes == (logement == "foyer-fjt"), logement


def test_the_fjt_reason_says_a_foyer_not_that_it_is_an_fjt(served: Matcher) -> None:
    # g21: 22, Perpignan (Saint-Jacques), « en foyer », job, bac, no permis
    profile = Profile(
        age=22, code_insee="66136", qpv=True, permis=False, vehicule=False, logement="foyer-fjt", besoin="emploi"
    )
    said = reasons(served, PARRAINAGE_FJT, profile)
    fjt = [r for r in said if "jeunes travailleurs" in r]
    assert fjt == [
        "Vous vivez en foyer : elle est réservée aux résidents des foyers de jeunes travailleurs (FJT), "
        "vérifiez que le vôtre en est un."
    ]
    assert not any("ce qui est votre cas" in r and "foyer" in r for r in said)


# --------------------------------------------------------------------------- 5. the permis or a vehicle (g04)


MARSEILLE_14 = dict(age=20, code_insee="13214", qpv=True, vehicule=False, logement="chez-parents", handicap="non")


@pytest.mark.parametrize(
    ("permis", "expected"),
    [
        # g04: he wants the permis; Bougez vers l'emploi does not prepare it
        (
            False,
            "Vous voulez passer le permis : elle ne le prépare pas, mais aide à faire le point sur vos "
            "déplacements avec un conseiller mobilité et à avoir un véhicule.",
        ),
        # with the permis and no vehicle, a vehicle is what is wanted
        (True, "Elle aide à avoir un véhicule, ce que vous cherchez."),
        # the permis unknown: what the action does, no claim on what is wanted
        (None, "Elle aide à faire le point sur vos déplacements avec un conseiller mobilité et à avoir un véhicule."),
    ],
)
def test_a_mobility_reason_names_the_wish_and_what_the_action_does(
    served: Matcher, permis: object, expected: str
) -> None:
    profile = Profile(**MARSEILLE_14, permis=permis, besoin="mobilite-permis")  # type: ignore[arg-type]
    assert reasons(served, BOUGEZ, profile)[0] == expected


def test_a_permis_course_says_so_to_who_wants_the_permis(served: Matcher, served_kb: KnowledgeBase) -> None:
    """The reason « préparer le permis, ce que vous cherchez » stays for an action that prepares it."""
    courses = [r for r in served_kb.initiatives if "mobilite--preparer-un-permis" in r.thematiques]
    assert courses
    found = served.recommend(Profile(age=20, code_insee="19031", permis=False, besoin="mobilite-permis"))
    said = [s.reasons[0] for s in found.local if "mobilite--preparer-un-permis" in s.initiative.thematiques]
    assert said and all(r == "Elle aide à préparer le permis, ce que vous cherchez." for r in said)


# --------------------------------------------------------------------------- 6. one fact said once (g19)


def test_no_diploma_is_said_once(served: Matcher) -> None:
    """g19: « Vous n'avez pas de diplôme » twice in one « Pourquoi » (the situation, then the diploma bound)."""
    # 17, Marseille 15e (La Castellane), left school, no diploma, apprenticeship in the building trade
    profile = _apprentice(17, "13215", secteur="batiment", scolarite="sorti")
    said = reasons(served, "marseille-clubs-jeunes-chercheurs-emploi", profile)
    assert [r.split(" : ")[0] for r in said].count("Vous n'avez pas de diplôme") == 1
    assert "Vous n'avez pas de diplôme : elle accepte jusqu'au niveau « CAP ou BEP »." in said


def test_the_mobility_reasons_read_well_to_a_conseiller(served: Matcher) -> None:
    """Said of « la personne », no « vous » left in the mobility reasons (voice.in_voice)."""
    from orientation import voice

    for permis in (False, True, None):
        profile = Profile(**MARSEILLE_14, permis=permis, besoin="mobilite-permis")  # type: ignore[arg-type]
        for line in served.recommend(profile).local:
            first = voice.in_voice(line.reasons[0], voice.PERSONNE)
            assert " vous " not in f" {first} " and "vos " not in first, first
