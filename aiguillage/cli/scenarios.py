"""`aiguillage scenarios scenarios/`: plays the conseillers' scenario files against the running bot."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aiguillage.scenarios import (
    BotUnreachable,
    HttpBot,
    ScenarioError,
    load_scenario,
    play,
    report,
    scenario_files,
    summary,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="rejouer des conversations écrites en YAML contre le bot lancé et vérifier ses réponses",
        description="Rejoue chaque scénario (voir scenarios/README.md) contre le bot lancé avec « make run », "
        "affiche la conversation et le résultat de chaque vérification. Code de sortie 1 si un "
        "scénario échoue, 2 si le bot est injoignable.",
    )
    parser.add_argument(
        "chemins",
        nargs="*",
        type=Path,
        default=[Path("scenarios")],
        help="fichiers .yaml ou dossiers (par défaut : scenarios/)",
    )
    parser.add_argument(
        "--url",
        default=os.environ.get("AIGUILLAGE_URL", "http://localhost:5005"),
        help="adresse du bot (par défaut : http://localhost:5005)",
    )
    parser.add_argument(
        "--token",
        default=os.environ.get("AIGUILLAGE_API_TOKEN"),
        help="jeton de l'API du bot, pour vérifier les slots (par défaut : $AIGUILLAGE_API_TOKEN)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    files = scenario_files(args.chemins)
    missing = [str(p) for p in files if not p.is_file()]
    if missing or not files:
        print(f"Aucun scénario trouvé : {', '.join(missing) or ', '.join(map(str, args.chemins))}.", file=sys.stderr)
        return 2
    bot = HttpBot(args.url, args.token)
    if not args.token:
        print("⚠ Sans jeton (--token), les valeurs des slots ne seront pas vérifiées.\n")
    passed = failed = 0
    for path in files:
        try:
            result = play(load_scenario(path), bot)
        except ScenarioError as error:
            print(f"━━ {path.name}\n  ✘ scénario mal écrit : {error}\n→ ✘ échoué\n")
            failed += 1
            continue
        except BotUnreachable as error:
            print(f"Arrêt : {error}", file=sys.stderr)
            return 2
        print(report(result))
        passed, failed = passed + result.passed, failed + (not result.passed)
    print(summary(passed, failed))
    return 1 if failed else 0
