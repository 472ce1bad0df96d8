"""The words of knowledge/data/lexicon/vehicles.yaml as patterns for parse_vehicule (reading/understanding.py):
motor vehicles, ways of getting about that are no motor vehicle (a bike), and car models."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml

from knowledge.text import normalize
from knowledge.vocab import DATA_DIR

VEHICLES_FILE = DATA_DIR / "lexicon" / "vehicles.yaml"
# « la 206 », « une vieille clio », « ma twingo », « la clio de ma mère »: car models are feminine in French.
_BEFORE_MODEL = r"\b(?:la|une|ma|ta|sa|notre|votre|leur|cette)(?: (?:vieille|vielle|petite|grosse|nouvelle|bonne))? "


def _alternation(words: object) -> str:
    # A list keeps multi-word entries whole (« voiture sans permis »); a string is words separated by spaces.
    entries = words.split() if isinstance(words, str) else list(words or ())
    items = sorted({normalize(str(w)) for w in entries if normalize(str(w))}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


@lru_cache(maxsize=1)
def _lexicon(path: Path = VEHICLES_FILE) -> Dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("date") or not data.get("source"):
        raise ValueError(f"{path} : « date » et « source » sont obligatoires")
    return {key: _alternation(data[key]) for key in ("motorises", "non_motorises", "modeles")}


def patterns() -> Tuple[str, str]:
    """(motor vehicles, non-motor ways of getting about) as regex alternations of normalised words."""
    lexicon = _lexicon()
    return lexicon["motorises"], lexicon["non_motorises"]


def cars_named(t: str) -> Tuple[str, bool]:
    """Normalised text `t` with every car model named after an article written « voiture », and whether any was."""
    model = re.compile(rf"({_BEFORE_MODEL}){_lexicon()['modeles']}\b")
    replaced, count = model.subn(lambda m: f"{m.group(1)}voiture", t)
    return replaced, count > 0
