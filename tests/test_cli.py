"""The conseillers' command line: stdout, stderr and exit code. The help and the console script run in a
subprocess, as conseillers run them; the other commands call the same `main` in this process (a subprocess each
costs seconds of start-up, and `make test-fast` should stay short)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import List

import pytest

from aiguillage import cli
from knowledge.loader import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "data"
SCRIPT = Path(sys.executable).parent / "aiguillage"
needs_networks = pytest.mark.skipif(
    not (DATA_DIR / "networks.yaml").exists(), reason="knowledge/data/networks.yaml not written yet"
)


def run(*args: str) -> subprocess.CompletedProcess:
    """`aiguillage ARGS` in this process: what it prints and the exit code it returns (argparse exits on errors)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(["aiguillage", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aiguillage.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def match(*args: str) -> subprocess.CompletedProcess:
    return run("match", "--data-dir", str(FIXTURES), *args)


def test_help_is_french_and_lists_commands() -> None:
    result = run_process("--help")
    assert result.returncode == 0
    assert "utilisation : aiguillage" in result.stdout
    for command in ("match", "commune", "knowledge"):
        assert command in result.stdout


def test_console_script() -> None:
    if not SCRIPT.exists():
        pytest.skip("console script not installed (pip install -e .)")
    result = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "match" in result.stdout


def test_bad_option_value_in_french() -> None:
    result = run("match", "--logement", "chateau")
    assert result.returncode == 2
    assert "choix invalide" in result.stderr


def test_commune_candidates() -> None:
    result = run("commune", "st etienne")
    assert result.returncode == 0
    header, first = result.stdout.splitlines()[:2]
    assert header.split() == ["code", "commune", "département", "score", "raison"]
    assert first.split()[:2] == ["42218", "Saint-Étienne"]
    assert "42 Loire" in first and "1.00" in first and "exact" in first


def test_commune_unknown() -> None:
    result = run("commune", "xqzwvk")
    assert result.returncode == 1
    assert "Aucune commune" in result.stdout


def test_match_ambiguous_commune_lists_candidates() -> None:
    result = match("--age", "20", "--commune", "saint denis")
    assert result.returncode == 2
    assert "--code-insee" in result.stderr
    assert "93066" in result.stderr and "97411" in result.stderr


def test_match_ambiguity_resolved_by_code_insee() -> None:
    result = match("--age", "20", "--commune", "saint denis", "--code-insee", "93066", "--besoin", "emploi")
    assert result.returncode == 0
    assert "Commune : Saint-Denis (Seine-Saint-Denis)" in result.stdout


def test_match_unknown_commune() -> None:
    result = match("--commune", "xqzwvk")
    assert result.returncode == 2
    assert "Commune introuvable" in result.stderr


# A 20-year-old in Fougères without licence or vehicle, living with her parents: the start of the people below.
FOUGERES_20_ON_FOOT = (
    "--age",
    "20",
    "--commune",
    "Fougères",
    "--sans-permis",
    "--sans-vehicule",
    "--logement",
    "chez-parents",
)


def test_match_text() -> None:
    result = match(*FOUGERES_20_ON_FOOT, "--besoin", "mobilite-permis")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. Permis accompagné de Fougères, à Fougères (Ille-et-Vilaine)." in out
    assert "Elle aide à préparer le permis, ce que vous cherchez." in out
    assert "Réseaux à connaître :" in out and "Mission locale" in out
    assert "(proximité : commune" in out


# One person, asked of the CLI twice (test base and real base): a young woman in Fougères, RQTH, in a QPV.
FOUGERES_RQTH_JSON = (*FOUGERES_20_ON_FOOT, "--handicap", "rqth", "--besoin", "emploi", "--qpv", "--femme", "--json")


def test_match_json() -> None:
    result = match(*FOUGERES_RQTH_JSON)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["commune"]["code_insee"] == "35115"
    assert data["profile"]["permis"] is False and data["profile"]["femme"] is True
    local: List[dict] = data["local"]
    assert local and not data["empty"]
    assert {"id", "proximity", "score", "reasons", "how_to_reach", "where", "year", "sources"} <= set(local[0])
    assert "cap-emploi" in [n["id"] for n in data["networks"]]
    assert all(item["id"] != "fx-fougeres-siae" for item in local)


def test_match_historical_has_no_contact_in_json() -> None:
    result = match("--age", "20", "--code-insee", "29019", "--besoin", "emploi", "--json")
    item = next(i for i in json.loads(result.stdout)["local"] if i["id"] == "fx-brest-historique")
    assert item["historical"] is True and item["how_to_reach"] == []


def test_match_empty_is_honest() -> None:
    result = match("--age", "40", "--code-insee", "2A004", "--besoin", "logement")
    assert result.returncode == 0
    assert "Je n'ai pas trouvé d'action recensée près de chez vous." in result.stdout
    assert "France Travail" in result.stdout


def test_match_fiche() -> None:
    result = match("--age", "20", "--commune", "Fougères", "--besoin", "emploi", "--fiche")
    assert result.returncode == 0
    assert result.stdout.startswith("Fiche de liaison Aiguillage")
    assert "entre 2007 et 2021" in result.stdout


def test_knowledge_validate_fixture() -> None:
    result = run("knowledge", "validate", "--data-dir", str(FIXTURES))
    assert result.returncode == 0
    assert result.stdout.startswith("OK : 11 initiatives, 5 réseaux, 1 terme du glossaire.")


def test_knowledge_validate_reports_the_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    path = data / "initiatives" / "999.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("age_max: 25}", "age_max: 12}", 1), encoding="utf-8")
    result = run("knowledge", "validate", "--data-dir", str(data))
    assert result.returncode == 1
    assert "999.yaml" in result.stderr and "fx-fougeres-permis" in result.stderr


def test_knowledge_stats_fixture() -> None:
    result = run("knowledge", "stats", "--data-dir", str(FIXTURES))
    assert result.returncode == 0
    out = result.stdout
    for section in ("Par guide", "Par région", "Par public", "Par thématique", "Par statut"):
        assert section in out
    assert any(line.split()[:3] == ["53", "Bretagne", "9"] for line in out.splitlines())
    assert any(line.split() == ["historique", "1"] for line in out.splitlines())


@needs_networks
def test_knowledge_validate_real_base() -> None:
    result = run("knowledge", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK : ")


@needs_networks
def test_match_real_base_example() -> None:
    result = run("match", *FOUGERES_RQTH_JSON)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["networks"]


@pytest.mark.parametrize(
    "flags, diplome",
    [
        (["--diplome", "cap-bep"], "cap-bep"),
        (["--sans-diplome"], "aucun"),
        (["--diplome", "superieur", "--scolarite", "sorti"], "superieur"),
        ([], None),
    ],
)
def test_match_diploma_level(flags, diplome) -> None:
    result = match("--age", "20", "--code-insee", "35115", "--besoin", "emploi", *flags, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["diplome"] == diplome


def test_match_refuses_an_unknown_diploma_level() -> None:
    result = match("--age", "20", "--diplome", "licence")
    assert result.returncode != 0
