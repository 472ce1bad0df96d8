"""The eligibility schema (contracts.md) as the data editor meets it: French errors naming file, record and
field; and the standing networks that the new facts (diplôme, scolarité, âge) open on the shipped data."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml

from knowledge.loader import DATA_DIR, KnowledgeError, load_initiatives, load_networks
from knowledge.profile import Profile
from orientation.matching import match_networks

FIXTURE = Path(__file__).parent / "fixtures" / "data" / "initiatives" / "999.yaml"


def _broken(tmp_path: Path, **eligibilite: object) -> Path:
    """The fixture file with the first record's `eligibilite` replaced."""
    document = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    document["initiatives"][0]["eligibilite"] = eligibilite
    folder = tmp_path / "initiatives"
    folder.mkdir()
    (folder / "999.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return folder


def _first_id() -> str:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["initiatives"][0]["id"]


@pytest.mark.parametrize(
    "eligibilite, field, words",
    [
        ({"reserve_a": ["hommes"]}, "eligibilite.reserve_a.0", "valeurs possibles : femmes, handicap"),
        ({"reserve_a": []}, "eligibilite.reserve_a", "liste ou rubrique vide"),
        ({"reserve_a": ["qpv", "qpv"]}, "eligibilite.reserve_a", "en double"),
        ({"diplome_max": "licence"}, "eligibilite.diplome_max", "aucun, cap-bep, bac, superieur"),
        ({"residents": {"communes": ["Lille"]}}, "eligibilite.residents.communes.0", "format invalide"),
        ({"residents": {"villes": ["59350"]}}, "eligibilite.residents", "champ inconnu"),
        ({"femmes_uniquement": True}, "eligibilite", "champ inconnu"),  # the old booleans are gone
        ({"age_min": "seize"}, "eligibilite.age_min", "type invalide"),
    ],
)
def test_schema_errors_are_french_and_say_where(tmp_path: Path, eligibilite: dict, field: str, words: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_initiatives(_broken(tmp_path, **eligibilite))
    message = str(caught.value)
    assert "999.yaml" in message and f"« {_first_id()} »" in message, message
    assert f"champ « {field} »" in message, message
    assert words in message, message


@pytest.mark.parametrize(
    "eligibilite, field, words",
    [
        ({"diplome_min": "bac", "diplome_max": "aucun"}, "eligibilite.diplome_min", "diplôme minimum au-dessus"),
        ({"residents": {"communes": ["99999"]}}, "eligibilite.residents.communes", "code commune inconnu"),
        ({"residents": {"departements": ["99"]}}, "eligibilite.residents.departements", "département inconnu"),
    ],
)
def test_coherence_errors(tmp_path: Path, eligibilite: dict, field: str, words: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_initiatives(_broken(tmp_path, **eligibilite))
    assert f"champ « {field} »" in str(caught.value) and words in str(caught.value)


def test_new_fields_load(tmp_path: Path) -> None:
    records = load_initiatives(
        _broken(
            tmp_path, reserve_a=["femmes", "qpv"], diplome_max="cap-bep", residents={"departements": ["93"]}, age_min=16
        )
    )
    elig = records[0].eligibilite
    assert elig.reserve_a == ("femmes", "qpv") and elig.diplome_max == "cap-bep"
    assert elig.residents.departements == ("93",) and elig.residents.restricted


# --------------------------------------------------------------------------- standing networks (shipped data)


def _networks(**profile: object) -> List[str]:
    return [ns.network.id for ns in match_networks(load_networks(DATA_DIR / "networks.yaml"), Profile(**profile))]


def test_left_school_without_diploma() -> None:
    found = _networks(age=19, diplome="aucun", scolarite="sorti", besoin="emploi")
    for expected in ("e2c", "epide", "contrat-engagement-jeune", "mission-locale"):
        assert expected in found, found
    assert "obligation-formation" not in found  # 19: past the obligation
    assert found.index("e2c") < found.index("mission-locale")  # the specific before the general


def test_sixteen_out_of_school_gets_the_obligation_de_formation() -> None:
    found = _networks(age=16, scolarite="sorti")
    assert "obligation-formation" in found and "epide" not in found  # EPIDE from 17


def test_e2c_needs_a_known_missing_diploma() -> None:
    assert "e2c" not in _networks(age=19, besoin="emploi")
    assert "e2c" not in _networks(age=19, diplome="bac", scolarite="sorti")


def test_service_civique_to_thirty_with_a_handicap() -> None:
    assert "service-civique" in _networks(age=28, handicap="oui-sans-rqth", besoin="ne-sait-pas")
    assert "service-civique" not in _networks(age=28, handicap="non", besoin="ne-sait-pas")


def test_twenty_six_and_over_not_sent_to_the_mission_locale() -> None:
    found = _networks(age=27, besoin="emploi", handicap="rqth")
    assert "mission-locale" not in found
    assert {"plie", "france-travail", "cap-emploi"} <= set(found)
    # the CEJ runs to 29 with a RQTH (Code du travail L. 5131-6; networks.yaml sources_web), not without
    assert "contrat-engagement-jeune" in found
    assert "contrat-engagement-jeune" not in _networks(age=27, besoin="emploi")
    plie = next(
        ns
        for ns in match_networks(load_networks(DATA_DIR / "networks.yaml"), Profile(age=27, besoin="emploi"))
        if ns.network.id == "plie"
    )
    assert any("16-25 ans" in reason for reason in plie.reasons)


def test_the_schema_and_the_code_list_the_same_reserved_publics():
    import json

    from knowledge.loader import SCHEMA_DIR
    from knowledge.models import RESERVED_PUBLICS

    schema = json.loads((SCHEMA_DIR / "initiatives.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["definitions"]["public_reserve"]["enum"]) == RESERVED_PUBLICS
