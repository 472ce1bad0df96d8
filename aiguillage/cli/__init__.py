"""`aiguillage` command line for conseillers: try profiles, check the knowledge base, find a commune.

Subcommands live in aiguillage/cli/<name>.py, each with `register(subparsers)` that adds its parser
and sets `func` (args -> exit code). Adding a command means adding a module and one line below.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from typing import List, NoReturn, Optional, Sequence

COMMAND_MODULES: List[str] = [
    "aiguillage.cli.match",
    "aiguillage.cli.commune",
    "aiguillage.cli.knowledge",
    "aiguillage.cli.web",
    "aiguillage.cli.scenarios",
]

# argparse speaks English; conseillers read French. Its few user-facing messages, translated.
_MESSAGES = (
    (r"^the following arguments are required: (.*)$", r"arguments obligatoires manquants : \1"),
    (
        r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$",
        r"argument \1 : choix invalide \2 (choix possibles : \3)",
    ),
    (r"^argument (.*?): invalid (\w+) value: (.*)$", r"argument \1 : valeur invalide \3"),
    (r"^argument (.*?): not allowed with argument (.*)$", r"argument \1 : incompatible avec \2"),
    (r"^argument (.*?): expected one argument$", r"argument \1 : une valeur est attendue"),
    (r"^unrecognized arguments: (.*)$", r"arguments non reconnus : \1"),
)


def _french(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "utilisation : ")


class FrenchParser(argparse.ArgumentParser):
    """ArgumentParser whose help and errors are in French; subcommand parsers inherit it."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="afficher cette aide et quitter"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {_french(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="aiguillage",
        description="Outils Aiguillage pour les conseillers : essayer un profil, vérifier la base.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)
