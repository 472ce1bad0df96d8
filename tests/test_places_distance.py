"""Tests for knowledge.places.distance and its table (built by build_places_data.py).

Run from the repository root: ``python -m pytest tests/test_places_distance.py``. No Rasa needed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from knowledge import geo
from knowledge.geo import build_geo_data
from knowledge.places import build_places_data, distance

SEDAN, CHARLEVILLE, PARIS, LYON, MAMOUDZOU = "08409", "08105", "75056", "69123", "97611"


def _table() -> list[list[str]]:
    lines = distance.TABLE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: La Poste")
    assert lines[1].split("\t") == list(build_places_data.COLUMNS)
    return [line.split("\t") for line in lines[2:]]


def _current_rows() -> dict[str, list[str]]:
    return {row[0]: row for row in _table() if not row[4]}


def test_every_cog_commune_has_a_row_and_a_point_except_those_no_source_locates() -> None:
    communes = {c[0]: c for c in geo._read_tsv("communes")}
    rows = _current_rows()
    assert set(rows) == set(communes)  # arrondissements included
    without = sorted(code for code, row in rows.items() if not row[1])
    print("communes without a point:", [(code, communes[code][1]) for code in without])
    for code in without:
        assert rows[code][3] == "inconnu"
        # The Terres australes (no inhabitant, no La Poste line), or Saint-Barthélemy, to which
        # La Poste gives Saint-Pierre-et-Miquelon's point and no France services site exists.
        assert communes[code][3] in ("984", "977"), communes[code]
    assert len(without) <= 6
    assert all(distance.commune_point(code) for code in rows if code not in without)


def test_no_point_is_shared_by_two_departements() -> None:
    """La Poste's placeholder (Saint-Pierre-et-Miquelon's point for 977 and 978) is dropped."""
    communes = {c[0]: c for c in geo._read_tsv("communes")}
    deps_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, row in _current_rows().items():
        if row[1]:
            deps_at[(row[1], row[2])].add(communes[code][3])
    assert [deps for deps in deps_at.values() if len(deps) > 1] == []
    saint_martin = distance.commune_point("97801")
    assert saint_martin is not None and 17.5 < saint_martin[0] < 18.5  # Caribbean, not 46.9° N


def test_approximated_points_are_few_and_listed() -> None:
    rows = _current_rows()
    methods = Counter(row[3] for row in rows.values())
    assert set(methods) <= set(build_places_data.METHODS)
    approximated = {code: row[3] for code, row in rows.items() if row[3] not in ("laposte", "inconnu")}
    print("approximated points:", approximated)  # shown with -s: the list the report gives
    assert len(approximated) <= 30
    assert methods["laposte"] >= 34_900
    # The département centroid is the last resort: each one is named here when it happens.
    assert [c for c, m in approximated.items() if m == "departement"] == []
    assert len([c for c, m in approximated.items() if m == "france-services"]) <= 2


def test_points_lie_near_their_departement() -> None:
    """A swapped latitude/longitude or a wrong mapping would throw a commune far away."""
    communes = {c[0]: c for c in geo._read_tsv("communes")}
    by_dep: dict[str, list[tuple[str, tuple[float, float]]]] = defaultdict(list)
    for code, row in _current_rows().items():
        if row[1]:
            by_dep[communes[code][3]].append((code, (float(row[1]), float(row[2]))))
    for dep, points in by_dep.items():
        if dep in ("987", "988", "986"):  # archipelagos spread over thousands of km
            continue
        centre = (sum(p[0] for _, p in points) / len(points), sum(p[1] for _, p in points) / len(points))
        worst = max(points, key=lambda item: distance.haversine_km(item[1], centre))
        assert distance.haversine_km(worst[1], centre) < 250, (dep, worst)


def test_former_codes_point_to_their_current_commune() -> None:
    rows = {row[0]: row for row in _table()}
    former = [row for row in rows.values() if row[4]]
    assert len(former) > 2_000
    assert all(row[4] in rows and not rows[row[4]][4] for row in former)
    # Les Trois Lacs (27676) took a new code; La Poste 2022 knew it as 27058.
    assert rows["27058"][4] == "27676"
    assert distance.commune_point("27058") == distance.commune_point("27676")


def test_distances() -> None:
    assert distance.distance_km(SEDAN, SEDAN) == 0.0
    assert distance.distance_km(SEDAN, CHARLEVILLE) == distance.distance_km(CHARLEVILLE, SEDAN)
    assert 15 < distance.distance_km(SEDAN, CHARLEVILLE) < 25
    assert 385 < distance.distance_km(PARIS, LYON) < 400
    assert distance.distance_km(PARIS, MAMOUDZOU) > 7_000
    assert distance.distance_km("75118", PARIS) < 8  # arrondissement vs mean of Paris
    assert distance.distance_km(PARIS, "98412") is None
    assert distance.distance_km(PARIS, "00000") is None
    assert distance.commune_point("2a004") == distance.commune_point("2A004") is not None
    d = distance.distance_km(SEDAN, LYON)
    assert d == round(d, 1)


def test_build_is_reproducible(tmp_path: Path) -> None:
    package = build_geo_data.find_package(build_geo_data.DEFAULT_SEARCH)
    if package is None:
        pytest.skip("@etalab/decoupage-administratif absent (scripts/system_deps.sh installs it)")
    if not build_places_data.DEFAULT_LAPOSTE.is_file():
        pytest.skip(f"{build_places_data.DEFAULT_LAPOSTE} absent: the shared open data is not here")
    if not build_places_data.DEFAULT_FRANCE_SERVICES.is_file():
        pytest.skip(f"{build_places_data.DEFAULT_FRANCE_SERVICES} absent: the shared open data is not here")
    path, _rows = build_places_data.build(build_places_data.DEFAULT_LAPOSTE, package, tmp_path)
    assert path.read_bytes() == distance.TABLE.read_bytes()


def test_most_frequent_coordinate_wins(tmp_path: Path) -> None:
    """Several lines of one code: the chef-lieu's coordinate (most lines), not the first line's."""
    csv = tmp_path / "lp.csv"
    csv.write_text(
        "Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;latitude;longitude\n"
        "14654;SAINT PIERRE EN AUGE;14140;;SAINT PIERRE EN AUGE;48.98;-0.11\n"
        "14654;SAINT PIERRE EN AUGE;14170;BOISSEY;SAINT PIERRE EN AUGE;49.01;-0.04\n"
        "14654;SAINT PIERRE EN AUGE;14170;TOTES;SAINT PIERRE EN AUGE;49.01;-0.04\n"
        "85084;ESSARTS EN BOCAGE;85140;L OIE;ESSARTS EN BOCAGE;46.78;-1.23\n",
        encoding="utf-8",
    )
    points, names, line5 = build_places_data.read_laposte(csv)
    assert points["14654"] == (49.01, -0.04)
    assert names[("14", "saint pierre en auge")] == (49.01, -0.04)
    assert line5[("85", "l oie")] == (46.78, -1.23)


def test_fallback_order_on_a_small_case() -> None:
    """Own code, former codes, name, then the département's centroid; none → « inconnu »."""

    def commune(code: str, nom: str, dep: str, kind: str = "COM", parent: str = "") -> list[str]:
        return [code, nom, "", dep, "", "", "", kind, parent]

    communes = [
        commune("01001", "Alpha", "01"),
        commune("01002", "Beta", "01"),
        commune("01003", "Gamma", "01"),
        commune("01004", "Delta", "01"),
        commune("98411", "Iles", "984"),
    ]
    points = {"01001": (46.0, 5.0), "01900": (46.2, 5.2)}
    names = {("01", "delta"): (46.4, 5.4)}
    rows = build_places_data.build_rows(communes, [], {"01002": ["01900"]}, points, names, {})
    got = {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}
    assert got["01001"] == ("46.00000", "5.00000", "laposte", "")
    assert got["01002"] == ("46.20000", "5.20000", "anciens-codes", "")
    assert got["01004"] == ("46.40000", "5.40000", "laposte-nom", "")
    assert got["01003"] == ("46.20000", "5.20000", "departement", "")  # mean of 01001, 01002, 01004
    assert got["98411"] == ("", "", "inconnu", "")
    assert got["01900"] == ("46.20000", "5.20000", "laposte", "01002")


def test_placeholders_are_dropped_for_the_minority_departements() -> None:
    shared = (46.92105, -56.26956)
    points = {"97501": shared, "97502": shared, "97701": shared, "97801": shared, "01001": (46.0, 5.0)}
    assert build_places_data.drop_placeholders(points) == ["97701", "97801"]
