"""The safety layer's second net (built by scripts/build_safety_model.py): how much a message looks like the
labelled messages in danger, from character and word n-grams. Read from knowledge/data/safety/modele.json."""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

MODEL_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "safety" / "modele.json"
# A message scored at or above this is treated as in danger. Chosen on held-out set 3 (tests/safety/README.md):
# lower caught little more and raised far more false alarms on idioms.
THRESHOLD = 0.65
PARTS = ("caracteres", "mots")


def vectorizers() -> List[Any]:
    """The two featurisers, in PARTS order (the build fits them; here they only cut text into n-grams)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return [
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2),
    ]


@lru_cache(maxsize=1)
def _model() -> Tuple[Dict[str, Any], List[Callable[[str], List[str]]]]:
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return model, [v.build_analyzer() for v in vectorizers()]


def probability(normalised_text: str) -> float:
    """Probability that the message is in danger (text already normalised by detector.normalise)."""
    model, analyzers = _model()
    score = model["intercept"]
    for name, analyze in zip(PARTS, analyzers):
        table = model["parts"][name]
        weights = []
        for gram, count in Counter(analyze(normalised_text)).items():
            if gram in table:
                idf, weight = table[gram]
                weights.append(((1.0 + math.log(count)) * idf, weight))
        norm = math.sqrt(sum(value * value for value, _ in weights)) or 1.0
        score += sum(value * weight for value, weight in weights) / norm
    return 1.0 / (1.0 + math.exp(-score))
