"""The data·inclusion v1 vocabularies (values and French labels), kept as data because the
data-inclusion-schema package needs pydantic 2, which Rasa 3.6 cannot use."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Dict, FrozenSet

DATA_DIR = Path(__file__).parent / "data"
VOCAB_FILE = DATA_DIR / "vocab" / "data-inclusion-v1.json"

# Porteur types for structures that data·inclusion's reseaux_porteurs does not name (see SCHEMA.md).
LOCAL_PORTEUR_TYPES: Dict[str, str] = {
    "association": "Association",
    "entreprise": "Entreprise",
    "collectivite": "Collectivité territoriale",
    "ccas": "Centre communal d'action sociale",
    "cfa": "Centre de formation d'apprentis",
    "centre-social": "Centre social",
    "etat": "Service de l'État",
    "opco": "Opérateur de compétences (OPCA/OPCO)",
    "federation": "Fédération ou tête de réseau",
    "organisme-formation": "Organisme de formation",
    "regie-de-quartier": "Régie de quartier",
    "groupement": "Groupement de structures",
}


@lru_cache(maxsize=1)
def _raw() -> dict:
    with VOCAB_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)["vocabularies"]


@cache
def labels(vocabulary: str) -> Dict[str, str]:
    """Value → French label for one data·inclusion vocabulary (e.g. "publics", "thematiques")."""
    return {entry["value"]: entry["label"] for entry in _raw()[vocabulary]}


def values(vocabulary: str) -> FrozenSet[str]:
    return frozenset(labels(vocabulary))


def porteur_types() -> Dict[str, str]:
    return {**labels("reseaux_porteurs"), **LOCAL_PORTEUR_TYPES}


def thematique_label(value: str) -> str:
    return labels("thematiques").get(value, value)
