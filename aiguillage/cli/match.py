"""`aiguillage match --age 20 --commune "Fougères" --sans-permis ...`: what the bot would suggest.

A conseiller tries a profile in a terminal and sees the suggestions, the reasons and the networks exactly
as the bot words them (same orientation.formatting), plus proximity and score to understand the order.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from aiguillage.cli.commune import candidate_lines
from knowledge import geo
from knowledge.loader import KnowledgeError, load_knowledge
from knowledge.profile import BESOINS, DIPLOMES, HANDICAPS, LOGEMENTS, SCOLARITES, SUJETS, Profile
from orientation.formatting import (
    empty_text,
    exact_source_text,
    liaison_sheet,
    network_text,
    profile_summary,
    suggestion_details,
    suggestion_text,
    suggestion_why,
)
from orientation.matching import Recommendation, recommend
from orientation.next_step import next_step, next_step_text

EXIT_AMBIGUOUS = 2


def _pair(parser: argparse.ArgumentParser, dest: str, yes: str, no: str, yes_help: str, no_help: str) -> None:
    """--x / --sans-x style flags: unset means unknown (None), which never excludes anything."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(yes, dest=dest, action="store_const", const=True, help=yes_help)
    group.add_argument(no, dest=dest, action="store_const", const=False, help=no_help)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("match", help="essayer un profil et voir les suggestions du bot")
    parser.add_argument("--age", type=float, help="âge en années")
    parser.add_argument("--commune", help="commune telle que la personne la donne (nom ou code postal)")
    parser.add_argument("--code-insee", help="code INSEE de la commune, pour lever une ambiguïté")
    parser.add_argument("--quartier", help="nom du quartier")
    _pair(parser, "qpv", "--qpv", "--hors-qpv", "habite un quartier prioritaire", "n'habite pas un QPV")
    _pair(parser, "permis", "--permis", "--sans-permis", "a le permis B", "n'a pas le permis")
    _pair(parser, "vehicule", "--vehicule", "--sans-vehicule", "a un véhicule", "n'a pas de véhicule")
    diplome = parser.add_mutually_exclusive_group()
    diplome.add_argument("--diplome", choices=list(DIPLOMES), help="diplôme le plus élevé")
    diplome.add_argument(
        "--sans-diplome",
        dest="diplome",
        action="store_const",
        const="aucun",
        help="n'a pas de diplôme (comme --diplome aucun)",
    )
    parser.add_argument("--scolarite", choices=list(SCOLARITES), help="encore scolarisé·e, ou sorti·e de l'école")
    _pair(parser, "femme", "--femme", "--homme", "est une femme", "est un homme")
    parser.add_argument("--logement", choices=sorted(LOGEMENTS), help="situation de logement")
    parser.add_argument("--handicap", choices=sorted(HANDICAPS), help="situation de handicap")
    parser.add_argument("--besoin", choices=sorted(BESOINS), help="ce que la personne cherche")
    parser.add_argument("--refugie", action="store_const", const=True, help="réfugié·e ou protection internationale")
    parser.add_argument("--minima-sociaux", action="store_const", const=True, help="touche le RSA ou un minimum social")
    parser.add_argument("--parent-isole", action="store_const", const=True, help="parent isolé")
    parser.add_argument(
        "--sujet", dest="sujets", action="append", choices=sorted(SUJETS), default=[], help="sujet dit (répétable)"
    )
    parser.add_argument("--limit", type=int, default=4, help="nombre maximum d'actions (4 par défaut)")
    parser.add_argument("--data-dir", type=Path, help="autre dossier de données (pour essayer une base modifiée)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="sortie JSON (pour un script)")
    output.add_argument("--fiche", action="store_true", help="afficher la fiche de liaison à transmettre")
    parser.set_defaults(func=_run)


def resolve_place(text: str) -> Tuple[Optional[geo.Commune], List[geo.Candidate]]:
    """The commune meant, or None with the candidates when several fit equally well.

    Candidates sharing the top score are ambiguous (Saint-Denis 93 / 974), unless they are one city
    and its arrondissement (« marseille 13 »): then the arrondissement, the more precise, is kept.
    """
    candidates = geo.resolve_commune(text, limit=5)
    if not candidates:
        return None, []
    top = [c for c in candidates if c.score == candidates[0].score]
    if len(top) > 1:
        cities = {c.commune.arrondissement_de or c.commune.code_insee for c in top}
        arrondissements = [c for c in top if c.commune.arrondissement_de]
        if len(cities) == 1 and len(arrondissements) == 1:
            return arrondissements[0].commune, candidates
        return None, candidates
    return top[0].commune, candidates


# The person's facts the CLI takes as options and gives back in --json: the profile's own fields, without
# the trade wished for, the needs said besides the first and the questions declined, which belong to a conversation.
PERSON_FIELDS = tuple(
    f.name for f in fields(Profile) if f.name not in ("secteur", "besoins_autres", "declined", "unknown")
)


def _profile(args: argparse.Namespace, code_insee: Optional[str]) -> Profile:
    given = {name: getattr(args, name) for name in PERSON_FIELDS}
    given["sujets"] = frozenset(given.get("sujets") or ())
    return Profile(**{**given, "code_insee": code_insee})  # the commune resolved from --commune or --code-insee


def _choose_commune(args: argparse.Namespace) -> Tuple[Optional[str], int]:
    """(code INSEE or None, exit code if we must stop)."""
    if args.code_insee:
        commune = geo.get_commune(args.code_insee)
        if commune is None:
            print(f"Code INSEE inconnu : {args.code_insee}.", file=sys.stderr)
            return None, EXIT_AMBIGUOUS
        return commune.code_insee, 0
    if not args.commune:
        return None, 0
    commune, candidates = resolve_place(args.commune)
    if not candidates:
        print(
            f'Commune introuvable : « {args.commune} ». Essayez : aiguillage commune "{args.commune}".', file=sys.stderr
        )
        return None, EXIT_AMBIGUOUS
    if commune is None:
        print(
            f"Plusieurs communes possibles pour « {args.commune} ». Relancez avec --code-insee CODE :", file=sys.stderr
        )
        print("\n".join(candidate_lines(candidates)), file=sys.stderr)
        return None, EXIT_AMBIGUOUS
    others = [c.commune for c in candidates if c.commune.code_insee != commune.code_insee]
    if others and not args.json:
        listed = ", ".join(f"{c.nom} ({c.departement}) [{c.code_insee}]" for c in others)
        print(
            f"Commune retenue : {commune.nom} ({commune.departement}) [{commune.code_insee}]. "
            f"Autres possibilités : {listed} ; précisez --code-insee si besoin.",
            file=sys.stderr,
        )
    return commune.code_insee, 0


def to_json(recommendation: Recommendation) -> Dict[str, Any]:
    profile = recommendation.profile
    commune = geo.get_commune(profile.code_insee) if profile.code_insee else None
    return {
        "profile": {
            name: sorted(value) if isinstance(value, frozenset) else value
            for name, value in ((name, getattr(profile, name)) for name in PERSON_FIELDS)
        },
        "commune": None
        if commune is None
        else {
            "code_insee": commune.code_insee,
            "nom": commune.nom,
            "departement": commune.departement,
            "region": commune.region,
            "epci": commune.epci,
        },
        "empty": recommendation.empty,
        "local": [
            {
                "id": s.initiative.id,
                "nom": s.initiative.nom,
                "porteur": s.initiative.porteur.nom,
                "proximity": s.proximity,
                "score": s.score,
                "historical": s.historical,
                "where": s.where,
                "description": s.initiative.description,
                "reasons": list(s.reasons),
                "how_to_reach": list(s.how_to_reach),
                "year": s.year,
                "sources": [{"seed": src.seed, "line": src.line} for src in s.initiative.sources],
                "citation": s.initiative.citation,
                "reference": s.initiative.reference,
            }
            for s in recommendation.local
        ],
        "networks": [
            {"id": ns.network.id, "nom": ns.network.nom, "reasons": list(ns.reasons)} for ns in recommendation.networks
        ],
    }


def _indent(text: str, prefix: str = "   ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def render(recommendation: Recommendation) -> str:
    parts = [profile_summary(recommendation.profile), ""]
    if recommendation.empty:
        parts += [empty_text(), ""]
    else:
        parts += ["Actions recensées :", ""]
        for index, s in enumerate(recommendation.local, 1):
            details = suggestion_details(s).splitlines()[1:]  # the name is already in the first line
            parts += [
                suggestion_text(s, index),
                _indent(suggestion_why(s)),
                _indent("\n".join(details)),
                _indent(exact_source_text(s)),
                f"   (proximité : {s.proximity}, score : {s.score})",
                "",
            ]
    if recommendation.networks:
        parts += ["Réseaux à connaître :", ""]
        for ns in recommendation.networks:
            parts += [network_text(ns), ""]
    parts += [
        "Pour finir, le bot indique :",
        next_step_text(next_step(recommendation.profile.code_insee, age=recommendation.profile.whole_age)),
        "",
    ]
    return "\n".join(parts).rstrip()


def _run(args: argparse.Namespace) -> int:
    code_insee, status = _choose_commune(args)
    if status:
        return status
    try:
        profile = _profile(args, code_insee)
    except ValueError as error:
        print(f"Profil invalide : {error}", file=sys.stderr)
        return EXIT_AMBIGUOUS
    try:
        kb = load_knowledge(args.data_dir) if args.data_dir else None
        recommendation = recommend(profile, kb=kb, limit=args.limit)
    except KnowledgeError as error:
        print(f"Erreur dans la base de connaissances : {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(to_json(recommendation), ensure_ascii=False, indent=2))
    elif args.fiche:
        print(liaison_sheet(profile, recommendation))
    else:
        print(render(recommendation))
    return 0
