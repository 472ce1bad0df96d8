"""The NLU data's shape: enough varied examples per intent, a held-out set training never sees."""

import re
from collections import Counter
from pathlib import Path

import yaml

from aiguillage.rasa.safety_layer import LAYER_INTENTS
from knowledge.text import normalize

ROOT = Path(__file__).resolve().parents[1]
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def _examples(paths):
    found = []
    for path in paths:
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" in item:
                for line in item["examples"].splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        found.append((item["intent"], ANNOTATION.sub(r"\1", line[2:])))
    return found


TRAIN = _examples(sorted((ROOT / "bot" / "nlu").glob("*.yml")))
TEST = _examples([ROOT / "tests" / "nlu" / "test_nlu.yml"])


def test_every_domain_intent_has_at_least_25_training_examples():
    domain_intents = [i for i in yaml.safe_load((ROOT / "domain.yml").read_text())["intents"] if i not in LAYER_INTENTS]
    counts = Counter(intent for intent, _ in TRAIN)
    assert {i: counts[i] for i in domain_intents if counts[i] < 25} == {}


def test_held_out_set_never_seen_in_training():
    def key(text):
        return re.sub(r"[^a-z0-9]", "", normalize(text))

    seen = {key(text) for _, text in TRAIN}
    leaked = [text for _, text in TEST if key(text) in seen]
    assert leaked == []


def test_held_out_set_covers_every_intent():
    assert {intent for intent, _ in TRAIN} == {intent for intent, _ in TEST}
