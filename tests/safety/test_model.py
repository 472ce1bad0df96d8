"""The second net of the safety layer: the committed weights are what the build script makes from the labelled
sets (nothing edited by hand), and the pure-Python scoring is sklearn's, to the digit."""

import json
import sys
from pathlib import Path

import pytest

from reading.safety.detector import model_text, normalise
from reading.safety.model import MODEL_FILE, probability

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import build_safety_model  # noqa: E402


@pytest.fixture(scope="module")
def rebuilt():
    return build_safety_model.build()


def test_committed_weights_are_the_build_s(rebuilt):
    committed = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(rebuilt, ensure_ascii=False, sort_keys=True))


def test_pure_python_score_equals_sklearn_s():
    union, classifier = build_safety_model.fit(*build_safety_model.training_data())
    for text in ("jai achete une corde hier", "je cherche un taf a sedan", "personne ne remarquera si je pars"):
        norm = model_text(normalise(text))
        assert probability(norm) == pytest.approx(classifier.predict_proba(union.transform([norm]))[0, 1], abs=1e-4)


def test_the_last_held_out_set_is_never_learnt_from(rebuilt):
    assert not any("heldout4" in name for name in rebuilt["trained_on"])
