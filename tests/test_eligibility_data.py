"""The `eligibilite` of every initiative follows the contract of issue 14, and the review table
knowledge/data/eligibility-review.md is the one scripts/eligibility_review.py generates today.

Reads the YAML files directly (yaml.safe_load), independent of knowledge.loader and the JSON schema."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, Dict

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eligibility_review", ROOT / "scripts" / "eligibility_review.py")
review = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(review)  # type: ignore[union-attr]

RECORDS = list(review.load_records())
BY_ID: Dict[str, Dict[str, Any]] = {r["id"]: r.get("eligibilite") or {} for _, r in RECORDS}


def test_every_record_is_read() -> None:
    assert len(RECORDS) == len(BY_ID) >= 124  # ids are unique across files


@pytest.mark.parametrize("name,record", RECORDS, ids=[r["id"] for _, r in RECORDS])
def test_eligibilite_follows_the_contract(name: str, record: Dict[str, Any]) -> None:
    assert review.problems(record.get("eligibilite", {})) == [], f"{name} {record['id']}"


def test_no_old_boolean_key_remains() -> None:
    left = {rid: sorted(set(elig) & set(review.OLD_BOOLEANS)) for rid, elig in BY_ID.items()}
    assert {rid: keys for rid, keys in left.items() if keys} == {}


# The checker itself must catch what it is there for (else the test above could never fail).
@pytest.mark.parametrize(
    "elig,expected",
    [
        ({"femmes_uniquement": True}, "old key 'femmes_uniquement'"),
        ({"qpv": True}, "old key 'qpv'"),
        ({"reserve_a": ["femme"]}, "unknown public 'femme'"),
        ({"reserve_a": []}, "reserve_a must be a non-empty list"),
        ({"reserve_a": ["qpv", "qpv"]}, "'qpv' twice"),
        ({"residents": {"communes": ["99999"]}}, "no such code '99999'"),
        ({"residents": {"departements": ["20"]}}, "no such code '20'"),  # Corse is 2A/2B
        ({"residents": {"regions": ["12"]}}, "no such code '12'"),
        ({"residents": {"communes": [59350]}}, "non-empty list of code strings"),
        ({"residents": {"epci": ["245901160"]}}, "unknown residents level 'epci'"),
        ({"age_min": 26, "age_max": 25}, "age_min 26 > age_max 25"),
        ({"age_min": "16"}, "age_min must be an int"),
        ({"diplome_max": "bac+2"}, "diplome_max must be one of"),
        ({"diplome_min": "bac", "diplome_max": "aucun"}, "diplome_min 'bac' is above diplome_max 'aucun'"),
        ({"public": "jeunes"}, "unknown key 'public'"),
    ],
)
def test_checker_reports(elig: Dict[str, Any], expected: str) -> None:
    assert any(expected in problem for problem in review.problems(elig)), review.problems(elig)


def test_checker_accepts_a_full_valid_record() -> None:
    elig = {
        "age_min": 16,
        "age_max": 25,
        "reserve_a": ["femmes", "qpv"],
        "residents": {"communes": ["59350"], "departements": ["93"], "regions": ["11"]},
        "diplome_min": "aucun",
        "diplome_max": "cap-bep",
        "conditions_acces": "jeunes femmes des QPV",
    }
    assert review.problems(elig) == []


# Issue 14 named these records as shown to the wrong people: their restriction must be in the data.
@pytest.mark.parametrize(
    "rid,key,expected",
    [
        ("denain-egalite-emploi-femmes", "reserve_a", {"femmes"}),
        ("champagne-ardenne-alternance-pour-tous-handicap", "reserve_a", {"handicap"}),
        ("dijon-pep-banc-essai-alternance-ime", "reserve_a", {"handicap", "ime-esat"}),
        ("marseille-tapaj-travail-paye-a-la-journee", "reserve_a", {"sans-domicile"}),
        ("charente-cellule-atout-charente-emploi-rsa", "reserve_a", {"rsa"}),
        ("strasbourg-activites-remunerees-a-la-carte", "reserve_a", {"qpv"}),
        ("ile-de-france-parcours-linguistiques-campements", "reserve_a", {"exiles"}),
    ],
)
def test_issue_14_reserved_publics(rid: str, key: str, expected: set) -> None:
    assert expected <= set(BY_ID[rid].get(key, []))


def test_issue_14_un_toit_un_emploi_is_for_ile_de_france_residents() -> None:
    assert BY_ID["aurillac-un-toit-un-emploi"]["residents"] == {"regions": ["11"]}


def test_issue_14_nqt_needs_higher_education() -> None:
    """« bac + 4 et plus »: finer than the profile's « superieur » (a bac + 3 is superieur too)."""
    elig = BY_ID["nos-quartiers-ont-des-talents-parrainage-jeunes-diplomes"]
    assert elig["diplome_min"] == "bac-plus-4" and "bac + 4" in elig["conditions_acces"]


def test_review_table_is_up_to_date() -> None:
    committed = review.REVIEW_PATH.read_text(encoding="utf-8")
    assert committed == review.render(RECORDS), "run: .venv/bin/python scripts/eligibility_review.py"


def test_review_table_lists_every_record_once_with_its_restrictions() -> None:
    rows = [line for line in review.render(RECORDS).splitlines() if line.startswith("| ")]
    for _, record in RECORDS:
        row = [r for r in rows if r.startswith(f"| {record['id']} |")]
        assert len(row) == 1, record["id"]
        for public in (record.get("eligibilite") or {}).get("reserve_a", []):
            assert public in row[0].split(" | ")[3]
