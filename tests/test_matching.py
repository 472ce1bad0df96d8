"""Matching: one test per rule on small invented records, profile scenarios on the real base, and
property tests (random profiles over real communes) that no suggestion ever breaks a hard filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import knowledge.loader as loader
from knowledge import geo
from knowledge.loader import KnowledgeBase, KnowledgeError, load_initiatives, load_knowledge, load_networks
from knowledge.matching import (
    Matcher,
    Recommendation,
    effective_age_bounds,
    is_historical,
    match_networks,
    matcher_for,
    recommend,
    record_place,
    trigger_holds,
)
from knowledge.models import Contact, Eligibilite, Initiative, Network, Porteur, Source, Zone
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, Profile

FIXTURES = Path(__file__).parent / "fixtures" / "data"
TODAY = date(2026, 6, 1)  # pinned: "older than 10 years" must not drift with the calendar

EMPLOI = "trouver-un-emploi--repondre-a-des-offres-demploi"
PERMIS = "mobilite--preparer-un-permis"
HEBERGEMENT = "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"

FOUGERES, LECOUSSE, RENNES, BREST, LILLE = "35115", "35150", "35238", "29019", "59350"
MARSEILLE, MARSEILLE_3E = "13055", "13203"


# --------------------------------------------------------------------------- helpers


def rec(
    record_id: str,
    *,
    niveau: str = "commune",
    communes: Iterable[str] = (FOUGERES,),
    departements: Optional[Iterable[str]] = None,
    regions: Optional[Iterable[str]] = None,
    publics: Iterable[str] = ("jeunes",),
    thematiques: Iterable[str] = (EMPLOI,),
    statut: str = "a-verifier",
    annee: Optional[int] = 2019,
    published: Optional[int] = 2019,
    contact: Contact = Contact(),
    **eligibilite: object,
) -> Initiative:
    """A small invented record; départements and régions derived from the communes unless given."""
    communes = tuple(communes) if niveau != "national" else ()
    known = [geo.get_commune(code) for code in communes]
    if departements is None:
        departements = sorted({c.departement for c in known if c})
    if regions is None:
        regions = sorted({c.region for c in known if c})
    return Initiative(
        id=record_id,
        nom=f"Action {record_id}",
        description="Une action inventée pour les tests.",
        porteur=Porteur(nom="Structure d'essai", type="association"),
        publics=tuple(publics),
        thematiques=tuple(thematiques),
        zone=Zone(niveau=niveau, communes=communes, departements=tuple(departements), regions=tuple(regions)),
        eligibilite=Eligibilite(**eligibilite),  # type: ignore[arg-type]
        statut=statut,
        sources=(Source(seed="999_0000000000000000.txt", line=1),),
        annee=annee,
        published=published,
        contact=contact,
    )


def kb_of(*records: Initiative, networks: Tuple[Network, ...] = ()) -> KnowledgeBase:
    return KnowledgeBase(initiatives=tuple(records), glossary=(), networks=networks)


def ids(recommendation: Recommendation) -> List[str]:
    return [s.initiative.id for s in recommendation.local]


def match(records: Iterable[Initiative], limit: int = 5, **profile: object) -> Recommendation:
    return Matcher(kb_of(*records), today=TODAY).recommend(Profile(**profile), limit=limit)  # type: ignore[arg-type]


def network(network_id: str, *triggers: dict, quand: str = "Quand c'est utile.") -> Network:
    return Network(id=network_id, nom=network_id, ce_qui_est_propose="…", quand=quand,
                   comment_trouver="…", declencheurs=tuple(triggers))


# --------------------------------------------------------------------------- real base


def _networks_path() -> Path:
    real = loader.DATA_DIR / "networks.yaml"
    return real if real.exists() else FIXTURES / "networks.yaml"


@pytest.fixture(scope="module")
def real_kb() -> KnowledgeBase:
    """The shipped initiatives; the shipped networks, or the fixture ones while networks.yaml is not written."""
    return KnowledgeBase(
        initiatives=load_initiatives(loader.DATA_DIR / "initiatives"),
        glossary=(),
        networks=load_networks(_networks_path()),
    )


@pytest.fixture(scope="module")
def real(real_kb: KnowledgeBase) -> Matcher:
    return Matcher(real_kb, today=TODAY)


@pytest.fixture(scope="module")
def real_vector(real_kb: KnowledgeBase) -> Matcher:
    """Same base, every block through the numpy path (the real base is small enough for the plain loop)."""
    return Matcher(real_kb, today=TODAY, vector_from=0)


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_knowledge(FIXTURES)


# --------------------------------------------------------------------------- hard filters


class TestAge:
    def test_outside_bounds_excluded(self) -> None:
        record = rec("a", age_min=16, age_max=25)
        assert ids(match([record], age=26, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], age=15, code_insee=FOUGERES, besoin="emploi")) == []

    def test_bounds_inclusive_on_whole_years(self) -> None:
        record = rec("a", age_min=16, age_max=25)
        for age in (16, 25, 25.9):
            assert ids(match([record], age=age, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_unknown_age_never_excludes(self) -> None:
        record = rec("a", age_min=16, age_max=25)
        assert ids(match([record], code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_youth_only_public_has_implicit_ceiling(self) -> None:
        record = rec("a", publics=("jeunes", "residents-qpv-frr"))
        assert effective_age_bounds(record) == (None, 30)
        assert ids(match([record], age=30, code_insee=FOUGERES, besoin="emploi")) == ["a"]
        assert ids(match([record], age=35, code_insee=FOUGERES, besoin="emploi")) == []

    def test_mixed_public_has_no_implicit_ceiling(self) -> None:
        record = rec("a", publics=("jeunes", "demandeurs-emploi"))
        assert effective_age_bounds(record) == (None, None)
        assert ids(match([record], age=45, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_seniors_only_public_has_implicit_floor(self) -> None:
        record = rec("a", publics=("seniors", "demandeurs-emploi"))
        assert ids(match([record], age=20, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], age=50, code_insee=FOUGERES, besoin="emploi")) == ["a"]


class TestAudience:
    def test_women_only_never_to_a_man(self) -> None:
        record = rec("a", publics=("femmes",), femmes_uniquement=True)
        assert ids(match([record], femme=False, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], femme=None, code_insee=FOUGERES, besoin="emploi")) == ["a"]
        found = match([record], femme=True, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["a"]
        assert "Elle est réservée aux femmes." in found.local[0].reasons

    def test_sole_women_public_counts_as_women_only(self) -> None:
        record = rec("a", publics=("femmes",))
        assert ids(match([record], femme=False, code_insee=FOUGERES, besoin="emploi")) == []

    def test_siae_employees_only_is_never_a_way_in(self) -> None:
        record = rec("a", publics=("actifs",), salaries_siae_uniquement=True)
        for femme in (None, True, False):
            assert ids(match([record], age=20, femme=femme, code_insee=FOUGERES, besoin="emploi")) == []

    def test_refugees_only_when_refugee(self) -> None:
        record = rec("a", publics=("personnes-exilees",), refugies_uniquement=True)
        assert ids(match([record], refugie=None, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], refugie=False, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], refugie=True, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_rqth_reserved_only_with_rqth(self) -> None:
        record = rec("a", publics=("personnes-en-situation-de-handicap",), rqth=True)
        for handicap in (None, "non", "oui-sans-rqth"):
            assert ids(match([record], handicap=handicap, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], handicap="rqth", code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_qpv_reserved_not_offered_outside_qpv(self) -> None:
        record = rec("a", publics=("jeunes", "residents-qpv-frr"), qpv=True)
        assert ids(match([record], qpv=False, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], qpv=None, code_insee=FOUGERES, besoin="emploi")) == ["a"]
        assert ids(match([record], qpv=True, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_handicap_only_public_not_to_someone_without_handicap(self) -> None:
        record = rec("a", publics=("personnes-en-situation-de-handicap",))
        assert ids(match([record], handicap="non", code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], handicap=None, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_detention_only_public_never_offered(self) -> None:
        record = rec("a", publics=("personnes-en-situation-juridique-specifique",))
        assert ids(match([record], age=30, code_insee=FOUGERES, besoin="emploi")) == []


class TestZone:
    def test_other_region_never_offered(self) -> None:
        assert ids(match([rec("lille", communes=(LILLE,))], code_insee=FOUGERES, besoin="emploi")) == []

    def test_national_everywhere(self) -> None:
        record = rec("nat", niveau="national")
        for code in (FOUGERES, LILLE, "97411", None):
            found = match([record], code_insee=code, besoin="emploi")
            assert ids(found) == ["nat"]
            assert found.local[0].proximity == "national"
            assert found.local[0].where == "partout en France"

    def test_unknown_commune_gets_national_only(self) -> None:
        records = [rec("local"), rec("nat", niveau="national")]
        assert ids(match(records, besoin="emploi")) == ["nat"]

    def test_regions_derived_when_missing(self) -> None:
        record = rec("a", communes=(BREST,), regions=())
        assert record_place(record).regions == ("53",)
        assert ids(match([record], code_insee=FOUGERES, besoin="emploi")) == ["a"]
        record = rec("b", niveau="departement", communes=(), departements=("29",), regions=())
        assert ids(match([record], code_insee=FOUGERES, besoin="emploi")) == ["b"]

    def test_listed_regions_are_the_records_word(self) -> None:
        # A commune in Bretagne but the record says Hauts-de-France: the listed région wins.
        record = rec("a", communes=(BREST,), regions=("32",))
        assert ids(match([record], code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], code_insee=LILLE, besoin="emploi")) == ["a"]

    @pytest.mark.parametrize("communes, niveau, departements, expected", [
        ((FOUGERES,), "commune", None, "commune"),
        ((LECOUSSE,), "epci", None, "epci"),
        ((RENNES,), "commune", None, "departement"),
        ((), "departement", ("35",), "departement"),
        ((BREST,), "commune", None, "region"),
        ((), "region", ("53",), "region"),
    ])
    def test_proximity_levels(self, communes: Tuple[str, ...], niveau: str,
                              departements: Optional[Tuple[str, ...]], expected: str) -> None:
        regions = ("53",) if not communes else None
        record = rec("a", communes=communes, niveau=niveau, departements=departements, regions=regions)
        found = match([record], code_insee=FOUGERES, besoin="emploi")
        assert found.local[0].proximity == expected

    def test_closer_first_at_equal_fit_then_national(self) -> None:
        records = [
            rec("z-national", niveau="national"),
            rec("y-region", communes=(BREST,)),
            rec("x-departement", communes=(RENNES,)),
            rec("w-epci", communes=(LECOUSSE,), niveau="epci"),
            rec("v-commune", communes=(FOUGERES,)),
        ]
        found = match(records, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["v-commune", "w-epci", "x-departement", "y-region", "z-national"]
        assert [s.proximity for s in found.local] == ["commune", "epci", "departement", "region", "national"]

    def test_arrondissement_is_the_same_commune_as_its_city(self) -> None:
        record = rec("m", communes=(MARSEILLE,))
        found = match([record], code_insee=MARSEILLE_3E, besoin="emploi")
        assert found.local[0].proximity == "commune"
        assert "Elle a lieu à Marseille, dans votre ville." in found.local[0].reasons

    def test_index_is_by_region(self) -> None:
        matcher = Matcher(kb_of(rec("a"), rec("b", communes=(LILLE,)), rec("n", niveau="national")), today=TODAY)
        assert matcher.candidates_count("53") == 2
        assert matcher.candidates_count("32") == 2
        assert matcher.candidates_count("94") == 1


# --------------------------------------------------------------------------- fit and ranking


class TestFit:
    def test_need_overlap_and_reason(self) -> None:
        found = match([rec("a", age_min=16, age_max=25, thematiques=(PERMIS,))],
                      age=20, code_insee=FOUGERES, besoin="mobilite-permis")
        assert found.local[0].reasons == (
            "Elle aide à préparer le permis, ce que vous cherchez.",
            "Vous avez 20 ans : cette action s'adresse aux 16-25 ans.",
            "Elle a lieu à Fougères, votre commune.",
        )

    def test_no_specific_fit_is_not_a_suggestion(self) -> None:
        # Young and nearby is not enough when the person asked for something else.
        record = rec("permis", thematiques=(PERMIS,))
        assert ids(match([record], age=20, code_insee=FOUGERES, besoin="emploi")) == []

    def test_without_need_being_young_is_enough(self) -> None:
        assert ids(match([rec("a")], age=20, code_insee=FOUGERES)) == ["a"]
        assert ids(match([rec("a")], age=40, code_insee=FOUGERES)) == []

    def test_nothing_known_nothing_suggested(self) -> None:
        assert match([rec("a")], code_insee=FOUGERES).empty

    def test_no_licence_fits_mobility(self) -> None:
        record = rec("permis", thematiques=(PERMIS,))
        found = match([record], permis=False, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["permis"]
        assert "Vous n'avez pas le permis : elle aide à vous déplacer." in found.local[0].reasons
        assert ids(match([record], vehicule=False, code_insee=FOUGERES, besoin="emploi")) == ["permis"]

    def test_no_shelter_fits_housing_and_emergency(self) -> None:
        housing = rec("housing", thematiques=(HEBERGEMENT,), publics=("demandeurs-emploi",))
        urgent = rec("urgent", publics=("personnes-en-situation-durgence",), thematiques=(EMPLOI,))
        found = match([housing, urgent], logement="sans-domicile", code_insee=FOUGERES)
        assert sorted(ids(found)) == ["housing", "urgent"]
        assert ids(match([housing, urgent], logement="chez-parents", code_insee=FOUGERES)) == []

    def test_qpv_fit(self) -> None:
        qpv = rec("qpv", publics=("residents-qpv-frr", "demandeurs-emploi"))
        plain = rec("plain", publics=("demandeurs-emploi",), communes=(FOUGERES,))
        found = match([plain, qpv], qpv=True, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["qpv", "plain"]
        assert "Vous habitez un quartier prioritaire : elle s'adresse à ses habitants." in found.local[0].reasons

    def test_handicap_fit(self) -> None:
        record = rec("h", publics=("personnes-en-situation-de-handicap",), thematiques=(HEBERGEMENT,))
        found = match([record], handicap="oui-sans-rqth", code_insee=FOUGERES)
        assert ids(found) == ["h"]

    def test_closeness_and_fit_add_up(self) -> None:
        # Without a licence, an action in one's own town beats a slightly better fit 200 km away...
        near = rec("near", communes=(FOUGERES,), publics=("demandeurs-emploi",))
        far_fit = rec("far", communes=(BREST,), publics=("demandeurs-emploi",), thematiques=(EMPLOI, PERMIS))
        found = match([near, far_fit], permis=False, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["near", "far"]
        # ...but a much better fit in the same région beats a weak one next door.
        weak = rec("weak", communes=(FOUGERES,), publics=("demandeurs-emploi",), thematiques=(PERMIS,))
        strong = rec("strong", communes=(BREST,), publics=("demandeurs-emploi",), thematiques=(EMPLOI, PERMIS))
        found = match([weak, strong], permis=False, qpv=None, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["strong", "weak"]

    def test_current_before_historical_at_equal_fit_and_place(self) -> None:
        old = rec("a-old", statut="historique")
        new = rec("b-new")
        assert ids(match([old, new], age=20, code_insee=FOUGERES, besoin="emploi")) == ["b-new", "a-old"]

    def test_ties_broken_by_id(self) -> None:
        records = [rec(f"r{i}") for i in (3, 1, 2)]
        assert ids(match(records, code_insee=FOUGERES, besoin="emploi")) == ["r1", "r2", "r3"]

    def test_limit(self) -> None:
        records = [rec(f"r{i}") for i in range(8)]
        assert len(match(records, code_insee=FOUGERES, besoin="emploi").local) == 5
        assert len(match(records, limit=2, code_insee=FOUGERES, besoin="emploi").local) == 2
        assert match(records, limit=0, code_insee=FOUGERES, besoin="emploi").empty

    def test_scores_decrease(self) -> None:
        records = [rec("a"), rec("b", communes=(RENNES,)), rec("c", niveau="national")]
        scores = [s.score for s in match(records, code_insee=FOUGERES, besoin="emploi").local]
        assert scores == sorted(scores, reverse=True)


class TestHistorical:
    def test_statut_historique(self) -> None:
        assert is_historical(rec("a", statut="historique"), TODAY)

    def test_reference_year_older_than_ten_years(self) -> None:
        assert is_historical(rec("a", annee=2008, published=2012), TODAY)
        assert not is_historical(rec("a", annee=2016, published=2016), TODAY)
        assert not is_historical(rec("a", annee=2008, published=2019), TODAY)  # still described in 2019

    def test_historical_never_shows_a_phone(self) -> None:
        contact = Contact(adresse="1 rue X", telephone="02 99 00 00 00")
        found = match([rec("a", statut="historique", contact=contact)], code_insee=FOUGERES, besoin="emploi")
        assert found.local[0].historical
        assert found.local[0].how_to_reach == ()

    def test_current_shows_contact_as_printed(self) -> None:
        contact = Contact(adresse="1 rue X, 35300 Fougères", telephone="02 99 00 00 00",
                          courriel="contact@x.fr", site_web="https://x.fr")
        found = match([rec("a", contact=contact)], code_insee=FOUGERES, besoin="emploi")
        assert found.local[0].how_to_reach == (
            "Adresse : 1 rue X, 35300 Fougères", "Téléphone : 02 99 00 00 00",
            "Courriel : contact@x.fr", "Site : https://x.fr")
        assert found.local[0].year == 2019


class TestWhere:
    def test_commune(self) -> None:
        assert match([rec("a")], code_insee=FOUGERES, besoin="emploi").local[0].where == "à Fougères (Ille-et-Vilaine)"

    def test_person_commune_named_first(self) -> None:
        record = rec("a", communes=(RENNES, FOUGERES))
        assert match([record], code_insee=FOUGERES, besoin="emploi").local[0].where == "à Fougères (Ille-et-Vilaine)"

    def test_epci_departement_region(self) -> None:
        epci = rec("e", niveau="epci", communes=(LECOUSSE,))
        dep = rec("d", niveau="departement", communes=(), departements=("35",), regions=("53",))
        reg = rec("r", niveau="region", communes=(), departements=(), regions=("53",))
        found = {s.initiative.id: s for s in match([epci, dep, reg], code_insee=FOUGERES, besoin="emploi").local}
        assert found["e"].where == "à Lécousse et alentours (Ille-et-Vilaine)"
        assert found["d"].where == "dans tout le département (Ille-et-Vilaine)"
        assert found["r"].where == "dans toute la région (Bretagne)"


# --------------------------------------------------------------------------- networks


class TestNetworks:
    def test_all_keys_must_hold(self) -> None:
        trigger = {"permis": False, "besoin": ["emploi"]}
        assert trigger_holds(trigger, Profile(permis=False, besoin="emploi"))
        assert not trigger_holds(trigger, Profile(permis=False, besoin="logement"))
        assert not trigger_holds(trigger, Profile(permis=False))

    def test_unknown_values_do_not_satisfy(self) -> None:
        assert not trigger_holds({"age_min": 16, "age_max": 25}, Profile())
        assert not trigger_holds({"femme": False}, Profile())
        assert not trigger_holds({"handicap": "rqth"}, Profile())
        assert trigger_holds({"toujours": True}, Profile())

    def test_age_bounds(self) -> None:
        trigger = {"age_min": 16, "age_max": 25}
        assert trigger_holds(trigger, Profile(age=16))
        assert trigger_holds(trigger, Profile(age=25.5))
        assert not trigger_holds(trigger, Profile(age=26))

    def test_unknown_key_never_fires(self) -> None:
        assert not trigger_holds({"toujours": True, "inconnu": 1}, Profile(age=20))

    def test_specific_first_always_last_and_reasons(self) -> None:
        networks = (
            network("toujours", {"toujours": True}, quand="Toujours utile."),
            network("ml", {"age_min": 16, "age_max": 25}),
            network("cap", {"handicap": "rqth"}, {"age_min": 16, "age_max": 25, "handicap": "rqth"}),
            network("jamais", {"logement": ["sans-domicile"]}),
        )
        found = match_networks(networks, Profile(age=20, handicap="rqth"))
        assert [ns.network.id for ns in found] == ["cap", "ml", "toujours"]
        assert found[0].reasons == ("Vous avez 20 ans.", "Vous avez une RQTH.", "Quand c'est utile.")
        assert found[2].reasons == ("Toujours utile.",)

    def test_networks_kept_apart_from_local(self, fixture_kb: KnowledgeBase) -> None:
        found = Matcher(fixture_kb, today=TODAY).recommend(Profile(age=40, code_insee="2A004", besoin="logement"))
        assert found.empty
        assert [ns.network.id for ns in found.networks] == ["france-travail"]


class TestModuleApi:
    def test_cached_matcher_per_kb(self, fixture_kb: KnowledgeBase) -> None:
        assert matcher_for(fixture_kb) is matcher_for(fixture_kb)
        found = recommend(Profile(age=20, code_insee=FOUGERES, besoin="mobilite-permis"), kb=fixture_kb)
        assert ids(found)[0] == "fx-fougeres-permis"

    def test_deterministic(self, fixture_kb: KnowledgeBase) -> None:
        profile = Profile(age=20, code_insee=FOUGERES, besoin="emploi", permis=False)
        assert recommend(profile, kb=fixture_kb) == recommend(profile, kb=fixture_kb)


# --------------------------------------------------------------------------- scenarios on the real base

SCENARIOS: List[Tuple[str, Dict[str, object], Tuple[str, ...], int, Tuple[str, ...]]] = [
    # (name, profile, expected ids (any of them), within top n, forbidden ids)
    ("fougeres-permis", dict(age=20, code_insee=FOUGERES, permis=False, vehicule=False, besoin="mobilite-permis"),
     ("fougeres-mission-locale-auto-ecole",), 1, ()),
    ("rennes-35-ans", dict(age=35, code_insee=RENNES, besoin="emploi"),
     ("rennes-meif-sas-clause-sociale-femmes-btp", "rennes-maurepas-groupe-solidarite-emploi"), 1,
     ("rennes-mission-locale-conseillers-issus-des-quartiers",)),
    ("belfort-homme", dict(age=30, femme=False, code_insee="90010", besoin="formation"),
     ("dijon-mission-locale-job-board", "grand-dijon-passerelle-vers-lemploi"), 3,
     ("belfort-de-la-couture-a-lindustrie",)),
    ("belfort-femme", dict(age=30, femme=True, code_insee="90010", besoin="formation"),
     ("belfort-de-la-couture-a-lindustrie",), 1, ()),
    ("tours-hors-siae", dict(age=30, code_insee="37261", besoin="emploi"),
     ("tours-cfa-douets-apprentissage-nouvelle-chance",), 1,
     ("tours-afpa-rsfp-reconnaissance-savoir-faire", "tours-entraide-ouvriere-tram-chantier-btp")),
    ("lyon-sans-abri", dict(age=22, code_insee="69123", logement="sans-domicile"),
     ("rhone-perle-logement-par-emploi",), 1, ()),
    ("laval-rqth", dict(age=24, code_insee="53130", handicap="rqth", besoin="emploi"),
     ("mayenne-geist-job-coach-53",), 1, ()),
    ("marseille-qpv", dict(age=20, code_insee="13213", qpv=True, besoin="emploi"),
     ("marseille-clubs-jeunes-chercheurs-emploi",), 1, ()),
    ("marseille-hors-qpv", dict(age=20, code_insee="13213", qpv=False, besoin="emploi"),
     ("marseille-skola-boutique-ecole-vente",), 1, ("marseille-clubs-jeunes-chercheurs-emploi",)),
    ("marseille-refugie", dict(age=28, code_insee=MARSEILLE, refugie=True, besoin="formation"),
     ("paca-hope-refugies-afpa-faftt",), 1, ()),
    ("marseille-non-refugie", dict(age=28, code_insee=MARSEILLE, besoin="formation"),
     ("marseille-skola-boutique-ecole-vente",), 2, ("paca-hope-refugies-afpa-faftt",)),
    ("creteil-16-ans", dict(age=16, code_insee="94028", besoin="logement"),
     ("val-de-marne-apsi-construit-toit",), 1, ()),
    ("creteil-19-ans", dict(age=19, code_insee="94028", besoin="logement"), (), 0,
     ("val-de-marne-apsi-construit-toit",)),
    ("blanquefort-50-ans", dict(age=50, code_insee="33056", besoin="creation-activite"),
     ("technowest-48h-seniors-emploi",), 1, ()),
    ("blanquefort-30-ans", dict(age=30, code_insee="33056", besoin="creation-activite"), (), 0,
     ("technowest-48h-seniors-emploi",)),
    ("lille-emploi", dict(age=20, code_insee=LILLE, besoin="emploi"),
     ("dunkerque-dkbus-offres-alternance-dans-le-bus",), 1, ()),
    ("saint-denis-qpv", dict(age=22, code_insee="93066", qpv=True, besoin="emploi"),
     ("saint-denis-objectif-emploi-accompagnement-vers-lemploi",), 2, ()),
    ("lamentin-femme-qpv", dict(age=25, femme=True, code_insee="97213", qpv=True, besoin="ne-sait-pas"),
     ("le-lamentin-eco-mobil-recycle-repair-cafe",), 1, ()),
    ("toulouse-qpv-formation", dict(age=19, code_insee="31555", qpv=True, besoin="formation"),
     ("toulouse-mission-locale-plan-quartiers-prioritaires",), 1, ()),
    ("cherbourg-jeune", dict(age=20, code_insee="50129", besoin="emploi"), (), 0,
     ("cotentin-sud-manche-plan-actions-seniors",)),
    ("saint-brieuc-emploi", dict(age=30, code_insee="22278", besoin="emploi"), (), 0,
     ("saint-brieuc-entreprise-apprenante-maison-arret",)),
    ("brive-sans-permis", dict(age=21, code_insee="19031", permis=False, besoin="emploi"),
     ("brive-apprentissage-conduite-insertion",), 1, ()),
]


@pytest.mark.parametrize("name, profile, expected, top, forbidden", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(real: Matcher, name: str, profile: Dict[str, object], expected: Tuple[str, ...], top: int,
                  forbidden: Tuple[str, ...]) -> None:
    found = real.recommend(Profile(**profile))  # type: ignore[arg-type]
    if expected:
        assert set(ids(found)[:top]) & set(expected), (name, ids(found))
    assert not set(ids(found)) & set(forbidden), (name, ids(found))
    _assert_valid(found)


def test_35_year_old_never_gets_a_youth_action(real: Matcher, real_kb: KnowledgeBase) -> None:
    communes = sorted({c for r in real_kb.initiatives for c in r.zone.communes})
    for code in communes:
        for besoin in BESOINS:
            for s in real.recommend(Profile(age=35, code_insee=code, besoin=besoin)).local:
                assert (s.initiative.eligibilite.age_max or 99) >= 35, (code, s.initiative.id)


def test_unknown_commune_gets_only_national(real: Matcher) -> None:
    found = real.recommend(Profile(age=20, besoin="emploi"))
    assert found.local and all(s.proximity == "national" for s in found.local)


def test_empty_in_corsica_for_housing(real: Matcher) -> None:
    found = real.recommend(Profile(age=40, code_insee="2A004", besoin="logement"))
    assert found.empty
    assert found.networks  # the honest answer still points somewhere


def test_no_shelter_gets_siao_115(real: Matcher) -> None:
    found = real.recommend(Profile(age=30, code_insee=RENNES, logement="sans-domicile"))
    assert any(_is_115(ns.network) for ns in found.networks), [ns.network.id for ns in found.networks]


def test_rqth_gets_cap_emploi(real: Matcher) -> None:
    found = real.recommend(Profile(age=30, code_insee=RENNES, handicap="rqth"))
    assert any("cap emploi" in ns.network.nom.lower() for ns in found.networks), [ns.network.id for ns in found.networks]


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


# --------------------------------------------------------------------------- properties


def _assert_valid(found: Recommendation) -> None:
    """Every hard rule, checked on one recommendation."""
    profile = found.profile
    person = geo.get_commune(profile.code_insee) if profile.code_insee else None
    age = profile.whole_age
    scores = [s.score for s in found.local]
    assert scores == sorted(scores, reverse=True)
    for s in found.local:
        record, elig = s.initiative, s.initiative.eligibilite
        lo, hi = effective_age_bounds(record)
        if age is not None:
            assert lo is None or age >= lo, record.id
            assert hi is None or age <= hi, record.id
            assert elig.age_min is None or age >= elig.age_min
            assert elig.age_max is None or age <= elig.age_max
        if record.zone.niveau == "national":
            assert s.proximity == "national"
        else:
            assert person is not None, record.id
            assert person.region in record_place(record).regions, record.id
        assert not elig.salaries_siae_uniquement
        assert not (elig.femmes_uniquement and profile.femme is False)
        assert not elig.refugies_uniquement or profile.refugie is True
        assert not elig.rqth or profile.handicap == "rqth"
        assert not (elig.qpv and profile.qpv is False)
        if s.historical:
            assert s.how_to_reach == ()
        assert s.reasons
    for ns in found.networks:
        assert any(trigger_holds(t, profile) for t in ns.network.declencheurs)


def _communes_for_properties() -> List[str]:
    try:
        records = load_initiatives(loader.DATA_DIR / "initiatives")
    except KnowledgeError:  # the real-base tests report it; keep the unit tests collectable
        records = ()
    listed = {c for r in records for c in r.zone.communes}
    others = {"75056", "75118", "69383", "13203", "97411", "97213", "2A004", "59350", "35115", "35150", "29019",
              "33063", "67482", "21231", "44109", "87085", "97608", "57463", "80021", "01001"}
    return sorted(listed | others)


_maybe_bool = st.one_of(st.none(), st.booleans())
profiles = st.builds(
    Profile,
    age=st.one_of(st.none(), st.integers(14, 99), st.floats(14, 99, allow_nan=False)),
    code_insee=st.one_of(st.none(), st.sampled_from(_communes_for_properties())),
    qpv=_maybe_bool, permis=_maybe_bool, vehicule=_maybe_bool, femme=_maybe_bool,
    diplome=st.one_of(st.none(), st.sampled_from(sorted(DIPLOMES))),
    minima_sociaux=_maybe_bool, refugie=_maybe_bool, parent_isole=_maybe_bool,
    logement=st.one_of(st.none(), st.sampled_from(sorted(LOGEMENTS))),
    handicap=st.one_of(st.none(), st.sampled_from(sorted(HANDICAPS))),
    besoin=st.one_of(st.none(), st.sampled_from(sorted(BESOINS))),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles, limit=st.integers(0, 12))
def test_property_no_suggestion_breaks_a_hard_rule(real: Matcher, profile: Profile, limit: int) -> None:
    found = real.recommend(profile, limit=limit)
    assert len(found.local) <= limit
    _assert_valid(found)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles)
def test_property_index_equals_full_scan(real: Matcher, real_vector: Matcher, real_kb: KnowledgeBase,
                                         profile: Profile) -> None:
    """The région index finds exactly what scanning every record finds, through both the loop and numpy."""
    expected = _scan(real_kb, profile)
    assert ids(real.recommend(profile, limit=1000)) == expected
    assert ids(real_vector.recommend(profile, limit=1000)) == expected
    assert real_vector.recommend(profile, limit=3) == real.recommend(profile, limit=3)


_LEVELS = {"national": 0, "region": 1, "departement": 2, "epci": 3, "commune": 4}


def _scan(kb: KnowledgeBase, profile: Profile) -> List[str]:
    """Reference matcher: no index, no numpy; same rules, written the plain way."""
    from knowledge import matching as m

    person = geo.get_commune(profile.code_insee) if profile.code_insee else None
    rules = m._rules(profile)
    scored = []
    for record in kb.initiatives:
        if not m.is_offerable(record):
            continue
        if m._restrictions(record) & m._excluded_restrictions(profile):
            continue
        lo, hi = effective_age_bounds(record)
        age = profile.whole_age
        if age is not None and ((lo is not None and age < lo) or (hi is not None and age > hi)):
            continue
        place = record_place(record)
        if record.zone.niveau == "national":
            level = 0
        elif person is None or person.region not in place.regions:
            continue
        else:
            city = person.arrondissement_de or person.code_insee
            level = (4 if city in place.communes else 3 if person.epci and person.epci in place.epcis
                     else 2 if person.departement in place.departements else 1)
        features = m._features(record)
        hits = [rule for rule in rules if features & rule.bit]
        if not any(rule.specific or m._general_allowed(profile) for rule in hits):
            continue
        historical = is_historical(record, TODAY)
        score = sum(rule.weight for rule in hits) + m._PROXIMITY_STEP * level + m._quality(record, historical)
        scored.append((-score, record.id))
    scored.sort()
    return [record_id for _, record_id in scored]


def test_no_diploma_opens_the_networks_made_for_it_and_a_diploma_does_not() -> None:
    # Profile.diplome is a level (contract); the triggers' `diplome: false` means « aucun ».
    from knowledge.matching import recommend as real_recommend

    without = {n.network.id for n in real_recommend(Profile(age=19, code_insee="35115", besoin="emploi", diplome="aucun")).networks}
    with_bac = {n.network.id for n in real_recommend(Profile(age=19, code_insee="35115", besoin="emploi", diplome="bac")).networks}
    assert {"e2c", "epide"} <= without
    assert not {"e2c", "epide"} & with_bac
