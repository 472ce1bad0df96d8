"""At the commune question, a commune's name is the answer, whatever intent the model reads in it.

The model classifies each message without knowing the question asked: « La Souterraine » typed at
« Dans quelle commune habitez-vous ? » was read as another intent (« la »…), so the form stepped aside
and the commune was lost. `install()` wraps Rasa's `MessageProcessor.parse_message`, which receives the
conversation's tracker: while profile_form asks the commune, knowledge.facts.answer_intent turns the
intent of a message that is exactly a commune (or a département) into `inform`. Anything else is left
as the model read it. Installed by `python -m aiguillage.rasa_server`."""

from __future__ import annotations

from typing import Any, Dict, Optional

from knowledge.facts import answer_intent

FORM = "profile_form"

_original_parse_message = None
_installed = False


def adjust(parse_data: Dict[str, Any], tracker: Any) -> Dict[str, Any]:
    """The parse result, its intent replaced when the form's question decides it (pure: unit-tested)."""
    if tracker is None or getattr(tracker, "active_loop_name", None) != FORM:
        return parse_data
    intent = (parse_data.get("intent") or {}).get("name")
    wanted = answer_intent(parse_data.get("text") or "", intent, tracker.get_slot("requested_slot"))
    if wanted == intent:
        return parse_data
    chosen = {"name": wanted, "confidence": 1.0}
    ranking = [r for r in parse_data.get("intent_ranking") or [] if r.get("name") != wanted]
    return {**parse_data, "intent": chosen, "intent_ranking": [chosen, *ranking]}


async def parse_message(self: Any, message: Any, tracker: Optional[Any] = None, only_output_properties: bool = True) -> Dict[str, Any]:
    parse_data = await _original_parse_message(self, message, tracker, only_output_properties)
    return adjust(parse_data, tracker)


def install() -> None:
    global _installed, _original_parse_message
    if _installed:
        return
    from rasa.core.processor import MessageProcessor

    _original_parse_message = MessageProcessor.parse_message
    MessageProcessor.parse_message = parse_message
    _installed = True
