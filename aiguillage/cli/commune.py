"""`aiguillage commune "st etienne"`: how the bot would read a place name, with every candidate,
its coordinates and its nearest France services (distance in km)."""

from __future__ import annotations

import argparse
from typing import List

from knowledge import geo
from knowledge.places import distance, france_services
from orientation import place_wording


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("commune", help="retrouver une commune à partir de ce qu'une personne tape")
    parser.add_argument("texte", help="nom, code postal ou code INSEE, par ex. « st etienne » ou « 35300 »")
    parser.add_argument("--limit", type=int, default=5, help="nombre de propositions (5 par défaut)")
    parser.set_defaults(func=_run)


def candidate_lines(candidates: List[geo.Candidate]) -> List[str]:
    """Aligned rows: code INSEE, name, département, score, how it matched."""
    rows = [
        (
            c.commune.code_insee,
            c.commune.nom,
            f"{c.commune.departement} {geo.departement_name(c.commune.departement) or ''}".strip(),
            f"{c.score:.2f}",
            c.reason,
        )
        for c in candidates
    ]
    header = ("code", "commune", "département", "score", "raison")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]


def _run(args: argparse.Namespace) -> int:
    candidates = geo.resolve_commune(args.texte, limit=args.limit)
    if not candidates:
        print(f"Aucune commune trouvée pour « {args.texte} ».")
        return 1
    print("\n".join(candidate_lines(candidates)))
    for candidate in candidates:
        print()
        print("\n".join(places_lines(candidate.commune.code_insee, candidate.commune.label)))
    return 0


def places_lines(code_insee: str, label: str) -> List[str]:
    """The commune's point (and how it was found), then its nearest France services."""
    info = distance.point_info(code_insee)
    if info is None:
        lines = [f"{code_insee} {label} : pas de coordonnées connues"]
    else:
        lines = [f"{code_insee} {label} : {info.latitude:.5f}, {info.longitude:.5f} (point : {info.methode})"]
    places = france_services.nearest(code_insee, limit=2)
    if not places:
        lines.append(f"  aucune France services connue à proximité ({france_services.SOURCE})")
    for place in places:
        km = "" if place.distance_km is None else f"{place.distance_km:.1f} km — "
        lines.append(
            f"  {km}{place.nom} ({place.format}), {place_wording.address_text(place)}"
            f"{', tél. ' + place.telephone if place.telephone else ''}"
        )
    return lines
