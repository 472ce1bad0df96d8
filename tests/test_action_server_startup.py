"""A broken knowledge file stops the action server with one clear line: file, record, field.

The data directory is a copy of tests/fixtures/data, pointed at with AIGUILLAGE_DATA_DIR, then broken.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiguillage.servers import action_server
from knowledge.loader import DATA_DIR_ENV, default_knowledge

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "data"
INITIATIVES = "initiatives/999.yaml"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(FIXTURES, copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(copy))
    default_knowledge.cache_clear()
    yield copy
    default_knowledge.cache_clear()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refusal(capsys) -> str:
    assert action_server.main(["--port", "1"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Aiguillage : base de connaissances invalide — ")
    return lines[0]


def test_the_data_dir_variable_is_honoured(data_dir):
    assert {i.id for i in default_knowledge().initiatives} >= {"fx-fougeres-permis", "fx-rennes-emploi"}


def test_unknown_vocabulary_value(data_dir, capsys):
    edit(data_dir / INITIATIVES, "thematiques: [mobilite--preparer-un-permis]", "thematiques: [permis-de-voler]")
    line = refusal(capsys)
    assert "999.yaml" in line and "« fx-fougeres-permis »" in line and "« thematiques.0 »" in line
    assert "permis-de-voler" in line


def test_missing_required_field(data_dir, capsys):
    edit(data_dir / INITIATIVES, '    nom: "Club emploi jeunes de Rennes"\n', "")
    line = refusal(capsys)
    assert "999.yaml" in line and "« fx-rennes-emploi »" in line and "nom" in line and "obligatoire" in line


def test_unknown_commune_code(data_dir, capsys):
    edit(data_dir / INITIATIVES, 'communes: ["35115"]', 'communes: ["99999"]')
    line = refusal(capsys)
    assert "« fx-fougeres-permis »" in line and "« zone.communes »" in line and "99999" in line


def test_age_bounds_inverted(data_dir, capsys):
    edit(data_dir / INITIATIVES, "eligibilite: {age_min: 16, age_max: 25}", "eligibilite: {age_min: 26, age_max: 25}")
    line = refusal(capsys)
    assert "« fx-fougeres-permis »" in line and "« eligibilite.age_min »" in line


def test_duplicate_identifier(data_dir, capsys):
    edit(data_dir / INITIATIVES, "- id: fx-rennes-emploi", "- id: fx-fougeres-permis")
    line = refusal(capsys)
    assert "« fx-fougeres-permis »" in line and "« id »" in line


def test_yaml_syntax_error(data_dir, capsys):
    (data_dir / "glossary.yaml").write_text("terms:\n  - id: [unclosed\n", encoding="utf-8")
    line = refusal(capsys)
    assert "glossary.yaml" in line and "YAML illisible (ligne 3, colonne 1 : " in line


def test_missing_file(data_dir, capsys):
    (data_dir / "networks.yaml").unlink()
    line = refusal(capsys)
    assert "networks.yaml" in line and "introuvable" in line


def test_the_real_command_refuses_to_start(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(FIXTURES, copy)
    edit(copy / INITIATIVES, 'communes: ["35238"]', 'communes: ["00000"]')
    result = subprocess.run(
        [sys.executable, "-m", "aiguillage.servers.action_server", "--port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, DATA_DIR_ENV: str(copy)},
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert (
        str(copy / INITIATIVES) in lines[0] and "« fx-rennes-emploi »" in lines[0] and "« zone.communes »" in lines[0]
    )
    assert "Traceback" not in result.stderr
