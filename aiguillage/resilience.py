"""What the person sees when the action server is down, slow or failing — and never an empty answer.

Rasa 3.6 calls the action server through `RemoteAction.run` (custom actions, the form's validation,
the custom slot mappings). When the call fails it logs a traceback and the person gets no answer at
all; when the server hangs, the call waits five minutes. `install()` wraps that method:

* each call is bounded by $AIGUILLAGE_ACTION_TIMEOUT seconds (default 10);
* on a failure (connection refused, timeout, HTTP 5xx, malformed answer) the person gets, once per
  message, a kind apology (APOLOGY) that points to the mission locale;
  the other calls of the same message then fail at once instead of waiting again;
* Rasa goes on as before (the action's events are lost, the next message tries the server again), so
  the conversation recovers by itself when the action server is back;
* the log gets one line per failure instead of a traceback.

A 400 answer (`ActionExecutionRejection`, a form rejecting its execution) is normal dialogue flow and
is left alone.

Every message also gets an answer: when Rasa's prediction loop ends without any bot message since the
person's message — Rasa's silent built-ins (« /restart », « /back », « /session_start »), or a policy
predicting `action_listen` straight away — a short answer is sent: SILENT_BUILTINS' for those, else
`utter_default` (« Pardon, je n'ai pas compris… »). It is added to the tracker as a plain bot message,
without an action, so that it changes no prediction. A paused conversation (handed over to a person
through the API) stays silent, as Rasa intends.

These texts live here rather than in domain.yml: no story or rule uses them, and `rasa data validate`
(make validate, tests/test_rasa_data.py) fails on unused responses.

Installed by `python -m aiguillage.rasa_server`, the way scripts/run.sh and the tests start Rasa.
Checked against Rasa 3.6: rasa/core/actions/action.py (RemoteAction.run) and rasa/core/processor.py
(MessageProcessor._run_prediction_loop, _run_action).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Tuple

from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

TIMEOUT_ENV = "AIGUILLAGE_ACTION_TIMEOUT"
DEFAULT_TIMEOUT = 10.0
APOLOGY = ("Désolé, j'ai un problème technique et je ne peux pas bien vous répondre pour le moment. "
           "Réessayez dans quelques minutes. Si c'est urgent, contactez directement votre mission locale : "
           "un conseiller vous reçoit gratuitement.")
# Rasa's built-in actions that answer nothing (without utter_restart / utter_back in the domain).
SILENT_BUILTINS = {
    "action_restart": "C'est noté, on repart de zéro. Écrivez « bonjour » quand vous voulez commencer.",
    "action_back": "D'accord, je reviens en arrière.",
}
FALLBACK_RESPONSE = "utter_default"
# Messages whose action calls already failed: (sender, message id) → when. Bounded, and old entries
# expire, so that a message without an id (an API-triggered action) cannot block a sender for long.
_FAILED_TURNS: OrderedDict[Tuple[str, Optional[str]], float] = OrderedDict()
_FAILED_TURNS_MAX = 4096
_FAILED_TURN_SECONDS = 120.0

_original_run = None


def action_timeout() -> float:
    try:
        value = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class ActionServerUnavailable(RasaException):
    """Raised instead of Rasa's own error once the person has been told; Rasa catches it as before
    (a RasaException, because the custom slot mappings catch only those)."""


def _turn(tracker: Any) -> Tuple[str, Optional[str]]:
    """One user message: its id (channels give one, or Rasa draws one), else its timestamp."""
    message = getattr(tracker, "latest_message", None)
    key = getattr(message, "message_id", None) or getattr(message, "timestamp", None)
    return str(tracker.sender_id), None if key is None else str(key)


def _turn_already_failed(turn: Tuple[str, Optional[str]]) -> bool:
    now = time.monotonic()
    while _FAILED_TURNS:
        oldest, when = next(iter(_FAILED_TURNS.items()))
        if now - when < _FAILED_TURN_SECONDS and len(_FAILED_TURNS) <= _FAILED_TURNS_MAX:
            break
        _FAILED_TURNS.pop(oldest)
    return turn in _FAILED_TURNS


async def _tell_the_person(output_channel: Any, tracker: Any) -> None:
    try:
        await output_channel.send_response(tracker.sender_id, {"text": APOLOGY})
    except Exception as error:  # noqa: BLE001 - a broken channel is logged by Rasa elsewhere
        logger.warning("Impossible d'envoyer le message d'erreur technique : %s", error)


def _reason(error: BaseException) -> str:
    if isinstance(error, asyncio.TimeoutError):
        return f"pas de réponse en {action_timeout():g} s"
    cause = error.__cause__ or error.__context__
    text = str(error).strip() or type(error).__name__
    if cause is not None and str(cause).strip():
        text += f" ({type(cause).__name__}: {str(cause).strip()[:200]})"
    return text[:400]


async def guarded_run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
    """`RemoteAction.run`, bounded in time, with a kind word to the person when it fails."""
    from rasa.core.actions.action import ActionExecutionRejection

    turn = _turn(tracker)
    if _turn_already_failed(turn):
        raise ActionServerUnavailable(f"action « {self.name()} » non exécutée : serveur d'actions indisponible")
    try:
        return await asyncio.wait_for(_original_run(self, output_channel, nlg, tracker, domain), action_timeout())
    except ActionExecutionRejection:
        raise
    except Exception as error:  # noqa: BLE001 - any failure of the call is a failure for the person
        _FAILED_TURNS[turn] = time.monotonic()
        # One line, no tracker content: the log must not hold what the person wrote.
        logger.error("Serveur d'actions indisponible pour « %s » : %s", self.name(), _reason(error))
        await _tell_the_person(output_channel, tracker)
        raise ActionServerUnavailable(f"action « {self.name()} » non exécutée : serveur d'actions indisponible") from error


class _NoTracebackForKnownFaults(logging.Filter):
    """Rasa's processor logs every action failure with a traceback; ours is already explained above."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, ActionServerUnavailable):
            record.exc_info, record.exc_text = None, None
        return True


_original_loop = None


def said_something(tracker: Any) -> bool:
    """Whether the bot answered the latest user message (a bot message, or our apology)."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return True
        if isinstance(event, UserUttered):
            break
    return _turn(tracker) in _FAILED_TURNS


def _silent_builtin(tracker: Any) -> Optional[str]:
    from rasa.shared.core.events import ActionExecuted, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, ActionExecuted) and event.action_name in SILENT_BUILTINS:
            return event.action_name
    return None


async def loop_that_always_answers(self: Any, output_channel: Any, tracker: Any) -> None:
    """`MessageProcessor._run_prediction_loop`, then a short answer if the person got none."""
    from rasa.core.actions.action import create_bot_utterance

    await _original_loop(self, output_channel, tracker)
    if tracker.latest_message is None or tracker.is_paused() or said_something(tracker):
        return
    builtin = _silent_builtin(tracker)
    if builtin:
        message: Optional[Dict[str, Any]] = {"text": SILENT_BUILTINS[builtin]}
    else:
        message = await self.nlg.generate(FALLBACK_RESPONSE, tracker, output_channel.name())
        if not message:
            return
        message["utter_action"] = FALLBACK_RESPONSE
    logger.info("Message resté sans réponse (%s) : réponse par défaut envoyée.", builtin or "aucune action n'a parlé")
    utterance = create_bot_utterance(message)
    tracker.update(utterance)
    await output_channel.send_response(tracker.sender_id, utterance.message())


def install() -> None:
    """Wraps `RemoteAction.run` and `MessageProcessor._run_prediction_loop` (idempotent). Every place
    Rasa builds a RemoteAction is covered."""
    global _original_run, _original_loop
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor

    if _original_run is not None:
        return
    _original_run = RemoteAction.run
    RemoteAction.run = guarded_run
    _original_loop = MessageProcessor._run_prediction_loop
    MessageProcessor._run_prediction_loop = loop_that_always_answers
    for name in ("rasa.core.processor", "rasa.core.actions.action", "rasa.core.actions.forms"):
        logging.getLogger(name).addFilter(_NoTracebackForKnownFaults())
