"""Checks, before Rasa starts, that the tracker store (where conversations are kept) is usable.

Rasa itself reports a missing directory, a locked or a corrupt SQLite file with a long traceback, or
not at all until the first message fails; an unknown custom store type silently becomes an in-memory
store. This check says in French what is wrong and what to do, in one line, and stops the start.

    python -m aiguillage.servers.startup_check --endpoints endpoints.yml   (scripts/run.sh; exit 0 or 2)

It also checks the mission locale's deployment file named by $AIGUILLAGE_DEPLOYMENT (knowledge/deployment.py).
It is also run by `python -m aiguillage.servers.rasa_server`. Only the standard library, PyYAML and SQLAlchemy
are imported, so it answers in well under a second.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

LOCK_WAIT_SECONDS = 2.0
_ENV_PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")


class StartupProblem(Exception):
    """Something that prevents the start; the message is French and meant for whoever starts the bot."""


def _expand(value: Any) -> Any:
    """${VAR} placeholders, as Rasa expands them in endpoints.yml."""
    if isinstance(value, str):

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise StartupProblem(
                    f"la variable d'environnement {name}, utilisée dans le fichier des services, n'est pas définie."
                )
            return os.environ[name]

        return _ENV_PLACEHOLDER.sub(replace, value)
    if isinstance(value, dict):
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def tracker_store_config(endpoints: Path) -> Optional[Dict[str, Any]]:
    if not endpoints.exists():
        return None  # Rasa then keeps conversations in memory: nothing to check
    try:
        document = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise StartupProblem(f"le fichier des services {endpoints} est illisible ({error}).") from None
    config = document.get("tracker_store") if isinstance(document, dict) else None
    return _expand(config) if isinstance(config, dict) else None


def _sql_store(kind: str, config: Dict[str, Any]) -> bool:
    """`type: SQL`, or a custom SQL class such as aiguillage.rasa.tracker_store's (it takes the same keys)."""
    return kind.lower() == "sql" or ("." in kind and ("dialect" in config or "db" in config))


def _check_custom_type(kind: str, endpoints: Path) -> None:
    if "." not in kind:
        return  # one of Rasa's own types (sql, redis, mongod, dynamo)
    module = kind.rsplit(".", 1)[0]
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise StartupProblem(
            f"le type de stockage des conversations « {kind} » ({endpoints}, section tracker_store) est introuvable. "
            "Rasa garderait alors les conversations en mémoire seulement : corrigez le nom du type."
        )


def _sqlite_path(config: Dict[str, Any]) -> Optional[Path]:
    url = config.get("url")
    if url and "://" in str(url):
        from sqlalchemy.engine import make_url

        parsed = make_url(str(url))
        if parsed.get_backend_name() != "sqlite":
            return None
        database = parsed.database
    else:
        if str(config.get("dialect", "sqlite")).lower() != "sqlite":
            return None
        database = config.get("db", "rasa.db")
    if not database or str(database) == ":memory:" or str(database).startswith("file:"):
        return None
    return Path(str(database))


def check_sqlite_file(path: Path, endpoints: Path = Path("endpoints.yml")) -> None:
    """Raises StartupProblem if Rasa could not create, open or write this SQLite database."""
    shown = str(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise StartupProblem(
            f"le dossier « {directory} » où ranger les conversations ({shown}) n'existe pas. "
            f"Créez-le (mkdir -p {directory}) ou changez « db » dans la section tracker_store de {endpoints}."
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StartupProblem(
            f"le dossier « {directory} » n'est pas accessible en écriture : "
            f"impossible d'y enregistrer les conversations ({shown})."
        )
    if not path.exists():
        return  # Rasa creates it
    if path.is_dir():
        raise StartupProblem(
            f"« {shown} » est un dossier, pas une base de conversations : "
            f"changez « db » dans la section tracker_store de {endpoints}."
        )
    if not os.access(path, os.R_OK | os.W_OK):
        raise StartupProblem(
            f"la base des conversations {shown} n'est pas accessible en lecture et écriture (droits du fichier)."
        )
    connection = None
    try:
        connection = sqlite3.connect(
            f"file:{path.resolve()}?mode=rw", uri=True, timeout=LOCK_WAIT_SECONDS, isolation_level=None
        )
        result = connection.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({result[0] if result else '?'})")
        # Takes the write lock as Rasa will at the first message, then releases it at once.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StartupProblem(
                f"la base des conversations {shown} est verrouillée par un autre programme "
                "(Aiguillage est-il déjà lancé ?). Arrêtez-le, puis relancez."
            ) from None
        raise _corrupt(shown, error) from None
    except sqlite3.DatabaseError as error:
        raise _corrupt(shown, error) from None
    finally:
        if connection is not None:
            connection.close()


def _corrupt(shown: str, error: Exception) -> StartupProblem:
    return StartupProblem(
        f"le fichier {shown} n'est pas une base de conversations lisible (fichier abîmé ? « {error} »). "
        f"Mettez-le de côté (mv {shown} {shown}.abime) pour repartir d'une base vide, ou restaurez une sauvegarde."
    )


def check_tracker_store(endpoints: Path) -> None:
    """Raises StartupProblem, with a French explanation, if the configured tracker store is unusable."""
    config = tracker_store_config(endpoints)
    if not config or not config.get("type"):
        return
    kind = str(config["type"])
    _check_custom_type(kind, endpoints)
    if not _sql_store(kind, config):
        return  # Redis and the others: they report their own connection problems
    path = _sqlite_path(config)
    if path is not None:
        check_sqlite_file(path, endpoints)


def deployment_problems() -> List[str]:
    """The mission locale's deployment file ($AIGUILLAGE_DEPLOYMENT), when one is named: one French line."""
    if not os.environ.get("AIGUILLAGE_DEPLOYMENT", "").strip():
        return []  # no hosting mission locale: nothing to check (and the geography is not loaded)
    from knowledge.deployment import deployment_problem

    found = deployment_problem()
    return [found] if found else []


def problems(endpoints: Path) -> List[str]:
    try:
        check_tracker_store(endpoints)
    except StartupProblem as problem:
        return [str(problem)]
    return deployment_problems()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie que la base des conversations est utilisable.")
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    args = parser.parse_args(argv)
    found = problems(args.endpoints)
    for problem in found:
        print(f"Aiguillage ne peut pas démarrer : {problem}", file=sys.stderr)
    return 2 if found else 0


if __name__ == "__main__":
    sys.exit(main())
