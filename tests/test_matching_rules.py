"""Matching, the hard rules: one test per rule (age, reserved publics, residents, diploma, zone) on small
invented records."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import pytest

from knowledge.models import Residents
from knowledge.profile import Profile
from orientation.matching import Matcher, effective_age_bounds, record_place
from tests.support.matching import (
    BREST,
    FOUGERES,
    LECOUSSE,
    LILLE,
    MARSEILLE,
    MARSEILLE_3E,
    RENNES,
    TODAY,
    ids,
    kb_of,
    match,
    rec,
)

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

    def test_unknown_age_never_passes_bounds(self) -> None:
        # Age bounds always hold: an unknown age cannot show that it fits them.
        record = rec("a", age_min=16, age_max=25)
        assert ids(match([record], age=None, code_insee=FOUGERES, besoin="emploi")) == []
        implied = rec("b", publics=("jeunes",))  # youth-only public: bounded too
        assert ids(match([implied], age=None, code_insee=FOUGERES, besoin="emploi")) == []
        open_to_all = rec("c", publics=("demandeurs-emploi",))
        assert ids(match([open_to_all], age=None, code_insee=FOUGERES, besoin="emploi")) == ["c"]

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
    """Reserved publics (eligibilite.reserve_a): open only to people KNOWN to belong to them."""

    def test_women_only_never_to_a_man_nor_to_an_unknown(self) -> None:
        record = rec("a", publics=("femmes",), reserve_a=("femmes",))
        assert ids(match([record], femme=False, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], femme=None, code_insee=FOUGERES, besoin="emploi")) == []
        found = match([record], femme=True, code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["a"]
        assert "Elle est réservée aux femmes." in found.local[0].reasons

    def test_siae_employees_only_is_never_a_way_in(self) -> None:
        record = rec("a", publics=("actifs",), reserve_a=("salaries-siae",))
        for femme in (None, True, False):
            assert ids(match([record], femme=femme, code_insee=FOUGERES, besoin="emploi")) == []

    @pytest.mark.parametrize(
        "public, opens, closes",
        [
            ("exiles", {"refugie": True}, [{"refugie": None}, {"refugie": False}]),
            ("rqth", {"handicap": "rqth"}, [{"handicap": None}, {"handicap": "non"}, {"handicap": "oui-sans-rqth"}]),
            ("handicap", {"handicap": "oui-sans-rqth"}, [{"handicap": None}, {"handicap": "non"}]),
            ("qpv", {"qpv": True}, [{"qpv": None}, {"qpv": False}]),
            ("sans-domicile", {"logement": "sans-domicile"}, [{"logement": None}, {"logement": "chez-parents"}]),
            ("minima-sociaux", {"minima_sociaux": True}, [{"minima_sociaux": None}, {"minima_sociaux": False}]),
            ("parents-isoles", {"parent_isole": True}, [{"parent_isole": None}, {"parent_isole": False}]),
            ("suivi-mission-locale", {"age": 25}, [{"age": 26}, {"age": None}]),
            ("seniors", {"age": 50}, [{"age": 30}]),
        ],
    )
    def test_reserved_public_needs_a_known_yes(
        self, public: str, opens: Dict[str, object], closes: List[Dict[str, object]]
    ) -> None:
        record = rec("a", publics=("tous-publics",), reserve_a=(public,))
        found = match([record], code_insee=FOUGERES, besoin="emploi", **opens)
        assert ids(found) == ["a"], public
        assert f"reserve:{public}" in found.local[0].criteria
        for profile in closes:
            assert ids(match([record], code_insee=FOUGERES, besoin="emploi", **profile)) == [], (public, profile)

    @pytest.mark.parametrize(
        "public", ["ime-esat", "rsa", "justice", "demandeurs-emploi", "demandeurs-emploi-longue-duree"]
    )
    def test_publics_no_profile_can_vouch_for_never_open(self, public: str) -> None:
        record = rec("a", publics=("tous-publics",), reserve_a=(public,))
        found = match(
            [record],
            code_insee=FOUGERES,
            besoin="emploi",
            minima_sociaux=True,
            handicap="rqth",
            logement="sans-domicile",
            qpv=True,
            refugie=True,
            femme=True,
        )
        assert ids(found) == []

    def test_all_reserved_publics_must_hold(self) -> None:
        record = rec("a", publics=("femmes", "residents-qpv-frr"), reserve_a=("femmes", "qpv"))
        assert ids(match([record], femme=True, qpv=None, code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], femme=True, qpv=True, code_insee=FOUGERES, besoin="emploi")) == ["a"]

    def test_mission_locale_follow_up_is_said_plainly(self) -> None:
        record = rec("a", reserve_a=("suivi-mission-locale",), age_min=16, age_max=25)
        found = match([record], age=19, code_insee=FOUGERES, besoin="emploi")
        assert any("par la mission locale" in reason for reason in found.local[0].reasons)

    def test_detention_only_public_never_offered(self) -> None:
        record = rec("a", publics=("personnes-en-situation-juridique-specifique",))
        assert ids(match([record], age=30, code_insee=FOUGERES, besoin="emploi")) == []


class TestResidents:
    @pytest.mark.parametrize(
        "residents, inside, outside",
        [
            (Residents(communes=(FOUGERES,)), FOUGERES, LECOUSSE),
            (Residents(communes=(MARSEILLE,)), MARSEILLE_3E, "13001"),  # arrondissement = its city
            (Residents(departements=("35",)), RENNES, BREST),
            (Residents(regions=("53",)), BREST, LILLE),
        ],
    )
    def test_only_residents(self, residents: Residents, inside: str, outside: str) -> None:
        record = rec(
            "a", niveau="region", communes=(), departements=(), regions=("53", "32", "93"), residents=residents
        )
        found = match([record], code_insee=inside, besoin="emploi")
        assert ids(found) == ["a"]
        assert "residents" in found.local[0].criteria
        assert ids(match([record], code_insee=outside, besoin="emploi")) == []

    def test_unknown_commune_is_not_a_resident(self) -> None:
        record = rec("a", niveau="national", residents=Residents(departements=("35",)))
        assert ids(match([record], code_insee=None, besoin="emploi")) == []

    def test_same_through_numpy(self) -> None:
        records = [rec(f"r{i}", residents=Residents(communes=(FOUGERES,) if i % 2 else (LECOUSSE,))) for i in range(6)]
        loop = Matcher(kb_of(*records), today=TODAY).recommend(Profile(age=20, code_insee=FOUGERES, besoin="emploi"))
        vector = Matcher(kb_of(*records), today=TODAY, vector_from=0).recommend(
            Profile(age=20, code_insee=FOUGERES, besoin="emploi")
        )
        assert ids(loop) == ids(vector) == ["r1", "r3", "r5"]


class TestDiploma:
    def test_ceiling(self) -> None:
        record = rec("a", diplome_max="aucun")
        assert ids(match([record], diplome="aucun", code_insee=FOUGERES, besoin="emploi")) == ["a"]
        assert ids(match([record], diplome="bac", code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([record], diplome=None, code_insee=FOUGERES, besoin="emploi")) == []

    def test_floor(self) -> None:
        record = rec("nqt", diplome_min="superieur")
        assert ids(match([record], diplome="superieur", code_insee=FOUGERES, besoin="emploi")) == ["nqt"]
        for level in (None, "aucun", "cap-bep", "bac"):
            assert ids(match([record], diplome=level, code_insee=FOUGERES, besoin="emploi")) == [], level

    def test_low_diploma_is_a_situation_that_fits(self) -> None:
        record = rec("e2c", diplome_max="cap-bep", thematiques=("se-former--trouver-sa-formation",))
        found = match([record], diplome="aucun", code_insee=FOUGERES, besoin="emploi")
        assert ids(found) == ["e2c"]
        assert found.local[0].criteria[0] == "sans-diplome"


SAINT_MALO = "35288"


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
        assert ids(match([record], code_insee=BREST, besoin="emploi")) == ["a"]
        record = rec("b", niveau="departement", communes=(), departements=("29",), regions=())
        assert ids(match([record], code_insee=FOUGERES, besoin="emploi")) == ["b"]

    def test_a_commune_action_is_where_its_communes_are(self) -> None:
        # A commune in Bretagne listed with Hauts-de-France: it still takes place in Brest, not near Lille.
        record = rec("a", communes=(BREST,), regions=("32",))
        assert ids(match([record], code_insee=LILLE, besoin="emploi")) == []
        assert ids(match([record], code_insee=BREST, besoin="emploi")) == ["a"]

    def test_region_ones_within_reach_with_their_distance(self) -> None:
        # Nothing in Ille-et-Vilaine for Saint-Malo: Dinan (21 km) and Lamballe (42 km), both in the first distance
        # band, so the fresher record first; each said with its distance.
        dinan = rec("b-dinan", communes=("22050",), annee=2005, published=2005)
        lamballe = rec("a-lamballe", communes=("22093",), annee=2020, published=2020)
        for vector_from in (256, 0):
            found = Matcher(kb_of(dinan, lamballe), today=TODAY, vector_from=vector_from).recommend(
                Profile(age=20, code_insee=SAINT_MALO, besoin="emploi")
            )
            assert ids(found) == ["a-lamballe", "b-dinan"]
            assert all(s.where.endswith(" km") for s in found.local)

    def test_an_epci_across_departements_is_not_closer_than_the_departement(self) -> None:
        # Paris 18e and Clichy-sous-Bois share the Métropole du Grand Paris, not a département.
        record = rec("clichy", communes=("93014",))
        found = match([record], code_insee="75118", besoin="emploi")
        assert [s.proximity for s in found.local] == ["region"]
        assert found.local[0].where.startswith("dans votre région, à Clichy-sous-Bois (Seine-Saint-Denis)")

    @pytest.mark.parametrize(
        "communes, niveau, departements, expected",
        [
            ((FOUGERES,), "commune", None, "commune"),
            ((LECOUSSE,), "epci", None, "epci"),
            ((RENNES,), "commune", None, "departement"),
            ((), "departement", ("35",), "departement"),
            ((BREST,), "departement", None, "region"),
            ((), "region", ("53",), "region"),
        ],
    )
    def test_proximity_levels(
        self, communes: Tuple[str, ...], niveau: str, departements: Optional[Tuple[str, ...]], expected: str
    ) -> None:
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
        # Another département of the région only when nothing closer fits.
        assert ids(found) == ["v-commune", "w-epci", "x-departement", "z-national"]
        assert [s.proximity for s in found.local] == ["commune", "epci", "departement", "national"]

    def test_region_only_when_nothing_closer_said_plainly(self) -> None:
        found = match(
            [rec("y-region", communes=("22050",)), rec("z-national", niveau="national")],
            code_insee=SAINT_MALO,
            besoin="emploi",
        )
        assert ids(found) == ["y-region", "z-national"]
        region = found.local[0]
        assert region.where.startswith("dans votre région, à Dinan (Côtes-d'Armor)")
        assert region.reasons[-1].startswith("Elle a lieu dans votre région mais pas dans votre département : à Dinan")

    def test_a_towns_own_action_elsewhere_in_the_region_only_within_reach(self) -> None:
        # Brest's own action is 244 km from Fougères: never offered, whatever else fits (round C, play-test D).
        brest = rec("brest", communes=(BREST,))
        assert ids(match([brest], code_insee=FOUGERES, besoin="emploi")) == []
        assert ids(match([brest], code_insee=FOUGERES, besoin="emploi", vehicule=True, permis=True)) == []
        dinan = rec("dinan", communes=("22050",))  # 21 km from Saint-Malo, 64 km from Fougères
        assert ids(match([dinan], code_insee=SAINT_MALO, besoin="emploi", vehicule=False)) == ["dinan"]
        assert ids(match([dinan], code_insee=FOUGERES, besoin="emploi", vehicule=True, permis=True)) == []

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
