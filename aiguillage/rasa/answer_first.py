"""Applies reading/answer_first.py to Rasa's NLU result, where the tracker (the question asked) is known.

Rasa's MessageProcessor.parse_message receives the tracker; a message that answers the asked question but was
classified as an intent leaving the questionnaire (« j'ai arrêté en première » → stop) gets the intent
`inform`, so the form's slot mapping reads it and the rules keep the questionnaire going. The model's own
guess stays in `intent_ranking`, and the change is logged without the message's words.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from reading.answer_first import QUESTION_INTENT, answers_asked_question, question_not_goodbye

logger = logging.getLogger(__name__)
PROFILE_FORM = "profile_form"
_KNOWN = ("commune_candidates", "departement", "code_insee", "attempts")
_installed = False
_original_parse_message: Any = None


def corrected(parse_data: Dict[str, Any], tracker: Optional[Any]) -> Dict[str, Any]:
    """The NLU result, with intent `inform` when the message answers the form's question (pure but for the tracker)."""
    if tracker is None:
        return parse_data
    in_form = getattr(tracker, "active_loop_name", None) == PROFILE_FORM
    asked = tracker.get_slot("requested_slot") if in_form else None
    intent = (parse_data.get("intent") or {}).get("name")
    known = {name: tracker.get_slot(name) for name in _KNOWN}
    text = parse_data.get("text") or ""
    if not answers_asked_question(text, asked, intent, parse_data.get("entities") or (), known):
        after_list = not in_form and bool(tracker.get_slot("suggestions_shown"))
        if question_not_goodbye(text, intent, after_list):
            logger.info("Question lue malgré l'intention %s.", intent)
            confidence = (parse_data.get("intent") or {}).get("confidence", 1.0)
            return {**parse_data, "intent": {"name": QUESTION_INTENT, "confidence": confidence}}
        return parse_data
    logger.info("Réponse à la question « %s » lue malgré l'intention %s.", asked, intent)
    confidence = (parse_data.get("intent") or {}).get("confidence", 1.0)
    return {**parse_data, "intent": {"name": "inform", "confidence": confidence}}


async def parse_message_answer_first(
    self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True
) -> Dict[str, Any]:
    parse_data = await _original_parse_message(self, message, tracker, only_output_properties)
    return corrected(parse_data, tracker)


def install() -> None:
    global _installed, _original_parse_message
    if _installed:
        return
    from rasa.core.processor import MessageProcessor

    _original_parse_message = MessageProcessor.parse_message
    MessageProcessor.parse_message = parse_message_answer_first
    _installed = True
