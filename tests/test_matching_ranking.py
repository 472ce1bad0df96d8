"""Matching, the order and the rest of a recommendation on small invented records: fit and ranking, old
records, where a suggestion is, the networks, the module's entry points."""

from __future__ import annotations

import pytest

from knowledge.loader import KnowledgeBase
from knowledge.models import Contact
from knowledge.profile import Profile
from orientation.matching import Matcher, is_historical, match_networks, matcher_for, recommend, trigger_holds
from tests.support.matching import (
    BREST,
    EMPLOI,
    FOUGERES,
    HEBERGEMENT,
    LECOUSSE,
    PERMIS,
    RENNES,
    TODAY,
    ids,
    match,
    network,
    rec,
)

# --------------------------------------------------------------------------- fit and ranking


class TestFit:
    def test_need_overlap_and_reason(self) -> None:
        found = match(
            [rec("a", age_min=16, age_max=25, thematiques=(PERMIS,))],
            age=20,
            code_insee=FOUGERES,
            besoin="mobilite-permis",
        )
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
        assert match([rec("a")], age=None, code_insee=FOUGERES).empty

    def test_no_licence_fits_mobility(self) -> None:
        record = rec("permis", thematiques=(PERMIS,))
        found = match([record], permis=False, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["permis"]
        assert "Vous n'avez pas le permis : elle aide à se déplacer près de chez vous." in found.local[0].reasons
        assert ids(match([record], vehicule=False, code_insee=FOUGERES, besoin="emploi")) == ["permis"]

    def test_mobility_elsewhere_does_not_fit_a_job_need(self) -> None:
        # A mobility action in another département (a move to Bretagne) is no way to get to work here.
        far = rec("far", communes=(BREST,), thematiques=(PERMIS,))
        assert ids(match([far], permis=False, code_insee=FOUGERES, besoin="emploi")) == []
        # Asked for as the need itself, a Brest town's own action is still 200 km away: never offered.
        assert ids(match([far], permis=True, code_insee=FOUGERES, besoin="mobilite-permis")) == []
        # Finistère-wide, it may come, said plainly as régional (with transport).
        wide = rec("wide", niveau="departement", communes=(BREST,), thematiques=(PERMIS,))
        found = match([wide], permis=True, code_insee=FOUGERES, besoin="mobilite-permis")
        assert ids(found) == ["wide"] and found.local[0].proximity == "region"

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
        VITRE = "35360"
        # An action in one's own town beats a slightly better fit in Rennes, 45 km away (transport unknown:
        # without it, a town's own action 45 km away is not offered at all, see test_suggestion_fit_cases)...
        near = rec("near", communes=(FOUGERES,), publics=("demandeurs-emploi",))
        dep_fit = rec("dep", communes=(RENNES,), publics=("demandeurs-emploi",), thematiques=(EMPLOI,))
        found = match([near, dep_fit], code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["near", "dep"]
        # ...but a much better fit in the same département (Vitré, 27 km: within reach without a licence)
        # beats a weak one next door.
        weak = rec("weak", communes=(FOUGERES,), publics=("demandeurs-emploi",), thematiques=(PERMIS,))
        strong = rec("strong", communes=(VITRE,), publics=("demandeurs-emploi",), thematiques=(EMPLOI, PERMIS))
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
        assert len(match(records, code_insee=FOUGERES, besoin="emploi").local) == 4
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
        contact = Contact(
            adresse="1 rue X, 35300 Fougères",
            telephone="02 99 00 00 00",
            courriel="contact@x.fr",
            site_web="https://x.fr",
        )
        found = match([rec("a", contact=contact)], code_insee=FOUGERES, besoin="emploi")
        assert found.local[0].how_to_reach == (
            "Adresse : 1 rue X, 35300 Fougères",
            "Téléphone : 02 99 00 00 00",
            "Courriel : contact@x.fr",
            "Site : https://x.fr",
        )
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
        assert found["e"].where == "à Lécousse et alentours (Ille-et-Vilaine), 2 km"  # the km at every level
        assert found["d"].where == "dans tout le département (Ille-et-Vilaine)"
        assert found["r"].where == "dans toute votre région (Bretagne)"  # covers the person's département too
        other_dep = rec("o", niveau="departement", communes=(), departements=("29",), regions=("53",))
        assert (
            match([other_dep], code_insee=FOUGERES, besoin="emploi").local[0].where
            == "dans votre région, dans tout le département (Finistère)"
        )


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
        assert found[0].reasons == ("Vous avez 20 ans.", "Vous avez une RQTH.", "C'est pour vous quand c'est utile.")
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


@pytest.mark.parametrize(
    "facts, limited",
    [
        (dict(vehicule=False), True),
        (dict(permis=False), True),  # no car licence, vehicle not said
        (dict(age=17), True),  # a minor whose licence is not asked
        (dict(permis=False, vehicule=True), False),  # a scooter or a moto (permis AM/A): play-test E
        (dict(age=17, vehicule=True), False),
        (dict(permis=True), False),
        (dict(), False),
    ],
)
def test_how_far_depends_on_getting_there(facts, limited):
    from orientation.matching.scoring import REGION_MAX_KM_WITHOUT_TRANSPORT, reach_km

    profile = Profile(**{"age": 20, **facts})
    assert reach_km(profile) == (REGION_MAX_KM_WITHOUT_TRANSPORT if limited else None)
