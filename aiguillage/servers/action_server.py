"""Starts the rasa-sdk action server after checking the knowledge base, so that a broken data file
stops the start with one clear line (file, record, field) instead of failing on the first message; the same for
the mission locale's deployment file ($AIGUILLAGE_DEPLOYMENT, knowledge/deployment.py)."""

from __future__ import annotations

import sys
from typing import List, Optional

from knowledge.loader import KnowledgeError, default_knowledge


def main(argv: Optional[List[str]] = None) -> int:
    try:
        kb = default_knowledge()
    except KnowledgeError as error:
        print(f"Aiguillage : base de connaissances invalide — {error}", file=sys.stderr)
        return 1
    from knowledge.deployment import DeploymentError, current_deployment

    try:
        hosting = current_deployment()
    except DeploymentError as error:
        print(f"Aiguillage : {error}", file=sys.stderr)
        return 1
    print(
        f"Base de connaissances : {len(kb.initiatives)} initiatives, {len(kb.glossary)} termes, "
        f"{len(kb.networks)} réseaux.",
        file=sys.stderr,
    )
    print(
        f"Mission locale : {hosting.nom} ({len(hosting.sites)} lieux d'accueil)."
        if hosting
        else "Mission locale : aucune (AIGUILLAGE_DEPLOYMENT non défini) ; le bot explique comment trouver la sienne.",
        file=sys.stderr,
    )
    from orientation import matching  # builds the zone index before the first request

    matching.recommend  # noqa: B018 - imported for its side effect of warming caches
    from knowledge.places import france_services

    france_services.load()  # the sites and commune points, before the first answer needs them
    import rasa_sdk.__main__ as sdk_main
    from rasa_sdk.endpoint import create_argument_parser

    args = create_argument_parser().parse_args(["--actions", "actions", *(argv if argv is not None else sys.argv[1:])])
    sdk_main.main_from_args(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
