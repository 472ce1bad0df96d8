"""Lines a conseiller would strike, found by a play-test of 35 conversations (issue 14, second pass).

Each case is asserted by its rule over a grid of profiles on the real base (the line is absent / the
network is present / the wording says the truth), and then on the profile the testers used.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml

from knowledge import geo
from knowledge.loader import KnowledgeBase, KnowledgeError, load_networks
from knowledge.profile import BESOINS, Profile
from orientation.matching import Matcher, eligibility
from orientation.matching.places import LEVEL_RANK
from reading.safety import numbers
from tests.support.fit_cases import NEVER_OPEN, by_id, ids, profiles


@pytest.fixture(scope="module")
def answers(real: Matcher) -> List[tuple]:
    return [(p, s) for p in profiles() for s in real.recommend(p).local]


# --------------------------------------------------------------------------- C1: restrictions the seeds state


@pytest.mark.parametrize(
    "rid, public",
    [
        ("bordeaux-le-levain-plateforme-web-insertion", "foyer-fjt"),  # « jeunes résidents » du foyer
        ("ile-de-france-tremplins-du-coeur-boucher", "orientes-par-structure"),  # « publics des Restos du cœur »
        (
            "aulnay-sous-bois-c2di-93-intermediation-iod",
            "orientes-par-structure",
        ),  # orientées par une association adhérente
        ("gironde-pole-emploi-interpretes-intermed", "allophones"),  # « qui ne maîtrisent pas le français »
        ("grand-paris-gip-maximilien-clauses-sociales", "entreprises"),  # « pas un guichet pour les personnes »
    ],
)
def test_the_seeds_restriction_is_data(real_kb: KnowledgeBase, rid: str, public: str) -> None:
    assert public in by_id(real_kb, rid).eligibilite.reserve_a


def test_publics_no_profile_can_belong_to_never_reach_anyone(real_kb: KnowledgeBase, answers: List[tuple]) -> None:
    closed = [r for r in real_kb.initiatives if NEVER_OPEN & set(r.eligibilite.reserve_a)]
    assert len(closed) >= 5 and not any(eligibility.is_offerable(r) for r in closed)
    shown = {s.initiative.id for _, s in answers if NEVER_OPEN & set(s.initiative.eligibilite.reserve_a)}
    assert not shown


def test_a_foyers_residents_action_only_for_its_residents(answers: List[tuple], real: Matcher) -> None:
    for p, s in answers:
        if "foyer-fjt" in s.initiative.eligibilite.reserve_a:
            assert p.logement == "foyer-fjt", (p, s.initiative.id)
            if s.initiative.zone.niveau == "commune":  # one foyer: its own town's, not 120 km away
                assert "residents" in s.criteria, (p, s.initiative.id)
    # Le Levain's platform is for the residents of that foyer only (play-test E): « en foyer » does not say which
    levain = "bordeaux-le-levain-plateforme-web-insertion"
    assert levain not in ids(real, age=20, code_insee="33063", logement="foyer-fjt", besoin="emploi")
    for logement in ("chez-parents", "heberge-tiers"):
        assert levain not in ids(real, age=20, code_insee="33063", logement=logement, besoin="emploi")
    assert levain not in ids(real, age=20, code_insee="33009", logement="foyer-fjt", besoin="emploi")


def test_a_bac_plus_4_record_never_fits_a_person_known_only_as_superieur(
    real_kb: KnowledgeBase, answers: List[tuple]
) -> None:
    nqt = by_id(real_kb, "nos-quartiers-ont-des-talents-parrainage-jeunes-diplomes")
    assert nqt.eligibilite.diplome_min == "bac-plus-4"
    for p, s in answers:
        assert s.initiative.eligibilite.diplome_min != "bac-plus-4", (p, s.initiative.id)
    assert not eligibility.passes_hard_rules(nqt, Profile(age=23, diplome="superieur", besoin="emploi"), None)


def test_residents_only_actions_of_tourcoing_and_corbeil(
    real_kb: KnowledgeBase, real: Matcher, answers: List[tuple]
) -> None:
    for p, s in answers:
        if s.initiative.eligibilite.residents.restricted:
            assert eligibility.resident_of(s.initiative, geo.get_commune(p.code_insee)), (p, s.initiative.id)
    tourcoing = "tourcoing-centres-sociaux-accompagnement-apprentissage"
    assert by_id(real_kb, tourcoing).eligibilite.residents.communes == ("59599",)
    assert tourcoing in ids(real, age=19, code_insee="59599", besoin="apprentissage")
    for place, besoin in (("59350", "logement"), ("59350", "formation"), ("59009", "apprentissage")):
        assert tourcoing not in ids(real, age=19, code_insee=place, besoin=besoin)
    club = "corbeil-essonnes-club-jeunes-diplomes-un-pas-vers-l-emploi"
    assert by_id(real_kb, club).eligibilite.residents.restricted
    assert club not in ids(real, age=22, code_insee="75119", besoin="emploi", diplome="bac")


def test_a_business_creation_course_only_for_the_wish_to_create(
    real_kb: KnowledgeBase, answers: List[tuple], real: Matcher
) -> None:
    assert sum(eligibility.is_creation_only(r) for r in real_kb.initiatives) >= 2
    for p, s in answers:
        if eligibility.is_creation_only(s.initiative):
            assert p.besoin == "creation-activite", (p, s.initiative.id)
    course = "marseille-apprentis-auteuil-jeunes-entrepreneurs"
    assert course not in ids(real, age=20, code_insee="13055", besoin="emploi", secteur="batiment", diplome="aucun")
    assert course in ids(real, age=20, code_insee="13055", besoin="creation-activite", diplome="aucun")


def test_an_ended_action_never_comes_from_another_departement(answers: List[tuple], real: Matcher) -> None:
    for p, s in answers:
        if s.initiative.statut == "historique":
            assert s.proximity != "region", (p, s.initiative.id, s.where)
    assert "montpellier-clause-insertion-tresorerie-herault" not in ids(
        real, age=18, code_insee="30189", besoin="apprentissage", secteur="batiment"
    )


# --------------------------------------------------------------------------- C2: the place says the truth


def test_mobility_helps_only_inside_the_records_zone(answers: List[tuple], real: Matcher) -> None:
    """« Elle aide à se déplacer près de chez vous » only where the buses, garage or course run: inside the
    record's zone (a commune's: its intercommunality), not 70 km away in the same département."""
    said = 0
    for p, s in answers:
        if "mobilite" in s.criteria:
            said += 1
            reach = min(LEVEL_RANK[s.initiative.zone.niveau], LEVEL_RANK["epci"])
            assert LEVEL_RANK[s.proximity] >= reach, (p, s.initiative.id, s.where)
    assert said  # the grid meets people without the permis next to a mobility action
    dkbus = "dunkerque-dkbus-offres-alternance-dans-le-bus"
    for place in ("59512", "59009"):
        for besoin in ("emploi", "apprentissage"):
            for s in real.recommend(Profile(age=20, code_insee=place, besoin=besoin, permis=False)).local:
                assert not any("se déplacer" in reason for reason in s.reasons), s.initiative.id
    # Grande-Synthe (20 000 inhabitants), inside Dunkerque's urban community: Dunkerque itself is a large town
    # with its own network, where the permis is no barrier (play-test F)
    near = real.recommend(Profile(age=20, code_insee="59271", besoin="emploi", permis=False)).local
    assert any(s.initiative.id == dkbus and "mobilite" in s.criteria for s in near)


def test_the_named_commune_is_where_it_is_and_the_km_are_said(answers: List[tuple], real_kb: KnowledgeBase) -> None:
    for p, s in answers:
        person = geo.get_commune(p.code_insee)
        named = s.place.commune
        if named is None or person is None:
            continue
        city = person.arrondissement_de or person.code_insee
        if named not in (city, person.code_insee) and s.place.km is not None:
            assert f"{s.place.km:.0f} km" in s.where, (p, s.initiative.id, s.where)
        if any(("votre commune" in r or "dans votre ville" in r) for r in s.reasons):
            assert geo.get_commune(named).code_insee in (city, person.code_insee), (p, s.initiative.id)
    gavotte = by_id(real_kb, "septemes-gavotte-peyret-espace-insertion")
    assert gavotte.zone.communes == ("13106",)  # the centre social is in Septèmes-les-Vallons


def test_a_record_whose_place_is_not_printed_is_never_offered(
    real_kb: KnowledgeBase, answers: List[tuple], real: Matcher
) -> None:
    assert by_id(real_kb, "isactys-permanences-mission-locale-ges").zone.lieu_inconnu
    assert not any(s.initiative.zone.lieu_inconnu for _, s in answers)
    assert "isactys-permanences-mission-locale-ges" not in ids(real, age=20, code_insee="69123", besoin="emploi")


def test_the_formation_reason_says_what_the_record_offers(answers: List[tuple]) -> None:
    for _, s in answers:
        if "Elle aide à trouver une formation, ce que vous cherchez." in s.reasons:
            assert any(t.startswith("se-former--") for t in s.initiative.thematiques), s.initiative.id


# --------------------------------------------------------------------------- C3: standing networks


def test_the_emergency_number_is_read_from_its_one_table() -> None:
    raw = yaml.safe_load(Path("knowledge/data/networks.yaml").read_text(encoding="utf-8"))
    shelter = next(n for n in raw["networks"] if n["id"] == "siao-115")
    assert "numero_national" not in shelter and shelter["numero_urgence"] == "115"
    assert not any("115" in str(shelter[key]) for key in ("ce_qui_est_propose", "comment_trouver", "quand"))
    table = next(e for e in numbers.numbers() if str(e["id"]) == "115")
    network = next(n for n in load_networks() if n.id == "siao-115")
    assert network.numero_national is not None and network.numero_national.numero == table["numero"]
    assert table["numero"] in network.comment_trouver


@pytest.mark.parametrize("besoin", [None, "emploi", "logement", "mobilite-permis"])
def test_people_without_a_roof_get_the_emergency_line(real: Matcher, besoin: object) -> None:
    networks = [
        n.network.id
        for n in real.recommend(Profile(age=20, code_insee="59350", logement="sans-domicile", besoin=besoin)).networks
    ]
    assert networks[0] == "siao-115", networks


@pytest.mark.parametrize("age, expected", [(None, True), (16, True), (18, True), (29, True), (35, False)])
def test_an_apprenticeship_request_names_the_cfa(real: Matcher, age: object, expected: bool) -> None:
    networks = [
        n.network.id for n in real.recommend(Profile(age=age, code_insee="29019", besoin="apprentissage")).networks
    ]
    assert ("cfa-apprentissage" in networks) is expected, networks


def test_an_unknown_emergency_number_is_a_french_error(tmp_path: Path) -> None:
    raw = yaml.safe_load(Path("knowledge/data/networks.yaml").read_text(encoding="utf-8"))
    shelter = next(n for n in raw["networks"] if n["id"] == "siao-115")
    shelter["numero_urgence"] = "118"
    path = tmp_path / "networks.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="numéro d'urgence inconnu « 118 »"):
        load_networks(path)


def test_a_towns_own_action_far_away_in_the_departement_is_for_nobody(real: Matcher, answers: List[tuple]) -> None:
    """Live (round B): DKbus (job offers on Dunkerque's bus screens) to Roubaix (70 km) and Lille (67 km) as
    their only action, even with a car or transport unknown. A town's own action serves that town."""
    from orientation.matching.scoring import TOWN_ACTION_MAX_KM

    for p, s in answers:
        if s.initiative.zone.niveau in ("commune", "epci") and s.proximity == "departement":
            assert s.place.km is None or s.place.km <= TOWN_ACTION_MAX_KM, (p, s.initiative.id, s.where)
    dkbus = "dunkerque-dkbus-offres-alternance-dans-le-bus"
    for place in ("59512", "59350"):
        assert dkbus not in ids(real, age=20, code_insee=place, besoin="emploi", vehicule=False, permis=False)
        assert dkbus not in ids(real, age=16, code_insee=place, besoin="apprentissage")  # a minor, permis not asked
        assert dkbus not in ids(real, age=20, code_insee=place, besoin="emploi", vehicule=True, permis=True)
        assert dkbus not in ids(real, age=20, code_insee=place, besoin="emploi")  # transport unknown
    assert dkbus in ids(real, age=20, code_insee="59183", besoin="emploi", vehicule=False, permis=False)


def test_the_job_and_apprenticeship_reasons_say_what_the_record_offers(
    real_kb: KnowledgeBase, answers: List[tuple], real: Matcher
) -> None:
    """Live (round B): Gavotte-Peyret, a documentation room about training with help for one's CV, said
    « Elle aide à trouver un emploi »; « 100 Chances 100 Emplois » said « aide à préparer un apprentissage »."""
    job, apprentice = (
        BESOINS["emploi"][1],
        "Elle aide à préparer un apprentissage ou une alternance, ce que vous cherchez.",
    )
    for _, s in answers:
        themes = set(s.initiative.thematiques)
        if "Elle aide à trouver un emploi, ce que vous cherchez." in s.reasons:
            assert any(t.startswith("trouver-un-emploi--") for t in themes) or (
                "choisir-un-metier--connaitre-les-opportunites-demploi" in themes
            ), s.initiative.id
            assert themes & job
        if apprentice in s.reasons:
            assert "apprenti" in f"{s.initiative.nom} {s.initiative.description}".lower(), s.initiative.id
    gavotte = by_id(real_kb, "septemes-gavotte-peyret-espace-insertion")
    assert "choisir-un-metier--connaitre-les-opportunites-demploi" not in gavotte.thematiques  # not in the seed
    found = real.recommend(Profile(age=20, code_insee="13106", besoin="emploi")).local
    said = [s.reasons for s in found if s.initiative.id == gavotte.id]
    assert said and any("écrire votre CV" in r for r in said[0]), said
    chances = by_id(real_kb, "100-chances-100-emplois")
    assert "apprenti" not in chances.description.lower() and "alternance" in chances.description


def _networks(real: Matcher, **profile: object) -> List[str]:
    return [n.network.id for n in real.recommend(Profile(code_insee="59350", **profile)).networks]


def test_school_leavers_networks_never_for_a_pupil(real: Matcher) -> None:
    """Live (round B): E2C, EPIDE and IAE to a 17-year-old lycéen looking for a summer job. « Pas de
    diplôme » at 17 in school is « not yet »: these are for those who left school (or schooling unknown)."""
    pupil = _networks(real, age=17, scolarite="scolarise", diplome="aucun", besoin="emploi")
    assert not {"e2c", "epide", "siae-iae"} & set(pupil), pupil
    left = _networks(real, age=17, scolarite="sorti", diplome="aucun", besoin="emploi")
    assert {"e2c", "epide", "siae-iae"} <= set(left), left
    unknown = _networks(real, age=20, diplome="aucun", besoin="emploi")
    assert {"e2c", "epide", "siae-iae"} <= set(unknown), unknown


@pytest.mark.parametrize("diplome", ["aucun", "cap-bep", None])
@pytest.mark.parametrize("besoin", [None, "emploi", "formation", "apprentissage"])
def test_a_16_year_old_who_left_school_hears_of_the_obligation_de_formation(
    real: Matcher, diplome: object, besoin: object
) -> None:
    """Live (round B): a 16-year-old who dropped out got nothing about it (4th or 5th network, cut by the
    bot's limit behind E2C, CEJ, service civique). It is a right: shown first."""
    from orientation.formatting import BOT_NETWORKS_MAX

    found = _networks(real, age=16, scolarite="sorti", diplome=diplome, besoin=besoin)
    assert "obligation-formation" in found[:BOT_NETWORKS_MAX], found
    assert "obligation-formation" not in _networks(real, age=16, scolarite="scolarise", diplome="aucun")
    assert "obligation-formation" not in _networks(real, age=19, scolarite="sorti", diplome="aucun")


def test_the_cio_line_fits_a_24_year_old_student(real: Matcher) -> None:
    """Live (round B): « le professeur principal peut aussi vous aider » said to a 24-year-old: the CIO is
    offered to a student up to 25 (trigger scolarise), so the teacher is named only for collège or lycée."""
    found = real.recommend(Profile(age=24, code_insee="59350", scolarite="scolarise", besoin="formation"))
    cio = next(n.network for n in found.networks if n.network.id == "cio")
    assert "au collège ou au lycée, le professeur principal" in cio.comment_trouver
    assert "cio" not in _networks(real, age=24, scolarite="sorti", besoin="formation")


def test_no_diploma_bound_for_the_iae_network_since_no_seed_states_one() -> None:
    """The IAE fires on a sourced difficulty (no diploma, housing, minima, refugee); the seeds give no diploma
    bound, so a licence holder without a home still hears of it (the « quand » says « difficultés »)."""
    iae = next(n for n in load_networks() if n.id == "siae-iae")
    assert not any("diplome" in t and set(t["diplome"]) - {"aucun"} for t in iae.declencheurs)
    assert "difficultés" in iae.quand


def test_a_reserved_public_is_said_once(real_kb: KnowledgeBase, real: Matcher) -> None:
    """Live (round B, seen twice): the « pourquoi » said the QPV reason twice for one record, once as the
    situation (« Vous habitez un quartier prioritaire… ») and once as the reservation (« réservée aux … »)."""
    both = [r for r in real_kb.initiatives if "residents-qpv-frr" in r.publics and "qpv" in r.eligibilite.reserve_a]
    assert both
    said = 0
    for record in both:
        place = record.zone.communes[0] if record.zone.communes else None
        if place is None:
            continue
        for s in real.recommend(Profile(age=20, code_insee=place, qpv=True, besoin="emploi")).local:
            qpv = [r for r in s.reasons if "quartier" in r and "prioritaire" in r]
            assert len(qpv) <= 1, (s.initiative.id, s.reasons)
            said += len(qpv)
    assert said


def test_residents_only_actions_of_echirolles_le_puy_and_the_miij(real_kb: KnowledgeBase, real: Matcher) -> None:
    """Live (round B): the Villeneuve d'Échirolles permanences (« Public cible : résidents du quartier ») to a
    non-QPV Grenoble person and to someone 22 km away; Le Puy's CCAS chantier, for the jeunes of its mission
    locale, to Saint-Étienne (59 km); « Un emploi dans ma ville » (the MIIJ's: Épinay, Villetaneuse,
    Saint-Ouen, L'Île-Saint-Denis) to Villeneuve-Saint-Georges, 21 km, « suivi·e par la mission locale »."""
    echirolles = "echirolles-villeneuve-permanences-emploi"
    puy = "le-puy-en-velay-ccas-aci-parcours-jeunes-mission-locale"
    miij = "epinay-sur-seine-un-emploi-dans-ma-ville"
    record = by_id(real_kb, echirolles).eligibilite
    assert record.residents.communes == ("38151",) and "qpv" in record.reserve_a
    assert by_id(real_kb, puy).eligibilite.residents.departements == ("43",)
    assert set(by_id(real_kb, miij).eligibilite.residents.communes) == {"93031", "93079", "93070", "93039"}
    for place, qpv in (("38185", False), ("38185", True), ("38563", True), ("38151", False)):
        assert echirolles not in ids(real, age=20, code_insee=place, qpv=qpv, besoin="emploi"), place
    assert echirolles in ids(real, age=20, code_insee="38151", qpv=True, besoin="emploi")
    for besoin in ("emploi", None):
        assert puy not in ids(real, age=20, code_insee="42218", besoin=besoin, vehicule=True, permis=True)
        assert miij not in ids(real, age=20, code_insee="94078", besoin=besoin, vehicule=True, permis=True)
    assert miij in ids(real, age=20, code_insee="93070", besoin="emploi")


def test_tapaj_is_said_to_exist_in_some_towns_not_everywhere(real_kb: KnowledgeBase, real: Matcher) -> None:
    """Live (round B): TAPAJ shown « partout en France »; its seed says « développé dans 21 villes » without
    listing them (only Marseille is named), so it is national but said « dans certaines villes »."""
    tapaj = by_id(real_kb, "marseille-tapaj-travail-paye-a-la-journee")
    assert tapaj.zone.certaines_villes and tapaj.zone.niveau == "national"
    shown = [
        s
        for s in real.recommend(Profile(age=20, code_insee="59350", logement="sans-domicile", besoin="emploi")).local
        if s.initiative.id == tapaj.id
    ]
    assert shown, "TAPAJ fits a 20-year-old without a roof looking for work"
    assert shown[0].where == "dans certaines villes de France"
    assert not any("partout en France" in r for r in shown[0].reasons), shown[0].reasons
    assert any("certaines villes" in r for r in shown[0].reasons)
    others = [r for r in real_kb.initiatives if r.zone.certaines_villes]
    assert all(r.zone.niveau == "national" for r in others)


def test_without_a_car_a_towns_own_action_is_not_offered_beyond_30_km(real: Matcher) -> None:
    """Round C: conseillers struck Montélimar 43 km from Valence and Rennes 45 km from Fougères (no car)."""
    from orientation.matching.places import closest_km

    for place in ("26362", "35115"):
        person = geo.get_commune(place)
        profile = Profile(age=19, code_insee=place, besoin="emploi", permis=False, vehicule=False)
        for s in real.recommend(profile).local:
            if s.proximity == "departement" and s.initiative.zone.niveau in ("commune", "epci"):
                km = closest_km(s.initiative, person)
                assert km is None or km <= 30, (place, s.initiative.id, s.where)
