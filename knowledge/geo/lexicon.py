"""The word lists of knowledge/data/lexicon/places.yaml, loaded once: data apart from code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Tuple

import yaml

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "places.yaml"


@lru_cache(maxsize=1)
def _lists() -> Dict[str, object]:
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


def words(name: str) -> FrozenSet[str]:
    """The list ``name`` of the lexicon, as a set of words."""
    return frozenset(str(_lists()[name]).split())


def phrases(name: str) -> Tuple[Tuple[str, ...], ...]:
    """The list ``name`` of the lexicon as phrases (tuples of words), longest first."""
    found = {tuple(str(item).split()) for item in list(_lists()[name])}
    return tuple(sorted(found, key=len, reverse=True))


def mapping(name: str) -> Dict[str, str]:
    return {str(k): str(v) for k, v in dict(_lists()[name]).items()}
