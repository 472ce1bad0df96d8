"""data·inclusion import: good rows mapped (contacts, eligibility, zone), bad rows reported and skipped,
re-import replaces, stale services marked, and the result loaded and matched like the seed initiatives."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from aiguillage import cli
from knowledge.data_inclusion import import_dump, write_offers
from knowledge.loader import load_knowledge
from knowledge.offers import _contract_residents
from knowledge.profile import Profile
from orientation.matching import recommend

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "data-inclusion"
TODAY = date(2025, 12, 1)


def _json():
    return import_dump(FIXTURES / "structures.json", FIXTURES / "services.json", today=TODAY)


def _by_id(result):
    return {offer["reference"]["service"]: offer for offer in result.offers}


def test_good_rows_keep_the_structure_contacts():
    offers = _by_id(_json())
    assert set(offers) == {"essai--femmes-emploi", "essai--permis-jeunes", "essai--numerique"}
    femmes = offers["essai--femmes-emploi"]
    assert femmes["contact"]["adresse"] == "1 rue de l'Essai, 08200 Sedan"  # the structure's: the service has none
    assert femmes["contact"]["telephone"] == "03 24 00 00 01"  # E.164 shown the French way
    assert femmes["contact"]["horaires"] == "Mo-Fr 09:00-12:00"
    assert femmes["porteur"] == {"nom": "Association d'essai de Sedan", "type": "cidff"}
    permis = offers["essai--permis-jeunes"]
    assert permis["contact"]["adresse"] == "5 avenue de l'Essai, 08000 Charleville-Mézières"  # its own address
    assert permis["contact"]["telephone"] == "03 24 00 00 03"


def test_a_personal_email_is_never_written():
    numerique = _by_id(_json())["essai--numerique"]
    assert "courriel" not in numerique["contact"]  # jean.dupont@… names a person


def test_eligibility_mapping():
    offers = _by_id(_json())
    femmes = offers["essai--femmes-emploi"]
    assert femmes["eligibilite"]["reserve_a"] == ["femmes"]
    assert femmes["eligibilite"]["residents"] == {"epci": ["200041630"]}  # Ardenne Métropole, kept short
    residents = _contract_residents(femmes["eligibilite"]["residents"])  # as the loader gives it to the matcher
    assert {"08409", "08105"} <= set(residents["communes"]) and "35115" not in residents["communes"]
    assert femmes["zone"]["niveau"] == "epci"
    # « jeunes ou femmes »: a young man may go, so nothing is reserved.
    permis = offers["essai--permis-jeunes"]
    assert "reserve_a" not in permis["eligibilite"]
    assert permis["eligibilite"]["residents"] == {"departements": ["08"]}
    numerique = offers["essai--numerique"]
    assert numerique["zone"] == {"niveau": "national"} and "residents" not in numerique.get("eligibilite", {})
    assert numerique["frais"] == "payant" and numerique["types"] == ["atelier"]


def test_stale_services_are_marked():
    offers = _by_id(_json())
    assert offers["essai--permis-jeunes"]["mise_a_jour_ancienne"] is True  # 2021-03-15, over two years
    assert offers["essai--femmes-emploi"]["mise_a_jour_ancienne"] is False


def test_bad_rows_are_reported_with_file_id_field_and_reason():
    problems = {(p.file, p.id, p.field) for p in _json().problems}
    assert problems == {
        ("structures.json", "?", "id"),
        ("services.json", "essai--sans-nom", "nom"),
        ("services.json", "essai--date-future", "date_maj"),
        ("services.json", "essai--theme-inconnu", "thematiques"),
        ("services.json", "essai--structure-absente", "structure_id"),
        ("services.json", "essai--commune-inconnue", "code_insee"),
    }
    why = {p.id: p.why for p in _json().problems}
    assert "voler-en-parapente" in why["essai--theme-inconnu"]


def test_csv_dump():
    result = import_dump(FIXTURES / "structures.csv", FIXTURES / "services.csv", today=TODAY)
    assert [o["reference"]["service"] for o in result.offers] == ["essai--csv-femmes"]
    assert result.offers[0]["eligibilite"]["reserve_a"] == ["femmes"]
    assert [(p.id, p.field) for p in result.problems] == [("essai--csv-mauvaise-date", "date_maj")]


def test_departement_filter():
    result = import_dump(FIXTURES / "structures.json", FIXTURES / "services.json", ["91"], today=TODAY)
    assert [o["reference"]["service"] for o in result.offers] == ["essai--numerique"]
    assert result.filtered_out == 2


@pytest.fixture
def data_dir(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", copy)
    return copy


def test_written_offers_are_loaded_and_matched_under_the_same_rules(data_dir):
    write_offers(_json(), data_dir, FIXTURES / "structures.json", FIXTURES / "services.json", today=TODAY)
    kb = load_knowledge(data_dir)
    loaded = {r.id: r for r in kb.initiatives}
    femmes = loaded["di-essai-femmes-emploi"]
    assert femmes.contact.telephone == "03 24 00 00 01"
    assert femmes.citation == "annuaire data·inclusion, fiche mise à jour le 01/05/2025"
    assert "essai--femmes-emploi" in femmes.reference
    assert loaded["di-essai-permis-jeunes"].mise_a_jour_ancienne

    woman = recommend(Profile(age=20, code_insee="08409", femme=True, besoin="emploi"), kb=kb, limit=10)
    man = recommend(Profile(age=20, code_insee="08409", femme=False, besoin="emploi"), kb=kb, limit=10)
    assert "di-essai-femmes-emploi" in [s.initiative.id for s in woman.local]
    assert "di-essai-femmes-emploi" not in [s.initiative.id for s in man.local]
    current = next(s for s in woman.local if s.initiative.id == "di-essai-femmes-emploi")
    assert not current.historical and current.how_to_reach


def test_unknown_gender_never_opens_a_women_only_offer(data_dir):
    write_offers(_json(), data_dir, FIXTURES / "structures.json", FIXTURES / "services.json", today=TODAY)
    unknown = recommend(Profile(age=20, code_insee="08409", besoin="emploi"), kb=load_knowledge(data_dir), limit=10)
    assert "di-essai-femmes-emploi" not in [s.initiative.id for s in unknown.local]


def test_reimport_replaces_the_previous_one(data_dir):
    write_offers(_json(), data_dir, FIXTURES / "structures.json", FIXTURES / "services.json", today=TODAY)
    csv = import_dump(FIXTURES / "structures.csv", FIXTURES / "services.csv", today=TODAY)
    target = write_offers(csv, data_dir, FIXTURES / "structures.csv", FIXTURES / "services.csv", today=TODAY)
    assert sorted(p.name for p in target.parent.iterdir()) == ["data-inclusion.json"]
    ids = [r.id for r in load_knowledge(data_dir).initiatives if r.id.startswith("di-")]
    assert ids == ["di-essai-csv-femmes"]


def _cli_import(services: Path, data_dir: Path) -> int:
    """`aiguillage knowledge import-data-inclusion` on the fixture structures and `services`."""
    files = ["--structures", str(FIXTURES / "structures.json"), "--services", str(services)]
    return cli.main(["knowledge", "import-data-inclusion", *files, "--data-dir", str(data_dir)])


def test_cli_import_then_match(data_dir, capsys):
    code = _cli_import(FIXTURES / "services.json", data_dir)
    out, err = capsys.readouterr()
    assert code == 0
    assert "3 offres écrites" in out and "6 lignes ignorées" in out
    assert "services.json, essai--date-future, champ « date_maj »" in err
    document = json.loads((data_dir / "offres" / "data-inclusion.json").read_text(encoding="utf-8"))
    assert document["source"] == "data·inclusion" and len(document["offres"]) == 3
    assert (
        cli.main(
            [
                "match",
                "--age",
                "20",
                "--code-insee",
                "08409",
                "--femme",
                "--besoin",
                "emploi",
                "--data-dir",
                str(data_dir),
            ]
        )
        == 0
    )
    assert "Accompagnement vers l'emploi des femmes" in capsys.readouterr().out


def test_unreadable_file_is_an_error_not_a_crash(tmp_path, capsys):
    broken = tmp_path / "services.json"
    broken.write_text("[{not json", encoding="utf-8")
    code = _cli_import(broken, tmp_path)
    assert code == 1 and "illisible" in capsys.readouterr().err


def test_messages_say_where_current_offers_come_from(data_dir):
    from orientation.formatting import CURRENT_OFFERS_NOTE, MIXED_NOTE, intro_text, suggestion_details

    write_offers(_json(), data_dir, FIXTURES / "structures.json", FIXTURES / "services.json", today=TODAY)
    kb = load_knowledge(data_dir)
    result = recommend(Profile(age=20, code_insee="08409", femme=True, besoin="emploi"), kb=kb, limit=10)
    offers = [s for s in result.local if s.initiative.date_maj]
    assert offers and intro_text(result).endswith(
        MIXED_NOTE if len(offers) < len(result.local) else CURRENT_OFFERS_NOTE
    )
    details = suggestion_details(next(s for s in offers if s.initiative.id == "di-essai-femmes-emploi"))
    assert "Source : annuaire data·inclusion, fiche mise à jour le 01/05/2025" in details
    assert "Horaires : Mo-Fr 09:00-12:00" in details and "Coût : gratuit" in details
    stale = recommend(Profile(age=20, code_insee="08409", besoin="mobilite-permis", permis=False), kb=kb, limit=10)
    permis = next(s for s in stale.local if s.initiative.id == "di-essai-permis-jeunes")
    assert "appelez avant de vous déplacer" in suggestion_details(permis)
