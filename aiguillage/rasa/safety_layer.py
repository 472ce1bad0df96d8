"""Puts the safety layer (reading/safety) in front of Rasa: every user message, on every channel and at
every moment (welcome, any question of the form, after the suggestions, inside a correction), is looked at
before the NLU, the form, the rules or any slot mapping can read it.

A message that signals danger is replaced, before Rasa logs it, by the intent `safety_alert` with its
signals as entities (`danger`, `danger_age`, `langue`) and its plain, non-sensitive facts (age, commune, need,
diploma, who types: reading/safety/kept_facts.py), which action_safety keeps: the rules answer it whatever the
bot was doing, no slot mapping runs on it (action_extract_profile maps other intents only), and its words
reach no tracker, log or fiche — the tracker keeps « /safety_alert », the signals and those facts, never the text.
Called by aiguillage.rasa.input_guard's message handler, before a long message is cut: danger is often said last.
"""

from __future__ import annotations

from typing import Any, Dict, List

from reading.safety import detect
from reading.safety.kept_facts import kept_entities

SAFETY_INTENT = "safety_alert"
MASKED_TEXT = "/" + SAFETY_INTENT
# Intents that only the layer (safety_alert) or its answers' buttons (/english_help) send: on purpose without
# NLU training examples, so that the model never predicts them (the data tests know these two).
LAYER_INTENTS = (SAFETY_INTENT, "english_help")


def parse_data_for(text: str) -> Dict[str, Any] | None:
    """The NLU result the message must have, or None when it signals nothing (pure: unit-tested)."""
    detection = detect(text)
    if not detection.alarming:
        return None
    entities: List[Dict[str, Any]] = [
        {"entity": "danger", "value": s, "start": 0, "end": 0} for s in sorted(detection.signals)
    ]
    if detection.age_hint:
        entities.append({"entity": "danger_age", "value": detection.age_hint, "start": 0, "end": 0})
    if detection.english:
        entities.append({"entity": "langue", "value": "en", "start": 0, "end": 0})
    entities += kept_entities(text, detection)
    intent = {"name": SAFETY_INTENT, "confidence": 1.0}
    return {"text": MASKED_TEXT, "intent": intent, "entities": entities, "intent_ranking": [intent]}


def screen(message: Any) -> bool:
    """Rewrites a Rasa UserMessage in danger in place (text masked, NLU result set); True if it did."""
    text = getattr(message, "text", None)
    if not isinstance(text, str) or getattr(message, "parse_data", None):
        return False
    parse_data = parse_data_for(text)
    if parse_data is None:
        return False
    message.text = MASKED_TEXT
    message.parse_data = parse_data
    return True
