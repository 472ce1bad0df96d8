"""Tests for knowledge.geo's data files, table lookups and lookup speed (resolution: test_geo_resolve.py,
finding in a sentence: test_geo_find.py).

Run from the repository root: ``python -m pytest tests/test_geo.py``. No Rasa needed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge import geo
from knowledge.geo import build_geo_data
from tests.support.geo import LYON, MARSEILLE, PARIS, SAINT_DENIS_974

# --------------------------------------------------------------------------- data files


def test_data_files_have_source_header_and_sorted_rows() -> None:
    path = geo.DATA_DIR / "communes.tsv"
    if not path.exists():
        path = geo.DATA_DIR / "communes.tsv.gz"
    assert path.exists()
    for stem in ("communes", "departements", "regions", "epci"):
        rows = geo._read_tsv(stem)
        keys = [row[0] for row in rows]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), stem
    header = (geo.DATA_DIR / "departements.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# source: @etalab/decoupage-administratif 6.0.0 (licence MIT)")


def test_communes_table_counts() -> None:
    communes = geo._geo().communes
    arrondissements = [c for c in communes if c.type == "ARM"]
    assert len(arrondissements) == 20 + 9 + 16
    assert {c.arrondissement_de for c in arrondissements} == {PARIS, LYON, MARSEILLE}
    assert 34_000 < len(communes) - len(arrondissements) < 36_000
    assert len(geo._geo().departements) == 109  # 101 + collectivités d'outre-mer
    assert len(geo._geo().regions) >= 18


def test_build_is_deterministic(tmp_path: Path) -> None:
    package = build_geo_data.find_package(build_geo_data.DEFAULT_SEARCH)
    if package is None:
        pytest.skip("@etalab/decoupage-administratif not installed here")
    build_geo_data.build(package, tmp_path)
    for built in sorted(tmp_path.iterdir()):
        assert built.read_bytes() == (geo.DATA_DIR / built.name).read_bytes(), built.name


# --------------------------------------------------------------------------- lookups


def test_get_commune() -> None:
    paris = geo.get_commune(PARIS)
    assert paris is not None
    assert (paris.nom, paris.departement, paris.region, paris.type) == ("Paris", "75", "11", "COM")
    assert paris.population is not None and paris.population > 2_000_000
    assert "75018" in paris.codes_postaux and paris.arrondissement_de is None
    assert paris.epci is not None and geo.get_epci(paris.epci) is not None

    paris_18 = geo.get_commune("75118")
    assert paris_18 is not None
    assert (paris_18.type, paris_18.arrondissement_de, paris_18.codes_postaux) == ("ARM", PARIS, ("75018",))
    assert paris_18.epci == paris.epci

    ajaccio = geo.get_commune("2a004")
    assert ajaccio is not None and ajaccio.nom == "Ajaccio" and ajaccio.departement == "2A"
    assert geo.get_commune("00000") is None


def test_commune_label_names_the_departement() -> None:
    commune = geo.get_commune(SAINT_DENIS_974)
    assert commune is not None and commune.label == "Saint-Denis (974)"


def test_departements_regions_epci() -> None:
    dep = geo.get_departement("93")
    assert dep == geo.Departement("93", "Seine-Saint-Denis", "11")
    assert geo.departement_name("2a") == "Corse-du-Sud"
    assert geo.departement_name("974") == "La Réunion"
    assert geo.departement_name("99") is None
    assert geo.region_name("84") == "Auvergne-Rhône-Alpes"
    assert geo.get_region("00") is None
    lyon = geo.get_commune(LYON)
    assert lyon is not None and lyon.epci is not None
    epci = geo.get_epci(lyon.epci)
    assert epci is not None and "Lyon" in epci.nom


def test_resolve_departement() -> None:
    for text in ("93", "Seine-Saint-Denis", "seine st denis"):
        dep = geo.resolve_departement(text)
        assert dep is not None and dep.code == "93", text
    reunion = geo.resolve_departement("la reunion")
    assert reunion is not None and reunion.code == "974"
    assert geo.resolve_departement("Lyon") is None


def test_communes_by_postal_code() -> None:
    several = geo.communes_by_postal_code("01400")
    assert len(several) > 5
    populations = [c.population or 0 for c in several]
    assert populations == sorted(populations, reverse=True)
    # An arrondissement's postal code gives the arrondissement, not all of Paris.
    assert [c.code_insee for c in geo.communes_by_postal_code("75018")] == ["75118"]
    assert [c.code_insee for c in geo.communes_by_postal_code("75116")] == ["75116"]
    assert geo.communes_by_postal_code("99999") == []


def test_normalize() -> None:
    assert geo.normalize("Saint-Étienne") == geo.normalize("st etienne") == "saint etienne"
    assert geo.normalize("L'Haÿ-les-Roses") == "l hay les roses"
    assert geo.normalize("Marseille 13ème") == geo.normalize("marseille 13eme") == "marseille 13e"
    assert geo.normalize("Œuilly") == "oeuilly"


# --------------------------------------------------------------------------- performance


def test_lookups_use_indexes_not_scans() -> None:
    geo.load()
    queries = ["saint denis", "vaux en velin", "fougere", "75018", "marseil", "st pierre reunion"] * 50
    start = time.process_time()  # CPU time: a busy CI machine must not fail this
    for query in queries:
        geo.resolve_commune(query)
    mean_ms = (time.process_time() - start) * 1000 / len(queries)
    assert mean_ms < 5, f"{mean_ms:.2f} ms per query"  # a scan of 35,000 names takes 20+ ms
