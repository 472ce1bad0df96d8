"""The emergency numbers and structures of knowledge/data/safety/urgences.yaml, as the values that fill the
{num_<id>} / {nom_<id>} / {quand_<id>} / {structure_<id>} / {role_<id>} placeholders of the utter_urgence_*
responses."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import yaml

URGENCES_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "safety" / "urgences.yaml"


@lru_cache(maxsize=1)
def load() -> Dict[str, Any]:
    data = yaml.safe_load(URGENCES_FILE.read_text(encoding="utf-8"))
    for entry in [*data["numeros"], *data["structures"]]:
        for key in ("id", "nom", "source", "verifie_le"):
            if key not in entry:
                raise ValueError(
                    f"{URGENCES_FILE.name} : l'entrée {entry.get('id', '?')!r} n'a pas de champ « {key} »."
                )
        if not isinstance(entry["verifie_le"], date):
            raise ValueError(
                f"{URGENCES_FILE.name} : « verifie_le » de {entry['id']!r} doit être une date (AAAA-MM-JJ)."
            )
        if not str(entry["source"].get("url", "")).startswith("https://"):
            raise ValueError(
                f"{URGENCES_FILE.name} : la source de {entry['id']!r} doit être une adresse https officielle."
            )
    return data


def numbers() -> List[Dict[str, Any]]:
    return list(load()["numeros"])


@lru_cache(maxsize=1)
def template_values() -> Dict[str, str]:
    """Every placeholder value the safety responses may use."""
    values: Dict[str, str] = {}
    for entry in load()["numeros"]:
        values[f"num_{entry['id']}"] = entry["numero"]
        # the responses write « le 115 ({nom_115}) »: « (hébergement d'urgence (SAMU social)) » read badly
        values[f"nom_{entry['id']}"] = re.sub(r"\s*\(([^()]*)\)", r", \1", entry["nom"])
        values[f"quand_{entry['id']}"] = entry["quand"]
    for entry in load()["structures"]:
        values[f"structure_{entry['id']}"] = entry["nom"]
        values[f"role_{entry['id']}"] = entry["role"]
    return values
