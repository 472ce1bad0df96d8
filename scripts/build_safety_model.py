"""Builds the safety layer's second net, knowledge/data/safety/modele.json, from the labelled messages of
tests/safety/ (the sets marked for training in reading.safety.evaluation.SETS).

The patterns of signaux.yaml catch what they were shown and close variants; measured on sets written after
them, they missed about a third of new indirect phrasings (tests/safety/README.md). This model — TF-IDF of
character and word n-grams, logistic regression — scores how much a message looks like the messages in
danger, so that a phrasing no pattern knows still gets help. It only says « danger or not »: the patterns
say which help; the model alone gives the general answer (all the numbers).

Stored as plain JSON (vocabulary, idf, weight per n-gram): readable, no pickle, rebuilt identically
(tests/safety/test_model.py). Run: .venv/bin/python scripts/build_safety_model.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reading.safety.detector import model_text, normalise, pattern_alarm  # noqa: E402
from reading.safety.evaluation import TRAINING_SETS, load_set, nlu_examples  # noqa: E402
from reading.safety.model import MODEL_FILE, PARTS, THRESHOLD, vectorizers  # noqa: E402

C = 3.0  # chosen on held-out set 3 (tests/safety/README.md); stronger regularisation gave more misses


def everyday_messages() -> list:
    """What people ordinarily write to the bot: the NLU training examples (bot/nlu/) and the understanding set
    (tests/understanding/), without the few the patterns already take for danger (« je dors dans ma voiture »).
    Trained on the safety sets alone, the model took « t'as pas plus proche ? » or « a plus » for danger:
    these ~2,400 messages teach it what ordinary looks like."""
    texts = [text for path in sorted((ROOT / "bot" / "nlu").glob("*.yml")) for text in nlu_examples(path)]
    understanding = yaml.safe_load((ROOT / "tests" / "understanding" / "messages.yaml").read_text(encoding="utf-8"))
    texts += [m["text"] for m in understanding["messages"]]
    return [t for t in texts if not t.startswith("/") and not pattern_alarm(t)]


def training_data() -> tuple:
    """The texts the model reads (normalised, exclusions blanked) and whether each is in danger."""
    texts, labels = [], []
    for danger, ordinary in TRAINING_SETS:
        for entry in load_set(danger) + load_set(ordinary):
            texts.append(model_text(normalise(entry["text"])))
            labels.append(entry["situation"] != "aucune")
    for text in everyday_messages():
        texts.append(model_text(normalise(text)))
        labels.append(False)
    return texts, labels


def fit(texts: list, labels: list) -> tuple:
    """The fitted featurisers (one union) and classifier."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    union = make_union(*vectorizers())
    classifier = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    classifier.fit(union.fit_transform(texts), labels)
    return union, classifier


def build() -> dict:
    texts, labels = training_data()
    union, classifier = fit(texts, labels)
    weights = classifier.coef_[0]
    parts, offset = {}, 0
    for name, (_, vectorizer) in zip(PARTS, union.transformer_list):
        vocabulary = vectorizer.vocabulary_
        parts[name] = {
            gram: [round(float(vectorizer.idf_[i]), 6), round(float(weights[offset + i]), 6)]
            for gram, i in sorted(vocabulary.items())
        }
        offset += len(vocabulary)
    return {
        "about": "Second net of the safety layer: built by scripts/build_safety_model.py, do not edit by hand.",
        "trained_on": [name for pair in TRAINING_SETS for name in pair],
        "messages": len(texts),
        "C": C,
        "threshold": THRESHOLD,
        "intercept": round(float(classifier.intercept_[0]), 6),
        "parts": parts,
    }


def main() -> int:
    model = build()
    MODEL_FILE.write_text(
        json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"{MODEL_FILE.relative_to(ROOT)} : {model['messages']} messages, "
        f"{sum(len(p) for p in model['parts'].values())} n-grammes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
