"""Build ``knowledge/data/places/communes-coordonnees.tsv``: a point for every COG commune.

Sources:

* La Poste, « Base officielle des codes postaux » (copy of March 2022 with a latitude/longitude
  per line, ``/work/shared/data/laposte-hexasmal-2022-03.csv``, data.gouv.fr);
* the COG tables the project already builds (``knowledge/data/geo/communes.tsv``) for today's
  communes, and ``@etalab/decoupage-administratif`` (the same pinned npm package as
  ``knowledge/geo/build_geo_data.py``) for the communes déléguées / associées and their
  ``chefLieu``, which map La Poste's 2022 codes onto today's communes.

La Poste's codes are the 2022 commune list, so a commune created or re-established since then
has no line of its own. Each commune gets its point by the first method that knows it; the
method is written beside the point so that nothing is approximated silently:

``laposte``          its own code in La Poste's file (the most frequent coordinate of its lines);
``arrondissements``  Paris, Lyon, Marseille: mean of their municipal arrondissements;
``anciens-codes``    mean of the points of the former codes COG lists for it (``anciensCodes``: the
                     communes merged into it);
``deleguees``        mean of the points of its communes déléguées / associées known to La Poste;
``laposte-nom``      its name as La Poste's commune name under another code of the same département
                     (a commune nouvelle that took a new code after 2022);
``laposte-ligne5``   its name in the « ligne 5 » (former commune) of a La Poste line of the same
                     département: a commune re-established from a commune nouvelle;
``france-services``  mean of the France services sites the ANCT registers in that commune (their own
                     latitude/longitude), when La Poste's point is a placeholder (below);
``departement``      centroid of the département's known points (last resort, counted);
``inconnu``          no point at all (no line, no former commune, no point in the département).

La Poste's copy gives Saint-Barthélemy (977) and Saint-Martin (978) the point of
Saint-Pierre-et-Miquelon, 3,000 km north: a point shared by communes of several départements is a
placeholder, kept only for the département that has most of its lines (see
:func:`drop_placeholders`).

Former codes that COG still knows (communes déléguées / associées, ``anciensCodes``) are written
too, with ``commune_actuelle`` filled, so that an old code (as some directories still use) finds
a point; ``commune-actuelle`` as their method means the point of the commune they merged into.

Usage (from the repository root)::

    python -m knowledge.places.build_places_data [--laposte FILE] [--package DIR] [--out DIR]

Output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from knowledge import geo
from knowledge.geo import build_geo_data

REPO_ROOT = Path(__file__).resolve().parents[2]
# The open-data folder beside the repository (``../shared/data``), as in the project's notes.
SHARED_DATA = next(
    (d for d in (REPO_ROOT.parent / "shared" / "data", Path("/work/shared/data")) if d.is_dir()),
    REPO_ROOT.parent / "shared" / "data",
)
DEFAULT_LAPOSTE = SHARED_DATA / "laposte-hexasmal-2022-03.csv"
DEFAULT_FRANCE_SERVICES = SHARED_DATA / "france-services-2024-08-01.csv"
DEFAULT_OUT = REPO_ROOT / "knowledge" / "data" / "places"
TABLE = "communes-coordonnees.tsv"
COLUMNS = ("code_insee", "latitude", "longitude", "methode", "commune_actuelle")
METHODS = (
    "laposte",
    "arrondissements",
    "anciens-codes",
    "deleguees",
    "laposte-nom",
    "laposte-ligne5",
    "france-services",
    "departement",
    "inconnu",
)
# 5 decimals of a degree is about 1 m: finer digits would only make diffs noisy.
DECIMALS = 5

Point = tuple[float, float]


def _departement(code_insee: str) -> str:
    """Département of a commune code (97x/98x overseas use three digits)."""
    return code_insee[:3] if code_insee.startswith("97") or code_insee.startswith("98") else code_insee[:2]


Names = dict[tuple[str, str], Point]


def read_laposte(path: Path) -> tuple[dict[str, Point], Names, Names]:
    """Points per INSEE code, per (département, normalised commune name) when that name has a
    single code in the département, and per (département, normalised « ligne 5 » name).

    A code has several lines (one per postal code and former commune); when they disagree, the
    most frequent coordinate wins (the chef-lieu's), ties going to the line without « ligne 5 ».
    """
    by_code: dict[str, Counter[tuple[Point, bool]]] = defaultdict(Counter)
    by_line5: dict[tuple[str, str], Counter[tuple[Point, bool]]] = defaultdict(Counter)
    codes_of_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            code = row["Code_commune_INSEE"].strip()
            lat, lon = row["latitude"].strip(), row["longitude"].strip()
            if not code or not lat or not lon:
                continue
            point = (round(float(lat), DECIMALS), round(float(lon), DECIMALS))
            line5 = row["Ligne_5"].strip()
            by_code[code][(point, not line5)] += 1
            codes_of_name[(_departement(code), geo.normalize(row["Nom_commune"]))].add(code)
            if line5:
                by_line5[(_departement(code), geo.normalize(line5))][(point, True)] += 1

    def pick(counts: Counter[tuple[Point, bool]]) -> Point:
        merged: Counter[Point] = Counter()
        main: set[Point] = set()
        for (point, is_main), count in counts.items():
            merged[point] += count
            if is_main:
                main.add(point)
        return max(merged, key=lambda p: (merged[p], p in main, p))

    by_name = {key: pick(by_code[next(iter(codes))]) for key, codes in codes_of_name.items() if len(codes) == 1}
    return ({code: pick(c) for code, c in by_code.items()}, by_name, {key: pick(c) for key, c in by_line5.items()})


def drop_placeholders(points: dict[str, Point]) -> list[str]:
    """Codes whose point La Poste shares with communes of another département, except those of
    the département holding most of them (the caller removes them)."""
    codes_at: dict[Point, list[str]] = defaultdict(list)
    for code, point in points.items():
        codes_at[point].append(code)
    removed: list[str] = []
    for codes in codes_at.values():  # only 975/977/978 in the 2022 copy
        deps = Counter(_departement(code) for code in codes)
        if len(deps) > 1:
            keep = max(deps, key=lambda dep: (deps[dep], dep))
            removed.extend(code for code in codes if _departement(code) != keep)
    return sorted(removed)


def read_france_services_points(path: Path) -> dict[str, Point]:
    """Mean point of the France services sites of each commune (ANCT, their own coordinates)."""
    sites: dict[str, list[Point]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["insee_com"] and row["latitude"] and row["longitude"]:
                sites[row["insee_com"]].append((float(row["latitude"]), float(row["longitude"])))
    return {code: point for code, pts in sites.items() if (point := _mean(pts))}


def _mean(points: Iterable[Point]) -> Point | None:
    points = list(points)
    if not points:
        return None
    return (
        round(sum(p[0] for p in points) / len(points), DECIMALS),
        round(sum(p[1] for p in points) / len(points), DECIMALS),
    )


def read_former_communes(package: Path) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """Communes déléguées / associées of the COG package (code, name, current commune), and the
    former codes (``anciensCodes``) of each current commune."""
    with (package / "data" / "communes.json").open(encoding="utf-8") as handle:
        records = json.load(handle)
    former = [
        {"code": r["code"], "nom": r["nom"], "chef_lieu": r["chefLieu"], "departement": r["departement"]}
        for r in records
        if r["type"] in ("commune-deleguee", "commune-associee") and r.get("chefLieu")
    ]
    old_codes = {
        r["code"]: sorted(r["anciensCodes"])
        for r in records
        if r["type"] == "commune-actuelle" and r.get("anciensCodes")
    }
    return former, old_codes


def build_rows(
    communes: Sequence[Sequence[str]],
    former: Sequence[dict[str, str]],
    old_codes: dict[str, list[str]],
    points: dict[str, Point],
    names: Names,
    line5: Names,
    site_points: dict[str, Point] | None = None,
) -> list[list[str]]:
    """Rows of the table; ``communes`` are rows of ``knowledge/data/geo/communes.tsv``."""
    former_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in former:
        former_of[record["chef_lieu"]].append(record)
    arrondissements_of: dict[str, list[str]] = defaultdict(list)
    for code, _nom, _cp, _dep, _reg, _epci, _pop, kind, parent, *_ in communes:
        if kind == "ARM" and parent:
            arrondissements_of[parent].append(code)

    located: dict[str, tuple[Point | None, str]] = {}

    def own_or_arrondissements(code: str) -> tuple[Point | None, str]:
        if code in points:
            return points[code], "laposte"
        mean = _mean(points[a] for a in arrondissements_of.get(code, ()) if a in points)
        return (mean, "arrondissements") if mean else (None, "")

    for code, nom, _cp, dep, *_ in communes:
        point, method = own_or_arrondissements(code)
        if point is None:
            point = _mean(points[old] for old in old_codes.get(code, ()) if old in points)
            method = "anciens-codes"
        if point is None:
            point = _mean(points[f["code"]] for f in former_of.get(code, ()) if f["code"] in points)
            method = "deleguees"
        if point is None:
            point, method = names.get((dep, geo.normalize(nom))), "laposte-nom"
        if point is None:
            point, method = line5.get((dep, geo.normalize(nom))), "laposte-ligne5"
        if point is None:
            point, method = (site_points or {}).get(code), "france-services"
        located[code] = (point, method if point else "")

    # Last resort: the département's centroid, from the points found above only.
    by_dep: dict[str, list[Point]] = defaultdict(list)
    dep_of = {row[0]: row[3] for row in communes}
    for code, (point, _method) in located.items():
        if point is not None:
            by_dep[dep_of[code]].append(point)
    rows: list[list[str]] = []
    for code, (point, method) in located.items():
        if point is None:
            point = _mean(by_dep.get(dep_of[code], ()))
            method = "departement" if point else "inconnu"
        rows.append(_row(code, point, method, ""))

    current = set(located)
    seen: set[str] = set()
    for parent, olds in old_codes.items():
        for old in olds:
            if old in current or old in seen or parent not in located:
                continue
            seen.add(old)
            point, method = (points[old], "laposte") if old in points else (located[parent][0], "commune-actuelle")
            rows.append(_row(old, point, method if point else "inconnu", parent))
    for record in former:
        code, parent = record["code"], record["chef_lieu"]
        if code in current or code in seen or parent not in located:
            continue  # a délégué sharing its commune nouvelle's code is that commune
        seen.add(code)
        if code in points:
            point, method = points[code], "laposte"
        else:
            point = line5.get((record["departement"], geo.normalize(record["nom"])))
            method = "laposte-ligne5"
            if point is None:  # the current commune's point: the best we know of it
                point, method = located[parent][0], "commune-actuelle"
        rows.append(_row(code, point, method if point else "inconnu", parent))
    rows.sort(key=lambda row: row[0])
    return rows


def _row(code: str, point: Point | None, method: str, parent: str) -> list[str]:
    if point is None:
        return [code, "", "", method, parent]
    return [code, f"{point[0]:.{DECIMALS}f}", f"{point[1]:.{DECIMALS}f}", method, parent]


def build(
    laposte: Path,
    package: Path,
    out_dir: Path,
    france_services: Path | None = None,
) -> tuple[Path, list[list[str]]]:
    """Write the table into ``out_dir``; return its path and rows."""
    france_services = france_services or DEFAULT_FRANCE_SERVICES
    points, names, line5 = read_laposte(laposte)
    dropped = drop_placeholders(points)
    placeholders = {points.pop(code) for code in dropped}
    names = {key: point for key, point in names.items() if point not in placeholders}
    line5 = {key: point for key, point in line5.items() if point not in placeholders}
    former, old_codes = read_former_communes(package)
    rows = build_rows(
        geo._read_tsv("communes"), former, old_codes, points, names, line5, read_france_services_points(france_services)
    )
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    header = (
        f"# source: La Poste, Base officielle des codes postaux (copie de mars 2022, {laposte.name}, "
        f"data.gouv.fr, Licence Ouverte 2.0) + ANCT {france_services.name} (Licence Ouverte 2.0, "
        "for placeholder points only) + "
        f"COG {meta['name']} {meta['version']}; "
        "generated by knowledge/places/build_places_data.py, do not edit by hand"
    )
    return write_table(out_dir / TABLE, header, COLUMNS, rows), rows


def write_table(path: Path, header: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """A committed TSV table: a « # » header line (source, date, licence), the columns, one row a line, LF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [header, "\t".join(columns)] + ["\t".join(row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laposte", type=Path, default=DEFAULT_LAPOSTE, help="La Poste CSV (;)")
    parser.add_argument(
        "--france-services", type=Path, default=DEFAULT_FRANCE_SERVICES, help="ANCT France services CSV (,)"
    )
    parser.add_argument("--package", type=Path, help=f"directory of {build_geo_data.PACKAGE}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    package = build_geo_data.find_package([args.package] if args.package else build_geo_data.DEFAULT_SEARCH)
    if package is None:
        print(f"{build_geo_data.PACKAGE} not found: pass --package, or run scripts/system_deps.sh", file=sys.stderr)
        return 1
    path, rows = build(args.laposte, package, args.out, args.france_services)
    methods = Counter(row[3] for row in rows if not row[4])
    print(f"{path}: {sum(methods.values())} communes, {len(rows) - sum(methods.values())} anciennes")
    for method in METHODS:
        listed = [row[0] for row in rows if not row[4] and row[3] == method]
        detail = f": {', '.join(listed)}" if listed and method != "laposte" else ""
        print(f"  {method}: {len(listed)}{detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
