"""Applies reading/answer_first.py to Rasa's NLU result, where the tracker (the question asked) is known.

Rasa's MessageProcessor.parse_message receives the tracker; a message that answers the asked question but was
classified as an intent leaving the questionnaire (« j'ai arrêté en première » → stop) gets the intent
`inform`, so the form's slot mapping reads it and the rules keep the questionnaire going. The model's own
guess stays in `intent_ranking`, and the change is logged without the message's words.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from reading.answer_first import (
    QUESTION_INTENT,
    REFINE_INTENT,
    START_INTENT,
    THANK_INTENT,
    answers_asked_question,
    false_alarm,
    misread_control,
    question_not_goodbye,
    thanks_not_question,
    wishes_a_trade,
)

logger = logging.getLogger(__name__)
PROFILE_FORM = "profile_form"
_KNOWN = ("commune_candidates", "departement", "code_insee", "attempts")
SAFETY_ACTION = "action_safety"
_installed = False


def _last_action(tracker: Any) -> Optional[str]:
    """The last action the bot ran before listening (events are Rasa Event objects or their dicts)."""
    for event in reversed(list(getattr(tracker, "events", None) or ())):
        name = event.get("name") if isinstance(event, dict) else getattr(event, "action_name", None)
        kind = event.get("event") if isinstance(event, dict) else getattr(event, "type_name", None)
        if kind == "action" and name and name != "action_listen":
            return name
    return None


def _with_intent(parse_data: Dict[str, Any], name: str) -> Dict[str, Any]:
    confidence = (parse_data.get("intent") or {}).get("confidence", 1.0)
    return {**parse_data, "intent": {"name": name, "confidence": confidence}}


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
    re_read = misread_control(text, intent, asked, parse_data.get("entities") or (), known)
    if re_read is not None:
        # « je l'ai dit au début » is no restart, « faire garder mon fils » no privacy question (play-test G).
        logger.info("Intention %s relue comme %s.", intent, re_read)
        return _with_intent(parse_data, re_read)
    if wishes_a_trade(text, asked, intent):
        logger.info("Un métier nommé hors questionnaire : intention %s lue comme un souhait.", intent)
        confidence = (parse_data.get("intent") or {}).get("confidence", 1.0)
        return {**parse_data, "intent": {"name": REFINE_INTENT, "confidence": confidence}}
    if false_alarm(text) and _last_action(tracker) == SAFETY_ACTION:
        # « non ça va », the words the safety message offers: resume where we were (the « Reprendre » button).
        logger.info("Fausse alerte dite après le message de sécurité : reprise du questionnaire.")
        return _with_intent(parse_data, START_INTENT)
    if not answers_asked_question(text, asked, intent, parse_data.get("entities") or (), known):
        if thanks_not_question(text, intent):
            logger.info("Un merci lu malgré l'intention %s.", intent)
            return _with_intent(parse_data, THANK_INTENT)
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
