"""Matching on the real base: profile scenarios, and the cases the issues brought (a 35-year-old, an unknown
commune, Corsica, no shelter, RQTH, old records, networks by diploma, another département within reach)."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from knowledge.loader import KnowledgeBase
from knowledge.models import Network
from knowledge.profile import BESOINS, Profile
from orientation.matching import Matcher, recommend
from tests.support.matching import FOUGERES, LILLE, MARSEILLE, RENNES, assert_valid, ids

# --------------------------------------------------------------------------- scenarios on the real base

SCENARIOS: List[Tuple[str, Dict[str, object], Tuple[str, ...], int, Tuple[str, ...]]] = [
    # (name, profile, expected ids (any of them), within top n, forbidden ids)
    (
        "fougeres-permis",
        dict(age=20, code_insee=FOUGERES, permis=False, vehicule=False, besoin="mobilite-permis"),
        ("fougeres-mission-locale-auto-ecole",),
        1,
        (),
    ),
    (
        "rennes-35-ans",
        dict(age=35, code_insee=RENNES, besoin="emploi"),
        ("rennes-ateliers-itineraire-emploi", "rennes-maurepas-groupe-solidarite-emploi"),
        1,
        ("rennes-mission-locale-conseillers-issus-des-quartiers",),
    ),
    (
        "belfort-homme",
        dict(age=30, femme=False, code_insee="90010", besoin="formation"),
        (),
        0,
        ("belfort-de-la-couture-a-lindustrie",),
    ),
    # Re-read against its seed: women already employed in an ACI/EI, a fact no profile knows (eligdata).
    (
        "belfort-femme",
        dict(age=30, femme=True, code_insee="90010", besoin="formation"),
        (),
        0,
        ("belfort-de-la-couture-a-lindustrie",),
    ),
    (
        "tours-hors-siae",
        dict(age=30, code_insee="37261", besoin="emploi"),
        ("tours-cfa-douets-apprentissage-nouvelle-chance",),
        1,
        ("tours-afpa-rsfp-reconnaissance-savoir-faire", "tours-entraide-ouvriere-tram-chantier-btp"),
    ),
    (
        "lyon-sans-abri",
        dict(age=22, code_insee="69123", logement="sans-domicile"),
        ("rhone-perle-logement-par-emploi",),
        1,
        (),
    ),
    (
        "laval-rqth",
        dict(age=24, code_insee="53130", handicap="rqth", besoin="emploi"),
        (),
        1,
        # for a handicap psychique ou mental only: the profile does not say the kind (play-test F)
        ("mayenne-geist-job-coach-53",),
    ),
    (
        "marseille-qpv",
        dict(age=20, code_insee="13213", qpv=True, besoin="emploi", diplome="cap-bep"),
        ("marseille-clubs-jeunes-chercheurs-emploi",),
        1,
        (),
    ),
    # SKOLA trains for one trade (eligibilite.secteurs): it comes once the person asks for it.
    (
        "marseille-hors-qpv",
        dict(age=20, code_insee="13213", qpv=False, besoin="emploi", secteur="vente"),
        ("marseille-skola-boutique-ecole-vente",),
        1,
        ("marseille-clubs-jeunes-chercheurs-emploi",),
    ),
    (
        "marseille-refugie",
        dict(age=28, code_insee=MARSEILLE, refugie=True, besoin="formation"),
        ("paca-hope-refugies-afpa-faftt",),
        1,
        (),
    ),
    (
        "marseille-non-refugie",
        dict(age=28, code_insee=MARSEILLE, besoin="formation", secteur="vente"),
        ("marseille-skola-boutique-ecole-vente",),
        2,
        ("paca-hope-refugies-afpa-faftt",),
    ),
    (
        "creteil-16-ans",
        dict(age=16, code_insee="94028", besoin="logement", refugie=True),
        ("val-de-marne-apsi-construit-toit",),
        1,
        (),
    ),
    (
        "creteil-19-ans",
        dict(age=19, code_insee="94028", besoin="logement"),
        (),
        0,
        ("val-de-marne-apsi-construit-toit",),
    ),
    (
        "blanquefort-50-ans",
        dict(age=50, code_insee="33056", besoin="creation-activite"),
        ("technowest-48h-seniors-emploi",),
        1,
        (),
    ),
    (
        "blanquefort-30-ans",
        dict(age=30, code_insee="33056", besoin="creation-activite"),
        (),
        0,
        ("technowest-48h-seniors-emploi",),
    ),
    (
        "lille-emploi",  # Dunkerque's bus screens are Dunkerque's (67 km): round B struck them for Lille
        dict(age=20, code_insee=LILLE, besoin="emploi"),
        (),
        0,
        ("dunkerque-dkbus-offres-alternance-dans-le-bus",),
    ),
    (
        "saint-denis-qpv",
        dict(age=22, code_insee="93066", qpv=True, besoin="emploi"),
        ("saint-denis-objectif-emploi-accompagnement-vers-lemploi",),
        2,
        (),
    ),
    (
        "lamentin-femme-qpv",
        dict(age=25, femme=True, code_insee="97213", qpv=True, besoin="ne-sait-pas"),
        ("le-lamentin-eco-mobil-recycle-repair-cafe",),
        1,
        (),
    ),
    (
        "toulouse-qpv-formation",
        dict(age=19, code_insee="31555", qpv=True, besoin="formation"),
        ("toulouse-mission-locale-plan-quartiers-prioritaires",),
        1,
        (),
    ),
    (
        "cherbourg-jeune",
        dict(age=20, code_insee="50129", besoin="emploi"),
        (),
        0,
        ("cotentin-sud-manche-plan-actions-seniors",),
    ),
    (
        "saint-brieuc-emploi",
        dict(age=30, code_insee="22278", besoin="emploi"),
        (),
        0,
        ("saint-brieuc-entreprise-apprenante-maison-arret",),
    ),
    (
        "brive-sans-permis",
        dict(age=21, code_insee="19031", permis=False, besoin="emploi"),
        ("brive-apprentissage-conduite-insertion",),
        1,
        (),
    ),
]


@pytest.mark.parametrize("name, profile, expected, top, forbidden", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(
    real: Matcher,
    name: str,
    profile: Dict[str, object],
    expected: Tuple[str, ...],
    top: int,
    forbidden: Tuple[str, ...],
) -> None:
    found = real.recommend(Profile(**profile))  # type: ignore[arg-type]
    if expected:
        assert set(ids(found)[:top]) & set(expected), (name, ids(found))
    assert not set(ids(found)) & set(forbidden), (name, ids(found))
    assert_valid(found)


def test_35_year_old_never_gets_a_youth_action(real: Matcher, real_kb: KnowledgeBase) -> None:
    communes = sorted({c for r in real_kb.initiatives for c in r.zone.communes})
    for code in communes:
        for besoin in BESOINS:
            for s in real.recommend(Profile(age=35, code_insee=code, besoin=besoin)).local:
                assert (s.initiative.eligibilite.age_max or 99) >= 35, (code, s.initiative.id)


def test_unknown_commune_gets_only_national(real: Matcher) -> None:
    for besoin in BESOINS:
        for secteur in (None, "vente"):
            found = real.recommend(Profile(age=20, besoin=besoin, secteur=secteur))
            assert all(s.proximity == "national" for s in found.local), (besoin, secteur)
    # Casino, the one national vente line, is one employer's programme: never alone (round C), so the
    # standing networks carry the need
    found = real.recommend(Profile(age=20, besoin="emploi", secteur="vente"))
    assert not found.local and {"mission-locale", "france-travail"} <= {n.network.id for n in found.networks}


def test_empty_in_corsica_for_housing(real: Matcher) -> None:
    found = real.recommend(Profile(age=40, code_insee="2A004", besoin="logement"))
    assert found.empty
    assert found.networks  # the honest answer still points somewhere


def test_no_shelter_gets_siao_115(real: Matcher) -> None:
    found = real.recommend(Profile(age=30, code_insee=RENNES, logement="sans-domicile"))
    assert any(_is_115(ns.network) for ns in found.networks), [ns.network.id for ns in found.networks]


def test_rqth_gets_cap_emploi(real: Matcher) -> None:
    found = real.recommend(Profile(age=30, code_insee=RENNES, handicap="rqth"))
    assert any("cap emploi" in ns.network.nom.lower() for ns in found.networks), [
        ns.network.id for ns in found.networks
    ]


def test_historical_ones_carry_no_phone(real: Matcher, real_kb: KnowledgeBase) -> None:
    seen = 0
    for record in real_kb.initiatives:
        if not record.zone.communes:
            continue
        profile = Profile(code_insee=record.zone.communes[0], age=20, qpv=True, refugie=True, handicap="rqth")
        for s in real.recommend(profile, limit=20).local:
            if s.historical:
                seen += 1
                assert s.how_to_reach == ()
                assert not any("Téléphone" in line for line in s.how_to_reach)
    assert seen > 0


def _is_115(net: Network) -> bool:
    number = net.numero_national.numero if net.numero_national else ""
    return number == "115" or "115" in net.nom or "siao" in net.nom.lower()


def test_no_diploma_opens_the_networks_made_for_it_and_a_diploma_does_not() -> None:
    # Profile.diplome is a level (contract); the triggers name the levels they open to (`diplome: [aucun]`).
    from orientation.matching import recommend as real_recommend

    without = {
        n.network.id
        for n in real_recommend(Profile(age=19, code_insee="35115", besoin="emploi", diplome="aucun")).networks
    }
    with_bac = {
        n.network.id
        for n in real_recommend(Profile(age=19, code_insee="35115", besoin="emploi", diplome="bac")).networks
    }
    assert {"e2c", "epide"} <= without
    assert not {"e2c", "epide"} & with_bac


def test_another_departement_only_within_reach_of_the_person():
    """The issue's Sedan case: nothing of the Ardennes fits, and Nancy (144 km) is out of reach without a car."""
    from knowledge.places.distance import distance_km
    from orientation.matching.scoring import REGION_MAX_KM_WITHOUT_TRANSPORT

    def farthest(profile):
        result = recommend(profile, limit=4)
        kms = [s.place.km for s in result.local if s.proximity == "region" and s.place and s.place.km is not None]
        return max(kms, default=0.0)

    base = dict(age=20, code_insee="08409", besoin="emploi", diplome="aucun")
    assert distance_km("08409", "54395") > REGION_MAX_KM_WITHOUT_TRANSPORT  # Sedan → Nancy
    assert farthest(Profile(**base, permis=False, vehicule=False)) <= REGION_MAX_KM_WITHOUT_TRANSPORT
    # Transport unknown: another département's actions come by distance bands, but never a town's own action
    # beyond TOWN_ACTION_MAX_KM (the Nancy project is the town's, 144 km away).
    assert "Nancy" not in " ".join(s.where for s in recommend(Profile(**base), limit=4).local)
