"""`aiguillage knowledge validate|stats`: check the YAML files after an edit, see what the base holds."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from knowledge import geo, vocab
from knowledge.loader import DATA_DIR, KnowledgeBase, KnowledgeError, load_knowledge
from orientation.matching import record_place


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("knowledge", help="vérifier la base de connaissances ou voir ses chiffres")
    actions = parser.add_subparsers(dest="knowledge_command", metavar="ACTION", required=True)
    for name, helptext, func in (
        ("validate", "charge toute la base et signale la première erreur", _validate),
        ("stats", "compte les initiatives par guide, région, public, thématique, statut", _stats),
    ):
        sub = actions.add_parser(name, help=helptext)
        sub.add_argument(
            "--data-dir", type=Path, default=DATA_DIR, help="dossier des données (par défaut : celui du projet)"
        )
        sub.set_defaults(func=func)
    sub = actions.add_parser(
        "import-data-inclusion", help="importe l'export data·inclusion (structures + services) comme offres actuelles"
    )
    sub.add_argument("--structures", type=Path, required=True, help="fichier des structures (JSON ou CSV)")
    sub.add_argument("--services", type=Path, required=True, help="fichier des services (JSON ou CSV)")
    sub.add_argument("--departements", default="", help="ne garder que ces départements, ex. 08,91")
    sub.add_argument(
        "--data-dir",
        type=Path,
        default=DATA_DIR,
        help="dossier des données où écrire offres/data-inclusion.yaml (par défaut : celui du projet)",
    )
    sub.set_defaults(func=_import_data_inclusion)


def _import_data_inclusion(args: argparse.Namespace) -> int:
    """Bad rows are listed and skipped; the previous import is replaced only once the new one is written."""
    from knowledge.data_inclusion import import_dump, write_offers

    try:
        result = import_dump(args.structures, args.services, args.departements.split(","))
    except (OSError, ValueError) as error:
        print(f"Erreur : fichier illisible ({error}).", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(f"Ligne ignorée : {problem}", file=sys.stderr)
    target = write_offers(result, args.data_dir, args.structures, args.services)
    print(
        f"{len(result.offers)} offres écrites dans {target} ({result.stale} mises à jour il y a plus de deux ans), "
        f"{len(result.problems)} lignes ignorées, {result.filtered_out} hors des départements demandés."
    )
    return 0


def _load(data_dir: Path) -> Optional[KnowledgeBase]:
    """The base, or None once the reason it cannot be loaded is printed."""
    try:
        return load_knowledge(data_dir)
    except KnowledgeError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    kb = _load(args.data_dir)
    if kb is None:
        return 1
    print(f"OK : {_counts(kb)}.")
    return 0


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _counts(kb: KnowledgeBase) -> str:
    return ", ".join(
        (
            _plural(len(kb.initiatives), "initiative", "initiatives"),
            _plural(len(kb.networks), "réseau", "réseaux"),
            _plural(len(kb.glossary), "terme du glossaire", "termes du glossaire"),
        )
    )


def _table(title: str, counts: Iterable[Tuple[str, int]]) -> List[str]:
    rows = list(counts)
    width = max((len(label) for label, _ in rows), default=0)
    return [f"{title} :", *(f"  {label.ljust(width)}  {count:>4}" for label, count in rows), ""]


def _sorted(counter: Counter) -> List[Tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _region_label(code: str) -> str:
    name = geo.region_name(code)
    return f"{code} {name}" if name else code


def _stats(args: argparse.Namespace) -> int:
    kb = _load(args.data_dir)
    if kb is None:
        return 1
    records = kb.initiatives
    seeds = Counter(src.seed for record in records for src in record.sources[:1])
    regions: Counter = Counter()
    for record in records:
        if record.zone.niveau == "national":
            regions["national"] += 1
        else:  # the régions the matcher uses, derived from communes when a record lists none
            regions.update(_region_label(code) for code in record_place(record).regions)
    publics = Counter(public for record in records for public in record.publics)
    themes = Counter(theme for record in records for theme in record.thematiques)
    labels = vocab.labels("publics")
    lines = [f"{_counts(kb)}.", ""]
    lines += _table("Par guide (première source)", _sorted(seeds))
    lines += _table("Par région", _sorted(regions))
    lines += _table("Par public", [(f"{p} ({labels.get(p, p)})", n) for p, n in _sorted(publics)])
    lines += _table("Par thématique", _sorted(themes))
    lines += _table("Par statut", _sorted(Counter(record.statut for record in records)))
    print("\n".join(lines).rstrip())
    return 0
